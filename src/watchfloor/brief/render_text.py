"""The brief as plain text: numbered sections, fixed-width tables, notes at the end.

Footnote markers are ``[n]`` right after the figure (or at the end of the phrase a bare
marker closes); graphics become tables (the force ledger by month) and lists (the map's
sites and tracks). Lines are at most :data:`WIDTH` characters except table rows whose cells
cannot be wrapped narrower.
"""

from __future__ import annotations

import textwrap

from watchfloor.brief.footnotes import note_text
from watchfloor.brief.model import SECTIONS, Brief, Figure, Text
from watchfloor.brief.tables import (
    ADMIRALTY,
    Table,
    documents_table,
    estimate_origins_table,
    estimates_table,
    indicators_table,
    ledger_flows_table,
    ledger_points_table,
    prose,
    routine_table,
    sites_table,
    sources_table,
    timeline_table,
)

__all__ = ["WIDTH", "render_text"]

WIDTH = 100
_MAX_CELL = 44


def _marker(figure: Figure) -> str:
    return f"[{figure.note}]"


def _plain(text: Text) -> str:
    return prose(text, _marker, lambda s: s)


def _para(text: str, indent: str = "") -> str:
    return textwrap.fill(
        text, WIDTH, initial_indent=indent, subsequent_indent=indent, break_on_hyphens=False
    )


def _table(table: Table) -> str:
    cells = [[_plain(c) for c in row] for row in table.rows]
    widths = [len(h) for h in table.headers]
    for row in cells:
        for i, cell in enumerate(row):
            longest_word = max((len(w) for w in cell.split()), default=0)
            widths[i] = max(widths[i], min(len(cell), _MAX_CELL), longest_word)
    lines = []

    def emit(values: list[str]) -> None:
        wrapped = [
            textwrap.wrap(v, widths[i], break_on_hyphens=False, break_long_words=False) or [""]
            for i, v in enumerate(values)
        ]
        for k in range(max(len(w) for w in wrapped)):
            parts = []
            for i, w in enumerate(wrapped):
                piece = w[k] if k < len(w) else ""
                parts.append(
                    piece.rjust(widths[i]) if i in table.numeric else piece.ljust(widths[i])
                )
            lines.append("  ".join(parts).rstrip())

    emit(list(table.headers))
    lines.append("  ".join("-" * w for w in widths))
    for row in cells:
        emit(row)
    return "\n".join(lines)


def _heading(number: int, title: str) -> str:
    text = f"{number}. {title.upper()}"
    return f"{text}\n{'-' * len(text)}"


def _bluf(brief: Brief) -> list[str]:
    return [_para(_plain(p)) for p in brief.bluf]


def _judgments(brief: Brief) -> list[str]:
    if not brief.judgments:
        return [
            _para(f"No key judgments: the indicator board is unavailable ({brief.board_note}).")
        ]
    out = []
    for j in brief.judgments:
        out.append(_para(f"{_plain(j.sentence)} {_plain(j.confidence)}", ""))
        for label, names in (
            ("Observed", j.observed),
            ("Checked and absent", j.absent),
            ("Contradicted", j.contradicted),
            ("Not yet covered", j.unchecked),
        ):
            if names:
                out.append(_para(f"{label}: {'; '.join(names)}.", "    "))
    return out


def _estimates(brief: Brief) -> list[str]:
    if not brief.estimates:
        return ["No claim gives a figure for these quantities yet."]
    out = [_table(estimates_table(brief.estimates))]
    for block in brief.estimates:
        out.append(f"{block.label}: origins ({block.query})")
        out.append(_table(estimate_origins_table(block)))
        for a, b in block.conflicts:
            out.append(_para(f"Conflict: {a} and {b} do not overlap."))
    return out


def _ledger(brief: Brief) -> list[str]:
    if brief.ledger is None:
        return ["No deployment or movement has been reported yet."]
    return [
        "Present strength by month (median and 80% interval; the HTML brief charts it):",
        _table(ledger_points_table(brief.ledger)),
        "In, out and planned:",
        _table(ledger_flows_table(brief.ledger)),
    ]


def _board(brief: Brief) -> list[str]:
    if not brief.hypotheses:
        return [_para(f"The indicator board is unavailable: {brief.board_note}.")]
    out = []
    for h in brief.hypotheses:
        head: Text = (
            f"{h.id} ({h.set}): {h.statement} Prior ",
            h.prior,
            ", posterior ",
            h.posterior,
            f" ({h.band}; {h.confidence} confidence).",
        )
        out.append(_para(_plain(head)))
        out.append(_table(indicators_table(h)))
    return out


def _timeline(brief: Brief) -> list[str]:
    out = [_table(timeline_table(brief))] if brief.timeline else ["No notable event detected."]
    if brief.routine:
        out.append(_table(routine_table(brief)))
    return out


def _map(brief: Brief) -> list[str]:
    tracks = [t.label for t in brief.tracks if t.watchlisted]
    return [
        "The maps are in the HTML brief. Sites watched:",
        _table(sites_table(brief)),
        _para(
            "Tracks: "
            + ("; ".join(tracks) if tracks else "no watchlisted vessel or aircraft")
            + " (and other vessels' tracks, faint). Events: as numbered in the timeline."
        ),
    ]


def _sources(brief: Brief) -> list[str]:
    return [
        _table(sources_table(brief)),
        _para(ADMIRALTY),
        "Documents:",
        _table(documents_table(brief)),
    ]


def _notes(brief: Brief) -> list[str]:
    out = []
    for note in brief.footnotes:
        lead, items = note_text(note)
        lines = [textwrap.fill(f"[{note.number}] {lead}", WIDTH, subsequent_indent="    ")]
        lines += [
            textwrap.fill(item, WIDTH, initial_indent="    - ", subsequent_indent="      ")
            for item in items
        ]
        out.append("\n".join(lines))
    return out


def render_text(brief: Brief) -> str:
    """The brief as plain text."""
    rule = "=" * WIDTH
    head = [
        brief.classification.center(WIDTH).rstrip(),
        rule,
        "WARNING BRIEF",
        brief.title,
        f"Information as of {brief.as_of:%d %B %Y %H:%M} UTC. "
        f"Produced {brief.produced:%d %B %Y %H:%M} UTC by watchfloor.",
        rule,
    ]
    builders = {
        "bluf": _bluf,
        "judgments": _judgments,
        "estimates": _estimates,
        "ledger": _ledger,
        "board": _board,
        "timeline": _timeline,
        "map": _map,
        "sources": _sources,
    }
    blocks = ["\n".join(head)]
    for number, (anchor, title) in enumerate(SECTIONS, start=1):
        blocks.append(_heading(number, title))
        blocks.extend(builders[anchor](brief))
    blocks.append("NOTES\n-----")
    blocks.extend(_notes(brief))
    blocks.append(rule + "\n" + brief.classification.center(WIDTH).rstrip())
    return "\n\n".join(blocks) + "\n"
