"""Time expressions resolved against a fixed publication date (Friday 2025-06-27)."""

from __future__ import annotations

import datetime as dt

import pytest

from watchfloor.news.extract import extract_claims, find_times

PUB = dt.date(2025, 6, 27)


def _time(sentence: str) -> tuple[str | None, str | None]:
    (claim,) = extract_claims(sentence, published=PUB, nlp="rules")
    return claim.time_start, claim.time_end


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("North Korea sent 3,000 troops on Monday.", "2025-06-23", "2025-06-23"),
        ("North Korea sent 3,000 troops on Friday.", "2025-06-27", "2025-06-27"),
        ("North Korea sent 3,000 troops last week.", "2025-06-16", "2025-06-22"),
        ("North Korea sent 3,000 troops in late 2024.", "2024-09-01", "2024-12-31"),
        ("North Korea sent 3,000 troops in early 2025.", "2025-01-01", "2025-04-30"),
        ("North Korea sent 3,000 troops in mid-January.", "2025-01-11", "2025-01-20"),
        ("It may send 3,000 troops as early as July or August.", "2025-07-01", "2025-08-31"),
        ("It has kept 3,000 troops there since late 2024.", "2024-09-01", "2025-06-27"),
        ("It sent 3,000 troops this year.", "2025-01-01", "2025-06-27"),
        ("It will send 3,000 troops later this year.", "2025-06-27", "2025-12-31"),
        ("It will send 3,000 troops in the coming months.", "2025-06-27", "2025-09-30"),
        ("By mid-January, 300 soldiers had been killed.", "2025-01-11", "2025-01-20"),
        ("By September, 300 soldiers had been killed.", "2024-09-01", "2024-09-30"),
        ("It plans 6,000 troops by the end of 2025.", "2025-06-27", "2025-12-31"),
        ("It plans 6,000 troops by the end of the year.", "2025-06-27", "2025-12-31"),
        ("It sent 1,500 troops between Oct. 8 and Oct. 13.", "2024-10-08", "2024-10-13"),
        ("It sent 3,000 troops starting last October.", "2024-10-01", "2025-06-27"),
        ("It sent 3,000 troops last October.", "2024-10-01", "2024-10-31"),
        ("It sent 3,000 troops last autumn.", "2024-09-01", "2024-11-30"),
        ("It lost 3,000 soldiers in the spring.", "2025-03-01", "2025-05-31"),
        ("It lost 3,000 soldiers last winter.", "2024-12-01", "2025-02-28"),
        ("It sent 3,000 troops in December.", "2024-12-01", "2024-12-31"),
        ("It sent 3,000 troops in January and February.", "2025-01-01", "2025-02-28"),
        ("It sent 3,000 troops on Jan. 11, 2025.", "2025-01-11", "2025-01-11"),
        ("It sent 1,500 troops between Oct. 8 and 13.", "2024-10-08", "2024-10-13"),
        ("30 soldiers were killed on Saturday and Sunday.", "2025-06-21", "2025-06-22"),
        ("It said in mid-June it would send 1,000 sappers.", "2025-06-11", "2025-06-20"),
        ("It sent 3,000 troops last month.", "2025-05-01", "2025-05-31"),
        ("North Korea sent 3,000 troops to Russia.", "2025-06-27", "2025-06-27"),
    ],
)
def test_time_expressions(text: str, start: str | None, end: str | None) -> None:
    """Each time expression resolves to the documented day or interval."""
    assert _time(text) == (start, end)


def test_event_time_beats_statement_time() -> None:
    """'said at the weekend that ... on Saturday and Sunday' dates the event, not the statement."""
    text = "HUR said on Monday that at least 30 soldiers were killed on Saturday and Sunday."
    assert _time(text) == ("2025-06-21", "2025-06-22")


def test_statement_time_used_when_alone() -> None:
    """A claim whose only time is its statement's ('said on Monday') takes that day."""
    assert _time("The Pentagon said on Monday that about 10,000 troops were sent.") == (
        "2025-06-23",
        "2025-06-23",
    )


def test_since_is_background() -> None:
    """A figure standing 'since late 2024' is background, with the 'since' kind."""
    (mention,) = find_times("since late 2024", PUB)
    assert mention.kind == "since"
    (claim,) = extract_claims("It has kept 11,000 troops there since late 2024.", published=PUB)
    assert claim.background


def test_modal_may_is_not_a_month() -> None:
    """The verb 'may' is not the month of May."""
    assert find_times("Pyongyang may send troops.", PUB) == []


def test_no_publication_date_leaves_times_empty() -> None:
    """Without a publication date, relative times stay unresolved."""
    (claim,) = extract_claims("It sent 3,000 troops on Monday.", nlp="rules")
    assert (claim.time_start, claim.time_end) == (None, None)


def test_as_early_as_narrows_coming_months() -> None:
    """'in the coming months—possibly as early as July or August' takes the narrower window."""
    text = (
        "North Korea plans to deploy between 25,000 and 30,000 more soldiers in the coming "
        "months—possibly as early as July or August."
    )
    assert _time(text) == ("2025-07-01", "2025-08-31")


def test_next_sentence_as_early_as_narrows_coming_months() -> None:
    """A plan 'in the coming months' followed by 'as early as July' is dated by the latter."""
    text = (
        "North Korea will send 30,000 troops in the coming months, officials said. "
        "The first could leave as early as July or August."
    )
    (claim,) = extract_claims(text, published=PUB, nlp="rules")
    assert (claim.time_start, claim.time_end) == ("2025-07-01", "2025-08-31")


def test_time_choice_rules() -> None:
    """Event times in another clause, past another speaker or another count are not used."""
    pub = dt.date(2024, 10, 18)
    text = (
        "Ukraine's military intelligence said earlier this week that some 11,000 North Korean "
        "infantry were training and that the first units could reach the front by Nov. 1."
    )
    (claim,) = extract_claims(text, published=pub, nlp="rules")
    assert (claim.time_start, claim.time_end) == ("2024-10-14", "2024-10-17")
    text = "The agency estimated about 3,000 casualties among the 11,000 troops it sent last year."
    first, second = extract_claims(text, published=PUB, nlp="rules")
    assert (first.time_start, second.time_start) == ("2025-06-27", "2024-01-01")
    text = (
        "Russia said in June that it would send 6,000 sappers, and analysts expect the "
        "dispatch of more troops."
    )
    sized, unsized = extract_claims(text, published=dt.date(2025, 8, 21), nlp="rules")
    assert sized.time_start == "2025-06-01" and unsized.time_start == "2025-08-21"
    text = (
        "Around 8,000 soldiers have moved to Russia's Kursk border region and are expected to "
        'join the fighting "in the coming days", the Pentagon said Monday.'
    )
    (claim,) = extract_claims(text, published=PUB, nlp="rules")
    assert claim.time_start == "2025-06-23"  # "in the coming days" dates no present count


def test_since_the_initial_deployment_takes_the_reports_start() -> None:
    """'since the initial deployment' starts where the report's own 'since late 2024' does."""
    text = (
        "The 11,000 troops have been there since late 2024. Officials estimate that about "
        "4,000 soldiers have died since the initial deployment."
    )
    claims = extract_claims(text, published=PUB, nlp="rules")
    assert (claims[1].time_start, claims[1].time_end) == ("2024-09-01", "2025-06-27")


def test_same_day_and_carried_statement_day() -> None:
    text = (
        "President Volodymyr Zelensky said Monday that the captured men were being questioned. "
        "Zelensky put the losses at nearly 4,000 killed and wounded, while the spy agency told "
        "lawmakers the same day that about 3,100 had been killed or wounded."
    )
    claims = extract_claims(text, published=dt.date(2025, 1, 14), nlp="rules")
    assert [(c.time_start, c.time_end) for c in claims] == [("2025-01-13", "2025-01-13")] * 2


def test_at_the_time_takes_previous_sentence_date() -> None:
    text = (
        "A resolution adopted in 2017 required states to send workers home. At the time, "
        "roughly 30,000 North Koreans were working in Russia."
    )
    (claim,) = extract_claims(text, published=dt.date(2025, 7, 24), nlp="rules")
    assert (claim.time_start, claim.time_end) == ("2017-01-01", "2017-12-31")


def test_first_half_of_year_resolves() -> None:
    (mention,) = find_times("in the first half of 2025", dt.date(2025, 9, 1))
    assert (mention.date_start, mention.date_end) == ("2025-01-01", "2025-06-30")


def test_earlier_this_month_ends_the_day_before_publication() -> None:
    from watchfloor.news.extract.timeexpr import find_times

    found = find_times("The Pentagon said earlier this month that 8,000 had arrived.", PUB)
    assert (found[0].date_start, found[0].date_end) == (
        PUB.replace(day=1).isoformat(),
        (PUB - dt.timedelta(days=1)).isoformat(),
    )


def test_by_a_month_already_past_is_the_coming_one_in_a_forward_sentence() -> None:
    from watchfloor.news.extract.timeexpr import find_times

    december = dt.date(2024, 12, 19)
    ahead = find_times("Pyongyang might send more troops by mid-January.", december)
    assert (ahead[0].date_start, ahead[0].date_end) == ("2025-01-11", "2025-01-20")
    june = dt.date(2025, 6, 27)
    behind = find_times("By March, 3,000 soldiers had been killed.", june)
    assert (behind[0].date_start, behind[0].date_end) == ("2025-03-01", "2025-03-31")


def test_last_night_is_the_day_before_publication() -> None:
    assert _time("In his address last night the president said 3,000 soldiers were killed.") == (
        "2025-06-26",
        "2025-06-26",
    )


def test_a_part_introduced_by_including_takes_the_time_of_its_whole() -> None:
    text = (
        "HUR put the number higher on Monday, saying that 11,000 troops were now in the "
        "region, including some 500 officers."
    )
    claims = extract_claims(text, published=PUB, nlp="rules")
    assert [(c.low, c.time_start) for c in claims] == [(11000, "2025-06-23"), (500, "2025-06-23")]
