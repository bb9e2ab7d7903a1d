"""Fetch a feed over HTTP: timeouts, retries with backoff, and conditional GET.

This is the only module that imports httpx (ruff's banned-API rule keeps it here). The
transport is a parameter, so tests run the same code against ``httpx.MockTransport`` or a
local server, and httpx's exceptions are translated into :class:`FetchError` here, at the
boundary.

The policy, per request:

- **Timeouts**: connecting may take ``connect_s`` (10 s), and each read of the response
  ``read_s`` (30 s).
- **Retries**: a failed connection (refused, unreachable, or not made within ``connect_s``)
  and a 5xx answer are tried again up to ``retries`` times (3), after ``backoff_s`` (1 s),
  then twice and four times that. A read that times out is not retried: the server is up
  but slow, and trying again would only multiply the wait.
- **Conditional GET**: the ``ETag`` and ``Last-Modified`` of the previous answer are sent
  back as ``If-None-Match`` and ``If-Modified-Since``; a ``304 Not Modified`` answer carries
  no body and means nothing changed.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType
from typing import TypeAlias

import httpx

from watchfloor import __version__
from watchfloor.errors import IngestError

__all__ = ["FeedClient", "FetchError", "Fetched", "Timeouts", "Transport", "Validators"]

Transport: TypeAlias = httpx.BaseTransport

_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, "
    "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
)
_MAX_BYTES = 20 * 1024 * 1024


class FetchError(IngestError):
    """A feed could not be fetched: timed out, unreachable, or an HTTP error answer.

    Attributes:
        reason: What went wrong, as one line (``timed out after 30 s``, ``HTTP 404 Not Found``).
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Timeouts:
    """How long to wait for a connection and for each read of the answer, in seconds."""

    connect_s: float = 10.0
    read_s: float = 30.0


@dataclass(frozen=True, slots=True)
class Validators:
    """The cache validators of a previous answer, sent back to ask "has it changed?"."""

    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True, slots=True)
class Fetched:
    """The answer to one fetch.

    Attributes:
        url: Where the body came from, after redirects.
        status: 200 (or another 2xx) with a body, or 304 with none.
        body: The bytes of the feed (content encodings such as gzip undone); empty on 304.
        validators: The validators to send next time.
        attempts: How many requests it took (1 unless retried).
    """

    url: str
    status: int
    body: bytes
    validators: Validators
    attempts: int = 1

    @property
    def not_modified(self) -> bool:
        """True when the server said nothing changed since the validators sent."""
        return self.status == 304


class FeedClient:
    """An HTTP client for feeds; use it as a context manager, or call :meth:`close`.

    Args:
        timeouts: Connect and read timeouts.
        retries: How many times to try again after a failed connection or a 5xx answer.
        backoff_s: The wait before the first retry; each later one waits twice as long.
        transport: An httpx transport (``httpx.MockTransport`` in tests); the network when
            None.
        sleep: Called with the seconds to wait between tries (tests pass a recorder).
        max_bytes: A larger body is refused, so a runaway answer cannot fill the disk.
    """

    def __init__(
        self,
        *,
        timeouts: Timeouts | None = None,
        retries: int = 3,
        backoff_s: float = 1.0,
        transport: Transport | None = None,
        sleep: Callable[[float], None] = time.sleep,
        max_bytes: int = _MAX_BYTES,
    ) -> None:
        self.timeouts = timeouts or Timeouts()
        self.retries = retries
        self.backoff_s = backoff_s
        self.max_bytes = max_bytes
        self._sleep = sleep
        self._client = httpx.Client(
            timeout=httpx.Timeout(
                connect=self.timeouts.connect_s,
                read=self.timeouts.read_s,
                write=self.timeouts.read_s,
                pool=self.timeouts.connect_s,
            ),
            transport=transport,
            follow_redirects=True,
            headers={"User-Agent": f"watchfloor/{__version__}", "Accept": _ACCEPT},
        )

    def __enter__(self) -> FeedClient:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the connections."""
        self._client.close()

    def get(self, url: str, validators: Validators | None = None) -> Fetched:
        """Fetch ``url``, sending ``validators`` for a conditional GET.

        Raises:
            FetchError: the server could not be reached after the retries, a read timed
                out, the answer was an HTTP error (after the retries, for 5xx), or the body
                is larger than ``max_bytes``.
        """
        headers = _conditional_headers(validators or Validators())
        attempts = self.retries + 1
        for attempt in range(1, attempts + 1):
            last = attempt == attempts
            try:
                fetched = self._once(url, headers, validators or Validators(), attempt)
            except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
                if last:
                    raise FetchError(_connect_reason(exc, self.timeouts, attempts)) from exc
            except httpx.TimeoutException as exc:
                raise FetchError(f"timed out after {self.timeouts.read_s:g} s") from exc
            except httpx.HTTPError as exc:
                raise FetchError(f"{type(exc).__name__}: {exc}") from exc
            else:
                if fetched is not None:
                    return fetched
            if not last:
                self._sleep(self.backoff_s * 2 ** (attempt - 1))
        raise AssertionError("unreachable")  # pragma: no cover

    def _once(
        self, url: str, headers: dict[str, str], validators: Validators, attempt: int
    ) -> Fetched | None:
        """One request: the answer, None for a 5xx worth retrying, or FetchError."""
        with self._client.stream("GET", url, headers=headers) as response:
            status = response.status_code
            if status >= 500:
                if attempt <= self.retries:
                    return None
                raise FetchError(
                    f"HTTP {status} {response.reason_phrase} after {attempt} attempts".strip()
                )
            if status == 304:
                return Fetched(
                    url=str(response.url),
                    status=304,
                    body=b"",
                    validators=_merge(validators, response.headers),
                    attempts=attempt,
                )
            if not 200 <= status < 300:
                raise FetchError(f"HTTP {status} {response.reason_phrase}".strip())
            body = bytearray()
            for chunk in response.iter_bytes():
                body.extend(chunk)
                if len(body) > self.max_bytes:
                    raise FetchError(f"answer larger than {self.max_bytes // 1048576} MiB")
            return Fetched(
                url=str(response.url),
                status=status,
                body=bytes(body),
                validators=_merge(Validators(), response.headers),
                attempts=attempt,
            )


def _conditional_headers(validators: Validators) -> dict[str, str]:
    headers: dict[str, str] = {}
    if validators.etag:
        headers["If-None-Match"] = validators.etag
    if validators.last_modified:
        headers["If-Modified-Since"] = validators.last_modified
    return headers


def _merge(previous: Validators, headers: httpx.Headers) -> Validators:
    """The validators of an answer; a 304 may leave out those that did not change."""
    return Validators(
        etag=headers.get("ETag") or previous.etag,
        last_modified=headers.get("Last-Modified") or previous.last_modified,
    )


def _connect_reason(exc: httpx.HTTPError, timeouts: Timeouts, attempts: int) -> str:
    if isinstance(exc, httpx.ConnectTimeout):
        what = f"no connection within {timeouts.connect_s:g} s"
    else:
        what = f"cannot connect ({exc or type(exc).__name__})"
    return f"{what}, {attempts} attempts"
