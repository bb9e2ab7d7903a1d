"""The vectorized decoder's rules: lengths, six-bit text, cut-short fields, and the long tail."""

from __future__ import annotations

from functools import reduce

import numpy as np

from watchfloor.ais import iter_messages
from watchfloor.ais.fast import decode_groups, join_payloads, rows_to_dicts
from watchfloor.ais.layouts import LAYOUTS, MIN_BITS
from watchfloor.ais.longtail import decode_longtail


def nmea(body: str) -> str:
    """``!body*hh`` with the right checksum."""
    return f"!{body}*{reduce(lambda a, c: a ^ ord(c), body, 0):02X}"


def _dicts(payload: str, fill: int) -> list[dict[str, object]]:
    text, start, nchar = join_payloads([payload])
    groups, problems, _ = decode_groups(text, start, nchar, np.array([fill], np.int64))
    assert problems == {}
    return [d for g in groups for d in rows_to_dicts(g)]


def test_layouts_are_consistent() -> None:
    """Fields of every layout are in order and do not overlap (but gpsd's 7-char vendorid)."""
    for layout in LAYOUTS:
        end = 0
        for field in layout.fields:
            assert field.start >= end, (layout.key, field.name)
            end = field.start + (18 if field.name == "vendorid" else field.width)
        assert layout.bits <= 424
    assert MIN_BITS[1] == 163 and MIN_BITS[5] == 420 and MIN_BITS[27] == 96


def test_text_stops_at_at_sign_and_drops_trailing_spaces() -> None:
    """Six-bit text ends at the first '@' and loses trailing blanks, as in gpsd."""
    (record,) = _dicts("53aDpaT000010;CKKB0h4Q8TpLDr222222222216<P:656rd07Tai0CKk5hDQ1C`8888880", 2)
    assert record["shipname"] == "LAHRINGEN"
    assert record["destination"] == "R'DAM/LWARDEN"


def test_short_type1_keeps_the_bits_it_has() -> None:
    """A 163-bit type 1 (gpsd accepts it) reads its cut radio field from the bits present."""
    (record,) = _dicts("13aIkM@P00PJ@qPNL=e@0?wJ28JO", 5)
    assert record["mmsi"] == 244740981 and record["radio"] == 1076


def test_type21_name_extension() -> None:
    """An aid-to-navigation name that fills 20 characters continues in the extension."""
    items = list(
        iter_messages(
            "\n".join(
                [
                    nmea("AIVDM,2,1,5,B,E1mg=5J1T4W0h97aRh6ba84<h2d;W:Te=eLvH50```q,0"),
                    nmea("AIVDM,2,2,5,B,:D44QDlp0C1DU00,2"),
                ]
            ).encode()
        )
    )
    (record,) = items
    assert isinstance(record, dict) and record["type"] == 21
    assert record["name"] == "CHINA ROSE MURPHY EXPRESS ALERT"


def test_longtail_renames_and_units() -> None:
    """pyais's long-tail output takes gpsd's names and units (type 23 corners in degrees)."""
    record = decode_longtail(b"G02:Kn01R`sn@291nj600000900", 2)
    assert record["type"] == 23 and "msg_type" not in record and "station_type" not in record
    assert record["stationtype"] == 6 and record["shiptype"] == 0
    assert abs(record["ne_lon"] - 2.63) < 1e-9 and abs(record["sw_lat"] - 50.68) < 1e-9
