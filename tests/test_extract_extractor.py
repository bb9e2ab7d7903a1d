"""The extractor end to end: sentences, spans, the scenario reports, rules and spaCy modes."""

from __future__ import annotations

import builtins
import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from watchfloor.news import extract_claims, parse_report
from watchfloor.news.extract import nlp as nlp_module
from watchfloor.news.extract import split_sentences

REPORTS = Path(__file__).parents[1] / "src/watchfloor/scenarios/korea_russia/reports"


def _report(name: str) -> tuple[str, dt.date, str | None]:
    doc = parse_report((REPORTS / name).read_text(encoding="utf-8"))
    assert doc.published is not None
    return doc.text, doc.published.date(), doc.outlet


def test_split_sentences_keeps_abbreviations() -> None:
    """'Oct.', 'Rep.' and 'U.S.' do not end sentences; line breaks do."""
    text = "Headline here\nRep. Lee said on Oct. 8 the U.S. agreed. Then it ended! Next?"
    sentences = [text[a:b] for a, b in split_sentences(text)]
    assert sentences == [
        "Headline here",
        "Rep. Lee said on Oct. 8 the U.S. agreed.",
        "Then it ended!",
        "Next?",
    ]


def test_span_quote_and_outlet() -> None:
    """A claim's span is its sentence, quote is that text, and outlet is passed through."""
    text = "Intro sentence. North Korea sent 3,000 troops to Russia. Outro."
    (claim,) = extract_claims(text, published=dt.date(2025, 1, 1), outlet="AP", nlp="rules")
    assert text[claim.span[0] : claim.span[1]] == claim.quote
    assert claim.quote == "North Korea sent 3,000 troops to Russia." and claim.outlet == "AP"


def test_scenario_yonhap_casualties() -> None:
    """The Yonhap casualty report gives the killed/wounded pair, two captured and background."""
    text, published, outlet = _report("2025-01-13-yonhap-nis-casualties-lee.md")
    claims = extract_claims(text, published=published, outlet=outlet, nlp="rules")
    summary = [(c.measure, c.bound, c.low, c.high) for c in claims]
    assert summary == [
        ("killed", "approx", 300, 300),
        ("wounded", "approx", 2700, 2700),
        ("captured", "exact", 2, 2),
        ("troops", "unknown", None, None),
        ("troops", "approx", 11000, 11000),
    ]
    assert claims[0].attribution == ("South Korea's spy agency", "lawmaker")
    assert claims[2].time_start == "2025-01-11"
    assert claims[3].modality == "speculative"
    assert claims[4].background and claims[4].attribution == ("unattributed",)


def test_scenario_cnn_second_wave() -> None:
    """The CNN report's planned range carries the full chain, origin first."""
    text, published, outlet = _report("2025-06-27-cnn-second-wave-assessment.md")
    claims = extract_claims(text, published=published, outlet=outlet, nlp="rules")
    first = claims[0]
    assert (first.bound, first.low, first.high, first.modality) == (
        "range",
        25000,
        30000,
        "planned",
    )
    # "who asked not to be named" keeps the text's description; the publisher (CNN) is left out
    assert first.attribution == ("Ukrainian intelligence", "Ukrainian officials")
    assert claims[1].background and claims[1].time_start == "2024-09-01"


def test_scenario_distractors_ignored() -> None:
    """The Yonhap decision report yields only its people counts, not ships or containers."""
    text, published, outlet = _report("2024-10-18-yonhap-nis-troop-decision.md")
    claims = extract_claims(text, published=published, outlet=outlet, nlp="rules")
    assert [(c.bound, c.low) for c in claims] == [
        ("approx", 12000),
        ("approx", 1500),
        ("unknown", None),
    ]
    assert claims[1].role == "special forces"
    assert (claims[1].time_start, claims[1].time_end) == ("2024-10-08", "2024-10-13")


def test_rules_mode_works_without_spacy(monkeypatch: pytest.MonkeyPatch) -> None:
    """nlp='rules' never imports spaCy; 'auto' falls back to rules when it cannot."""
    real_import = builtins.__import__

    def no_spacy(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "spacy" or name.startswith("spacy."):
            raise ImportError("spaCy blocked by test")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_spacy)
    nlp_module.load_model.cache_clear()
    nlp_module.spacy_ready.cache_clear()
    try:
        text = "North Korea sent about 3,000 troops to Russia."
        rules = extract_claims(text, published=dt.date(2025, 1, 1), nlp="rules")
        auto = extract_claims(text, published=dt.date(2025, 1, 1), nlp="auto")
        assert [(c.bound, c.low) for c in rules] == [("approx", 3000)]
        assert rules == auto
        with pytest.raises(ImportError):
            extract_claims(text, nlp="spacy")
    finally:
        nlp_module.load_model.cache_clear()
        nlp_module.spacy_ready.cache_clear()


def test_spacy_mode_matches_rules() -> None:
    """The spaCy path finds the same (measure, low, high) claims as the rules on a report."""
    if not nlp_module.spacy_ready():
        pytest.skip("spaCy or its en_core_web_sm model is not installed")
    text, published, outlet = _report("2025-01-14-kyiv-independent-hur-losses.md")
    rules = extract_claims(text, published=published, outlet=outlet, nlp="rules")
    spacy = extract_claims(text, published=published, outlet=outlet, nlp="spacy")
    assert [(c.measure, c.low, c.high) for c in rules] == [
        (c.measure, c.low, c.high) for c in spacy
    ]
    assert len(rules) >= 4


def test_spacy_person_entity_names_a_titled_speaker() -> None:
    """With spaCy, a PERSON entity in the speaker phrase replaces a title left by the rules."""
    from watchfloor.news.extract.extractor import _person_trim
    from watchfloor.news.extract.nlp import Entity

    entities = [Entity(40, 53, "PERSON", "Sergei Shoigu")]
    assert _person_trim("Secretary", entities, (0, 60)) == "Sergei Shoigu"
    assert _person_trim("Lawmaker Sergei Shoigu", entities, (0, 60)) == "Sergei Shoigu"
    assert _person_trim("Security Council", entities, (0, 60)) == "Security Council"
    assert _person_trim("Secretary", entities, (0, 30)) == "Secretary"


def test_a_sentence_ending_in_a_note_mark_is_not_merged_with_the_next() -> None:
    """'...echelons.[1] The Pentagon ...': two sentences, whatever the sentence splitter."""
    from watchfloor.news.extract.extractor import _merge_abbreviations

    text = "The NIS counted 11,000 soldiers.[1] The JCS said 3,000 more were sent.[2]"
    first = text.index(" The JCS") + 1
    spans = [(0, first - 1), (first, len(text))]
    assert _merge_abbreviations(text, spans) == spans
