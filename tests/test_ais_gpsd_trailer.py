"""Text after a sentence's checksum, and gpsd's representation of DAC/FI application fields.

gpsd's packet lexer keeps every printable byte up to the end of the line in the NMEA packet
and its AIVDM driver reads only the fields before the ``*``: its own test log
``sample.aivdm`` has a type 21 whose two sentences end with the literal text ``\\x0d\\x0a``
after the checksum, and gpsd decodes it. We ignore such a trailer too, once the checksum has
been checked; a bad checksum, a control byte, or the start of another sentence (``!``,
``$``) after it still makes the line refused.
"""

from __future__ import annotations

from functools import reduce
from pathlib import Path

import pytest

from watchfloor.ais import decode_nmea, iter_messages
from watchfloor.ais.sentence import parse_line
from watchfloor.errors import DecodeError

GPSD = Path(__file__).parent / "data" / "ais" / "gpsd"
TYPE1 = "15RTgt0PAso;90TKcjM8h6g208CQ"  # mmsi 371798000
TRAILER = r"\x0d\x0a"  # the literal eight characters of gpsd's sample.aivdm


def nmea(body: str) -> str:
    """``!body*hh`` with the right checksum."""
    return f"!{body}*{reduce(lambda a, c: a ^ ord(c), body, 0):02X}"


def messages(data: bytes) -> list[object]:
    return list(iter_messages(data))


def test_sample_aivdm_trailer_lines_are_read_as_gpsd_reads_them() -> None:
    """The type 21 of sample.aivdm whose sentences end with ``\\x0d\\x0a`` is decoded."""
    lines = (GPSD / "sample.aivdm").read_bytes().splitlines()
    marked = [line for line in lines if line.endswith(TRAILER.encode())]
    assert len(marked) == 2
    for number, line in enumerate(marked, 1):
        sentence = parse_line(line, number)
        assert sentence is not None and not isinstance(sentence, DecodeError)
    out = messages(b"\n".join(marked))
    assert len(out) == 1 and isinstance(out[0], dict)
    assert (out[0]["type"], out[0]["mmsi"]) == (21, 4000003)
    # in the whole file, no line is refused for what follows its checksum
    errors = [
        m for m in messages((GPSD / "sample.aivdm").read_bytes()) if isinstance(m, DecodeError)
    ]
    assert errors and not [e for e in errors if "after the checksum" in str(e)]


@pytest.mark.parametrize("trailer", [TRAILER, " ", " junk", "\\", "#comment", "*00"])
def test_printable_trailer_after_a_good_checksum_is_ignored(trailer: str) -> None:
    line = nmea(f"AIVDM,1,1,,A,{TYPE1},0") + trailer
    out = messages(line.encode())
    assert len(out) == 1 and isinstance(out[0], dict) and out[0]["mmsi"] == 371798000
    batch = decode_nmea(line.encode())
    assert batch.errors == [] and batch.positions.num_rows == 1


def test_receiver_fields_after_the_checksum_are_still_read() -> None:
    line = nmea(f"AIVDM,1,1,,A,{TYPE1},0") + ",rMT4040,1577836800"
    (record,) = messages(line.encode())
    assert isinstance(record, dict)
    assert record["source"] == "rMT4040" and record["received_at"] == "2020-01-01T00:00:00Z"


def _refused(line: str | bytes) -> str:
    data = line.encode("latin-1") if isinstance(line, str) else line
    (item,) = messages(data)
    assert isinstance(item, DecodeError)
    with pytest.raises(DecodeError):
        parse_line(data, 1)
    return str(item)


def test_bad_checksum_is_refused_even_with_a_trailer() -> None:
    good = nmea(f"AIVDM,1,1,,A,{TYPE1},0")
    wrong = f"{good[:-2]}{(int(good[-2:], 16) ^ 1):02X}"
    assert "checksum mismatch" in _refused(wrong + TRAILER)


@pytest.mark.parametrize(
    "trailer",
    ["!AIVDM,1,1,,A,0,0*00", "$GPGGA", "\x01", "\x7f", "é"],
)
def test_trailer_that_is_not_printable_text_or_starts_a_sentence_is_refused(
    trailer: str,
) -> None:
    line = nmea(f"AIVDM,1,1,,A,{TYPE1},0") + trailer
    assert "after the checksum" in _refused(line)


def test_binary_garbage_is_still_refused() -> None:
    _refused(b"\x00\x01\x02\xff binary")


def test_type_8_application_fields_as_gpsd_prints_them() -> None:
    """Words for coded values, partial dates, inland dimensions in gpsd's units."""
    records = [m for m in messages((GPSD / "sample.aivdm").read_bytes()) if isinstance(m, dict)]
    met = next(m for m in records if (m["type"], m.get("dac"), m.get("fid")) == (8, 1, 11))
    assert met["pressuretend"] == "decreasing" and met["leveltrend"] == "increasing"
    assert met["timestamp"] == "18T17:15Z" and "day" not in met
    assert (met["preciptype"], met["preciptype_text"]) == (6, "reserved")
    assert (met["ice"], met["ice_text"]) == (0, "no")
    met31 = next(m for m in records if (m["type"], m.get("dac"), m.get("fid")) == (8, 1, 31))
    assert (met31["preciptype"], met31["ice"], met31["pressuretend"]) == ("N/A", "N/A", "N/A")
    inland = [m for m in records if (m["type"], m.get("dac"), m.get("fid")) == (8, 200, 10)]
    assert inland[0]["length"] == 390 and inland[0]["beam"] == 50 and inland[0]["draught"] == 204
    assert inland[0]["shiptype_text"] == "Motor freighter"
    assert inland[0]["loaded_text"] == "Unloaded"
    # 368 bits, not 168: gpsd leaves the application undecoded, so do we
    assert set(inland[1]) - {"received_at", "source"} == {
        "type",
        "repeat",
        "mmsi",
        "dac",
        "fid",
        "data",
    }
    arrival = next(m for m in records if (m["type"], m.get("dac"), m.get("fid")) == (6, 1, 18))
    assert arrival["arrival"] == "00-00T00:00Z" and "month" not in arrival
