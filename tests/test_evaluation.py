"""The claim scorer: matching by anchor and value, and the derived accuracies."""

from __future__ import annotations

import pytest

from watchfloor.errors import WatchfloorError
from watchfloor.evaluation import score_claims
from watchfloor.news.claim import Claim

TEXT = "Seoul said about 300 were killed and 2,700 wounded. Kyiv said 4,000 died."


def _claim(
    measure: str, low: float | None, high: float | None, sentence: int, **kw: object
) -> Claim:
    spans = [(0, 51), (52, len(TEXT))]
    start, end = spans[sentence]
    return Claim(
        measure=measure,  # type: ignore[arg-type]
        bound=kw.pop("bound", "approx"),  # type: ignore[arg-type]
        low=low,
        high=high,
        span=(start, end),
        quote=TEXT[start:end],
        **kw,  # type: ignore[arg-type]
    )


GOLD = [
    {
        "measure": "killed",
        "low": 300,
        "high": 300,
        "bound": "approx",
        "anchor": "300 were killed",
        "time": {"start": "2025-01-13", "end": "2025-01-13"},
        "attribution": ["NIS", "Yonhap"],
    },
    {
        "measure": "wounded",
        "low": 2700,
        "high": 2700,
        "bound": "approx",
        "anchor": "2,700 wounded",
        "time": {"start": "2025-01-13", "end": "2025-01-13"},
        "attribution": ["NIS"],
    },
    {
        "measure": "killed",
        "low": 4000,
        "high": 4000,
        "bound": "exact",
        "anchor": "4,000 died",
        "time": {"start": "2025-01-13", "end": "2025-01-13"},
        "attribution": ["HUR"],
    },
]


def test_perfect_prediction_scores_one() -> None:
    """Predictions equal to the labels give P = R = F1 = 1 and full accuracies."""
    day = {"time_start": "2025-01-13", "time_end": "2025-01-13"}
    predicted = [
        _claim("killed", 300, 300, 0, attribution=("National Intelligence Service",), **day),
        _claim("wounded", 2700, 2700, 0, attribution=("NIS",), **day),
        _claim("killed", 4000, 4000, 1, bound="exact", attribution=("hur",), **day),
    ]
    aliases = {
        "nis": "National Intelligence Service",
        "national intelligence service": "National Intelligence Service",
        "hur": "HUR",
    }
    score = score_claims(TEXT, GOLD, predicted, aliases=aliases).as_dict()
    assert (score["precision"], score["recall"], score["f1"]) == (1.0, 1.0, 1.0)
    assert (score["bound_accuracy"], score["time_accuracy"], score["origin_accuracy"]) == (1, 1, 1)


def test_wrong_value_and_wrong_sentence_do_not_match() -> None:
    """A wrong number, or the right number in another sentence, is a miss and a spurious."""
    predicted = [
        _claim("killed", 301, 301, 0),
        _claim("wounded", 2700, 2700, 1),
        _claim("killed", 4000, 4000, 1, bound="approx"),
    ]
    score = score_claims(TEXT, GOLD, predicted)
    assert (score.matched, score.gold, score.predicted) == (1, 3, 3)
    assert score.precision == pytest.approx(1 / 3) and score.recall == pytest.approx(1 / 3)
    assert score.bound_ok == 0 and score.origin_ok == 0 and score.time_ok == 0
    kinds = [error.split(": ", 1)[1].split(" ", 1)[0] for error in score.errors]
    assert sorted(kinds) == ["missed", "missed", "origin", "spurious", "spurious", "time"]


def test_one_prediction_matches_one_label() -> None:
    """Matching is one-to-one: a single prediction cannot satisfy two identical labels."""
    gold = [GOLD[2], GOLD[2]]
    score = score_claims(TEXT, gold, [_claim("killed", 4000, 4000, 1)])
    assert (score.matched, score.recall, score.precision) == (1, 0.5, 1.0)


def test_missing_anchor_is_an_error() -> None:
    """A label whose anchor is not in the text is a labelling error, reported by name."""
    with pytest.raises(WatchfloorError, match="anchor"):
        score_claims(TEXT, [{**GOLD[0], "anchor": "5,000 killed"}], [], name="x.md")
