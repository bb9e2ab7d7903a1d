"""``watchfloor fetch``: poll the feeds of ``watch.yaml`` and ingest what is new."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from watchfloor.cli.output import emit_json
from watchfloor.workspace import Workspace, default_root

__all__ = ["add_fetch", "cmd_fetch"]


def add_fetch(sub: Any) -> None:
    """Register ``fetch`` on the subcommand parser."""
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--workspace", metavar="DIR", default=argparse.SUPPRESS, help="the workspace folder"
    )
    parent.add_argument("--json", action="store_true", help="print JSON")
    p = sub.add_parser("fetch", parents=[parent], help="poll the feeds in watch.yaml")
    p.set_defaults(handler=cmd_fetch)


def cmd_fetch(args: argparse.Namespace) -> int:
    """Poll every feed once; print a line per feed (ingest's notes go to stderr)."""
    # Imported here: httpx and the feed parser are needed by this command only.
    from watchfloor.ingest.poll import poll_feeds

    ws = Workspace.open(default_root(getattr(args, "workspace", None)))
    try:
        summary = poll_feeds(ws)
    finally:
        ws.close()
    if args.json:
        emit_json(
            {
                "feeds": [
                    {
                        "name": f.name,
                        "status": f.status,
                        "message": f.message,
                        "path": str(f.path) if f.path else None,
                        "read": f.read,
                        "stored": f.stored,
                        "rejected": f.rejected,
                    }
                    for f in summary.feeds
                ],
                "messages": summary.messages,
            }
        )
        return 0
    for message in summary.messages:
        print(message, file=sys.stderr)
    if not summary.feeds:
        print("no feeds in watch.yaml (add a 'feeds' list; see docs/watch-yaml.md)")
    for outcome in summary.feeds:
        print(outcome.message)
    return 0
