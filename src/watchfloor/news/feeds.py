"""RSS and Atom feeds: one document per entry, with feedparser.

feedparser reads RSS 0.9x/1.0/2.0 and Atom 0.3/1.0, finds the encoding, decodes entities and
sanitises the HTML of summaries and contents. Each entry becomes a :class:`Document`:

========================  =========================================================
document field            from the entry
========================  =========================================================
``text``                  its content (``content:encoded``, Atom ``content``), else its
                          summary (``description``), HTML reduced to plain text
``title``                 ``title`` (HTML reduced to text when the feed says it is HTML)
``url``                   ``link``
``author``                ``author`` (``dc:creator``, Atom ``author/name``)
``published``             ``published``, else ``updated``, in UTC
``outlet``                the entry's ``source`` title, else the feed's ``title``
``language``              the entry's or the feed's ``language`` (primary subtag), else
                          guessed from the script of the text
``record`` and ``line``   the 1-based number of the entry in the feed
``meta``                  ``id`` (guid), ``feed`` (the feed's title), ``feed_url``,
                          ``tags``; ``published_raw`` when a date could not be read
========================  =========================================================

The parser is handed the bytes (never a string, which feedparser would take as a URL or a
file name), so nothing is fetched. An input that is no feed at all (feedparser's *bozo* flag
with no entries, or no RSS/Atom element) is one :class:`DecodeError`; an entry without text
is one :class:`DecodeError` whose ``line`` is the entry's number, and the other entries go on.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import time
from collections.abc import Iterator
from typing import Any

from watchfloor.errors import DecodeError
from watchfloor.news._markup import html_to_text
from watchfloor.news.document import Document
from watchfloor.news.report import guess_language

__all__ = ["decode_feed", "feed_problem"]

_HTML = re.compile(rb"<(?:!doctype\s+html|html|body)[\s>]", re.IGNORECASE)


def decode_feed(data: bytes, name: str = "<feed>") -> Iterator[Document | DecodeError]:
    """Decode an RSS or Atom feed into one :class:`Document` per entry.

    Args:
        data: The feed as received.
        name: The input's name, for messages.

    Yields:
        A document per entry, a :class:`DecodeError` per entry with no text (its ``line`` is
        the entry number), or a single :class:`DecodeError` when the input is not a feed.
    """
    parsed = _parse(data)
    problem = _problem(parsed, data)
    if problem is not None:
        yield DecodeError(f"not a feed: {problem[0]}", line=problem[1])
        return
    feed: dict[str, Any] = dict.get(parsed, "feed") or {}
    feed_title = _plain(dict.get(feed, "title"), dict.get(feed, "title_detail"))
    feed_language = _language(dict.get(feed, "language"))
    encoding = str(dict.get(parsed, "encoding") or "utf-8")
    for number, entry in enumerate(dict.get(parsed, "entries") or [], start=1):
        try:
            yield _document(entry, number, feed_title, feed_language, encoding, feed)
        except DecodeError as exc:
            yield exc


def feed_problem(data: bytes) -> str | None:
    """Say why ``data`` is not an RSS or Atom feed, or return None when it is one.

    A well-formed feed with no entries is a feed (nothing new was published).
    """
    problem = _problem(_parse(data), data)
    if problem is None:
        return None
    reason, line = problem
    return f"{reason} at line {line}" if line is not None else reason


def _parse(data: bytes) -> Any:
    # Imported here: most commands never read a feed.
    import feedparser  # type: ignore[import-untyped]

    # A BytesIO, never a str or bytes: feedparser would try those as a URL or a file name.
    return feedparser.parse(io.BytesIO(data), sanitize_html=True)


def _problem(parsed: Any, data: bytes) -> tuple[str, int | None] | None:
    if dict.get(parsed, "entries"):
        return None
    if not dict.get(parsed, "version"):
        # No RSS or Atom root: say what it is instead when that is plain (an error page).
        if _HTML.search(data[:4096]) is not None:
            return "an HTML page, no RSS or Atom element", None
        return "no RSS or Atom element found", None
    if dict.get(parsed, "bozo"):
        exc = dict.get(parsed, "bozo_exception")
        line_of = getattr(exc, "getLineNumber", None)
        line = line_of() if callable(line_of) else None
        reason = getattr(exc, "getMessage", None)
        message = reason() if callable(reason) else str(exc)
        return f"malformed XML ({message})", line if isinstance(line, int) else None
    return None


def _document(
    entry: dict[str, Any],
    number: int,
    feed_title: str | None,
    feed_language: str | None,
    encoding: str,
    feed: dict[str, Any],
) -> Document:
    title = _plain(dict.get(entry, "title"), dict.get(entry, "title_detail"))
    text = _entry_text(entry)
    if not text:
        label = f" ({title!r})" if title else ""
        raise DecodeError(f"entry {number}{label} has no text", line=number)
    meta: dict[str, Any] = {}
    published = _utc(dict.get(entry, "published_parsed")) or _utc(dict.get(entry, "updated_parsed"))
    if published is None:
        raw = dict.get(entry, "published") or dict.get(entry, "updated")
        if raw:
            meta["published_raw"] = str(raw)
    source: dict[str, Any] = dict.get(entry, "source") or {}
    outlet = _clean(dict.get(source, "title")) or feed_title
    title_detail: dict[str, Any] = dict.get(entry, "title_detail") or {}
    language = (
        _language(dict.get(entry, "language"))
        or _language(dict.get(title_detail, "language"))
        or feed_language
        or guess_language(text)
    )
    for key, value in (
        ("id", _clean(dict.get(entry, "id"))),
        ("feed", feed_title),
        ("feed_url", _clean(dict.get(feed, "link"))),
        ("tags", [t for t in (_clean(dict.get(tag, "term")) for tag in _tags(entry)) if t]),
    ):
        if value:
            meta[key] = value
    return Document(
        text=text,
        record=number,
        line=number,
        title=title,
        outlet=outlet,
        url=_clean(dict.get(entry, "link")),
        author=_clean(dict.get(entry, "author")),
        published=published,
        language=language,
        encoding=encoding,
        meta=meta,
    )


def _entry_text(entry: dict[str, Any]) -> str:
    """The entry's full content when it has one, else its summary, as plain text."""
    for item in dict.get(entry, "content") or []:
        text = _plain(dict.get(item, "value"), item)
        if text:
            return text
    return _plain(dict.get(entry, "summary"), dict.get(entry, "summary_detail")) or ""


def _plain(value: object, detail: object) -> str | None:
    """``value`` as plain text: HTML reduced to text when its detail says it is markup."""
    if not isinstance(value, str):
        return None
    kind = str(dict.get(detail, "type") or "") if isinstance(detail, dict) else ""
    text = html_to_text(value) if "html" in kind else " ".join(value.split())
    return text or None


def _tags(entry: dict[str, Any]) -> list[dict[str, Any]]:
    tags = dict.get(entry, "tags") or []
    return [tag for tag in tags if isinstance(tag, dict)]


def _utc(parsed: object) -> dt.datetime | None:
    # feedparser gives dates as time.struct_time already converted to UTC.
    if not isinstance(parsed, time.struct_time):
        return None
    return dt.datetime(*parsed[:6], tzinfo=dt.UTC)


def _language(value: object) -> str | None:
    text = _clean(value)
    return text.split("-")[0].split("_")[0].lower() if text else None


def _clean(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None
