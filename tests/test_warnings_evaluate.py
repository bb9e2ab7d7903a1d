"""Evaluating indicators into a board: dependence, decay, absence, contradiction, each query.

The evidence is built by hand (claims with their origins and grades, events, coverage), so
every expected posterior follows from the formulas of docs/warnings.md.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import Any

import pytest

from watchfloor.analysis import Assessment
from watchfloor.assess import ClaimRecord, Grade
from watchfloor.config import parse_config
from watchfloor.detect.series import CountSeries
from watchfloor.errors import WatchfloorError
from watchfloor.warnings.bayes import logit, sigmoid
from watchfloor.warnings.coverage import Coverage, Span
from watchfloor.warnings.evaluate import as_of_time, evaluate_board
from watchfloor.warnings.evidence import EvidenceBase

AS_OF = dt.datetime(2025, 7, 31, 23, 59, 59, tzinfo=dt.UTC)
LOG3 = math.log(3.0)
B2 = 0.8 * 0.85

HEAD = """\
version: 1
sites:
  - {id: dunai, name: Dunai, kind: port, country: RUS, lat: 42.88, lon: 132.34, radius_km: 6}
  - {id: sunan, name: Sunan, kind: airfield, country: PRK, lat: 39.22, lon: 125.67, radius_km: 3}
vessels:
  - {name: Angara, imo: 9990014, mmsi: [273999001]}
hypotheses:
  - id: wave
    statement: a wave comes
    set: dispatch
    prior: 0.25
    window_days: 60
    indicators:
"""


def _config(*indicators: str) -> Any:
    return parse_config(HEAD + "".join(f"      - {i}\n" for i in indicators))


REPORTS = (
    "{id: reports, name: Reports, p_e_given_h: 0.6, p_e_given_not_h: 0.2, domain: reports, "
    "claims: {measure: troops, modality: [planned], min_value: 10000, min_origins: %d}%s}"
)
TRANSIT = (
    "{id: transit, name: Dark transit, p_e_given_h: 0.6, p_e_given_not_h: 0.2, "
    "domain: maritime, event: {kind: dark_transit, site: dunai, watchlisted: true%s}}"
)


def _claim(
    cid: int,
    published: dt.datetime,
    *,
    low: float | None = 25000,
    modality: str = "planned",
    location: str | None = "Russia",
) -> ClaimRecord:
    return ClaimRecord(
        id=cid,
        document_id=cid,
        measure="troops",
        low=low,
        high=low,
        bound="approx",
        modality=modality,
        attribution=("somebody",),
        published=published,
        outlet="Wire",
        quote="...",
        actor="PRK",
        location=location,
    )


def _event(kind: str, end: dt.datetime, *, mmsi: int = 273999001, site: str = "dunai") -> Any:
    return {
        "key": f"{kind}:{mmsi}:{end.isoformat()}",
        "kind": kind,
        "mmsi": mmsi,
        "imo": None,
        "name": "Angara",
        "other_mmsi": None,
        "icao24": None,
        "site": site,
        "start": end - dt.timedelta(hours=40),
        "end": end,
        "lat": None,
        "lon": None,
        "details": {},
        "detector": "test",
    }


def _base(
    config: Any,
    *,
    claims: Sequence[tuple[ClaimRecord, str, Grade]] = (),
    events: Sequence[Any] = (),
    published: Sequence[dt.datetime] = (),
    covered: Sequence[tuple[dt.datetime, dt.datetime]] = (),
    series: Sequence[CountSeries] = (),
) -> EvidenceBase:
    records = tuple(c for c, _, _ in claims)
    spans = tuple(Span(a, b) for a, b in covered)
    return EvidenceBase(
        config=config,
        assessment=Assessment(
            claims=records,
            origins={c.id: origin for c, origin, _ in claims},
            background={c.id: False for c in records},
            grades={c.id: grade for c, _, grade in claims},
        ),
        events=tuple(events),
        subjects={},
        published=tuple(sorted(published)),
        series=tuple(series),
        coverage=Coverage({("maritime", "dunai"): spans}, {("maritime", "dunai"): 16.0}),
        watch_mmsi=frozenset({273999001}),
        watch_imo=frozenset({9990014}),
        watch_icao24=frozenset(),
    )


def _posterior(base: EvidenceBase) -> float:
    return evaluate_board(base, AS_OF).hypotheses[0].posterior


def _expected(*steps: float) -> float:
    return sigmoid(logit(0.25) + sum(steps))


DAY = dt.timedelta(days=1)
FRESH = AS_OF - DAY  # one day old: decay does not apply without a half-life


# -- dependence ------------------------------------------------------------------------------


def test_three_echoes_of_one_origin_move_the_posterior_like_one() -> None:
    """Three claims of one origin count once: the posterior equals that of a single claim."""
    config = _config(REPORTS % (1, ""))
    one = _base(config, claims=[(_claim(1, FRESH), "nis-1", Grade("B", 2))])
    echoes = _base(
        config,
        claims=[(_claim(i, FRESH - i * DAY), "nis-1", Grade("B", 2)) for i in (1, 2, 3)],
    )
    independent = _base(
        config,
        claims=[(_claim(i, FRESH - i * DAY), f"origin-{i}", Grade("B", 2)) for i in (1, 2, 3)],
    )
    assert _posterior(one) == pytest.approx(_expected(B2 * LOG3))
    assert _posterior(echoes) == pytest.approx(_posterior(one))
    # Three independent origins: at least one genuine with 1 - 0.32**3.
    assert _posterior(independent) == pytest.approx(_expected((1 - (1 - B2) ** 3) * LOG3))
    assert _posterior(independent) > _posterior(one)


def test_strongest_claim_of_an_origin_sets_its_weight() -> None:
    """An origin relayed by a B2 and an F6 claim weighs as the B2 one."""
    config = _config(REPORTS % (1, ""))
    base = _base(
        config,
        claims=[
            (_claim(1, FRESH), "nis-1", Grade("F", 6)),
            (_claim(2, FRESH), "nis-1", Grade("B", 2)),
        ],
    )
    [indicator] = evaluate_board(base, AS_OF).hypotheses[0].indicators
    assert indicator.state == "observed"
    assert [link.ref for link in indicator.evidence] == ["2"]
    assert indicator.log_lr == pytest.approx(B2 * LOG3)


def test_two_origins_required_need_two_genuine() -> None:
    """With min_origins 2, two B2 origins give weight 0.68**2 (both must be genuine)."""
    config = _config(REPORTS % (2, ""))
    base = _base(
        config,
        claims=[(_claim(i, FRESH), f"o{i}", Grade("B", 2)) for i in (1, 2)],
    )
    [indicator] = evaluate_board(base, AS_OF).hypotheses[0].indicators
    assert indicator.state == "observed"
    assert indicator.log_lr == pytest.approx(B2**2 * LOG3)


# -- decay and the window --------------------------------------------------------------------


def test_old_evidence_decays_by_half_life() -> None:
    """A claim 30 days old under a 30-day half-life counts half: 0.5 x 0.68 x log 3."""
    config = _config(
        "{id: reports, name: Reports, p_e_given_h: 0.6, p_e_given_not_h: 0.2, domain: reports, "
        "half_life_days: 30, claims: {measure: troops, min_value: 10000}}"
    )
    base = _base(config, claims=[(_claim(1, AS_OF - 30 * DAY), "o1", Grade("B", 2))])
    [indicator] = evaluate_board(base, AS_OF).hypotheses[0].indicators
    assert indicator.evidence[0].weight == pytest.approx(0.5 * B2)
    assert indicator.log_lr == pytest.approx(0.5 * B2 * LOG3)
    fresh = _base(config, claims=[(_claim(1, AS_OF), "o1", Grade("B", 2))])
    assert _posterior(fresh) > _posterior(base)


def test_worked_example_of_the_docs() -> None:
    """docs/warnings.md: one B2 claim 30 days old at a 30-day half-life gives 0.3263, three
    echoes of it 0.3263, three independent such origins 0.4217, a covered absence 0.1429."""
    config = _config(
        "{id: reports, name: Reports, p_e_given_h: 0.6, p_e_given_not_h: 0.2, domain: reports, "
        "half_life_days: 30, claims: {measure: troops, min_value: 10000}}"
    )
    old = AS_OF - 30 * DAY

    def claims(origins: Sequence[str]) -> list[tuple[ClaimRecord, str, Grade]]:
        return [(_claim(i, old), o, Grade("B", 2)) for i, o in enumerate(origins)]

    assert _posterior(_base(config, claims=claims(["a"]))) == pytest.approx(0.32627, abs=1e-5)
    assert _posterior(_base(config, claims=claims(["a"] * 3))) == pytest.approx(0.32627, abs=1e-5)
    assert _posterior(_base(config, claims=claims("abc"))) == pytest.approx(0.42169, abs=1e-5)
    assert _posterior(_base(config, published=[old])) == pytest.approx(1 / 7)


def test_evidence_outside_the_window_or_after_as_of_is_ignored() -> None:
    """A claim 61 days old (window 60) or published after as_of does not count."""
    config = _config(REPORTS % (1, ""))
    base = _base(
        config,
        claims=[
            (_claim(1, AS_OF - 61 * DAY), "o1", Grade("B", 2)),
            (_claim(2, AS_OF + DAY), "o2", Grade("B", 2)),
        ],
    )
    [indicator] = evaluate_board(base, AS_OF).hypotheses[0].indicators
    assert indicator.state == "unchecked"
    assert indicator.evidence == ()


def test_claims_below_min_value_or_of_another_modality_do_not_count() -> None:
    """5,000 planned, or 25,000 asserted, do not observe "10,000 or more planned"."""
    config = _config(REPORTS % (1, ""))
    base = _base(
        config,
        claims=[
            (_claim(1, FRESH, low=5000), "o1", Grade("B", 2)),
            (_claim(2, FRESH, modality="asserted"), "o2", Grade("B", 2)),
        ],
        published=[FRESH],
    )
    [indicator] = evaluate_board(base, AS_OF).hypotheses[0].indicators
    assert indicator.state == "checked_absent"


# -- absence and contradiction ---------------------------------------------------------------


def test_checked_absent_lowers_the_posterior_and_unchecked_does_not() -> None:
    """No dark transit with AIS around Dunai lowers the posterior; without AIS it stays."""
    config = _config(TRANSIT % "")
    covered = _base(config, covered=[(AS_OF - 10 * DAY, AS_OF - 9 * DAY)])
    blind = _base(config, covered=[(AS_OF - 90 * DAY, AS_OF - 80 * DAY)])
    [absent] = evaluate_board(covered, AS_OF).hypotheses[0].indicators
    [unknown] = evaluate_board(blind, AS_OF).hypotheses[0].indicators
    assert (absent.state, unknown.state) == ("checked_absent", "unchecked")
    assert "on 2 day(s)" in absent.note
    assert _posterior(covered) == pytest.approx(_expected(math.log(0.4 / 0.8)))
    assert _posterior(covered) < 0.25
    assert _posterior(blind) == pytest.approx(0.25)


def test_events_of_unlisted_vessels_and_other_sites_do_not_count() -> None:
    """Only a watchlisted vessel's dark transit into Dunai observes the indicator."""
    config = _config(TRANSIT % ", min_count: 1")
    stranger = _event("dark_transit", FRESH, mmsi=273999123)
    elsewhere = _event("dark_transit", FRESH, site="vostochny")
    listed = _event("dark_transit", FRESH)
    base = _base(config, events=[stranger, elsewhere], covered=[(FRESH, FRESH)])
    assert evaluate_board(base, AS_OF).hypotheses[0].indicators[0].state == "checked_absent"
    base = _base(config, events=[stranger, elsewhere, listed], covered=[(FRESH, FRESH)])
    [indicator] = evaluate_board(base, AS_OF).hypotheses[0].indicators
    assert indicator.state == "observed"
    assert [e.ref for e in indicator.evidence] == [listed["key"]]
    assert indicator.log_lr == pytest.approx(B2 * LOG3)


def test_an_event_counts_from_when_it_ended() -> None:
    """A dark transit that ends after as_of is not known yet."""
    config = _config(TRANSIT % "")
    late = _event("dark_transit", AS_OF + dt.timedelta(hours=2))
    base = _base(config, events=[late], covered=[(FRESH, FRESH)])
    assert evaluate_board(base, AS_OF).hypotheses[0].indicators[0].state == "checked_absent"


def test_a_denial_contradicts() -> None:
    """A B2 denial with no supporting origin: (1 + 0.68) x log(0.4/0.8)."""
    config = _config(REPORTS % (1, ""))
    base = _base(
        config,
        claims=[(_claim(1, FRESH, modality="denied", low=None), "kcna", Grade("B", 2))],
        published=[FRESH],
    )
    [indicator] = evaluate_board(base, AS_OF).hypotheses[0].indicators
    assert indicator.state == "contradicted"
    assert indicator.log_lr == pytest.approx((1 + B2) * math.log(0.4 / 0.8))
    absent = _base(config, published=[FRESH])
    assert _posterior(base) < _posterior(absent) < 0.25


def test_a_denial_of_a_smaller_figure_does_not_contradict() -> None:
    """Denying 5,000 says nothing about 10,000 or more: the indicator is only absent."""
    config = _config(REPORTS % (1, ""))
    base = _base(
        config,
        claims=[(_claim(1, FRESH, modality="denied", low=5000), "kcna", Grade("B", 2))],
        published=[FRESH],
    )
    assert evaluate_board(base, AS_OF).hypotheses[0].indicators[0].state == "checked_absent"


def test_too_few_origins_with_a_denial_is_contradicted() -> None:
    """One origin of two required plus a denial: contradicted, both items listed."""
    config = _config(REPORTS % (2, ""))
    base = _base(
        config,
        claims=[
            (_claim(1, FRESH), "cnn", Grade("C", 3)),
            (_claim(2, FRESH, modality="denied"), "kcna", Grade("E", 4)),
        ],
        published=[FRESH],
    )
    [indicator] = evaluate_board(base, AS_OF).hypotheses[0].indicators
    assert indicator.state == "contradicted"
    assert {e.ref for e in indicator.evidence} == {"1", "2"}
    assert "1 independent origin(s) of 2 required" in indicator.note
    assert indicator.log_lr == pytest.approx((1 + 0.2 * 0.35) * math.log(0.4 / 0.8))


# -- upticks and estimates -------------------------------------------------------------------


UPTICK = (
    "{id: ramp, name: Ramp, p_e_given_h: 0.55, p_e_given_not_h: 0.19, domain: imagery, "
    'uptick: {site: sunan, series: "imagery:aircraft"}}'
)


def _series(first: dt.datetime, counts: tuple[int | None, ...]) -> CountSeries:
    return CountSeries("sunan", "imagery:aircraft", "day", first, counts)


def test_uptick_observed_absent_and_unchecked() -> None:
    """An uptick of the series observes; observed periods without one make it absent."""
    config = _config(UPTICK)
    uptick = {
        **_event("uptick", FRESH, site="sunan"),
        "mmsi": None,
        "name": None,
        "details": {"series": "imagery:aircraft"},
    }
    other = {**uptick, "key": "other", "details": {"series": "imagery:vehicle"}}
    start = dt.datetime(2025, 7, 1, tzinfo=dt.UTC)
    series = _series(start, (4, None, 5))
    seen = evaluate_board(_base(config, events=[uptick], series=[series]), AS_OF)
    quiet = evaluate_board(_base(config, events=[other], series=[series]), AS_OF)
    blind = evaluate_board(_base(config, events=[other], series=[_series(start, (None,))]), AS_OF)
    states = [b.hypotheses[0].indicators[0].state for b in (seen, quiet, blind)]
    assert states == ["observed", "checked_absent", "unchecked"]
    assert "2 observed period(s)" in quiet.hypotheses[0].indicators[0].note
    assert seen.hypotheses[0].indicators[0].evidence[0].summary.startswith("uptick of imagery")


@pytest.mark.parametrize(
    ("threshold", "state"),
    [
        ("above: 10000", "observed"),
        ("above: 20000", "contradicted"),
        ("below: 11000", "checked_absent"),
    ],
)
def test_estimate_crossing_a_threshold(threshold: str, state: str) -> None:
    """A fused 12,000 is above 10,000, wholly not above 20,000, and straddles 11,000 or not."""
    config = _config(
        "{id: strength, name: Strength, p_e_given_h: 0.7, p_e_given_not_h: 0.3, "
        f'domain: estimates, estimate: {{query: "troops in Russia", {threshold}}}}}'
    )
    claims = [
        (_claim(1, FRESH, low=12000, modality="asserted"), "o1", Grade("B", 2)),
        (_claim(2, FRESH, low=11000, modality="asserted"), "o2", Grade("B", 2)),
    ]
    [indicator] = evaluate_board(_base(config, claims=claims), AS_OF).hypotheses[0].indicators
    assert indicator.state == state
    assert indicator.evidence[0].kind == "estimate"


def test_estimate_without_evidence_is_unchecked() -> None:
    """No claim about the quantity: the estimate indicator says nothing."""
    config = _config(
        "{id: strength, name: Strength, p_e_given_h: 0.7, p_e_given_not_h: 0.3, "
        'domain: estimates, estimate: {query: "killed", above: 100}}'
    )
    [indicator] = evaluate_board(_base(config), AS_OF).hypotheses[0].indicators
    assert (indicator.state, indicator.log_lr) == ("unchecked", 0.0)


# -- the board -------------------------------------------------------------------------------


def test_board_band_and_confidence() -> None:
    """The posterior carries its ICD 203 band; one indicator checked of one is moderate."""
    config = _config(REPORTS % (1, ""))
    base = _base(config, claims=[(_claim(1, FRESH), "o1", Grade("A", 1))])
    [result] = evaluate_board(base, AS_OF).hypotheses
    assert result.posterior == pytest.approx(0.5)
    assert (result.band, result.confidence) == ("roughly even chance", "moderate")


def test_as_of_must_have_a_zone() -> None:
    """A naive as-of time is refused; a date means the end of that UTC day."""
    with pytest.raises(WatchfloorError, match="time-zone-aware"):
        as_of_time(dt.datetime(2025, 7, 31))  # noqa: DTZ001
    assert as_of_time(dt.date(2025, 7, 31)) == AS_OF
