#!/usr/bin/env python3
"""Maritime detectors at scale: time on DuckDB, recall and precision on planted events.

Input: a synthetic lake from ``scripts/generate_ais.py`` (``generate(out_dir, positions,
seed) -> Path`` writes ``out_dir/ais_positions/day=…/*.parquet`` with the ``POSITIONS_SCHEMA``
columns and ``out_dir/truth.json``, the planted events ``[{kind, mmsi, other_mmsi, site, start,
end}]``, and returns the path of either), or an
existing folder with ``--lake DIR`` (its ``truth.json`` beside it, or ``--truth FILE``). The
sites are those of a ``watch.yaml`` found in the folder (or ``--config FILE``), else the
default Korea-Russia ``watch.yaml``. The generator plants reappearances of any vessel, while
the detector looks only at watchlisted ones, so by default the whole fleet is put on the
watchlist (``--watch config`` keeps the file's watchlist); the identity join that this adds
to every position is timed with the rest.

Measured, in one run:

1. every detector over all positions (``watchfloor.detect.run_detectors``), time per stage
   (building the tracks, the 10-minute bins, each detector), against the target of 30 s for
   10 million positions on 2 cores;
2. recall and precision per kind against ``truth.json``: a detected event matches a planted
   one of the same kind and vessel (``mmsi``; an encounter matches either vessel order) whose
   time overlaps it, allowing ``--slack-min`` minutes at either end;
3. the baseline: the gap and spoofing detectors written with pandas (sort, ``groupby`` +
   ``diff``/``shift``, NumPy haversine) on a subset of whole tracks of about ``--subset``
   positions, beside DuckDB's tracks + gaps + spoofing on the same subset file, both timed
   from the Parquet file, with the watchlist of the configuration file (no identity join,
   which pandas does not do either); the ratio pandas/DuckDB is printed, and the counts are
   compared.

Usage: python benchmarks/bench_detectors.py [--positions N] [--seed S] [--subset M]
       [--lake DIR] [--truth FILE] [--config FILE] [--watch fleet|config] [--threads T]
       [--keep DIR]

The baseline needs pandas (``pip install pandas``); without it that part is skipped.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import importlib.util
import json
import os
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from watchfloor.config import (
    VesselEntry,
    WatchConfig,
    default_config_text,
    load_config,
    parse_config,
)
from watchfloor.detect import Event, run_detectors

ROOT = Path(__file__).resolve().parents[1]
GENERATOR = ROOT / "scripts" / "generate_ais.py"
TARGET_SECONDS = 30.0
TARGET_POSITIONS = 10_000_000
EARTH_RADIUS_KM = 6371.0088


def load_generator() -> Callable[[Path, int, int], Path]:
    """``generate`` from ``scripts/generate_ais.py`` (not a package, so loaded by path)."""
    if not GENERATOR.exists():
        raise SystemExit(
            f"{GENERATOR} does not exist yet; pass --lake DIR with a lake and its truth.json"
        )
    spec = importlib.util.spec_from_file_location("generate_ais", GENERATOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["generate_ais"] = module
    spec.loader.exec_module(module)
    generate: Callable[[Path, int, int], Path] = module.generate
    return generate


def lake_parts(folder: Path) -> tuple[list[Path], list[Path]]:
    """The position and static Parquet files under a lake-layout folder."""
    for root in (folder, folder.parent):
        if (root / "ais_positions").is_dir():
            positions = sorted((root / "ais_positions").rglob("*.parquet"))
            statics = sorted((root / "ais_statics").rglob("*.parquet"))
            return positions, statics
    every = sorted(p for p in folder.rglob("*.parquet") if "ais_statics" not in p.parts)
    return every, []


def find_file(name: str, *folders: Path) -> Path | None:
    """The first ``folder/name`` that exists."""
    return next((f / name for f in folders if (f / name).is_file()), None)


def parse_time(value: Any) -> dt.datetime | None:
    """An ISO 8601 string (or epoch seconds) from truth.json as aware UTC."""
    if value is None or value == "":
        return None
    if isinstance(value, int | float):
        return dt.datetime.fromtimestamp(float(value), dt.UTC)
    stamp = dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=dt.UTC)


def overlaps(event: Event, planted: dict[str, Any], slack: dt.timedelta) -> bool:
    """True when the event's time and the planted event's overlap (with ``slack``)."""
    start = parse_time(planted.get("start"))
    if start is None:
        return False
    end = parse_time(planted.get("end")) or start
    event_end = event.end or event.start
    return event.start <= end + slack and start - slack <= event_end


def same_vessel(event: Event, planted: dict[str, Any]) -> bool:
    """Same MMSI; an encounter matches in either order."""
    mmsi = planted.get("mmsi")
    other = planted.get("other_mmsi")
    if event.kind == "encounter" and other is not None:
        return {event.mmsi, event.other_mmsi} == {int(mmsi), int(other)}
    return mmsi is not None and event.mmsi == int(mmsi)


Scores = dict[str, dict[str, float]]
Missed = dict[str, list[dict[str, Any]]]


def score(
    events: list[Event], truth: list[dict[str, Any]], slack: dt.timedelta
) -> tuple[Scores, Missed]:
    """Per kind: planted, detected, recall and precision; and the planted events missed."""
    by_key: dict[tuple[str, int], list[Event]] = defaultdict(list)
    for event in events:
        for mmsi in {event.mmsi, event.other_mmsi} - {None}:
            assert mmsi is not None
            by_key[(event.kind, mmsi)].append(event)
    matched_events: set[str] = set()
    found: dict[str, int] = defaultdict(int)
    planted: dict[str, int] = defaultdict(int)
    missed: Missed = defaultdict(list)
    for item in truth:
        kind = str(item["kind"])
        planted[kind] += 1
        hits = [
            e
            for e in by_key.get((kind, int(item["mmsi"])), [])
            if same_vessel(e, item) and overlaps(e, item, slack)
        ]
        if hits:
            found[kind] += 1
            matched_events.update(e.key for e in hits)
        else:
            missed[kind].append(item)
    detected: dict[str, int] = defaultdict(int)
    true_pos: dict[str, int] = defaultdict(int)
    for event in events:
        detected[event.kind] += 1
        true_pos[event.kind] += event.key in matched_events
    out: Scores = {}
    for kind in sorted(set(planted) | set(detected)):
        out[kind] = {
            "planted": planted[kind],
            "detected": detected[kind],
            "recall": found[kind] / planted[kind] if planted[kind] else float("nan"),
            "precision": true_pos[kind] / detected[kind] if detected[kind] else float("nan"),
        }
    return out, missed


def subset_file(positions: list[Path], size: int, out: Path) -> tuple[Path, int]:
    """Whole tracks of the lowest MMSIs, about ``size`` positions, in one Parquet file."""
    table = pa.concat_tables(
        [pq.read_table(p, columns=["mmsi", "ts", "lat", "lon", "speed_kn"]) for p in positions]
    )
    counts = table.group_by("mmsi").aggregate([("mmsi", "count")]).sort_by("mmsi")
    total, keep = 0, []
    for mmsi, count in zip(
        counts["mmsi"].to_pylist(), counts["mmsi_count"].to_pylist(), strict=True
    ):
        if total >= size:
            break
        keep.append(mmsi)
        total += count
    part = table.filter(pc.is_in(table["mmsi"], pa.array(keep, pa.int64())))
    pq.write_table(part, out, compression="zstd")
    return out, part.num_rows


def pandas_gaps_and_spoofing(
    path: Path, gap_hours: float, spoof_kn: float, min_km: float
) -> tuple[int, int]:
    """The baseline: gap and spoofing detection with pandas, from the Parquet file."""
    import numpy as np
    import pandas as pd

    df = pd.read_parquet(path, columns=["mmsi", "ts", "lat", "lon"])
    df = df[
        df["ts"].notna()
        & df["lat"].between(-90, 90)
        & df["lon"].between(-180, 180)
        & ~((df["lat"] == 0) & (df["lon"] == 0))
    ]
    df = df.sort_values(["mmsi", "ts", "lat", "lon"], kind="stable", ignore_index=True)
    groups = df.groupby("mmsi", sort=False)
    seconds = groups["ts"].diff().dt.total_seconds().to_numpy()
    lat1, lon1 = (
        np.radians(groups["lat"].shift().to_numpy()),
        np.radians(groups["lon"].shift().to_numpy()),
    )
    lat2, lon2 = np.radians(df["lat"].to_numpy()), np.radians(df["lon"].to_numpy())
    a = (
        np.sin((lat2 - lat1) / 2) ** 2
        + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    )
    km = 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.minimum(1.0, a)))
    gaps = int(np.count_nonzero(seconds >= gap_hours * 3600))
    jump = (km >= min_km) & (km * 3600 > spoof_kn * 1.852 * seconds)
    jump = np.nan_to_num(jump, nan=0).astype(bool)
    previous = pd.Series(jump).groupby(df["mmsi"]).shift(fill_value=False).to_numpy()
    runs = int(np.count_nonzero(jump & ~previous))
    return gaps, runs


def timed(label: str, work: Callable[[], Any], timings: dict[str, float]) -> Any:
    """Run ``work`` and remember its wall time under ``label``."""
    gc.collect()
    started = time.perf_counter()
    result = work()
    timings[label] = time.perf_counter() - started
    return result


def main(argv: list[str] | None = None) -> int:
    """Generate (or read) a lake, run and score the detectors, run the baseline."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--positions", type=int, default=TARGET_POSITIONS)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--subset", type=int, default=1_000_000)
    parser.add_argument("--slack-min", type=float, default=30.0)
    parser.add_argument("--lake", type=Path, help="use this lake instead of generating one")
    parser.add_argument("--truth", type=Path, help="truth.json (default: found beside the lake)")
    parser.add_argument("--config", type=Path, help="watch.yaml with the sites")
    parser.add_argument("--watch", choices=["fleet", "config"], default="fleet")
    parser.add_argument("--threads", type=int, default=None, help="DuckDB threads")
    parser.add_argument("--keep", type=Path, help="generate into DIR and keep it")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="wf-bench-") as scratch:
        work_dir = args.keep or Path(scratch)
        if args.lake is None:
            generate = load_generator()
            out = work_dir / "generated"
            started = time.perf_counter()
            made = Path(generate(out, args.positions, args.seed))
            folder = made.parent if made.is_file() else made
            took = time.perf_counter() - started
            print(f"generated {args.positions:,} positions in {took:.1f} s")
        else:
            folder = args.lake
        positions, statics = lake_parts(folder)
        if not positions:
            raise SystemExit(f"{folder}: no Parquet files of positions")
        total = sum(pq.ParquetFile(p).metadata.num_rows for p in positions)
        sites = _config(args.config, folder)
        config = watch_fleet(sites, positions) if args.watch == "fleet" else sites
        truth_path = args.truth or find_file("truth.json", folder, folder.parent, work_dir)
        truth = json.loads(truth_path.read_text("utf-8")) if truth_path else []

        cores = os.cpu_count()
        print(f"lake: {total:,} positions in {len(positions)} files; {cores} cores")
        timings: dict[str, float] = {}
        events = timed(
            "all detectors",
            lambda: run_detectors(
                positions, statics, config, timings=timings, threads=args.threads
            ),
            timings,
        )
        print("\nDuckDB, every detector over the whole lake")
        for stage, seconds in timings.items():
            print(f"  {stage:<14} {seconds:8.2f} s")
        scaled = timings["all detectors"] * TARGET_POSITIONS / max(total, 1)
        print(
            f"  {len(events):,} events; {total / timings['all detectors'] / 1e6:.2f} M positions/s"
            f"; {scaled:.1f} s per 10 M positions (target {TARGET_SECONDS:.0f} s)"
        )

        if truth:
            slack = dt.timedelta(minutes=args.slack_min)
            table, missed = score(events, truth, slack)
            print(f"\nagainst {truth_path} (overlap with {args.slack_min:g} min slack)")
            print(f"  {'kind':<14}{'planted':>9}{'detected':>10}{'recall':>9}{'precision':>11}")
            for kind, row in table.items():
                print(
                    f"  {kind:<14}{row['planted']:>9.0f}{row['detected']:>10.0f}"
                    f"{row['recall']:>9.3f}{row['precision']:>11.3f}"
                )
            for kind, items in missed.items():
                print(f"  missed {kind}: {len(items)}, e.g. {items[0]}")
        else:
            print("\nno truth.json: recall and precision not computed")

        try:
            import pandas  # noqa: F401
        except ImportError:
            print("\npandas is not installed (pip install pandas): baseline skipped")
            return 0
        sub_path, sub_rows = subset_file(positions, args.subset, Path(scratch) / "subset.parquet")
        th = config.thresholds
        base: dict[str, float] = {}
        counts = timed(
            "pandas",
            lambda: pandas_gaps_and_spoofing(
                sub_path, th.gap_hours, th.spoofing_kn, th.spoofing_min_km
            ),
            base,
        )
        ours = timed(
            "duckdb",
            lambda: run_detectors(
                [sub_path], [], sites, only=("gaps", "spoofing"), threads=args.threads
            ),
            base,
        )
        our_gaps = sum(e.kind in ("gap", "dark_transit") for e in ours)
        our_runs = sum(e.kind == "spoofing" for e in ours)
        print(f"\nbaseline: gaps and spoofing on a subset of {sub_rows:,} positions (whole tracks)")
        pandas_gaps, pandas_runs = counts
        print(f"  pandas groupby/diff   {base['pandas']:8.2f} s  ", end="")
        print(f"{pandas_gaps:,} gaps, {pandas_runs:,} jump runs")
        print(f"  DuckDB (watchfloor)   {base['duckdb']:8.2f} s  ", end="")
        print(f"{our_gaps:,} gaps, {our_runs:,} jump runs")
        print(f"  ratio pandas / DuckDB {base['pandas'] / base['duckdb']:8.2f}x")
    return 0


def watch_fleet(config: WatchConfig, positions: list[Path]) -> WatchConfig:
    """``config`` with every MMSI of the lake on the watchlist (one vessel each)."""
    mmsis: set[int] = set()
    for path in positions:
        column = pq.read_table(path, columns=["mmsi"])["mmsi"]
        mmsis.update(pc.unique(column).to_pylist())
    listed = [VesselEntry(name=f"fleet {m}", mmsi=[m]) for m in sorted(mmsis) if m]
    return config.model_copy(update={"vessels": [*config.vessels, *listed]})


def _config(path: Path | None, folder: Path) -> WatchConfig:
    if path is not None:
        return load_config(path)
    found = find_file("watch.yaml", folder, folder.parent)
    return load_config(found) if found else parse_config(default_config_text())


if __name__ == "__main__":
    raise SystemExit(main())
