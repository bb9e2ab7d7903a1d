"""Count series: how many of something a site had per day or per ISO week, gaps kept as gaps.

A :class:`CountSeries` is a contiguous run of periods (UTC days, or ISO weeks starting Monday
00:00 UTC) from the first observed period to the last, each with a count or ``None``. ``None``
means *no data*: no image of the site that day, no receiver coverage that day. It is never read
as zero — imagery is irregular and coverage is thin, and reading a hole as "nothing there" would
make every return of coverage look like an uptick.

Three builders read the knowledge DB:

- :func:`imagery_series`: per (site, object class) per UTC day of ``observed_at``, the
  **largest** count of that class any observation of that day gives. Several counts on one day
  are several observers or several images; their errors are mostly omissions (cloud, a scene
  edge, aircraft in shelters, an observer counting one apron only), so the largest count is the
  best estimate of what was there, and a mean would let one partial count drag the day down.
  A day with an observation of another class only is missing for this class.
- :func:`port_visit_series`: per port per ISO week, the ``port_visit`` events that began that
  week. A week counts as observed when the AIS lake holds data on at least
  ``min_covered_days`` of its days (all 7 by default: a partly covered week would read low).
- :func:`flight_series`: per airfield per UTC day, the ``arrival`` plus ``departure`` events
  (``flights:movements``). A day counts as observed when the ADS-B lake holds data that day
  (receiver coverage) or an event happened on it.

:func:`workspace_series` builds all of them for a workspace, taking the covered days from the
day partitions of its lake.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from watchfloor.store import Store, list_events, list_observations, raw_digests
from watchfloor.store.lake import Lake

if TYPE_CHECKING:
    from watchfloor.workspace import Workspace

__all__ = [
    "MOVEMENT_KINDS",
    "CountSeries",
    "Period",
    "covered_days",
    "flight_series",
    "imagery_series",
    "period_label",
    "period_start",
    "port_visit_series",
    "workspace_series",
]

Period = Literal["day", "week"]

MOVEMENT_KINDS = ("arrival", "departure")
"""The event kinds counted as an airfield's movements."""

_STEP = {"day": dt.timedelta(days=1), "week": dt.timedelta(weeks=1)}


def period_start(stamp: dt.datetime | dt.date, period: Period) -> dt.datetime:
    """The first instant (UTC) of the day or ISO week holding ``stamp``."""
    day = stamp.astimezone(dt.UTC).date() if isinstance(stamp, dt.datetime) else stamp
    if period == "week":
        day -= dt.timedelta(days=day.weekday())
    return dt.datetime.combine(day, dt.time(), dt.UTC)


def period_label(start: dt.datetime, period: Period) -> str:
    """``2025-01-06`` for a day, ``2025-W02`` for an ISO week."""
    if period == "week":
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}"
    return start.date().isoformat()


@dataclass(frozen=True, slots=True)
class CountSeries:
    """Counts of one thing at one site, per period, with missing periods kept.

    Attributes:
        site: The site's id.
        series: What is counted: ``imagery:<object class>``, ``port_visits`` or
            ``flights:movements``.
        period: ``day`` or ``week`` (ISO, Monday 00:00 UTC).
        first: The start of the first period.
        counts: One entry per consecutive period from ``first``; ``None`` = no data.
    """

    site: str
    series: str
    period: Period
    first: dt.datetime
    counts: tuple[int | None, ...]

    def start(self, index: int) -> dt.datetime:
        """The first instant of period ``index``."""
        return self.first + index * _STEP[self.period]

    def label(self, index: int) -> str:
        """The name of period ``index`` (``2025-01-06`` or ``2025-W02``)."""
        return period_label(self.start(index), self.period)

    @property
    def observed(self) -> int:
        """How many periods have data."""
        return sum(c is not None for c in self.counts)

    @classmethod
    def from_counts(
        cls,
        site: str,
        series: str,
        period: Period,
        counts: Mapping[dt.datetime, int],
    ) -> CountSeries | None:
        """The series of ``counts`` (period start -> count); periods not in it are missing.

        Returns:
            None when ``counts`` is empty.
        """
        if not counts:
            return None
        first, last = min(counts), max(counts)
        step = _STEP[period]
        size = (last - first) // step + 1
        values = tuple(counts.get(first + i * step) for i in range(size))
        return cls(site=site, series=series, period=period, first=first, counts=values)


def imagery_series(store: Store, *, site: str | None = None) -> list[CountSeries]:
    """Per (site, object class) per UTC day: the largest count observed that day."""
    best: dict[tuple[str, str], dict[dt.datetime, int]] = defaultdict(dict)
    for row in list_observations(store, site=site):
        day = period_start(row["observed_at"], "day")
        counts = best[(str(row["site_id"]), str(row["object_class"]))]
        counts[day] = max(int(row["count"]), counts.get(day, 0))
    return _built({(s, f"imagery:{c}"): counts for (s, c), counts in best.items()}, "day")


def port_visit_series(
    store: Store, covered: Iterable[dt.date], *, min_covered_days: int = 7
) -> list[CountSeries]:
    """Per port per ISO week: the port visits that began that week.

    Args:
        store: The knowledge DB.
        covered: The UTC days the AIS lake holds data for.
        min_covered_days: A week with fewer covered days is missing (1-7).
    """
    days_per_week: dict[dt.datetime, int] = defaultdict(int)
    for day in set(covered):
        days_per_week[period_start(day, "week")] += 1
    weeks = {w for w, n in days_per_week.items() if n >= min_covered_days}
    return _event_series(list_events(store, kind="port_visit"), "week", weeks, "port_visits")


def flight_series(store: Store, covered: Iterable[dt.date]) -> list[CountSeries]:
    """Per airfield per UTC day: arrivals plus departures (``flights:movements``).

    Args:
        store: The knowledge DB.
        covered: The UTC days with receiver coverage (the ADS-B lake holds data then).
    """
    rows = [r for kind in MOVEMENT_KINDS for r in list_events(store, kind=kind)]
    days = {period_start(d, "day") for d in covered}
    return _event_series(rows, "day", days, "flights:movements")


def covered_days(lake: Lake, dataset: str, committed: Iterable[str] | None = None) -> set[dt.date]:
    """The UTC days a lake dataset holds data for (its ``day=`` partitions)."""
    days: set[dt.date] = set()
    for path in lake.files(dataset, committed):
        name = path.parent.name.removeprefix("day=")
        try:
            days.add(dt.date.fromisoformat(name))
        except ValueError:  # day=unknown: rows without a receive time cover no day
            continue
    return days


def workspace_series(workspace: Workspace) -> list[CountSeries]:
    """Every count series of a workspace: imagery, port visits per week, movements per day."""
    committed = raw_digests(workspace.store)
    ais_days = covered_days(workspace.lake, "ais_positions", committed)
    adsb_days = covered_days(workspace.lake, "adsb_positions", committed)
    return [
        *imagery_series(workspace.store),
        *port_visit_series(workspace.store, ais_days),
        *flight_series(workspace.store, adsb_days),
    ]


def _event_series(
    rows: Sequence[Mapping[str, Any]], period: Period, observed: set[dt.datetime], name: str
) -> list[CountSeries]:
    """Events per site per period: every ``observed`` period of a site with events counts
    (zero when none began in it), and so does any period an event began in."""
    per_site: dict[str, dict[dt.datetime, int]] = defaultdict(dict)
    for row in rows:
        if row["site"] is None:
            continue
        start = period_start(row["start"], period)
        counts = per_site[str(row["site"])]
        counts[start] = counts.get(start, 0) + 1
    for counts in per_site.values():
        for start in observed:
            counts.setdefault(start, 0)
    return _built({(s, name): c for s, c in per_site.items()}, period)


def _built(
    groups: Mapping[tuple[str, str], Mapping[dt.datetime, int]], period: Period
) -> list[CountSeries]:
    """The series of each (site, series name) group, in site then name order."""
    out = []
    for (site, name), counts in sorted(groups.items()):
        built = CountSeries.from_counts(site, name, period, counts)
        if built is not None:
            out.append(built)
    return out
