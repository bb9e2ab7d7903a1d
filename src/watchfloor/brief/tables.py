"""The brief's tables, once for every format: headers and cells of prose with figures.

Each function turns part of a :class:`~.model.Brief` into a :class:`Table`; the text,
Markdown and HTML renderers only lay the cells out and place the footnote markers, so the
three formats carry the same content.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from watchfloor.brief.model import (
    Brief,
    EstimateBlock,
    Figure,
    HypothesisBoard,
    LedgerSection,
    Text,
)

__all__ = [
    "ADMIRALTY",
    "Table",
    "documents_table",
    "estimate_origins_table",
    "estimates_table",
    "indicators_table",
    "ledger_flows_table",
    "ledger_points_table",
    "prose",
    "routine_table",
    "sites_table",
    "sources_table",
    "timeline_table",
]

ADMIRALTY = (
    "Admiralty grades: source reliability A (completely reliable), B (usually reliable), "
    "C (fairly reliable), D (not usually reliable), E (unreliable), F (cannot be judged); "
    "information credibility 1 (confirmed by other origins), 2 (probably true), "
    "3 (possibly true), 4 (doubtful), 5 (improbable), 6 (cannot be judged)."
)
"""The key to the grades (NATO AJP-2.1)."""


@dataclass(frozen=True, slots=True)
class Table:
    """Headers and rows of cells; ``numeric`` marks right-aligned columns."""

    headers: tuple[str, ...]
    rows: tuple[tuple[Text, ...], ...]
    numeric: frozenset[int] = frozenset()


def prose(text: Text, marker: Callable[[Figure], str], escape: Callable[[str], str]) -> str:
    """Prose as one string: plain parts escaped, each figure followed by its marker."""
    return "".join(escape(p) if isinstance(p, str) else escape(p.text) + marker(p) for p in text)


def _t(value: object) -> Text:
    return ("" if value is None else str(value),)


def estimates_table(blocks: tuple[EstimateBlock, ...]) -> Table:
    """One row per fused estimate."""
    rows = tuple(
        (
            _t(b.label),
            (b.median,),
            (b.interval,),
            (b.floor,) if b.floor is not None else _t("none credible"),
            (Figure(str(len(b.origins)), b.median.note),),
            _t(b.query),
        )
        for b in blocks
    )
    return Table(
        ("Quantity", "Median", "80% interval", "Floor", "Origins", "Query"),
        rows,
        frozenset({1, 2, 3, 4}),
    )


def estimate_origins_table(block: EstimateBlock) -> Table:
    """The origins behind one estimate, heaviest first."""
    rows = tuple(
        (
            _t(o.origin),
            _t(o.grade),
            (o.weight,),
            (o.median,),
            (o.interval,),
            _t(", ".join(o.outlets)),
            _t(o.first_seen.isoformat()),
        )
        for o in block.origins
    )
    return Table(
        ("Origin", "Grade", "Weight", "Median", "80% interval", "Outlets", "First reported"),
        rows,
        frozenset({2, 3, 4}),
    )


def ledger_points_table(ledger: LedgerSection) -> Table:
    """Present strength by month."""
    rows = tuple(
        (
            _t(p.date.isoformat()),
            (p.median,),
            (p.interval,),
            _t(", ".join(p.changed_by) or "–"),
        )
        for p in ledger.points
    )
    return Table(
        ("Date", "Present (median)", "80% interval", "New origins"), rows, frozenset({1, 2})
    )


def ledger_flows_table(ledger: LedgerSection) -> Table:
    """What went in and out, and what is planned."""
    rows = tuple(
        (
            _t(f.sign),
            _t(f.kind),
            _t(f.date.isoformat()),
            (f.median,),
            (f.interval,),
            _t(", ".join(f.origins)),
        )
        for f in ledger.flows
    )
    return Table(
        ("", "Entry", "As of", "Median", "80% interval", "Origins"), rows, frozenset({3, 4})
    )


def indicators_table(board: HypothesisBoard) -> Table:
    """One hypothesis's indicators."""
    rows = tuple(
        (
            _t(i.name),
            _t(i.domain or ""),
            _t(i.state),
            (i.likelihoods,),
            (i.contribution,),
            ("; ".join(i.evidence) or i.note, Figure("", i.contribution.note)),
        )
        for i in board.indicators
    )
    return Table(
        ("Indicator", "Domain", "State", "P(E|H) / P(E|¬H)", "Log-odds (×odds)", "Evidence"),
        rows,
        frozenset({3, 4}),
    )


def timeline_table(brief: Brief) -> Table:
    """The listed events, numbered as on the map."""
    rows = tuple(
        (
            _t(str(n)),
            _t(r.at.strftime("%Y-%m-%d %H:%M")),
            _t(r.kind.replace("_", " ")),
            _t(r.subject),
            _t(r.site),
            r.what,
        )
        for n, r in enumerate(brief.timeline, start=1)
    )
    return Table(("#", "Start (UTC)", "Event", "Who", "Site", "What"), rows)


def routine_table(brief: Brief) -> Table:
    """Events counted, not listed."""
    rows = tuple((_t(r.kind.replace("_", " ")), (r.count,)) for r in brief.routine)
    return Table(("Not listed", "Events"), rows, frozenset({1}))


def sites_table(brief: Brief) -> Table:
    """The watched sites."""
    rows = tuple((_t(s.name), _t(s.kind), _t(s.country)) for s in brief.sites)
    return Table(("Site", "Kind", "Country"), rows)


def sources_table(brief: Brief) -> Table:
    """Sources the evidence cites, with their reliability."""
    rows = tuple(
        (_t(s.name), _t(s.kind), _t(s.country or ""), _t(s.reliability)) for s in brief.sources
    )
    return Table(("Source", "Kind", "Country", "Reliability"), rows)


def documents_table(brief: Brief) -> Table:
    """Stored reports in publication order."""
    rows = tuple(
        (
            _t(f"D{d.id}"),
            _t(d.published.strftime("%Y-%m-%d") if d.published else "undated"),
            _t(d.outlet or ""),
            _t(d.reliability or ""),
            _t(d.title or ""),
            _t(d.url or ""),
        )
        for d in brief.documents
    )
    return Table(("Doc", "Published", "Outlet", "Grade", "Title", "URL"), rows)
