"""Alerts POSTed as JSON to a webhook, retried with exponential backoff.

Each POST carries the alert's JSON (:meth:`~watchfloor.alerts.alert.Alert.to_json`) and an
``Idempotency-Key`` header with the alert's key, so a receiver can drop the duplicate that
at-least-once delivery may send after a crash. A connection error, a timeout, 408, 425, 429
and any 5xx are retried; any other status outside 2xx fails at once.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx

from watchfloor import __version__
from watchfloor.alerts.alert import Alert
from watchfloor.alerts.channels import Backoff, DeliveryError, with_retries

__all__ = ["Webhook"]

_RETRIED = frozenset({408, 425, 429})


@dataclass(frozen=True, slots=True)
class Webhook:
    """One webhook endpoint.

    Attributes:
        hook: The webhook's name from ``watch.yaml``; the channel is ``webhook:<hook>``.
        url: Where to POST.
        headers: Extra headers (an ``Authorization`` token...).
        timeout_s: The timeout of each attempt (connect, read, write and pool).
        backoff: Retries and waits.
        min_level: Alerts below this level are not sent.
        transport: An httpx transport to use instead of the network (tests).
        sleep: How to wait between retries (tests pass a no-op).
    """

    hook: str
    url: str
    headers: Mapping[str, str] = field(default_factory=dict)
    timeout_s: float = 10.0
    backoff: Backoff = field(default_factory=Backoff)
    min_level: str = "info"
    transport: httpx.BaseTransport | None = None
    sleep: Callable[[float], None] = time.sleep

    @property
    def name(self) -> str:
        """``webhook:<hook>``."""
        return f"webhook:{self.hook}"

    def send(self, alert: Alert) -> None:
        """POST ``alert``, retrying transient failures.

        Raises:
            DeliveryError: the endpoint did not accept it.
        """
        body = json.dumps(alert.to_json(), ensure_ascii=False).encode("utf-8")
        headers = {
            "Content-Type": "application/json",
            "User-Agent": f"watchfloor/{__version__}",
            "Idempotency-Key": alert.key,
            **self.headers,
        }
        # the host and path only: a webhook URL's query often holds its secret
        parts = urlsplit(self.url)
        where = f"{self.name} ({parts.scheme}://{parts.netloc}{parts.path})"
        with httpx.Client(timeout=self.timeout_s, transport=self.transport) as client:

            def attempt() -> None:
                try:
                    response = client.post(self.url, content=body, headers=headers)
                except httpx.HTTPError as exc:
                    raise DeliveryError(
                        f"{where}: {type(exc).__name__}: {exc}", transient=True
                    ) from exc
                status = response.status_code
                if 200 <= status < 300:
                    return
                raise DeliveryError(
                    f"{where}: expected a 2xx answer, got {status} {response.reason_phrase}",
                    transient=status in _RETRIED or status >= 500,
                )

            with_retries(attempt, self.backoff, sleep=self.sleep)
