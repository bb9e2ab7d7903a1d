"""``watchfloor adsb decode FILE``: aircraft records as JSON lines or a table, no workspace."""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from watchfloor.adsb import FORMATS, AdsbBatch, AircraftRecord, decode_adsb, detect_format
from watchfloor.cli.output import emit_table, json_default
from watchfloor.errors import DecodeError
from watchfloor.sources import read_input
from watchfloor.timestamps import parse_timestamp

__all__ = ["JSON_FIELDS", "add_adsb"]

#: The keys of each ``--json`` line, in order.
JSON_FIELDS = (
    "icao24", "df", "tc", "callsign", "lat", "lon", "altitude_ft", "groundspeed_kn",
    "track_deg", "vertical_rate_fpm", "squawk", "on_ground", "received_at",
)  # fmt: skip


def add_adsb(sub: Any) -> None:
    """Register ``adsb decode``."""
    p = sub.add_parser("adsb", help="ADS-B / Mode S tools")
    actions = p.add_subparsers(dest="adsb_action", metavar="ACTION", required=True)
    d = actions.add_parser("decode", help="decode a receiver capture or a tracker export")
    d.add_argument("file", type=Path)
    d.add_argument("--json", action="store_true", help="one JSON object per record")
    d.add_argument("--format", default="auto", choices=["auto", *FORMATS])
    d.add_argument(
        "--reference",
        metavar="LAT,LON",
        type=_lat_lon,
        help="receiver or airport position, to resolve surface positions",
    )
    d.add_argument(
        "--start",
        metavar="ISO",
        help="UTC time of the first frame of a Beast or AVR-with-MLAT capture "
        "(without it their records have no time)",
    )
    d.add_argument("--errors", action="store_true", help="also print bad records (stderr)")
    d.set_defaults(handler=cmd_decode)


def cmd_decode(args: argparse.Namespace) -> int:
    """Decode a file; print records, then a one-line count of read, decoded and bad records."""
    path: Path = args.file
    start = parse_timestamp(args.start, field="--start") if args.start else None
    data = read_input(path)
    chosen = args.format
    if chosen == "auto":
        chosen = detect_format(data)
        if chosen is None:
            what = "empty file" if not data.strip() else "cannot tell the ADS-B format"
            raise DecodeError(f"{path}: {what}; pass --format ({', '.join(FORMATS)})")
    batch = decode_adsb(data, format=chosen, reference=args.reference, reference_time=start)
    if batch.read == 0 and batch.errors:
        first = batch.errors[0]
        where = f":{first.line}" if first.line is not None else ""
        raise DecodeError(f"{path}{where}: not {chosen} input: {first.reason}")
    if args.json:
        for record in batch.records:
            sys.stdout.write(json.dumps(as_json(record), default=json_default) + "\n")
    else:
        _table(path, batch)
    if args.errors:
        for error in batch.errors:
            where = f":{error.line}" if error.line is not None else ""
            print(f"{path}{where}: {error.reason}", file=sys.stderr)
    print(
        f"{path}: {batch.read} records read ({chosen}), {len(batch.records)} decoded, "
        f"{len(batch.errors)} errors",
        file=sys.stderr,
    )
    return 0


def as_json(record: AircraftRecord) -> dict[str, Any]:
    """The ``--json`` object of one record: :data:`JSON_FIELDS`, time as ``received_at``."""
    out = {key: getattr(record, key) for key in JSON_FIELDS if key != "received_at"}
    out["received_at"] = record.ts
    return out


def _table(path: Path, batch: AdsbBatch) -> None:
    """One row per aircraft: its callsign, records, positions, first and last time."""
    by_aircraft: dict[str, list[AircraftRecord]] = defaultdict(list)
    for record in batch.records:
        by_aircraft[record.icao24].append(record)
    rows = []
    for icao24, records in sorted(by_aircraft.items()):
        times = [r.ts for r in records if r.ts is not None]
        altitudes = [r.altitude_ft for r in records if r.altitude_ft is not None]
        rows.append(
            {
                "icao24": icao24,
                "callsign": next((r.callsign for r in reversed(records) if r.callsign), None),
                "records": len(records),
                "positions": sum(r.lat is not None for r in records),
                "altitude_ft": f"{min(altitudes):,.0f}-{max(altitudes):,.0f}"
                if altitudes
                else None,
                "first": min(times) if times else None,
                "last": max(times) if times else None,
            }
        )
    columns = ["icao24", "callsign", "records", "positions", "altitude_ft", "first", "last"]
    emit_table(rows, columns, title=f"{path}: {len(rows)} aircraft", empty="no aircraft")


def _lat_lon(text: str) -> tuple[float, float]:
    try:
        lat_text, lon_text = text.split(",")
        lat, lon = float(lat_text), float(lon_text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected LAT,LON in degrees like 43.6294,1.3678, found {text!r}"
        ) from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise argparse.ArgumentTypeError(f"{text!r} is not a latitude and a longitude")
    return lat, lon
