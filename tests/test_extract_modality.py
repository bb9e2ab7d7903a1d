"""Modality of claims from reporting verbs and hedges."""

from __future__ import annotations

import datetime as dt

import pytest

from watchfloor.news.extract import extract_claims

PUB = dt.date(2025, 6, 27)


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("North Korea sent 3,000 troops to Russia.", "asserted"),
        ("North Korea may send 3,000 troops.", "speculative"),
        ("North Korea could send 3,000 troops.", "speculative"),
        ("North Korea will possibly send 3,000 troops.", "speculative"),
        ("North Korea plans to send 3,000 troops.", "planned"),
        ("North Korea will send 3,000 troops.", "planned"),
        ("North Korea is preparing to send 3,000 troops.", "planned"),
        ("North Korea is expected to send 3,000 troops.", "planned"),
        ("North Korea has decided to send about 12,000 troops.", "planned"),
        ("Seoul estimates that North Korea sent 3,000 troops.", "estimated"),
        ("Kyiv assessed that North Korea sent 3,000 troops.", "estimated"),
        ("Western agencies believe 4,000 soldiers have died.", "estimated"),
        ("North Korea reportedly sent 3,000 troops.", "reported"),
        ("It is reported that North Korea sent 3,000 troops.", "reported"),
        ("Moscow denied that 3,000 North Korean troops were in Russia.", "denied"),
        ('KCNA called claims of "tens of thousands" of soldiers "fake news".', "denied"),
        ("There is no conclusive proof that 3,000 troops were sent.", "denied"),
    ],
)
def test_modality(text: str, modality: str) -> None:
    """Each cue gives its modality."""
    (claim,) = extract_claims(text, published=PUB, nlp="rules")
    assert claim.modality == modality


def test_plan_with_possibly_afterwards_stays_planned() -> None:
    """'plans to deploy ... possibly as early as July' is a plan; the hedge is on the date."""
    text = "North Korea plans to deploy 30,000 soldiers, possibly as early as July."
    (claim,) = extract_claims(text, published=PUB, nlp="rules")
    assert claim.modality == "planned"


def test_modal_after_the_count_is_speculative() -> None:
    """'About 100,000 troops could be sent' is speculative though the modal follows the count."""
    (claim,) = extract_claims(
        "About 100,000 troops could be sent, Seoul's spy agency warned.", published=PUB
    )
    assert claim.modality == "speculative" and claim.attribution == ("Seoul's spy agency",)
