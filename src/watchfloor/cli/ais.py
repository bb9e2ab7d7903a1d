"""``watchfloor ais decode FILE``: AIS messages as gpsd-named JSON, no workspace needed."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from watchfloor.ais import decode_csv, iter_messages, merge_type24
from watchfloor.cli.output import emit_table, json_default
from watchfloor.errors import DecodeError
from watchfloor.sources import read_input

__all__ = ["add_ais"]


def add_ais(sub: Any) -> None:
    """Register ``ais decode``."""
    p = sub.add_parser("ais", help="AIS tools")
    actions = p.add_subparsers(dest="ais_action", metavar="ACTION", required=True)
    d = actions.add_parser("decode", help="decode an NMEA log or CSV export")
    d.add_argument("file", type=Path)
    d.add_argument("--json", action="store_true", help="one JSON object per message")
    d.add_argument("--errors", action="store_true", help="also print bad lines (stderr)")
    d.set_defaults(handler=cmd_decode)


def cmd_decode(args: argparse.Namespace) -> int:
    """Decode every message of a file; bad lines are counted (and shown with --errors)."""
    path: Path = args.file
    data = read_input(path)
    first = data.lstrip()[:4096].split(b"\n", 1)[0].lower()
    if b"mmsi" in first and b"," in first:
        batch = decode_csv(data, str(path))
        records: list[dict[str, Any] | DecodeError] = [*batch.positions.to_pylist(), *batch.errors]
    else:
        records = list(merge_type24(iter_messages(data, str(path))))
    errors = [r for r in records if isinstance(r, DecodeError)]
    messages = [r for r in records if not isinstance(r, DecodeError)]
    if args.json:
        for message in messages:
            sys.stdout.write(json.dumps(message, default=json_default) + "\n")
    else:
        by_type = Counter(m.get("type", m.get("msg_type")) for m in messages)
        rows = [
            {"type": t, "messages": n}
            for t, n in sorted(by_type.items(), key=lambda kv: str(kv[0]))
        ]
        emit_table(rows, ["type", "messages"], title=f"{path}: {len(messages)} messages")
    if args.errors:
        for error in errors:
            print(f"{path}:{error.line}: {error.reason}", file=sys.stderr)
    print(f"{path}: {len(messages)} messages, {len(errors)} bad line(s)", file=sys.stderr)
    return 0
