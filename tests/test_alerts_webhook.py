"""Webhook delivery against a local HTTP server: retries, backoff, failures kept."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from alerts_helpers import Desk, board, indicator, link
from watchfloor.alerts import (
    Alert,
    Backoff,
    DeliveryError,
    Webhook,
    deliver_pending,
    store_alerts,
    stored_alerts,
)
from watchfloor.workspace import Workspace


@dataclass
class Endpoint:
    """A local webhook receiver answering with scripted statuses (the last one repeats)."""

    statuses: list[int]
    url: str = ""
    bodies: list[dict[str, object]] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)


@pytest.fixture
def endpoint() -> Iterator[Endpoint]:
    """A receiver on 127.0.0.1 in a thread; set ``statuses`` before posting."""
    state = Endpoint(statuses=[200])

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers["Content-Length"])
            state.bodies.append(json.loads(self.rfile.read(length)))
            state.headers.append(dict(self.headers.items()))
            status = state.statuses.pop(0) if len(state.statuses) > 1 else state.statuses[0]
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:  # quiet test output
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}/hooks/watchfloor?token=s3cret"
    yield state
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def _alert() -> Alert:
    seen = indicator(state="observed", log_lr=1.2, evidence=[link()])
    return Desk().cycle(board(2, 0.40, [seen]))[0]


def _hook(url: str, waits: list[float], retries: int = 3) -> Webhook:
    return Webhook(
        "ops",
        url,
        headers={"Authorization": "Bearer t0ken"},
        timeout_s=5.0,
        backoff=Backoff(retries=retries, first_s=0.5),
        sleep=waits.append,
    )


def test_a_500_then_200_is_delivered_after_one_retry(
    endpoint: Endpoint, sqlite_workspace: Workspace
) -> None:
    """The first POST gets 500, the retry 200: delivered, recorded, after one backoff wait."""
    endpoint.statuses = [500, 200]
    store_alerts(sqlite_workspace.store, [_alert()])
    waits: list[float] = []
    report = deliver_pending(sqlite_workspace.store, [_hook(endpoint.url, waits)])
    assert report.delivered == (("webhook:ops", _alert().key),)
    assert waits == [0.5]
    assert len(endpoint.bodies) == 2
    body = endpoint.bodies[-1]
    assert body["key"] == _alert().key
    assert body["payload"]["evidence"][0]["ref"] == "event:dark_transit:412345678:2025-06-02"  # type: ignore[index]
    headers = {k.lower(): v for k, v in endpoint.headers[-1].items()}
    assert headers["idempotency-key"] == _alert().key
    assert headers["authorization"] == "Bearer t0ken"
    assert headers["content-type"] == "application/json"
    [stored] = stored_alerts(sqlite_workspace.store)
    assert stored.delivered("webhook:ops")


def test_always_500_leaves_the_alert_stored_and_undelivered(
    endpoint: Endpoint, sqlite_workspace: Workspace
) -> None:
    """Every attempt failing: retries spent, failure recorded, alert kept for the next pass."""
    endpoint.statuses = [500]
    store_alerts(sqlite_workspace.store, [_alert()])
    waits: list[float] = []
    report = deliver_pending(sqlite_workspace.store, [_hook(endpoint.url, waits, retries=2)])
    assert report.delivered == ()
    [(channel, key, error)] = report.failed
    assert (channel, key) == ("webhook:ops", _alert().key)
    assert "500" in error and "after 3 attempts" in error
    assert "s3cret" not in error  # the query string (a secret, often) stays out of messages
    assert waits == [0.5, 1.0]
    assert len(endpoint.bodies) == 3
    [stored] = stored_alerts(sqlite_workspace.store)
    assert not stored.delivered("webhook:ops")
    assert stored.deliveries["webhook:ops"].attempts == 1
    endpoint.statuses = [200]
    assert len(deliver_pending(sqlite_workspace.store, [_hook(endpoint.url, [])]).delivered) == 1


def test_a_404_is_not_retried(endpoint: Endpoint) -> None:
    """A client error other than 408/425/429 fails at once, without retries."""
    endpoint.statuses = [404]
    waits: list[float] = []
    with pytest.raises(DeliveryError, match="expected a 2xx answer, got 404") as caught:
        _hook(endpoint.url, waits).send(_alert())
    assert caught.value.transient is False
    assert waits == []
    assert len(endpoint.bodies) == 1


def test_429_is_retried(endpoint: Endpoint) -> None:
    """Too Many Requests is transient: retried after the backoff."""
    endpoint.statuses = [429, 204]
    waits: list[float] = []
    _hook(endpoint.url, waits).send(_alert())
    assert waits == [0.5]
    assert len(endpoint.bodies) == 2


def test_a_refused_connection_is_a_transient_failure() -> None:
    """Nothing listening: each attempt fails to connect, and the error says transient."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    waits: list[float] = []
    with pytest.raises(DeliveryError, match="ConnectError") as caught:
        _hook(f"http://127.0.0.1:{port}/hook", waits, retries=1).send(_alert())
    assert caught.value.transient is True
    assert waits == [0.5]
