"""watch.yaml validation: the shipped default, and one-line errors naming key path and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from watchfloor.config import default_config_text, load_config, parse_config
from watchfloor.errors import ConfigError

GOOD = """\
version: 1
sites:
  - id: dunai
    name: Dunai
    kind: port
    country: RUS
    lat: 42.88
    lon: 132.35
    radius_km: 3
  - id: sunan
    name: Sunan
    kind: airfield
    country: PRK
    lat: 39.22
    lon: 125.67
    radius_km: 5
sources:
  - name: National Intelligence Service
    kind: agency
    country: KOR
    reliability: B
    aliases: [NIS]
"""


def _error(text: str) -> str:
    with pytest.raises(ConfigError) as info:
        parse_config(text, "watch.yaml")
    return str(info.value)


def test_default_config_is_valid_and_covers_the_corridor() -> None:
    """The shipped watch.yaml validates and names the sites, vessels and sources required."""
    config = parse_config(default_config_text())
    ids = {s.id for s in config.sites}
    assert {"rajin", "chongjin", "hungnam", "dunai", "vostochny", "vladivostok"} <= ids
    assert {"sunan", "knevichi", "khabarovsk"} <= ids
    airfields = {s.icao for s in config.sites if s.kind == "airfield"}
    assert {"ZKPY", "UHWW", "UHHH"} <= airfields
    names = " ".join(v.name for v in config.vessels).lower()
    for vessel in ("angara", "maria", "maia-1", "lady r"):
        assert vessel in names
    assert config.aircraft, "the default watchlists Russian state aircraft"
    known = {a.casefold() for s in config.sources for a in (s.name, *s.aliases)}
    for alias in ("nis", "hur", "kcna", "cnn", "yonhap", "reuters", "kremlin"):
        assert alias in known, alias


def test_good_config_parses() -> None:
    """A minimal valid file gives its sites and sources."""
    config = parse_config(GOOD)
    assert [s.id for s in config.sites] == ["dunai", "sunan"]
    assert config.sources[0].reliability == "B"


def test_bad_latitude_names_key_and_line() -> None:
    """A latitude of 91 is refused with the key path and its line."""
    message = _error(GOOD.replace("lat: 42.88", "lat: 91"))
    assert message.startswith("watch.yaml:7: sites[0].lat:")
    assert "less than or equal to 90" in message


def test_unknown_key_names_key_and_line() -> None:
    """A misspelt key is an error at its own line, not silently ignored."""
    message = _error(GOOD.replace("    radius_km: 5\n", "    radius_km: 5\n    raduis: 4\n"))
    assert message == "watch.yaml:17: sites[1].raduis: unknown key"


def test_duplicate_site_id() -> None:
    """Two sites with one id are refused at the second."""
    message = _error(GOOD.replace("id: sunan", "id: dunai"))
    assert message.startswith("watch.yaml:10: sites[1].id: duplicate id 'dunai'")


def test_reliability_z_is_refused() -> None:
    """Admiralty reliability runs A-F; Z is an error naming the source entry's line."""
    message = _error(GOOD.replace("reliability: B", "reliability: Z"))
    assert message.startswith("watch.yaml:21: sources[0].reliability:")
    assert "'A'" in message and "'F'" in message


def test_yaml_syntax_error_has_line() -> None:
    """Broken YAML is reported with the line where the parser stopped."""
    message = _error(GOOD.replace("    kind: airfield\n", "    kind: [airfield\n"))
    assert message.startswith("watch.yaml:1") and "not valid YAML" in message


def test_duplicate_yaml_key() -> None:
    """A key given twice in one mapping is an error (YAML would keep the last silently)."""
    message = _error(GOOD.replace("    lon: 125.67\n", "    lon: 125.67\n    lon: 125.7\n"))
    assert message == "watch.yaml:16: duplicate key 'lon'"


def test_site_needs_one_footprint() -> None:
    """A site without radius_km or polygon is refused."""
    message = _error(GOOD.replace("    radius_km: 3\n", ""))
    assert "sites[0]" in message and "radius_km or polygon" in message


def test_invalid_imo_check_digit() -> None:
    """An IMO number whose check digit is wrong is refused."""
    text = GOOD + "vessels:\n  - name: Test\n    imo: 9074729\n"
    assert parse_config(text).vessels[0].imo == 9074729
    message = _error(GOOD + "vessels:\n  - name: Test\n    imo: 9074728\n")
    assert message.startswith("watch.yaml:25: vessels[0].imo:")


def test_alias_clash_between_sources() -> None:
    """One alias naming two sources would make attribution ambiguous, so it is refused."""
    text = GOOD + "  - name: Naval Information Service\n    kind: agency\n    aliases: [NIS]\n"
    assert "alias 'NIS' already names 'National Intelligence Service'" in _error(text)


def test_load_config_missing_file(tmp_path: Path) -> None:
    """A missing file is a ConfigError naming it."""
    with pytest.raises(ConfigError, match="no such file"):
        load_config(tmp_path / "watch.yaml")
