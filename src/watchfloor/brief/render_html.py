"""The brief as one self-contained HTML file: inline CSS and SVG, no scripts, fonts or links.

The page comes from a Jinja2 template (``templates/brief.html.j2``, autoescaped) with the
stylesheet (``templates/brief.css``) inlined; the ledger chart (:mod:`.charts`) and the maps
(:mod:`.maps`) are inline SVG. Footnote markers are superscript links to the notes at the
end; document URLs are printed as text, never linked, so the file makes no request when
opened.
"""

from __future__ import annotations

import functools
from html import escape

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from watchfloor.brief.charts import ledger_chart
from watchfloor.brief.footnotes import note_text
from watchfloor.brief.maps import VIEWS, render_map
from watchfloor.brief.model import SECTIONS, Brief, Figure, Text
from watchfloor.brief.outlines import OUTLINE_SOURCE
from watchfloor.brief.sections import section_tables
from watchfloor.brief.tables import ADMIRALTY, Table, prose
from watchfloor.warnings import BANDS

__all__ = ["render_html"]


@functools.cache
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("watchfloor.brief", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["prose"] = _prose
    env.filters["table"] = _table
    return env


def _marker(figure: Figure) -> str:
    return f'<sup class="fn"><a href="#fn-{figure.note}">{figure.note}</a></sup>'


def _prose(text: Text) -> Markup:
    return Markup(prose(text, _marker, escape))


def _table(table: Table, cls: str = "") -> Markup:
    head = "".join(
        f'<th class="num">{escape(h)}</th>' if i in table.numeric else f"<th>{escape(h)}</th>"
        for i, h in enumerate(table.headers)
    )
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="num">{_prose(c)}</td>' if i in table.numeric else f"<td>{_prose(c)}</td>"
            for i, c in enumerate(row)
        )
        + "</tr>"
        for row in table.rows
    )
    return Markup(
        f'<table class="{escape(cls)}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
    )


def _maps(brief: Brief) -> list[tuple[str, Markup]]:
    return [
        (view.title, Markup(render_map(view, brief.sites, brief.tracks, brief.map_events)))
        for view in VIEWS
    ]


def render_html(brief: Brief) -> str:
    """The brief as one HTML document."""
    env = _environment()
    css = env.loader.get_source(env, "brief.css")[0] if env.loader else ""
    ledger_svg = (
        Markup(
            ledger_chart(
                brief.ledger.points,
                brief.ledger.flows,
                title=f"Present strength of {brief.ledger.actor} forces in "
                f"{brief.ledger.location.title()}, by month",
            )
        )
        if brief.ledger is not None
        else None
    )
    notes = [(n.number, *note_text(n)) for n in brief.footnotes]
    return env.get_template("brief.html.j2").render(
        brief=brief,
        css=Markup(css),
        sections=[(i, anchor, title) for i, (anchor, title) in enumerate(SECTIONS, start=1)],
        ledger_svg=ledger_svg,
        tables=section_tables(brief),
        maps=_maps(brief),
        notes=notes,
        admiralty=ADMIRALTY,
        bands=BANDS,
        outline_source=OUTLINE_SOURCE,
    )
