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
    ],
)
def test_measures(text: str, measure: str) -> None:
    """Each people noun or casualty word gives its measure."""
    found = _claims(text)
    assert len(found) == 1 and found[0][0] == measure


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
