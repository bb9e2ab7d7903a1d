"""Number forms and the conventions' hedge → bound table."""

from __future__ import annotations

import datetime as dt

import pytest

from watchfloor.news.extract import extract_claims, find_quantities, parse_number

PUB = dt.date(2025, 6, 27)


def _one(text: str) -> tuple[str, str, float | None, float | None]:
    claims = extract_claims(text, published=PUB, nlp="rules")
    assert len(claims) == 1, claims
    claim = claims[0]
    return claim.measure, claim.bound, claim.low, claim.high


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("11,000", 11000),
        ("11000", 11000),
        ("12-thousand", 12000),
        ("15-hundred", 1500),
        ("1.5 million", 1500000),
        ("three thousand", 3000),
        ("twenty-five", 25),
        ("two hundred thousand", 200000),
        ("a dozen", 12),
        ("a thousand", 1000),
    ],
)
def test_parse_number_forms(text: str, value: float) -> None:
    """Digits, scaled digits, hyphenated scales and number words all parse to their value."""
    assert parse_number(text) == value


def test_parse_number_rejects_words() -> None:
    """A word that is not a number parses to None."""
    assert parse_number("several") is None


@pytest.mark.parametrize(
    ("text", "bound", "low", "high"),
    [
        ("North Korea sent 11,000 troops.", "exact", 11000, 11000),
        ("North Korea sent about 4,000 troops.", "approx", 4000, 4000),
        ("North Korea sent around 4,000 troops.", "approx", 4000, 4000),
        ("North Korea sent some 4,000 troops.", "approx", 4000, 4000),
        ("North Korea sent roughly 4,000 troops.", "approx", 4000, 4000),
        ("North Korea sent approximately 4,000 troops.", "approx", 4000, 4000),
        ("North Korea sent an estimated 4,000 troops.", "approx", 4000, 4000),
        ("North Korea sent more than 3,000 troops.", "lower", 3000, None),
        ("North Korea sent over 3,000 troops.", "lower", 3000, None),
        ("North Korea sent at least 3,000 troops.", "lower", 3000, None),
        ("North Korea sent as many as 12,000 troops.", "upper", None, 12000),
        ("North Korea sent up to 12,000 troops.", "upper", None, 12000),
        ("North Korea sent nearly 12,000 troops.", "upper", None, 12000),
        ("North Korea sent almost 12,000 troops.", "upper", None, 12000),
        ("North Korea sent between 25,000 and 30,000 troops.", "range", 25000, 30000),
        ("North Korea sent 25,000-30,000 troops.", "range", 25000, 30000),
        ("North Korea sent 25,000 to 30,000 troops.", "range", 25000, 30000),
        ("North Korea sent a dozen engineers.", "approx", 12, 12),
        ("North Korea sent dozens of engineers.", "vague", 24, 99),
        ("North Korea sent several hundred troops.", "vague", 200, 999),
        ("North Korea sent hundreds of troops.", "vague", 200, 999),
        ("North Korea sent thousands of troops.", "vague", 2000, 9999),
        ("North Korea sent several thousand troops.", "vague", 2000, 9999),
        ("North Korea sent tens of thousands of troops.", "vague", 20000, 99999),
        ("North Korea sent 12-thousand troops.", "exact", 12000, 12000),
        ("North Korea sent 15-hundred troops.", "exact", 1500, 1500),
        ("North Korea sent 1.5 million troops.", "exact", 1500000, 1500000),
        ("North Korea sent three thousand troops.", "exact", 3000, 3000),
    ],
)
def test_bound_table(text: str, bound: str, low: float | None, high: float | None) -> None:
    """Each row of the conventions' quantity table gives its bound, low and high."""
    assert _one(text) == ("troops", bound, low, high)


def test_unknown_size() -> None:
    """'additional troops' with no number is one claim of unknown size."""
    assert _one("Pyongyang could send additional troops to Russia.") == (
        "troops",
        "unknown",
        None,
        None,
    )


def test_casualty_total_exceeded() -> None:
    """'casualties exceeded 3,000' is a lower bound on casualties."""
    assert _one("North Korean casualties exceeded 3,000, the agency said.") == (
        "casualties",
        "lower",
        3000,
        None,
    )


@pytest.mark.parametrize(
    "text",
    [
        "The pact was signed in 2024 and ratified in June.",
        "Ukrainian forces seized around 1,000 square kilometres of territory.",
        "The North supplied 170mm guns and 240mm rocket launchers.",
        "It shipped more than 13,000 containers and over 8 million rounds.",
        "The ship made at least 11 round trips on Oct. 8 and Jan. 11.",
        "Dozens of KN-23 ballistic missiles and about 220 artillery pieces were sent.",
        "More than 15 percent of units trained, some 6,000 km from home.",
        "The roughly 3,000-tonne vessel left at 6:40 for the 2nd time.",
        "The soldiers were in their late teens or early 20s and learned 100 Russian terms.",
        "Pyongyang received $500 million and three amphibious ships.",
        "One of the officials said the two men were wounded.",
        "The 1950-53 Korean War ended long ago.",
    ],
)
def test_distractors_make_no_claims(text: str) -> None:
    """Numbers of things, years, dates, units and back-references produce no claim."""
    assert extract_claims(text, published=PUB, nlp="rules") == []


def test_find_quantities_skips_years_and_units() -> None:
    """Years and numbers carrying a unit are not quantities; a hedged count is."""
    found = find_quantities("In 2024 it sent 170mm guns and about 300 soldiers.")
    assert [(q.bound, q.low) for q in found] == [("approx", 300)]
