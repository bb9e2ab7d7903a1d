"""Builders for detector tests: synthetic tracks with known truth, written to a lake.

Tracks are made of legs (straight lines at a given speed) and holds (drifting about a
point), one fix every few minutes, as a ship's AIS would give them. They go to the lake as
Parquet (``lake_files``), or through ingest as a MarineCadastre CSV (``marinecadastre_csv``)
or an NMEA log with tag-block times (``nmea_log``).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
from pyais.encode import encode_dict

from watchfloor.ais import POSITIONS_SCHEMA, STATICS_SCHEMA
from watchfloor.config import WatchConfig, parse_config
from watchfloor.geo import EARTH_RADIUS_KM, haversine_km
from watchfloor.store.lake import Lake

T0 = dt.datetime(2024, 3, 1, tzinfo=dt.UTC)

RAJIN = (42.233333, 130.3)
DUNAI = (42.880278, 132.3375)
VOSTOCHNY = (42.75, 133.083333)
OPEN_SEA = (41.6, 131.4)  # about 80 km off the nearest default port

# Valid IMO numbers (check digit) for made-up ships.
IMO_A = 9074729
IMO_B = 9234563


@dataclass(frozen=True, slots=True)
class Fix:
    """One position report."""

    mmsi: int
    ts: dt.datetime
    lat: float
    lon: float
    kn: float | None


@dataclass(frozen=True, slots=True)
class Static:
    """One static report (AIS type 5)."""

    mmsi: int
    ts: dt.datetime
    imo: int | None
    name: str | None


def destination(at: tuple[float, float], bearing_deg: float, km: float) -> tuple[float, float]:
    """The point ``km`` from ``at`` on the initial bearing ``bearing_deg`` (great circle)."""
    lat1, lon1 = math.radians(at[0]), math.radians(at[1])
    theta, delta = math.radians(bearing_deg), km / EARTH_RADIUS_KM
    lat2 = math.asin(
        math.sin(lat1) * math.cos(delta) + math.cos(lat1) * math.sin(delta) * math.cos(theta)
    )
    lon2 = lon1 + math.atan2(
        math.sin(theta) * math.sin(delta) * math.cos(lat1),
        math.cos(delta) - math.sin(lat1) * math.sin(lat2),
    )
    return math.degrees(lat2), math.degrees(lon2)


def leg(
    mmsi: int,
    start: dt.datetime,
    frm: tuple[float, float],
    to: tuple[float, float],
    *,
    kn: float,
    every_min: float = 5.0,
) -> list[Fix]:
    """A straight run from ``frm`` to ``to`` at ``kn`` knots, both ends included."""
    km = haversine_km(*frm, *to)
    hours = km / (kn * 1.852)
    steps = max(1, math.ceil(hours * 60 / every_min))
    return [
        Fix(
            mmsi,
            start + dt.timedelta(hours=hours * i / steps),
            frm[0] + (to[0] - frm[0]) * i / steps,
            frm[1] + (to[1] - frm[1]) * i / steps,
            kn,
        )
        for i in range(steps + 1)
    ]


def hold(
    mmsi: int,
    start: dt.datetime,
    at: tuple[float, float],
    *,
    hours: float,
    kn: float = 0.0,
    every_min: float = 5.0,
    wander_km: float = 0.05,
) -> list[Fix]:
    """Staying about ``at`` for ``hours``, reporting ``kn``, wandering up to ``wander_km``."""
    steps = max(1, round(hours * 60 / every_min))
    out = []
    for i in range(steps + 1):
        point = destination(at, (i * 67) % 360, wander_km * ((i % 3) / 2))
        out.append(Fix(mmsi, start + dt.timedelta(minutes=every_min * i), *point, kn))
    return out


def end_of(fixes: Sequence[Fix]) -> dt.datetime:
    """The time of the last fix."""
    return fixes[-1].ts


def positions_table(fixes: Iterable[Fix]) -> pa.Table:
    """The fixes as a lake ``ais_positions`` table."""
    rows = list(fixes)
    columns = {
        "mmsi": [f.mmsi for f in rows],
        "ts": [f.ts for f in rows],
        "lat": [f.lat for f in rows],
        "lon": [f.lon for f in rows],
        "speed_kn": [f.kn for f in rows],
        "course_deg": [None] * len(rows),
        "heading_deg": [None] * len(rows),
        "status": [None] * len(rows),
        "msg_type": [1] * len(rows),
        "source": [None] * len(rows),
        "raw_line": list(range(1, len(rows) + 1)),
    }
    return pa.Table.from_pydict(columns, schema=POSITIONS_SCHEMA)


def statics_table(statics: Iterable[Static]) -> pa.Table:
    """Static reports as a lake ``ais_statics`` table."""
    rows = list(statics)
    columns: dict[str, list[object]] = {f.name: [None] * len(rows) for f in STATICS_SCHEMA}
    columns["mmsi"] = [s.mmsi for s in rows]
    columns["ts"] = [s.ts for s in rows]
    columns["msg_type"] = [5] * len(rows)
    columns["imo"] = [s.imo for s in rows]
    columns["shipname"] = [s.name for s in rows]
    columns["raw_line"] = list(range(1, len(rows) + 1))
    return pa.Table.from_pydict(columns, schema=STATICS_SCHEMA)


def lake_files(
    root: Path, fixes: Iterable[Fix], statics: Iterable[Static] = ()
) -> tuple[list[Path], list[Path]]:
    """Write the fixes (and statics) to a lake at ``root``; return its two file lists."""
    lake = Lake(root)
    lake.write("ais_positions", positions_table(fixes), "a" * 64)
    lake.write("ais_statics", statics_table(statics), "a" * 64)
    return lake.files("ais_positions"), lake.files("ais_statics")


CONFIG = """
version: 1
sites:
  - {id: rajin, name: Rajin, kind: port, country: PRK, lat: 42.233333, lon: 130.3, radius_km: 3}
  - {id: dunai, name: Dunai, kind: port, country: RUS, lat: 42.880278, lon: 132.3375,
     radius_km: 3}
  - {id: knevichi, name: Knevichi, kind: airfield, country: RUS, lat: 43.396256,
     lon: 132.148155, radius_km: 3.5}
"""


def config(extra: str = "") -> WatchConfig:
    """Rajin and Dunai as 3 km ports (plus an airfield the maritime fences must ignore)."""
    return parse_config(CONFIG + extra)


def marinecadastre_csv(fixes: Iterable[Fix], names: dict[int, tuple[str, int | None]]) -> str:
    """The fixes as a MarineCadastre CSV export (``names``: MMSI → vessel name and IMO)."""
    lines = ["MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,VesselType"]
    for f in fixes:
        name, imo = names.get(f.mmsi, ("", None))
        imo_text = f"IMO{imo}" if imo else ""
        stamp = f.ts.strftime("%Y-%m-%dT%H:%M:%S")
        lines.append(
            f"{f.mmsi},{stamp},{f.lat:.6f},{f.lon:.6f},{f.kn if f.kn is not None else ''},"
            f"0.0,511,{name},{imo_text},,70"
        )
    return "\n".join(lines) + "\n"


def _tagged(sentence: str, when: dt.datetime) -> str:
    block = f"c:{int(when.timestamp())}"
    checksum = 0
    for char in block:
        checksum ^= ord(char)
    return f"\\{block}*{checksum:02X}\\{sentence}"


def nmea_log(fixes: Iterable[Fix], statics: Iterable[Static] = ()) -> bytes:
    """An NMEA log: type 1 reports for the fixes, type 5 for the statics, tag-block times."""
    items: list[tuple[dt.datetime, list[str]]] = []
    for f in fixes:
        message = {
            "type": 1,
            "mmsi": f.mmsi,
            "lat": f.lat,
            "lon": f.lon,
            "speed": f.kn if f.kn is not None else 102.3,
            "course": 0.0,
            "heading": 511,
        }
        items.append((f.ts, encode_dict(message, talker_id="AI", sentence_type="VDM")))
    for n, s in enumerate(statics):
        message = {
            "type": 5,
            "mmsi": s.mmsi,
            "imo": s.imo or 0,
            "shipname": s.name or "",
            "callsign": "",
            "ais_version": 0,
            "ship_type": 70,
        }
        items.append(
            (s.ts, encode_dict(message, talker_id="AI", sentence_type="VDM", seq_id=n % 10))
        )
    items.sort(key=lambda item: item[0])
    lines = [_tagged(sentence, when) for when, sentences in items for sentence in sentences]
    return ("\n".join(lines) + "\n").encode("ascii")


# -- the corridor scenario: one planted event of every kind ---------------------------------

ANGARA, ANGARA_NEW = 273_100_001, 273_100_002
MEET_A, MEET_B = 273_200_001, 273_200_002
LOITERER = 273_300_001
SPOOFER = 273_400_001

WORKSPACE_YAML = f"""
version: 1
sites:
  - {{id: rajin, name: Rajin, kind: port, country: PRK, lat: 42.233333, lon: 130.3,
     radius_km: 3, aliases: [Najin]}}
  - {{id: dunai, name: Dunai, kind: port, country: RUS, lat: 42.880278, lon: 132.3375,
     radius_km: 6}}
  - {{id: vostochny, name: Vostochny, kind: port, country: RUS, lat: 42.75, lon: 133.083333,
     radius_km: 6}}
vessels:
  - {{name: Angara, imo: {IMO_A}, aliases: [MV Angara]}}
thresholds:
  gap_hours: 6
  reappear_days: 14
"""


def corridor_scenario() -> tuple[list[Fix], list[Static], set[tuple[str, int, str | None]]]:
    """Angara's Rajin → Dunai run with AIS off and a return under a new MMSI, a meeting at
    sea, a loiterer and a spoofed fix. Returns fixes, statics and the planted events as
    ``(kind, mmsi, site)``."""
    statics = [Static(ANGARA, T0, IMO_A, "ANGARA")]
    fixes = hold(ANGARA, T0, RAJIN, hours=12)
    dark_at = destination(RAJIN, 110, 8)
    fixes += leg(ANGARA, end_of(fixes) + dt.timedelta(minutes=5), RAJIN, dark_at, kn=9)
    seen_at = destination(DUNAI, 210, 9)
    fixes += leg(ANGARA, end_of(fixes) + dt.timedelta(hours=60), seen_at, DUNAI, kn=9)
    fixes += hold(ANGARA, end_of(fixes) + dt.timedelta(minutes=5), DUNAI, hours=24)
    back = end_of(fixes) + dt.timedelta(days=20)
    statics.append(Static(ANGARA_NEW, back, IMO_A, "ANGARA"))
    offshore = destination(VOSTOCHNY, 200, 30)
    fixes += leg(ANGARA_NEW, back, offshore, VOSTOCHNY, kn=10)
    fixes += hold(ANGARA_NEW, end_of(fixes) + dt.timedelta(minutes=5), VOSTOCHNY, hours=10)

    meet = T0 + dt.timedelta(days=2)
    for mmsi, spot, bearing in (
        (MEET_A, OPEN_SEA, 90),
        (MEET_B, destination(OPEN_SEA, 90, 0.2), 270),
    ):
        come = leg(mmsi, meet - dt.timedelta(hours=3), destination(spot, bearing, 30), spot, kn=10)
        fixes += come
        stay = hold(mmsi, end_of(come) + dt.timedelta(minutes=5), spot, hours=3, kn=0.5)
        fixes += stay
        fixes += leg(
            mmsi, end_of(stay) + dt.timedelta(minutes=5), spot, destination(spot, 0, 30), kn=10
        )

    drift_at = (41.2, 132.3)
    fixes += hold(LOITERER, T0 + dt.timedelta(days=3), drift_at, hours=5, kn=1.0, wander_km=0.3)

    track = leg(SPOOFER, T0 + dt.timedelta(days=4), (41.0, 131.0), (41.0, 131.5), kn=12)
    k = len(track) // 2
    thrown = destination((track[k].lat, track[k].lon), 20, 300)
    track[k] = Fix(SPOOFER, track[k].ts, thrown[0], thrown[1], 12.0)
    fixes += track

    planted = {
        ("port_visit", ANGARA, "rajin"),
        ("dark_transit", ANGARA, "dunai"),
        ("port_visit", ANGARA, "dunai"),
        ("gap", ANGARA, "dunai"),
        ("reappearance", ANGARA_NEW, "vostochny"),
        ("port_visit", ANGARA_NEW, "vostochny"),
        ("encounter", MEET_A, None),
        ("loitering", LOITERER, None),
        ("spoofing", SPOOFER, None),
    }
    return fixes, statics, planted
