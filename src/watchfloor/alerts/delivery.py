"""Delivering stored alerts: at least once per channel, recorded so a restart sends nothing twice.

A pass goes channel by channel through the stored alerts raised in the last ``retry_hours``
that the channel has not delivered and whose level it takes, oldest first. Each outcome is
recorded in the alert's payload at once (:func:`~watchfloor.alerts.records.record_delivery`):
a crash between sending and recording can send one alert twice, never lose one. A failing
channel loses nothing: the alert stays stored and undelivered, the failure is recorded and
counted, and the next pass tries again. After a transient failure the channel is left alone
for the rest of the pass, so a dead endpoint costs one round of retries per pass, not one per
alert.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console

from watchfloor.alerts.alert import Delivery, level_at_least
from watchfloor.alerts.channels import Backoff, Channel, DeliveryError, JsonLinesFile, Terminal
from watchfloor.alerts.records import record_delivery, stored_alerts
from watchfloor.alerts.smtp import Mailer
from watchfloor.alerts.webhook import Webhook
from watchfloor.config.model import AlertsConfig
from watchfloor.errors import ConfigError
from watchfloor.store import Store, utcnow

__all__ = ["DeliveryReport", "channels_from_config", "deliver_pending"]


@dataclass(frozen=True, slots=True)
class DeliveryReport:
    """What one delivery pass did.

    Attributes:
        delivered: ``(channel, alert key)`` of each delivery made.
        failed: ``(channel, alert key, error)`` of each failure recorded.
    """

    delivered: tuple[tuple[str, str], ...] = ()
    failed: tuple[tuple[str, str, str], ...] = ()


def deliver_pending(
    store: Store,
    channels: Sequence[Channel],
    *,
    retry_hours: float = 24.0,
    clock: Callable[[], dt.datetime] = utcnow,
    log: Callable[[str], None] | None = None,
) -> DeliveryReport:
    """Send every pending alert to every channel that takes it, and record each outcome.

    Args:
        store: The knowledge DB holding the alerts.
        channels: Where to deliver.
        retry_hours: Only alerts raised this recently are pending (older undelivered ones
            stay stored and listed, and are no longer tried).
        clock: The wall clock (tests fix it).
        log: Called with one line per failure.
    """
    alerts = stored_alerts(store, since=clock() - dt.timedelta(hours=retry_hours))
    delivered: list[tuple[str, str]] = []
    failed: list[tuple[str, str, str]] = []
    for channel in channels:
        for stored in alerts:
            alert = stored.alert
            if stored.delivered(channel.name) or not level_at_least(alert.level, channel.min_level):
                continue
            before = stored.deliveries.get(channel.name)
            attempts = (before.attempts if before else 0) + 1
            try:
                channel.send(alert)
            except DeliveryError as exc:
                now = clock()
                record_delivery(
                    store, alert.key, Delivery(channel.name, attempts, None, str(exc), now)
                )
                failed.append((channel.name, alert.key, str(exc)))
                if log is not None:
                    log(f"alert {alert.key} not delivered to {channel.name}: {exc}")
                if exc.transient:
                    break  # the channel is down: the rest wait for the next pass
                continue
            now = clock()
            record_delivery(store, alert.key, Delivery(channel.name, attempts, now, None, now))
            delivered.append((channel.name, alert.key))
    return DeliveryReport(tuple(delivered), tuple(failed))


def channels_from_config(
    config: AlertsConfig,
    root: Path,
    *,
    console: Console | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> list[Channel]:
    """The enabled channels of ``watch.yaml``'s ``alerts`` section.

    Args:
        config: The ``alerts`` section.
        root: The workspace folder (a relative JSON-lines path is inside it).
        console: Where the terminal channel prints (default: standard output).
        sleep: How channels wait between retries.

    Raises:
        ConfigError: the email channel logs in but its password variable is not set.
    """
    channels: list[Channel] = []
    if config.terminal.enabled:
        channels.append(Terminal(console or Console(), min_level=config.terminal.min_level))
    if config.jsonl.enabled:
        path = Path(config.jsonl.path).expanduser()
        channels.append(
            JsonLinesFile(path if path.is_absolute() else root / path, config.jsonl.min_level)
        )
    for hook in config.webhooks:
        if hook.enabled:
            channels.append(
                Webhook(
                    hook=hook.name,
                    url=hook.url,
                    headers=dict(hook.headers),
                    timeout_s=hook.timeout_s,
                    backoff=Backoff(hook.retries, hook.backoff_s),
                    min_level=hook.min_level,
                    sleep=sleep,
                )
            )
    mail = config.email
    if mail.enabled:
        password = None
        if mail.password_env is not None:
            password = os.environ.get(mail.password_env)
            if password is None:
                raise ConfigError(
                    f"alerts.email.password_env: expected the environment variable "
                    f"{mail.password_env} to hold the SMTP password, found it unset"
                )
        channels.append(
            Mailer(
                host=mail.host,
                port=mail.port,
                sender=mail.sender,
                recipients=tuple(mail.recipients),
                tls=mail.tls,
                username=mail.username,
                password=password,
                subject_prefix=mail.subject_prefix,
                timeout_s=mail.timeout_s,
                backoff=Backoff(mail.retries, mail.backoff_s),
                min_level=mail.min_level,
                sleep=sleep,
            )
        )
    return channels
