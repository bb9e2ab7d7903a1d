"""Poll the feeds of ``watch.yaml`` and ingest what they publish (``watchfloor fetch``).

For each feed, in the order of ``watch.yaml``:

1. GET its URL (conditional on the ``ETag``/``Last-Modified`` remembered in
   ``WORKSPACE/feeds-state.json``), with the timeouts and retries of
   :class:`~watchfloor.sources.fetch.FeedClient`;
2. a ``304 Not Modified`` answer ends there; a body that is not an RSS or Atom feed (an error
   page, garbage) is reported and not ingested; a body already ingested (same sha256) is
   reported as unchanged;
3. otherwise the body is written, exactly as received, to
   ``WORKSPACE/inbox/feeds/<name>/<UTC timestamp>.xml`` and handed to
   :func:`~watchfloor.ingest.ingest_paths` as a report, so archive, dedupe and quarantine
   apply as for any input; the entries are attributed to the feed's ``source`` (else its
   ``outlet``) when it names one;
4. the state is saved after each feed, so an interrupted run keeps what it did.

A feed that fails (timeout, refused connection, HTTP error, not a feed) gives one line in the
outcome and the other feeds go on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from watchfloor.config import FeedEntry
from watchfloor.errors import WatchfloorError
from watchfloor.ingest.pipeline import ingest_paths
from watchfloor.news import feed_problem
from watchfloor.sources.archive import sha256_hex
from watchfloor.sources.feed_state import (
    FEED_STATE_FILE,
    FeedState,
    load_feed_states,
    save_feed_states,
)
from watchfloor.sources.fetch import FeedClient, FetchError, Timeouts, Transport, Validators
from watchfloor.store import utcnow
from watchfloor.workspace import Workspace

__all__ = ["FeedOutcome", "FeedStatus", "PollSummary", "inbox_folder", "poll_feeds"]

FeedStatus = Literal["stored", "not-modified", "unchanged", "failed"]


@dataclass(frozen=True, slots=True)
class FeedOutcome:
    """What happened to one feed in one poll.

    Attributes:
        name: The feed's name in ``watch.yaml``.
        status: ``stored`` (a new body was ingested), ``not-modified`` (HTTP 304),
            ``unchanged`` (the same bytes as an earlier poll) or ``failed``.
        message: One line for people, starting ``feed NAME:``.
        path: The inbox file the body was written to, when it was.
        read: Entries read from the body.
        stored: Entries stored.
        rejected: Entries quarantined.
    """

    name: str
    status: FeedStatus
    message: str
    path: Path | None = None
    read: int = 0
    stored: int = 0
    rejected: int = 0


@dataclass(slots=True)
class PollSummary:
    """The outcome of a poll: one :class:`FeedOutcome` per feed, and ingest's messages."""

    feeds: list[FeedOutcome] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)

    @property
    def failed(self) -> list[FeedOutcome]:
        """The feeds that could not be fetched or read."""
        return [f for f in self.feeds if f.status == "failed"]


def inbox_folder(workspace: Workspace, feed_name: str) -> Path:
    """The folder fetched bodies of ``feed_name`` are written to."""
    return workspace.root / "inbox" / "feeds" / feed_name


def poll_feeds(
    workspace: Workspace,
    feeds: Sequence[FeedEntry] | None = None,
    *,
    timeouts: Timeouts | None = None,
    retries: int = 3,
    backoff_s: float = 1.0,
    transport: Transport | None = None,
    now: Callable[[], dt.datetime] = utcnow,
) -> PollSummary:
    """Fetch every feed and ingest the new bodies; see the module docstring for the steps.

    Args:
        workspace: An open workspace.
        feeds: The feeds to poll (default: the ``feeds`` of the workspace's ``watch.yaml``).
        timeouts: Connect and read timeouts (default 10 s and 30 s).
        retries: Retries after a failed connection or a 5xx answer.
        backoff_s: The wait before the first retry (doubled for each later one).
        transport: An httpx transport for tests; the network when None.
        now: The clock (UTC), for the inbox file names and the state file.

    Returns:
        One outcome per feed (failures included) and the messages of the ingest runs.
    """
    state_path = workspace.root / FEED_STATE_FILE
    states, note = load_feed_states(state_path)
    summary = PollSummary()
    if note is not None:
        summary.messages.append(note)
    chosen = list(workspace.config.feeds if feeds is None else feeds)
    with FeedClient(
        timeouts=timeouts, retries=retries, backoff_s=backoff_s, transport=transport
    ) as client:
        for feed in chosen:
            previous = states.get(feed.name)
            if previous is None or previous.url != feed.url:
                previous = FeedState(url=feed.url)
            outcome, state = _poll_one(workspace, client, feed, previous, now(), summary)
            summary.feeds.append(outcome)
            states[feed.name] = state
            save_feed_states(state_path, states)
    return summary


def _poll_one(
    workspace: Workspace,
    client: FeedClient,
    feed: FeedEntry,
    state: FeedState,
    started: dt.datetime,
    summary: PollSummary,
) -> tuple[FeedOutcome, FeedState]:
    checked = replace(state, checked_at=_iso(started))
    label = f"feed {feed.name}"
    try:
        fetched = client.get(feed.url, Validators(state.etag, state.last_modified))
    except FetchError as exc:
        return _failed(feed, f"{label}: {exc.reason}"), replace(checked, error=exc.reason)
    if fetched.not_modified:
        outcome = FeedOutcome(feed.name, "not-modified", f"{label}: not modified")
        return outcome, replace(
            checked,
            etag=fetched.validators.etag,
            last_modified=fetched.validators.last_modified,
            error=None,
        )
    problem = feed_problem(fetched.body)
    if problem is not None:
        reason = f"not a feed ({problem})"
        # The validators are not kept, so the next poll fetches the body in full again.
        return _failed(feed, f"{label}: {reason}"), replace(checked, error=reason)
    fresh = replace(
        checked,
        etag=fetched.validators.etag,
        last_modified=fetched.validators.last_modified,
        error=None,
    )
    digest = sha256_hex(fetched.body)
    if workspace.store.raw_kind(digest) is not None:
        message = f"{label}: unchanged (same bytes as an earlier poll)"
        return FeedOutcome(feed.name, "unchanged", message), fresh
    path = _inbox_path(inbox_folder(workspace, feed.name), started)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(fetched.body)
        result = ingest_paths(workspace, [path], kind="report", source=feed.source or feed.outlet)
    except OSError as exc:
        reason = f"cannot write {path}: {exc.strerror}"
        return _failed(feed, f"{label}: {reason}"), replace(checked, error=reason)
    except WatchfloorError as exc:
        return _failed(feed, f"{label}: {exc}"), replace(checked, error=str(exc))
    summary.messages.extend(result.messages)
    counts = result.of("report")
    message = f"{label}: {counts.stored} stored, {counts.rejected} rejected ({counts.read} read)"
    outcome = FeedOutcome(
        feed.name,
        "stored",
        message,
        path=path,
        read=counts.read,
        stored=counts.stored,
        rejected=counts.rejected,
    )
    return outcome, replace(fresh, changed_at=_iso(started))


def _failed(feed: FeedEntry, message: str) -> FeedOutcome:
    return FeedOutcome(feed.name, "failed", message)


def _inbox_path(folder: Path, when: dt.datetime) -> Path:
    """A new file name in ``folder`` from the UTC time, numbered if it is taken."""
    stem = when.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    path = folder / f"{stem}.xml"
    number = 1
    while path.exists():
        number += 1
        path = folder / f"{stem}-{number}.xml"
    return path


def _iso(when: dt.datetime) -> str:
    return when.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
