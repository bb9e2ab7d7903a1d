"""The brief of the bundled Korea-Russia scenario, in every format."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import cast

import pytest

from watchfloor.analysis import assess_workspace
from watchfloor.assess import force_ledger
from watchfloor.brief import SECTIONS, Brief, gather_brief
from watchfloor.brief.render_html import render_html
from watchfloor.brief.render_md import render_markdown
from watchfloor.brief.render_text import render_text
from watchfloor.cli.main import main
from watchfloor.scenarios import build_scenario
from watchfloor.store import list_events
from watchfloor.warnings.board import (
    Board,
    EvidenceLink,
    HypothesisResult,
    IndicatorResult,
    IndicatorState,
)
from watchfloor.workspace import Workspace

AS_OF = dt.datetime(2025, 7, 20, 23, 59, 59, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    """The demo workspace: every report, AIS log, ADS-B capture and imagery count."""
    ws = build_scenario(tmp_path_factory.mktemp("brief") / "demo")
    yield ws
    ws.close()


def hand_board(ws: Workspace) -> Board:
    """A board built by hand from the scenario's real claims and events."""
    events = {e["kind"]: e for e in list_events(ws.store)}
    claims = assess_workspace(ws).claims
    planned = [c for c in claims if c.modality == "planned" and (c.low or 0) >= 25000]
    assert len(planned) >= 2
    dark = events["dark_transit"]
    uptick = events["uptick"]

    def link_claim(claim_id: int, origin: str) -> EvidenceLink:
        return EvidenceLink("claim", str(claim_id), origin, "planned wave", AS_OF, 0.5)

    def indicator(
        hid: str, iid: str, name: str, state: str, lr: float, ev: tuple[EvidenceLink, ...]
    ) -> IndicatorResult:
        return IndicatorResult(
            hid, iid, name, "reports", cast(IndicatorState, state), 0.7, 0.2, 30.0, lr, ev, ""
        )

    wave = HypothesisResult(
        "new-wave",
        "A new wave of at least 10,000 troops reaches Russia within 60 days",
        "wave",
        0.2,
        0.66,
        "likely",
        "moderate",
        (
            indicator(
                "new-wave",
                "dark",
                "Watchlisted vessel dark into Dunai",
                "observed",
                1.1,
                (
                    EvidenceLink(
                        "event", str(dark["key"]), str(dark["key"]), "dark", dark["start"], 0.9
                    ),
                ),
            ),
            indicator(
                "new-wave",
                "planned",
                "At least 2 origins report 10,000 or more planned",
                "observed",
                0.8,
                tuple(link_claim(c.id, f"o{c.id}") for c in planned),
            ),
            indicator(
                "new-wave",
                "uptick",
                "More aircraft at Sunan",
                "observed",
                0.5,
                (EvidenceLink("event", str(uptick["key"]), "u", "uptick", uptick["start"], 0.8),),
            ),
            indicator("new-wave", "rail", "Rail cars at Tumangang", "unchecked", 0.0, ()),
        ),
    )
    rotation = HypothesisResult(
        "rotation",
        "Rotation only, no net increase within 60 days",
        "wave",
        0.5,
        0.27,
        "unlikely",
        "low",
        (
            indicator(
                "rotation",
                "planned",
                "At least 2 origins report 10,000 or more planned",
                "contradicted",
                -0.6,
                tuple(link_claim(c.id, f"o{c.id}") for c in planned),
            ),
        ),
    )
    return Board(AS_OF, (wave, rotation))


@pytest.fixture(scope="module")
def brief(scenario: Workspace) -> Brief:
    """The scenario's brief with the hand-built board, as of 20 July 2025."""
    return gather_brief(scenario, as_of=AS_OF, board=hand_board(scenario))


@pytest.fixture(scope="module")
def outputs(brief: Brief) -> dict[str, str]:
    """The brief rendered in each format."""
    return {"text": render_text(brief), "md": render_markdown(brief), "html": render_html(brief)}


def test_every_section_in_every_format(outputs: dict[str, str]) -> None:
    """Each format has the eight numbered sections in order, and the notes."""
    for fmt, text in outputs.items():
        positions = []
        for number, (_, title) in enumerate(SECTIONS, start=1):
            if fmt == "text":
                pattern = rf"^{number}\. {re.escape(title.upper())}$"
            elif fmt == "md":
                pattern = rf"^## {number}\. {re.escape(title)}$"
            else:
                pattern = rf'<h2><span class="num">{number}</span>{re.escape(title)}</h2>'
            match = re.search(pattern, text, re.M)
            assert match is not None, (fmt, title)
            positions.append(match.start())
        assert positions == sorted(positions), fmt
        assert "UNCLASSIFIED // SYNTHETIC SCENARIO" in text, fmt
        assert re.search(r"notes", text, re.I), fmt


def _section(text: str, fmt: str, number: int) -> str:
    if fmt == "md":
        start = text.index(f"## {number}. ")
        end = text.index(f"## {number + 1}. ")
    else:
        title = SECTIONS[number - 1][1].upper()
        start = text.index(f"\n{number}. {title}\n")
        end = text.index(f"\n{number + 1}. {SECTIONS[number][1].upper()}\n")
    return text[start:end].split("\n", 1)[1]


_MARKER = {"md": r"\[\^(\d+)\]", "text": r"\[(\d+)\]"}
_FIGURE = re.compile(r"(?<![\w.^\[])\d[\d,]*(?:\.\d+)?%?(?:–\d[\d,]*(?:\.\d+)?%?)?")


def _unmarked(section: str, fmt: str, definitional: list[str]) -> list[str]:
    """Figures in a section whose phrase (up to , ; . or a table cell's end) has no marker."""
    lines = []
    for line in section.splitlines():
        if re.fullmatch(r"\s*(-+\s*)+|\d+\. [A-Z ]+|#+ .*", line):
            continue  # headings and table rules
        lines.append(re.sub(r"\S {2,}(?=\S)", lambda m: m.group(0)[0] + " | ", line))
    text = " ".join(" ".join(lines).split())
    for words in definitional:  # what is judged, not a figure of the judgment
        text = re.sub(re.escape(words), " ", text, flags=re.I)
    text = re.sub(r"\d{4}-\d{2}-\d{2}", " ", text).replace("80% interval", " ")
    marker = re.compile(_MARKER[fmt])
    missing = []
    for match in _FIGURE.finditer(text):
        phrase = re.split(r"\||[.;,] |\.$", text[match.end() :], maxsplit=1)[0]
        if not marker.search(phrase):
            missing.append(text[max(0, match.start() - 30) : match.end() + 20])
    return missing


@pytest.mark.parametrize("fmt", ["md", "text"])
def test_figures_of_judgments_and_estimates_are_footnoted(
    brief: Brief, outputs: dict[str, str], fmt: str
) -> None:
    """Every figure of the key judgments and estimates has a marker whose note names a claim
    or event."""
    text = outputs[fmt]
    definitional = [h.statement for h in brief.hypotheses]
    definitional += [i.name for h in brief.hypotheses for i in h.indicators]
    markers: set[int] = set()
    for number in (2, 3):
        section = _section(text, fmt, number)
        assert not _unmarked(section, fmt, definitional), _unmarked(section, fmt, definitional)
        markers |= {int(m) for m in re.findall(_MARKER[fmt], section)}
    assert len(markers) >= 5
    notes = {n.number: n for n in brief.footnotes}
    for number in markers:
        note = notes[number]
        assert note.citations, number
        assert any(c.kind in ("claim", "event") for c in note.citations), number
        definition = (
            re.search(rf"^\[\^{number}\]: .*?(?=^\[\^|\Z)", text, re.M | re.S)
            if fmt == "md"
            else re.search(rf"^\[{number}\] .*?(?=^\[\d+\] |\Z)", text, re.M | re.S)
        )
        assert definition is not None, number
        assert re.search(r"(Claim \d+|Event \S+) \(", definition.group(0)), definition.group(0)


def test_html_markers_resolve_to_notes(brief: Brief, outputs: dict[str, str]) -> None:
    """Each superscript in the HTML links to a note that exists and quotes a claim or event."""
    html = outputs["html"]
    linked = {int(n) for n in re.findall(r'<sup class="fn"><a href="#fn-(\d+)">', html)}
    assert linked == {n.number for n in brief.footnotes}
    for number in linked:
        item = re.search(rf'<li id="fn-{number}">(.*?)</li>\s*(?=<li id="fn-|</ol>)', html, re.S)
        assert item is not None, number
        assert re.search(r"(Claim|Event|Observation|Indicator) \S+ \(", item[1]), item[1]
    judgments = html[html.index('id="judgments"') : html.index('id="estimates"')]
    assert 'href="#fn-' in judgments and "confidence in this judgment" in judgments


def test_html_is_self_contained(outputs: dict[str, str]) -> None:
    """The HTML loads nothing: no remote src or href, no scripts, links, imports or fonts."""
    html = outputs["html"]
    refs = re.findall(r'\b(?:src|href|xlink:href)\s*=\s*["\']([^"\']*)', html, re.I)
    assert refs, "expected internal links (contents, footnotes)"
    assert all(r.startswith("#") for r in refs), [r for r in refs if not r.startswith("#")]
    assert not re.search(
        r"<script|<link\b|@import|@font-face|url\(\s*['\"]?(https?:)?//", html, re.I
    )
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")


def test_maps_contain_every_site(scenario: Workspace, outputs: dict[str, str]) -> None:
    """Every watched site is drawn inside a map's frame; the corridor map holds the Angara."""
    html = outputs["html"]
    maps = re.findall(r'<svg class="map [^"]*".*?</svg>', html, re.S)
    assert len(maps) == 3
    for site in scenario.config.sites:
        inside = False
        for svg in maps:
            box = re.search(r'viewBox="0 0 (\S+) (\S+)"', svg)
            assert box is not None
            width, height = float(box[1]), float(box[2])
            at = r'(?:cx="([\d.]+)" cy="([\d.]+)"|x="([\d.]+)" y="([\d.]+)")'
            mark = re.search(rf'data-site="{site.id}">.*?{at}', svg, re.S)
            if mark is not None:
                x, y = (float(v) for v in [g for g in mark.groups() if g is not None][:2])
                inside = inside or (0 <= x <= width and 0 <= y <= height)
        assert inside, site.id
    corridor = next(svg for svg in maps if "map-corridor" in svg)
    assert 'class="track track-watchlisted" data-label="Angara"' in corridor
    assert 'class="dark-leg"' in corridor and 'class="land"' in corridor


def test_ledger_chart_has_one_point_per_month(
    scenario: Workspace, brief: Brief, outputs: dict[str, str]
) -> None:
    """The chart plots each ledger step once: one point per month, in order."""
    state = assess_workspace(scenario)
    ledger = force_ledger(
        state.claims, state.origins, state.grades, as_of=AS_OF, background=state.background
    )
    chart = re.search(r'<svg class="chart ledger-chart".*?</svg>', outputs["html"], re.S)
    assert chart is not None
    dates = re.findall(r'<circle class="point" data-date="(\d{4}-\d{2}-\d{2})"', chart.group(0))
    assert dates == [s.date.isoformat() for s in ledger.steps]
    months = [d[:7] for d in dates]
    assert len(months) == len(set(months)) >= 6
    assert brief.ledger is not None and len(brief.ledger.points) == len(dates)


def test_judgments_follow_icd_203(brief: Brief, outputs: dict[str, str]) -> None:
    """Judgments use the band and its range; confidence is never in the same sentence."""
    md = outputs["md"]
    assert re.search(r"We judge it likely \(55–80%\[\^\d+\]\) that a new wave of", md)
    assert re.search(r"We judge it unlikely \(20–45%\[\^\d+\]\) that rotation only", md)
    for sentence in re.split(r"(?<=\.)\**\s+", _section(md, "md", 2)):
        assert not ("We judge it" in sentence and "confidence" in sentence), sentence
    lead = brief.judgments[0]
    assert (
        lead.lead
        and lead.hypothesis == "new-wave"
        and lead.unchecked == ("Rail cars at Tumangang",)
    )


def test_timeline_lists_notable_events_and_counts_the_rest(
    scenario: Workspace, brief: Brief
) -> None:
    """Dark transits, encounters, reappearances and upticks are listed; port calls counted."""
    kinds = [r.kind for r in brief.timeline]
    for kind in ("dark_transit", "encounter", "reappearance", "uptick"):
        assert kind in kinds, kind
    counted = {r.kind: int(r.count.text.replace(",", "")) for r in brief.routine}
    events = [e for e in list_events(scenario.store) if e["start"] <= AS_OF]
    assert len(brief.timeline) + sum(counted.values()) == len(events)
    assert all(r.at <= AS_OF for r in brief.timeline)
    assert [r.at for r in brief.timeline] == sorted(r.at for r in brief.timeline)


def test_as_of_leaves_later_evidence_out(scenario: Workspace) -> None:
    """A brief as of January 2025 has no event and no claim published after it."""
    early = dt.datetime(2025, 1, 31, 23, 59, 59, tzinfo=dt.UTC)
    brief = gather_brief(scenario, as_of=early)
    assert brief.as_of == early
    assert brief.timeline == () and brief.tracks == ()
    cited = [c for n in brief.footnotes for c in n.citations]
    assert cited and all(c.at is None or c.at <= early for c in cited)
    assert brief.ledger is not None and brief.ledger.points[-1].date == early.date()
    assert all(d.published is None or d.published <= early for d in brief.documents)


def test_without_a_board_the_rest_is_shown(scenario: Workspace) -> None:
    """No board: the judgments and board sections say why; the other sections are full."""
    brief = gather_brief(scenario, as_of=AS_OF, board_note="watch.yaml defines no hypotheses")
    text = render_text(brief)
    assert "the indicator board is unavailable (watch.yaml defines no hypotheses)" in text
    assert brief.estimates and brief.ledger is not None and brief.timeline
    assert "Present strength (reported)" in text


def test_sources_appendix_lists_grades_and_documents(brief: Brief, outputs: dict[str, str]) -> None:
    """The appendix grades every cited source and lists each document with outlet and url."""
    names = {s.name: s.reliability for s in brief.sources}
    assert names["National Intelligence Service"] == "B"
    assert names["Korean Central News Agency"] == "E"
    sources = (
        _section(outputs["md"], "md", 8)
        if "## 9." in outputs["md"]
        else outputs["md"].split("## 8. Sources", 1)[1]
    )
    for doc in brief.documents:
        assert doc.url is not None and doc.url in sources.replace("\\", "")


@pytest.mark.parametrize(
    ("name", "marker"),
    [
        ("brief.html", "<!DOCTYPE html>"),
        ("brief.md", "## 1. Bottom line up front"),
        ("brief.txt", "1. BOTTOM LINE UP FRONT"),
    ],
)
def test_cli_writes_the_file(
    scenario: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, marker: str
) -> None:
    """``brief -o FILE`` writes the format its suffix names and says so in one line."""
    path = tmp_path / name
    code = main(
        ["brief", "--workspace", str(scenario.root), "--as-of", "2025-07-20", "-o", str(path)]
    )
    assert code == 0
    assert marker in path.read_text(encoding="utf-8")
    out = capsys.readouterr().out
    assert out.startswith(f"wrote {path}") and "as of 2025-07-20 23:59 UTC" in out


def test_cli_rejects_a_bad_date(scenario: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    """A malformed --as-of is a usage error naming what was expected."""
    with pytest.raises(SystemExit) as exit_info:
        main(["brief", "--workspace", str(scenario.root), "--as-of", "July"])
    assert exit_info.value.code == 2
    assert "expected a date like 2025-07-10, got 'July'" in capsys.readouterr().err
