"""Tell what kind of evidence an input holds, from its name and then its first bytes."""

from __future__ import annotations

import re
from typing import Literal

from watchfloor.charsets import looks_binary

__all__ = ["KINDS", "Kind", "sniff_kind"]

Kind = Literal["report", "ais", "adsb", "imagery"]
KINDS: tuple[Kind, ...] = ("report", "ais", "adsb", "imagery")

_BY_SUFFIX: dict[str, Kind] = {
    ".txt": "report",
    ".md": "report",
    ".markdown": "report",
    ".html": "report",
    ".htm": "report",
    ".rss": "report",
    ".atom": "report",
    ".jsonl": "report",
    ".nmea": "ais",
    ".ais": "ais",
    ".aivdm": "ais",
    ".nm4": "ais",
    ".n4": "ais",
    ".beast": "adsb",
    ".avr": "adsb",
    ".sbs": "adsb",
    ".sbs1": "adsb",
    ".geojson": "imagery",
    ".tif": "imagery",
    ".tiff": "imagery",
    ".jp2": "imagery",
}
_AIS_LINE = re.compile(rb"^(?:\\[^\\]*\\)?[!$][A-Z]{2}VD[MO],", re.MULTILINE)
_AIS_ANYWHERE = re.compile(rb"[!$][A-Z]{2}VD[MO],\d,\d,")
_AVR_LINE = re.compile(rb"^[*@][0-9A-Fa-f]{14,40};", re.MULTILINE)
_SBS_LINE = re.compile(rb"^MSG,[1-8],", re.MULTILINE)
# A CSV field holding a Mode S message (14 or 28 hex digits, at least one a letter).
_MODE_S_FIELD = re.compile(rb'(?:^|,)\s*"?(?=\d*[a-f])(?:[0-9a-f]{28}|[0-9a-f]{14})"?\s*(?:,|$)')
_TIFF_MAGIC = (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+")
_JP2_MAGIC = b"\x00\x00\x00\x0cjP  \r\n\x87\n"
_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:rdf)[\s>]", re.IGNORECASE)


def sniff_kind(logical_name: str, data: bytes) -> Kind | None:
    """Return the evidence kind of an input, or None when it cannot be told.

    Content wins over a generic suffix (``.csv``, ``.json``, ``.log``, ``.bin``); a specific
    suffix (``.md``, ``.nmea``, ``.geojson``) is trusted. ``.xml`` is a report when it holds
    an RSS or Atom feed, and cannot be told otherwise.
    """
    head = data[:16384]
    suffix = "." + logical_name.rsplit(".", 1)[-1].lower() if "." in logical_name else ""
    if suffix in _BY_SUFFIX:
        return _BY_SUFFIX[suffix]
    if suffix == ".xml":
        # XML is too general a container to trust: only an RSS or Atom feed is a report.
        return "report" if _FEED_ROOT.search(head) else None
    if head.startswith(_TIFF_MAGIC) or head.startswith(_JP2_MAGIC):
        return "imagery"
    if head[:1] == b"\x1a" and head[1:2] in (b"1", b"2", b"3", b"4"):
        return "adsb"  # Beast binary framing
    if looks_binary(head):
        return None
    if _AIS_LINE.search(head) or _AIS_ANYWHERE.search(head):
        return "ais"
    if _AVR_LINE.search(head) or _SBS_LINE.search(head):
        return "adsb"
    first_line = head.split(b"\n", 1)[0].lower()
    tabular = not first_line.lstrip().startswith((b"{", b"["))
    if tabular and (suffix == ".csv" or b"," in first_line):
        if b"mmsi" in first_line:
            return "ais"
        if b"icao24" in first_line or b"callsign" in first_line:
            return "adsb"
        if _MODE_S_FIELD.search(first_line.strip()):
            return "adsb"
        if b"count" in first_line and (b"object_class" in first_line or b"class" in first_line):
            return "imagery"
    stripped = head.lstrip()
    if stripped.startswith(b"{"):
        if b'"FeatureCollection"' in head:
            return "imagery"
        if b'"aircraft"' in head or b'"trace"' in head:
            return "adsb"
    if stripped.startswith((b"{", b"[")) or suffix in (".csv", ".json", ".bin", ".dat"):
        return None
    return "report"
