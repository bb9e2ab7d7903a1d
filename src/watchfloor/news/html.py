"""Web pages (``.html``/``.htm``): the article's main text and metadata, with trafilatura.

trafilatura finds the article body among navigation, cookie banners and footers, and reads the
page's metadata (OpenGraph, Dublin Core, JSON-LD, ``<meta>``): ``title``, ``author``,
``url`` (the canonical address), the publication date and the site name, which becomes the
document's ``outlet``. It is given the page as text, never a URL, so nothing is fetched.

Extraction favours precision and uses no fallback extractor: a page whose only text is
navigation or a form (a login wall, an error page) yields "no article text found in HTML"
rather than a document made of menu entries. Dates come from the page's structured metadata
only (no guessing from the running text); a date without a time zone is taken as UTC.

Bytes are decoded by the page's declared charset (``<meta charset>``) when it names one Python
knows, else as other reports are (byte-order mark, UTF-8, cp1252).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from typing import Any

from watchfloor.charsets import decode_text, looks_binary
from watchfloor.errors import DecodeError
from watchfloor.news.document import Document
from watchfloor.news.report import guess_language
from watchfloor.timestamps import parse_timestamp

__all__ = ["decode_html"]

_NO_TEXT = "no article text found in HTML"
_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_HTML_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})\b", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
# Labels browsers read as windows-1252 (WHATWG Encoding Standard), whatever they say.
_AS_CP1252 = frozenset({"ascii", "us-ascii", "iso-8859-1", "latin1", "latin-1", "iso8859-1"})
# htmldate's settings: the original publication date, from structured metadata only.
_DATE_PARAMS: dict[str, Any] = {
    "original_date": True,
    "extensive_search": False,
    "outputformat": "%Y-%m-%dT%H:%M:%S%z",
}


def decode_html(data: bytes, name: str = "<html>") -> Iterator[Document | DecodeError]:
    """Decode one web page into a single :class:`Document` (or the reason it is refused).

    Args:
        data: The page as received.
        name: The input's name, for messages.

    Yields:
        One document, or one :class:`DecodeError` (binary data, undecodable text, or a page
        with no article body: "no article text found in HTML").
    """
    try:
        yield _decode(data)
    except DecodeError as exc:
        yield exc


def _decode(data: bytes) -> Document:
    text, encoding = _page_text(data)
    # lxml refuses a str that still carries an XML encoding declaration (XHTML pages).
    text = _XML_DECLARATION.sub("", text, count=1)
    # Imported here: trafilatura (lxml, htmldate, courlan) takes ~150 ms to import, and most
    # commands never read a web page.
    import trafilatura

    extracted = trafilatura.bare_extraction(
        text,
        fast=True,
        favor_precision=True,
        include_comments=False,
        with_metadata=True,
        date_extraction_params=dict(_DATE_PARAMS),
    )
    if extracted is None or isinstance(extracted, dict):
        raise DecodeError(_NO_TEXT, line=1)
    body = _str(extracted.text)
    if body is None:
        raise DecodeError(_NO_TEXT, line=1)
    language_match = _HTML_LANG.search(text[:8192])
    language = language_match.group(1).lower() if language_match else guess_language(body)
    meta: dict[str, Any] = {
        key: value
        for key, value in (
            ("description", _str(extracted.description)),
            ("hostname", _str(extracted.hostname)),
            ("categories", list(extracted.categories or [])),
            ("tags", list(extracted.tags or [])),
        )
        if value
    }
    date = _str(extracted.date)
    try:
        published = parse_timestamp(date, field="published")
    except DecodeError:
        # A date the page states oddly is no reason to lose the article: keep it as found.
        published = None
        meta["published_raw"] = date
    return Document(
        text=body,
        title=_str(extracted.title),
        outlet=_str(extracted.sitename),
        url=_str(extracted.url),
        author=_str(extracted.author),
        published=published,
        language=language,
        encoding=encoding,
        meta=meta,
    )


def _page_text(data: bytes) -> tuple[str, str]:
    """Decode the page by its declared charset, else as any report (BOM, UTF-8, cp1252)."""
    declared = _declared_charset(data)
    has_bom = data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if declared is not None and not has_bom and not looks_binary(data):
        try:
            return data.decode(declared), declared
        except UnicodeDecodeError:
            pass  # a wrong declaration is common; fall back to the usual order
    return decode_text(data)


def _declared_charset(data: bytes) -> str | None:
    match = _CHARSET.search(data[:4096])
    if match is None:
        return None
    label = match.group(1).decode("ascii").lower()
    if label in _AS_CP1252:
        return "cp1252"
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    # A page that could be read to find this declaration is not UTF-16 or UTF-32; browsers
    # read such a declaration as UTF-8.
    return "utf-8" if name.startswith(("utf-16", "utf-32")) else name


def _str(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None
