"""What ``watchfloor fetch`` remembers per feed between runs: ``WORKSPACE/feeds-state.json``.

The file holds, for each feed name, the URL it was fetched from, the ``ETag`` and
``Last-Modified`` of the last answer (for conditional GET), when it was last checked, when new
content was last seen, and the last error. It is a cache of hints: when it is missing or
unreadable every feed is fetched in full, and ingest's dedupe by sha256 keeps that harmless.
It is written to a temporary name and renamed, so a crash never leaves half a file::

    {"version": 1,
     "feeds": {"yonhap-nk": {"url": "https://…", "etag": "\\"abc\\"",
                             "last_modified": "Fri, 18 Oct 2024 05:30:00 GMT",
                             "checked_at": "2024-10-18T06:00:00Z",
                             "changed_at": "2024-10-18T06:00:00Z", "error": null}}}
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path

__all__ = ["FEED_STATE_FILE", "FeedState", "load_feed_states", "save_feed_states"]

FEED_STATE_FILE = "feeds-state.json"
_VERSION = 1


@dataclass(frozen=True, slots=True)
class FeedState:
    """What is remembered of one feed.

    Attributes:
        url: The URL the validators belong to; a feed whose URL changed starts afresh.
        etag: The ``ETag`` of the last answer.
        last_modified: The ``Last-Modified`` of the last answer.
        checked_at: When the feed was last polled (ISO 8601, UTC).
        changed_at: When the feed last had new content (ISO 8601, UTC).
        error: Why the last poll failed, or None.
    """

    url: str
    etag: str | None = None
    last_modified: str | None = None
    checked_at: str | None = None
    changed_at: str | None = None
    error: str | None = None


def load_feed_states(path: Path) -> tuple[dict[str, FeedState], str | None]:
    """Read the state file.

    Returns:
        The state of each feed by name, and a note when the file was unreadable and
        ignored (None when it was read, or does not exist yet).
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}, None
    except (OSError, UnicodeDecodeError) as exc:
        return {}, f"{path}: cannot read ({exc}); fetching every feed in full"
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return {}, f"{path}:{exc.lineno}: not valid JSON ({exc.msg}); fetching every feed in full"
    feeds = data.get("feeds") if isinstance(data, dict) else None
    if not isinstance(feeds, dict):
        return {}, f"{path}:1: expected an object with 'feeds'; fetching every feed in full"
    known = {f.name for f in fields(FeedState)}
    states: dict[str, FeedState] = {}
    for name, entry in feeds.items():
        if isinstance(entry, dict) and isinstance(entry.get("url"), str):
            values = {k: (str(v) if v is not None else None) for k, v in entry.items()}
            states[str(name)] = FeedState(
                url=entry["url"], **{k: v for k, v in values.items() if k in known - {"url"}}
            )
    return states, None


def save_feed_states(path: Path, states: dict[str, FeedState]) -> None:
    """Write the state file atomically (a temporary file renamed over the old one)."""
    data = {
        "version": _VERSION,
        "feeds": {name: asdict(state) for name, state in sorted(states.items())},
    }
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    temporary.replace(path)
