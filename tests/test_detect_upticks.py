"""The uptick detector's parts: baselines, the count CUSUM, BOCPD, and the scan that joins them.

Series are generated with NumPy from fixed seeds; the pinned numbers are derived by hand in
each test's comments.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats

from watchfloor.config import Thresholds, parse_config
from watchfloor.detect.baselines import Baseline, fit_baseline
from watchfloor.detect.bocpd import RunLengthFilter, change_probabilities
from watchfloor.detect.cusum import (
    _interval,
    average_run_length,
    cusum_path,
    design_for,
    reference_value,
    run_lengths,
)
from watchfloor.detect.upticks import RULES, scan_counts
from watchfloor.errors import ConfigError


def _poisson(seed: int, *parts: tuple[float, int]) -> list[int]:
    """Poisson counts: ``parts`` are (mean, periods) stretches, one after the other."""
    rng = np.random.default_rng(seed)
    return [int(x) for mean, n in parts for x in rng.poisson(mean, n)]


def _negbin(seed: int, mean: float, size: float, n: int) -> list[int]:
    """Negative-binomial counts with variance ``mean + mean²/size``."""
    rng = np.random.default_rng(seed)
    return [int(x) for x in rng.negative_binomial(size, size / (size + mean), n)]


# -- baselines ---------------------------------------------------------------------------------


def test_poisson_tail_probability() -> None:
    """P(X ≥ 3) for Poisson(2) is 1 - e⁻²(1 + 2 + 2) = 0.3233."""
    baseline = Baseline("poisson", 2.0, 2.0, 20, 0.5)
    assert baseline.tail(3) == pytest.approx(1 - math.exp(-2) * 5)
    assert baseline.tail(0) == 1.0
    # A sum of 3 Poisson(2) periods is Poisson(6): P(S ≥ 10).
    assert baseline.sum_tail(10, 3) == pytest.approx(float(stats.poisson.sf(9, 6.0)))


def test_negative_binomial_sum_tail() -> None:
    """A sum of n NB(r, p) periods is NB(n·r, p)."""
    baseline = Baseline("negbin", 4.0, 8.0, 20, 0.001, size=4.0)
    assert baseline.tail(9) == pytest.approx(float(stats.nbinom.sf(8, 4.0, 0.5)))
    assert baseline.sum_tail(30, 3) == pytest.approx(float(stats.nbinom.sf(29, 12.0, 0.5)))


def test_poisson_counts_fit_poisson_and_overdispersed_ones_negative_binomial() -> None:
    """The dispersion test keeps Poisson counts Poisson and finds an NB size near the truth."""
    plain = fit_baseline(_poisson(1, (10.0, 200)))
    assert plain.model == "poisson" and plain.size is None
    assert plain.mean == pytest.approx(10.0, rel=0.1)
    bursty = fit_baseline(_negbin(1, 10.0, 2.0, 400))
    assert bursty.model == "negbin" and bursty.dispersion_p < 0.001
    assert bursty.size is not None and 1.4 < bursty.size < 2.8
    assert fit_baseline(_negbin(1, 10.0, 2.0, 400), alpha=0.0).model == "poisson"


def test_an_all_zero_baseline_has_a_small_positive_mean() -> None:
    """Twenty zeros give a mean of half an event over the window, not 0."""
    baseline = fit_baseline([0] * 20)
    assert (baseline.model, baseline.mean, baseline.dispersion_p) == ("poisson", 0.025, 1.0)


# -- CUSUM ---------------------------------------------------------------------------------------


def test_cusum_statistic_on_a_hand_computed_series() -> None:
    """k = (4 - 2)/ln 2 = 2.8854 for μ0 = 2, ratio 2; S restarts after reaching h = 3."""
    k = reference_value(2.0, 2.0)
    assert k == pytest.approx(2.0 / math.log(2.0))
    # 3 - k = 0.1146; + 5 - k = 2.2292; + 1 - k = 0.3438; + 6 - k = 3.4585 ≥ 3: alarm, restart;
    # 0 - k < 0: 0; 9 - k = 6.1146.
    path = cusum_path([3, 5, 1, 6, 0, 9], k, h=3.0)
    assert path == pytest.approx([0.11461, 2.22922, 0.34383, 3.45844, 0.0, 6.11461], abs=1e-4)


def test_negative_binomial_reference_value() -> None:
    """μ0 = 4, μ1 = 8, r = 4: k = 4 ln(12/8) / ln(8·8 / (4·12)) = 5.6377 (Poisson: 5.7708)."""
    k = reference_value(4.0, 2.0, size=4.0)
    assert k == pytest.approx(4 * math.log(1.5) / math.log(4 / 3))
    assert k < reference_value(4.0, 2.0)
    assert reference_value(4.0, 2.0, size=1e9) == pytest.approx(reference_value(4.0, 2.0))


def test_arl_of_one_and_two_states_by_hand() -> None:
    """Poisson(1), K = 2, m = 1: with H = 1 a count ≥ 3 alarms, ARL = 1/P(X ≥ 3); with H = 2
    the two-state chain L0 = 1 + F(2) L0 + p(3) L1, L1 = 1 + F(1) L0 + p(2) L1 gives ARL."""
    dist = stats.poisson(1.0)
    p = [float(dist.pmf(x)) for x in range(4)]
    f1, f2 = p[0] + p[1], p[0] + p[1] + p[2]
    one = 1.0 / (1.0 - f2)
    # Solve the 2x2 system by Cramer's rule.
    a, b, c, d = 1 - f2, -p[3], -f1, 1 - p[2]
    two = (d - b) / (a * d - b * c)
    assert average_run_length(dist, 2, 1, 1) == pytest.approx(one)
    assert average_run_length(dist, 2, 2, 1) == pytest.approx(two)
    lengths = run_lengths(dist, 2, 20, 1)
    assert lengths is not None
    assert lengths[:2] == pytest.approx([one, two])
    assert lengths[9] == pytest.approx(average_run_length(dist, 2, 10, 1))


def test_interval_search_matches_brute_force_also_when_lapack_pivots() -> None:
    """The smallest H reaching ARL 200 (and 5) equals a scan of single solves; at 32 states
    this chain makes LAPACK exchange rows, so the bisection fallback is exercised."""
    dist = stats.poisson(1.0)
    assert run_lengths(dist, 2, 32, 1) is None
    for target in (5.0, 200.0):
        brute = next(h for h in range(1, 200) if average_run_length(dist, 2, h, 1) >= target)
        h_units, arl = _interval(dist, 2, 1, target)
        assert h_units == brute
        assert arl == pytest.approx(average_run_length(dist, 2, brute, 1))


def test_decision_interval_reaches_the_target_arl_in_simulation() -> None:
    """The in-control run length of a designed chart averages its ARL (20,000 seeded runs)."""
    design = design_for(Baseline("poisson", 3.0, 3.0, 20, 0.5), 2.0, 100.0)
    assert 100.0 <= design.arl0 < 130.0
    rng = np.random.default_rng(5)
    runs = 20_000
    s = np.zeros(runs)
    length = np.zeros(runs, dtype=int)
    alive = np.ones(runs, dtype=bool)
    step = 0
    while alive.any() and step < 5000:
        step += 1
        s[alive] = np.maximum(0.0, s[alive] + rng.poisson(design.mean0, alive.sum()) - design.k)
        done = alive & (s >= design.h - 1e-9)
        length[done] = step
        alive &= ~done
    assert not alive.any()
    assert float(length.mean()) == pytest.approx(design.arl0, rel=0.05)


def test_an_overdispersed_baseline_gets_a_wider_interval() -> None:
    """The NB chart of the same mean needs a larger h for the same ARL."""
    poisson = design_for(Baseline("poisson", 10.0, 10.0, 20, 0.5), 2.0, 500.0)
    negbin = design_for(Baseline("negbin", 10.0, 35.0, 20, 0.001, size=4.0), 2.0, 500.0)
    assert negbin.h > 2 * poisson.h
    assert negbin.arl0 >= 500.0 and poisson.arl0 >= 500.0


# -- BOCPD ---------------------------------------------------------------------------------------


def test_run_length_posterior_after_two_counts_by_hand() -> None:
    """Gamma(1, 1) prior, hazard 1/2, counts 0 then 2.

    Step 1: π(0) = NB(0; 1, 1/2) = 1/2, so P(r=0) = P(r=1) = 1/2.
    Step 2: π for r=0 (prior) is NB(2; 1, 1/2) = 1/8; for r=1 (Gamma(1, 2)) NB(2; 1, 2/3) =
    2/27. Growth: r=1 ∝ 1/2·1/8·1/2 = 1/32, r=2 ∝ 1/2·2/27·1/2 = 1/54; change: r=0 gets the
    hazard, 1/2. So P = [1/2, 1/2·27/43, 1/2·16/43] = [1/2, 27/86, 8/43].
    """
    runs = RunLengthFilter(hazard=0.5, shape0=1.0, rate0=1.0)
    runs.update(0)
    assert runs.posterior == pytest.approx([0.5, 0.5])
    runs.update(2)
    assert runs.posterior == pytest.approx([0.5, 27 / 86, 8 / 43])
    assert runs.change_probability(1) == pytest.approx(27 / 86)
    # The posterior mean rates: r=1 holds the count 2 (Gamma(3, 2)), r=2 holds 0 and 2.
    assert runs.recent_rate(1) == pytest.approx(1.5)


def test_truncation_merges_the_oldest_run_lengths() -> None:
    """With max_run = 2 the third run length is folded into the second: mass is kept."""
    runs = RunLengthFilter(hazard=0.5, shape0=1.0, rate0=1.0, max_run=2)
    runs.update(0)
    runs.update(2)
    assert runs.posterior == pytest.approx([0.5, 0.5])


def test_truncated_and_exact_posteriors_agree_on_recent_change() -> None:
    """On 600 periods with a change, truncation at 64 moves P(change in 5) by < 0.02."""
    counts = _poisson(3, (5.0, 400), (9.0, 200))
    kwargs = {"hazard": 0.01, "shape0": 1.0, "rate0": 0.2}
    exact = change_probabilities(counts, 5, max_run=None, **kwargs)
    cut = change_probabilities(counts, 5, max_run=64, **kwargs)
    assert float(np.abs(exact - cut).max()) < 0.02
    assert float(exact[400:410].max()) > 0.5 > float(exact[100:390].max())


# -- the scan ------------------------------------------------------------------------------------


@pytest.mark.parametrize("mean", [2.0, 10.0, 50.0])
def test_a_tripled_rate_is_found_within_a_few_periods(mean: float) -> None:
    """A rise ×3 at period 40 alarms by period 46; the regime is dated within 3 periods."""
    counts = _poisson(int(mean), (mean, 40), (3 * mean, 20))
    scan = scan_counts(counts, Thresholds())
    assert len(scan.alarms) == 1
    alarm = scan.alarms[0]
    assert 40 <= alarm.index <= 46
    assert abs(alarm.start - 40) <= 3
    assert alarm.fired == ("cusum", "bocpd")
    assert alarm.probability >= 0.5
    assert alarm.regime_tail_p < 1e-3


@pytest.mark.parametrize("rule", RULES)
def test_a_constant_series_raises_nothing(rule: str) -> None:
    """Sixty periods of exactly 5 are no uptick by any rule."""
    scan = scan_counts([5] * 60, Thresholds(), rule=rule)  # type: ignore[arg-type]
    assert scan.alarms == () and len(scan.tested) == 60 - 8


def test_missing_periods_are_skipped_not_read_as_zero() -> None:
    """Sparse coverage that becomes full raises nothing; the same holes read as zeros would
    (the count would seem to triple when coverage returns)."""
    steady = _poisson(11, (6.0, 100))
    holed: list[int | None] = [None if i < 50 and i % 3 else c for i, c in enumerate(steady)]
    holed[60:70] = [None] * 10  # and an outage
    scan = scan_counts(holed, Thresholds())
    assert scan.alarms == ()
    assert scan.observed == sum(c is not None for c in holed)
    as_zero = [0 if c is None else c for c in holed]
    assert scan_counts(as_zero, Thresholds()).alarms != ()


def test_negative_binomial_path_avoids_poisson_false_alarms() -> None:
    """Overdispersed in-control counts (NB, mean 10, size 4): the Poisson-only CUSUM raises
    many false alarms over 3 × 200 periods, the NB-aware one few (measured: 28 vs 7)."""
    poisson_only = Thresholds(uptick_dispersion_alpha=0.0)
    false = {"poisson": 0, "negbin": 0}
    for seed in range(3):
        counts = _negbin(seed, 10.0, 4.0, 200)
        false["poisson"] += len(scan_counts(counts, poisson_only, rule="cusum").alarms)
        false["negbin"] += len(scan_counts(counts, Thresholds(), rule="cusum").alarms)
    assert false["poisson"] >= 15
    assert false["negbin"] * 3 <= false["poisson"]


def test_a_rise_is_reported_while_it_lasts_not_at_the_fall() -> None:
    """Weekly aircraft counts at Sunan in the bundled scenario rise from about 4 to 10-13 and
    fall back: the uptick is raised on a high count, not confirmed later by the drop."""
    counts = [4, 2, 5, 1, 3, 6, 5, 6, 10, 8, 4, 11, 12, 13, 4, 9, 7, 3, 3, 2, 8]
    [alarm] = scan_counts(counts, Thresholds()).alarms
    assert 11 <= alarm.index <= 13 and counts[alarm.index] >= 10
    assert alarm.start == 8 and alarm.probability >= 0.5


def test_too_few_periods_raise_nothing_and_say_so() -> None:
    """Eight observed periods are all baseline: nothing is tested and the scan says why."""
    scan = scan_counts([1, None, 50, 2, None, 1, 3, 2, 1, 2], Thresholds())
    assert scan.alarms == () and scan.tested == ()
    assert scan.note is not None
    assert "8 observed period(s)" in scan.note and "uptick_min_baseline_periods" in scan.note


def test_after_an_uptick_the_new_level_is_learned() -> None:
    """A step up that persists raises one uptick, not one per period of the new level."""
    counts = _poisson(4, (3.0, 40), (12.0, 80))
    scan = scan_counts(counts, Thresholds(), rule="cusum")
    assert len(scan.alarms) == 1


def test_min_baseline_above_the_window_is_a_config_error() -> None:
    """uptick_min_baseline_periods may not exceed uptick_baseline_periods."""
    text = "version: 1\nthresholds:\n  uptick_baseline_periods: 6\n"
    with pytest.raises(ConfigError) as caught:
        parse_config(text)
    assert "uptick_min_baseline_periods (8) must be at most uptick_baseline_periods (6)" in str(
        caught.value
    )
