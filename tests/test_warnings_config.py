"""The hypotheses section of watch.yaml: the shipped set, errors with file:line, the docs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from watchfloor.config import default_config_text, parse_config
from watchfloor.config.hypotheses import (
    ClaimsQuery,
    EstimateQuery,
    EventQuery,
    Hypothesis,
    Indicator,
    UptickQuery,
)
from watchfloor.errors import ConfigError

DOCS = Path(__file__).resolve().parents[1] / "docs"

GOOD = """\
version: 1
sites:
  - {id: dunai, name: Dunai, kind: port, country: RUS, lat: 42.88, lon: 132.34, radius_km: 6}
hypotheses:
  - id: wave
    statement: a wave comes
    set: dispatch
    prior: 0.25
    window_days: 60
    indicators:
      - id: transit
        name: Dark transit into Dunai
        p_e_given_h: 0.6
        p_e_given_not_h: 0.2
        domain: maritime
        event: {kind: dark_transit, site: dunai, watchlisted: true}
"""


def _error(text: str) -> str:
    with pytest.raises(ConfigError) as info:
        parse_config(text, "watch.yaml")
    return str(info.value)


def test_good_hypothesis_parses() -> None:
    """A minimal hypothesis gives its indicator, query kind and heavy flag."""
    [hypothesis] = parse_config(GOOD).hypotheses
    [indicator] = hypothesis.indicators
    assert (hypothesis.id, indicator.query_kind, indicator.is_heavy()) == ("wave", "event", True)
    assert isinstance(indicator.query, EventQuery) and indicator.query.domain == "maritime"


def test_default_hypotheses_cover_the_founding_case() -> None:
    """The shipped set has the three alternatives, priors adding to 1, and shared indicators."""
    config = parse_config(default_config_text())
    sets = {h.set for h in config.hypotheses}
    assert sets == {"dprk-dispatch"}
    assert [h.id for h in config.hypotheses] == ["new-wave", "rotation-only", "no-dispatch"]
    assert sum(h.prior for h in config.hypotheses) == pytest.approx(1.0)
    ids = [[i.id for i in h.indicators] for h in config.hypotheses]
    assert ids[0] == ids[1] == ids[2]
    kinds = {i.query_kind for i in config.hypotheses[0].indicators}
    assert kinds == {"event", "uptick", "claims"}
    wave = config.hypotheses[0]
    for indicator in wave.indicators:
        assert indicator.p_e_given_h > indicator.p_e_given_not_h, indicator.id


def test_default_indicators_each_justify_their_likelihoods() -> None:
    """Every indicator in the shipped file has a comment line just above its likelihoods."""
    lines = default_config_text().splitlines()
    section = lines[next(i for i, line in enumerate(lines) if line == "hypotheses:") :]
    for index, line in enumerate(section):
        if line.strip().startswith("p_e_given_h:"):
            assert section[index - 1].strip().startswith("#"), section[index - 2]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "        p_e_given_h: 0.6\n",
            "        p_e_given_h: 1.0\n",
            "watch.yaml:13: hypotheses[0].indicators[0].p_e_given_h: Input should be less than 1",
        ),
        (
            "    prior: 0.25\n",
            "    prior: 0.25\n    priors: 0.3\n",
            "watch.yaml:9: hypotheses[0].priors: unknown key",
        ),
        (
            "        event: {kind: dark_transit, site: dunai, watchlisted: true}\n",
            "        event: {kind: dark_transit, site: dunai}\n        claims: {measure: troops}\n",
            "watch.yaml:11: hypotheses[0].indicators[0]: an indicator takes exactly one query "
            "(event, claims, estimate or uptick); found event, claims",
        ),
        (
            "site: dunai, watchlisted",
            "site: dunay, watchlisted",
            "watch.yaml:16: hypotheses[0].indicators[0].event.site: unknown site 'dunay'; "
            "sites has no such id",
        ),
        (
            "    window_days: 60\n",
            "    window_days: within 60 days\n",
            "watch.yaml:9: hypotheses[0].window_days: Input should be a valid integer",
        ),
        (
            "{kind: dark_transit,",
            "{kind: dark_transit, aircraft: RA-86559,",
            "watch.yaml:16: hypotheses[0].indicators[0].event: aircraft filters air events only",
        ),
    ],
)
def test_errors_name_file_line_and_key(old: str, new: str, expected: str) -> None:
    """A bad hypothesis is one error naming the file, line and key path."""
    assert old in GOOD
    assert _error(GOOD.replace(old, new)).startswith(expected)


def test_duplicate_indicator_id_is_refused_at_its_line() -> None:
    """Two indicators of one hypothesis with one id: the second is named at its line."""
    second = GOOD.split("    indicators:\n")[1]
    message = _error(GOOD + second)
    assert message.startswith(
        "watch.yaml:17: hypotheses[0].indicators[1].id: duplicate indicator id 'transit'"
    )


def test_priors_of_a_set_above_one_are_refused() -> None:
    """Alternatives exclude each other, so the priors of a set add up to at most 1."""
    other = GOOD.split("hypotheses:\n")[1].replace("id: wave", "id: quiet")
    message = _error(GOOD + other.replace("prior: 0.25", "prior: 0.8"))
    assert message.startswith("watch.yaml:20: hypotheses[1].prior: the priors of set 'dispatch'")


def test_estimate_query_needs_a_quantity_and_one_threshold() -> None:
    """An estimate query names a measure and exactly one of above and below."""
    text = GOOD.replace(
        "        event: {kind: dark_transit, site: dunai, watchlisted: true}\n",
        '        estimate: {query: "ships in port", above: 3}\n',
    )
    assert "names no quantity" in _error(text)
    both = text.replace('"ships in port", above: 3', '"troops", above: 3, below: 9')
    assert "exactly one of above and below" in _error(both)


def _keys(model: type) -> set[str]:
    return set(model.model_fields)  # type: ignore[attr-defined]


def test_every_hypotheses_key_is_documented() -> None:
    """docs/watch-yaml.md names every key of hypotheses, indicators and the four queries."""
    text = (DOCS / "watch-yaml.md").read_text(encoding="utf-8")
    section = text[text.index("## Hypotheses") :]
    keys = set().union(
        *(_keys(m) for m in (Hypothesis, Indicator, EventQuery, ClaimsQuery, EstimateQuery))
    )
    keys |= _keys(UptickQuery)
    missing = sorted(k for k in keys if not re.search(rf"`{k}`", section))
    assert missing == []
