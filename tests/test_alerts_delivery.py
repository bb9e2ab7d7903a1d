"""Storing alerts once and delivering them at least once per channel, recorded."""

from __future__ import annotations

import datetime as dt
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from rich.console import Console

from alerts_helpers import T0, Desk, board, indicator, link
from watchfloor.alerts import (
    Alert,
    Backoff,
    DeliveryError,
    JsonLinesFile,
    Terminal,
    channels_from_config,
    deliver_pending,
    store_alerts,
    stored_alerts,
    with_retries,
)
from watchfloor.config.model import AlertsConfig, EmailChannel
from watchfloor.errors import ConfigError
from watchfloor.workspace import Workspace


def _alerts() -> list[Alert]:
    """Two alerts: a band entry (warning) and a heavy indicator observed (warning)."""
    seen = indicator(state="observed", log_lr=1.2, evidence=[link()])
    return Desk().cycle(board(2, 0.62, [seen]))


@dataclass
class Flaky:
    """A channel that fails while ``failures`` lasts, then delivers."""

    failures: list[DeliveryError] = field(default_factory=list)
    sent: list[str] = field(default_factory=list)
    name: str = "flaky"
    min_level: str = "info"

    def send(self, alert: Alert) -> None:
        """Fail with the next scripted error, or keep the alert."""
        if self.failures:
            raise self.failures.pop(0)
        self.sent.append(alert.key)


def _clock() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def test_alerts_are_stored_once_and_read_back(workspace: Workspace) -> None:
    """Storing the same alerts twice stores them once; they read back field for field."""
    alerts = _alerts()
    assert len(store_alerts(workspace.store, alerts)) == 2
    assert store_alerts(workspace.store, alerts) == []
    back = stored_alerts(workspace.store)
    assert [s.alert.key for s in back] == [a.key for a in alerts]
    first = back[0].alert
    assert (first.kind, first.level, first.title, first.body, first.as_of) == (
        alerts[0].kind,
        alerts[0].level,
        alerts[0].title,
        alerts[0].body,
        alerts[0].as_of,
    )
    assert workspace.store.counts()["alerts"] == 2


def test_json_lines_file_gets_each_alert_once(sqlite_workspace: Workspace, tmp_path: Path) -> None:
    """Two delivery passes append one line per alert; the lines carry key and evidence."""
    store_alerts(sqlite_workspace.store, _alerts())
    out = tmp_path / "out" / "alerts.jsonl"
    channel = JsonLinesFile(out)
    first = deliver_pending(sqlite_workspace.store, [channel])
    second = deliver_pending(sqlite_workspace.store, [channel])
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(first.delivered) == 2
    assert second.delivered == ()
    assert [line["key"] for line in lines] == [a.key for a in _alerts()]
    refs = [e["ref"] for e in lines[1]["payload"]["evidence"]]
    assert refs == ["event:dark_transit:412345678:2025-06-02"]
    assert "delivery" not in lines[0]["payload"]
    assert all(s.delivered("jsonl") for s in stored_alerts(sqlite_workspace.store))


def test_a_failing_channel_keeps_the_alert_and_records_the_failure(
    workspace: Workspace,
) -> None:
    """A transient failure leaves the alert stored and pending; the next pass delivers it."""
    store = workspace.store
    store_alerts(store, _alerts())
    flaky = Flaky([DeliveryError("endpoint down", transient=True)])
    steady = Flaky(name="steady")
    failures: list[str] = []
    report = deliver_pending(store, [flaky, steady], log=failures.append)
    assert report.failed == ((("flaky", _alerts()[0].key, "endpoint down"),))
    assert flaky.sent == []  # the channel was left alone for the rest of the pass
    assert len(steady.sent) == 2  # another channel is not held up
    assert failures == [f"alert {_alerts()[0].key} not delivered to flaky: endpoint down"]
    [first, second] = stored_alerts(store)
    record = first.deliveries["flaky"]
    assert (record.attempts, record.delivered_at, record.error) == (1, None, "endpoint down")
    assert "flaky" not in second.deliveries
    again = deliver_pending(store, [flaky, steady])
    assert sorted(again.delivered) == sorted(("flaky", a.key) for a in _alerts())
    assert stored_alerts(store)[0].deliveries["flaky"].attempts == 2
    assert deliver_pending(store, [flaky, steady]).delivered == ()


def test_a_permanent_failure_does_not_hold_up_the_next_alert(sqlite_workspace: Workspace) -> None:
    """A refused alert is recorded as failed, and the channel goes on to the next one."""
    store_alerts(sqlite_workspace.store, _alerts())
    flaky = Flaky([DeliveryError("413 too large", transient=False)])
    report = deliver_pending(sqlite_workspace.store, [flaky])
    assert len(report.failed) == 1
    assert flaky.sent == [_alerts()[1].key]


def test_channels_take_only_alerts_at_their_level(sqlite_workspace: Workspace) -> None:
    """A channel with min_level critical gets no warning alerts."""
    store_alerts(sqlite_workspace.store, _alerts())
    picky = Flaky(name="picky", min_level="critical")
    assert deliver_pending(sqlite_workspace.store, [picky]).delivered == ()
    store_alerts(sqlite_workspace.store, Desk().cycle(board(5, 0.97)))
    assert len(deliver_pending(sqlite_workspace.store, [picky]).delivered) == 1


def test_alerts_older_than_the_retry_window_are_not_tried(sqlite_workspace: Workspace) -> None:
    """An alert raised more than retry_hours ago stays stored and is no longer pending."""
    store_alerts(sqlite_workspace.store, _alerts())
    channel = Flaky()

    def next_week() -> dt.datetime:
        return _clock() + dt.timedelta(days=7)

    report = deliver_pending(sqlite_workspace.store, [channel], retry_hours=24, clock=next_week)
    assert report.delivered == ()
    assert len(stored_alerts(sqlite_workspace.store)) == 2


def test_terminal_prints_level_title_and_body_literally() -> None:
    """The terminal channel prints the title and body, markup characters and all."""
    buffer = io.StringIO()
    [alert] = Desk().cycle(board(1, 0.62))
    odd = Alert(**{**{f: getattr(alert, f) for f in alert.__slots__}, "title": "[bold]x[/]"})
    Terminal(Console(file=buffer, width=200, color_system=None)).send(odd)
    text = buffer.getvalue()
    assert "WARNING" in text
    assert "[bold]x[/]" in text
    assert "likely (55-80%)" in text


def test_with_retries_backs_off_exponentially_then_gives_up() -> None:
    """Transient failures are retried after 1, 2, 4 s; the last error says how many tries."""
    waits: list[float] = []
    calls: list[int] = []

    def attempt() -> None:
        calls.append(1)
        raise DeliveryError("503", transient=True)

    with pytest.raises(DeliveryError, match=r"503 \(after 4 attempts\)"):
        with_retries(attempt, Backoff(retries=3, first_s=1.0), sleep=waits.append)
    assert waits == [1.0, 2.0, 4.0]
    assert len(calls) == 4


def test_with_retries_does_not_retry_permanent_failures() -> None:
    """A permanent failure is raised at once."""
    waits: list[float] = []

    def attempt() -> None:
        raise DeliveryError("404", transient=False)

    with pytest.raises(DeliveryError, match=r"^404$"):
        with_retries(attempt, Backoff(retries=3), sleep=waits.append)
    assert waits == []


def test_default_config_delivers_to_the_terminal_only(tmp_path: Path) -> None:
    """Out of the box the terminal channel is on and the others are off."""
    channels = channels_from_config(AlertsConfig(), tmp_path)
    assert [c.name for c in channels] == ["terminal"]


def test_email_password_variable_must_be_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An email channel that logs in with an unset password variable is a config error."""
    monkeypatch.delenv("WF_TEST_SMTP_PASSWORD", raising=False)
    email = EmailChannel(
        enabled=True,
        sender="alerts@example.org",
        recipients=["desk@example.org"],
        username="alerts",
        password_env="WF_TEST_SMTP_PASSWORD",
    )
    with pytest.raises(ConfigError, match="WF_TEST_SMTP_PASSWORD"):
        channels_from_config(AlertsConfig(email=email), tmp_path)
    monkeypatch.setenv("WF_TEST_SMTP_PASSWORD", "s3cret")
    [_, mailer] = channels_from_config(AlertsConfig(email=email), tmp_path)
    assert mailer.name == "email"


def test_alert_times_are_utc() -> None:
    """Alert JSON carries UTC times ending in Z."""
    [alert] = Desk().cycle(board(1, 0.62))
    data = alert.to_json()
    assert data["as_of"] == (T0 + dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert data["raised_at"].endswith("Z")
