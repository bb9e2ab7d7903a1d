"""Everything the indicators of a workspace read, loaded once.

Evaluating a board at many dates (:func:`watchfloor.warnings.board_history`) must not read
the store and the lake again for each date: :func:`load_evidence` reads claims (with their
origins and Admiralty grades), events, publication dates, count series and lake coverage
once into an :class:`EvidenceBase`, and the queries (:mod:`watchfloor.warnings.queries`) are
pure functions of it and a date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from watchfloor.analysis import Assessment, assess_workspace
from watchfloor.config import WatchConfig
from watchfloor.config.hypotheses import EventQuery
from watchfloor.detect.series import CountSeries, workspace_series
from watchfloor.store import list_documents, list_events, raw_digests
from watchfloor.warnings.coverage import Coverage, Domain, lake_coverage
from watchfloor.workspace import Workspace

__all__ = ["EvidenceBase", "load_evidence", "subject_key"]


def subject_key(query: EventQuery) -> tuple[str, str, str] | None:
    """The key under which the events of a vessel or aircraft filter are kept, or None."""
    if query.vessel is not None:
        return (query.kind, "vessel", query.vessel)
    if query.aircraft is not None:
        return (query.kind, "aircraft", query.aircraft)
    return None


@dataclass(frozen=True, slots=True)
class EvidenceBase:
    """The evidence of one workspace, as read at one moment.

    Attributes:
        config: The workspace's ``watch.yaml``.
        assessment: Claims with origins, background flags and Admiralty grades.
        events: Every detected event (the ``events`` listing), in time order.
        subjects: For each vessel or aircraft filter of an event indicator
            (:func:`subject_key`), the keys of the events it matches.
        published: When each stored report was published, sorted (reports without a
            publication date are left out).
        series: Every count series (imagery per site and class, port visits, movements).
        coverage: The AIS and ADS-B positions near the sites indicators ask about.
        watch_mmsi: MMSIs of watchlisted vessels.
        watch_imo: IMO numbers of watchlisted vessels.
        watch_icao24: ICAO addresses of watchlisted aircraft.
    """

    config: WatchConfig
    assessment: Assessment
    events: tuple[Mapping[str, Any], ...]
    subjects: Mapping[tuple[str, str, str], frozenset[str]]
    published: tuple[dt.datetime, ...]
    series: tuple[CountSeries, ...]
    coverage: Coverage
    watch_mmsi: frozenset[int]
    watch_imo: frozenset[int]
    watch_icao24: frozenset[str]

    def documents_between(self, start: dt.datetime, end: dt.datetime) -> int:
        """How many reports were published in ``(start, end]``."""
        return sum(start < p <= end for p in self.published)

    def watchlisted(self, event: Mapping[str, Any]) -> bool:
        """Whether an event's vessel (either vessel of an encounter) or aircraft is listed."""
        if event.get("icao24") is not None:
            return str(event["icao24"]).lower() in self.watch_icao24
        numbers = {event.get("mmsi"), event.get("other_mmsi")}
        return bool(numbers & self.watch_mmsi) or event.get("imo") in self.watch_imo


def load_evidence(workspace: Workspace) -> EvidenceBase:
    """Read a workspace's evidence for its hypotheses' indicators (a pure read)."""
    config = workspace.config
    store = workspace.store
    wanted: set[tuple[Domain, str | None]] = set()
    subjects: dict[tuple[str, str, str], frozenset[str]] = {}
    for hypothesis in config.hypotheses:
        for indicator in hypothesis.indicators:
            query = indicator.event
            if query is None:
                continue
            wanted.add((query.domain, query.site))
            key = subject_key(query)
            if key is not None and key not in subjects:
                rows = list_events(
                    store, kind=query.kind, vessel=query.vessel, aircraft=query.aircraft
                )
                subjects[key] = frozenset(str(r["key"]) for r in rows)
    committed = raw_digests(store)
    published = sorted(
        _utc(r["published_at"]) for r in list_documents(store) if r["published_at"] is not None
    )
    needs_series = any(i.uptick is not None for h in config.hypotheses for i in h.indicators)
    return EvidenceBase(
        config=config,
        assessment=assess_workspace(workspace),
        events=tuple(list_events(store)),
        subjects=subjects,
        published=tuple(published),
        series=tuple(workspace_series(workspace)) if needs_series else (),
        coverage=lake_coverage(workspace.lake, config, wanted, committed),
        watch_mmsi=frozenset(m for v in config.vessels for m in v.mmsi),
        watch_imo=frozenset(v.imo for v in config.vessels if v.imo is not None),
        watch_icao24=frozenset(a.icao24 for a in config.aircraft if a.icao24 is not None),
    )


def _utc(stamp: dt.datetime) -> dt.datetime:
    return stamp.astimezone(dt.UTC)
