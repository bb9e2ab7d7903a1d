"""Plain-text and Markdown reports with optional YAML front matter.

A report may begin with a block between two ``---`` lines holding ``title``, ``outlet``,
``url``, ``author``, ``published`` (ISO 8601 date or time; a date or a time without zone
is taken as UTC) and ``language``. Other keys are kept in ``Document.meta``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import yaml

from watchfloor.charsets import decode_text
from watchfloor.errors import DecodeError
from watchfloor.news.document import Document
from watchfloor.timestamps import parse_timestamp

__all__ = ["decode_report", "guess_language", "parse_published"]

_FENCE = re.compile(r"^---[ \t]*$", re.MULTILINE)
_KNOWN = ("title", "outlet", "url", "author", "published", "language")


def decode_report(data: bytes, name: str = "<report>") -> Iterator[Document | DecodeError]:
    """Decode one report file into a single :class:`Document` (or the reason it is bad)."""
    try:
        text, encoding = decode_text(data)
        yield parse_report(text, encoding)
    except DecodeError as exc:
        yield exc


def parse_report(text: str, encoding: str = "utf-8") -> Document:
    """Split front matter from body and build the document.

    Raises:
        DecodeError: bad front matter, a bad ``published`` value, or an empty body.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    meta: dict[str, Any] = {}
    start = 0
    if text.startswith("---\n"):
        closing = _FENCE.search(text, 4)
        if closing is None:
            raise DecodeError("front matter opened with '---' on line 1 is never closed", line=1)
        block = text[4 : closing.start()]
        try:
            loaded = yaml.safe_load(block) if block.strip() else {}
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 2 if mark is not None else 1
            raise DecodeError(f"front matter is not valid YAML: {exc}", line=line) from exc
        if not isinstance(loaded, dict):
            raise DecodeError("front matter must be a mapping of keys to values", line=2)
        meta = {str(k): v for k, v in loaded.items()}
        start = closing.end()
    body = text[start:].strip()
    if not body:
        raise DecodeError(
            "empty report: no text after the front matter" if start else "empty report",
            line=text.count("\n", 0, start) + 1,
        )
    offset = start + (len(text[start:]) - len(text[start:].lstrip()))
    body_line = text.count("\n", 0, offset) + 1
    published = parse_published(meta.get("published"), line=_key_line(text, "published"))
    extra = {k: _plain(v) for k, v in meta.items() if k not in _KNOWN}
    language = _str(meta.get("language")) or guess_language(body)
    return Document(
        text=body,
        line=body_line,
        title=_str(meta.get("title")),
        outlet=_str(meta.get("outlet")),
        url=_str(meta.get("url")),
        author=_str(meta.get("author")),
        published=published,
        language=language,
        encoding=encoding,
        meta=extra,
    )


def parse_published(value: object, line: int | None = None) -> dt.datetime | None:
    """Parse a ``published`` front-matter value into tz-aware UTC (None when absent).

    Raises:
        DecodeError: the value is neither an ISO 8601 date nor a date-time.
    """
    return parse_timestamp(value, field="published", line=line)


def guess_language(text: str) -> str | None:
    """Guess the script-level language of ``text``: ``ru``, ``ko``, ``uk`` or ``en``.

    This is a script test, not a language model: Latin script is reported as English.
    """
    letters = [c for c in text[:4000] if c.isalpha()]
    if not letters:
        return None
    hangul = sum(1 for c in letters if "\uac00" <= c <= "\ud7a3")
    cyrillic = sum(1 for c in letters if "\u0400" <= c <= "\u04ff")
    if hangul / len(letters) > 0.3:
        return "ko"
    if cyrillic / len(letters) > 0.3:
        return "uk" if any(c in "іїєґІЇЄҐ" for c in letters) else "ru"
    return "en"


def _key_line(text: str, key: str) -> int | None:
    match = re.search(rf"^{key}\s*:", text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _str(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _plain(value: object) -> Any:
    """Make a front-matter value JSON-safe (dates become ISO strings)."""
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value
