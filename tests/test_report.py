"""Report decoding: front matter, publication times, encodings and line numbers."""

from __future__ import annotations

import datetime as dt

import pytest

from watchfloor.charsets import decode_text
from watchfloor.errors import DecodeError
from watchfloor.news import parse_report
from watchfloor.news.report import guess_language


def test_no_front_matter() -> None:
    """Plain text is a document with no metadata, starting at its first non-blank line."""
    doc = parse_report("\n\nNorth Korea sent troops.\n")
    assert doc.text == "North Korea sent troops." and doc.line == 3 and doc.title is None


def test_front_matter_fields_and_extras() -> None:
    """Known keys fill the document; unknown keys are kept in meta, dates as ISO strings."""
    doc = parse_report(
        "---\ntitle: T\noutlet: AP\nurl: https://e.org/a\nauthor: Desk\n"
        "published: 2025-06-27T18:00:00+09:00\ntags: [dprk]\nupdated: 2025-06-28\n---\nBody.\n"
    )
    assert (doc.title, doc.outlet, doc.url, doc.author) == ("T", "AP", "https://e.org/a", "Desk")
    assert doc.published == dt.datetime(2025, 6, 27, 9, 0, tzinfo=dt.UTC)
    assert doc.meta == {"tags": ["dprk"], "updated": "2025-06-28"}
    assert doc.line == 10 and doc.language == "en"


def test_bad_published_names_its_line() -> None:
    """An unparseable published value is an error at the line of the key."""
    with pytest.raises(DecodeError) as info:
        parse_report("---\ntitle: T\npublished: last Tuesday\n---\nBody.\n")
    assert info.value.line == 3 and "published: expected an ISO 8601 date" in info.value.reason


def test_unclosed_front_matter() -> None:
    """A front matter block that never closes is refused at line 1."""
    with pytest.raises(DecodeError, match="never closed"):
        parse_report("---\ntitle: T\nBody.\n")


def test_front_matter_yaml_error_line() -> None:
    """Broken YAML in front matter is reported at its line in the file."""
    with pytest.raises(DecodeError) as info:
        parse_report("---\ntitle: T\nauthor: [a\n---\nBody.\n")
    assert info.value.line is not None and info.value.line >= 3


def test_crlf_is_normalized() -> None:
    """Windows line ends do not break front matter."""
    doc = parse_report("---\r\ntitle: T\r\n---\r\nBody text.\r\n")
    assert doc.title == "T" and doc.text == "Body text."


def test_decode_text_encodings() -> None:
    """UTF-8, UTF-8 with BOM, UTF-16 with BOM and cp1252 decode; binary is refused."""
    assert decode_text("Zelenskyy\u2019s".encode()) == ("Zelenskyy\u2019s", "utf-8")
    assert decode_text(b"\xef\xbb\xbfhi") == ("hi", "utf-8-sig")
    assert decode_text("hi".encode("utf-16")) == ("hi", "utf-16")
    assert decode_text("caf\u00e9 \u2019".encode("cp1252")) == ("caf\u00e9 \u2019", "cp1252")
    with pytest.raises(DecodeError, match="binary"):
        decode_text(b"\x00\x01\x02text")


def test_guess_language_by_script() -> None:
    """Hangul, Cyrillic and Latin text are told apart by script."""
    assert guess_language("북한은 러시아에 병력을 파견했다") == "ko"
    assert guess_language("Северная Корея отправила войска") == "ru"
    assert guess_language("Північна Корея відправила війська") == "uk"
    assert guess_language("North Korea sent troops") == "en"
