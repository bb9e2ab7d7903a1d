"""Reporting patterns written for this test (not taken from any corpus): elliptical counts,
agentive passives, leaked documents, spokespeople, relays, denials' origins and time phrases.

Each case is one short report; the claim checked is the one whose number is ``anchor``.
"""

from __future__ import annotations

import datetime as dt

import pytest

from watchfloor.news.extract import extract_claims

PUB = dt.date(2025, 3, 14)  # a Friday


def _claim(text: str, anchor: str, outlet: str | None = None):  # type: ignore[no-untyped-def]
    claims = extract_claims(text, published=PUB, outlet=outlet, nlp="rules")
    at = text.index(anchor)
    hits = [c for c in claims if c.extra["count_span"][0] <= at < c.extra["count_span"][1]]
    assert hits, (anchor, [(c.measure, c.low, c.high) for c in claims])
    return hits[0]


# (text, anchor, measure, low, high, chain, time start..end or None for publication)
CASES = [
    # elliptical counts: the people noun was given earlier
    (
        "Belarus has stationed 4,000 paratroopers near the border and may add up to 2,000 more "
        "by the summer, the defence ministry in Vilnius said.",
        "2,000",
        "troops",
        None,
        2000,
        ("defence ministry in Vilnius",),
        ("2025-06-01", "2025-08-31"),
    ),
    (
        "About 9,000 soldiers took part in the drill; the remainder, roughly 1,200, stayed in "
        "barracks, the army said.",
        "1,200",
        "troops",
        1200,
        1200,
        ("army",),
        None,
    ),
    (
        "The brigade fielded some 5,000 troops, of whom about 700 are reservists, officials said.",
        "700",
        "troops",
        700,
        700,
        ("officials",),
        None,
    ),
    (
        "The institute counts 9,000 troops in the region. Its analysts expect a further 3,500 "
        "to arrive before the autumn.",
        "3,500",
        "troops",
        3500,
        3500,
        ("analysts",),
        ("2025-03-14", "2025-08-31"),
    ),
    (
        "Fresh recruits keep coming: 800 soldiers landed and hundreds more were waiting at "
        "the port on Monday, a port worker told reporters.",
        "hundreds more",
        "troops",
        200,
        999,
        ("port worker",),
        ("2025-03-10", "2025-03-10"),
    ),
    (
        "A regional governor put the size of the garrison at several thousand, but declined "
        "to be more precise.",
        "several thousand",
        "troops",
        2000,
        9999,
        ("regional governor",),
        None,
    ),
    # counts bound through a verb or a status after the noun
    (
        "Of the conscripts mobilised last spring, about 2,300 are believed by the monitoring "
        "group to have been killed or wounded.",
        "2,300",
        "casualties",
        2300,
        2300,
        ("monitoring group",),
        None,
    ),
    (
        "A hospital register seen by The Times lists 61 marines as missing after the landing.",
        "61",
        "missing",
        61,
        61,
        ("hospital register", "Times"),
        None,
    ),
    (
        "The rebels' dead in the valley number more than 450, a medic said.",
        "450",
        "killed",
        450,
        None,
        ("medic",),
        None,
    ),
    (
        "About 4,000 Russians had entered the country on tourist visas, the border office said.",
        "4,000",
        "troops",
        4000,
        4000,
        ("border office",),
        None,
    ),
    (
        "The column numbered 2,000 or so fresh fighters, a witness said.",
        "2,000 or so",
        "troops",
        2000,
        2000,
        ("witness",),
        None,
    ),
    (
        "State television showed a 600-strong battalion marching through the capital.",
        "600",
        "troops",
        600,
        600,
        ("State television",),
        None,
    ),
    (
        "A second witness said that dozens of their comrades were wounded by shelling.",
        "dozens",
        "wounded",
        24,
        99,
        ("second witness",),
        None,
    ),
    # leaked documents, reports and their authors
    (
        "Some 7,500 troops have massed near the border, according to a confidential NATO "
        "assessment seen by Der Spiegel.",
        "7,500",
        "troops",
        7500,
        7500,
        ("confidential NATO assessment",),
        None,
    ),
    (
        "An internal army memo reviewed by the Financial Times envisages up to 12,000 new "
        "recruits by the end of the year.",
        "12,000",
        "troops",
        None,
        12000,
        ("internal army memo", "Financial Times"),
        ("2025-03-14", "2025-12-31"),
    ),
    (
        "About 900 fighters were killed in the offensive, according to British and French "
        "estimates.",
        "900",
        "killed",
        900,
        900,
        ("British and French estimates",),
        None,
    ),
    # spokespeople speak for their institution; relays
    (
        "Interior Ministry spokeswoman Anna Berg said 300 officers were injured.",
        "300",
        "wounded",
        300,
        300,
        ("Interior Ministry",),
        None,
    ),
    (
        "The general was quoted by Interfax as saying that 5,000 reservists would be called up.",
        "5,000",
        "troops",
        5000,
        5000,
        ("general", "Interfax"),
        None,
    ),
    (
        "Kenyan lawmakers, briefed by the National Intelligence Service in February, put the "
        "number of troops at around 1,100.",
        "1,100",
        "troops",
        1100,
        1100,
        ("National Intelligence Service", "Kenyan lawmakers"),
        ("2025-02-01", "2025-02-28"),
    ),
    (
        "The agency reported, citing a police official who in turn cited hospital records, "
        "that at least 80 people were killed.",
        "80",
        "killed",
        80,
        None,
        ("hospital records", "police official", "agency"),
        None,
    ),
    (
        "Another source, a customs officer in Narva, said about 250 workers crossed last week.",
        "250",
        "troops",
        250,
        250,
        ("customs officer in Narva",),
        ("2025-03-03", "2025-03-09"),
    ),
    (
        "About 3,000 troops remain, according to people close to the Defence Ministry.",
        "3,000",
        "troops",
        3000,
        3000,
        ("people close to the Defence Ministry",),
        None,
    ),
    (
        "A trader in the border town of Hyesan told the outlet that 400 workers had left.",
        "400",
        "troops",
        400,
        400,
        ("trader in Hyesan",),
        None,
    ),
    # denials name the figure's origin; our own voice
    (
        "The ministry dismissed as propaganda claims by opposition groups that 2,000 soldiers "
        "had deserted.",
        "2,000",
        "troops",
        2000,
        2000,
        ("opposition groups",),
        None,
    ),
    (
        "Our own tally of obituaries puts the dead at at least 140.",
        "140",
        "killed",
        140,
        None,
        ("Harbour Institute for Security",),
        None,
    ),
    # time expressions
    (
        "The ministry said 1,800 soldiers had arrived since May.",
        "1,800",
        "troops",
        1800,
        1800,
        ("ministry",),
        ("2024-05-01", "2025-03-14"),
    ),
    (
        "The army rotated 2,500 fresh soldiers into the region during the first two months of "
        "the year, officials said.",
        "2,500",
        "troops",
        2500,
        2500,
        ("officials",),
        ("2025-01-01", "2025-02-28"),
    ),
    (
        "The register, dated 9 February, lists 33 soldiers as killed in action, the agency said.",
        "33",
        "killed",
        33,
        33,
        ("agency",),
        ("2025-02-09", "2025-02-09"),
    ),
    (
        "A spokesman said that the unit pulled out in January had since received 600 fresh troops.",
        "600",
        "troops",
        600,
        600,
        ("spokesman",),
        None,
    ),
    (
        "Navy losses have reached more than 9,000 sailors and marines since the start of the "
        "full-scale invasion, the General Staff said.",
        "9,000",
        "casualties",
        9000,
        None,
        ("General Staff",),
        ("2022-02-24", "2025-03-14"),
    ),
    (
        "Monitors counted around 5,200 casualties, including some 900 dead, in February.",
        "900",
        "killed",
        900,
        900,
        ("Monitors",),
        ("2025-02-01", "2025-02-28"),
    ),
    (
        "The governor said 1,000 engineers would be in place by the end of the summer.",
        "1,000",
        "troops",
        1000,
        1000,
        ("governor",),
        ("2025-03-14", "2025-08-31"),
    ),
    (
        "Officials said this month that 700 sappers had been sent.",
        "700",
        "troops",
        700,
        700,
        ("Officials",),
        ("2025-03-01", "2025-03-14"),
    ),
]


@pytest.mark.parametrize(
    ("text", "anchor", "measure", "low", "high", "chain", "time"),
    CASES,
    ids=[f"{i:02d}" for i in range(len(CASES))],
)
def test_generalization(
    text: str,
    anchor: str,
    measure: str,
    low: float | None,
    high: float | None,
    chain: tuple[str, ...],
    time: tuple[str, str] | None,
) -> None:
    outlet = "Harbour Institute for Security" if text.startswith("Our") else None
    claim = _claim(text, anchor, outlet)
    assert (claim.measure, claim.low, claim.high) == (measure, low, high)
    assert claim.attribution[: len(chain)] == chain
    start, end = time or (PUB.isoformat(), PUB.isoformat())
    assert (claim.time_start, claim.time_end) == (start, end)
