"""Tell the format of a report input from its content, and decode it with that format's decoder.

Reports arrive as plain text or Markdown, web pages, RSS/Atom feeds and JSON Lines; a file name
is no reliable guide (feeds are saved as ``.xml``, pages without a suffix), so the content
decides:

===========  ==============================================================================
format       how it is told
===========  ==============================================================================
``jsonl``    the first non-blank character is ``{``
``feed``     markup (first non-blank character ``<``) whose first telling tag is ``<rss``,
             ``<feed`` or ``<rdf:RDF``
``html``     markup whose first telling tag is ``<!doctype html``, ``<html`` or ``<body``
``text``     anything else (front matter and text, see :mod:`watchfloor.news.report`)
===========  ==============================================================================

The first telling tag wins, so a feed whose entries carry HTML pages in CDATA is a feed, and a
page that links to a feed is a page.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Iterator
from typing import Literal

from watchfloor.errors import DecodeError
from watchfloor.news.document import Document
from watchfloor.news.feeds import decode_feed
from watchfloor.news.html import decode_html
from watchfloor.news.jsonl import decode_jsonl
from watchfloor.news.report import decode_report

__all__ = ["ReportFormat", "decode_any_report", "report_format"]

ReportFormat = Literal["html", "feed", "jsonl", "text"]

_TELLING_TAG = re.compile(rb"<(?:(rss|feed|rdf:rdf)|(!doctype\s+html|html|body))[\s>/]")
_HEAD_BYTES = 16384


def report_format(data: bytes) -> ReportFormat:
    """Return the format of a report input: ``html``, ``feed``, ``jsonl`` or ``text``."""
    head = _head(data)
    if head.startswith(b"{"):
        return "jsonl"
    if head.startswith(b"<"):
        match = _TELLING_TAG.search(head)
        if match is not None:
            return "feed" if match.group(1) else "html"
    return "text"


def decode_any_report(data: bytes, name: str = "<report>") -> Iterator[Document | DecodeError]:
    """Decode a report input of any format (see :func:`report_format`).

    Args:
        data: The input as received (gzip already undone).
        name: The input's name, for messages.

    Yields:
        Documents (one per entry or line for feeds and JSON Lines) and a
        :class:`DecodeError` for each record that could not be read.
    """
    return _DECODERS[report_format(data)](data, name)


def _head(data: bytes) -> bytes:
    """The start of the input, lowercased ASCII, without byte-order mark or leading space."""
    head = data[:_HEAD_BYTES]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = head[: len(head) // 2 * 2].decode("utf-16", errors="ignore")
        head = text.encode("ascii", errors="ignore")
    return head.removeprefix(codecs.BOM_UTF8).lstrip().lower()


_DECODERS: dict[ReportFormat, Callable[[bytes, str], Iterator[Document | DecodeError]]] = {
    "html": decode_html,
    "feed": decode_feed,
    "jsonl": decode_jsonl,
    "text": decode_report,
}
