"""``alerts`` (list, deliver, evaluate once) and ``watch INBOX`` (``docs/alerts.md``)."""

from __future__ import annotations

import argparse
import datetime as dt
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any

from rich.console import Console

from watchfloor.cli.listing import open_workspace
from watchfloor.cli.output import emit_json, emit_table

if TYPE_CHECKING:
    from watchfloor.alerts import StoredAlert

__all__ = ["add_alerts", "add_watch", "cmd_alerts", "cmd_watch"]


def _day(text: str) -> dt.datetime:
    try:
        return dt.datetime.combine(dt.date.fromisoformat(text), dt.time(), dt.UTC)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"expected a date like 2025-06-10, got {text!r}") from exc


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 1.0 <= value <= 86_400.0:
        raise argparse.ArgumentTypeError(f"expected seconds between 1 and 86400, got {text!r}")
    return value


def add_alerts(sub: Any) -> None:
    """Register ``alerts``."""
    p = sub.add_parser("alerts", help="stored alerts; deliver or raise them")
    p.add_argument("--workspace", metavar="DIR", default=argparse.SUPPRESS)
    p.add_argument("--since", type=_day, metavar="YYYY-MM-DD", help="alerts raised from then on")
    action = p.add_mutually_exclusive_group()
    action.add_argument(
        "--deliver", action="store_true", help="deliver pending alerts to the channels first"
    )
    action.add_argument(
        "--evaluate",
        action="store_true",
        help="evaluate the warnings now, raise, record and deliver alerts first",
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=cmd_alerts)


def cmd_alerts(args: argparse.Namespace) -> int:
    """List stored alerts, oldest first, with what each channel did with them."""
    # imported here: the warnings core pulls in the estimate machinery, slow to load
    from watchfloor.alerts import channels_from_config, deliver_pending, run_cycle, stored_alerts

    ws = open_workspace(args)
    try:
        if args.deliver or args.evaluate:
            # with --json the terminal channel prints to stderr: stdout stays JSON
            console = Console(stderr=args.json)
            channels = channels_from_config(ws.config.alerts, ws.root, console=console)
            if args.evaluate:
                report = run_cycle(ws, channels, log=_err)
                delivery = report.delivery
                _err(f"{len(report.raised)} new alert(s) raised")
            else:
                delivery = deliver_pending(
                    ws.store, channels, retry_hours=ws.config.alerts.retry_hours, log=_err
                )
            _err(f"{len(delivery.delivered)} delivered, {len(delivery.failed)} failed")
        rows = stored_alerts(ws.store, since=args.since)
    finally:
        ws.close()
    if args.json:
        emit_json([_as_json(row) for row in rows])
        return 0
    emit_table(
        [_as_row(row) for row in rows],
        ["raised_at", "level", "as_of", "title", "delivered", "failing"],
        empty="no alerts",
    )
    return 0


def _as_json(stored: StoredAlert) -> dict[str, Any]:
    alert = stored.alert.to_json()
    alert["id"] = stored.id
    alert["delivery"] = {name: d.to_json() for name, d in stored.deliveries.items()}
    return alert


def _as_row(stored: StoredAlert) -> dict[str, Any]:
    alert = stored.alert
    done = [n for n, d in stored.deliveries.items() if d.delivered_at is not None]
    failing = [n for n, d in stored.deliveries.items() if d.delivered_at is None]
    return {
        "raised_at": alert.raised_at,
        "level": alert.level,
        "as_of": alert.as_of,
        "title": alert.title,
        "delivered": sorted(done),
        "failing": sorted(failing),
    }


def add_watch(sub: Any) -> None:
    """Register ``watch``."""
    p = sub.add_parser("watch", help="ingest files as they land, raise and deliver alerts")
    p.add_argument("inbox", type=Path, metavar="INBOX", help="the folder files land in")
    p.add_argument("--workspace", metavar="DIR", default=argparse.SUPPRESS)
    p.add_argument(
        "--interval",
        type=_seconds,
        default=300.0,
        metavar="S",
        help="re-evaluate at least every S seconds (default 300)",
    )
    p.set_defaults(handler=cmd_watch)


def cmd_watch(args: argparse.Namespace) -> int:
    """Watch ``INBOX`` until Ctrl-C; exit 0 once the step in progress is finished."""
    from watchfloor.alerts import channels_from_config, watch_inbox

    stop = threading.Event()
    ws = open_workspace(args)
    try:
        channels = channels_from_config(ws.config.alerts, ws.root)
        _err(f"watching {args.inbox.resolve()} (Ctrl-C stops)")
        with _stop_on_signals(stop):
            stats = watch_inbox(
                ws, args.inbox, channels, stop=stop, interval_s=args.interval, log=_err
            )
    finally:
        ws.close()
    _err(
        f"stopped: {stats.files} file(s), {stats.stored} record(s) stored, {stats.failed} "
        f"failed; {stats.alerts} alert(s) raised, {stats.delivered} delivered, "
        f"{stats.delivery_failures} delivery failure(s)"
    )
    return 0


@contextmanager
def _stop_on_signals(stop: threading.Event) -> Iterator[None]:
    """SIGINT and SIGTERM set ``stop``; a second Ctrl-C interrupts at once."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, _frame: FrameType | None) -> None:
        if stop.is_set() and signum == signal.SIGINT:
            raise KeyboardInterrupt  # the impatient second Ctrl-C: the input rolls back
        stop.set()
        _err("stopping after the current step (Ctrl-C again to abort it)")

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def _err(line: str) -> None:
    print(line, file=sys.stderr, flush=True)
