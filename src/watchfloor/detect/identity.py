"""Vessel identity: which MMSIs are one vessel, and what to call it.

A vessel keeps its IMO number for life, while its MMSI changes with its flag and its name with
its owner. The detectors therefore follow *vessels*, each with a vessel id (``vid``):

- an MMSI that the analyst listed under a ``watch.yaml`` vessel belongs to that vessel, at
  every time (the analyst's word wins over what the ship broadcasts: sanctioned ships are
  known to broadcast false IMO numbers);
- otherwise, from the time an MMSI broadcasts an IMO number in a static report (AIS type 5,
  or 24 when an export carries one) until it broadcasts another, it is the vessel with that
  IMO; its fixes before its first such report are given the first IMO it broadcast;
- an MMSI with neither is a vessel of its own.

Vessel ids are negative for an IMO (``-imo``), ``-(100_000_000 + n)`` for the n-th watchlist
entry without an IMO, and the MMSI itself otherwise. The name is the watchlist's when the
vessel is watchlisted (so every alias finds it), else the last name it broadcast.

Names alone never join two MMSIs: "Maria" and "Angara" are each the name of several ships.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

import duckdb

from watchfloor.config import VesselEntry

__all__ = ["Identities", "Vessel", "resolve_identities"]

_IMO_RANGE = (1_000_000, 9_999_999)
_UNNAMED_WATCH_BASE = 100_000_000


@dataclass(frozen=True, slots=True)
class Vessel:
    """What the events say about one vessel id."""

    vid: int
    imo: int | None
    name: str | None
    watchlisted: bool = False


@dataclass(slots=True)
class Identities:
    """MMSI → vessel id over time, and each vessel's IMO and name.

    Attributes:
        intervals: ``(mmsi, valid_from, valid_to, vid)``, times in seconds since the epoch
            and None for an open end; an MMSI with no interval is its own vessel.
        vessels: The vessels whose IMO or name is known, by id.
        mmsi_names: The last name each MMSI broadcast.
    """

    intervals: list[tuple[int, float | None, float | None, int]] = field(default_factory=list)
    vessels: dict[int, Vessel] = field(default_factory=dict)
    mmsi_names: dict[int, str] = field(default_factory=dict)

    def vessel(self, vid: int, mmsi: int | None = None) -> Vessel:
        """The vessel with id ``vid`` (named after ``mmsi``'s broadcasts when unknown)."""
        known = self.vessels.get(vid)
        if known is not None:
            return known
        name = self.mmsi_names.get(mmsi if mmsi is not None else vid)
        return Vessel(vid, None, name)

    @property
    def watchlisted(self) -> list[int]:
        """Ids of the watchlisted vessels."""
        return sorted(v.vid for v in self.vessels.values() if v.watchlisted)

    @property
    def shared(self) -> list[int]:
        """Ids of the vessels seen under more than one MMSI."""
        mmsis: dict[int, set[int]] = defaultdict(set)
        for mmsi, _, _, vid in self.intervals:
            mmsis[vid].add(mmsi)
        return sorted(vid for vid, seen in mmsis.items() if len(seen) > 1)


_IMO_CHANGES = """
SELECT mmsi, t, imo FROM (
    SELECT mmsi, t, imo, LAG(imo) OVER (PARTITION BY mmsi ORDER BY t, imo) AS prev_imo
    FROM (
        SELECT mmsi, EXTRACT(EPOCH FROM ts) AS t, imo FROM statics
        WHERE ts IS NOT NULL AND imo BETWEEN ? AND ?
    ) s
) c
WHERE prev_imo IS NULL OR prev_imo <> imo
ORDER BY mmsi, t
"""

_LAST_NAMES = """
SELECT {key}, shipname FROM (
    SELECT {key}, shipname,
        ROW_NUMBER() OVER (PARTITION BY {key} ORDER BY ts DESC NULLS LAST, raw_line DESC) AS r
    FROM statics WHERE shipname IS NOT NULL AND {key} IS NOT NULL
) n WHERE r = 1
"""


def resolve_identities(
    con: duckdb.DuckDBPyConnection, watchlist: Sequence[VesselEntry]
) -> Identities:
    """Work out the identities from the ``statics`` view on ``con`` and the watchlist."""
    out = Identities()
    changes: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for mmsi, t, imo in con.execute(_IMO_CHANGES, list(_IMO_RANGE)).fetchall():
        changes[int(mmsi)].append((float(t), int(imo)))
    imo_names = {int(k): str(v) for k, v in con.execute(_LAST_NAMES.format(key="imo")).fetchall()}
    out.mmsi_names = {
        int(k): str(v) for k, v in con.execute(_LAST_NAMES.format(key="mmsi")).fetchall()
    }
    watched_mmsi: dict[int, int] = {}
    for n, entry in enumerate(watchlist):
        vid = -entry.imo if entry.imo is not None else -(_UNNAMED_WATCH_BASE + n)
        out.vessels[vid] = Vessel(vid, entry.imo, entry.name, watchlisted=True)
        for mmsi in entry.mmsi:
            watched_mmsi.setdefault(mmsi, vid)
    for mmsi, vid in watched_mmsi.items():
        out.intervals.append((mmsi, None, None, vid))
    for mmsi, steps in changes.items():
        if mmsi in watched_mmsi:
            continue
        for i, (start, imo) in enumerate(steps):
            until = steps[i + 1][0] if i + 1 < len(steps) else None
            out.intervals.append((mmsi, start if i else None, until, -imo))
            if -imo not in out.vessels:
                out.vessels[-imo] = Vessel(-imo, imo, imo_names.get(imo))
    return out
