"""Decoders, one per evidence kind, behind a small protocol; pillars plug theirs in here.

A decoder takes the bytes of one input (gzip already undone) and yields records, or a
:class:`~watchfloor.errors.DecodeError` for each record it could not read, and goes on.
Third-party decoders register through the ``watchfloor.decoders`` entry-point group
(name = kind, value = a callable with the same signature).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib.metadata import entry_points
from typing import TypeAlias

import pyarrow as pa

from watchfloor.adsb import decode_adsb
from watchfloor.ais import AisBatch, decode_csv, decode_nmea
from watchfloor.errors import DecodeError
from watchfloor.imagery import Observation, decode_observations_csv, decode_observations_geojson
from watchfloor.news import Document, decode_any_report

__all__ = [
    "BulkDecoder",
    "BulkResult",
    "Decoder",
    "Record",
    "bulk_decoder_for",
    "decoder_for",
    "register_decoder",
]

Record: TypeAlias = Document | Observation
Decoder: TypeAlias = Callable[[bytes, str], Iterable[Record | DecodeError]]


def _decode_imagery(data: bytes, name: str) -> Iterable[Record | DecodeError]:
    if data.lstrip()[:1] == b"{":
        return decode_observations_geojson(data, name)
    if data[:4] in (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+"):
        return [
            DecodeError(
                "raster images are compared with 'watchfloor imagery change'; "
                "ingest takes observation records (CSV or GeoJSON)",
                line=None,
            )
        ]
    return decode_observations_csv(data, name)


_REGISTRY: dict[str, Decoder] = {
    "report": decode_any_report,
    "imagery": _decode_imagery,
}
_loaded_plugins = False


@dataclass(frozen=True, slots=True)
class BulkResult:
    """One input of a bulk kind decoded: its lake tables and its bad records.

    Attributes:
        tables: Lake dataset name -> the input's rows of it.
        errors: One error per bad record.
        raw: The raw text of each error (parallel to ``errors``), for inputs whose records
            are not text lines (binary frames, JSON); None to quote the input's line.
    """

    tables: Mapping[str, pa.Table]
    errors: Sequence[DecodeError]
    raw: Sequence[str | None] | None = None


#: Decoders of bulk observation kinds: bytes in, a :class:`BulkResult` of Arrow tables out,
#: written to the lake in one piece instead of record by record.
BulkDecoder: TypeAlias = Callable[[bytes, str], BulkResult]


def _decode_ais(data: bytes, name: str) -> BulkResult:
    head = data.lstrip()[:4096].split(b"\n", 1)[0].lower()
    csv = b"mmsi" in head and b"," in head
    batch: AisBatch = decode_csv(data, name) if csv else decode_nmea(data, name)
    return BulkResult(
        {"ais_positions": batch.positions, "ais_statics": batch.statics}, batch.errors
    )


def _decode_adsb(data: bytes, name: str) -> BulkResult:
    # Beast carries no wall-clock time: its rows are stored with a null ts (docs/ingest.md).
    batch = decode_adsb(data)
    return BulkResult(
        {"adsb_positions": batch.table()}, batch.errors, [e.raw for e in batch.errors]
    )


_BULK: dict[str, BulkDecoder] = {"ais": _decode_ais, "adsb": _decode_adsb}


def bulk_decoder_for(kind: str) -> BulkDecoder | None:
    """The bulk decoder of ``kind`` (AIS, ADS-B), or None when it is decoded record by record."""
    return _BULK.get(kind)


def register_decoder(kind: str, decoder: Decoder) -> None:
    """Install ``decoder`` for ``kind``, replacing any decoder it had."""
    _REGISTRY[kind] = decoder


def decoder_for(kind: str) -> Decoder | None:
    """The decoder for ``kind``, or None when this installation has none."""
    global _loaded_plugins
    if not _loaded_plugins:
        _loaded_plugins = True
        for entry in entry_points(group="watchfloor.decoders"):
            _REGISTRY.setdefault(entry.name, entry.load())
    return _REGISTRY.get(kind)
