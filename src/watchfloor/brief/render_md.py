"""The brief as Markdown (GitHub-flavoured): numbered sections, pipe tables, ``[^n]`` notes.

The same content as the text format: graphics become tables (the ledger by month) and
lists (the map's sites and tracks). Footnote definitions close the document; a note citing
several items lists them as indented lines of its definition.
"""

from __future__ import annotations

from watchfloor.brief.footnotes import note_text
from watchfloor.brief.model import Brief, EstimateBlock, Figure, HypothesisBoard, Judgment, Text
from watchfloor.brief.sections import SectionWriter, hypothesis_line, judgment_states
from watchfloor.brief.tables import Table, prose

__all__ = ["render_markdown"]

_SPECIAL = str.maketrans({c: f"\\{c}" for c in "\\`*_[]<>|"})


def _escape(text: str) -> str:
    return text.translate(_SPECIAL)


def _marker(figure: Figure) -> str:
    return f"[^{figure.note}]"


def _md(text: Text | str) -> str:
    return prose((text,) if isinstance(text, str) else text, _marker, _escape)


class _Markdown(SectionWriter):
    """Sections as escaped paragraphs, pipe tables and ``##`` headings."""

    def para(self, text: Text | str) -> str:
        return _md(text)

    def table(self, table: Table) -> str:
        head = "| " + " | ".join(_escape(h) or " " for h in table.headers) + " |"
        rule = (
            "|"
            + "|".join("---:" if i in table.numeric else "---" for i in range(len(table.headers)))
            + "|"
        )
        rows = ["| " + " | ".join(_md(c) for c in row) + " |" for row in table.rows]
        return "\n".join([head, rule, *rows])

    def heading(self, number: int, title: str) -> str:
        return f"## {number}. {title}"

    def judgment(self, judgment: Judgment) -> list[str]:
        lines = [f"- **{_md(judgment.sentence)}** {_md(judgment.confidence)}"]
        lines += [
            f"  - {label}: *{_escape('; '.join(names))}*"
            for label, names in judgment_states(judgment)
        ]
        return ["\n".join(lines)]

    def origins_caption(self, block: EstimateBlock) -> str:
        return f"**{_escape(block.label)}**: the origins behind it"

    def hypothesis_head(self, board: HypothesisBoard) -> str:
        return f"### {_md(hypothesis_line(board, f'“{board.statement}”'))}"


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
    blocks = [
        f"**{_escape(brief.classification)}**",
        f"# Warning brief: {_escape(brief.title)}",
        f"*Information as of {brief.as_of:%d %B %Y %H:%M} UTC. "
        f"Produced {brief.produced:%d %B %Y %H:%M} UTC by watchfloor.*",
    ]
    blocks.extend(_Markdown().sections(brief))
    blocks.append("## Notes")
    blocks.extend(_notes(brief))
    blocks.append(f"**{_escape(brief.classification)}**")
    return "\n\n".join(blocks) + "\n"
