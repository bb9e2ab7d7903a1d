"""Shared shape of the listing commands: open the workspace, read, print table or JSON."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from watchfloor.cli.output import emit_json, emit_table
from watchfloor.store import Store
from watchfloor.workspace import Workspace, default_root

__all__ = ["open_workspace", "query", "show"]


def open_workspace(args: argparse.Namespace) -> Workspace:
    """The workspace named by ``--workspace``, ``$WATCHFLOOR_HOME`` or the default."""
    return Workspace.open(default_root(getattr(args, "workspace", None)))


def query(
    args: argparse.Namespace, read: Callable[[Store], list[dict[str, Any]]]
) -> list[dict[str, Any]]:
    """Open the workspace named by ``args``, run one read on its store, and close it."""
    ws = open_workspace(args)
    try:
        return read(ws.store)
    finally:
        ws.close()


def show(
    args: argparse.Namespace,
    rows: list[dict[str, Any]],
    columns: list[str],
    *,
    empty: str = "nothing to show",
) -> None:
    """Print ``rows`` as JSON with ``--json``, else as a table of ``columns``."""
    if args.json:
        emit_json(rows)
    else:
        emit_table(rows, columns, empty=empty)
