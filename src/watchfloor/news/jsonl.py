"""Articles as JSON Lines (``.jsonl``): one JSON object per line, one document per object.

=============  ==========  ============================================================
key            required    meaning
=============  ==========  ============================================================
``text``       yes         the article's text (a non-empty string)
``title``      no          headline
``outlet``     no          the publishing outlet; names the document's source
``url``        no          where it was published
``author``     no          byline
``published``  no          ISO 8601 date or date-time; without a zone it is taken as UTC
``language``   no          language code; guessed from the script of the text when absent
=============  ==========  ============================================================

Other keys are kept in ``Document.meta``. A line that is not JSON, not an object, or has no
text is one :class:`DecodeError` at that line, and the lines after it are read as usual.
Blank lines are skipped. ``record`` and ``line`` of a document are its line number.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from watchfloor.charsets import decode_text
from watchfloor.errors import DecodeError
from watchfloor.news.document import Document
from watchfloor.news.report import guess_language
from watchfloor.timestamps import parse_timestamp

__all__ = ["decode_jsonl"]

_STRINGS = ("title", "outlet", "url", "author", "language")
_KNOWN = frozenset({"text", "published", *_STRINGS})


def decode_jsonl(data: bytes, name: str = "<jsonl>") -> Iterator[Document | DecodeError]:
    """Decode JSON Lines of articles into one :class:`Document` per line.

    Args:
        data: The input as received.
        name: The input's name, for messages.

    Yields:
        A document per good line, a :class:`DecodeError` (with its line) per bad one.
    """
    try:
        text, encoding = decode_text(data)
    except DecodeError as exc:
        yield exc
        return
    # Split on "\n" only: JSON strings may hold U+2028 and other separators str.splitlines
    # would break on.
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.rstrip("\r")
        if not line.strip():
            continue
        try:
            yield _document(line, number, encoding)
        except DecodeError as exc:
            yield exc


def _document(line: str, number: int, encoding: str) -> Document:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise DecodeError(
            f"expected one JSON object per line, found invalid JSON: {exc.msg} "
            f"(column {exc.colno})",
            line=number,
        ) from exc
    if not isinstance(obj, dict):
        raise DecodeError(
            f"expected a JSON object with a 'text' key, got a JSON {_json_type(obj)}",
            line=number,
        )
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        found = "no 'text' key" if text is None else f"text {_describe(text)}"
        raise DecodeError(f"expected a non-empty string 'text', found {found}", line=number)
    fields = {key: _string(obj.get(key), key, number) for key in _STRINGS}
    published = parse_timestamp(obj.get("published"), field="published", line=number)
    body = text.strip()
    return Document(
        text=body,
        record=number,
        line=number,
        title=fields["title"],
        outlet=fields["outlet"],
        url=fields["url"],
        author=fields["author"],
        published=published,
        language=fields["language"] or guess_language(body),
        encoding=encoding,
        meta={key: value for key, value in obj.items() if key not in _KNOWN},
    )


def _string(value: object, key: str, number: int) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise DecodeError(f"{key}: expected a string, got a JSON {_json_type(value)}", line=number)
    text = str(value).strip()
    return text or None


def _describe(value: object) -> str:
    if isinstance(value, str):
        return "that is empty"
    return f"that is a JSON {_json_type(value)}"


def _json_type(value: object) -> str:
    names: dict[type, str] = {
        dict: "object",
        list: "array",
        str: "string",
        bool: "boolean",
        int: "number",
        float: "number",
    }
    return "null" if value is None else names.get(type(value), type(value).__name__)
