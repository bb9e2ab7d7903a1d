"""Where alerts go: the channel protocol, retries with backoff, the terminal and a JSON-lines file.

A channel sends one alert or raises :class:`DeliveryError`; it never decides what is pending
(:mod:`watchfloor.alerts.delivery` does, from the records kept with each alert). Webhooks and
email live in :mod:`watchfloor.alerts.webhook` and :mod:`watchfloor.alerts.smtp`.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from rich.console import Console
from rich.text import Text

from watchfloor.alerts.alert import Alert
from watchfloor.errors import WatchfloorError

__all__ = [
    "Backoff",
    "Channel",
    "DeliveryError",
    "JsonLinesFile",
    "Terminal",
    "with_retries",
]

_STYLES = {"info": "cyan", "warning": "bold yellow", "critical": "bold red"}


class DeliveryError(WatchfloorError):
    """A channel could not deliver an alert.

    Attributes:
        transient: Whether trying again later may succeed (a timeout, a 503) or not (a 404,
            a refused recipient).
    """

    def __init__(self, message: str, *, transient: bool) -> None:
        super().__init__(message)
        self.transient = transient


class Channel(Protocol):
    """Something alerts are delivered to."""

    @property
    def name(self) -> str:
        """The channel's name in delivery records (``terminal``, ``webhook:ops``...)."""
        ...

    @property
    def min_level(self) -> str:
        """Alerts below this level are not for this channel."""
        ...

    def send(self, alert: Alert) -> None:
        """Deliver ``alert``.

        Raises:
            DeliveryError: it was not delivered.
        """
        ...


@dataclass(frozen=True, slots=True)
class Backoff:
    """How often and how patiently a channel retries within one delivery.

    Attributes:
        retries: Attempts after the first.
        first_s: The wait before the first retry; each later wait doubles, up to ``cap_s``.
        cap_s: The longest wait.
    """

    retries: int = 3
    first_s: float = 1.0
    cap_s: float = 60.0

    def delay_s(self, retry: int) -> float:
        """The wait before retry number ``retry`` (1-based)."""
        return float(min(self.cap_s, self.first_s * 2 ** (retry - 1)))


def with_retries(
    attempt: Callable[[], None],
    backoff: Backoff,
    *,
    sleep: Callable[[float], None] = time.sleep,
) -> int:
    """Run ``attempt`` until it succeeds, retrying transient failures with backoff.

    Returns:
        How many attempts it took.

    Raises:
        DeliveryError: a permanent failure, or the last transient one once the retries are
            spent (its message says how many attempts were made).
    """
    tries = 1
    while True:
        try:
            attempt()
            return tries
        except DeliveryError as exc:
            if not exc.transient or tries > backoff.retries:
                if tries > 1:
                    raise DeliveryError(
                        f"{exc} (after {tries} attempts)", transient=exc.transient
                    ) from exc
                raise
        sleep(backoff.delay_s(tries))
        tries += 1


@dataclass(frozen=True, slots=True)
class Terminal:
    """Alerts printed with rich: level, time and title, then the body indented."""

    console: Console
    min_level: str = "info"
    name: str = "terminal"

    def send(self, alert: Alert) -> None:
        """Print ``alert`` (markup in titles and bodies is printed as is)."""
        head = Text.assemble(
            (f"{alert.level.upper():8}", _STYLES.get(alert.level, "")),
            f" {alert.as_of:%Y-%m-%d %H:%M}Z  ",
            (alert.title, "bold"),
        )
        self.console.print(head, highlight=False)
        for line in alert.body.splitlines():
            self.console.print(Text("         " + line), highlight=False)


@dataclass(frozen=True, slots=True)
class JsonLinesFile:
    """Alerts appended to a file, one JSON object a line, flushed to disk before it counts."""

    path: Path
    min_level: str = "info"
    name: str = "jsonl"

    def send(self, alert: Alert) -> None:
        """Append ``alert`` as one line.

        Raises:
            DeliveryError: the file cannot be written (transient: a full disk may clear).
        """
        line = json.dumps(alert.to_json(), ensure_ascii=False, sort_keys=True) + "\n"
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8") as out:
                out.write(line)
                out.flush()
                os.fsync(out.fileno())
        except OSError as exc:
            raise DeliveryError(
                f"{self.path}: cannot append alert: {exc.strerror}", transient=True
            ) from exc
