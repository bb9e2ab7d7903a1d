"""One line of an AIS log, read the careful way: the authority on what a line means.

The vectorized scanner (:mod:`watchfloor.ais.scan`) handles the common shapes of line at
NumPy speed and hands every other line here, so odd but valid lines are still read and bad
ones get a precise reason. A line may hold:

- an AIS sentence, ``!AIVDM`` or ``!AIVDO`` from any talker (``!AB``, ``!BS``, ``!SA``...),
  whose XOR checksum must match;
- before it, an NMEA 4.0 tag block ``\\c:1577836800,s:rMT4040*hh\\`` (its own checksum must
  match; ``c:`` is the receive time in seconds or, above 10^11, milliseconds; ``s:`` is the
  source station) or a unix time and a space (``1577836800.123 !AIVDM...``);
- after its checksum, comma-separated receiver fields, the last of which may be a unix time
  (``!AIVDM...,0*hh,1577836800``; USCG logs also give the station as ``rNNNN``), or
  other printable ASCII text that does not start another sentence (no ``!`` or ``$``),
  ignored as gpsd ignores it (gpsd's ``sample.aivdm`` has lines ending with the literal
  text ``\\x0d\\x0a``); a control byte or ``!``/``$`` there makes the line refused;
- a Gatehouse ``$PGHP,1,...`` line, whose time applies to the next sentence;
- another well-formed NMEA sentence (``$GPGGA``...): not AIS, counted and skipped;
- a comment (``#``) or nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import reduce
from operator import xor

from watchfloor.errors import DecodeError

__all__ = [
    "Gatehouse",
    "OtherSentence",
    "Sentence",
    "parse_line",
    "unix_us",
]

_TIME = r"[0-9]{9,13}(?:\.[0-9]+)?"
_LEADING = re.compile(rf"({_TIME})[ \t,;]+(?=[!$\\])")
_TRAILING_TIME = re.compile(_TIME)
_AIS_HEAD = re.compile(r"[A-Z]{2}VD[MO]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_STATION = re.compile(r"[\x20-\x29\x2b\x2d-\x5b\x5d-\x7e]+")  # printable but , * \
_BLANK = " \t\r\n"
_HEX2 = re.compile(r"[0-9A-Fa-f]{2}")
# What may follow a sentence's checksum: printable ASCII that does not start another
# sentence ('!', '$'). gpsd's lexer keeps such bytes in the packet up to the line end and
# ignores them; a control byte, or a '$', ends the packet in its lexer instead.
_TRAILER = re.compile(r"[\x20\x22\x23\x25-\x7e]*")
_MS_ABOVE = 10**11  # a c: value this large is milliseconds (10^11 s is the year 5138)


@dataclass(frozen=True, slots=True)
class Sentence:
    """One AIS sentence (a fragment of a message).

    Attributes:
        line: 1-based line number in the input.
        count: Number of sentences in the message (1-9).
        number: This sentence's number in the message (1-based).
        seq: Sequential message id linking the fragments, None when empty.
        channel: Radio channel (``A``, ``B``, ``1``, ``2`` or empty).
        payload: Armored payload characters.
        fill: Fill bits at the end of the payload (0-5).
        time_us: Receive time in microseconds since the Unix epoch, when known.
        source: Receiving station, when known.
    """

    line: int
    count: int
    number: int
    seq: int | None
    channel: str
    payload: bytes
    fill: int
    time_us: int | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class Gatehouse:
    """A Gatehouse ``$PGHP,1`` line: the time of the sentence that follows it."""

    line: int
    time_us: int


@dataclass(frozen=True, slots=True)
class OtherSentence:
    """A well-formed NMEA sentence that is not AIS (``$GPGGA``...)."""

    line: int


def parse_line(raw: bytes, line: int) -> Sentence | Gatehouse | OtherSentence | None:
    """Read one line; None for a blank line or a comment.

    Raises:
        DecodeError: the line is not a well-formed sentence, tag block, wrapper or comment.
    """
    # Bytes are read as Latin-1 so that none is refused here: what matters is checked
    # field by field (the checksums, the armoring, the digits), and what is ignored (a
    # receiver field after the checksum, a comment) may hold anything.
    text = raw.decode("latin-1").strip(_BLANK)
    if not text or text.startswith("#"):
        return None
    time_us: int | None = None
    source: str | None = None
    leading = _LEADING.match(text)
    if leading:
        time_us = unix_us(leading.group(1))
        text = text[leading.end() :]
    if text.startswith("\\"):
        end = text.find("\\", 1)
        if end < 0:
            raise DecodeError("tag block opened with '\\' is never closed", line=line)
        tag_time, source = _tag_block(text[1:end], line)
        time_us = tag_time if tag_time is not None else time_us
        text = text[end + 1 :]
    if not text or text[0] not in "!$":
        if not text.isascii() or _CONTROL.search(text):
            raise DecodeError(
                f"expected ASCII NMEA text, found binary data {text[:16].encode('latin-1')!r}",
                line=line,
            )
        raise DecodeError(
            f"expected an NMEA sentence starting with '!' or '$', a tag block or a comment, "
            f"found {text[:24]!r}",
            line=line,
        )
    star = text.find("*")
    if star < 0:
        raise DecodeError(
            f"expected '*' and a two-digit hex checksum, found none in {text[:24]!r}", line=line
        )
    given = text[star + 1 : star + 3]
    if not _HEX2.fullmatch(given):
        raise DecodeError(
            f"expected a two-digit hex checksum after '*', found {given!r}", line=line
        )
    rest = text[star + 3 :]
    if not rest.startswith(",") and not _TRAILER.fullmatch(rest):
        raise DecodeError(
            f"expected the end of the line, receiver fields or a printable trailer after "
            f"the checksum, found {rest[:12]!r}",
            line=line,
        )
    body = text[1:star]
    computed = _xor(body)
    if computed != int(given, 16):
        raise DecodeError(
            f"checksum mismatch: the sentence says {given.upper()}, its bytes give {computed:02X}",
            line=line,
        )
    fields = body.split(",")
    if text.startswith("$PGHP"):
        return Gatehouse(line, _gatehouse(fields, line))
    if not _AIS_HEAD.fullmatch(fields[0]):
        if not ("A" <= fields[0][:1] <= "Z"):
            raise DecodeError(
                f"expected an NMEA talker and sentence type, found {fields[0][:12]!r}", line=line
            )
        return OtherSentence(line)
    if rest.startswith(","):
        extra = rest[1:].split(",")
        if time_us is None and _TRAILING_TIME.fullmatch(extra[-1]):
            time_us = unix_us(extra[-1])
        station = next((f for f in extra if f.startswith("r") and len(f) > 1), None)
        if source is None and station is not None and _STATION.fullmatch(station):
            source = station
    return _sentence(fields, line, time_us, source)


def unix_us(text: str) -> int:
    """Microseconds since the epoch from a unix time in seconds or milliseconds.

    Raises:
        ValueError: the text is not a decimal number.
    """
    whole, _, frac = text.partition(".")
    if not _digits(whole) or (frac and not _digits(frac)):
        raise ValueError(f"not a unix time: {text!r}")
    if int(whole) >= _MS_ABOVE:
        return int(whole) * 1000 + int((frac + "000")[:3])
    return int(whole) * 1_000_000 + int((frac + "000000")[:6])


def _sentence(fields: list[str], line: int, time_us: int | None, source: str | None) -> Sentence:
    if len(fields) != 7:
        raise DecodeError(
            f"expected 7 comma-separated fields in {fields[0]}, found {len(fields)}", line=line
        )
    _, count, number, seq, channel, payload, fill = fields
    if not (_digits(count) and 1 <= int(count) <= 9):
        raise DecodeError(f"expected a fragment count 1-9, found {count!r}", line=line)
    if not (_digits(number) and 1 <= int(number) <= int(count)):
        raise DecodeError(f"expected a fragment number 1-{count}, found {number!r}", line=line)
    if seq and not _digits(seq):
        raise DecodeError(f"expected a sequential message id 0-9, found {seq!r}", line=line)
    if not (len(fill) == 1 and fill in "012345"):
        raise DecodeError(f"expected fill bits 0-5, found {fill!r}", line=line)
    return Sentence(
        line=line,
        count=int(count),
        number=int(number),
        seq=int(seq) if seq else None,
        channel=channel,
        payload=payload.encode("latin-1"),
        fill=int(fill),
        time_us=time_us,
        source=source,
    )


def _tag_block(content: str, line: int) -> tuple[int | None, str | None]:
    """Check a tag block's checksum; return its ``c:`` time and ``s:`` source."""
    body, star, given = content.rpartition("*")
    if not star or not _HEX2.fullmatch(given):
        raise DecodeError(
            f"expected the tag block to end with '*' and a two-digit hex checksum, "
            f"found {content[-6:]!r}",
            line=line,
        )
    computed = _xor(body)
    if computed != int(given, 16):
        raise DecodeError(
            f"tag block checksum mismatch: the block says {given.upper()}, its bytes give "
            f"{computed:02X}",
            line=line,
        )
    time_us: int | None = None
    source: str | None = None
    for item in body.split(","):
        key, _, value = item.partition(":")  # other items (g:, n:, t:...) are not used
        if key == "c" and time_us is None:
            try:
                time_us = unix_us(value)
            except ValueError as exc:
                raise DecodeError(
                    f"tag block c: expected a unix time, found {value!r}", line=line
                ) from exc
        elif key == "s" and source is None:
            if not _STATION.fullmatch(value):
                raise DecodeError(
                    f"tag block s: expected a station name in printable ASCII, found {value!r}",
                    line=line,
                )
            source = value
    return time_us, source


def _gatehouse(fields: list[str], line: int) -> int:
    """Time of a ``$PGHP,1,year,month,day,hour,minute,second,millisecond,...`` line."""
    if len(fields) < 9 or fields[1] != "1":
        raise DecodeError(
            "expected $PGHP,1,year,month,day,hour,minute,second,millisecond,...", line=line
        )
    try:
        year, month, day, hour, minute, second, milli = (int(v) for v in fields[2:9])
        stamp = dt.datetime(year, month, day, hour, minute, second, milli * 1000, tzinfo=dt.UTC)
    except ValueError as exc:
        raise DecodeError(
            f"$PGHP: expected a valid date and time, found {','.join(fields[2:9])!r}", line=line
        ) from exc
    delta = stamp - dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def _xor(text: str) -> int:
    return reduce(xor, text.encode("latin-1"), 0)


def _digits(text: str) -> bool:
    return text.isascii() and text.isdigit()
