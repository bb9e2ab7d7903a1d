"""NMEA framing: wrappers, tag blocks, fragments, and bad input that must not stop a stream."""

from __future__ import annotations

import datetime as dt
from functools import reduce
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from watchfloor.ais import decode_nmea, iter_messages
from watchfloor.ais.fragments import reassemble
from watchfloor.ais.scan import NO_TIME, frame
from watchfloor.ais.sentence import Sentence, parse_line
from watchfloor.errors import DecodeError

DATA = Path(__file__).parent / "data" / "ais"
AISDB = Path(__file__).resolve().parents[2] / "shared" / "data" / "ais" / "aisdb"
TYPE1 = "15RTgt0PAso;90TKcjM8h6g208CQ"  # mmsi 371798000, 48.3816333 N 123.3953833 W
TYPE5 = (  # two fragments, mmsi 351759000 "EVER DIADEM"
    "55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8",
    "88888888880",
)


def nmea(body: str) -> str:
    """``!body*hh`` with the right checksum."""
    return f"!{body}*{reduce(lambda a, c: a ^ ord(c), body, 0):02X}"


def tag(body: str) -> str:
    """``\\body*hh\\`` with the right checksum."""
    return f"\\{body}*{reduce(lambda a, c: a ^ ord(c), body, 0):02X}\\"


def dollar(body: str) -> str:
    """``$body*hh`` with the right checksum."""
    return f"${body}*{reduce(lambda a, c: a ^ ord(c), body, 0):02X}"


GATEHOUSE = dollar("PGHP,1,2020,1,1,12,30,15,250,338,2,,1,09")


def single(payload: str = TYPE1, channel: str = "A", talker: str = "AI") -> str:
    """A one-sentence message."""
    return nmea(f"{talker}VDM,1,1,,{channel},{payload},0")


def fragments(seq: int, channel: str) -> list[str]:
    """The two sentences of the type 5 message."""
    return [
        nmea(f"AIVDM,2,1,{seq},{channel},{TYPE5[0]},0"),
        nmea(f"AIVDM,2,2,{seq},{channel},{TYPE5[1]},2"),
    ]


def decode(*lines: str) -> list[object]:
    """iter_messages of the lines."""
    return list(iter_messages("\n".join(lines).encode()))


def test_plain_sentence() -> None:
    """A plain sentence decodes to gpsd's fields, without time or source."""
    (record,) = decode(single())
    assert isinstance(record, dict)
    assert record["mmsi"] == 371798000 and record["type"] == 1
    assert abs(record["lat"] - 48.3816333) < 1e-7 and "received_at" not in record


def test_other_talkers_and_vdo() -> None:
    """!AB, !BS, !SA talkers and own-ship !AIVDO sentences are all AIS."""
    lines = [single(talker=t) for t in ("AB", "BS", "SA")]
    lines.append(nmea(f"AIVDO,1,1,,,{TYPE1},0"))
    assert [m["mmsi"] for m in decode(*lines) if isinstance(m, dict)] == [371798000] * 4


def test_tag_block_time_and_source() -> None:
    """A tag block gives the receive time (seconds or milliseconds) and the station."""
    seconds, millis = decode(
        tag("c:1577836800,s:rMT4040") + single(), tag("s:rMT4040,c:1577836800123") + single()
    )
    assert isinstance(seconds, dict) and isinstance(millis, dict)
    assert seconds["received_at"] == "2020-01-01T00:00:00Z" and seconds["source"] == "rMT4040"
    assert millis["received_at"] == "2020-01-01T00:00:00.123000Z"


def test_tag_block_with_fraction_goes_to_careful_reader() -> None:
    """A fractional c: time, which the scanner leaves alone, is still read."""
    (record,) = decode(tag("c:1577836800.5") + single())
    assert isinstance(record, dict) and record["received_at"] == "2020-01-01T00:00:00.500000Z"


def test_bad_tag_block_checksum() -> None:
    """A tag block whose checksum is wrong is an error at its line; the next line is read."""
    bad = "\\c:1577836800*00\\" + single()
    items = decode(bad, single())
    assert isinstance(items[0], DecodeError) and items[0].line == 1
    assert "tag block checksum mismatch" in items[0].reason
    assert isinstance(items[1], dict)


def test_leading_and_trailing_unix_times() -> None:
    """A unix time before the sentence, or as the last field after it, is the receive time."""
    lead, trail, uscg = decode(
        "1577836800.123 " + single(),
        single() + ",1577836801",
        single() + ",d-109,S2105,t050056.00,T56.13718694,r003669946,1577836802",
    )
    assert isinstance(lead, dict) and lead["received_at"] == "2020-01-01T00:00:00.123000Z"
    assert isinstance(trail, dict) and trail["received_at"] == "2020-01-01T00:00:01Z"
    assert isinstance(uscg, dict) and uscg["received_at"] == "2020-01-01T00:00:02Z"
    assert uscg["source"] == "r003669946"


def test_gatehouse_time_applies_to_next_sentence() -> None:
    """A $PGHP line's time is the next sentence's receive time, not any later one's."""
    items = decode(GATEHOUSE, single(), single())
    assert isinstance(items[0], dict) and isinstance(items[1], dict)
    assert items[0]["received_at"] == "2020-01-01T12:30:15.250000Z"
    assert "received_at" not in items[1]


def test_gatehouse_bad_checksum() -> None:
    """A $PGHP line with a bad checksum is an error; the sentence after it has no time."""
    items = decode("$PGHP,1,2009,5,9,0,0,0,10,338,2,,1,09*17", single())
    assert isinstance(items[0], DecodeError) and "checksum mismatch" in items[0].reason
    assert isinstance(items[1], dict) and "received_at" not in items[1]


def test_crlf_blank_lines_and_comments() -> None:
    """CRLF line ends, blank lines and comments (in any encoding) are fine."""
    data = ("# Владимир\r\n\r\n" + single() + "\r\n   \r\n# note\r\n" + single() + "\r\n").encode()
    batch = decode_nmea(data)
    assert batch.errors == [] and batch.messages == 2
    assert batch.positions.column("raw_line").to_pylist() == [3, 6]


def test_multi_sentence_interleaved_across_channels() -> None:
    """Fragments on channels A and B interleave; each message is put back together."""
    a, b = fragments(1, "A"), fragments(1, "B")
    items = decode(a[0], b[0], single(), b[1], a[1])
    kinds = [(m["type"], m.get("shipname")) for m in items if isinstance(m, dict)]
    assert kinds == [(5, "EVER DIADEM"), (5, "EVER DIADEM"), (1, None)]  # by first line
    assert all(isinstance(m, dict) for m in items)


def test_orphan_and_truncated_fragments() -> None:
    """A second fragment without a first, and a first never completed, are errors."""
    first, second = fragments(3, "A")
    items = decode(second, first, single(), first, second)
    errors = [m for m in items if isinstance(m, DecodeError)]
    assert [(e.line, e.reason.split(":")[0]) for e in errors] == [
        (1, "orphan fragment 2 of 2"),
        (2, "truncated message"),
    ]
    assert [m["type"] for m in items if isinstance(m, dict)] == [1, 5]
    end = decode(single(), first)
    assert isinstance(end[1], DecodeError) and "before the end of the input" in end[1].reason


def test_bad_checksum_is_counted_and_stream_goes_on() -> None:
    """A sentence with a wrong checksum is one error with its line; the others decode."""
    bad = single()[:-2] + "00"
    batch = decode_nmea("\n".join([single(), bad, single()]).encode())
    assert batch.messages == 2 and batch.positions.num_rows == 2
    assert [(e.line, e.reason[:17]) for e in batch.errors] == [(2, "checksum mismatch")]


def test_non_ais_lines() -> None:
    """Text that is not NMEA is an error; a sound NMEA sentence of another kind is skipped."""
    gps = "$GPGSA,A,3,11,32,14,28,22,03,10,08,17,,,,2.02,1.03,1.74*00"
    batch = decode_nmea("\n".join(["hello world", gps, single()]).encode())
    assert batch.other_sentences == 1 and batch.messages == 1
    assert [e.line for e in batch.errors] == [1]
    assert "expected an NMEA sentence" in batch.errors[0].reason


def test_binary_garbage_never_crashes() -> None:
    """Binary bytes around good lines give errors with lines, and the good lines decode."""
    data = b"\x00\xff\xfe!AIVDM\x01\x02\n" + single().encode() + b"\n\x89PNG\r\n\x1a\n"
    batch = decode_nmea(data)
    assert batch.messages == 1
    assert [e.line for e in batch.errors] == [1, 3, 4]


def test_empty_and_unknown_payloads() -> None:
    """An empty payload and a payload of an unknown type are errors at their lines."""
    items = decode(nmea("AIVDM,1,1,,B,,0"), nmea("AIVDM,1,1,,B,l0000000000,0"), single())
    assert [type(m).__name__ for m in items] == ["DecodeError", "DecodeError", "dict"]
    assert isinstance(items[0], DecodeError) and items[0].reason == "empty AIS payload"
    assert isinstance(items[1], DecodeError) and "unknown AIS message type 52" in items[1].reason


def test_unusual_but_valid_lines() -> None:
    """Lowercase hex, a '$' delimiter, a station name with a space: all read, by either lane."""
    lower = single()[:-2] + single()[-2:].lower()
    items = decode(
        lower,
        "$" + single()[1:],
        tag("s:station 7,c:1577836800") + single(),
        single() + ",r a b,1577836800",
    )
    assert [isinstance(m, dict) for m in items] == [True, True, True, True]
    assert isinstance(items[2], dict) and items[2]["source"] == "station 7"
    assert isinstance(items[3], dict) and items[3]["source"] == "r a b"


def test_stray_comma_in_payload_is_an_error() -> None:
    """A payload cut by a comma (with a matching checksum) is refused, never decoded."""
    batch = decode_nmea(nmea(f"AIVDM,1,1,,A,{TYPE1[:10]},{TYPE1[10:]},0").encode())
    assert batch.messages == 0 and len(batch.errors) == 1 and batch.errors[0].line == 1


def test_not_available_position_is_none() -> None:
    """Latitude 91 and longitude 181 ("not available") decode to None and to nulls."""
    payload = "139Lg0?P?w<tSF0l4Q@>4?v1P000"  # made by pyais.encode_dict: all "not available"
    (record,) = decode(single(payload))
    assert isinstance(record, dict) and record["lat"] is None and record["lon"] is None
    assert (record["speed"], record["course"], record["heading"], record["turn"]) == (
        None,
        None,
        None,
        None,
    )
    table = decode_nmea(single(payload).encode()).positions
    assert table.column("lat").null_count == 1 and table.column("lon").null_count == 1


def _reference(data: bytes) -> list[tuple[int, bytes, int, int | None, str | None]]:
    """Messages found by the careful reader alone: (line, payload, fill, time, source)."""
    sentences, pending = [], {}
    for number, raw in enumerate(data.split(b"\n"), 1):
        try:
            found = parse_line(raw, number)
        except DecodeError:
            continue
        if isinstance(found, Sentence):
            sentences.append(found)
        elif found is not None and hasattr(found, "time_us"):
            pending[number] = found.time_us
    for wrapper_line, time_us in sorted(pending.items()):
        later = [s for s in sentences if s.line > wrapper_line]
        if later and later[0].time_us is None:
            index = sentences.index(later[0])
            s = later[0]
            sentences[index] = Sentence(
                s.line, s.count, s.number, s.seq, s.channel, s.payload, s.fill, time_us, s.source
            )
    groups, _ = reassemble(
        [ord(s.channel[0]) if s.channel else 0 for s in sentences],
        [-1 if s.seq is None else s.seq for s in sentences],
        [s.count for s in sentences],
        [s.number for s in sentences],
        [s.line for s in sentences],
        str,
    )
    out = []
    for group in groups:
        parts = [sentences[i] for i in group]
        time_us = next((p.time_us for p in parts if p.time_us is not None), None)
        payload = b"".join(p.payload for p in parts)
        out.append((parts[0].line, payload, parts[-1].fill, time_us, parts[0].source))
    return sorted(out)


def _framed(data: bytes) -> list[tuple[int, bytes, int, int | None, str | None]]:
    framed = frame(data)
    out = []
    for i in range(len(framed.start)):
        start, nchar = int(framed.start[i]), int(framed.nchar[i])
        src_start, src_len = int(framed.src_start[i]), int(framed.src_len[i])
        time_us = int(framed.time_us[i])
        out.append(
            (
                int(framed.line[i]),
                framed.text[start : start + nchar].tobytes(),
                int(framed.fill[i]),
                None if time_us == NO_TIME else time_us,
                framed.text[src_start : src_start + src_len].tobytes().decode()
                if src_len >= 0
                else None,
            )
        )
    return out


def _corpus() -> list[Path]:
    files = [
        p
        for p in sorted(DATA.rglob("*"))
        if p.is_file() and p.suffix not in (".chk", ".json", ".md")
    ]
    return files + ([AISDB / "test_data_20211101.nm4"] if AISDB.exists() else [])


def test_scanner_agrees_with_careful_reader_on_real_files() -> None:
    """On every real file, the vectorized scanner finds exactly what the careful reader does."""
    for path in _corpus():
        data = path.read_bytes()
        assert _framed(data) == _reference(data), path.name


LINE = st.one_of(
    st.just(single()),
    st.sampled_from(fragments(1, "A") + fragments(2, "B")),
    st.builds(lambda t: tag(f"c:{t},s:r{t % 97}") + single(), st.integers(10**9, 2 * 10**9)),
    st.builds(lambda t: single() + f",{t}", st.integers(10**9, 2 * 10**12)),
    st.just(GATEHOUSE),
    st.just("$GPGSA,A,3,11,32,14,28,22,03,10,08,17,,,,2.02,1.03,1.74*00"),
    st.just("# comment"),
    st.just(""),
    st.text(alphabet=st.characters(min_codepoint=1, max_codepoint=126), max_size=40),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(LINE, max_size=30), st.sampled_from(["\n", "\r\n"]))
def test_scanner_agrees_with_careful_reader_on_any_lines(lines: list[str], end: str) -> None:
    """Any mix of good, wrapped and random lines is framed as the careful reader frames it."""
    data = end.join(lines).encode()
    assert _framed(data) == _reference(data.replace(b"\r\n", b"\n"))


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_random_bytes_never_crash(data: bytes) -> None:
    """Arbitrary bytes decode to errors with lines inside the input, never an exception."""
    batch = decode_nmea(data)
    items = list(iter_messages(data))
    lines = data.count(b"\n") + 1
    assert all(1 <= (e.line or 0) <= lines for e in batch.errors)
    assert all(1 <= (e.line or 0) <= lines for e in items if isinstance(e, DecodeError))


def test_received_at_is_utc() -> None:
    """The positions table's times are tz-aware UTC."""
    table = decode_nmea((tag("c:1577836800") + single()).encode()).positions
    (stamp,) = table.column("ts").to_pylist()
    assert stamp == dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
