"""The brief's parts on hand-made values: footnotes, wording, charts, maps and outlines."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from watchfloor.brief import is_synthetic
from watchfloor.brief.charts import ledger_chart, nice_ticks
from watchfloor.brief.evidence import Evidence, describe_event, short_name
from watchfloor.brief.footnotes import FootnoteBook, citation_text, people_text, range_text
from watchfloor.brief.judgments import band_range, embed_statement, judgments
from watchfloor.brief.maps import VIEWS, render_map
from watchfloor.brief.model import Citation, Figure, LedgerFlow, LedgerPoint, MapEvent, MapSite
from watchfloor.brief.outlines import load_outlines
from watchfloor.warnings.board import (
    Board,
    EvidenceLink,
    HypothesisResult,
    IndicatorResult,
    IndicatorState,
)

AT = dt.datetime(2025, 6, 1, tzinfo=dt.UTC)


def _claim(ref: str) -> Citation:
    return Citation("claim", ref, "Reuters, citing NIS, graded B2", AT, "about 11,000 troops")


def test_footnotes_number_in_order_and_reuse() -> None:
    """Notes are numbered as first asked for; the same lead and evidence keep their number."""
    book = FootnoteBook()
    assert book.note("a", [_claim("1")]) == 1
    assert book.note("b", [_claim("2"), _claim("2")]) == 2
    assert book.note("a", [_claim("1")]) == 1
    assert book.note("a", [_claim("3")]) == 3
    assert [n.number for n in book.notes] == [1, 2, 3]
    assert book.notes[1].citations == (_claim("2"),)  # duplicates dropped


def test_citation_names_kind_ref_source_date_and_quote() -> None:
    """A citation reads: kind and ref, source, date, then the quote."""
    text = citation_text(_claim("7"))
    assert text == "Claim 7 (Reuters, citing NIS, graded B2, 2025-06-01): “about 11,000 troops”"
    assert (
        citation_text(_claim("7"), quote=False)
        == "Claim 7 (Reuters, citing NIS, graded B2, 2025-06-01)."
    )
    long = Citation("claim", "8", "AP", AT, "word " * 200)
    assert citation_text(long).endswith("…”") and len(citation_text(long)) < 330


@pytest.mark.parametrize(
    ("value", "text"),
    [(11623.4, "11,600"), (4712.0, "4,710"), (312.4, "312"), (29999.0, "30,000"), (2.0, "2")],
)
def test_head_counts_keep_three_significant_digits(value: float, text: str) -> None:
    """Head counts print with three significant digits and thousands separators."""
    assert people_text(value) == text


def test_ranges_use_an_en_dash() -> None:
    """Intervals print as low–high."""
    assert range_text(9823, 13511) == "9,820–13,500"


@pytest.mark.parametrize(
    ("statement", "clause"),
    [
        (
            "A new wave of 10,000 troops reaches Russia.",
            "a new wave of 10,000 troops reaches Russia",
        ),
        ("North Korea sends no new troops", "North Korea sends no new troops"),
        ("No new dispatch within 60 days", "no new dispatch within 60 days"),
        ("NATO sees it", "NATO sees it"),
    ],
)
def test_statements_read_on_after_that(statement: str, clause: str) -> None:
    """Articles are lowered after "that"; names keep their capitals; the stop goes."""
    assert embed_statement(statement) == clause


def _indicator(
    hid: str, iid: str, state: IndicatorState, links: tuple[EvidenceLink, ...]
) -> IndicatorResult:
    return IndicatorResult(
        hid, iid, f"indicator {iid}", "air", state, 0.8, 0.2, None, 0.5, links, ""
    )


def _board() -> Board:
    link = EvidenceLink("claim", "3", "origin-a", "NIS says 12,000", AT, 1.0)
    wave = HypothesisResult(
        "wave",
        "A new wave",
        "set",
        0.2,
        0.7,
        "likely",
        "moderate",
        (_indicator("wave", "i1", "observed", (link,)), _indicator("wave", "i2", "unchecked", ())),
    )
    quiet = HypothesisResult(
        "quiet",
        "Nothing happens",
        "set",
        0.6,
        0.9,
        "very likely",
        "low",
        (_indicator("quiet", "i3", "checked_absent", ()),),
    )
    return Board(AT, (wave, quiet))


def test_judgments_lead_with_the_most_probable_and_keep_confidence_apart() -> None:
    """Each set's most probable hypothesis leads; the band's range carries the note."""
    book = FootnoteBook()
    ev = Evidence.of([], {}, [], [], {})
    out = judgments(book, _board(), ev)
    assert [j.hypothesis for j in out] == ["quiet", "wave"]
    assert out[0].lead and not out[1].lead
    first = out[0].sentence
    assert first[0] == "We judge it very likely (" and first[1] == Figure("80–95%", 1)
    assert "confidence" not in "".join(p for p in first if isinstance(p, str))
    assert "We have low confidence" in str(out[0].confidence[0])
    assert out[1].observed == ("indicator i1",) and out[1].unchecked == ("indicator i2",)
    # The unresolved link is cited from its own summary; the note still names the claim.
    cited = book.notes[1].citations
    assert cited[0].kind == "claim" and cited[0].ref == "3" and cited[0].text == "NIS says 12,000"


def test_band_range_falls_back_to_the_posterior() -> None:
    """A band name the table lacks is replaced by the band of the posterior."""
    result = HypothesisResult("h", "s", "set", 0.5, 0.5, "?", "low", ())
    assert band_range(result) == "45–55%"


def test_events_are_described_from_their_details() -> None:
    """Descriptions say who, where and how long, from the detector's fields."""
    sites = {"rajin": "Rajin", "dunai": "Dunai"}
    event = {
        "kind": "dark_transit",
        "name": "ANGARA",
        "mmsi": 273999001,
        "site": "dunai",
        "details": {
            "hours": 40.249,
            "distance_km": 170.8,
            "from_site": "rajin",
            "to_site": "dunai",
        },
    }
    assert describe_event(event, sites) == "ANGARA dark from Rajin to Dunai for 40.2 h over 171 km"
    assert short_name("sunan", "Pyongyang Sunan International Airport", "airfield") == "Sunan"
    assert short_name("dunai", "Dunai (Dunay) military port", "port") == "Dunai"


def test_nice_ticks_cover_the_maximum() -> None:
    """Ticks start at 0, step by 1, 2, 2.5 or 5 x 10^k and reach the maximum."""
    assert nice_ticks(14356.0) == [0.0, 5000.0, 10000.0, 15000.0]
    ticks = nice_ticks(231.0)
    assert ticks[0] == 0 and ticks[-1] >= 231 and len(ticks) <= 7


def _point(day: dt.date, median: float) -> LedgerPoint:
    fig = Figure(f"{median:,.0f}", 1)
    return LedgerPoint(day, median, median * 0.9, median * 1.1, fig, fig, ())


def test_ledger_chart_plots_each_point_with_its_band() -> None:
    """One circle per point, higher values drawn higher, a band and a movement rule."""
    points = [
        _point(dt.date(2025, 1, 31), 11000),
        _point(dt.date(2025, 2, 28), 14000),
        _point(dt.date(2025, 3, 31), 9000),
    ]
    flow = LedgerFlow("movement", "+", dt.date(2025, 2, 10), Figure("3,000", 2), Figure("x", 2), ())
    svg = ledger_chart(points, [flow], title="strength")
    ys = [float(y) for y in re.findall(r'<circle class="point"[^>]* cy="([\d.]+)"', svg)]
    assert len(ys) == 3 and ys[1] < ys[0] < ys[2]
    assert 'class="band"' in svg and 'class="flow"' in svg and "+3,000 reported in" in svg
    assert ledger_chart([], [], title="none") == ""


def test_map_draws_sites_events_and_outlines() -> None:
    """A site and an event inside the view are drawn inside the frame, over land and coast."""
    view = next(v for v in VIEWS if v.id == "corridor")
    sites = [MapSite("dunai", "Dunai (Dunay) military port", "port", "RUS", 42.88, 132.34)]
    events = [MapEvent(4, "k1", "encounter", "encounter 14 May", 42.56, 133.05)]
    svg = render_map(view, sites, [], events)
    box = re.search(r'viewBox="0 0 (\S+) (\S+)"', svg)
    mark = re.search(r'data-site="dunai">.*?cx="([\d.]+)" cy="([\d.]+)"', svg)
    assert box is not None and mark is not None
    assert 0 < float(mark[1]) < float(box[1]) and 0 < float(mark[2]) < float(box[2])
    assert ">Dunai</text>" in svg and 'data-events="k1"' in svg and ">4</text>" in svg
    assert svg.count('class="land"') >= 2 and 'class="coast"' in svg and 'class="border"' in svg
    assert "http" not in svg


def test_outlines_cover_every_view() -> None:
    """Each view lies inside its outline file's extent, so no clipped edge shows."""
    for view in VIEWS:
        outlines = load_outlines(view.outlines)
        west, south, east, north = outlines.bbox
        vw, vs, ve, vn = view.extent
        assert west < vw and south < vs and ve < east and vn < north, view.id
        assert outlines.land and outlines.coast and outlines.border
    names = {name for name, _ in load_outlines("region").land}
    assert {"North Korea", "South Korea", "Russia", "China"} <= names


def test_synthetic_workspaces_are_recognised() -> None:
    """Reports under a reserved example domain, or synthetic imagery, mark a scenario."""
    assert is_synthetic([{"url": "https://example.org/scenario/x"}], [])
    assert is_synthetic([], [{"observer": "scenario analyst (synthetic)", "sensor": "x"}])
    assert not is_synthetic([{"url": "https://www.reuters.com/x"}], [{"observer": "analyst"}])
