"""The brief as Markdown (GitHub-flavoured): numbered sections, pipe tables, ``[^n]`` notes.

The same content as the text format: graphics become tables (the ledger by month) and
lists (the map's sites and tracks). Footnote definitions close the document; a note citing
several items lists them as indented lines of its definition.
"""

from __future__ import annotations

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

__all__ = ["render_markdown"]

_SPECIAL = str.maketrans({c: f"\\{c}" for c in "\\`*_[]<>|"})


def _escape(text: str) -> str:
    return text.translate(_SPECIAL)


def _marker(figure: Figure) -> str:
    return f"[^{figure.note}]"


def _md(text: Text) -> str:
    return prose(text, _marker, _escape)


def _table(table: Table) -> str:
    head = "| " + " | ".join(_escape(h) or " " for h in table.headers) + " |"
    rule = (
        "|"
        + "|".join("---:" if i in table.numeric else "---" for i in range(len(table.headers)))
        + "|"
    )
    rows = ["| " + " | ".join(_md(c) for c in row) + " |" for row in table.rows]
    return "\n".join([head, rule, *rows])


def _bluf(brief: Brief) -> list[str]:
    return [_md(p) for p in brief.bluf]


def _judgments(brief: Brief) -> list[str]:
    if not brief.judgments:
        return [
            _escape(f"No key judgments: the indicator board is unavailable ({brief.board_note}).")
        ]
    out = []
    for j in brief.judgments:
        lines = [f"- **{_md(j.sentence)}** {_md(j.confidence)}"]
        for label, names in (
            ("Observed", j.observed),
            ("Checked and absent", j.absent),
            ("Contradicted", j.contradicted),
            ("Not yet covered", j.unchecked),
        ):
            if names:
                lines.append(f"  - {label}: *{_escape('; '.join(names))}*")
        out.append("\n".join(lines))
    return out


def _estimates(brief: Brief) -> list[str]:
    if not brief.estimates:
        return ["No claim gives a figure for these quantities yet."]
    out = [_table(estimates_table(brief.estimates))]
    for block in brief.estimates:
        out.append(f"**{_escape(block.label)}**: the origins behind it")
        out.append(_table(estimate_origins_table(block)))
        for a, b in block.conflicts:
            out.append(_escape(f"Conflict: {a} and {b} do not overlap."))
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
        return [_escape(f"The indicator board is unavailable: {brief.board_note}.")]
    out = []
    for h in brief.hypotheses:
        head: Text = (
            f"{h.id} ({h.set}): ",
            f"“{h.statement}” Prior ",
            h.prior,
            ", posterior ",
            h.posterior,
            f" ({h.band}; {h.confidence} confidence).",
        )
        out.append(f"### {_md(head)}")
        out.append(_table(indicators_table(h)))
    return out


def _timeline(brief: Brief) -> list[str]:
    out = [_table(timeline_table(brief))] if brief.timeline else ["No notable event detected."]
    if brief.routine:
        out.append(_table(routine_table(brief)))
    return out


def _map(brief: Brief) -> list[str]:
    tracks = [t.label for t in brief.tracks if t.watchlisted]
    listed = "; ".join(tracks) if tracks else "no watchlisted vessel or aircraft"
    return [
        "The maps are in the HTML brief. Sites watched:",
        _table(sites_table(brief)),
        _escape(
            f"Tracks: {listed} (and other vessels' tracks, faint). "
            "Events: as numbered in the timeline."
        ),
    ]


def _sources(brief: Brief) -> list[str]:
    return [
        _table(sources_table(brief)),
        _escape(ADMIRALTY),
        "Documents:",
        _table(documents_table(brief)),
    ]


def _notes(brief: Brief) -> list[str]:
    out = []
    for note in brief.footnotes:
        lead, items = note_text(note)
        lines = [f"[^{note.number}]: {_escape(lead)}"]
        lines += [f"    - {_escape(item)}" for item in items]
        out.append("\n".join(lines))
    return out


def render_markdown(brief: Brief) -> str:
    """The brief as Markdown."""
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
    blocks = [
        f"**{_escape(brief.classification)}**",
        f"# Warning brief: {_escape(brief.title)}",
        f"*Information as of {brief.as_of:%d %B %Y %H:%M} UTC. "
        f"Produced {brief.produced:%d %B %Y %H:%M} UTC by watchfloor.*",
    ]
    for number, (anchor, title) in enumerate(SECTIONS, start=1):
        blocks.append(f"## {number}. {title}")
        blocks.extend(builders[anchor](brief))
    blocks.append("## Notes")
    blocks.extend(_notes(brief))
    blocks.append(f"**{_escape(brief.classification)}**")
    return "\n\n".join(blocks) + "\n"
