"""The HTML brief in a real browser (Chromium through Playwright): no errors, graphics drawn.

Needs Debian's ``chromium`` at /usr/bin/chromium and the ``playwright`` package; skips
without them unless ``WATCHFLOOR_REQUIRE_BROWSER=1`` (CI sets it), then fails.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
from pathlib import Path

import pytest

from watchfloor.brief import gather_brief
from watchfloor.brief.render_html import render_html
from watchfloor.ingest import ingest_paths
from watchfloor.scenarios import scenario_path
from watchfloor.warnings.board import Board, EvidenceLink, HypothesisResult, IndicatorResult
from watchfloor.workspace import Workspace

CHROMIUM = Path("/usr/bin/chromium")
AS_OF = dt.datetime(2025, 7, 20, 23, 59, 59, tzinfo=dt.UTC)


def _browser_problem() -> str | None:
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing (apt-get install chromium)"
    if importlib.util.find_spec("playwright") is None:
        return "the playwright package is missing (pip install -e '.[dev]')"
    return None


@pytest.fixture
def browser_ready() -> None:
    """Skip (or fail, when WATCHFLOOR_REQUIRE_BROWSER=1) without Chromium and Playwright."""
    problem = _browser_problem()
    if problem is not None:
        if os.environ.get("WATCHFLOOR_REQUIRE_BROWSER") == "1":
            pytest.fail(problem)
        pytest.skip(problem)


def _board() -> Board:
    link = EvidenceLink("claim", "1", "nis", "NIS: 12,000 planned", AS_OF, 0.8)
    indicator = IndicatorResult(
        "wave",
        "claims",
        "Two origins report a planned wave",
        "reports",
        "observed",
        0.7,
        0.2,
        None,
        1.25,
        (link,),
        "",
    )
    wave = HypothesisResult(
        "wave",
        "A new wave reaches Russia within 60 days",
        "wave",
        0.2,
        0.62,
        "likely",
        "moderate",
        (indicator,),
    )
    return Board(AS_OF, (wave,))


def test_html_brief_renders_cleanly_in_chromium(browser_ready: None, tmp_path: Path) -> None:
    """Chromium shows the brief with no console error or request, and draws the chart and
    the maps at a real size; the screenshot is kept beside the file."""
    from playwright.sync_api import sync_playwright

    ws = Workspace.init(tmp_path / "ws")
    try:
        scenario = scenario_path()
        ingest_paths(ws, [scenario / name for name in ("reports", "ais", "adsb", "imagery")])
        html = render_html(gather_brief(ws, as_of=AS_OF, board=_board()))
    finally:
        ws.close()
    page_path = tmp_path / "brief.html"
    page_path.write_text(html, encoding="utf-8")
    problems: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 1000, "height": 1400})
            page.on(
                "console",
                lambda m: (
                    problems.append(f"console {m.type}: {m.text}")
                    if m.type in ("error", "warning")
                    else None
                ),
            )
            page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
            page.on(
                "request",
                lambda r: (
                    None if r.url.startswith("file:") else problems.append(f"request {r.url}")
                ),
            )
            page.goto(page_path.as_uri())
            sizes = page.evaluate(
                "() => [...document.querySelectorAll('svg')].map(s => {"
                " const r = s.getBoundingClientRect();"
                " return [s.getAttribute('class'), r.width, r.height]; })"
            )
            shot = tmp_path / "brief.png"
            page.screenshot(path=str(shot), full_page=True)
        finally:
            browser.close()
    assert problems == []
    classes = [c for c, _, _ in sizes]
    assert "chart ledger-chart" in classes
    assert sum(c.startswith("map ") for c in classes) == 3
    for cls, width, height in sizes:
        assert width > 300 and height > 150, (cls, width, height)
    assert shot.stat().st_size > 50_000
