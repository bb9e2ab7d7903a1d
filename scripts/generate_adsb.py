#!/usr/bin/env python3
"""Generate the synthetic ADS-B part of the bundled Korea-Russia scenario (seeded, reproducible).

Writes ``src/watchfloor/scenarios/korea_russia/adsb/receiver.sbs.gz``: a gzipped SBS-1
(BaseStation, port 30003) log of one receiver's view of the Vladivostok - Pyongyang corridor
in May-June 2025:

- the watchlisted Russian Air Force Il-62M RA-86559 (ICAO 15521F, plane-alert-db) flying
  Knevichi (UHWW) to Sunan (ZKPY) and back, more often from late May, the pattern the founding
  reporting describes for state flights before a new dispatch;
- on one of those trips the receiver loses the aircraft over the sea and never sees the
  landing (thin coverage over the DPRK: the landing is unknown, not absent);
- unwatched domestic traffic at Knevichi every day, so daily movements have a background.

Everything here is SYNTHETIC: no line is a real reception.

Usage: python scripts/generate_adsb.py [--seed N] [--out DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import math
import random
from pathlib import Path

SEED = 20250610
OUT = Path(__file__).resolve().parents[1] / "src/watchfloor/scenarios/korea_russia"

KNEVICHI = (43.3990, 132.1480)  # UHWW, OurAirports
SUNAN = (39.2241, 125.6700)  # ZKPY, OurAirports
KHABAROVSK = (48.5280, 135.1880)  # UHHH, OurAirports
WATCHED = ("15521F", "RSD359")  # RA-86559 Il-62M; callsign as the scenario's own choice
# (day, direction, whether the receiver loses the aircraft before landing)
TRIPS = (
    (dt.date(2025, 5, 6), "out", False),
    (dt.date(2025, 5, 7), "back", False),
    (dt.date(2025, 5, 27), "out", False),
    (dt.date(2025, 5, 28), "back", False),
    (dt.date(2025, 6, 3), "out", True),
    (dt.date(2025, 6, 4), "back", False),
    (dt.date(2025, 6, 10), "out", False),
    (dt.date(2025, 6, 11), "back", False),
    (dt.date(2025, 6, 17), "out", False),
    (dt.date(2025, 6, 18), "back", False),
)
DAYS = (dt.date(2025, 5, 1), dt.date(2025, 6, 30))
STEP_S = 20  # seconds between position messages
CRUISE_FT = 33_000
SPEED_KN = 440.0


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def _bearing(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    y = math.sin(lon2 - lon1) * math.cos(lat2)
    x = math.cos(lat1) * math.sin(lat2) - math.sin(lat1) * math.cos(lat2) * math.cos(lon2 - lon1)
    return (math.degrees(math.atan2(y, x)) + 360.0) % 360.0


def _line(kind: int, hexid: str, at: dt.datetime, **fields: str) -> str:
    """One BaseStation line; ``fields`` fill the named columns, the rest stay empty."""
    names = ("callsign", "altitude", "speed", "track", "lat", "lon", "vrate", "squawk")
    stamp = (at.strftime("%Y/%m/%d"), at.strftime("%H:%M:%S.") + f"{at.microsecond // 1000:03d}")
    values = [fields.get(name, "") for name in names]
    ground = fields.get("ground", "0")
    return ",".join(
        ["MSG", str(kind), "1", "1", hexid, "1", *stamp, *stamp, *values, "0", "0", "0", ground]
    )


def _flight(
    rng: random.Random,
    hexid: str,
    callsign: str,
    origin: tuple[float, float],
    dest: tuple[float, float],
    off: dt.datetime,
    lose_at: float | None = None,
) -> list[tuple[dt.datetime, str]]:
    """Messages of one flight from ``origin`` to ``dest`` taking off at ``off``: a taxi on the
    ground, climb, cruise, descent and roll-out; cut at fraction ``lose_at`` when given."""
    out: list[tuple[dt.datetime, str]] = []
    distance = _km(origin, dest)
    duration = distance / (SPEED_KN * 1.852) * 3600.0
    track = _bearing(origin, dest)
    for k in range(6):  # taxi: on the ground at the origin
        at = off - dt.timedelta(seconds=(6 - k) * STEP_S)
        out.append(
            (
                at,
                _line(
                    2,
                    hexid,
                    at,
                    speed="12",
                    track=f"{track:.0f}",
                    lat=f"{origin[0]:.5f}",
                    lon=f"{origin[1]:.5f}",
                    ground="-1",
                ),
            )
        )
    out.append((off, _line(1, hexid, off, callsign=callsign)))
    steps = int(duration // STEP_S)
    for k in range(1, steps):  # airborne: lift-off and touchdown are the ground rows
        f = k / steps
        if lose_at is not None and f > lose_at:
            break
        at = off + dt.timedelta(seconds=k * STEP_S + rng.uniform(-1.5, 1.5))
        lat = origin[0] + (dest[0] - origin[0]) * f
        lon = origin[1] + (dest[1] - origin[1]) * f
        climb = min(1.0, f / 0.12, (1.0 - f) / 0.12)
        altitude = max(0.0, CRUISE_FT * climb)
        vrate = 0 if 0.12 < f < 0.88 else (1800 if f <= 0.12 else -1500)
        speed = 160 + (SPEED_KN - 160) * min(1.0, climb * 1.5)
        out.append(
            (
                at,
                _line(
                    3,
                    hexid,
                    at,
                    altitude=f"{round(altitude / 25) * 25:.0f}",
                    lat=f"{lat:.5f}",
                    lon=f"{lon:.5f}",
                ),
            )
        )
        if k % 3 == 0:
            out.append(
                (
                    at,
                    _line(
                        4,
                        hexid,
                        at,
                        speed=f"{speed:.0f}",
                        track=f"{track:.1f}",
                        vrate=str(vrate),
                    ),
                )
            )
    if lose_at is None:
        end = off + dt.timedelta(seconds=steps * STEP_S)
        for k in range(1, 7):  # roll-out and taxi on the ground at the destination
            at = end + dt.timedelta(seconds=k * STEP_S)
            out.append(
                (
                    at,
                    _line(
                        2,
                        hexid,
                        at,
                        speed=str(max(10, 120 - 20 * k)),
                        track=f"{track:.0f}",
                        lat=f"{dest[0]:.5f}",
                        lon=f"{dest[1]:.5f}",
                        ground="-1",
                    ),
                )
            )
    return out


def lines(seed: int) -> list[str]:
    """Every message of the receiver log, in time order."""
    rng = random.Random(seed)
    messages: list[tuple[dt.datetime, str]] = []
    hexid, callsign = WATCHED
    for day, direction, lost in TRIPS:
        off = dt.datetime.combine(day, dt.time(2, 10), tzinfo=dt.UTC)
        off += dt.timedelta(minutes=rng.randrange(50))
        origin, dest = (KNEVICHI, SUNAN) if direction == "out" else (SUNAN, KNEVICHI)
        messages += _flight(rng, hexid, callsign, origin, dest, off, 0.55 if lost else None)
    day = DAYS[0]
    while day <= DAYS[1]:  # one unwatched domestic round trip Knevichi-Khabarovsk a day
        hexid = f"15{rng.randrange(0x1000, 0xFFFF):04X}"
        callsign = f"SBI{rng.randrange(1000, 9999)}"
        off = dt.datetime.combine(day, dt.time(6, 0), tzinfo=dt.UTC)
        off += dt.timedelta(minutes=rng.randrange(240))
        messages += _flight(rng, hexid, callsign, KNEVICHI, KHABAROVSK, off)
        day += dt.timedelta(days=1)
    messages.sort(key=lambda item: item[0])
    return [text for _, text in messages]


def write(out_dir: Path, seed: int = SEED) -> Path:
    """Write the gzipped SBS log under ``out_dir`` and return its path."""
    target = out_dir / "adsb" / "receiver.sbs.gz"
    target.parent.mkdir(parents=True, exist_ok=True)
    data = ("\n".join(lines(seed)) + "\n").encode("ascii")
    target.write_bytes(gzip.compress(data, mtime=0))  # mtime 0: the same bytes on every run
    return target


def main() -> None:
    """Parse arguments and write the file."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    print(write(args.out, args.seed))


if __name__ == "__main__":
    main()
