"""Fetching feeds: a real HTTP server on 127.0.0.1, conditional GET, retries, timeouts, garbage.

The server is :mod:`http.server` in a thread on an ephemeral port of the loopback interface;
each test installs the routes it needs. Retries wait ``backoff_s=0.01`` and the slow endpoint
is met with a 0.2 s read timeout, so the module runs in about a second.
"""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest
from sqlalchemy import select

from watchfloor.cli.main import main
from watchfloor.config import FeedEntry, parse_config
from watchfloor.errors import ConfigError
from watchfloor.ingest import register_decoder
from watchfloor.ingest.poll import PollSummary, inbox_folder, poll_feeds
from watchfloor.news import decode_any_report
from watchfloor.sources.fetch import FeedClient, FetchError, Timeouts, Validators
from watchfloor.store import schema
from watchfloor.workspace import Workspace

RSS = """\
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>Yonhap News Agency - North Korea</title>
<link>https://en.yna.co.kr/nk/index</link>
<item><title>N. Korea sends 1,500 troops to Russia: NIS</title>
<link>https://en.yna.co.kr/view/AEN20241018001</link>
<pubDate>Fri, 18 Oct 2024 14:30:00 +0900</pubDate>
<description>North Korea has sent about 1,500 troops to Russia, the spy agency said.</description>
</item>
<item><title>Russian ships seen at Chongjin</title>
<link>https://en.yna.co.kr/view/AEN20241019002</link>
<pubDate>Sat, 19 Oct 2024 09:00:00 GMT</pubDate>
<description>Satellite imagery showed two Russian landing ships at Chongjin.</description>
</item>
</channel></rss>
"""

ATOM = """\
<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>NK News</title>
  <id>urn:x-nk</id>
  <updated>2024-10-19T10:00:00Z</updated>
  <entry><title>Ships leave Rajin</title><id>urn:x-nk:1</id>
    <updated>2024-10-19T10:00:00Z</updated>
    <summary>Two Russian cargo ships left Rajin on Tuesday.</summary></entry>
</feed>
"""

ERROR_PAGE = "<html><body><h1>502 Bad Gateway</h1><p>nginx</p></body></html>"

Route = Callable[["_Handler"], None]


@dataclass
class FeedServer:
    """The routes served, the requests seen (path and headers), and an event ending waits."""

    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)
    port: int = 0

    def url(self, path: str) -> str:
        """The address of ``path`` on this server."""
        return f"http://127.0.0.1:{self.port}{path}"

    def hits(self, path: str) -> list[dict[str, str]]:
        """The headers of each request made to ``path``."""
        return [headers for seen, headers in self.requests if seen == path]


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    feeds: FeedServer


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:
        state = self.server.feeds
        state.requests.append((self.path, dict(self.headers)))
        route = state.routes.get(self.path)
        if route is None:
            self.send_error(404)
            return
        route(self)

    def reply(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
        """Send a whole answer."""
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output quiet."""


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[FeedServer]:
    """A feed server on 127.0.0.1 (port 0: any free one), stopped after the test."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(name, raising=False)
    state = FeedServer()
    httpd = _Server(("127.0.0.1", 0), _Handler)
    httpd.feeds = state
    state.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    yield state
    state.stop.set()
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=5)


@pytest.fixture(autouse=True)
def _shipped_report_decoder() -> Iterator[None]:
    """Install the shipped report decoder (another test module swaps it) and restore it."""
    from watchfloor.ingest.decoders import decoder_for

    before = decoder_for("report")
    register_decoder("report", decode_any_report)
    yield
    if before is not None:
        register_decoder("report", before)


def feed_with_etag(body: str, etag: str) -> Route:
    """A route answering 304 to a matching If-None-Match, else the feed with its ETag."""

    def route(handler: _Handler) -> None:
        if handler.headers.get("If-None-Match") == etag:
            handler.reply(304, headers={"ETag": etag})
        else:
            handler.reply(200, body.encode(), {"ETag": etag, "Content-Type": "application/rss+xml"})

    return route


def fails_then(body: str, failures: int, status: int = 500) -> Route:
    """A route answering ``status`` ``failures`` times, then the feed."""
    count = {"n": 0}

    def route(handler: _Handler) -> None:
        count["n"] += 1
        if count["n"] <= failures:
            handler.reply(status, b"upstream down")
        else:
            handler.reply(200, body.encode(), {"Content-Type": "application/atom+xml"})

    return route


def slow(seconds: float) -> Route:
    """A route that answers only after ``seconds`` (or when the server stops)."""

    def route(handler: _Handler) -> None:
        handler.server.feeds.stop.wait(seconds)
        with contextlib.suppress(OSError):  # the client gave up long ago
            handler.reply(200, RSS.encode())

    return route


def fixed(status: int, body: str, content_type: str = "text/html") -> Route:
    """A route answering the same every time."""

    def route(handler: _Handler) -> None:
        handler.reply(status, body.encode(), {"Content-Type": content_type})

    return route


def _documents(ws: Workspace) -> list[dict[str, object]]:
    return [dict(row) for row in ws.store.rows(select(schema.documents))]


def _poll(ws: Workspace, feeds: list[FeedEntry], timeouts: Timeouts | None = None) -> PollSummary:
    return poll_feeds(ws, feeds, timeouts=timeouts, backoff_s=0.01)


# -- polling against the local server ----------------------------------------------------------


def test_first_fetch_stores_second_gets_304(
    sqlite_workspace: Workspace, server: FeedServer
) -> None:
    """The first poll ingests the entries; the second sends the ETag, gets 304, stores nothing."""
    server.routes["/nk.xml"] = feed_with_etag(RSS, '"v1"')
    feeds = [FeedEntry(name="yonhap", url=server.url("/nk.xml"))]

    first = _poll(sqlite_workspace, feeds)
    [outcome] = first.feeds
    assert (outcome.status, outcome.stored, outcome.rejected) == ("stored", 2, 0)
    assert outcome.message == "feed yonhap: 2 stored, 0 rejected (2 read)"
    assert outcome.path is not None and outcome.path.parent == inbox_folder(
        sqlite_workspace, "yonhap"
    )
    assert outcome.path.read_text(encoding="utf-8") == RSS
    assert sorted(d["record"] for d in _documents(sqlite_workspace)) == [1, 2]
    state = json.loads((sqlite_workspace.root / "feeds-state.json").read_text(encoding="utf-8"))
    assert state["feeds"]["yonhap"]["etag"] == '"v1"'

    second = _poll(sqlite_workspace, feeds)
    assert [(o.status, o.message) for o in second.feeds] == [
        ("not-modified", "feed yonhap: not modified")
    ]
    assert server.hits("/nk.xml")[1]["If-None-Match"] == '"v1"'
    assert len(_documents(sqlite_workspace)) == 2
    assert len(list(inbox_folder(sqlite_workspace, "yonhap").iterdir())) == 1


def test_same_bytes_without_validators_are_unchanged(
    sqlite_workspace: Workspace, server: FeedServer
) -> None:
    """A server with no ETag that sends the same bytes again is 'unchanged', not re-ingested."""
    server.routes["/plain.xml"] = fixed(200, RSS, "application/rss+xml")
    feeds = [FeedEntry(name="plain", url=server.url("/plain.xml"))]
    _poll(sqlite_workspace, feeds)
    again = _poll(sqlite_workspace, feeds)
    assert again.feeds[0].status == "unchanged"
    assert "If-None-Match" not in server.hits("/plain.xml")[1]
    assert len(_documents(sqlite_workspace)) == 2


def test_500_then_200_is_retried(sqlite_workspace: Workspace, server: FeedServer) -> None:
    """A 5xx answer is tried again, and the feed is stored once the server recovers."""
    server.routes["/flaky.xml"] = fails_then(ATOM, failures=1)
    summary = _poll(sqlite_workspace, [FeedEntry(name="nk", url=server.url("/flaky.xml"))])
    assert [(o.status, o.stored) for o in summary.feeds] == [("stored", 1)]
    assert len(server.hits("/flaky.xml")) == 2


def test_persistent_5xx_gives_up_after_the_retries(
    sqlite_workspace: Workspace, server: FeedServer
) -> None:
    """A feed that keeps answering 503 is tried 1 + 3 times and reported, nothing stored."""
    server.routes["/down.xml"] = fails_then(ATOM, failures=99, status=503)
    summary = _poll(sqlite_workspace, [FeedEntry(name="down", url=server.url("/down.xml"))])
    assert [o.message for o in summary.feeds] == [
        "feed down: HTTP 503 Service Unavailable after 4 attempts"
    ]
    assert len(server.hits("/down.xml")) == 4
    assert _documents(sqlite_workspace) == []


def test_slow_feed_times_out_and_the_others_go_on(
    sqlite_workspace: Workspace, server: FeedServer
) -> None:
    """A feed slower than the read timeout is reported once, not retried; the next is stored."""
    server.routes["/slow.xml"] = slow(5.0)
    server.routes["/nk.xml"] = feed_with_etag(RSS, '"v1"')
    feeds = [
        FeedEntry(name="slow", url=server.url("/slow.xml")),
        FeedEntry(name="yonhap", url=server.url("/nk.xml")),
    ]
    summary = _poll(sqlite_workspace, feeds, timeouts=Timeouts(connect_s=2.0, read_s=0.2))
    assert [(o.name, o.status, o.message) for o in summary.feeds] == [
        ("slow", "failed", "feed slow: timed out after 0.2 s"),
        ("yonhap", "stored", "feed yonhap: 2 stored, 0 rejected (2 read)"),
    ]
    assert len(server.hits("/slow.xml")) == 1
    state = json.loads((sqlite_workspace.root / "feeds-state.json").read_text(encoding="utf-8"))
    assert state["feeds"]["slow"]["error"] == "timed out after 0.2 s"


def test_garbage_body_is_reported_not_ingested(
    sqlite_workspace: Workspace, server: FeedServer
) -> None:
    """An error page served with 200 is 'not a feed', ingested nowhere; other feeds go on."""
    server.routes["/junk.xml"] = fixed(200, ERROR_PAGE)
    server.routes["/nk.xml"] = feed_with_etag(RSS, '"v1"')
    feeds = [
        FeedEntry(name="junk", url=server.url("/junk.xml")),
        FeedEntry(name="yonhap", url=server.url("/nk.xml")),
    ]
    summary = _poll(sqlite_workspace, feeds)
    assert (
        summary.feeds[0].message == "feed junk: not a feed (an HTML page, no RSS or Atom element)"
    )
    assert summary.feeds[1].status == "stored"
    assert not inbox_folder(sqlite_workspace, "junk").exists()
    assert sqlite_workspace.store.counts()["quarantine"] == 0
    assert len(_documents(sqlite_workspace)) == 2


def test_http_404_is_reported(sqlite_workspace: Workspace, server: FeedServer) -> None:
    """A missing feed is one line naming the HTTP status, with no retry."""
    summary = _poll(sqlite_workspace, [FeedEntry(name="gone", url=server.url("/nope.xml"))])
    assert [o.message for o in summary.feeds] == ["feed gone: HTTP 404 Not Found"]
    assert len(server.hits("/nope.xml")) == 1


def test_feed_source_attributes_every_entry(
    sqlite_workspace: Workspace, server: FeedServer
) -> None:
    """A feed's 'source' attributes its entries to that source instead of the feed title."""
    server.routes["/nk.xml"] = feed_with_etag(RSS, '"v1"')
    feeds = [FeedEntry(name="yonhap", url=server.url("/nk.xml"), source="NIS")]
    _poll(sqlite_workspace, feeds)
    source_ids = {d["source_id"] for d in _documents(sqlite_workspace)}
    [name] = sqlite_workspace.store.rows(
        select(schema.sources.c.name).where(schema.sources.c.id.in_(source_ids))
    )
    assert name["name"] == "National Intelligence Service"


def test_unreadable_state_file_means_a_full_fetch(
    sqlite_workspace: Workspace, server: FeedServer
) -> None:
    """A corrupt feeds-state.json is noted and ignored: the feed is fetched unconditionally."""
    server.routes["/nk.xml"] = feed_with_etag(RSS, '"v1"')
    (sqlite_workspace.root / "feeds-state.json").write_text("{not json", encoding="utf-8")
    summary = _poll(sqlite_workspace, [FeedEntry(name="yonhap", url=server.url("/nk.xml"))])
    assert "not valid JSON" in summary.messages[0]
    assert summary.feeds[0].status == "stored"
    assert "If-None-Match" not in server.hits("/nk.xml")[0]


def test_fetch_command(
    sqlite_workspace: Workspace, server: FeedServer, capsys: pytest.CaptureFixture[str]
) -> None:
    """'watchfloor fetch --json' polls the feeds of watch.yaml and reports each."""
    server.routes["/nk.xml"] = feed_with_etag(RSS, '"v1"')
    server.routes["/junk.xml"] = fixed(200, ERROR_PAGE)
    config = sqlite_workspace.config_path
    config.write_text(
        config.read_text(encoding="utf-8")
        + f"feeds:\n  - name: yonhap\n    url: {server.url('/nk.xml')}\n"
        + f"  - name: junk\n    url: {server.url('/junk.xml')}\n",
        encoding="utf-8",
    )
    code = main(["fetch", "--workspace", str(sqlite_workspace.root), "--json"])
    assert code == 0
    report = json.loads(capsys.readouterr().out)
    assert [(f["name"], f["status"], f["stored"]) for f in report["feeds"]] == [
        ("yonhap", "stored", 2),
        ("junk", "failed", 0),
    ]


# -- the client on a mock transport ---------------------------------------------------------


def test_connect_errors_are_retried_with_backoff() -> None:
    """Refused connections are retried 3 times after 1, 2 and 4 backoff units, then reported."""
    waits: list[float] = []

    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    client = FeedClient(transport=httpx.MockTransport(refuse), sleep=waits.append)
    with client, pytest.raises(FetchError) as info:
        client.get("https://feeds.example.org/nk.xml")
    assert waits == [1.0, 2.0, 4.0]
    assert info.value.reason == "cannot connect (connection refused), 4 attempts"


def test_conditional_headers_and_kept_validators() -> None:
    """Validators are sent back; a 304 that omits them keeps the previous ones."""
    seen: list[httpx.Headers] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers)
        return httpx.Response(304)

    previous = Validators(etag='"abc"', last_modified="Fri, 18 Oct 2024 05:30:00 GMT")
    with FeedClient(transport=httpx.MockTransport(answer)) as client:
        fetched = client.get("https://feeds.example.org/nk.xml", previous)
    assert fetched.not_modified and fetched.body == b""
    assert fetched.validators == previous
    assert seen[0]["If-None-Match"] == '"abc"'
    assert seen[0]["If-Modified-Since"] == "Fri, 18 Oct 2024 05:30:00 GMT"


def test_oversized_body_is_refused() -> None:
    """A body larger than max_bytes is refused rather than read to the end."""

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=b"<rss>" + b" " * 4096)

    client = FeedClient(transport=httpx.MockTransport(answer), max_bytes=1024)
    with client, pytest.raises(FetchError, match="larger than"):
        client.get("https://feeds.example.org/big.xml")


# -- watch.yaml ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("feeds", "message"),
    [
        (
            "feeds:\n  - name: nk\n    url: ftp://example.org/nk.xml\n",
            "watch.yaml:4: feeds[0].url: expected an http:// or https:// URL",
        ),
        (
            "feeds:\n  - name: NK News\n    url: https://example.org/nk.xml\n",
            "watch.yaml:3: feeds[0].name: expected a lowercase slug",
        ),
        (
            "feeds:\n  - name: nk\n    url: https://example.org/a.xml\n"
            "  - name: nk\n    url: https://example.org/b.xml\n",
            "watch.yaml:2: feeds: feed name 'nk' is given twice",
        ),
        (
            "feeds:\n  - name: nk\n    url: https://example.org/a.xml\n    every: 5m\n",
            "watch.yaml:5: feeds[0].every: unknown key",
        ),
    ],
)
def test_feed_entries_are_validated(feeds: str, message: str) -> None:
    """Bad feed entries in watch.yaml are errors naming the line and key path."""
    with pytest.raises(ConfigError) as info:
        parse_config("version: 1\n" + feeds)
    assert str(info.value).startswith(message)


def test_feed_entry_defaults() -> None:
    """A feed needs only a name and an http(s) URL."""
    config = parse_config("feeds:\n  - name: nk\n    url: https://example.org/nk.xml\n")
    assert config.feeds == [FeedEntry(name="nk", url="https://example.org/nk.xml")]
