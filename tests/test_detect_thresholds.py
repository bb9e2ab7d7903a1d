"""The ``thresholds`` of watch.yaml, and the docs that describe them and the event kinds."""

from __future__ import annotations

from pathlib import Path

import pytest

from watchfloor.config import Thresholds, parse_config
from watchfloor.detect import KINDS
from watchfloor.errors import ConfigError

DOCS = Path(__file__).resolve().parents[1] / "docs"


def test_a_watch_yaml_without_thresholds_gets_the_defaults() -> None:
    """No ``thresholds`` section validates and gives the documented defaults."""
    config = parse_config("version: 1\n")
    assert config.thresholds == Thresholds()
    assert (config.thresholds.port_enter_km, config.thresholds.port_leave_km) == (3.0, 4.0)
    assert (config.thresholds.gap_hours, config.thresholds.reappear_days) == (6.0, 14.0)


def test_one_key_changes_only_that_threshold() -> None:
    """A partial section keeps the other defaults."""
    config = parse_config("version: 1\nthresholds:\n  gap_hours: 12\n")
    assert config.thresholds == Thresholds(gap_hours=12)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("  gap_hour: 8\n", "watch.yaml:3: thresholds.gap_hour: unknown key"),
        ("  gap_hours: -1\n", "watch.yaml:3: thresholds.gap_hours: Input should be greater than 0"),
        ("  port_enter_km: 5\n", "port_leave_km (4.0) must be at least port_enter_km (5.0)"),
        ("  resume_kn: 0.1\n", "resume_kn (0.1) must be at least stop_kn (0.2)"),
    ],
    ids=["typo", "negative", "leave-inside-enter", "resume-below-stop"],
)
def test_bad_thresholds_name_key_and_line(body: str, expected: str) -> None:
    """A typo, a negative value or inverted hysteresis is an error naming the key."""
    with pytest.raises(ConfigError) as caught:
        parse_config("version: 1\nthresholds:\n" + body)
    assert expected in str(caught.value)


def test_every_threshold_is_documented() -> None:
    """docs/watch-yaml.md has a row for each threshold key, with its default."""
    text = (DOCS / "watch-yaml.md").read_text(encoding="utf-8")
    for name, field in Thresholds.model_fields.items():
        default = f"{field.default:g}"
        assert f"| `{name}` | {default} |" in text, name


def test_every_kind_is_defined_in_the_detectors_doc() -> None:
    """docs/detectors.md has a row for each event kind."""
    text = (DOCS / "detectors.md").read_text(encoding="utf-8")
    assert [k for k in KINDS if f"| `{k}` |" not in text] == []
