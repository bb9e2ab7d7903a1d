#!/usr/bin/env python3
"""Generate the synthetic parts of the bundled Korea-Russia scenario (seeded, reproducible).

Writes ``src/watchfloor/scenarios/korea_russia/imagery/observations.csv``: weekly imagery
counts at Sunan airport and Dunai port from January to July 2025. The counts are Poisson
draws around a baseline that rises in May-June 2025, the pattern the founding reporting
describes ("a clear uptick in preparations" in May and June imagery). One row carries a
mistyped site id, as analysts' sheets do, so the demo shows quarantine at work.

Everything here is SYNTHETIC: no row is a real observation.

Usage: python scripts/generate_scenario.py [--seed N] [--out DIR]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import math
import random
from pathlib import Path

SEED = 20250627
OUT = Path(__file__).resolve().parents[1] / "src/watchfloor/scenarios/korea_russia"

# (site, object class, sensor, resolution in m, baseline mean, mean during the uptick)
SERIES = (
    ("sunan", "aircraft", "PlanetScope", 3.0, 4.0, 11.0),
    ("sunan", "vehicle", "PlanetScope", 3.0, 18.0, 42.0),
    ("dunai", "ship", "Sentinel-2", 10.0, 1.0, 3.5),
    ("dunai", "railcar", "PlanetScope", 3.0, 20.0, 55.0),
)
START = dt.date(2025, 1, 6)  # a Monday
WEEKS = 30
UPTICK = (dt.date(2025, 5, 1), dt.date(2025, 6, 30))


def poisson(rng: random.Random, mean: float) -> int:
    """Draw from Poisson(mean) by inversion (means here are small)."""
    limit, k, p = math.exp(-mean), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def rows(seed: int) -> list[dict[str, str]]:
    """All observation rows, in date order."""
    rng = random.Random(seed)
    out: list[dict[str, str]] = []
    for week in range(WEEKS):
        day = START + dt.timedelta(weeks=week)
        for site, cls, sensor, res, base, high in SERIES:
            if rng.random() < 0.15:  # cloud or no collection that week
                continue
            mean = high if UPTICK[0] <= day <= UPTICK[1] else base
            hour = rng.choice((1, 2, 3))  # morning passes over the region, in UTC
            out.append(
                {
                    "site": site,
                    "observed_at": f"{day.isoformat()}T{hour:02d}:{rng.randrange(60):02d}:00Z",
                    "sensor": sensor,
                    "resolution_m": f"{res:g}",
                    "object_class": cls,
                    "count": str(poisson(rng, mean)),
                    "observer": "scenario analyst (synthetic)",
                    "confidence": f"{rng.uniform(0.6, 0.95):.2f}",
                    "image_ref": f"synthetic-{sensor.lower()}-{site}-{day:%Y%m%d}",
                    "note": "",
                }
            )
    typo = dict(out[len(out) // 2])
    typo["site"] = "sunan-airprot"
    typo["note"] = "mistyped site id (kept to show quarantine)"
    out.insert(len(out) // 2 + 1, typo)
    return out


def write(out_dir: Path, seed: int = SEED) -> Path:
    """Write the observations CSV under ``out_dir`` and return its path."""
    target = out_dir / "imagery" / "observations.csv"
    target.parent.mkdir(parents=True, exist_ok=True)
    data = rows(seed)
    with target.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(data[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(data)
    return target


def main() -> None:
    """Parse arguments and write the files."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    print(write(args.out, args.seed))


if __name__ == "__main__":
    main()
