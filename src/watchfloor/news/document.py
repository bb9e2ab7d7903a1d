"""A news report as stored: metadata from its front matter and the text claims point into."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Document"]


@dataclass(frozen=True, slots=True)
class Document:
    """One report. Character spans of its claims index into ``text``.

    Attributes:
        text: The body, without front matter.
        record: 1-based record number inside its input (a feed or JSONL holds many).
        line: 1-based line of the input where ``text`` starts.
        encoding: How the input bytes were decoded.
        meta: Front-matter keys watchfloor does not interpret, kept as they were.
    """

    text: str
    record: int = 1
    line: int = 1
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    author: str | None = None
    published: dt.datetime | None = None
    language: str | None = None
    encoding: str = "utf-8"
    meta: dict[str, Any] = field(default_factory=dict)
