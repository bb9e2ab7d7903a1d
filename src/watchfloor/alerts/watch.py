"""Watch mode: ingest files as they land in an inbox, re-evaluate, raise and deliver alerts.

The loop (``watchfloor watch INBOX``):

1. at start, ingest what the inbox already holds (inputs already ingested are skipped by
   their sha256), then run an alert cycle (:func:`~watchfloor.alerts.cycle.run_cycle`);
2. wait for files to land (``watchfiles``: inotify, FSEvents..., polling where there is none);
   ingest each new or changed file on its own, so a bad one costs one line and nothing else;
3. after a batch that stored something, and at least every ``interval_s`` otherwise (posteriors
   move with the clock: evidence decays, windows close), run a cycle;
4. stop when ``stop`` is set (the CLI sets it on Ctrl-C): the file being ingested is finished
   (each input is one transaction), the files not yet started wait for the next start.

Hidden files and partial downloads (``.part``, ``.tmp``, ``.crdownload``, editor swap files)
are ignored; a file still growing is taken at the next change. Write files elsewhere and move
them in, and nothing is ever read half-written.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import watchfiles

from watchfloor.alerts.channels import Channel
from watchfloor.alerts.cycle import CycleReport, WarningsCore, run_cycle
from watchfloor.errors import WatchfloorError, WorkspaceError
from watchfloor.ingest import IngestSummary, ingest_paths
from watchfloor.workspace import Workspace

__all__ = ["WatchStats", "inbox_files", "watch_inbox"]

_PARTIAL = (".part", ".partial", ".tmp", ".crdownload", ".download", ".swp", "~")


@dataclass(slots=True)
class WatchStats:
    """Counters of one watch run (updated as it goes, readable from another thread).

    Attributes:
        files: Files handed to ingest.
        stored: Records stored from them.
        failed: Files that could not be ingested at all (each reported in one line).
        cycles: Alert cycles run.
        cycle_errors: Cycles that failed (each reported in one line).
        alerts: Alerts raised and stored.
        delivered: Deliveries made.
        delivery_failures: Deliveries that failed (the alerts stay stored).
    """

    files: int = 0
    stored: int = 0
    failed: int = 0
    cycles: int = 0
    cycle_errors: int = 0
    alerts: int = 0
    delivered: int = 0
    delivery_failures: int = 0
    failures: list[str] = field(default_factory=list)


def inbox_files(paths: Iterable[Path]) -> list[Path]:
    """The files among ``paths`` that watch mode ingests, sorted (folders are walked)."""
    found: set[Path] = set()
    for path in paths:
        candidates = path.rglob("*") if path.is_dir() else [path]
        found.update(p for p in candidates if p.is_file() and _wanted(p))
    return sorted(found)


def _wanted(path: Path) -> bool:
    name = path.name
    return not name.startswith(".") and not name.endswith(_PARTIAL)


def watch_inbox(
    workspace: Workspace,
    inbox: Path,
    channels: Sequence[Channel],
    *,
    stop: threading.Event,
    interval_s: float = 300.0,
    core: WarningsCore | None = None,
    log: Callable[[str], None] = print,
    on_cycle: Callable[[CycleReport], None] | None = None,
    settle_s: float = 0.2,
) -> WatchStats:
    """Watch ``inbox`` until ``stop`` is set; return what was done.

    Args:
        workspace: An open workspace.
        inbox: The folder files land in (walked recursively).
        channels: Where alerts are delivered.
        stop: Set it to stop (from a signal handler or another thread).
        interval_s: Run an alert cycle at least this often, files or not.
        core: The warnings functions (None: :mod:`watchfloor.warnings`).
        log: Called with each line to report (ingest results, errors).
        on_cycle: Called after each alert cycle.
        settle_s: A file whose size or time changes within this many seconds is still being
            written and is taken at its next change.

    Raises:
        WorkspaceError: ``inbox`` is not a folder, or holds the workspace itself.
    """
    inbox = inbox.expanduser().resolve()
    if not inbox.is_dir():
        raise WorkspaceError(f"{inbox}: expected an inbox folder, found none")
    if workspace.root.resolve().is_relative_to(inbox):
        raise WorkspaceError(
            f"{inbox}: the inbox holds the workspace {workspace.root}; watching it would "
            "ingest the database's own writes (use a folder such as WORKSPACE/inbox)"
        )
    stats = WatchStats()
    step = _Step(workspace, channels, stats, core, log, on_cycle, settle_s, stop)
    step.ingest(inbox_files([inbox]))
    if not stop.is_set():
        step.cycle()
    last_cycle = time.monotonic()
    # each quiet spell (at most 5 s) the inbox is listed again: a file that landed before the
    # watcher started, or whose notification was lost (network file systems), is still seen
    for changes in watchfiles.watch(
        inbox,
        watch_filter=lambda change, path: (
            change != watchfiles.Change.deleted and _wanted(Path(path))
        ),
        stop_event=stop,
        rust_timeout=max(50, int(min(interval_s, 5.0) * 1000)),
        yield_on_timeout=True,
        raise_interrupt=False,
        debounce=800,
    ):
        if stop.is_set():
            break
        landed = [Path(path) for _change, path in changes] if changes else [inbox]
        stored = step.ingest(inbox_files(landed))
        if stop.is_set():
            break
        if stored or time.monotonic() - last_cycle >= interval_s:
            step.cycle()
            last_cycle = time.monotonic()
    return stats


@dataclass(slots=True)
class _Step:
    """The two things the loop does, each one reporting and surviving its own failures."""

    workspace: Workspace
    channels: Sequence[Channel]
    stats: WatchStats
    core: WarningsCore | None
    log: Callable[[str], None]
    on_cycle: Callable[[CycleReport], None] | None
    settle_s: float
    stop: threading.Event
    seen: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def ingest(self, files: Sequence[Path]) -> int:
        """Ingest those of ``files`` not seen as they are now, one by one; return records stored."""
        fresh = [p for p in files if _signature(p) not in (None, self.seen.get(p))]
        stored = 0
        for path in _settled(fresh, self.settle_s):
            if self.stop.is_set():
                break
            signature = _signature(path)
            if signature is not None:
                self.seen[path] = signature  # a failed file is reported once, until it changes
            self.stats.files += 1
            try:
                summary = ingest_paths(self.workspace, [path])
            except Exception as exc:  # a bad file must not end the watch: report it, go on
                self.stats.failed += 1
                line = f"{path}: not ingested: {_one_line(exc)}"
                self.stats.failures.append(line)
                self.log(line)
                continue
            stored += summary.total.stored
            self.stats.stored += summary.total.stored
            self.log(_summary_line(path, summary))
            for message in summary.messages:
                self.log(f"  {message}")
        return stored

    def cycle(self) -> None:
        """Run one alert cycle; a failure is reported and the loop goes on."""
        self.stats.cycles += 1
        try:
            report = run_cycle(self.workspace, self.channels, core=self.core, log=self.log)
        except Exception as exc:  # the next cycle may succeed (a locked DB, a bad config)
            self.stats.cycle_errors += 1
            line = f"alert cycle failed: {_one_line(exc)}"
            self.stats.failures.append(line)
            self.log(line)
            return
        self.stats.alerts += len(report.raised)
        self.stats.delivered += len(report.delivery.delivered)
        self.stats.delivery_failures += len(report.delivery.failed)
        if self.on_cycle is not None:
            self.on_cycle(report)


def _settled(files: Sequence[Path], settle_s: float) -> list[Path]:
    """The ``files`` that exist and did not change over ``settle_s`` seconds (one wait)."""
    if not files:
        return []
    before = {path: _signature(path) for path in files}
    time.sleep(settle_s)
    return [p for p in files if before[p] is not None and _signature(p) == before[p]]


def _signature(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_size, stat.st_mtime_ns


def _summary_line(path: Path, summary: IngestSummary) -> str:
    total = summary.total
    kinds = ", ".join(sorted(summary.kinds)) or "nothing"
    return (
        f"{path.name}: {kinds}: {total.stored} stored, {total.duplicate} duplicate, "
        f"{total.rejected} quarantined"
    )


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if isinstance(exc, WatchfloorError) else f"{type(exc).__name__}: {text}"
