"""Report formats beyond plain text: web pages, RSS/Atom feeds and JSON Lines.

The fixtures are written here in the shape the sources publish: an article page with
OpenGraph metadata, navigation and a footer; RSS 2.0 with ``dc:creator``, CDATA descriptions,
``content:encoded`` and an entry ``<source>``; Atom 1.0 with ``html`` and ``xhtml`` content.
"""

from __future__ import annotations

import datetime as dt
import json
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from watchfloor.errors import DecodeError
from watchfloor.ingest import ingest_paths, register_decoder, sniff_kind
from watchfloor.news import (
    Document,
    decode_any_report,
    decode_feed,
    decode_html,
    decode_jsonl,
    feed_problem,
    report_format,
)
from watchfloor.news._markup import html_to_text
from watchfloor.store import list_quarantine, schema
from watchfloor.workspace import Workspace

ARTICLE = """\
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>North Korean troops seen at Russian port | The Korea Herald</title>
<meta property="og:title" content="North Korean troops seen at Russian port">
<meta property="og:site_name" content="The Korea Herald">
<meta property="og:url" content="https://www.koreaherald.com/article/3012345">
<meta name="author" content="Kim Min-ji">
<meta property="article:published_time" content="2024-10-18T14:30:00+09:00">
<meta name="description" content="Satellite images show troop movements near Vladivostok.">
<link rel="canonical" href="https://www.koreaherald.com/article/3012345">
</head>
<body>
<header><nav><a href="/">Home</a> | <a href="/politics">Politics</a> |
<a href="/world">World</a> | <a href="/subscribe">Subscribe today</a></nav></header>
<main>
<article>
<h1>North Korean troops seen at Russian port</h1>
<p>South Korea's National Intelligence Service said on Friday that about 1,500 North Korean
special forces soldiers were moved to Russia last week aboard Russian navy transport ships,
the first confirmed deployment of its kind.</p>
<p>The agency said the soldiers were carried from the areas of Chongjin, Hamhung and Musudan
to Vladivostok between Oct. 8 and 13, and that more troops were expected to follow.</p>
<p>Satellite images released by the agency showed large groups of people gathering at
training facilities in Ussuriysk and Khabarovsk.</p>
<p>Russia and North Korea have both denied the reports.</p>
</article>
</main>
<footer><p>Copyright 2024 The Korea Herald. All rights reserved.</p>
<p><a href="/privacy">Privacy policy</a></p></footer>
</body>
</html>
"""

LOGIN_WALL = """\
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Sign in | Example News</title></head>
<body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/politics">Politics</a></li></ul></nav></header>
<div class="cookie">We use cookies to improve your experience. <button>Accept</button></div>
<form action="/login"><input name="user"><input name="password" type="password">
<button>Sign in</button></form>
<footer><ul><li><a href="/about">About us</a></li><li><a href="/privacy">Privacy</a></li></ul>
</footer>
</body></html>
"""

RSS = """\
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"
     xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
<title>Yonhap News Agency - North Korea</title>
<link>https://en.yna.co.kr/nk/index</link>
<description>North Korea news</description>
<language>en-us</language>
<item>
<title>N. Korea sends 1,500 troops to Russia: NIS</title>
<link>https://en.yna.co.kr/view/AEN20241018001</link>
<guid isPermaLink="false">AEN20241018001</guid>
<dc:creator>Kim Soo-yeon</dc:creator>
<pubDate>Fri, 18 Oct 2024 14:30:00 +0900</pubDate>
<description><![CDATA[<p>North Korea has sent about <b>1,500</b> special forces troops
to Russia, the spy agency said.</p><p>More are expected &amp; will follow.</p>]]></description>
</item>
<item>
<title>Russian landing ships seen at Chongjin</title>
<link>https://en.yna.co.kr/view/AEN20241019002</link>
<pubDate>Sat, 19 Oct 2024 09:00:00 GMT</pubDate>
<source url="https://www.nknews.org/feed">NK News</source>
<description>Short summary.</description>
<content:encoded><![CDATA[<p>Satellite imagery showed two Russian landing ships at
Chongjin port.</p><script>track()</script>]]></content:encoded>
</item>
<item>
<title>Photo of the day</title>
<link>https://en.yna.co.kr/view/AEN20241019003</link>
<description><![CDATA[<img src="photo.jpg">]]></description>
</item>
</channel>
</rss>
"""

ATOM = """\
<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ru">
  <title>ТАСС — Мир</title>
  <link href="https://tass.ru/mezhdunarodnaya-panorama"/>
  <id>urn:uuid:60a76c80-d399-11d9-b93c-0003939e0af6</id>
  <updated>2024-10-19T10:00:00+03:00</updated>
  <entry>
    <title>Песков назвал сообщения о войсках КНДР фейком</title>
    <link href="https://tass.ru/politika/22180001"/>
    <id>tag:tass.ru,2024:22180001</id>
    <updated>2024-10-18T16:05:00+03:00</updated>
    <author><name>Иван Петров</name></author>
    <summary type="html">&lt;p&gt;Пресс-секретарь президента назвал сообщения о переброске
      северокорейских военных фейком.&lt;/p&gt;</summary>
  </entry>
  <entry>
    <title type="text">Владивосток принял корабли</title>
    <link rel="alternate" href="https://tass.ru/obschestvo/22180002"/>
    <id>tag:tass.ru,2024:22180002</id>
    <published>2024-10-19T08:00:00Z</published>
    <updated>2024-10-19T09:00:00Z</updated>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Два корабля пришли
      в порт Владивосток.</p></div></content>
  </entry>
</feed>
"""


@pytest.fixture(autouse=True)
def _shipped_report_decoder() -> Iterator[None]:
    """Install the shipped report decoder (another test module swaps it) and restore it."""
    from watchfloor.ingest.decoders import decoder_for

    before = decoder_for("report")
    register_decoder("report", decode_any_report)
    yield
    if before is not None:
        register_decoder("report", before)


def _write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def _documents(ws: Workspace) -> list[dict[str, object]]:
    return [dict(row) for row in ws.store.rows(select(schema.documents))]


def _one(records: Iterator[Document | DecodeError]) -> Document | DecodeError:
    [record] = list(records)
    return record


# -- telling the format -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (ARTICLE.encode(), "html"),
        (b"  <body><p>Fragment</p></body>", "html"),
        (b"<!-- saved from url=x -->\n<HTML><BODY>x</BODY></HTML>", "html"),
        ("\ufeff<!doctype html><html></html>".encode("utf-16"), "html"),
        (RSS.encode(), "feed"),
        (ATOM.encode(), "feed"),
        (b'<?xml version="1.0"?><rdf:RDF xmlns:rdf="x"></rdf:RDF>', "feed"),
        (b"<rss><channel><item><description><![CDATA[<html><body>x", "feed"),
        (b'<html><head><link rel="alternate" href="/feed"></head><body>x', "html"),
        (b'\n{"text": "a"}\n', "jsonl"),
        (b"---\ntitle: x\n---\nThe <body> of the report.\n", "text"),
        (b"<!-- note -->\n# A Markdown report\n", "text"),
    ],
)
def test_report_format_is_told_from_content(data: bytes, expected: str) -> None:
    """The first telling tag (or a leading '{') decides the format, whatever the name."""
    assert report_format(data) == expected


def test_report_decoder_is_wired_in_a_fresh_process() -> None:
    """A fresh interpreter's 'report' decoder is the format-dispatching one."""
    code = (
        "from watchfloor.ingest import decoder_for\n"
        "from watchfloor.news import decode_any_report\n"
        "assert decoder_for('report') is decode_any_report, decoder_for('report')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("feed.xml", RSS.encode(), "report"),
        ("feed.xml", ATOM.encode(), "report"),
        ("layers.xml", b'<?xml version="1.0"?><kml><Document/></kml>', None),
        ("feed", RSS.encode(), "report"),
        ("story.htm", b"<html><body>x</body></html>", "report"),
    ],
)
def test_sniff_xml_feeds(name: str, data: bytes, expected: str | None) -> None:
    """An .xml file holding RSS or Atom is a report; other XML cannot be told."""
    assert sniff_kind(name, data) == expected


# -- web pages -------------------------------------------------------------------------------


def test_html_article_text_and_metadata() -> None:
    """A news page yields its article text and title, author, url, date and site as outlet."""
    doc = _one(decode_html(ARTICLE.encode(), "a.html"))
    assert isinstance(doc, Document)
    assert doc.title == "North Korean troops seen at Russian port"
    assert doc.author == "Kim Min-ji"
    assert doc.url == "https://www.koreaherald.com/article/3012345"
    assert doc.outlet == "The Korea Herald"
    assert doc.published == dt.datetime(2024, 10, 18, 5, 30, tzinfo=dt.UTC)
    assert doc.language == "en"
    assert "about 1,500 North Korean" in doc.text
    assert "Russia and North Korea have both denied the reports." in doc.text
    assert "Subscribe today" not in doc.text and "Privacy policy" not in doc.text
    assert doc.meta["description"].startswith("Satellite images show")


def test_html_without_article_body_is_refused() -> None:
    """A page of navigation, a cookie banner and a form is no article."""
    error = _one(decode_html(LOGIN_WALL.encode(), "login.html"))
    assert isinstance(error, DecodeError)
    assert error.reason == "no article text found in HTML"


def test_html_extraction_uses_no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading a page opens no connection (trafilatura is given text, never a URL)."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("decode_html tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    doc = _one(decode_html(ARTICLE.encode(), "a.html"))
    assert isinstance(doc, Document) and doc.outlet == "The Korea Herald"


def test_html_declared_charset_is_used() -> None:
    """A page declaring windows-1251 is read as Cyrillic, and the encoding recorded."""
    page = (
        '<html lang="ru"><head><meta http-equiv="Content-Type" '
        'content="text/html; charset=windows-1251"><title>Корабли</title></head><body>'
        "<article><p>Два корабля пришли в порт Владивосток, сообщили в штабе флота во вторник."
        "</p></article></body></html>"
    )
    doc = _one(decode_html(page.encode("cp1251"), "ru.html"))
    assert isinstance(doc, Document)
    assert doc.encoding == "cp1251" and doc.language == "ru"
    assert doc.text.startswith("Два корабля пришли в порт Владивосток")


def test_html_pages_are_ingested_and_refused_pages_quarantined(
    sqlite_workspace: Workspace, tmp_path: Path
) -> None:
    """Through ingest, an article is stored under its site's source and a login wall refused."""
    _write(tmp_path / "in" / "a.html", ARTICLE)
    _write(tmp_path / "in" / "b.htm", LOGIN_WALL)
    summary = ingest_paths(sqlite_workspace, [tmp_path / "in"])
    assert (summary.of("report").stored, summary.of("report").rejected) == (1, 1)
    [doc] = _documents(sqlite_workspace)
    assert doc["outlet"] == "The Korea Herald" and doc["record"] == 1
    [row] = list_quarantine(sqlite_workspace.store)
    assert row["reason"] == "no article text found in HTML"
    assert row["input_name"].endswith("b.htm")


# -- feeds -----------------------------------------------------------------------------------


def test_rss_entries_become_documents(sqlite_workspace: Workspace, tmp_path: Path) -> None:
    """Each RSS item is a document with its record number; one with no text is quarantined."""
    path = _write(tmp_path / "yonhap.xml", RSS)
    summary = ingest_paths(sqlite_workspace, [path])
    assert (summary.of("report").stored, summary.of("report").rejected) == (2, 1)
    docs = {d["record"]: d for d in _documents(sqlite_workspace)}
    assert sorted(docs) == [1, 2]
    first, second = docs[1], docs[2]
    assert first["title"] == "N. Korea sends 1,500 troops to Russia: NIS"
    assert first["url"] == "https://en.yna.co.kr/view/AEN20241018001"
    assert first["author"] == "Kim Soo-yeon"
    assert first["published_at"] == dt.datetime(2024, 10, 18, 5, 30, tzinfo=dt.UTC)
    assert first["text"] == (
        "North Korea has sent about 1,500 special forces troops to Russia, the spy agency "
        "said.\nMore are expected & will follow."
    )
    assert first["outlet"] == "Yonhap News Agency - North Korea"
    assert first["language"] == "en"
    assert first["meta"]["id"] == "AEN20241018001"
    assert second["outlet"] == "NK News"  # the entry's <source> wins over the feed title
    assert second["text"] == "Satellite imagery showed two Russian landing ships at Chongjin port."
    [row] = list_quarantine(sqlite_workspace.store)
    assert row["line"] == 3
    assert row["reason"] == "entry 3 ('Photo of the day') has no text"


def test_atom_entries_become_documents() -> None:
    """Atom entries give text from html or xhtml content, authors, UTC dates and language."""
    records = list(decode_feed(ATOM.encode(), "tass.atom"))
    assert all(isinstance(r, Document) for r in records)
    first, second = (r for r in records if isinstance(r, Document))
    assert (first.record, second.record) == (1, 2)
    assert first.author == "Иван Петров"
    assert first.published == dt.datetime(2024, 10, 18, 13, 5, tzinfo=dt.UTC)  # from updated
    assert second.published == dt.datetime(2024, 10, 19, 8, 0, tzinfo=dt.UTC)  # published wins
    assert first.text.startswith("Пресс-секретарь президента назвал")
    assert "<p>" not in first.text
    assert second.text == "Два корабля пришли в порт Владивосток."
    assert first.outlet == "ТАСС — Мир" and first.language == "ru"
    assert second.url == "https://tass.ru/obschestvo/22180002"


def test_garbage_feed_is_one_rejected_record(sqlite_workspace: Workspace, tmp_path: Path) -> None:
    """Bytes that start like a feed but are not XML are one quarantined record, not a crash."""
    path = _write(tmp_path / "broken.xml", b"<rss version='2.0'>\x01<<<&&& this is not xml")
    summary = ingest_paths(sqlite_workspace, [path])
    assert (summary.of("report").stored, summary.of("report").rejected) == (0, 1)
    [row] = list_quarantine(sqlite_workspace.store)
    assert row["reason"].startswith("not a feed: malformed XML")


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (RSS.encode(), None),
        (
            b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>',
            None,
        ),
        (
            b"<html><body><p>Service unavailable<br></p></body></html>",
            "an HTML page, no RSS or Atom element",
        ),
        (b"\x00\x01garbage", "no RSS or Atom element found"),
        (b"<rss version='2.0'><channel><title>t</title></rss>", "malformed XML (mismatched tag)"),
    ],
)
def test_feed_problem(data: bytes, problem: str | None) -> None:
    """A feed (even an empty one) has no problem; an error page or garbage says why not."""
    found = feed_problem(data)
    if problem is None:
        assert found is None
    else:
        assert found is not None and found.startswith(problem)


# -- JSON Lines -----------------------------------------------------------------------------


def test_jsonl_bad_line_in_the_middle(sqlite_workspace: Workspace, tmp_path: Path) -> None:
    """Good lines are stored with their line as record; the bad one is quarantined at its line."""
    lines = [
        json.dumps(
            {
                "text": "About 1,500 North Korean soldiers were moved to Russia.",
                "title": "Troops moved",
                "outlet": "Yonhap",
                "url": "https://en.yna.co.kr/view/AEN20241018001",
                "published": "2024-10-18T14:30:00+09:00",
                "desk": "north korea",
            }
        ),
        '{"text": "Unterminated string, "title": "x"}',
        "",
        json.dumps({"text": "Песков назвал сообщения фейком.", "outlet": "TASS"}),
    ]
    path = _write(tmp_path / "articles.jsonl", "\n".join(lines) + "\n")
    summary = ingest_paths(sqlite_workspace, [path])
    assert (summary.of("report").stored, summary.of("report").rejected) == (2, 1)
    docs = {d["record"]: d for d in _documents(sqlite_workspace)}
    assert sorted(docs) == [1, 4]
    assert docs[1]["published_at"] == dt.datetime(2024, 10, 18, 5, 30, tzinfo=dt.UTC)
    assert docs[1]["meta"] == {"desk": "north korea"}
    assert docs[4]["language"] == "ru"
    [row] = list_quarantine(sqlite_workspace.store)
    assert row["line"] == 2 and row["raw"] == lines[1]
    assert row["reason"].startswith("expected one JSON object per line, found invalid JSON")


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('["a list"]', "expected a JSON object with a 'text' key, got a JSON array"),
        ('{"title": "no text"}', "expected a non-empty string 'text', found no 'text' key"),
        ('{"text": "   "}', "expected a non-empty string 'text', found text that is empty"),
        ('{"text": 7}', "expected a non-empty string 'text', found text that is a JSON number"),
        ('{"text": "x", "author": ["a"]}', "author: expected a string, got a JSON array"),
        ('{"text": "x", "published": "last week"}', "published: expected an ISO 8601 date"),
    ],
)
def test_jsonl_refusals_say_what_was_expected(line: str, reason: str) -> None:
    """Each kind of bad line is refused at its line with what was expected and found."""
    data = f'{{"text": "fine"}}\n{line}\n'.encode()
    good, bad = list(decode_jsonl(data, "a.jsonl"))
    assert isinstance(good, Document) and good.record == 1
    assert isinstance(bad, DecodeError) and bad.line == 2
    assert bad.reason.startswith(reason)


# -- HTML fragments ------------------------------------------------------------------------------


def test_html_to_text_keeps_what_a_reader_sees() -> None:
    """Tags go, entities are decoded, scripts vanish and blocks become lines."""
    fragment = (
        "<div><h2>Title</h2><p>One&nbsp;&amp; two\n  spaces</p><script>var x = 1;</script>"
        "<ul><li>first</li><li>second<br>line</li></ul><style>p{}</style></div>"
    )
    assert html_to_text(fragment) == "Title\nOne & two spaces\nfirst\nsecond\nline"
