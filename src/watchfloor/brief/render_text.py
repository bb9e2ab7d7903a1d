"""The brief as plain text: numbered sections, fixed-width tables, notes at the end.

Footnote markers are ``[n]`` right after the figure (or at the end of the phrase a bare
marker closes); graphics become tables (the force ledger by month) and lists (the map's
sites and tracks). Lines are at most :data:`WIDTH` characters except table rows whose cells
cannot be wrapped narrower.
"""

from __future__ import annotations

import textwrap

from watchfloor.brief.footnotes import note_text
from watchfloor.brief.model import Brief, EstimateBlock, Figure, HypothesisBoard, Judgment, Text
from watchfloor.brief.sections import SectionWriter, hypothesis_line, judgment_states
from watchfloor.brief.tables import Table, prose

__all__ = ["WIDTH", "render_text"]

WIDTH = 100
_MAX_CELL = 44


def _marker(figure: Figure) -> str:
    return f"[{figure.note}]"


def _plain(text: Text | str) -> str:
    return prose((text,) if isinstance(text, str) else text, _marker, lambda s: s)


def _fill(text: str, indent: str = "") -> str:
    return textwrap.fill(
        text, WIDTH, initial_indent=indent, subsequent_indent=indent, break_on_hyphens=False
    )


class _PlainText(SectionWriter):
    """Sections as wrapped paragraphs, fixed-width tables and underlined headings."""

    def para(self, text: Text | str) -> str:
        return _fill(_plain(text))

    def table(self, table: Table) -> str:
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

    def heading(self, number: int, title: str) -> str:
        text = f"{number}. {title.upper()}"
        return f"{text}\n{'-' * len(text)}"

    def judgment(self, judgment: Judgment) -> list[str]:
        out = [_fill(f"{_plain(judgment.sentence)} {_plain(judgment.confidence)}")]
        out += [
            _fill(f"{label}: {'; '.join(names)}.", "    ")
            for label, names in judgment_states(judgment)
        ]
        return out

    def origins_caption(self, block: EstimateBlock) -> str:
        return f"{block.label}: origins ({block.query})"

    def hypothesis_head(self, board: HypothesisBoard) -> str:
        return self.para(hypothesis_line(board, board.statement))


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
    blocks = ["\n".join(head)]
    blocks.extend(_PlainText().sections(brief))
    blocks.append("NOTES\n-----")
    blocks.extend(_notes(brief))
    blocks.append(rule + "\n" + brief.classification.center(WIDTH).rstrip())
    return "\n\n".join(blocks) + "\n"
