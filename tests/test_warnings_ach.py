"""ACH: marks, diagnosticity and the ranking by least inconsistency, on a hand-made matrix."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from watchfloor.errors import WatchfloorError
from watchfloor.warnings import (
    Board,
    HypothesisResult,
    IndicatorResult,
    IndicatorState,
    ach_matrix,
)
from watchfloor.warnings.bayes import contribution

AS_OF = dt.datetime(2025, 7, 31, tzinfo=dt.UTC)


def _indicator(
    hypothesis: str, ind: str, state: IndicatorState, p_h: float, p_not_h: float, w: float = 1.0
) -> IndicatorResult:
    return IndicatorResult(
        hypothesis=hypothesis,
        id=ind,
        name=ind.upper(),
        domain="test",
        state=state,
        p_e_given_h=p_h,
        p_e_given_not_h=p_not_h,
        half_life_days=None,
        log_lr=contribution(state, p_h, p_not_h, w),
        evidence=(),
        note="",
    )


def _hypothesis(hid: str, posterior: float, *indicators: IndicatorResult) -> HypothesisResult:
    return HypothesisResult(hid, f"{hid} holds", "set", 0.3, posterior, "", "low", indicators)


# e1 observed, e2 checked absent, e3 unchecked; h3 reads e1 at weight 0.3 only.
BOARD = Board(
    AS_OF,
    (
        _hypothesis(
            "h1",
            0.5,
            _indicator("h1", "e3", "unchecked", 0.5, 0.5),
            _indicator("h1", "e1", "observed", 0.8, 0.2),
            _indicator("h1", "e2", "checked_absent", 0.6, 0.3),
        ),
        _hypothesis(
            "h2",
            0.6,
            _indicator("h2", "e3", "unchecked", 0.5, 0.5),
            _indicator("h2", "e1", "observed", 0.3, 0.6),
            _indicator("h2", "e2", "checked_absent", 0.2, 0.5),
        ),
        _hypothesis(
            "h3",
            0.1,
            _indicator("h3", "e1", "observed", 0.3, 0.6, w=0.3),
            _indicator("h3", "e2", "checked_absent", 0.4, 0.4),
        ),
        HypothesisResult("other", "x", "elsewhere", 0.5, 0.5, "", "low", ()),
    ),
)


def test_marks_follow_the_likelihoods_of_the_evidence_as_found() -> None:
    """Observed e1 is C for h1 (ratio 4) and I for h2 and h3 (ratio 1/2); absent e2 is I for
    h1 (0.4/0.7), C for h2 (0.8/0.5), N for h3 (equal); unchecked and missing cells are N."""
    matrix = ach_matrix(BOARD, "set")
    marks = {row.indicator: [c.mark for c in row.cells] for row in matrix.rows}
    assert marks == {"e1": ["C", "I", "I"], "e2": ["I", "C", "N"], "e3": ["N", "N", "N"]}
    e2 = next(r for r in matrix.rows if r.indicator == "e2")
    assert e2.cells[0].log_ratio == pytest.approx(math.log(0.4 / 0.7))
    e3 = next(r for r in matrix.rows if r.indicator == "e3")
    assert e3.cells[2].state is None and e3.cells[0].log_ratio is None


def test_diagnosticity_orders_the_rows() -> None:
    """e1: log(0.8/0.3); e2 (absent): log(0.8/0.4); e3: 0, listed last."""
    matrix = ach_matrix(BOARD, "set")
    assert [r.indicator for r in matrix.rows] == ["e1", "e2", "e3"]
    assert [r.diagnosticity for r in matrix.rows] == pytest.approx(
        [math.log(0.8 / 0.3), math.log(0.8 / 0.4), 0.0]
    )


def test_ranking_by_least_weighted_inconsistency() -> None:
    """h3's one inconsistency is weak (0.3 x log 2), h1's is log(7/4), h2's log 2: h3, h1, h2."""
    ranking = ach_matrix(BOARD, "set").ranking
    assert [r.hypothesis for r in ranking] == ["h3", "h1", "h2"]
    assert [r.inconsistency for r in ranking] == pytest.approx(
        [0.3 * math.log(2), math.log(0.7 / 0.4), math.log(2)]
    )
    assert [r.inconsistent for r in ranking] == [1, 1, 1]
    assert [r.rank for r in ranking] == [1, 2, 3]


def test_unknown_set_names_the_known_ones() -> None:
    """Asking for a set no hypothesis has is an error listing the sets there are."""
    with pytest.raises(WatchfloorError, match="no hypothesis set 'nope'; sets: elsewhere, set"):
        ach_matrix(BOARD, "nope")
