"""``watchfloor brief``: the brief an analyst sends up the chain, as text, Markdown or HTML."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from watchfloor.brief import evaluate_board, gather_brief
from watchfloor.brief.render_html import render_html
from watchfloor.brief.render_md import render_markdown
from watchfloor.brief.render_text import render_text
from watchfloor.cli.listing import open_workspace
from watchfloor.errors import WatchfloorError

__all__ = ["add_brief", "cmd_brief"]

_RENDERERS = {"text": render_text, "md": render_markdown, "html": render_html}
_SUFFIXES = {".html": "html", ".htm": "html", ".md": "md", ".markdown": "md"}


def _as_of(text: str) -> dt.datetime:
    try:
        day = dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"expected a date like 2025-07-10, got {text!r}") from exc
    return dt.datetime.combine(day, dt.time(23, 59, 59), tzinfo=dt.UTC)


def add_brief(sub: Any) -> None:
    """Register ``brief``."""
    p = sub.add_parser(
        "brief", help="the brief: judgments, estimates, ledger, board, timeline, map, sources"
    )
    p.add_argument("--workspace", metavar="DIR", default=argparse.SUPPRESS)
    p.add_argument(
        "--format",
        choices=sorted(_RENDERERS),
        help="text, md or html (default: from the suffix of -o, else text)",
    )
    p.add_argument("-o", "--output", type=Path, metavar="FILE", help="write here, not stdout")
    p.add_argument(
        "--as-of", type=_as_of, metavar="YYYY-MM-DD", help="only evidence up to the end of then"
    )
    p.add_argument("--title", help="the brief's title")
    p.set_defaults(handler=cmd_brief)


def cmd_brief(args: argparse.Namespace) -> int:
    """Gather the brief, render it, and print it or write it to ``-o``."""
    output: Path | None = args.output
    fmt = args.format or (_SUFFIXES.get(output.suffix.casefold(), "text") if output else "text")
    ws = open_workspace(args)
    try:
        brief = gather_brief(ws, as_of=args.as_of, evaluate=evaluate_board, title=args.title)
    finally:
        ws.close()
    text = _RENDERERS[fmt](brief)
    if output is None:
        sys.stdout.write(text)
        return 0
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise WatchfloorError(f"{output}: cannot write the brief ({exc.strerror})") from exc
    print(
        f"wrote {output} ({fmt}, {len(text.encode()):,} bytes, {len(brief.footnotes)} notes, "
        f"as of {brief.as_of:%Y-%m-%d %H:%M} UTC)"
    )
    return 0
