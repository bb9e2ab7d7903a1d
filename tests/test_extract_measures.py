"""Measures and roles bound to numbers, and coordinated pairs sharing one hedge."""

from __future__ import annotations

import datetime as dt

import pytest

from watchfloor.news.extract import extract_claims

PUB = dt.date(2025, 1, 13)


def _claims(text: str) -> list[tuple[str, str | None, str, float | None, float | None]]:
    return [
        (c.measure, c.role, c.bound, c.low, c.high)
        for c in extract_claims(text, published=PUB, nlp="rules")
    ]


def test_coordinated_pair_shares_hedge() -> None:
    """'around 300 killed and 2,700 wounded' is two approx claims."""
    text = "Around 300 North Korean soldiers have been killed and 2,700 wounded, the NIS said."
    assert _claims(text) == [
        ("killed", None, "approx", 300, 300),
        ("wounded", None, "approx", 2700, 2700),
    ]


def test_bare_coordinated_pair() -> None:
    """A bare pair 'about 300 killed and 2,700 wounded' binds each number to its word."""
    assert _claims("The toll was about 300 killed and 2,700 wounded.") == [
        ("killed", None, "approx", 300, 300),
        ("wounded", None, "approx", 2700, 2700),
    ]


@pytest.mark.parametrize(
    ("text", "measure"),
    [
        ("It said 300 soldiers were killed.", "killed"),
        ("It said 300 North Korean soldiers died.", "killed"),
        ("It counted 300 dead.", "killed"),
        ("It said 300 soldiers were wounded.", "wounded"),
        ("It said 300 soldiers were injured.", "wounded"),
        ("It reported 300 casualties.", "casualties"),
        ("It said 300 soldiers were killed or wounded.", "casualties"),
        ("It said two North Korean soldiers were captured.", "captured"),
        ("Ukraine holds 12 POWs.", "captured"),
        ("It said 40 soldiers were missing.", "missing"),
        ("Ukrainian drones killed 300 North Korean soldiers.", "killed"),
        ("Approximately 4,000 of those troops have died.", "killed"),
        ("North Korean casualties had reached about 4,700.", "casualties"),
        ("The death toll rose to 4,000 last month.", "killed"),
        ("It sent 3,000 more soldiers.", "troops"),
        ("North Korea has some 1.2 million active troops.", "troops"),
        ("Our brigade counted more than 150 bodies.", "killed"),
        ("Kyiv says 500 soldiers had been taken prisoner.", "captured"),
        ("Ukrainian losses exceeded 76,000 servicemen, it said.", "casualties"),
        ("It said 200 Korean servicemen are still being treated in hospitals.", "wounded"),
        ("Pyongyang sent 300 members of the armed forces of the DPRK to Kursk.", "troops"),
        ("Kyiv held two members of the armed forces of the DPRK.", "captured"),
        ("Zelensky announced the capture of two North Korean soldiers.", "captured"),
        ('Its operators had "eliminated" a dozen North Korean soldiers.', "killed"),
        ("Russia may throw tens of thousands more North Koreans at Ukraine.", "troops"),
        ("It killed 150. The GUR says Pyongyang is preparing another 5,000 or so.", "troops"),
        ("In the exchange, 1,000 Ukrainians returned home.", "captured"),
        ("Two North Korean soldiers are now in the custody of the SBU.", "captured"),
        (
            "It questioned two servicemen of the armed forces of the DPRK who were captured.",
            "captured",
        ),
        ("A commander ordered the execution of 16 Ukrainian prisoners of war.", "killed"),
        ("Our forces have killed and wounded more than 3,800 of them.", "casualties"),
        ("Losses in Kursk now exceed 3,800 killed and wounded.", "casualties"),
    ],
)
def test_measures(text: str, measure: str) -> None:
    """Each people noun or casualty word gives its measure."""
    found = _claims(text)
    assert found and found[-1][0] == measure
    assert len(found) == 1 + text.count("It killed")


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("It moved some 1,500 special forces soldiers.", "special forces"),
        ("It will send 1,000 sappers.", "sapper"),
        ("It will send 1,000 deminers.", "sapper"),
        ("It will send 500 military engineers.", "engineer"),
        ("It will send 5,000 military construction workers.", "military builder"),
        ("It will send 5,000 military builders.", "military builder"),
        ("It will send 2,000 workers.", "worker"),
        ("It will send 2,000 troops.", None),
    ],
)
def test_roles(text: str, role: str | None) -> None:
    """Troop subtypes are kept in role under the troops measure."""
    found = _claims(text)
    assert [(m, r) for m, r, *_ in found] == [("troops", role)]


def test_two_roles_in_one_sentence() -> None:
    """'1,000 deminers and 5,000 military construction workers' is two exact claims."""
    text = "North Korea would send 1,000 deminers and 5,000 military construction workers."
    assert _claims(text) == [
        ("troops", "sapper", "exact", 1000, 1000),
        ("troops", "military builder", "exact", 5000, 5000),
    ]


def test_subject_actor_location() -> None:
    """Subject, actor and location come from the noun phrase and the place phrase."""
    (claim,) = extract_claims(
        "About 11,000 North Korean troops were deployed in Kursk.", published=PUB, nlp="rules"
    )
    assert (claim.subject, claim.actor, claim.location) == ("North Korean troops", "PRK", "Kursk")


def test_actor_from_clause_subject() -> None:
    """With no demonym in the noun phrase, the country that sent them is the actor."""
    (claim,) = extract_claims(
        "North Korea has sent 3,000 more soldiers to Russia, Seoul says.",
        published=PUB,
        nlp="rules",
    )
    assert (claim.actor, claim.location) == ("PRK", "Russia")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # hyphen and "to" ranges with no noun after them, bound through "who" or "the figure"
        (
            "It said 10,000 troops were sent. HUR has put the figure at 11,000-12,000.",
            [("troops", 10000, 10000), ("troops", 11000, 12000)],
        ),
        ("It lost 1,500 soldiers out of 10,000 to 12,000 who served.", None),
        # partitives without a casualty verb count the antecedent or the named group
        (
            "More than 10,000 soldiers were sent, with as many as 8,000 of them in Kursk.",
            [("troops", 10000, None), ("troops", None, 8000)],
        ),
        ("Nearly 200 of the most seriously injured were flown home.", [("wounded", None, 200)]),
        ("Some 500 of the newcomers joined artillery units.", [("troops", 500, 500)]),
        (
            "North Korean workers, tens of thousands of whom are in Russia, earn cash.",
            [("troops", 20000, 99999)],
        ),
        # weak nouns: demonyms with a casualty verb, hedged officers, generals
        ("A U.S. official said dozens of North Koreans had been killed.", [("killed", 24, 99)]),
        ("The contingent includes some 500 officers and three generals.", None),
        # gerunds, "others" after a casualty verb or a previous count, "listed as missing"
        (
            "They repelled an assault, killing at least 17 soldiers and wounding roughly "
            "20 others.",
            [("killed", 17, None), ("wounded", 20, 20)],
        ),
        (
            "About 200 wounded were flown home. Over 100 others went by train.",
            [("wounded", 200, 200), ("wounded", 100, None)],
        ),
        (
            "Casualties reached about 4,200, with 50 more soldiers listed as missing.",
            [("casualties", 4200, 4200), ("missing", 50, 50)],
        ),
        # numbers with an auxiliary before the casualty verb; "or more"; volunteers
        ("The NIS said about 2,000 had died.", [("killed", 2000, 2000)]),
        ("It may deploy 10,000 or more troops next year.", [("troops", 10000, None)]),
        (
            "Media said more than 1.5 million young people had volunteered.",
            [("troops", 1500000, None)],
        ),
        # a bare "toll" refers back to the previous count's measure
        (
            "It lost almost 4,000 men killed or wounded. Seoul put the toll at about 3,000.",
            [("casualties", None, 4000), ("casualties", 3000, 3000)],
        ),
        # an unsized count beside a sized one, after "of"
        (
            "Russia will send 6,000 sappers, and analysts expect the dispatch of more troops.",
            [("troops", 6000, 6000), ("troops", None, None)],
        ),
    ],
)
def test_binding_rules(
    text: str, expected: list[tuple[str, float | None, float | None]] | None
) -> None:
    """Each binding rule yields its (measure, low, high); None checks only that all are found."""
    found = [(m, lo, hi) for m, _, _, lo, hi in _claims(text)]
    if expected is None:
        assert len(found) == 2, found
    else:
        assert found == expected


@pytest.mark.parametrize(
    "text",
    [
        "The figures imply roughly 2.5 wounded for every soldier killed.",
        "It fired dozens of ballistic missiles and 12 million shells.",
        "The two men said they were told nothing.",
    ],
)
def test_distractors_are_not_claims(text: str) -> None:
    """Ratios, things and references back to individuals are not counts of people."""
    assert _claims(text) == []


def test_one_in_three_is_a_ratio_not_a_count() -> None:
    text = '"Roughly one in three North Korean soldiers has been hit," she said.'
    assert _claims(text) == []
    assert _claims("The unit killed 50 North Korean soldiers and wounded 47 in three days.") == [
        ("killed", None, "exact", 50, 50),
        ("wounded", None, "exact", 47, 47),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Russia has deployed some 50,000 troops to Kursk, including 11,000 North Koreans.",
            [("troops", None, "approx", 50000, 50000), ("troops", None, "exact", 11000, 11000)],
        ),
        (
            "Russia has deployed 11,000 North Koreans to Kursk.",
            [("troops", None, "exact", 11000, 11000)],
        ),
        (
            "Around 3,000 additional soldiers were dispatched in January, bringing the total to "
            "about 14,000.",
            [("troops", None, "approx", 3000, 3000), ("troops", None, "approx", 14000, 14000)],
        ),
        (
            "About 1,500 soldiers arrived in October. Another 3,000 followed in November.",
            [("troops", None, "approx", 1500, 1500), ("troops", None, "exact", 3000, 3000)],
        ),
        ("More than 1,200 residents, including 180 children, have left their homes.", []),
    ],
)
def test_nationals_sent_as_a_force_running_totals_and_followers(
    text: str, expected: list[tuple[str, str | None, str, float | None, float | None]]
) -> None:
    assert _claims(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Among the dead were at least four officers, the lawmaker said.",
            [("killed", "officers", "lower", 4, None)],
        ),
        (
            "The remains of about 100 soldiers were returned by train in July.",
            [("killed", None, "approx", 100, 100)],
        ),
        (
            "North Korea is expected to raise the number to around 10,000 by December.",
            [("troops", None, "approx", 10000, 10000)],
        ),
    ],
)
def test_among_the_dead_remains_and_raised_totals(
    text: str, expected: list[tuple[str, str | None, str, float | None, float | None]]
) -> None:
    assert _claims(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ukraine says more than 8,000 of its service members are in Russian captivity.",
            [("captured", None, "lower", 8000, None)],
        ),
        (
            "More than 300 Ukrainian servicemen had surrendered to Russian forces.",
            [("captured", None, "lower", 300, None)],
        ),
    ],
)
def test_captivity_and_surrender_are_captured(
    text: str, expected: list[tuple[str, str | None, str, float | None, float | None]]
) -> None:
    assert _claims(text) == expected


def test_wounded_before_the_noun_counts_the_wounded() -> None:
    text = "Dozens of wounded North Korean soldiers have been evacuated to military hospitals."
    assert _claims(text) == [("wounded", None, "vague", 24, 99)]


@pytest.mark.parametrize(
    ("text", "measure"),
    [
        ("About 2,000 Belarusian soldiers are estimated to have been killed.", "killed"),
        ("Around 600 soldiers are thought to have been wounded, an official said.", "wounded"),
        ("About 3,000 soldiers are believed to have been sent to the front.", "troops"),
    ],
)
def test_a_reporting_passive_between_the_noun_and_its_casualty_verb(
    text: str, measure: str
) -> None:
    claims = extract_claims(text, published=dt.date(2025, 3, 14), nlp="rules")
    assert [c.measure for c in claims] == [measure]


def test_hand_over_is_no_hedge_and_the_two_prisoners_are_a_count() -> None:
    text = "Kyiv is ready to hand over two North Korean soldiers captured in Kursk, he said."
    assert _claims(text) == [("captured", None, "exact", 2, 2)]
    text = "The two North Korean prisoners of war were interviewed by the agency."
    assert _claims(text) == [("captured", None, "exact", 2, 2)]
    assert _claims("The two men said the 12 soldiers were tired.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Nine comrades laid down their lives on the minefields of Kursk.",
        'He said: "Nine of our precious sons laid down their lives in Kursk."',
        "The leader honoured nine fallen soldiers at the ceremony.",
        "Nine soldiers perished in the blast.",
    ],
)
def test_state_medias_words_for_the_killed(text: str) -> None:
    assert _claims(text) == [("killed", None, "exact", 9, 9)]


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("They come in groups of 20 to 30, in waves, a commander said.", 20, 30),
        ("They walk in columns of twenty or thirty across open fields.", 20, 30),
        ("An engineering regiment of 1,000 men was sent to Kursk.", 1000, 1000),
    ],
)
def test_group_and_unit_sizes_are_troops(text: str, low: float, high: float) -> None:
    assert [(c.measure, c.low, c.high) for c in extract_claims(text, nlp="rules")] == [
        ("troops", low, high)
    ]


@pytest.mark.parametrize(
    ("text", "claims"),
    [
        ("Pyongyang was preparing to rotate in replacement troops, the agency said.", 1),
        ("The official said Pyongyang was expected to send replacements.", 1),
        ("He said Pyongyang was prepared to send additional workers to building sites.", 1),
        ("Further contingents may follow in the coming months.", 1),
        ("The company hired more workers for its factory.", 0),
    ],
)
def test_unsized_replacements_and_workers_sent(text: str, claims: int) -> None:
    found = extract_claims(text, nlp="rules")
    assert [(c.measure, c.bound) for c in found] == [("troops", "unknown")] * claims


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        (
            "The enemy's losses in the Kursk direction since August 2024 amounted to more than "
            "76,000 servicemen.",
            ("casualties", None, "lower", 76000, None),
        ),
        (
            '"Three North Korean soldiers went missing near Vorozhba," the statement reads.',
            ("missing", None, "exact", 3, 3),
        ),
        (
            "Ukrainian forces have taken two North Korean soldiers prisoner.",
            ("captured", None, "exact", 2, 2),
        ),
        ("The leader bowed before the 101 fallen heroes.", ("killed", None, "exact", 101, 101)),
    ],
)
def test_losses_amounting_to_missing_prisoners_and_fallen_heroes(
    text: str, claim: tuple[str, str | None, str, float | None, float | None]
) -> None:
    assert _claims(text) == [claim]


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        # hedges and vague quantities
        (
            "Officials cited figures as high as 3,000 soldiers.",
            ("troops", None, "upper", None, 3000),
        ),
        (
            "Pyongyang's few thousand soldiers do not change that.",
            ("troops", None, "vague", 2000, 9999),
        ),
        # people held by the other side are captured
        (
            "Two North Korean soldiers held by Ukraine described the fighting.",
            ("captured", None, "exact", 2, 2),
        ),
        # members of a unit, and "fallen" as a verb of dying
        ("Nine members of an engineering regiment had died.", ("killed", None, "exact", 9, 9)),
        (
            "Nine fighters of the regiment had fallen while clearing mines.",
            ("killed", None, "exact", 9, 9),
        ),
        (
            "The number of troops had fallen to 3,000 by then.",
            ("troops", None, "exact", 3000, 3000),
        ),
        # dispatch groups and totals
        (
            "A second group of 500 or more is supposed to go in April.",
            ("troops", None, "lower", 500, None),
        ),
        (
            "Pyongyang had decided to send a total of 12,000.",
            ("troops", None, "exact", 12000, 12000),
        ),
        # killed or wounded is casualties, whatever the total lists
        (
            "The NIS put the number of soldiers killed or wounded at more than 6,000.",
            ("casualties", None, "lower", 6000, None),
        ),
        (
            "We estimate total casualties, including the wounded, captured and missing, at "
            "6,000 to 7,000.",
            ("casualties", None, "range", 6000, 7000),
        ),
        (
            "Including the wounded, the toll is likely to exceed 6,000.",
            ("casualties", None, "lower", 6000, None),
        ),
    ],
)
def test_hedges_captives_units_groups_and_casualty_totals(
    text: str, claim: tuple[str, str | None, str, float | None, float | None]
) -> None:
    assert _claims(text) == [claim]


def test_a_batch_of_things_is_no_group_of_people() -> None:
    assert _claims("North Korea sent a second batch of 300 missiles.") == []


def test_a_figure_after_killed_and_wounded_counts_both() -> None:
    text = (
        "The president, who put losses at more than 3,000 killed and wounded, now speaks of "
        "nearly 4,000."
    )
    assert [c[0] for c in _claims(text)] == ["casualties", "casualties"]


@pytest.mark.parametrize(
    ("text", "claims"),
    [
        (
            "The video shows the destruction of three North Korean soldiers.",
            [("killed", None, "exact", 3, 3)],
        ),
        (
            "Total Russian combat losses since February 24, 2022 have reached 768,450 personnel.",
            [("casualties", None, "exact", 768450, 768450)],
        ),
        (
            "Several hundred of them are reported to have been wounded by mines.",
            [("wounded", None, "vague", 200, 999)],
        ),
        (
            "Only two North Koreans are known to be in Ukrainian hands.",
            [("captured", None, "exact", 2, 2)],
        ),
        (
            "Two servicemen of the Korean People's Army, captured by Ukrainian forces, spoke.",
            [("captured", None, "exact", 2, 2)],
        ),
        (
            "They were sent forward in groups of 20 to 30 without cover.",
            [("troops", None, "range", 20, 30)],
        ),
        (
            "The returning servicepersons, numbering about 300, were greeted by families.",
            [("troops", None, "approx", 300, 300)],
        ),
        (
            "North Korea is likely to keep a force of roughly 10,000 in Russia.",
            [("troops", None, "approx", 10000, 10000)],
        ),
        ("She counted a few dozen soldiers.", [("troops", None, "vague", 24, 99)]),
        (
            "Some 4,000 troops were killed or wounded, some 600 of them fatally.",
            [("casualties", None, "approx", 4000, 4000), ("killed", None, "approx", 600, 600)],
        ),
        (
            "The number of North Korean soldiers killed in the fighting is about 2,000.",
            [("killed", None, "approx", 2000, 2000)],
        ),
        (
            "Some 4,000 of the 5,000 military builders have arrived.",
            [
                ("troops", "military builder", "approx", 4000, 4000),
                ("troops", "military builder", "exact", 5000, 5000),
            ],
        ),
        (
            "North Korea sent 11,000 troops last fall and about 3,000 more early this year.",
            [("troops", None, "exact", 11000, 11000), ("troops", None, "approx", 3000, 3000)],
        ),
    ],
)
def test_destruction_dated_tolls_raised_casualties_captives_and_partitives(
    text: str, claims: list[tuple[str, str | None, str, float | None, float | None]]
) -> None:
    assert _claims(text) == claims


@pytest.mark.parametrize(
    ("text", "claims"),
    [
        (
            "A document records that 263 soldiers were evacuated with wounds from the front.",
            [("wounded", None, "exact", 263, 263)],
        ),
        (
            "The summary notes that 18 of the wounded later died in hospital.",
            [("killed", None, "exact", 18, 18)],
        ),
        (
            "In the exchange, 185 servicemen and 20 civilians were returned to Ukraine.",
            [("captured", None, "exact", 185, 185), ("captured", None, "exact", 20, 20)],
        ),
        ("300 civilians were killed in the strike.", []),
        (
            "Kim congratulated the hundreds of officers and men of the regiment.",
            [("troops", None, "vague", 200, 999)],
        ),
        (
            "He said that nine comrades of the regiment had laid down their lives.",
            [("killed", None, "exact", 9, 9)],
        ),
        (
            "A fresh detachment of engineers had already been dispatched.",
            [("troops", None, "unknown", None, None)],
        ),
        (
            "In November, Russian personnel losses totalled 45,720.",
            [("casualties", None, "exact", 45720, 45720)],
        ),
        (
            "The agency believed that the dead included 40 or more officers.",
            [("killed", "officers", "lower", 40, None)],
        ),
    ],
)
def test_wounds_later_deaths_exchanges_comrades_detachments_and_the_dead(
    text: str, claims: list[tuple[str, str | None, str, float | None, float | None]]
) -> None:
    assert _claims(text) == claims


def test_destroyed_vehicles_are_no_casualties() -> None:
    assert _claims("Drone operators also destroyed at least 12 armoured vehicles.") == []


def test_a_total_including_the_wounded_that_now_exceeds_a_figure() -> None:
    assert _claims("Total casualties, including the wounded, now exceed 6,000.") == [
        ("casualties", None, "lower", 6000, None)
    ]


@pytest.mark.parametrize(
    ("text", "claims"),
    [
        (
            "The ceremony welcomed more than 1,000 returning servicepersons.",
            [("troops", None, "lower", 1000, None)],
        ),
        (
            "He said roughly 2,000 members of his brigade were in Kursk.",
            [("troops", None, "approx", 2000, 2000)],
        ),
        (
            "Kim said another engineer regiment would be sent to Kursk.",
            [("troops", None, "unknown", None, None)],
        ),
    ],
)
def test_returning_servicepersons_members_of_his_brigade_and_another_regiment(
    text: str, claims: list[tuple[str, str | None, str, float | None, float | None]]
) -> None:
    assert _claims(text) == claims
