"""Upticks: a count series rose beyond its normal variation (``docs/detectors.md``, Upticks).

Each count series (:mod:`watchfloor.detect.series`) is scanned once, in time order, over its
observed periods only (a missing period is skipped, never read as zero):

1. **Baseline.** Before each period, while the CUSUM is at 0, a Poisson or negative-binomial
   baseline (:mod:`~watchfloor.detect.baselines`) is fitted on the trailing window of up to
   ``uptick_baseline_periods`` observed periods of the current regime; the period is tested
   only when the window holds ``uptick_min_baseline_periods``. During a CUSUM excursion the
   baseline is held, so the rise being measured does not leak into it.
2. **CUSUM** (:mod:`~watchfloor.detect.cusum`): Lucas's Poisson CUSUM, or its
   negative-binomial variant for an overdispersed baseline, tuned to a rise of
   ``uptick_ratio`` with ``h`` set for an in-control ARL of ``uptick_arl`` periods. The new
   regime is estimated to start at the first period of the excursion (the period after the
   statistic was last 0).
3. **BOCPD** (:mod:`~watchfloor.detect.bocpd`): the Adams-MacKay run-length posterior with a
   Poisson-Gamma model and a constant hazard ``uptick_hazard``, from a Gamma(1, 1/m) prior
   whose mean ``m`` is the mean of the first ``uptick_min_baseline_periods`` counts. When
   those counts are overdispersed, every count is divided by their dispersion factor
   ``φ = s²/x̄`` first (a quasi-Poisson tempering): untempered, the Poisson model reads the
   ordinary bursts of overdispersed counts as regime changes (``docs/detectors.md`` gives
   the false alarms measured with and without).

Three rules decide an alarm (``RULES``; ``watchfloor eval upticks`` scores each):

- ``cusum``: ``S ≥ h``;
- ``bocpd``: the regime began within ``uptick_recent_periods`` with posterior probability
  ``≥ uptick_probability``, and that regime's rate is above the baseline mean (re-armed once
  the probability falls back below the threshold);
- ``combined`` (the default): ``S ≥ h`` *and* BOCPD agrees that the level rose during the
  excursion: the posterior probability that the current regime began within the excursion or
  the ``uptick_recent_periods`` before it (BOCPD often dates a change a little before the
  CUSUM leaves 0) is ``≥ uptick_probability``, and that regime's posterior rate is above the
  baseline mean (a drop after a rise is also a change, but not an uptick). While BOCPD
  disagrees, the CUSUM is not reset and keeps accumulating: a real rise is reported a little
  later, a fluke decays.

After an alarm the CUSUM restarts from 0 and the baseline is learned again from the new
regime's first period. An ``uptick`` event spans the new regime's first period to the alarm
period and reports the baseline, the CUSUM, the BOCPD probability, and two tail p-values under
the baseline: of the alarm period's count, and of the regime's total. The p-values are of one
period (or one span) chosen *after* looking, so they measure surprise, not a test's size.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import numpy as np

from watchfloor.config import Thresholds
from watchfloor.detect.baselines import Baseline, fit_baseline
from watchfloor.detect.bocpd import MAX_RUN, RunLengthFilter
from watchfloor.detect.cusum import CusumDesign, design_for
from watchfloor.detect.events import Event
from watchfloor.detect.series import CountSeries, workspace_series
from watchfloor.store import utcnow
from watchfloor.store.writes import replace_events

if TYPE_CHECKING:
    from watchfloor.workspace import Workspace

__all__ = [
    "DEFAULT_RULE",
    "DETECTOR",
    "KINDS",
    "RULES",
    "Alarm",
    "Rule",
    "Scan",
    "detect_upticks",
    "refresh_upticks",
    "scan_counts",
]

Rule = Literal["cusum", "bocpd", "combined"]
RULES: tuple[Rule, ...] = ("cusum", "bocpd", "combined")
DEFAULT_RULE: Rule = "combined"
KINDS = ("uptick",)
DETECTOR = "upticks@1"


@dataclass(frozen=True, slots=True)
class Alarm:
    """One alarm of a scan.

    Attributes:
        rule: The rule that raised it.
        start: The index (in the series' periods) of the new regime's first period.
        index: The index of the alarm period.
        counts: ``(index, count)`` of each observed period from ``start`` to ``index``.
        baseline: The in-control fit the alarm was judged against.
        design: The CUSUM chart of that baseline.
        statistic: The CUSUM statistic at the alarm.
        probability: BOCPD's posterior probability that the current regime began at
            ``start`` or later, or in the ``uptick_recent_periods`` observed periods before.
        tail_p: ``P(X ≥ count)`` of the alarm period under the baseline.
        regime_tail_p: ``P(sum ≥ total)`` of the regime's counts under the baseline.
        fired: The methods whose own criterion held at the alarm (``cusum``, ``bocpd``).
    """

    rule: Rule
    start: int
    index: int
    counts: tuple[tuple[int, int], ...]
    baseline: Baseline
    design: CusumDesign
    statistic: float
    probability: float
    tail_p: float
    regime_tail_p: float
    fired: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Scan:
    """What a scan of one series found.

    Attributes:
        alarms: The alarms in time order.
        observed: Observed periods in the series.
        tested: The indices of the periods that were tested (had a baseline).
        note: Why nothing could be tested, when so (too few periods).
    """

    alarms: tuple[Alarm, ...]
    observed: int
    tested: tuple[int, ...]
    note: str | None = None


def scan_counts(
    counts: Sequence[int | None],
    thresholds: Thresholds,
    *,
    rule: Rule = DEFAULT_RULE,
    max_run: int | None = MAX_RUN,
) -> Scan:
    """Scan one series of counts (``None`` = missing period) for upticks.

    Args:
        counts: One count per period, in time order.
        thresholds: The ``uptick_*`` settings.
        rule: Which rule raises an alarm (see the module docstring).
        max_run: Run lengths BOCPD keeps (None: the untruncated recursion).
    """
    t = thresholds
    need, window, recent = (
        t.uptick_min_baseline_periods,
        t.uptick_baseline_periods,
        t.uptick_recent_periods,
    )
    observed = [(i, c) for i, c in enumerate(counts) if c is not None]
    if len(observed) <= need:
        note = (
            f"{len(observed)} observed period(s), but a baseline needs "
            f"uptick_min_baseline_periods = {need} before a period can be tested"
        )
        return Scan((), len(observed), (), note)
    opening = fit_baseline([c for _, c in observed[:need]], alpha=t.uptick_dispersion_alpha)
    # Overdispersed counts are tempered (quasi-Poisson): divided by the dispersion factor,
    # a Poisson-Gamma model no longer reads their ordinary bursts as regime changes.
    phi = opening.variance / opening.mean if opening.size is not None else 1.0
    runs = RunLengthFilter(
        hazard=t.uptick_hazard, shape0=1.0, rate0=phi / opening.mean, max_run=max_run
    )
    alarms: list[Alarm] = []
    tested: list[int] = []
    regime = excursion = 0  # positions (in ``observed``) where they began
    statistic, armed = 0.0, True
    baseline: Baseline | None = None
    design: CusumDesign | None = None
    for pos, (index, count) in enumerate(observed):
        if statistic == 0.0:
            past = [c for _, c in observed[max(regime, pos - window) : pos]]
            if len(past) < need:
                runs.update(count / phi)
                continue
            baseline = fit_baseline(past, alpha=t.uptick_dispersion_alpha)
            design = design_for(baseline, t.uptick_ratio, t.uptick_arl)
            excursion = pos
        assert baseline is not None and design is not None
        tested.append(index)
        runs.update(count / phi)
        statistic = max(0.0, statistic + count - design.k)
        lately = runs.change_probability(recent)
        armed = armed or lately < t.uptick_probability
        if rule == "cusum":
            fires = statistic >= design.h
        elif rule == "combined":
            span = pos - excursion + 1 + recent
            confirmed = (
                runs.change_probability(span) >= t.uptick_probability
                and runs.recent_rate(span) * phi > baseline.mean
            )
            fires = statistic >= design.h and confirmed
        else:
            rising = runs.recent_rate(recent) * phi > baseline.mean
            fires = armed and lately >= t.uptick_probability and rising
        if not fires:
            continue
        begin = excursion
        if rule == "bocpd":
            armed = False
            likeliest = int(np.argmax(runs.posterior[1 : recent + 1])) + 1
            begin = max(pos - likeliest + 1, regime)
        probability = runs.change_probability(pos - begin + 1 + recent)
        regime_counts = tuple(observed[begin : pos + 1])
        fired = [("cusum", statistic >= design.h), ("bocpd", probability >= t.uptick_probability)]
        alarms.append(
            Alarm(
                rule=rule,
                start=observed[begin][0],
                index=index,
                counts=regime_counts,
                baseline=baseline,
                design=design,
                statistic=statistic,
                probability=probability,
                tail_p=baseline.tail(count),
                regime_tail_p=baseline.sum_tail(
                    sum(c for _, c in regime_counts), len(regime_counts)
                ),
                fired=tuple(name for name, held in fired if held),
            )
        )
        statistic, regime = 0.0, begin
    return Scan(tuple(alarms), len(observed), tuple(tested))


def detect_upticks(
    series: CountSeries | Iterable[CountSeries],
    thresholds: Thresholds,
    *,
    rule: Rule = DEFAULT_RULE,
    notes: list[str] | None = None,
) -> list[Event]:
    """The ``uptick`` events of one or more count series.

    Args:
        series: A series, or several.
        thresholds: The ``uptick_*`` settings of ``watch.yaml``.
        rule: The alarm rule (default ``combined``).
        notes: When given, gets one line per series that could not be tested, saying why.

    Returns:
        The events in time order.
    """
    many = [series] if isinstance(series, CountSeries) else list(series)
    events: list[Event] = []
    for one in many:
        scan = scan_counts(one.counts, thresholds, rule=rule)
        if scan.note is not None and notes is not None:
            notes.append(f"{one.site} {one.series}: {scan.note}")
        events.extend(_event(one, alarm, thresholds) for alarm in scan.alarms)
    return sorted(events, key=lambda e: (e.start, e.key))


def refresh_upticks(workspace: Workspace) -> int:
    """Recompute the upticks of every count series of a workspace and replace them.

    Returns:
        How many uptick events the store holds afterwards.
    """
    events = detect_upticks(workspace_series(workspace), workspace.config.thresholds)
    placed = []
    for event in events:
        site = workspace.config.site(event.site) if event.site is not None else None
        if site is not None:
            event = dataclasses.replace(event, lat=site.lat, lon=site.lon)
        placed.append(event)
    with workspace.store.transaction() as conn:
        replace_events(conn, [e.row() for e in placed], kinds=KINDS, now=utcnow())
    return len(placed)


def _event(series: CountSeries, alarm: Alarm, thresholds: Thresholds) -> Event:
    """The ``uptick`` event of one alarm."""
    counts = [c for _, c in alarm.counts]
    details = {
        "series": series.series,
        "period": series.period,
        "first_period": series.label(alarm.start),
        "alarm_period": series.label(alarm.index),
        "rule": alarm.rule,
        "fired": list(alarm.fired),
        "counts": [[series.label(i), c] for i, c in alarm.counts],
        "regime_mean": round(sum(counts) / len(counts), 4),
        "baseline": alarm.baseline.as_dict(),
        "cusum": {**alarm.design.as_dict(), "statistic": round(alarm.statistic, 6)},
        "bocpd_probability": round(alarm.probability, 6),
        "hazard": thresholds.uptick_hazard,
        "tail_p": float(f"{alarm.tail_p:.6g}"),
        "regime_tail_p": float(f"{alarm.regime_tail_p:.6g}"),
    }
    return Event(
        kind="uptick",
        mmsi=None,
        imo=None,
        name=None,
        other_mmsi=None,
        site=series.site,
        start=series.start(alarm.start),
        end=series.start(alarm.index),
        lat=None,
        lon=None,
        details=details,
        detector=DETECTOR,
        series=series.series,
    )
