"""Assessment of a workspace: load its claims, group origins, grade, estimate, ledger.

The glue between the store (rows) and :mod:`watchfloor.assess` (pure functions). Origins are
recomputed over all claims after every ingest (:func:`refresh_origins`), because a new report
can reveal that older claims share a statement; grades are computed when asked for, since
they change as corroboration arrives.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from watchfloor.assess import (
    ClaimRecord,
    Grade,
    SourceInfo,
    assign_origins,
    grade_claims,
    speaker_key,
)
from watchfloor.config.aliases import source_aliases
from watchfloor.store import claim_evidence, document_texts
from watchfloor.store.writes import set_origins
from watchfloor.workspace import Workspace

__all__ = ["Assessment", "assess_workspace", "claim_record", "refresh_origins"]


@dataclass(frozen=True, slots=True)
class Assessment:
    """Claims with their origins, background flags and grades."""

    claims: tuple[ClaimRecord, ...]
    origins: dict[int, str]
    background: dict[int, bool]
    grades: dict[int, Grade]


def claim_record(row: dict[str, Any]) -> ClaimRecord:
    """A :class:`ClaimRecord` from a row of :func:`watchfloor.store.claim_evidence`."""
    published = row["published_at"] or row["received_at"]
    assert isinstance(published, dt.datetime)
    return ClaimRecord(
        id=int(row["id"]),
        document_id=int(row["document_id"]),
        measure=str(row["measure"]),
        low=row["low"],
        high=row["high"],
        bound=str(row["bound"]),
        modality=str(row["modality"]),
        attribution=tuple(row["attribution"] or ("unattributed",)),
        published=published,
        outlet=row["outlet"],
        quote=str(row["quote"]),
        background=bool(row["background"]),
        time_start=row["time_start"],
        time_end=row["time_end"],
        actor=row["actor"],
        location=row["location"],
        role=row["role"],
        url=row["url"],
        span=(int(row["span_start"]), int(row["span_end"])),
        outlet_reliability=row["outlet_reliability"] or "F",
    )


def _sources(workspace: Workspace) -> dict[str, SourceInfo]:
    return {
        s.name.casefold(): SourceInfo(s.name, s.kind, s.country, s.reliability)
        for s in workspace.config.sources
    }


def refresh_origins(workspace: Workspace) -> int:
    """Recompute every claim's origin and background flag; return the number of origins."""
    rows = claim_evidence(workspace.store)
    if not rows:
        return 0
    claims = [claim_record(r) for r in rows]
    assigned = assign_origins(
        claims,
        aliases=source_aliases(workspace.config),
        sources=_sources(workspace),
        texts=document_texts(workspace.store),
    )
    with workspace.store.transaction() as conn:
        set_origins(conn, {cid: (a.origin, a.background) for cid, a in assigned.items()})
    return len({a.origin for a in assigned.values()})


def assess_workspace(workspace: Workspace) -> Assessment:
    """Load claims with their stored origins and grade them."""
    rows = claim_evidence(workspace.store)
    claims = tuple(claim_record(r) for r in rows)
    origins = {int(r["id"]): str(r["origin"] or f"claim-{r['id']}") for r in rows}
    background = {c.id: c.background for c in claims}
    aliases = source_aliases(workspace.config)
    sources = _sources(workspace)
    reliability: dict[int, str] = {}
    for claim in claims:
        speaker = speaker_key(claim.attribution[0], aliases) if claim.attribution else ""
        info = sources.get(speaker)
        if info is not None:
            reliability[claim.id] = info.reliability
        elif speaker in ("", "unattributed"):
            reliability[claim.id] = claim.outlet_reliability
        else:
            reliability[claim.id] = "F"
    grades = grade_claims(claims, origins, reliability, background)
    return Assessment(claims, origins, background, grades)
