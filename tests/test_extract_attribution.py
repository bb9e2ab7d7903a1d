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
            ("unnamed senior US military official",),
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
    assert _chain(text) == ("National Intelligence Service",)


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
    assert clean_source("South Korea's Joint Chiefs of Staff (JCS)") == "Joint Chiefs of Staff"
    assert clean_source("the Yonhap news agency") == "Yonhap"
    assert normalize_source("unnamed Ukrainian officials", {"nis": "NIS"}) == (
        "unnamed Ukrainian officials"
    )
    assert normalize_source("the NIS", {"nis": "National Intelligence Service"}) == (
        "National Intelligence Service"
    )
