"""The docs describe what exists: every CLI command is documented."""

from __future__ import annotations

import argparse
from pathlib import Path

from watchfloor.cli.main import build_parser

DOCS = Path(__file__).resolve().parents[1] / "docs"


def test_every_command_is_in_the_cli_reference() -> None:
    """docs/cli.md has a row for each subcommand the parser knows."""
    parser = build_parser()
    [sub] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    missing = [name for name in sub.choices if f"| `{name}" not in text]
    assert missing == []


def test_every_table_is_in_the_architecture_doc() -> None:
    """docs/architecture.md lists each table of the schema."""
    from watchfloor.store.schema import metadata

    text = (DOCS / "architecture.md").read_text(encoding="utf-8")
    missing = [name for name in metadata.tables if f"| `{name}` |" not in text]
    assert missing == []
