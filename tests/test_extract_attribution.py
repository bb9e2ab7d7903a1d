"""Attribution chains (origin first) and alias normalization."""

from __future__ import annotations

import datetime as dt

import pytest

from watchfloor.news.extract import clean_source, extract_claims, normalize_source

PUB = dt.date(2025, 6, 27)


def _chain(text: str, aliases: dict[str, str] | None = None) -> tuple[str, ...]:
    claims = extract_claims(text, published=PUB, aliases=aliases, nlp="rules")
    assert claims, text
    return claims[-1].attribution


@pytest.mark.parametrize(
    ("text", "chain"),
    [
        (
            "North Korea sent 3,000 troops, a lawmaker said, citing the spy agency.",
            ("spy agency", "lawmaker"),
        ),
        (
            "North Korea will send 30,000 troops, CNN reported, citing a Ukrainian intelligence "
            "assessment.",
            ("Ukrainian intelligence", "CNN"),
        ),
        (
            "According to an intelligence assessment cited by CNN and attributed to unnamed "
            "Ukrainian officials, North Korea plans to deploy between 25,000 and 30,000 more "
            "soldiers in the coming months.",
            ("unnamed Ukrainian officials", "CNN"),
        ),
        ("North Korea sent 3,000 troops, according to the NIS.", ("NIS",)),
        ("The JCS said North Korea sent 3,000 troops.", ("JCS",)),
        ("HUR estimated that 300 soldiers were killed.", ("HUR",)),
        ("Ukraine claimed that 300 soldiers were killed.", ("Ukraine",)),
        (
            "Western intelligence agencies believe 4,000 soldiers died.",
            ("Western intelligence agencies",),
        ),
        (
            "Lawmaker Lee Seong-kweun told reporters 300 soldiers were killed, citing the "
            "National Intelligence Service.",
            ("National Intelligence Service", "Lee Seong-kweun"),
        ),
        (
            "Around 300 soldiers have been killed, South Korea's spy agency said on Monday, "
            "according to a lawmaker, the Yonhap news agency reported.",
            ("South Korea's spy agency", "lawmaker", "Yonhap"),
        ),
        (
            "Ukrainian officials told CNN that North Korea would send 30,000 more troops.",
            ("Ukrainian officials", "CNN"),
        ),
        (
            "A senior US military official, speaking on condition of anonymity, said 300 "
            "soldiers were killed.",
            ("senior US military official",),
        ),
        (
            "Ukraine's military intelligence agency, known as HUR, said 30 soldiers were killed.",
            ("HUR",),
        ),
        ("North Korea is believed to have sent around 11,000 troops.", ("unattributed",)),
        ("North Korea sent 3,000 troops.", ("unattributed",)),
        ("At least 12 soldiers were killed in a strike, officials said.", ("officials",)),
    ],
)
def test_chains(text: str, chain: tuple[str, ...]) -> None:
    """Each attribution pattern yields its chain, origin first, relay last."""
    assert _chain(text) == chain


def test_pronoun_takes_previous_chain() -> None:
    """'It said' in the next sentence carries the previous sentence's source."""
    text = "The NIS briefed lawmakers on Monday. It said 300 soldiers were killed."
    assert _chain(text) == ("NIS",)


def test_quote_continuation_takes_previous_chain() -> None:
    """A quoted sentence with no speaker continues the previous speaker's quote."""
    text = 'Umerov said the war was costly. "We counted 300 dead North Korean soldiers."'
    assert _chain(text) == ("Umerov",)


def test_definite_description_resolves_to_earlier_source() -> None:
    """'the spy agency' later in a report is the agency named earlier."""
    text = (
        "South Korea's National Intelligence Service (NIS) said Friday it was worried. "
        "The spy agency also confirmed that two soldiers were captured."
    )
    # a country's possessive before a named body is written as its demonym: one name
    assert _chain(text) == ("South Korean National Intelligence Service",)


def test_aliases_normalize_every_element() -> None:
    """Aliases map each chain element to its canonical source name."""
    aliases = {
        "nis": "National Intelligence Service",
        "south korea's spy agency": "National Intelligence Service",
        "lee seong-kweun": "Lee Seong-kweun",
        "zelenskyy": "Volodymyr Zelensky",
        "zelenskiy": "Volodymyr Zelensky",
    }
    text = (
        "Around 300 soldiers were killed, South Korea's spy agency said, "
        "according to Lee Seong-kweun."
    )
    assert _chain(text, aliases) == ("National Intelligence Service", "Lee Seong-kweun")
    assert _chain("Zelenskiy said 300 soldiers were killed.", aliases) == ("Volodymyr Zelensky",)
    assert _chain("Zelenskyy said 300 soldiers were killed.", aliases) == ("Volodymyr Zelensky",)


def test_clean_and_normalize_source() -> None:
    """Cleaning strips determiners, titles and parentheses; unknown names stay as written."""
    assert clean_source("Opposition lawmaker Lee Seong-kweun") == "Lee Seong-kweun"
    assert clean_source("South Korea's Joint Chiefs of Staff (JCS)") == (
        "South Korea's Joint Chiefs of Staff"
    )
    assert clean_source("the Yonhap news agency") == "Yonhap"
    assert normalize_source("unnamed Ukrainian officials", {"nis": "NIS"}) == (
        "unnamed Ukrainian officials"
    )
    assert normalize_source("the NIS", {"nis": "National Intelligence Service"}) == (
        "National Intelligence Service"
    )


@pytest.mark.parametrize(
    ("text", "outlet", "chain"),
    [
        # a speaker governs only what follows its verb: the next clause has its own speaker
        (
            "Ukraine's special forces said in December they had killed 21 soldiers, and HUR "
            "estimated last week that losses had reached roughly 4,000 killed and wounded.",
            None,
            ("Ukrainian Special Operations Forces",),
        ),
        # a denial: the claims' origin first, then the denier; the publisher is left out
        (
            "Claims by Western officials that up to 12,000 servicemen were sent are a "
            "fabrication, a senior Russian diplomat told TASS on Tuesday.",
            "TASS",
            ("Western officials", "senior Russian diplomat"),
        ),
        (
            'Pyongyang has dismissed as "fabrication" foreign reports that thousands of its '
            "soldiers died.",
            None,
            ("foreign reports", "Pyongyang"),
        ),
        # "X, citing Y, said"; titles before a person; "the country's"; coordinated adjectives
        (
            "South Korean lawmakers, citing the spy agency, said roughly 4,700 soldiers were "
            "killed or wounded.",
            None,
            ("spy agency", "South Korean lawmakers"),
        ),
        (
            "The DPRK will send 1,000 sappers, Secretary of the Russian Security Council Sergei "
            "Shoigu told reporters.",
            None,
            ("Sergei Shoigu",),
        ),
        (
            "More than 3,000 soldiers were killed or wounded, Ukrainian President Volodymyr "
            "Zelensky said, citing preliminary figures from the country's General Staff.",
            None,
            ("Ukrainian General Staff", "Volodymyr Zelensky"),
        ),
        (
            "South Korean and U.S. officials estimate that some 12,000 soldiers were deployed.",
            None,
            ("South Korean and U.S. officials",),
        ),
        # "it" is the speaker named earlier in the sentence; "which" points to its antecedent
        (
            "Ukraine's military intelligence told CNN that it believed 1,800 soldiers were killed.",
            "CNN",
            ("Ukraine's military intelligence",),
        ),
        (
            "Seoul's spy agency, which put the figure at about 3,000 soldiers, said nothing more.",
            None,
            ("Seoul's spy agency",),
        ),
        # state media takes the country the sentence is about; quantifiers are dropped
        (
            "North Korea held a ceremony in Russia's Kursk region, state media reported, "
            "acknowledging that nine of its soldiers had been killed.",
            None,
            ("North Korean state media",),
        ),
        ("Some analysts say it could send up to 100,000 troops.", None, ("analysts",)),
        # a publisher in its own voice: "we" in an analyst note, a ministry's release
        ("We estimate that 2,000 soldiers have been killed.", "Eastbridge Analysis", None),
        ("- An estimated 4,700 soldiers have been killed.", "Ministry of National Defense", None),
    ],
)
def test_chain_rules(text: str, outlet: str | None, chain: tuple[str, ...] | None) -> None:
    """Each attribution rule yields its chain, origin first (None: the publisher alone)."""
    claims = extract_claims(text, published=PUB, outlet=outlet, nlp="rules")
    assert claims, text
    assert claims[0].attribution == (chain or (outlet,))


def test_watch_aliases_normalize_demonym_and_definite_forms() -> None:
    """'Kyiv's military intelligence' and 'the unit' reach their canonical names."""
    aliases = {"ukrainian military intelligence": "Defence Intelligence of Ukraine"}
    text = (
        "Kyiv's military intelligence, known by its Ukrainian acronym GUR, has put the figure "
        "at 11,000-12,000 troops."
    )
    (claim,) = extract_claims(text, published=PUB, aliases=aliases, nlp="rules")
    assert claim.attribution == ("GUR",)
    text = (
        "Ukrainian special forces said on Monday they repelled an assault. "
        "Dozens more soldiers are missing, the unit said in a statement."
    )
    (claim,) = extract_claims(text, published=PUB, nlp="rules")
    assert claim.attribution == ("Ukrainian Special Operations Forces",)


def _origins(text: str, nlp: str = "rules") -> list[tuple[str, ...]]:
    claims = extract_claims(text, published=PUB, nlp=nlp)  # type: ignore[arg-type]
    assert claims, text
    return [claim.attribution for claim in claims]


@pytest.mark.parametrize(
    ("text", "chain"),
    [
        # a participle's speaker is the subject of the main clause
        (
            "The spy agency first went public on Monday, saying that about 1,500 soldiers had "
            "been shipped to Vladivostok.",
            ("spy agency",),
        ),
        (
            "The JCS briefed the committee, with a JCS official telling lawmakers that some "
            "3,000 soldiers were in Russia.",
            ("JCS official",),
        ),
        # relays: who briefed the cited source, who relayed an assessment
        (
            "About 3,000 soldiers were sent, Yonhap reported, citing lawmaker Kang Min-seok, who "
            "was briefed by the spy agency.",
            ("spy agency", "Kang Min-seok", "Yonhap"),
        ),
        (
            "The lawmaker, who was briefed by the NIS, said 300 soldiers had been killed.",
            ("NIS", "lawmaker"),
        ),
        (
            "A separate British intelligence assessment, described to CNN by a European official "
            "and reached independently, also put casualties at about 4,000.",
            ("British intelligence", "European official"),
        ),
        (
            "Citing two U.S. officials, Reuters reported that 2,000 soldiers had been killed.",
            ("U.S. officials", "Reuters"),
        ),
        (
            "Reuters reported, citing two U.S. officials, that 2,000 soldiers had been killed.",
            ("U.S. officials", "Reuters"),
        ),
        # a source named as the owner of a document or count
        (
            "The JCS figure is in line with the National Intelligence Service's assessment last "
            "Thursday that at least 100 soldiers had been killed.",
            ("National Intelligence Service",),
        ),
        (
            "North Korea has lost 3,000 soldiers, by the Institute for the Study of War's count.",
            ("Institute for the Study of War",),
        ),
        (
            "North Korean troops have suffered 3,000 casualties, per a Pentagon estimate.",
            ("Pentagon",),
        ),
        ("North Korea's casualty figures show 3,000 soldiers killed.", ("unattributed",)),
        # the author of a document, not the document
        (
            "About 1,500 builders have arrived, according to an analysis of satellite imagery "
            "released Monday by the Northeast Asia Imagery Group.",
            ("Northeast Asia Imagery Group",),
        ),
        (
            "North Korea has suffered 3,000 casualties, according to figures provided by the "
            "Pentagon.",
            ("Pentagon",),
        ),
        # reporting passives and quotation frames
        ("Around 2,000 troops were estimated by the NIS to be in Kursk.", ("NIS",)),
        ("About 3,000 troops were sent by Pyongyang to Kursk.", ("unattributed",)),
        ("Budanov was quoted as saying that 3,000 soldiers had been killed.", ("Budanov",)),
        (
            "Yonhap quoted lawmaker Park Ji-won as saying that 3,000 soldiers had been killed.",
            ("Park Ji-won", "Yonhap"),
        ),
        # anonymity wording inside a restrictive relative clause
        (
            "A U.S. official who declined to be named said 300 soldiers were killed.",
            ("U.S. official",),
        ),
        # an object relative after the figure: "the 3,000 ... that X cited"
        (
            "The tally is close to the more than 3,000 soldiers killed or wounded that President "
            "Volodymyr Zelensky cited last month.",
            ("Volodymyr Zelensky",),
        ),
        # names: a title word heading a body, a place's country, a leading "separate"
        (
            "In a statement, the General Staff of Ukraine said 300 soldiers had been killed.",
            ("Ukrainian General Staff",),
        ),
        (
            "A source in North Korea's North Hamgyong Province told Daily NK that another 1,000 "
            "workers were being selected.",
            ("source in North Hamgyong Province", "Daily NK"),
        ),
        # who gave information to whom; an estimate "from" its author; a quoted source
        (
            "According to information received by the Mission from the Government of Ukraine, "
            "an estimated 11,000 personnel had been deployed.",
            ("Government of Ukraine", "Mission"),
        ),
        (
            "The best public estimate, from the NIS in April, is about 600 dead.",
            ("NIS",),
        ),
        (
            'A Russian milblogger, citing "comrades at the front", claims that no more than 20 '
            "Koreans have died.",
            ("comrades at the front", "Russian milblogger"),
        ),
        # learned from someone; a minister refusing to endorse press reports
        (
            "The Minister said the Government understood from Ukrainian counterparts that two "
            "more soldiers had been captured.",
            ("Ukrainian counterparts",),
        ),
        (
            "The Minister declined to endorse press reports that as many as 1,000 construction "
            'workers had been sent, saying it was "not a figure we recognise".',
            ("press reports", "Minister"),
        ),
        # an inverted tag is a name, not a clause of its own
        (
            "A Joint Chiefs of Staff official, who spoke on condition of anonymity, said the "
            "military believed about 2,000 wounded soldiers had been flown home.",
            ("Joint Chiefs of Staff official",),
        ),
    ],
)
def test_generalized_frames(text: str, chain: tuple[str, ...]) -> None:
    """Reporting frames beyond "X said": participles, relays, documents, passives, quotes."""
    assert _origins(text)[-1] == chain


def test_next_sentence_names_an_indefinite_source() -> None:
    """'according to a Seoul-based research group ... The Northeast Asia Imagery Group said':
    the description takes the name the next sentence gives a source of the same kind."""
    text = (
        "About 1,500 construction troops are working in Kursk, according to a satellite imagery "
        "study published this week by a Seoul-based research group. The Northeast Asia Imagery "
        "Group said on Monday that a camp had appeared near Sudzha."
    )
    assert _origins(text) == [("Northeast Asia Imagery Group",)]
    unnamed = "About 1,500 troops are in Kursk, according to a Seoul-based research group."
    assert _origins(unnamed) == [("Seoul-based research group",)]


def test_figure_sentence_refines_and_inherits_the_previous_source() -> None:
    """'Ukraine says ... The figure was given by HUR': HUR replaces the country; a later
    sentence about the figure ('Of those, ...') keeps the last sentence's source, while an
    unrelated unattributed sentence does not."""
    text = (
        "Ukraine says about 11,000 soldiers have reached Kursk. The figure was given by HUR on "
        "Monday. Of those, 500 soldiers were killed."
    )
    assert _origins(text) == [("HUR",), ("HUR",)]
    text = (
        "Lawmaker Kim Min-su said 3,000 soldiers had been killed. The figure was given by the NIS."
    )
    assert _origins(text) == [("NIS", "Kim Min-su")]
    text = "HUR said 3,000 troops had arrived. North Korea also sent 200 engineers."
    assert _origins(text)[-1] == ("unattributed",)


def test_spacy_entity_finds_speaker_rules_miss() -> None:
    """With spaCy, a named entity right before a reporting verb is the speaker when the rules
    find none."""
    from watchfloor.news.extract.nlp import spacy_ready

    if not spacy_ready():
        pytest.skip("spaCy model not installed")
    text = (
        "The head of Ukraine's military intelligence to reporters in Kyiv Kyrylo Budanov "
        "estimated that 3,000 soldiers had been killed."
    )
    assert _origins(text)[-1] == ("unattributed",)
    assert "Budanov" in _origins(text, nlp="spacy")[-1][0]


def test_lower_case_institution_description_is_kept() -> None:
    text = (
        "The source, citing a cadre at the provincial military mobilization department, said "
        "that at least 40 of the wounded had lost limbs."
    )
    (claim,) = extract_claims(text, published=dt.date(2025, 3, 1), nlp="rules")
    assert claim.attribution[0] == "cadre at the provincial military mobilization department"


def test_appositive_name_in_next_sentence_names_described_speaker() -> None:
    text = (
        "Around 1,000 builders are expected to cross into Russia this week, Belgorod's deputy "
        "governor for construction told local television. The official, Ivan Petrenko, said "
        "they would be housed in camps."
    )
    (claim,) = extract_claims(text, published=dt.date(2025, 3, 1), nlp="rules")
    assert claim.attribution[0] == "Ivan Petrenko"


def test_according_to_opening_a_conjunct_reaches_forward_only() -> None:
    """ "X, and according to Y, another N": Y attributes only the second number."""
    chains = _origins(
        "North Korea sent roughly 11,000 soldiers to Russia last autumn and, according to the "
        "NIS, another 3,000 over the winter."
    )
    assert chains == [("unattributed",), ("NIS",)]


def test_figures_disclosed_by_a_lawmaker_keep_their_origin() -> None:
    """ "The figures were disclosed by Rep. X": X relays the figures, the agency stays origin."""
    chains = _origins(
        "North Korea has suffered some 4,700 casualties in Russia, the National Intelligence "
        "Service told lawmakers Tuesday. The figures were disclosed by Rep. Baek Jong-hun after "
        "a closed-door briefing."
    )
    assert chains[0][0] == "National Intelligence Service"
    assert chains[0][-1] == "Baek Jong-hun"


def test_interview_answers_belong_to_the_labelled_speaker() -> None:
    """In a transcript, an answer's unattributed figures and its "we" are the speaker's."""
    text = (
        "RFE/RL: How many are there?\n\n"
        "Andriy Moroz: Our estimate is that around 8,000 soldiers are still in the line.\n\n"
        "RFE/RL: And the dead?\n\n"
        "Moroz: Our brigade alone counted more than 150 bodies last week."
    )
    assert [chain[0] for chain in _origins(text)] == ["Andriy Moroz", "Andriy Moroz"]


def test_a_bare_office_takes_its_full_name_from_earlier_in_the_text() -> None:
    """ "the Minister for the Armed Forces ... The Minister said": the office named in full."""
    text = (
        "The Committee took evidence from the Minister for the Armed Forces. The Minister said "
        "that the contingent had sustained over 4,000 casualties."
    )
    assert _origins(text)[0][0] == "Minister for the Armed Forces"


@pytest.mark.parametrize(
    ("text", "origin"),
    [
        # a surname refers back to the full name given earlier; family names first too
        (
            "Taras Melnyk runs a shelter in Sumy. Melnyk said 300 soldiers had been killed.",
            "Taras Melnyk",
        ),
        (
            "The analyst Zhang Wenhai spoke at a forum. Zhang said 300 soldiers had died.",
            "Zhang Wenhai",
        ),
        # "X reported, quoting Y, that N": Y is the origin
        (
            "State-owned Rossiya 1 TV reported on 21 August, quoting deputy governor Anna "
            "Kovrigina, that about 1,000 Korean military builders had arrived.",
            "Anna Kovrigina",
        ),
        # a closing "citing X" far from the verb
        (
            "Okopnaya Pravda posted on Wednesday that another 2,000 or so Koreans were expected "
            'by mid-February, citing "a friend at corps headquarters".',
            "friend at corps headquarters",
        ),
        # a wire headline that credits its source after a colon
        ("N. Korea rotated about 6,000 troops in Russia since July: NIS\n\nBody.", "NIS"),
        # a person in apposition to an office
        (
            "At the hospital, the director, Dr. Iryna Babenko, said her staff had received 46 "
            "wounded servicemen.",
            "Iryna Babenko",
        ),
        # "its data": the body named before
        (
            "The Coordination Headquarters for the Treatment of Prisoners of War said 5,757 "
            "Ukrainians have been returned home. According to its data, more than 8,000 "
            "Ukrainians remain in Russian captivity.",
            "Coordination Headquarters for the Treatment of Prisoners of War",
        ),
    ],
)
def test_origin_frames(text: str, origin: str) -> None:
    """Origins that need the rest of the text or an unusual frame resolve to the right name."""
    assert _origins(text)[-1][0] == origin


def test_question_and_answer_interview_answers_belong_to_the_interviewee() -> None:
    """In a Q&A text with unlabelled turns, an answer's figures are the person introduced."""
    text = (
        "Ri Kwang-su served as a captain in the Storm Corps before he defected in 2019.\n\n"
        "Who is being sent to Russia?\n\n"
        "In my time a battalion was about 500 men.\n\n"
        "How many have died?\n\n"
        "More than a thousand soldiers have been killed by now, I would say.\n"
    )
    assert [chain[0] for chain in _origins(text)] == ["Ri Kwang-su", "Ri Kwang-su"]


def test_a_speaker_reporting_another_speaker_after_an_appositive() -> None:
    """ "One of them, a South Korean official, said the spy agency assesses N": the agency."""
    chains = _origins(
        "One of them, a South Korean official, said Seoul's spy agency now assesses that "
        "roughly 4,000 North Koreans have been killed or wounded."
    )
    assert chains[0][0] == "Seoul's spy agency"


def test_a_pronoun_speaker_is_the_person_named_before_without_a_reporting_verb() -> None:
    text = (
        "Russian Foreign Minister Sergei Lavrov wrapped up a visit to Pyongyang on Sunday. "
        "He told reporters that 6,000 sappers would arrive in Kursk."
    )
    assert _chain(text)[0] == "Sergei Lavrov"
    # a person alias maps to the body the person speaks for
    aliases = {"sergei lavrov": "Ministry of Foreign Affairs (Russia)"}
    assert _chain(text, aliases)[0] == "Ministry of Foreign Affairs (Russia)"


def test_a_pronoun_with_no_person_before_it_is_left_as_written() -> None:
    text = "He told reporters that 6,000 sappers would arrive in Kursk."
    assert _chain(text) == ("He",)


def test_first_person_in_a_bracketed_broadcast_transcript_is_the_labelled_speaker() -> None:
    text = (
        "[ANCHOR] Professor Han Ji-won of Hanul University joins us. What comes next?\n\n"
        "[HAN] I'd expect up to 10,500 more troops to follow in several waves.\n\n"
        "[ANCHOR] Thank you, professor.\n\n"
        "[HAN] Thank you."
    )
    assert _chain(text) == ("Han Ji-won",)


@pytest.mark.parametrize(
    ("name", "cleaned"),
    [
        ("the UK Ministry of Defence's", "UK Ministry of Defence"),
        ("Kyiv's", "Kyiv"),
    ],
)
def test_a_trailing_possessive_is_dropped(name: str, cleaned: str) -> None:
    assert clean_source(name) == cleaned


def test_a_country_possessive_matches_the_body_of_that_country() -> None:
    aliases = {"security service of ukraine": "Security Service of Ukraine"}
    assert normalize_source("Ukraine's Security Service", aliases) == "Security Service of Ukraine"


@pytest.mark.parametrize(
    ("text", "origin"),
    [
        (
            "Zelensky visited the front on Friday and said 4,000 North Korean soldiers had "
            "been killed or wounded.",
            "Zelensky",
        ),
        (
            "Military intelligence (HUR) has given no separate death toll, but said on Monday "
            "that at least 40 North Koreans were missing.",
            "HUR",
        ),
        (
            "The deployment was first made public by the NIS in October, when the agency said "
            "that 1,500 special forces had been shipped to Vladivostok.",
            "NIS",
        ),
    ],
)
def test_the_subject_of_a_coordinated_reporting_verb(text: str, origin: str) -> None:
    assert _chain(text)[0] == origin


def test_a_release_speaking_of_the_department_is_the_publisher() -> None:
    claims = extract_claims(
        "The Secretary noted that the Department assesses that the approximately 11,000 DPRK "
        "soldiers in Kursk have begun to take part in combat.",
        published=PUB,
        outlet="US Department of Defense",
        nlp="rules",
    )
    assert claims[0].attribution[0] == "US Department of Defense"


def test_a_bracketed_transcript_tag_does_not_hide_the_speaker() -> None:
    text = (
        "[REPORTER] According to the National Intelligence Service, ships carried 1,500 "
        "special forces to Vladivostok.\n\n"
        "[REPORTER] The agency says they were issued Russian uniforms. It believes several "
        "hundred North Korean officers went ahead earlier this year."
    )
    claims = extract_claims(text, published=PUB, nlp="rules")
    assert [c.attribution[0] for c in claims] == ["National Intelligence Service"] * 2


@pytest.mark.parametrize(
    ("text", "chain"),
    [
        (
            "About 3,000 North Korean soldiers have been killed, said Rep. Park Sun-won, who "
            "sits on the intelligence committee.",
            ("Park Sun-won",),
        ),
        (
            "The number of North Korean casualties has reached 4,000, said Park Sun-won.",
            ("Park Sun-won",),
        ),
        (
            "North Korean troops numbering about 11,000 are in Kursk, said a statement from the "
            "Pentagon.",
            ("Pentagon",),
        ),
        (
            "President Volodymyr Zelensky, in a video address on Sunday, said the North Korean "
            'contingent had lost "more than 3,000 killed and wounded" in Kursk.',
            ("Volodymyr Zelensky",),
        ),
        ('"We believe around 1,000 troops have been wounded," the official said.', ("official",)),
        (
            "Kim Jong Un vowed to send 6,000 military builders, state media KCNA reported.",
            ("Kim Jong Un", "KCNA"),
        ),
    ],
)
def test_speakers_after_the_verb_and_quoted_first_persons(
    text: str, chain: tuple[str, ...]
) -> None:
    assert _chain(text) == chain


@pytest.mark.parametrize(
    ("text", "chain"),
    [
        (
            "According to Lee, the spy agency also said North Korea may send 3,000 troops.",
            ("spy agency", "Lee"),
        ),
        (
            "The NIS believes Pyongyang could dispatch up to 30,000 more troops as early as "
            "July, Park said, citing the agency.",
            ("NIS", "Park"),
        ),
    ],
)
def test_a_lead_phrase_and_a_cited_description_of_a_named_body(
    text: str, chain: tuple[str, ...]
) -> None:
    assert _chain(text) == chain


def test_figures_compiled_by_a_service_of_an_outlet() -> None:
    text = "Figures compiled by the BBC's Russian service put the number of dead at about 600."
    assert _chain(text) == ("BBC Russian service",)


def test_he_after_a_surname_described_by_office() -> None:
    text = (
        "Budanov, the head of Ukraine's military intelligence, gave a detailed account. "
        '"We see about 11,000 of them in Kursk," he said.'
    )
    assert _chain(text) == ("Budanov",)


@pytest.mark.parametrize(
    ("text", "chain"),
    [
        (
            "SEOUL, Sept. 4 (Yonhap) -- South Korea's spy agency said that 2,000 soldiers died.",
            ("South Korea's spy agency",),
        ),
        (
            "KYIV, Ukraine (AP) — Ukraine's military intelligence said 3,000 North Korean "
            "soldiers died.",
            ("Ukraine's military intelligence",),
        ),
        (
            "Rep. Seo Ji-hoon told reporters after an NIS briefing that the agency estimated the "
            "toll at 2,000 soldiers. About 11,000 North Korean troops remain in Russia, he said, "
            "citing the agency.",
            ("agency", "Seo Ji-hoon"),
        ),
    ],
)
def test_wire_datelines_and_a_pronoun_citing_a_body(text: str, chain: tuple[str, ...]) -> None:
    assert _chain(text) == chain


@pytest.mark.parametrize(
    ("text", "chain"),
    [
        (
            "Pyongyang has not commented. But analysts say North Korea could send up to 100,000 "
            "troops.",
            ("analysts",),
        ),
        (
            "The estimate of 12,000 troops came from Ukraine's military intelligence.",
            ("Ukraine's military intelligence",),
        ),
    ],
)
def test_an_opening_conjunction_and_a_figure_that_came_from(
    text: str, chain: tuple[str, ...]
) -> None:
    assert _chain(text) == chain


@pytest.mark.parametrize(
    ("text", "chain"),
    [
        (
            "The NIS was cited by lawmakers as saying that 15,000 troops had been sent.",
            ("NIS", "lawmakers"),
        ),
        (
            "Citing satellite imagery, the think tank said about 5,000 troops had gathered at "
            "the port.",
            ("think tank",),
        ),
        (
            "The figure, provided by Ukraine's military intelligence, could not be verified. It "
            "said 3,000 North Korean soldiers had been killed.",
            ("Ukraine's military intelligence",),
        ),
    ],
)
def test_cited_as_saying_evidence_is_no_source_and_a_reduced_passive_agent(
    text: str, chain: tuple[str, ...]
) -> None:
    assert _chain(text) == chain


@pytest.mark.parametrize(
    ("text", "origin"),
    [
        (
            '"We estimate that 3,000 North Korean soldiers have been killed. The real number '
            'may be higher," Budanov told reporters.',
            "Budanov",
        ),
        (
            "“Some 3,000 North Korean soldiers have been killed. The real number may be "
            "higher,” said Kyrylo Budanov.",
            "Kyrylo Budanov",
        ),
    ],
)
def test_a_quotation_of_several_sentences_belongs_to_the_speaker_after_it(
    text: str, origin: str
) -> None:
    assert _chain(text)[0] == origin


def test_a_denied_report_and_the_ministry_named_before() -> None:
    text = (
        "MOSCOW, March 3 (TASS) - Russian Defense Ministry spokesman Igor Konashenkov on Monday "
        "dismissed Western media reports that some 15,000 North Korean troops were fighting in "
        'Kursk as "a provocation." Earlier, the Ukrainian General Staff claimed that 4,000 '
        "North Korean servicemen had been killed or wounded. According to the ministry, "
        "Ukrainian forces lost more than 1,500 servicemen over the past week."
    )
    claims = extract_claims(text, published=PUB, outlet="TASS", nlp="rules")
    assert [c.attribution for c in claims] == [
        ("western media", "Russian Defense Ministry"),
        ("Ukrainian General Staff",),
        ("Russian Defense Ministry",),
    ]


def test_the_assessment_named_again_is_its_owners() -> None:
    text = (
        "North Korea is preparing to send thousands more troops, according to a Ukrainian "
        "intelligence assessment shared with CNN. The assessment, which CNN has seen, says "
        "between 25,000 and 30,000 additional soldiers could be deployed as early as July."
    )
    claims = extract_claims(text, published=PUB, outlet="CNN", nlp="rules")
    assert [c.attribution[0] for c in claims] == ["Ukrainian intelligence"] * 2


def test_it_after_a_described_body_is_the_body_named_in_full() -> None:
    text = (
        "About 300 North Korean soldiers have been killed, South Korea's spy agency said Monday. "
        "The spy agency also said it confirmed that two North Korean soldiers were captured."
    )
    claims = extract_claims(text, published=PUB, nlp="rules")
    assert [c.attribution[0] for c in claims] == ["South Korea's spy agency"] * 2


@pytest.mark.parametrize(
    ("text", "chain"),
    [
        (
            "About 1,000 more North Korean troops have arrived in Kursk, people familiar with "
            "the matter said.",
            ("people familiar with the matter",),
        ),
        (
            "Sources close to the Russian Defense Ministry said 500 North Koreans had been killed.",
            ("Sources close to the Russian Defense Ministry",),
        ),
        (
            "Some 500 North Korean officers are in Russia, a diplomatic source in Moscow told "
            "Kyodo.",
            ("diplomatic source in Moscow", "Kyodo"),
        ),
    ],
)
def test_sources_familiar_with_or_close_to(text: str, chain: tuple[str, ...]) -> None:
    assert _chain(text) == chain


def test_a_spokesperson_named_again_speaks_for_the_body() -> None:
    text = (
        "More than 15,000 workers have arrived this year, HUR spokesperson Taras Hrytsenko told "
        "the Kyiv Independent. Hrytsenko said the deal was wider. He added that North Korea was "
        "preparing a new rotation of several thousand soldiers."
    )
    claims = extract_claims(text, published=PUB, nlp="rules")
    assert [c.attribution[0] for c in claims] == ["HUR", "HUR"]


def test_a_spokesperson_of_no_named_body_keeps_the_name() -> None:
    text = (
        "Capt. Taras Melnyk, the spokesperson of one of the brigades, spoke on Monday. "
        "According to Melnyk, the unit killed 14 North Korean soldiers on Saturday."
    )
    assert _chain(text)[0] == "Taras Melnyk"


def test_a_pledge_names_its_maker() -> None:
    text = "Pyongyang pledged in June to send 5,000 military builders to Kursk."
    assert _chain(text) == ("Pyongyang",)


def test_estimates_of_listed_countries_are_the_origin_as_written() -> None:
    text = (
        "North Korea sent 11,000 to 12,000 troops to Russia last fall, according to American, "
        "South Korean and Ukrainian estimates."
    )
    assert _chain(text) == ("American, South Korean and Ukrainian estimates",)


def test_describing_what_a_body_told_makes_it_the_origin() -> None:
    text = "Lee said 300 soldiers had died, describing what the NIS told lawmakers."
    assert _chain(text) == ("NIS", "Lee")


def test_a_government_judging_in_its_own_release_is_the_publisher() -> None:
    text = (
        "The UK assesses that North Korea has sent more than 14,000 troops to Russia. "
        "Ukraine estimates that 5,000 North Korean soldiers have been killed."
    )
    claims = extract_claims(text, published=PUB, outlet="Foreign Office", nlp="rules")
    assert [c.attribution[0] for c in claims] == ["Foreign Office", "Ukraine"]


def test_a_country_office_holder_named_in_apposition() -> None:
    text = (
        "Ukraine's defense minister, Rustem Umerov, told KBS that 3,000 North Korean soldiers "
        "were already near the front."
    )
    assert _chain(text)[0] == "Rustem Umerov"


def test_mr_and_a_surname_take_the_full_name() -> None:
    text = (
        "Yoo Sang-bum, a lawmaker, spoke after the briefing. Among the dead were at least four "
        "officers, Mr Yoo said."
    )
    assert _chain(text) == ("Yoo Sang-bum",)


def test_a_bulleted_we_and_our_best_estimate_are_the_publishers() -> None:
    text = (
        "- We estimate that North Korea has deployed between 14,000 and 16,000 military "
        "personnel to Russia.\n- Our best estimate of North Korean deaths is 2,300."
    )
    claims = extract_claims(text, published=PUB, outlet="Northfield Institute", nlp="rules")
    assert [c.attribution[0] for c in claims] == ["Northfield Institute"] * 2


@pytest.mark.parametrize(
    ("text", "origin"),
    [
        (
            "HUR has offered a grimmer picture. In a statement last week it put North Korean "
            "losses at as many as 4,500.",
            "HUR",
        ),
        (
            "Ukraine's military intelligence agency, HUR, has offered a grimmer picture. It put "
            "North Korean losses at as many as 4,500.",
            "Ukraine's military intelligence agency",
        ),
        (
            "The NIS did not say how many had died. North Korean troops have not been seen for "
            "weeks. It said 300 soldiers had been wounded.",
            "NIS",
        ),
    ],
)
def test_it_is_the_body_that_was_the_subject_before(text: str, origin: str) -> None:
    assert _chain(text)[0] == origin


def test_an_unqualified_body_in_a_national_outlet_is_its_countrys() -> None:
    text = "The Joint Chiefs of Staff said about 1,000 North Korean sappers had arrived."
    seoul = extract_claims(text, published=PUB, outlet="The Korea Herald", nlp="rules")
    wire = extract_claims(text, published=PUB, outlet="Reuters", nlp="rules")
    assert seoul[0].attribution == ("South Korean Joint Chiefs of Staff",)
    assert wire[0].attribution == ("Joint Chiefs of Staff",)


@pytest.mark.parametrize(
    ("text", "chain"),
    [
        (
            'Kang Tae-sun said the NIS briefed lawmakers. "The agency sees signs that the North '
            'is preparing 2,000 to 3,000 soldiers for rotation," Kang said.',
            ("NIS", "Kang Tae-sun"),
        ),
        (
            "Zelenskiy said on Thursday that, according to Ukrainian intelligence, North Korea "
            "was preparing 10,000 soldiers to be sent to Russia.",
            ("Ukrainian intelligence",),
        ),
    ],
)
def test_a_speaker_opening_a_quotation_and_according_to_after_that(
    text: str, chain: tuple[str, ...]
) -> None:
    assert _chain(text) == chain


@pytest.mark.parametrize(
    ("name", "cleaned"),
    [
        ("an official at the JCS", "official at the JCS"),
        ("Ukrainian media claiming", "Ukrainian media"),
        ("Opposition lawmaker Lee Seong-kweun", "Lee Seong-kweun"),
    ],
)
def test_titles_before_a_preposition_and_trailing_participles(name: str, cleaned: str) -> None:
    assert clean_source(name) == cleaned


def test_a_body_named_with_its_country_after_it() -> None:
    aliases = {"south korean joint chiefs of staff": "Joint Chiefs of Staff (South Korea)"}
    assert (
        normalize_source("Joint Chiefs of Staff, Republic of Korea", aliases)
        == "Joint Chiefs of Staff (South Korea)"
    )


def test_a_quoted_we_yields_to_the_tag_even_after_a_speaker_sentence() -> None:
    text = (
        "North Korea appears to have begun rotating troops, South Korea's military said. "
        '"We have identified the movement of additional personnel into the area," an official '
        "at the Joint Chiefs of Staff told reporters."
    )
    assert _chain(text) == ("official at the Joint Chiefs of Staff",)


@pytest.mark.parametrize(
    ("text", "chain"),
    [
        (
            "Moscow has dismissed claims in Ukrainian media of up to 6,000 Korean dead as "
            '"disinformation".',
            ("Ukrainian media", "Moscow"),
        ),
        (
            "Kyiv's military intelligence has given higher numbers, putting losses at more than "
            "7,000 killed and wounded.",
            ("Kyiv's military intelligence",),
        ),
        (
            '"We have not seen them in assaults. In our sector alone we counted more than '
            'fifteen hundred of them killed," said Col Oleh Marchuk, a spokesman for the '
            "Special Operations Forces.",
            ("Special Operations Forces",),
        ),
    ],
)
def test_claims_of_a_figure_putting_and_we_inside_an_open_quotation(
    text: str, chain: tuple[str, ...]
) -> None:
    assert _chain(text) == chain


def test_he_after_the_official_declined_is_the_official_named_before() -> None:
    text = (
        '"We have identified additional personnel," an official at the Joint Chiefs of Staff '
        "told reporters. The official declined to say how many. He added that around 1,000 "
        "sappers were now clearing mines."
    )
    claims = extract_claims(text, published=PUB, nlp="rules")
    assert claims[-1].attribution == ("official at the Joint Chiefs of Staff",)


def test_claims_as_a_noun_after_a_verb_and_a_long_surname_is_no_family_name() -> None:
    text = (
        "The Kremlin considers claims in Western media that thousands of Korean soldiers were "
        "killed to be unfounded, Kremlin Spokesman Dmitry Peskov told reporters on Monday."
    )
    assert _chain(text) == ("Western media", "Kremlin")


def test_a_briefed_lawmaker_relays_the_body_that_briefed_them() -> None:
    text = (
        "The National Intelligence Service gave the figures in a closed-door briefing. "
        "Rep. Kang Min-seok, a member of the intelligence committee, told reporters that "
        "about 700 of the soldiers were sappers. He said 120 more had arrived in October."
    )
    claims = extract_claims(text, published=PUB, nlp="rules")
    assert [c.attribution[:2] for c in claims] == [
        ("National Intelligence Service", "Kang Min-seok"),
        ("National Intelligence Service", "Kang Min-seok"),
    ]


def test_a_lawmaker_with_no_briefing_in_the_report_keeps_the_origin() -> None:
    text = "Rep. Kang Min-seok told reporters that about 700 of the soldiers were sappers."
    assert _chain(text) == ("Kang Min-seok",)


def test_a_speaker_reporting_that_another_believes_relays_them() -> None:
    text = (
        "Senator Ruth Calder told reporters that the Pentagon believes about 2,000 more "
        "troops are on their way."
    )
    assert _chain(text) == ("Pentagon", "Ruth Calder")


@pytest.mark.parametrize(
    "text",
    [
        "A senior American official said Washington now estimated that about 900 of the troops "
        "had been wounded.",
        "A U.S. official, speaking on condition of anonymity, said the United States believed "
        "about 900 of the troops had been wounded.",
    ],
)
def test_an_official_saying_what_their_own_government_believes_is_the_origin(text: str) -> None:
    assert _chain(text)[0] in ("senior American official", "U.S. official")


def test_an_official_reporting_another_states_estimate_relays_it() -> None:
    text = "A Ukrainian official said Russia believed about 900 of the troops had been wounded."
    assert _chain(text) == ("Russia", "Ukrainian official")


def test_a_part_of_the_publisher_speaks_in_its_own_update() -> None:
    text = "Defence Intelligence assesses that about 900 of the troops have been wounded."
    claims = extract_claims(text, published=PUB, outlet="UK Ministry of Defence", nlp="rules")
    assert claims[0].attribution == ("UK Ministry of Defence",)
    claims = extract_claims(text, published=PUB, outlet="The Guardian", nlp="rules")
    assert claims[0].attribution == ("Defence Intelligence",)


def test_coordinated_bodies_are_not_one_of_them() -> None:
    aliases = {"south korean intelligence": "National Intelligence Service"}
    text = "Western and South Korean intelligence agencies estimate that about 900 have died."
    assert _chain(text, aliases) == ("Western and South Korean intelligence agencies",)
    assert _chain("South Korean intelligence estimates that about 900 have died.", aliases) == (
        "National Intelligence Service",
    )


def test_estimates_of_an_adjective_alone_keep_the_word_estimates() -> None:
    text = "Western estimates have put the force at 11,000 to 12,000 soldiers."
    assert _chain(text) == ("Western estimates",)


def test_a_party_member_after_a_briefing_relays_the_agency() -> None:
    text = (
        "The National Intelligence Service briefed the committee on Monday. Choi Jae-won of the "
        "ruling Democratic Party said about 400 of the soldiers had been wounded."
    )
    assert _chain(text)[:2] == ("National Intelligence Service", "Choi Jae-won")


def test_a_described_speaker_named_in_the_next_sentence() -> None:
    text = (
        "Belarus will send 600 engineers to the region, a senior Belarusian official has said. "
        "Pavel Marchuk, the deputy minister, said the first group would leave in May."
    )
    assert _chain(text) == ("Pavel Marchuk",)
    anonymous = text.replace("official has said", "official said on condition of anonymity")
    assert _chain(anonymous) == ("senior Belarusian official",)


def test_a_spokesperson_named_in_the_next_sentence_speaks_for_the_body() -> None:
    text = (
        "The brigades were pulled back, a spokesperson for the Territorial Defence Forces told "
        "Reuters. Ivan Dorosh said the unit had lost 30 soldiers."
    )
    assert _chain(text)[0] == "Territorial Defence Forces"


def test_the_countrys_agency_in_a_datelined_wire_is_the_datelines_country() -> None:
    text = (
        "KYIV, May 2 (Reuters) - About 900 North Korean soldiers were wounded in Russia, a "
        "lawmaker said, citing the country's military intelligence."
    )
    assert _chain(text)[0] == "Ukrainian military intelligence"


def test_the_report_named_again_is_the_report_not_the_outlet_that_saw_it() -> None:
    text = (
        "About 900 workers have arrived, according to a Belarusian intelligence report seen by "
        "the Financial Times. The report says about 300 more are due in May."
    )
    claims = extract_claims(text, published=PUB, nlp="rules")
    assert claims[1].attribution[0] == claims[0].attribution[0] != "Financial Times"


def test_our_estimates_in_a_quotation_after_its_tag_are_the_speakers() -> None:
    text = (
        '"We have seen no assaults for weeks," Capt. Ivan Petrenko told reporters. '
        '"According to our estimates, they have lost about 900 people."'
    )
    assert _chain(text)[0] == "Ivan Petrenko"


@pytest.mark.parametrize("outlet", ["38 North", "KCNA"])
def test_a_research_group_or_kcna_states_its_own_figures(outlet: str) -> None:
    text = "North Korea has sent between 14,000 and 15,000 combat troops to Russia."
    claims = extract_claims(text, published=PUB, outlet=outlet, nlp="rules")
    assert claims[0].attribution[0] in ("38 North", "KCNA")
    claims = extract_claims(text, published=PUB, outlet="Reuters", nlp="rules")
    assert claims[0].attribution == ("unattributed",)


def test_a_representative_of_a_body_and_according_to_him() -> None:
    text = (
        "The force numbers 10,000 servicemen, Ivan Koval, a representative of the Territorial "
        "Defence Forces, said. According to him, 500 of them were wounded."
    )
    claims = extract_claims(text, published=PUB, nlp="rules")
    assert [c.attribution[0] for c in claims] == ["Territorial Defence Forces"] * 2


def test_an_unnamed_official_of_a_body_keeps_the_description() -> None:
    aliases = {"ukrainian military intelligence": "Defence Intelligence of Ukraine"}
    text = "A senior Ukrainian military intelligence official estimated that 900 had died."
    assert _chain(text, aliases) == ("senior Ukrainian military intelligence official",)
    text = "Ukrainian military intelligence estimated that 900 had died."
    assert _chain(text, aliases) == ("Defence Intelligence of Ukraine",)


def test_government_sources_saying_what_their_capital_believes_are_the_origin() -> None:
    text = "Japanese government sources said Tokyo believes about 900 more troops were sent."
    assert _chain(text) == ("Japanese government sources",)


def test_reports_that_open_no_source_even_in_a_ministrys_release() -> None:
    text = "Reports that the DPRK has sent several thousand workers give rise to concern."
    claims = extract_claims(text, published=PUB, outlet="Ministry of Foreign Affairs", nlp="rules")
    assert claims[0].attribution == ("unattributed",)


def test_a_quote_line_belongs_to_the_source_line_above_it() -> None:
    text = (
        "Source: Ivan Koval, Territorial Defence Forces representative, on air\n\n"
        'Quote: "About 900 of them are wounded."'
    )
    assert _chain(text) == ("Territorial Defence Forces",)


def test_preliminary_data_inside_a_quotation_is_the_speakers() -> None:
    text = (
        '"According to preliminary data, more than 900 soldiers were wounded," Lt. Col. Ivan '
        "Koval wrote on Monday."
    )
    assert _chain(text) == ("Ivan Koval",)


def test_the_spokesperson_named_in_apposition_speaks_for_the_body() -> None:
    text = (
        "The units were pulled back, a spokesperson for the Territorial Defence Forces told "
        'reporters.\n\n"They paid for it," said the spokesperson, Ivan Koval. '
        "The unit killed about 50 of them, Koval said."
    )
    assert _chain(text)[0] == "Territorial Defence Forces"


def test_state_media_showing_the_leader_are_his_countrys_not_the_place_named() -> None:
    text = (
        "In August, state media showed Kim Jong Un laying medals before portraits of 101 "
        "soldiers killed in Russia."
    )
    assert _chain(text) == ("North Korean state media",)


def test_a_major_is_named_without_the_rank() -> None:
    assert clean_source("Maj. Oleh Dovhan") == "Oleh Dovhan"
    assert clean_source("Sgt. Ivan Petrenko") == "Ivan Petrenko"


def test_media_reports_of_thousands_are_the_origin_of_a_denial() -> None:
    text = (
        'The spokesman described as "speculation" Western media reports of thousands of '
        "North Korean casualties."
    )
    assert _chain(text)[0].casefold() == "western media"


def test_a_lawmaker_named_by_description_relays_the_briefing_body() -> None:
    text = (
        "The National Intelligence Service briefed the intelligence committee on Monday. "
        "The North may send additional troops, according to the lawmaker."
    )
    assert _chain(text)[:2] == ("National Intelligence Service", "lawmaker")


def test_a_conditional_if_is_no_speaker() -> None:
    text = (
        "As many as 900 more troops may be sent, CNN reported, citing a Belarusian intelligence "
        "assessment. If confirmed, the move would double the force. About 300 of them have "
        "been wounded, CNN said, citing the same document."
    )
    claims = extract_claims(text, published=PUB, nlp="rules")
    assert "If" not in claims[-1].attribution


def test_a_spokesman_for_the_agency_speaks_for_the_agency_named_before() -> None:
    text = (
        "Ukraine's military intelligence agency (HUR) said the troops had moved. Andriy Yusov, "
        "a spokesman for the agency, said roughly 3,000 replacements had arrived. "
        '"They learn quickly," Yusov said. "About 900 of them were wounded."'
    )
    claims = extract_claims(text, published=PUB, nlp="rules")
    assert {c.attribution[0] for c in claims} == {"HUR"}


@pytest.mark.parametrize(
    "text",
    [
        "On Saturday, Chief of the General Staff of the Russian Armed Forces Valery Gerasimov "
        "reported to the Supreme Commander-in-Chief that 900 servicemen had been captured.",
        "Chief of the General Staff Valery Gerasimov told President Vladimir Putin on Saturday "
        "that 900 servicemen had been captured.",
        "The army will send 900 sappers, Secretary of the Russian Security Council Sergei Shoigu "
        "told reporters.",
    ],
)
def test_a_long_office_title_before_the_name_and_a_president_told(text: str) -> None:
    assert _chain(text)[0] in ("Valery Gerasimov", "Sergei Shoigu")
    assert "President Vladimir Putin" not in _chain(text)


def test_a_lower_case_role_before_a_name_in_a_closing_tag() -> None:
    text = (
        "Around 300 soldiers have died, lawmaker Cho Hyun-tae told reporters after a "
        "closed-door briefing by the National Intelligence Service."
    )
    assert _chain(text) == ("National Intelligence Service", "Cho Hyun-tae")


def test_information_shared_by_partners_is_the_partners() -> None:
    text = "According to information shared by partners, some 900 soldiers were moved."
    assert _chain(text) == ("partners",)


def test_the_eu_assessing_in_its_own_statement_is_the_publisher() -> None:
    text = "The EU assesses that the number could rise to as many as 15,000 troops."
    claims = extract_claims(
        text, published=PUB, outlet="European External Action Service", nlp="rules"
    )
    assert claims[0].attribution == ("European External Action Service",)


def test_a_capitals_figure_is_its_governments_and_the_general_is_named_before() -> None:
    assert _chain("Seoul's figure is about 4,700 killed and wounded.") == ("Seoul",)
    text = (
        "Chief of the General Staff Valery Gerasimov said the region was retaken. More than "
        "700 servicemen were taken prisoner, the general added."
    )
    assert _chain(text) == ("Valery Gerasimov",)


def test_a_place_described_before_its_name() -> None:
    assert clean_source("a source in the northern province of North Hamgyong") == (
        "source in North Hamgyong province"
    )
    assert clean_source("a resident of the northeastern border city of Rason") == (
        "resident of Rason"
    )


def test_a_participle_assessed_at_is_no_speaker() -> None:
    text = "The contingent, initially assessed at approximately 900 personnel, is in Kursk."
    claims = extract_claims(text, published=PUB, outlet="UK Ministry of Defence", nlp="rules")
    assert claims[0].attribution == ("UK Ministry of Defence",)
    assert _chain("The agency estimated at least 900 had died.") == ("agency",)


def test_a_lawmaker_named_with_party_and_competing_estimates() -> None:
    assert clean_source("Rep. Seo Jung-hoon of the Democratic Party") == "Seo Jung-hoon"
    assert clean_source("Another U.S. official") == "U.S. official"
    assert _chain("Competing estimates put the toll at about 900.") == ("unattributed",)


def test_a_spokesperson_named_in_the_next_quotations_tag() -> None:
    text = (
        "The units were pulled back, a spokesperson for the Territorial Defence Forces told "
        'reporters on Feb. 7.\n\n"We have not seen them. They took losses," Major Ivan Koval '
        "said.\n\nAccording to Koval, more than 900 soldiers were killed."
    )
    assert _chain(text)[0] == "Territorial Defence Forces"


def test_this_was_stated_by_names_the_previous_sentences_source() -> None:
    text = (
        "The units lost at least 30 servicemen over the weekend.\n\n"
        "This was stated by the HUR on Telegram, Ukrinform reports."
    )
    assert _chain(text)[0] == "HUR"


def test_the_agency_named_before_wins_over_the_national_outlets_home() -> None:
    text = (
        "Ukraine's Defence Intelligence (HUR) reported new losses on Sunday. According to the "
        "intelligence agency, eight servicemen were killed."
    )
    claims = extract_claims(text, published=PUB, outlet="Ukrinform", nlp="rules")
    assert claims[-1].attribution[0] != "Ukrainian intelligence agency"


@pytest.mark.parametrize(
    ("text", "origin"),
    [
        # a quotation's closing tag with a described speaker whose adjective is capitalized
        ('"More than 50 of them died," said a U.S. official.', "U.S. official"),
        # a speaker named by call sign, after the description or in the clause after it
        (
            '"More than 50 of them died," said a Ukrainian drone operator serving in the '
            "area, who asked to be identified only by his call sign, Sokil.",
            "Sokil",
        ),
        (
            "A drone team tracked a column of about 200 North Korean infantrymen, said its "
            "commander, who asked to be identified by his call sign, Hrim.",
            "Hrim",
        ),
        (
            '"About 40 of them were killed," said a Ukrainian drone-unit commander who goes '
            "by the call sign Moose.",
            "Moose",
        ),
    ],
)
def test_quotation_tags_and_call_signs(text: str, origin: str) -> None:
    assert _chain(text)[0] == origin


def test_leftover_participles_adverbs_and_state_media_images() -> None:
    assert clean_source("A Ukrainian company commander fighting") == "Ukrainian company commander"
    assert clean_source("a flight manifest also") == "flight manifest"
    text = (
        "State media images released last month showed Kim Jong Un before portraits of "
        "dozens of soldiers killed in action."
    )
    assert _chain(text)[0] == "North Korean state media"


def test_body_officials_plural_speak_for_it_singular_keep_the_description() -> None:
    aliases = {"nis": "National Intelligence Service", "jcs": "Joint Chiefs of Staff"}
    assert _chain("NIS officials said about 3,000 soldiers were sent.", aliases) == (
        "National Intelligence Service",
    )
    assert _chain("A JCS official said about 3,000 soldiers were sent.", aliases) == (
        "JCS official",
    )


def test_a_lower_case_joint_chiefs_of_staff_keeps_its_whole_name() -> None:
    assert clean_source("South Korea's joint chiefs of staff") != "South Korea's joint chiefs"
    assert clean_source("the joint chiefs of staff") == "joint chiefs of staff"


def test_a_speech_makes_its_speaker_the_next_he_and_an_inverted_opening_is_no_subject() -> None:
    text = (
        "Present at the ceremony were bereaved families and thousands of citizens.\n\n"
        "Kim Jong Un made a speech.\n\n"
        "He said that more than 4,000 officers and soldiers signed petitions."
    )
    assert _chain(text)[0] == "Kim Jong Un"


def test_a_bodys_estimate_and_a_us_agency_after_citing_information_from() -> None:
    text = (
        "The Defense Department said on Tuesday that it would update its figures.\n\n"
        "Ryder repeated the department's estimate that about 11,000 North Korean troops are "
        "in the Kursk region."
    )
    assert _chain(text)[0] == "Defense Department"
    text = (
        "The minister said about 8,000 North Korean troops had been deployed, citing "
        "information from the U.S. Defense Department."
    )
    assert _chain(text)[0] == "U.S. Defense Department"


@pytest.mark.parametrize(
    ("text", "origin"),
    [
        # a rank between the role and the name; the surname later speaks for the body too
        (
            "Pentagon press secretary Maj. Gen. Pat Ryder told reporters that losses were in "
            "the hundreds.\n\nRyder said some 11,000 North Korean troops are in Kursk.",
            "Pentagon",
        ),
        # "Their spokesman, X,": the body the paragraphs named before
        (
            "The Special Operations Forces have fought the North Koreans since December.\n\n"
            "Their spokesman, Andriy Sobko, told Le Monde that the unit had killed more than 30 "
            "North Korean soldiers.",
            "Special Operations Forces",
        ),
    ],
)
def test_spokespeople_with_a_rank_or_a_possessive(text: str, origin: str) -> None:
    aliases = {"pentagon": "Pentagon"}
    assert _chain(text, aliases)[0] == origin


def test_an_adverb_after_the_speaker_and_a_reminder_of_earlier_coverage() -> None:
    assert _chain("The agency first estimated that around 11,000 soldiers were sent.") == (
        "agency",
    )
    text = (
        "As Ukrinform reported, in October Ukraine's military intelligence said that about 500 "
        "North Korean officers had arrived in Russia."
    )
    assert _chain(text)[0] == "Ukraine's military intelligence"


def test_section_headings_are_no_speakers() -> None:
    text = (
        "THE NUMBERS: We estimate that between 14,000 and 15,000 soldiers were sent.\n\n"
        "THE COST: The agency said the North had suffered around 4,700 casualties.\n\n"
        "WHAT TO WATCH: We think a third rotation of up to 5,000 troops is likely."
    )
    claims = extract_claims(text, published=PUB, outlet="NK Pro", nlp="rules")
    assert [c.attribution[0] for c in claims] == ["NK Pro", "agency", "NK Pro"]


def test_a_coordinated_claim_after_a_title_and_a_relative_after_given_by() -> None:
    text = (
        "On Saturday, Russia's Chief of the General Staff Valery Gerasimov praised the "
        "soldiers and claimed that Ukraine had lost more than 76,000 servicemen."
    )
    assert _chain(text)[0] == "Valery Gerasimov"
    text = (
        "The new estimate is far above the one given by South Korea's spy agency, which said "
        "in January that around 300 North Korean soldiers had been killed."
    )
    assert _chain(text)[0] == "South Korea's spy agency"


def test_a_leaked_document_keeps_its_words_unless_it_names_a_body_by_acronym() -> None:
    aliases = {
        "ukrainian military intelligence": "Defence Intelligence of Ukraine",
        "nis": "National Intelligence Service",
    }
    text = (
        "North Korean units suffered roughly 4,000 casualties, according to a Ukrainian "
        "military intelligence assessment seen by Reuters."
    )
    assert _chain(text, aliases)[0] == "Ukrainian military intelligence assessment"
    text = "According to an NIS assessment, some 15,000 troops were sent."
    assert _chain(text, aliases)[0] == "National Intelligence Service"


@pytest.mark.parametrize(
    ("text", "origin"),
    [
        ("One of the Western officials said about 3,000 soldiers were sent.", "Western official"),
        (
            "A prominent Russian milblogger claimed that 400 personnel operate in each unit.",
            "Russian milblogger",
        ),
        (
            "Reports in Western media claiming that 10,000 North Korean servicemen are fighting "
            "are a fabrication, the ministry said.",
            "Western media",
        ),
        ("By Reuters' count, North Korea has committed more than 20,000 personnel.", "Reuters"),
        ("Seoul has so far assessed that the North sent about 11,000 soldiers.", "Seoul"),
        (
            "Seo Min-gyu, who sits on the intelligence committee, said the National "
            "Intelligence Service had also tracked roughly 3,000 fresh troops.",
            "National Intelligence Service",
        ),
    ],
)
def test_described_sources_trimmed_and_an_agency_that_tracked_troops(
    text: str, origin: str
) -> None:
    assert _chain(text)[0] == origin


def test_an_official_relaying_their_governments_estimate_is_the_origin() -> None:
    text = (
        "A US defense official, speaking on condition of anonymity, said Washington's estimate "
        'was broadly similar, with "more than 4,000" North Korean casualties.'
    )
    assert _chain(text)[0] == "US defense official"


def test_a_state_that_said_it_is_the_person_named_next() -> None:
    text = (
        "North Korea will send 6,000 military engineers and construction workers to Russia's "
        "Kursk region, Moscow has said.\n\nSergei Shoigu, the secretary of Russia's Security "
        "Council, announced the move after talks with Kim Jong Un."
    )
    assert _chain(text)[0] == "Sergei Shoigu"
    text = (
        "North Korea will send 6,000 more troops to Russia, Moscow has said.\n\n"
        "The move was welcomed in Pyongyang."
    )
    assert _chain(text)[0] == "Moscow"


@pytest.mark.parametrize(
    "text",
    [
        "Of late, the puppet intelligence service of south Korea, in collusion with the U.S., "
        'is spreading the absurd story that the DPRK has sent "some 12,000 troops" to Russia.',
        'The report denounced the "sheer lie" spread by the puppet National Intelligence '
        "Service of the ROK that thousands of KPA servicemen had been killed in Kursk.",
    ],
)
def test_a_story_state_media_deny_keeps_who_spread_it(text: str) -> None:
    aliases = {"south korean national intelligence service": "National Intelligence Service"}
    claims = extract_claims(
        text, published=PUB, outlet="Korean Central News Agency", aliases=aliases, nlp="rules"
    )
    assert claims[0].attribution[0] in (
        "South Korean intelligence service",
        "National Intelligence Service",
    )


@pytest.mark.parametrize(
    ("text", "origin"),
    [
        (
            "The Defense Department estimated losses in the hundreds, officials said.\n\n"
            "In late October, the department said about 10,000 North Korean soldiers had been "
            "sent to eastern Russia.",
            "Defense Department",
        ),
        (
            "As reported, in early November the HUR said that the Russian command had "
            "concentrated about 12,000 North Korean military personnel in the Kursk region.",
            "HUR",
        ),
        (
            "That followed an announcement in June by Sergei Shoigu, the head of Russia's "
            "Security Council, that Pyongyang would provide 1,000 sappers.",
            "Sergei Shoigu",
        ),
    ],
)
def test_the_department_named_before_a_reminder_and_an_announcement_by(
    text: str, origin: str
) -> None:
    assert _chain(text)[0] == origin


def test_the_department_is_the_body_a_spokesperson_spoke_for() -> None:
    text = (
        "North Korean troops have suffered several hundred casualties, Pentagon Press "
        "Secretary Air Force Maj. Gen. Pat Ryder told reporters.\n\nIn late October, the "
        "department said "
        "about 10,000 North Korean soldiers had been sent to eastern Russia."
    )
    aliases = {"pentagon": "US Department of Defense"}
    claims = extract_claims(text, published=PUB, aliases=aliases, nlp="rules")
    assert [c.attribution[0] for c in claims] == ["US Department of Defense"] * 2


def test_an_untagged_quotation_continues_its_speaker_over_sentences() -> None:
    text = (
        '"Losses are heavy," Petro Lysenko said on television. '
        '"About 9,000 of their soldiers are still in the region. Some 5,000 of them fight '
        'in assault groups."\n\nSeparately, 40 soldiers were reported killed.'
    )
    claims = extract_claims(text, published=PUB, nlp="rules")
    assert [(c.low, c.attribution[0]) for c in claims] == [
        (9000, "Petro Lysenko"),
        (5000, "Petro Lysenko"),
        (40, "unattributed"),
    ]


@pytest.mark.parametrize(
    ("text", "origin"),
    [
        (
            "Two more soldiers were captured, the agency, known as HUR, said on Telegram.",
            "HUR",
        ),
        (
            "Kyiv counted 500 dead, while Ukraine's spy agency, known as HUR, said 200 had died.",
            "HUR",
        ),
    ],
)
def test_a_body_known_by_an_acronym_in_a_tag_or_after_a_conjunction(text: str, origin: str) -> None:
    claims = extract_claims(text, published=PUB, nlp="rules")
    assert claims[-1].attribution[0] == origin


@pytest.mark.parametrize(
    ("text", "origin"),
    [
        # a cited body followed by a second participle
        (
            "Seoul could send 2,000 more troops, lawmaker Park Jin-woo said, citing the "
            "National Intelligence Service and adding that more would follow.",
            "National Intelligence Service",
        ),
        # an adverb after the subject of a reported belief
        (
            "Press secretary Pat Ryder said the United States still believes 11,000 troops "
            "are in Kursk.",
            "United States",
        ),
        # a date in an appositive is no author
        (
            "The NIS's last public tally, from late April, put North Korean losses at 4,700.",
            "NIS",
        ),
        # a subject with its appositive, after a time, and a coordinated reporting verb
        (
            "On Saturday General Valery Gerasimov, the chief of the general staff, thanked "
            "the allies and claimed that Ukraine had lost 76,000 soldiers.",
            "Valery Gerasimov",
        ),
        # claims circulating on channels; a state-media denial of what a body has spread
        (
            "Claims circulating on Russian Telegram channels that North Korea will send "
            "100,000 troops are not supported.",
            "Russian Telegram channels",
        ),
        (
            "The so-called intelligence directorate HUR has spread fabrications that 30,000 "
            "servicemen are being prepared.",
            "HUR",
        ),
        (
            "Certain Western media outlets have gone further, claiming that thousands of "
            "soldiers have been killed.",
            "Western media",
        ),
        # an arrangement its announcer announced; a figure of N that a body gave
        (
            "More plausible is the arrangement Sergei Shoigu announced in June: 1,000 sappers.",
            "Sergei Shoigu",
        ),
        (
            "This is higher than the figure of about 4,700 casualties that South Korea's "
            "National Intelligence Service gave lawmakers in April.",
            "South Korean National Intelligence Service",
        ),
    ],
)
def test_trimmed_subjects_appositives_and_what_others_spread(text: str, origin: str) -> None:
    assert _chain(text)[0] == origin


def test_the_pentagon_on_the_united_states_belief_is_the_origin() -> None:
    text = "Pentagon spokesman Pat Ryder said the United States believes 11,000 troops are there."
    assert _chain(text, {"pentagon": "US Department of Defense"})[0] == "US Department of Defense"


def test_a_publisher_named_by_part_of_its_name_is_the_publisher() -> None:
    text = "1. The Joint Chiefs of Staff (JCS) assesses that 1,100 soldiers were killed."
    claims = extract_claims(
        text, published=PUB, outlet="Republic of Korea Joint Chiefs of Staff", nlp="rules"
    )
    assert claims[0].attribution[0] == "Republic of Korea Joint Chiefs of Staff"


@pytest.mark.parametrize(
    ("text", "origin"),
    [
        (
            "Russian government statistics show that more than 13,000 workers entered Russia.",
            "Russian government statistics",
        ),
        (
            "Volodymyr Zelensky has offered to hand two captured North Korean soldiers over to "
            "Pyongyang.",
            "Volodymyr Zelensky",
        ),
        (
            "The security service on Monday released videos of its interrogation of two "
            "captured North Korean soldiers.",
            "security service",
        ),
    ],
)
def test_statistics_that_show_and_who_shows_or_offers_captives(text: str, origin: str) -> None:
    assert _chain(text)[0] == origin


def test_the_spy_agency_is_no_news_agency_named_since() -> None:
    text = (
        "About 2,000 soldiers have been killed, South Korea's spy agency told lawmakers.\n\n"
        "The Korean Central News Agency said 101 soldiers were killed in Russia.\n\n"
        "In October the spy agency said Pyongyang was preparing to send about 12,000 soldiers."
    )
    aliases = {"south korea's spy agency": "National Intelligence Service"}
    claims = extract_claims(text, published=PUB, aliases=aliases, nlp="rules")
    assert claims[-1].attribution[0] == "National Intelligence Service"


def test_the_countrys_body_after_a_sentence_about_that_country() -> None:
    text = (
        "Ukraine has put the losses higher. The country's General Staff said more than 4,000 "
        "North Korean soldiers had been killed or wounded."
    )
    claims = extract_claims(text, published=PUB, outlet="NHK", nlp="rules")
    assert claims[0].attribution[0] == "Ukrainian General Staff"


def test_the_countrys_body_after_a_sentence_about_north_korea_is_the_outlets() -> None:
    text = (
        "North Korea has sent 3,000 more troops to Russia. The country's spy agency said "
        "about 600 were killed."
    )
    claims = extract_claims(text, published=PUB, outlet="Yonhap", nlp="rules")
    assert claims[-1].attribution[0] == "South Korean spy agency"


@pytest.mark.parametrize(
    ("text", "origin"),
    [
        (
            "Meanwhile, the puppet intelligence service HUR is spreading the fabricated story "
            "that some 4,700 of our servicemen were killed or wounded.",
            "HUR",
        ),
        (
            "The minister, asked about losses that had surpassed 4,000, told reporters that "
            "Japan could not confirm the number.",
            "minister",
        ),
    ],
)
def test_a_lead_adverb_and_a_thousands_separator_before_the_speaker(text: str, origin: str) -> None:
    assert _chain(text)[0] == origin


@pytest.mark.parametrize(
    ("text", "origin"),
    [
        (
            'In his nightly address last night the president said "more than 3,000" soldiers '
            "had been killed.",
            "president",
        ),
        (
            "A Ukrainian commander I spoke to near Sumy told me they come in groups of 20 to 30 "
            "men.",
            "Ukrainian commander",
        ),
        (
            "Adding up official estimates from Seoul and Kyiv, we reckon that around 5,500 "
            "have been killed.",
            "Harbour Institute for Security",
        ),
        (
            '"Pyongyang could send thousands more," Hong Min-gyu of the Korea Institute for '
            "National Unification said.",
            "Hong Min-gyu",
        ),
        (
            "According to an internal memo from Alabuga's management dated September 2, "
            "North Korea is to send up to 12,000 workers.",
            "internal memo from Alabuga's management",
        ),
        (
            "The EU takes note of the estimate published earlier this month by the National "
            "Intelligence Service that about 4,700 soldiers have been killed or wounded.",
            "National Intelligence Service",
        ),
    ],
)
def test_occasions_interviewers_our_reckoning_affiliations_and_publishers(
    text: str, origin: str
) -> None:
    outlet = "Harbour Institute for Security" if "we reckon" in text else None
    claims = extract_claims(text, published=PUB, outlet=outlet, nlp="rules")
    assert claims[-1].attribution[0] == origin


@pytest.mark.parametrize(
    "text",
    [
        "Following the agreement announced in June, Pyongyang has dispatched 1,000 deminers.",
        "If the deployment proceeds as announced, the total could reach 20,000 personnel.",
    ],
)
def test_a_lead_clause_is_no_speaker(text: str) -> None:
    assert _chain(text) == ("unattributed",)


def test_figures_published_by_both_sides_do_not_take_a_verb_as_their_publisher() -> None:
    text = (
        "Russia has lost more than 700,000 soldiers, according to Ukraine's General Staff. "
        "The figures published by both sides are widely seen as propaganda tools."
    )
    assert _chain(text)[0] == "Ukrainian General Staff"


def test_a_spokesperson_for_a_body_is_the_body_under_its_aliases() -> None:
    text = "A spokesperson for Ukraine's Security Service said dozens of soldiers were surrounded."
    aliases = {"security service of ukraine": "Security Service of Ukraine"}
    assert _chain(text, aliases)[0] == "Security Service of Ukraine"


@pytest.mark.parametrize(
    ("text", "origin"),
    [
        (
            "We start in Ukraine, where President Volodymyr Zelensky says more than 3,000 "
            "soldiers have been killed.",
            "Volodymyr Zelensky",
        ),
        (
            "The other, a 26-year-old sniper named Ri, said his battalion of roughly 500 "
            "soldiers had been destroyed.",
            "Ri",
        ),
        (
            "Dr Ellen Pryce, a Korea specialist, said the builders could number as many as 10,000.",
            "Ellen Pryce",
        ),
        (
            "A third source, in Ryanggang province, said officials had recruited about 100 "
            "young men.",
            "source in Ryanggang province",
        ),
    ],
)
def test_where_clauses_named_appositives_titles_and_sources_placed(text: str, origin: str) -> None:
    assert _chain(text)[0] == origin


def test_another_source_is_described_as_the_source_before() -> None:
    text = (
        "North Korea plans to send more troops, a Japanese government source said. Another "
        "source said Pyongyang might also send several thousand workers."
    )
    assert _chain(text)[0] == "Japanese government source"


def test_a_document_compiled_by_a_ministry_is_the_ministrys() -> None:
    text = (
        "TOKYO -- Japan's annual defense white paper, compiled by the Defense Ministry and "
        "approved by the Cabinet, warns that North Korea has sent more than 10,000 troops."
    )
    claims = extract_claims(text, published=PUB, outlet="Mainichi", nlp="rules")
    assert claims[0].attribution[0] == "Japanese Defense Ministry"


def test_the_short_name_of_a_body_named_in_full_before() -> None:
    text = (
        "Around 4,700 troops were killed or wounded, South Korea's Joint Chiefs of Staff said.\n\n"
        "In a report, the Joint Chiefs of Staff (JCS) said the North had deployed around "
        "15,000 soldiers."
    )
    assert _chain(text)[0] == "South Korean Joint Chiefs of Staff"


def test_a_series_title_over_a_byline_is_no_interviewee() -> None:
    text = (
        "Critical Questions, by Hannah Lowell and Park Ji-hoon\n\n"
        "Q1: How many troops have gone?\n\n"
        "A1: Our best estimate is that between 14,000 and 16,000 troops have gone.\n\n"
        "Q2: Will more follow?\n\n"
        "A2: We assess that a rotation of about 4,000 fresh troops began in May."
    )
    claims = extract_claims(text, published=PUB, outlet="CSIS", nlp="rules")
    assert [c.attribution[0] for c in claims] == ["CSIS", "CSIS"]


@pytest.mark.parametrize(
    ("text", "origin", "outlet"),
    [
        (
            "TOKYO, Jan. 15 (Jiji Press)--The government has estimated that the soldiers have "
            "suffered nearly 3,000 casualties.",
            "Japanese government",
            "Jiji Press",
        ),
        (
            "The Republic of Korea's National Intelligence Service said some 1,500 special "
            "forces had been transported.",
            "South Korean National Intelligence Service",
            None,
        ),
        (
            "The false claim of the south Korean puppet intelligence service that thousands of "
            "our soldiers have been killed is a smear.",
            "south Korean intelligence service",
            None,
        ),
        (
            "Rep. Nam Ki-hoon said the North would send 3,000 more troops, citing signs of "
            "fresh recruitment.",
            "Nam Ki-hoon",
            None,
        ),
        (
            "Colonel Rimantas Žukauskas said 10,000 or more North Korean soldiers remain.",
            "Rimantas Žukauskas",
            None,
        ),
        ("Colonel Kim Chol Nam said 17 wounded servicemen were treated.", "Kim Chol Nam", None),
    ],
)
def test_datelines_without_spaces_long_owners_false_claims_signs_and_ranks(
    text: str, origin: str, outlet: str | None
) -> None:
    claims = extract_claims(text, published=PUB, outlet=outlet, nlp="rules")
    assert claims[0].attribution[0] == origin


def test_interview_questions_and_correspondents_are_the_outlets_voice() -> None:
    text = (
        "DW: How many soldiers are fighting?\n\n"
        "AHN: About 11,000 soldiers are there.\n\n"
        "DW: Ukraine captured two soldiers in January. What did we learn?\n\n"
        "AHN: Not much."
    )
    claims = extract_claims(text, published=PUB, outlet="DW", nlp="rules")
    assert [c.attribution[0] for c in claims] == ["Ahn", "unattributed"]
    transcript = (
        "PRESENTER: We start in Kyiv.\n\n"
        "HANNAH COLE (KYIV): Roughly 11,000 North Korean troops are in Kursk.\n\n"
        "PRESENTER: Thank you.\n\n"
        "HANNAH COLE (KYIV): Thank you."
    )
    claims = extract_claims(transcript, published=PUB, outlet="Sky News", nlp="rules")
    assert [c.attribution[0] for c in claims] == ["unattributed"]


@pytest.mark.parametrize(
    ("text", "origin", "outlet"),
    [
        (
            "In his speech, Kim Jong Un warmly congratulated the regiment. He said that nine "
            "comrades of the regiment had laid down their lives.",
            "Kim Jong Un",
            "KCNA",
        ),
        (
            "Regimental commander Colonel Kim Chol Nam reported that the soldiers had carried "
            "17 wounded Russian servicemen to safety.",
            "Kim Chol Nam",
            "KCNA",
        ),
        (
            "According to a report the Joint Chiefs of Staff submitted to the defense committee, "
            "North Korea sent an additional 3,000 troops.",
            "South Korean Joint Chiefs of Staff",
            "MBC",
        ),
        (
            "Our military now puts the North's casualties at around 4,700.",
            "South Korean military",
            "MBC",
        ),
        (
            'The channel Rybar, which has 1.3 million subscribers, wrote that "around 12,000" '
            "servicemen had passed through the front.",
            "Rybar",
            "Meduza",
        ),
    ],
)
def test_speeches_ranked_commanders_reports_submitted_our_military_and_channels(
    text: str, origin: str, outlet: str
) -> None:
    claims = extract_claims(text, published=PUB, outlet=outlet, nlp="rules")
    assert claims[-1].attribution[0] == origin


def test_a_departments_press_secretary_in_its_own_transcript_is_the_department() -> None:
    text = (
        "PRESS SECRETARY MAJ. GEN. PAT RYDER: Good afternoon.\n\n"
        "Q: How many casualties?\n\n"
        "GEN. RYDER: We assess that the soldiers have suffered several hundred casualties.\n\n"
        "Q: And the deployment?\n\n"
        "GEN. RYDER: About 11,000 troops are in Kursk."
    )
    claims = extract_claims(text, published=PUB, outlet="U.S. Department of Defense", nlp="rules")
    assert {c.attribution[0] for c in claims} == {"U.S. Department of Defense"}


def test_nobody_is_no_speaker() -> None:
    text = '"About 120 men went in," Ri said. Nobody told them that 80 of them would die.'
    claims = extract_claims(text, published=PUB, nlp="rules")
    assert "Nobody" not in {c.attribution[0] for c in claims}


def test_a_headquarters_release_speaks_for_the_headquarters() -> None:
    text = "In the most recent exchange, 185 servicemen and 20 civilians were returned to Ukraine."
    outlet = "Coordination Headquarters for the Treatment of Prisoners of War"
    claims = extract_claims(text, published=PUB, outlet=outlet, nlp="rules")
    assert [c.attribution[0] for c in claims] == [outlet, outlet]


def test_a_state_that_added_a_count_did_not_speak_and_an_investigation_is_its_outlets() -> None:
    text = (
        "Pyongyang first sent about 11,000 soldiers to Russia and added several thousand more "
        "early this year."
    )
    assert {c.attribution[0] for c in extract_claims(text, published=PUB, nlp="rules")} == {
        "unattributed"
    }
    found = "At least 12,000 laborers were sent, according to a Washington Post investigation."
    assert _chain(found)[0] == "Washington Post"


@pytest.mark.parametrize(
    ("text", "origin"),
    [
        (
            "Kim held a ceremony in Pyongyang, with state media images showing him before "
            "portraits of 101 soldiers killed in action.",
            "North Korean state media",
        ),
        (
            "The NIS said 4,700 were killed or wounded. That compares with the roughly 3,000 "
            "casualties the agency reported in January.",
            "NIS",
        ),
    ],
)
def test_images_a_body_shows_and_a_count_the_agency_reported(text: str, origin: str) -> None:
    assert _chain(text)[0] == origin
