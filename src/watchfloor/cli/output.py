"""Printing listings: aligned tables for people, JSON for programs (``--json``)."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Mapping, Sequence
from typing import Any, TextIO

from rich.console import Console
from rich.table import Table

__all__ = ["emit_json", "emit_table", "json_default"]


def json_default(value: object) -> Any:
    """Make datetimes, dates and sets JSON-friendly (UTC times end in ``Z``)."""
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    raise TypeError(f"not JSON serializable: {type(value).__name__}")


def emit_json(data: object, stream: TextIO | None = None) -> None:
    """Write ``data`` as indented JSON followed by a newline."""
    out = stream or sys.stdout
    out.write(json.dumps(data, default=json_default, indent=2, ensure_ascii=False) + "\n")


def emit_table(
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[str],
    *,
    title: str | None = None,
    empty: str = "nothing to show",
) -> None:
    """Print ``rows`` as a table of ``columns`` (or ``empty`` when there are none)."""
    console = Console(soft_wrap=False)
    if not console.is_terminal:
        console.width = max(console.width, 120)  # pipes and CI logs: no terminal to fit
    if not rows:
        console.print(empty, highlight=False)
        return
    table = Table(title=title, show_edge=False, header_style="bold")
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(_cell(row.get(c)) for c in columns))
    console.print(table)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)
