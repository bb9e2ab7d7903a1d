"""The brief's numbered sections, once for every format: which tables and which sentences.

:func:`section_tables` decides what each section tabulates, for the text, Markdown and
HTML renderers alike. :class:`SectionWriter` writes the sections of the two linear formats
(text and Markdown) as a list of blocks; a subclass only says how a paragraph, a table, a
heading and the few format-specific pieces look.
"""

from __future__ import annotations

import abc
from collections.abc import Callable
from dataclasses import dataclass

from watchfloor.brief.model import SECTIONS, Brief, EstimateBlock, HypothesisBoard, Judgment, Text
from watchfloor.brief.tables import (
    ADMIRALTY,
    Table,
    documents_table,
    estimate_origins_table,
    estimates_table,
    indicators_table,
    ledger_flows_table,
    ledger_points_table,
    routine_table,
    sites_table,
    sources_table,
    timeline_table,
)

__all__ = [
    "SectionTables",
    "SectionWriter",
    "hypothesis_line",
    "judgment_states",
    "section_tables",
]


@dataclass(frozen=True, slots=True)
class SectionTables:
    """Every table of a brief; ``None`` where a section has nothing to tabulate.

    Attributes:
        estimates: One row per fused estimate.
        origins: Each estimate with the table of the origins behind it.
        ledger_points: Present strength by month.
        ledger_flows: What went in and out, and what is planned.
        boards: Each hypothesis with the table of its indicators.
        timeline: The listed events.
        routine: Events counted, not listed.
        sites: The watched sites.
        sources: Sources the evidence cites.
        documents: Stored reports.
    """

    estimates: Table | None
    origins: tuple[tuple[EstimateBlock, Table], ...]
    ledger_points: Table | None
    ledger_flows: Table | None
    boards: tuple[tuple[HypothesisBoard, Table], ...]
    timeline: Table | None
    routine: Table | None
    sites: Table
    sources: Table
    documents: Table


def section_tables(brief: Brief) -> SectionTables:
    """The tables every format of ``brief`` shows."""
    return SectionTables(
        estimates=estimates_table(brief.estimates) if brief.estimates else None,
        origins=tuple((b, estimate_origins_table(b)) for b in brief.estimates),
        ledger_points=ledger_points_table(brief.ledger) if brief.ledger else None,
        ledger_flows=ledger_flows_table(brief.ledger) if brief.ledger else None,
        boards=tuple((h, indicators_table(h)) for h in brief.hypotheses),
        timeline=timeline_table(brief) if brief.timeline else None,
        routine=routine_table(brief) if brief.routine else None,
        sites=sites_table(brief),
        sources=sources_table(brief),
        documents=documents_table(brief),
    )


def judgment_states(judgment: Judgment) -> list[tuple[str, tuple[str, ...]]]:
    """The indicator states a judgment rests on, as (label, indicator names), empty ones out."""
    states = (
        ("Observed", judgment.observed),
        ("Checked and absent", judgment.absent),
        ("Contradicted", judgment.contradicted),
        ("Not yet covered", judgment.unchecked),
    )
    return [(label, names) for label, names in states if names]


def hypothesis_line(board: HypothesisBoard, statement: str) -> Text:
    """``id (set): statement Prior p, posterior q (band; c confidence).``

    Args:
        board: The hypothesis.
        statement: Its statement as the format prints it (quoted or not).
    """
    return (
        f"{board.id} ({board.set}): {statement} Prior ",
        board.prior,
        ", posterior ",
        board.posterior,
        f" ({board.band}; {board.confidence} confidence).",
    )


class SectionWriter(abc.ABC):
    """Writes a brief's numbered sections as blocks of one linear format (text, Markdown)."""

    @abc.abstractmethod
    def para(self, text: Text | str) -> str:
        """A paragraph of prose."""

    @abc.abstractmethod
    def table(self, table: Table) -> str:
        """A table."""

    @abc.abstractmethod
    def heading(self, number: int, title: str) -> str:
        """The heading of section ``number``."""

    @abc.abstractmethod
    def judgment(self, judgment: Judgment) -> list[str]:
        """One key judgment with the indicator states behind it."""

    @abc.abstractmethod
    def origins_caption(self, block: EstimateBlock) -> str:
        """The line above the table of an estimate's origins."""

    @abc.abstractmethod
    def hypothesis_head(self, board: HypothesisBoard) -> str:
        """The line above the table of a hypothesis's indicators."""

    def sections(self, brief: Brief) -> list[str]:
        """Every numbered section: its heading, then its blocks."""
        tables = section_tables(brief)
        builders: dict[str, Callable[[Brief, SectionTables], list[str]]] = {
            "bluf": self._bluf,
            "judgments": self._judgments,
            "estimates": self._estimates,
            "ledger": self._ledger,
            "board": self._board,
            "timeline": self._timeline,
            "map": self._map,
            "sources": self._sources,
        }
        blocks = []
        for number, (anchor, title) in enumerate(SECTIONS, start=1):
            blocks.append(self.heading(number, title))
            blocks.extend(builders[anchor](brief, tables))
        return blocks

    def _bluf(self, brief: Brief, tables: SectionTables) -> list[str]:
        return [self.para(p) for p in brief.bluf]

    def _judgments(self, brief: Brief, tables: SectionTables) -> list[str]:
        if not brief.judgments:
            return [
                self.para(
                    f"No key judgments: the indicator board is unavailable ({brief.board_note})."
                )
            ]
        return [block for j in brief.judgments for block in self.judgment(j)]

    def _estimates(self, brief: Brief, tables: SectionTables) -> list[str]:
        if tables.estimates is None:
            return [self.para("No claim gives a figure for these quantities yet.")]
        out = [self.table(tables.estimates)]
        for block, origins in tables.origins:
            out.append(self.origins_caption(block))
            out.append(self.table(origins))
            out.extend(
                self.para(f"Conflict: {a} and {b} do not overlap.") for a, b in block.conflicts
            )
        return out

    def _ledger(self, brief: Brief, tables: SectionTables) -> list[str]:
        if tables.ledger_points is None or tables.ledger_flows is None:
            return [self.para("No deployment or movement has been reported yet.")]
        return [
            self.para(
                "Present strength by month (median and 80% interval; the HTML brief charts it):"
            ),
            self.table(tables.ledger_points),
            self.para("In, out and planned:"),
            self.table(tables.ledger_flows),
        ]

    def _board(self, brief: Brief, tables: SectionTables) -> list[str]:
        if not tables.boards:
            return [self.para(f"The indicator board is unavailable: {brief.board_note}.")]
        out = []
        for board, indicators in tables.boards:
            out.append(self.hypothesis_head(board))
            out.append(self.table(indicators))
        return out

    def _timeline(self, brief: Brief, tables: SectionTables) -> list[str]:
        if tables.timeline is None:
            out = [self.para("No notable event detected.")]
        else:
            out = [self.table(tables.timeline)]
        if tables.routine is not None:
            out.append(self.table(tables.routine))
        return out

    def _map(self, brief: Brief, tables: SectionTables) -> list[str]:
        tracks = [t.label for t in brief.tracks if t.watchlisted]
        listed = "; ".join(tracks) if tracks else "no watchlisted vessel or aircraft"
        return [
            self.para("The maps are in the HTML brief. Sites watched:"),
            self.table(tables.sites),
            self.para(
                f"Tracks: {listed} (and other vessels' tracks, faint). "
                "Events: as numbered in the timeline."
            ),
        ]

    def _sources(self, brief: Brief, tables: SectionTables) -> list[str]:
        return [
            self.table(tables.sources),
            self.para(ADMIRALTY),
            self.para("Documents:"),
            self.table(tables.documents),
        ]
