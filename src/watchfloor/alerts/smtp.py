"""Alerts mailed through an SMTP server (standard library ``smtplib``).

One message per alert: the subject carries the level and title, the body the alert's text,
its key and its evidence links. The connection is plain, upgraded with STARTTLS, or TLS from
the start (``tls: none | starttls | ssl``). Connection failures, timeouts and 4xx answers are
retried with backoff; 5xx answers and refused recipients fail at once.
"""

from __future__ import annotations

import json
import smtplib
import ssl
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from typing import Literal

from watchfloor.alerts.alert import Alert
from watchfloor.alerts.channels import Backoff, DeliveryError, with_retries

__all__ = ["Mailer", "alert_message"]


@dataclass(frozen=True, slots=True)
class Mailer:
    """One SMTP server and the people alerts are mailed to.

    Attributes:
        host: The server.
        port: Its port (25, 587 for STARTTLS, 465 for TLS).
        sender: The From address.
        recipients: The To addresses.
        tls: ``none``, ``starttls`` or ``ssl``.
        username: Log in as this user (with ``password``), or not at all when None.
        password: The password, read from the environment by the caller.
        subject_prefix: Put before every subject.
        timeout_s: The socket timeout of each attempt.
        backoff: Retries and waits.
        min_level: Alerts below this level are not mailed.
        sleep: How to wait between retries (tests pass a no-op).
    """

    host: str
    port: int
    sender: str
    recipients: Sequence[str]
    tls: Literal["none", "starttls", "ssl"] = "starttls"
    username: str | None = None
    password: str | None = field(default=None, repr=False)
    subject_prefix: str = "[watchfloor]"
    timeout_s: float = 10.0
    backoff: Backoff = field(default_factory=lambda: Backoff(retries=2, first_s=2.0))
    min_level: str = "warning"
    sleep: Callable[[float], None] = time.sleep
    name: str = "email"

    def send(self, alert: Alert) -> None:
        """Mail ``alert``, retrying transient failures.

        Raises:
            DeliveryError: the server did not take it.
        """
        message = alert_message(alert, self.sender, self.recipients, self.subject_prefix)
        where = f"email via {self.host}:{self.port}"

        def attempt() -> None:
            try:
                self._submit(message)
            except smtplib.SMTPResponseException as exc:
                error = exc.smtp_error
                text = error.decode("utf-8", "replace") if isinstance(error, bytes) else error
                raise DeliveryError(
                    f"{where}: server answered {exc.smtp_code} {text}".rstrip(),
                    transient=400 <= exc.smtp_code < 500,
                ) from exc
            except smtplib.SMTPRecipientsRefused as exc:
                refused = ", ".join(sorted(exc.recipients))
                raise DeliveryError(
                    f"{where}: recipients refused: {refused}", transient=False
                ) from exc
            except smtplib.SMTPServerDisconnected as exc:
                raise DeliveryError(f"{where}: disconnected: {exc}", transient=True) from exc
            except smtplib.SMTPException as exc:
                raise DeliveryError(f"{where}: {exc}", transient=False) from exc
            except OSError as exc:  # refused, unreachable, timed out, TLS failure
                raise DeliveryError(f"{where}: {exc}", transient=True) from exc

        with_retries(attempt, self.backoff, sleep=self.sleep)

    def _submit(self, message: EmailMessage) -> None:
        context = ssl.create_default_context()
        smtp: smtplib.SMTP
        if self.tls == "ssl":
            smtp = smtplib.SMTP_SSL(self.host, self.port, timeout=self.timeout_s, context=context)
        else:
            smtp = smtplib.SMTP(self.host, self.port, timeout=self.timeout_s)
        with smtp:
            if self.tls == "starttls":
                smtp.starttls(context=context)
            if self.username is not None:
                smtp.login(self.username, self.password or "")
            smtp.send_message(message)


def alert_message(
    alert: Alert, sender: str, recipients: Sequence[str], subject_prefix: str = "[watchfloor]"
) -> EmailMessage:
    """The e-mail of one alert: subject, plain-text body, and the alert's JSON at the end."""
    message = EmailMessage()
    message["Subject"] = f"{subject_prefix} {alert.level.upper()}: {alert.title}".strip()
    message["From"] = sender
    message["To"] = ", ".join(recipients)
    message["Date"] = format_datetime(alert.raised_at)
    # the sender's domain: make_msgid would otherwise ask DNS for this host's name
    domain = sender.rpartition("@")[2] or "watchfloor.invalid"
    message["Message-ID"] = make_msgid(idstring=alert.key.replace(":", "."), domain=domain)
    message["X-Watchfloor-Alert"] = alert.key
    text = "\n".join(
        [
            alert.body,
            "",
            f"Alert key: {alert.key}",
            "",
            "-- alert as JSON --",
            json.dumps(alert.to_json(), ensure_ascii=False, indent=2),
        ]
    )
    message.set_content(text)
    return message
