"""The log-odds arithmetic, the ICD 203 bands and the confidence rule, on hand-computed cases."""

from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from watchfloor.warnings import BANDS, band_index, icd203_band
from watchfloor.warnings.bayes import (
    absent_log_lr,
    at_least,
    confidence,
    contribution,
    decay,
    evidence_weight,
    logit,
    posterior,
    sigmoid,
)


def test_observed_update_by_hand() -> None:
    """Prior 0.25, P(E|H)=0.6, P(E|not H)=0.2, weight 1: odds 1/3 x 3 = 1, posterior 0.5."""
    step = contribution("observed", 0.6, 0.2, 1.0)
    assert step == pytest.approx(math.log(3.0))
    assert posterior(0.25, [step]) == pytest.approx(0.5)


def test_observed_update_is_scaled_by_weight() -> None:
    """Weight 0.68 (a B2 item) takes 0.68 of log 3: odds 1/3 x 3**0.68 = 0.7036, p = 0.4130."""
    step = contribution("observed", 0.6, 0.2, evidence_weight("B", 2))
    assert step == pytest.approx(0.68 * math.log(3.0))
    assert posterior(0.25, [step]) == pytest.approx(0.41301, abs=1e-5)


def test_checked_absent_update_by_hand() -> None:
    """Not seeing E: log(0.4/0.8) = -log 2; prior 0.5 falls to 1/3, whatever the weight."""
    step = contribution("checked_absent", 0.6, 0.2, 0.1)
    assert step == pytest.approx(-math.log(2.0))
    assert posterior(0.5, [step]) == pytest.approx(1 / 3)


def test_unchecked_adds_nothing() -> None:
    """An unchecked indicator leaves the prior where it was."""
    assert contribution("unchecked", 0.9, 0.01, 1.0) == 0.0
    assert posterior(0.3, [contribution("unchecked", 0.9, 0.01, 1.0)]) == pytest.approx(0.3)


def test_contradicted_is_absence_plus_weighted_absence() -> None:
    """A contradiction of weight w counts (1 + w) absences: w=0.5 gives 1.5 x log(0.4/0.8)."""
    absent = absent_log_lr(0.6, 0.2)
    assert contribution("contradicted", 0.6, 0.2, 0.5) == pytest.approx(1.5 * absent)
    assert contribution("contradicted", 0.6, 0.2, 0.0) == pytest.approx(absent)
    assert contribution("contradicted", 0.6, 0.2, 1.0) == pytest.approx(2 * absent)
    # prior 0.5, two absences of -log 2: odds 1/4, p = 0.2
    assert posterior(0.5, [contribution("contradicted", 0.6, 0.2, 1.0)]) == pytest.approx(0.2)


def test_contributions_add_in_log_odds() -> None:
    """Two updates of log 3 and -log 2 from prior 0.25: odds 1/3 x 3 / 2 = 0.5, p = 1/3."""
    steps = [contribution("observed", 0.6, 0.2, 1.0), contribution("checked_absent", 0.6, 0.2, 1)]
    assert posterior(0.25, steps) == pytest.approx(1 / 3)


def test_decay_halves_per_half_life() -> None:
    """0.5 ** (age / half-life): 30 days at a 30-day half-life is 0.5, 60 days 0.25."""
    assert decay(30, 30) == pytest.approx(0.5)
    assert decay(60, 30) == pytest.approx(0.25)
    assert decay(45, None) == 1.0
    assert decay(-3, 30) == 1.0


def test_at_least_by_hand() -> None:
    """Weights 0.5 and 0.8: at least one genuine 0.9, both 0.4; three needed of two: 0."""
    assert at_least([0.5, 0.8], 1) == pytest.approx(0.9)
    assert at_least([0.5, 0.8], 2) == pytest.approx(0.4)
    assert at_least([0.5, 0.8], 3) == 0.0
    assert at_least([], 0) == 1.0


@given(
    st.lists(st.floats(min_value=0.0, max_value=1.0), min_size=1, max_size=6),
    st.integers(min_value=1, max_value=6),
)
def test_at_least_matches_enumeration(weights: list[float], count: int) -> None:
    """The Poisson-binomial tail equals the sum over every genuine/false assignment."""
    total = 0.0
    for outcome in itertools.product((False, True), repeat=len(weights)):
        if sum(outcome) >= count:
            total += math.prod(w if g else 1 - w for w, g in zip(weights, outcome, strict=True))
    assert at_least(weights, count) == pytest.approx(total, abs=1e-12)


@given(st.floats(min_value=-20, max_value=20))
def test_logit_inverts_sigmoid(log_odds: float) -> None:
    """logit(sigmoid(x)) returns x (away from the clipping edges)."""
    assert logit(sigmoid(log_odds)) == pytest.approx(log_odds, abs=1e-4)


def test_evidence_weight_uses_admiralty_scales() -> None:
    """A1 weighs 1, B2 0.68, F6 0.09, as the estimates weigh origins."""
    assert evidence_weight("A", 1) == pytest.approx(1.0)
    assert evidence_weight("B", 2) == pytest.approx(0.68)
    assert evidence_weight("F", 6) == pytest.approx(0.09)


@pytest.mark.parametrize(
    ("probability", "band"),
    [
        (0.0, "almost no chance"),
        (0.0499, "almost no chance"),
        (0.05, "very unlikely"),
        (0.1999, "very unlikely"),
        (0.20, "unlikely"),
        (0.4499, "unlikely"),
        (0.45, "roughly even chance"),
        (0.5499, "roughly even chance"),
        (0.55, "likely"),
        (0.7999, "likely"),
        (0.80, "very likely"),
        (0.9499, "very likely"),
        (0.95, "almost certain"),
        (1.0, "almost certain"),
    ],
)
def test_icd203_band_edges(probability: float, band: str) -> None:
    """Each band edge belongs to the higher band; 0 and 1 fall in the outer bands."""
    assert icd203_band(probability) == band


def test_bands_are_ordered_and_contiguous() -> None:
    """The seven bands run from 0 to 1 without gaps, in the directive's order."""
    assert [b.name for b in BANDS][::3] == [
        "almost no chance",
        "roughly even chance",
        "almost certain",
    ]
    assert BANDS[0].low == 0.0 and BANDS[-1].high == 1.0
    for lower, upper in itertools.pairwise(BANDS):
        assert lower.high == upper.low
    assert [b.percent for b in BANDS[:2]] == ["01-05%", "05-20%"]
    assert band_index(0.72) == 4


def test_band_refuses_non_probabilities() -> None:
    """A value outside 0..1 is an error that says what was expected."""
    with pytest.raises(ValueError, match=r"within 0\.\.1, got 1\.2"):
        icd203_band(1.2)


def test_confidence_rule() -> None:
    """High needs 3/4 checked and 3 origins, moderate 1/2 and 1 origin, absence alone is low."""
    checked = ["observed", "observed", "checked_absent", "unchecked"]
    assert confidence(checked, 3) == "high"  # type: ignore[arg-type]
    assert confidence(checked, 2) == "moderate"  # type: ignore[arg-type]
    assert confidence(["checked_absent"] * 4, 0) == "low"
    assert confidence(["observed", "unchecked", "unchecked"], 5) == "low"
    assert confidence([], 9) == "low"
