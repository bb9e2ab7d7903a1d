"""``watchfloor imagery change``: the three products, the summary, and one-line errors."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pytest
import rasterio
from pyproj import Transformer

from imagery_helpers import ORIGIN, texture, write_raster
from watchfloor.cli.main import main


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    """A 120x120 three-band scene at 30 m and the same with two blocks changed."""
    scene = texture((120, 120), seed=12, bands=3)
    planted = scene.copy()
    planted[:, 20:30, 20:35] += np.float32(70)
    planted[:, 80:92, 60:70] -= np.float32(70)
    return write_raster(tmp_path / "before.tif", scene), write_raster(
        tmp_path / "after.tif", planted
    )


def _workspace(tmp_path: Path) -> Path:
    """A folder with a watch.yaml naming one site over the first changed block."""
    lon, lat = Transformer.from_crs("EPSG:32618", "EPSG:4326", always_xy=True).transform(
        ORIGIN.c + 27.5 * ORIGIN.a, ORIGIN.f + 25 * ORIGIN.e
    )
    root = tmp_path / "ws"
    root.mkdir()
    (root / "watch.yaml").write_text(
        "version: 1\nsites:\n"
        f"  - {{id: apron, name: Apron, kind: airfield, country: USA, lat: {lat:.6f}, "
        f"lon: {lon:.6f}, radius_km: 0.6}}\n",
        encoding="utf-8",
    )
    return root


def test_writes_mask_geojson_and_summary(
    pair: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """-o DIR --json: the three files exist, agree with each other and with the inputs."""
    before, after = pair
    out = tmp_path / "out"
    ws = _workspace(tmp_path)
    args = ["imagery", "change", str(before), str(after), "-o", str(out), "--json"]
    code = main(["--workspace", str(ws), *args])
    assert code == 0
    printed = json.loads(capsys.readouterr().out)
    assert set(printed["outputs"]) == {"mask", "geojson", "summary"}
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["before"]["sha256"] == hashlib.sha256(before.read_bytes()).hexdigest()
    assert summary["after"]["sha256"] == hashlib.sha256(after.read_bytes()).hexdigest()
    # 150 + 120 px planted; the 0.7 px smoothing may add a rim pixel here and there.
    assert 270 <= summary["changed"]["pixels"] <= 290
    [site] = summary["sites"]
    assert site["site"] == "apron" and 150 <= site["changed_px"] <= 160
    with rasterio.open(out / "change_mask.tif") as mask, rasterio.open(before) as src:
        assert (mask.crs, mask.transform, mask.shape) == (src.crs, src.transform, src.shape)
        assert mask.dtypes[0] == "uint8" and mask.nodata == 255
        assert int((mask.read(1) == 1).sum()) == summary["changed"]["pixels"]
    geojson = json.loads((out / "change.geojson").read_text(encoding="utf-8"))
    features = geojson["features"]
    assert len(features) == 2
    assert sum(f["properties"]["pixels"] for f in features) == summary["changed"]["pixels"]
    total = sum(f["properties"]["area_m2"] for f in features)
    assert total == pytest.approx(summary["changed"]["area_m2"], rel=1e-4)
    lon, lat = features[0]["geometry"]["coordinates"][0][0]
    assert -76 < lon < -74 and 35 < lat < 37  # EPSG:4326, lon first


def test_prints_a_table_without_output_folder(
    pair: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without -o nothing is written and a table with the shift and changed area is printed."""
    before, after = pair
    code = main(
        ["--workspace", str(tmp_path / "none"), "imagery", "change", str(before), str(after)]
    )
    assert code == 0
    text = capsys.readouterr().out
    assert "changed area" in text and "m²" in text and "shift" in text
    assert not (tmp_path / "change_mask.tif").exists()


def test_unreadable_input_is_one_line_naming_it(
    pair: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A text file as AFTER: exit code 2 and one line on stderr naming it."""
    bad = tmp_path / "notes.txt"
    bad.write_text("not an image\n", encoding="utf-8")
    assert main(["imagery", "change", str(pair[0]), str(bad)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0
    assert err.startswith("watchfloor: error: ") and str(bad) in err


def test_missing_site_is_one_line(
    pair: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--site with an id that watch.yaml lacks: exit code 2 and one line."""
    ws = _workspace(tmp_path)
    args = ["imagery", "change", *map(str, pair), "--site", "sunan", "--workspace", str(ws)]
    assert main(args) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "unknown site 'sunan'" in err


def test_site_without_watch_yaml_is_one_line(
    pair: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--site when the workspace has no watch.yaml: exit code 2 and one line naming the file."""
    args = ["imagery", "change", *map(str, pair), "--site", "apron"]
    assert main(["--workspace", str(tmp_path / "empty"), *args]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "watch.yaml" in err
