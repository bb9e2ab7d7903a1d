"""Watch mode: files landing in an inbox are ingested, alerts raised, bad files survived."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from alerts_helpers import board, fake_core
from watchfloor.alerts import Alert, watch_inbox
from watchfloor.alerts import watch as watch_module
from watchfloor.errors import WorkspaceError
from watchfloor.store import list_documents, list_quarantine
from watchfloor.warnings.board import Board
from watchfloor.workspace import Workspace

REPORT = """---
title: "North Korea readies {n} more troops for Russia, Seoul says"
outlet: Yonhap
published: 2025-06-{day:02d}T09:00:00Z
---
North Korea is preparing to send {n} more troops to Russia, South Korea's National
Intelligence Service told lawmakers on {weekday}.
"""


@dataclass
class Recorder:
    """A channel that keeps what it is sent."""

    sent: list[Alert] = field(default_factory=list)
    name: str = "recorder"
    min_level: str = "info"

    def send(self, alert: Alert) -> None:
        """Keep ``alert``."""
        self.sent.append(alert)


def _until(condition: Callable[[], bool], timeout_s: float = 30.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.05)


def _evaluate_by_documents(ws: Workspace, as_of: dt.datetime | None) -> Board:
    """The posterior is 0.3 with no reports and 0.7 with any: a report raises a band alert."""
    documents = len(list_documents(ws.store))
    evaluated = board(0, 0.7 if documents else 0.3)
    return Board(as_of=as_of or dt.datetime.now(dt.UTC), hypotheses=evaluated.hypotheses)


def test_files_landing_are_ingested_alerted_and_bad_ones_survived(
    sqlite_workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A report raises an alert; a malformed file is quarantined; a crashing one is reported."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    real_ingest = watch_module.ingest_paths

    def ingest(workspace: Workspace, paths: list[Path]) -> object:
        if paths[0].name == "boom.md":
            raise RuntimeError("decoder crashed")
        return real_ingest(workspace, paths)

    monkeypatch.setattr(watch_module, "ingest_paths", ingest)
    recorder, lines, stop = Recorder(), [], threading.Event()
    result: list[object] = []

    def run() -> None:
        result.append(
            watch_inbox(
                sqlite_workspace,
                inbox,
                [recorder],
                stop=stop,
                interval_s=1.0,
                core=fake_core(_evaluate_by_documents),
                log=lines.append,
                settle_s=0.05,
            )
        )

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    (inbox / "a.md").write_text(REPORT.format(n="2,000", day=3, weekday="Tuesday"), "utf-8")
    _until(lambda: any(a.kind == "band" for a in recorder.sent))
    [alert] = recorder.sent
    assert alert.key.startswith("band:new-wave:likely:")

    (inbox / "bad.md").write_text("---\npublished: yesterday\n---\nText.\n", "utf-8")
    (inbox / "boom.md").write_text("anything", "utf-8")
    _until(lambda: any("boom.md: not ingested: RuntimeError" in line for line in lines))
    _until(lambda: len(list_quarantine(sqlite_workspace.store)) >= 1)

    (inbox / "b.md").write_text(REPORT.format(n="3,000", day=9, weekday="Monday"), "utf-8")
    (inbox / ".partial.md").write_text("hidden: not taken", "utf-8")
    _until(lambda: len(list_documents(sqlite_workspace.store)) == 2)
    assert thread.is_alive()

    stop.set()
    thread.join(timeout=15)
    assert not thread.is_alive()
    [stats] = result
    assert stats.failed == 1  # type: ignore[attr-defined]
    assert stats.alerts == 1  # type: ignore[attr-defined]
    assert len(recorder.sent) == 1  # the second report raised nothing new
    assert not any(".partial.md" in line for line in lines)


def test_the_inbox_must_not_hold_the_workspace(sqlite_workspace: Workspace) -> None:
    """Watching a folder that holds the workspace is refused (it would ingest its own DB)."""
    with pytest.raises(WorkspaceError, match="holds the workspace"):
        watch_inbox(sqlite_workspace, sqlite_workspace.root.parent, [], stop=threading.Event())


def test_watch_command_stops_cleanly_on_ctrl_c(tmp_path: Path) -> None:
    """`watchfloor watch` ingests a dropped file, then SIGINT ends it with exit code 0."""
    workspace, inbox = tmp_path / "ws", tmp_path / "inbox"
    inbox.mkdir()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    Workspace.init(workspace).close()
    err: list[str] = []
    with subprocess.Popen(
        [sys.executable, "-m", "watchfloor", "--workspace", str(workspace), "watch", str(inbox)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    ) as process:
        assert process.stderr is not None
        stream = process.stderr
        reader = threading.Thread(target=lambda: err.extend(iter(stream.readline, "")))
        reader.start()
        try:
            _until(lambda: any(line.startswith("watching ") for line in err), 60)
            report = REPORT.format(n="2,000", day=3, weekday="Tuesday")
            (inbox / "a.md").write_text(report, "utf-8")
            _until(lambda: any("a.md: report: 1 stored" in line for line in err), 60)
            process.send_signal(signal.SIGINT)
            code = process.wait(timeout=30)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
            reader.join(timeout=5)
    assert code == 0, "".join(err)
    assert any(line.startswith("stopped: 1 file(s), 1 record(s) stored") for line in err), err
