"""Alert rules: band entry with hysteresis, heavy indicator changes, idempotent keys."""

from __future__ import annotations

import datetime as dt

import pytest

from alerts_helpers import T0, Desk, board, indicator, link
from watchfloor.alerts import AlertPolicy, hold_band, is_heavy, raise_alerts
from watchfloor.warnings.icd203 import BANDS, band_index

LIKELY = band_index(0.6)
EVEN = band_index(0.5)


def test_hold_band_needs_the_margin_to_enter_and_to_leave() -> None:
    """A band is entered only past its edge plus the margin and left only past it minus."""
    assert hold_band(EVEN, 0.57, 0.03) == EVEN
    assert hold_band(EVEN, 0.58, 0.03) == LIKELY
    assert hold_band(LIKELY, 0.52, 0.03) == LIKELY
    assert hold_band(LIKELY, 0.519, 0.03) == EVEN
    assert hold_band(EVEN, 0.56, 0.0) == LIKELY
    assert hold_band(LIKELY, 0.55, 0.0) == LIKELY  # zero margin: the plain band


def test_hold_band_jumps_to_the_band_the_posterior_is_well_inside() -> None:
    """A big move lands in the furthest band passed by the margin, up or down."""
    assert BANDS[hold_band(band_index(0.3), 0.9, 0.03)].name == "very likely"
    assert BANDS[hold_band(band_index(0.3), 0.82, 0.03)].name == "likely"
    assert BANDS[hold_band(band_index(0.9), 0.1, 0.03)].name == "very unlikely"


def test_band_entry_raises_one_alert_with_key_level_and_wording() -> None:
    """A posterior rising from unlikely into likely raises one band alert naming the band."""
    desk = Desk()
    [alert] = desk.cycle(board(9, 0.62))
    assert alert.key == "band:new-wave:likely:2025-06-10"
    assert alert.kind == "band"
    assert alert.level == "warning"
    assert "likely (55-80%)" in alert.body
    assert alert.payload["previous_band"] == "unlikely"
    # ICD 203: confidence is its own sentence, never beside the probability
    probability_line = next(line for line in alert.body.splitlines() if "55-80%" in line)
    assert "confidence" not in probability_line.lower()
    assert "Confidence in this judgment is moderate." in alert.body.splitlines()


def test_re_evaluating_the_same_evidence_raises_nothing_new() -> None:
    """The same board again, or later with the same posterior, adds no alert."""
    desk = Desk()
    assert len(desk.cycle(board(9, 0.62))) == 1
    assert desk.cycle(board(9, 0.62)) == []
    assert desk.cycle(board(9.5, 0.62)) == []
    assert desk.cycle(board(12, 0.63)) == []


def test_hysteresis_a_posterior_hovering_at_an_edge_raises_exactly_one_alert() -> None:
    """0.54/0.56/0.54/0.57... around the 0.55 edge after entering likely raises one alert."""
    series = [0.50, 0.59, 0.54, 0.56, 0.54, 0.57, 0.53, 0.58, 0.54, 0.57, 0.55, 0.56]
    desk = Desk()
    raised = [a for day, p in enumerate(series) for a in desk.cycle(board(day, p, prior=0.5))]
    assert [a.key for a in raised] == ["band:new-wave:likely:2025-06-02"]


def test_without_hysteresis_the_same_series_would_storm() -> None:
    """With a zero margin the hovering series raises an alert at each of 5 upward crossings."""
    series = [0.50, 0.59, 0.54, 0.56, 0.54, 0.57, 0.53, 0.58, 0.54, 0.57, 0.55, 0.56]
    desk = Desk(policy=AlertPolicy(band_margin=0.0))
    raised = [a for day, p in enumerate(series) for a in desk.cycle(board(day, p, prior=0.5))]
    assert len(raised) == 5


def test_leaving_past_the_margin_and_coming_back_raises_again() -> None:
    """A real fall out of the band and a real return are two entries, two alerts."""
    desk = Desk()
    raised = [a for day, p in enumerate([0.60, 0.50, 0.60]) for a in desk.cycle(board(day, p))]
    assert [a.key for a in raised] == [
        "band:new-wave:likely:2025-06-01",
        "band:new-wave:likely:2025-06-03",
    ]


def test_falling_raises_nothing() -> None:
    """Only entering a higher band alerts; a posterior falling through bands is silent."""
    desk = Desk()
    raised = [a for day, p in enumerate([0.9, 0.6, 0.3, 0.1]) for a in desk.cycle(board(day, p))]
    assert [a.payload["band"] for a in raised] == ["very likely"]
    assert raised[0].level == "critical"


def test_a_jump_across_bands_raises_one_alert_for_the_band_reached() -> None:
    """From unlikely straight to almost certain is one alert, critical, naming the top band."""
    [alert] = Desk().cycle(board(1, 0.99))
    assert alert.payload["band"] == "almost certain"
    assert alert.level == "critical"


def test_heavy_indicator_state_change_raises_with_its_evidence() -> None:
    """A heavy indicator becoming observed raises an alert linking its evidence."""
    desk = Desk()
    assert desk.cycle(board(1, 0.31, [indicator()])) == []
    seen = indicator(state="observed", log_lr=1.2, evidence=[link()])
    raised = desk.cycle(board(2, 0.40, [seen]))
    assert [a.key for a in raised] == ["indicator:new-wave:dunai-dark-transit:observed:2025-06-03"]
    [alert] = raised
    assert alert.level == "warning"
    assert alert.payload["previous_state"] == "unchecked"
    assert [e["ref"] for e in alert.payload["evidence"]] == [
        "event:dark_transit:412345678:2025-06-02"
    ]
    assert desk.cycle(board(3, 0.40, [seen])) == []


def test_light_indicator_changes_are_silent_unless_flagged_heavy() -> None:
    """A likelihood ratio under 3 is not heavy; a heavy flag from watch.yaml overrides it."""
    light = indicator("sunan-arrivals", "observed", p_h=0.5, p_not_h=0.25, log_lr=0.7)
    assert not is_heavy(light, AlertPolicy())
    assert Desk().cycle(board(1, 0.35, [light])) == []
    flagged = AlertPolicy(heavy={("new-wave", "sunan-arrivals"): True})
    assert [a.kind for a in Desk(policy=flagged).cycle(board(1, 0.35, [light]))] == ["indicator"]


@pytest.mark.parametrize(("p_h", "p_not_h", "heavy"), [(0.6, 0.2, True), (0.59, 0.2, False)])
def test_heavy_is_a_likelihood_ratio_of_three_either_way(
    p_h: float, p_not_h: float, heavy: bool
) -> None:
    """LR >= 3 is heavy, and so is LR <= 1/3 (an indicator against the hypothesis)."""
    assert is_heavy(indicator(p_h=p_h, p_not_h=p_not_h), AlertPolicy()) is heavy
    assert is_heavy(indicator(p_h=p_not_h, p_not_h=p_h), AlertPolicy()) is heavy


def test_a_board_recorded_without_alerts_is_caught_up_from_the_ledger() -> None:
    """Alerts derive from the ledger: an entry recorded elsewhere still raises its alert."""
    desk = Desk()
    desk.ledger.extend(board(1, 0.62).ledger())  # e.g. recorded by `watchfloor warnings`
    raised = desk.cycle(board(2, 0.63))
    assert [a.key for a in raised] == ["band:new-wave:likely:2025-06-02"]
    assert raised[0].payload["replayed"] is True
    assert desk.cycle(board(3, 0.64)) == []


def test_history_after_the_board_is_ignored() -> None:
    """Evaluating an earlier date replays only the ledger before it."""
    later = board(20, 0.9).ledger()
    raised = raise_alerts(board(1, 0.3), later, AlertPolicy(), raised_at=T0)
    assert raised == []


def test_keys_are_bounded_and_stable() -> None:
    """A very long hypothesis id still gives a key that fits the column, the same each time."""
    long_id = "h" * 200
    first = Desk().cycle(board(1, 0.7, hypothesis=long_id))[0].key
    again = Desk().cycle(board(1, 0.7, hypothesis=long_id))[0].key
    assert first == again
    assert len(first) == 128
    assert first.startswith("band:hhh")


def test_keys_take_the_utc_date_of_the_evaluation() -> None:
    """An as-of given in another zone is dated by its UTC day in the key."""
    seoul = dt.timezone(dt.timedelta(hours=9))
    evaluated = board(0, 0.7)
    local = dt.datetime(2025, 6, 2, 1, 0, tzinfo=seoul)  # 2025-06-01 16:00 UTC
    shifted = type(evaluated)(as_of=local, hypotheses=evaluated.hypotheses)
    assert Desk().cycle(shifted)[0].key == "band:new-wave:likely:2025-06-01"
