"""The brief's numbers of people: fused estimates and the force ledger, each footnoted.

The quantities are a declarative table (:data:`ESTIMATES`) of queries for
:func:`watchfloor.assess.estimate`; the ledger is :func:`watchfloor.assess.force_ledger`.
Every figure gets a note naming the claims behind it: an estimate's note lists every claim
of every origin it fused, an origin's row quotes its own claims, a month of the ledger names
the origins that had reported by then and the claims of those that changed it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from watchfloor.analysis import Assessment
from watchfloor.assess import Estimate, Ledger, estimate, parse_query
from watchfloor.assess.estimate import OriginEvidence
from watchfloor.brief.evidence import claim_citation
from watchfloor.brief.footnotes import FootnoteBook, people_text, range_text
from watchfloor.brief.model import (
    Citation,
    EstimateBlock,
    EstimateOrigin,
    Figure,
    LedgerFlow,
    LedgerPoint,
    LedgerSection,
)

__all__ = [
    "ESTIMATES",
    "estimate_blocks",
    "estimate_note",
    "fused_estimates",
    "ledger_section",
    "point_note",
    "present_strength",
]

ESTIMATES: tuple[tuple[str, str], ...] = (
    ("Present strength (reported)", "North Korean troops in Russia"),
    ("Reinforcements sent", "North Korean troops sent to Russia"),
    ("Planned new deployment", "North Korean troops planned in Russia"),
    ("Killed", "North Korean killed"),
    ("Casualties (killed and wounded)", "North Korean casualties"),
)
"""(label, query) of each estimate the brief shows, in order."""

_SIGNS = {"deployed": "+", "movement": "+", "planned": "planned"}


def fused_estimates(state: Assessment, as_of: dt.datetime) -> tuple[tuple[str, Estimate], ...]:
    """Every estimate of :data:`ESTIMATES` that has evidence by ``as_of``, with its label."""
    out: list[tuple[str, Estimate]] = []
    for label, text in ESTIMATES:
        result = estimate(
            state.claims,
            state.origins,
            state.grades,
            parse_query(text),
            as_of=as_of,
            background=state.background,
        )
        if result is not None:
            out.append((label, result))
    return tuple(out)


def _claims(origin: OriginEvidence, state: Assessment) -> list[Citation]:
    return [claim_citation(c, state.grades.get(c.id)) for c in origin.claims]


def estimate_note(book: FootnoteBook, label: str, result: Estimate, state: Assessment) -> int:
    """The note of a fused estimate: how it was fused, and every claim of every origin."""
    origins = "; ".join(
        f"{o.origin} ({o.grade.code}, weight {o.weight:.2f})" for o in result.origins
    )
    lead = (
        f"{label}, {result.query.describe()}, as of {result.as_of:%Y-%m-%d}: median and "
        f"central 80% of the mixture of {len(result.origins)} origin(s), each weighted by "
        f"reliability, credibility and recency. Origins: {origins}."
    )
    return book.note(lead, [c for o in result.origins for c in _claims(o, state)])


def _origin_note(book: FootnoteBook, origin: OriginEvidence, state: Assessment) -> int:
    lead = (
        f"Origin {origin.origin}, graded {origin.grade.code}: its own median and 80% interval, "
        f"weight {origin.weight:.2f} (reliability × credibility × recency)."
    )
    return book.note(lead, _claims(origin, state))


def _floor(book: FootnoteBook, result: Estimate, state: Assessment) -> Figure | None:
    floor = result.floor
    if floor is None:
        return None
    setter = min(result.origins, key=lambda o: abs(o.conservative - floor))
    lead = (
        "Floor: the lowest figure stated by an origin graded A-C and 1-3 that still carries "
        f"weight ({setter.origin})."
    )
    return book.figure(people_text(floor), lead, _claims(setter, state))


def estimate_blocks(
    book: FootnoteBook, results: Sequence[tuple[str, Estimate]], state: Assessment
) -> tuple[EstimateBlock, ...]:
    """The estimates section: each estimate's figures, then its origins'."""
    blocks: list[EstimateBlock] = []
    for label, result in results:
        note = estimate_note(book, label, result, state)
        floor = _floor(book, result, state)
        rows: list[EstimateOrigin] = []
        for origin in result.origins:
            n = _origin_note(book, origin, state)
            low, high = origin.interval80
            first = origin.claims[0].attribution[0] if origin.claims[0].attribution else ""
            rows.append(
                EstimateOrigin(
                    origin=origin.origin,
                    speaker=first or "unattributed",
                    grade=origin.grade.code,
                    weight=Figure(f"{origin.weight:.2f}", n),
                    median=Figure(people_text(origin.distribution.median), n),
                    interval=Figure(range_text(low, high), n),
                    outlets=origin.outlets,
                    first_seen=origin.first_seen.date(),
                    last_seen=origin.last_seen.date(),
                )
            )
        blocks.append(
            EstimateBlock(
                label=label,
                query=result.query.describe(),
                median=Figure(people_text(result.median), note),
                interval=Figure(range_text(*result.interval80), note),
                floor=floor,
                conflicts=result.conflicts,
                origins=tuple(rows),
            )
        )
    return tuple(blocks)


def point_note(
    book: FootnoteBook,
    day: dt.date,
    used: Sequence[str],
    changed_by: Sequence[str],
    by_origin: Mapping[str, Sequence[Citation]],
) -> int:
    """The note of one month of the ledger: the origins behind it, claims of the new ones."""
    new = ", ".join(changed_by) or "none (no new origin since the month before)"
    lead = (
        f"Present strength at {day:%Y-%m-%d}: median and central 80% of a Monte Carlo sum, "
        f"deployed + movements in - killed - captured - evacuated. Origins reported by then: "
        f"{', '.join(used) or 'none'}. New this month: {new}."
    )
    cited = [c for o in (changed_by or used) for c in by_origin.get(o, ())]
    return book.note(lead, cited)


def _points(
    book: FootnoteBook, ledger: Ledger, state: Assessment, *, last_only: bool = False
) -> list[LedgerPoint]:
    # The claims each origin gave the ledger (not its other claims, nor background mentions).
    by_origin: dict[str, list[Citation]] = {}
    for entry in ledger.entries:
        for origin in entry.estimate.origins:
            cited = by_origin.setdefault(origin.origin, [])
            cited.extend(c for c in _claims(origin, state) if c not in cited)
    points: list[LedgerPoint] = []
    used: list[str] = []
    for index, step in enumerate(ledger.steps):
        used.extend(o for o in step.changed_by if o not in used)
        if last_only and index < len(ledger.steps) - 1:
            continue
        n = point_note(book, step.date, used, step.changed_by, by_origin)
        points.append(
            LedgerPoint(
                date=step.date,
                median_value=step.median,
                low_value=step.interval80[0],
                high_value=step.interval80[1],
                median=Figure(people_text(step.median), n),
                interval=Figure(range_text(*step.interval80), n),
                changed_by=step.changed_by,
            )
        )
    return points


def present_strength(book: FootnoteBook, ledger: Ledger, state: Assessment) -> LedgerPoint | None:
    """The ledger's last point (its note as the ledger section gives it), if any."""
    points = _points(book, ledger, state, last_only=True)
    return points[-1] if points else None


def ledger_section(book: FootnoteBook, ledger: Ledger, state: Assessment) -> LedgerSection | None:
    """The force ledger's points by month and its flows in and out; None when empty."""
    if not ledger.steps:
        return None
    points = _points(book, ledger, state)
    flows: list[LedgerFlow] = []
    for entry in ledger.entries:
        label = f"Ledger entry {entry.kind} ({entry.date:%Y-%m-%d})"
        n = estimate_note(book, label, entry.estimate, state)
        flows.append(
            LedgerFlow(
                kind=entry.kind,
                sign=_SIGNS.get(entry.kind, "-"),
                date=entry.date,
                median=Figure(people_text(entry.estimate.median), n),
                interval=Figure(range_text(*entry.estimate.interval80), n),
                origins=tuple(o.origin for o in entry.estimate.origins),
            )
        )
    return LedgerSection(ledger.actor, ledger.location, tuple(flows), tuple(points))
