"""Email delivery against a local aiosmtpd server."""

from __future__ import annotations

import email
import email.policy
import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from alerts_helpers import Desk, board, indicator, link
from watchfloor.alerts import (
    Alert,
    Backoff,
    DeliveryError,
    Mailer,
    deliver_pending,
    store_alerts,
    stored_alerts,
)
from watchfloor.workspace import Workspace


@dataclass
class Inbox:
    """What the local SMTP server received, and the answers it gives to DATA (last repeats)."""

    port: int = 0
    answers: list[str] = field(default_factory=lambda: ["250 OK"])
    messages: list[EmailMessage] = field(default_factory=list)
    envelopes: list[tuple[str, list[str]]] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        """Keep the message (when accepting it) and answer as scripted."""
        answer = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        if answer.startswith("250"):
            parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)
            assert isinstance(parsed, EmailMessage)
            self.messages.append(parsed)
            self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return answer


@pytest.fixture
def smtp_inbox() -> Iterator[Inbox]:
    """An aiosmtpd server on a free local port, in its own thread."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = Inbox(port=port)
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox
    controller.stop()


def _mailer(port: int, waits: list[float]) -> Mailer:
    return Mailer(
        host="127.0.0.1",
        port=port,
        sender="watchfloor@example.org",
        recipients=("desk@example.org", "duty@example.org"),
        tls="none",
        timeout_s=5.0,
        backoff=Backoff(retries=2, first_s=0.25),
        min_level="info",
        sleep=waits.append,
    )


def _alert() -> Alert:
    seen = indicator(state="observed", log_lr=1.2, evidence=[link()])
    return Desk().cycle(board(2, 0.62, [seen]))[0]


def test_the_alert_arrives_with_subject_and_body(
    smtp_inbox: Inbox, sqlite_workspace: Workspace
) -> None:
    """Delivered by mail: subject with level and title, body with the text and the key."""
    alert = _alert()
    store_alerts(sqlite_workspace.store, [alert])
    report = deliver_pending(sqlite_workspace.store, [_mailer(smtp_inbox.port, [])])
    assert report.delivered == (("email", alert.key),)
    [message] = smtp_inbox.messages
    assert message["Subject"] == f"[watchfloor] WARNING: {alert.title}"
    assert message["X-Watchfloor-Alert"] == alert.key
    assert smtp_inbox.envelopes == [
        ("watchfloor@example.org", ["desk@example.org", "duty@example.org"])
    ]
    text = message.get_content()
    assert "likely (55-80%)" in text
    assert f"Alert key: {alert.key}" in text
    assert '"ref": "event:dark_transit:412345678:2025-06-02"' in text
    assert stored_alerts(sqlite_workspace.store)[0].delivered("email")


def test_a_4xx_answer_is_retried(smtp_inbox: Inbox) -> None:
    """451 (try later) is transient: the message goes through on the retry."""
    smtp_inbox.answers = ["451 4.3.0 try again later", "250 OK"]
    waits: list[float] = []
    _mailer(smtp_inbox.port, waits).send(_alert())
    assert waits == [0.25]
    assert len(smtp_inbox.messages) == 1


def test_a_5xx_answer_fails_at_once(smtp_inbox: Inbox) -> None:
    """554 (rejected) is permanent: no retry, and the error carries the server's answer."""
    smtp_inbox.answers = ["554 5.7.1 rejected"]
    waits: list[float] = []
    with pytest.raises(DeliveryError, match=r"554 5\.7\.1 rejected") as caught:
        _mailer(smtp_inbox.port, waits).send(_alert())
    assert caught.value.transient is False
    assert waits == []
    assert smtp_inbox.messages == []


def test_no_server_is_transient_and_keeps_the_alert(sqlite_workspace: Workspace) -> None:
    """Nothing listening: the failure is recorded and the alert stays pending."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    store_alerts(sqlite_workspace.store, [_alert()])
    waits: list[float] = []
    report = deliver_pending(sqlite_workspace.store, [_mailer(port, waits)])
    assert report.delivered == ()
    assert len(report.failed) == 1
    assert waits == [0.25, 0.5]
    assert not stored_alerts(sqlite_workspace.store)[0].delivered("email")
