"""The subcommands. Each ``add_*`` function registers one on the parser."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

from watchfloor.cli.adsb import add_adsb
from watchfloor.cli.ais import add_ais
from watchfloor.cli.alerts import add_alerts, add_watch
from watchfloor.cli.brief import add_brief
from watchfloor.cli.claims import add_claims, add_eval
from watchfloor.cli.estimates import add_estimate, add_ledger, add_origins
from watchfloor.cli.events import add_events
from watchfloor.cli.fetch import add_fetch
from watchfloor.cli.flights import add_flights
from watchfloor.cli.imagery import add_imagery
from watchfloor.cli.listing import open_workspace, query, show
from watchfloor.cli.output import emit_json, emit_table
from watchfloor.cli.warnings import add_ach, add_warnings
from watchfloor.config import load_config
from watchfloor.ingest import KINDS, IngestSummary, ingest_paths
from watchfloor.sources import InputFile, expand_paths
from watchfloor.store import (
    list_documents,
    list_observations,
    list_quarantine,
    list_sources,
    redact_url,
)
from watchfloor.workspace import Workspace, default_root

__all__ = ["REGISTRY", "print_summary"]


def _common(json_flag: bool = False) -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--workspace", metavar="DIR", default=argparse.SUPPRESS, help="the workspace folder"
    )
    if json_flag:
        parent.add_argument("--json", action="store_true", help="print JSON")
    return parent


# -- init / status -----------------------------------------------------------------------


def add_init(sub: Any) -> None:
    p = sub.add_parser("init", parents=[_common()], help="create (or migrate) a workspace")
    p.add_argument(
        "--db-url",
        metavar="URL",
        help="knowledge DB on a server, e.g. postgresql://user@host/db (default: SQLite file)",
    )
    p.set_defaults(handler=cmd_init)


def cmd_init(args: argparse.Namespace) -> int:
    """Create a workspace, or bring an existing one up to date."""
    root = default_root(getattr(args, "workspace", None))
    ws = Workspace.init(root, db_url=args.db_url)
    try:
        if ws.created:
            print(f"created workspace {ws.root} (database {_db_label(ws)})")
        elif ws.migrated_from:
            revision = ws.store.revision()
            print(f"workspace {ws.root} migrated from schema {ws.migrated_from} to {revision}")
        else:
            print(f"workspace {ws.root} already exists and is up to date")
    finally:
        ws.close()
    return 0


def add_status(sub: Any) -> None:
    p = sub.add_parser("status", parents=[_common(True)], help="workspace, database and counts")
    p.set_defaults(handler=cmd_status)


def cmd_status(args: argparse.Namespace) -> int:
    """Show the workspace, its database and how much evidence it holds."""
    ws = open_workspace(args)
    try:
        counts = ws.store.counts()
        info: dict[str, object] = {
            "workspace": str(ws.root),
            "database": _db_label(ws),
            "schema": ws.store.revision(),
            "sites": len(ws.config.sites),
            "counts": counts,
        }
    finally:
        ws.close()
    if args.json:
        emit_json(info)
        return 0
    print(f"workspace  {info['workspace']}")
    print(f"database   {info['database']} (schema {info['schema']})")
    emit_table([{"table": k, "rows": v} for k, v in counts.items()], ["table", "rows"])
    return 0


def _db_label(ws: Workspace) -> str:
    return redact_url(ws.store.url)


# -- listings ------------------------------------------------------------------------------


def add_sources(sub: Any) -> None:
    p = sub.add_parser("sources", parents=[_common(True)], help="sources and their grades")
    p.set_defaults(handler=cmd_sources)


def cmd_sources(args: argparse.Namespace) -> int:
    """List sources with their Admiralty reliability and document counts."""
    rows = query(args, list_sources)
    show(args, rows, ["name", "kind", "country", "reliability", "documents", "aliases"])
    return 0


def add_quarantine(sub: Any) -> None:
    p = sub.add_parser("quarantine", parents=[_common(True)], help="records refused at ingest")
    p.add_argument("--limit", type=int, default=None, help="show at most N records")
    p.set_defaults(handler=cmd_quarantine)


def cmd_quarantine(args: argparse.Namespace) -> int:
    """List quarantined records: where they were, why, and their raw text."""
    rows = query(args, lambda store: list_quarantine(store, limit=args.limit))
    if not args.json:
        for row in rows:
            where = f"{row['input_name']}:{row['line']}" if row["line"] else row["input_name"]
            row["where"], row["raw"] = where, str(row["raw"])[:60]
    show(args, rows, ["id", "kind", "where", "reason", "raw"], empty="quarantine is empty")
    return 0


def add_documents(sub: Any) -> None:
    p = sub.add_parser("documents", parents=[_common(True)], help="stored reports")
    p.set_defaults(handler=cmd_documents)


def cmd_documents(args: argparse.Namespace) -> int:
    """List stored reports in publication order."""
    rows = query(args, list_documents)
    show(args, rows, ["id", "published_at", "source", "reliability", "title"], empty="no documents")
    return 0


def add_observations(sub: Any) -> None:
    p = sub.add_parser("observations", parents=[_common(True)], help="imagery observations")
    p.add_argument("--site", help="only this site id")
    p.set_defaults(handler=cmd_observations)


def cmd_observations(args: argparse.Namespace) -> int:
    """List imagery observations in time order."""
    rows = query(args, lambda store: list_observations(store, site=args.site))
    columns = ["observed_at", "site_id", "object_class", "count", "sensor", "observer"]
    show(args, rows, columns, empty="no observations")
    return 0


# -- ingest --------------------------------------------------------------------------------


def add_ingest(sub: Any) -> None:
    p = sub.add_parser("ingest", parents=[_common(True)], help="ingest files and folders")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    p.add_argument("--kind", default="auto", choices=["auto", *KINDS])
    p.add_argument("--source", metavar="NAME", help="attribute every record to this source")
    p.add_argument("--strict", action="store_true", help="stop at the first bad record")
    p.set_defaults(handler=cmd_ingest)


def cmd_ingest(args: argparse.Namespace) -> int:
    """Ingest inputs and print what was stored, skipped and refused."""
    ws = open_workspace(args)
    try:
        summary = run_ingest(ws, args.paths, kind=args.kind, source=args.source, strict=args.strict)
    finally:
        ws.close()
    if args.json:
        emit_json(
            {
                "kinds": {k: vars_of(v) for k, v in summary.kinds.items()},
                "messages": summary.messages,
            }
        )
    else:
        print_summary(summary)
    return 0


def vars_of(counts: object) -> dict[str, int]:
    """The counters of a :class:`~watchfloor.ingest.KindCounts` as a dict."""
    return {
        k: int(getattr(counts, k)) for k in ("inputs", "read", "stored", "duplicate", "rejected")
    }


def run_ingest(
    ws: Workspace,
    paths: list[Path],
    *,
    kind: str = "auto",
    source: str | None = None,
    strict: bool = False,
) -> IngestSummary:
    """Ingest with a progress bar on stderr when it is a terminal and the run is long."""
    inputs = list(expand_paths(paths))
    total = sum(i.path.stat().st_size for i in inputs)
    show = sys.stderr.isatty() and (len(inputs) > 20 or total > 20_000_000)
    with Progress(
        TextColumn("ingest"),
        BarColumn(),
        DownloadColumn(),
        TimeRemainingColumn(),
        transient=True,
        disable=not show,
    ) as bar:
        task = bar.add_task("ingest", total=total)

        def advance(_item: InputFile, size: int) -> None:
            bar.advance(task, size)

        return ingest_paths(ws, paths, kind=kind, source=source, strict=strict, progress=advance)


def print_summary(summary: IngestSummary) -> None:
    """Print the notable events of a run and a per-kind table of counts."""
    for message in summary.messages:
        print(message, file=sys.stderr)
    rows = [{"kind": k, **vars_of(v)} for k, v in sorted(summary.kinds.items())]
    if len(rows) > 1:
        rows.append({"kind": "total", **vars_of(summary.total)})
    emit_table(
        rows, ["kind", "inputs", "read", "stored", "duplicate", "rejected"], empty="no inputs"
    )


# -- config ----------------------------------------------------------------------------------


def add_config(sub: Any) -> None:
    p = sub.add_parser("config", parents=[_common()], help="check a watch.yaml")
    p.add_argument("file", nargs="?", type=Path, help="the file (default: the workspace's)")
    p.set_defaults(handler=cmd_config)


def cmd_config(args: argparse.Namespace) -> int:
    """Validate a ``watch.yaml`` and say what it holds."""
    path = args.file or default_root(getattr(args, "workspace", None)) / "watch.yaml"
    config = load_config(path)
    print(
        f"{path}: valid ({len(config.sites)} sites, {len(config.vessels)} vessels, "
        f"{len(config.aircraft)} aircraft, {len(config.sources)} sources)"
    )
    return 0


def add_demo(sub: Any) -> None:
    p = sub.add_parser(
        "demo", parents=[_common()], help="build a fresh workspace from the bundled scenario"
    )
    p.set_defaults(handler=cmd_demo)


def cmd_demo(args: argparse.Namespace) -> int:
    """Run the bundled Korea-Russia scenario end to end in a fresh workspace."""
    from watchfloor.scenarios.demo import run_demo

    root = Path(getattr(args, "workspace", None) or "demo-workspace")
    return run_demo(root)


REGISTRY: tuple[Callable[[Any], None], ...] = (
    add_init,
    add_status,
    add_ingest,
    add_fetch,
    add_sources,
    add_documents,
    add_observations,
    add_quarantine,
    add_config,
    add_demo,
    add_claims,
    add_origins,
    add_estimate,
    add_ledger,
    add_eval,
    add_ais,
    add_imagery,
    add_adsb,
    add_events,
    add_flights,
    add_warnings,
    add_ach,
    add_alerts,
    add_watch,
    add_brief,
)
