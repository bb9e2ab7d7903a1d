"""AVR text framing (dump1090 / readsb TCP port 30002) into Mode S frames.

One message per line, as the table below; blank lines are skipped. A Mode A/C reply
(4 hex digits) has no address: it is read and gives no record.

======  =====================================================  ===================
start   layout                                                 clock
======  =====================================================  ===================
``*``   ``*<hex>;``                                            none
``@``   ``@<12 hex MLAT ticks><hex>;``                         12 MHz MLAT counter
``<``   ``<<12 hex MLAT ticks><2 hex signal><hex>;`` (Beast)   12 MHz MLAT counter
======  =====================================================  ===================
"""

from __future__ import annotations

import re

from watchfloor.adsb.frames import FrameBatch, ModeSFrame
from watchfloor.adsb.records import RecordError

__all__ = ["read_avr"]

_LINE = re.compile(
    r"\*(?P<plain>[0-9A-Fa-f]+);?"
    r"|@(?P<mlat>[0-9A-Fa-f]{12})(?P<timed>[0-9A-Fa-f]+);?"
    r"|<(?P<bmlat>[0-9A-Fa-f]{12})[0-9A-Fa-f]{2}(?P<beast>[0-9A-Fa-f]+);?"
)
_MODE_AC_DIGITS = 4


def read_avr(data: bytes) -> FrameBatch:
    """Read AVR lines into Mode S frames; a line of another shape is one error.

    The clock is the MLAT counter when any line carries one (``@``, ``<``); plain ``*``
    lines then have no clock. Hex lengths are checked by the decoder, not here.
    """
    out = FrameBatch()
    timed = False
    for number, raw in enumerate(data.decode("utf-8", "replace").splitlines(), 1):
        text = raw.strip()
        if not text:
            continue
        out.read += 1
        match = _LINE.fullmatch(text)
        if match is None:
            out.errors.append(
                RecordError(
                    f"expected an AVR line like *8D4840D6202CC371C32CE0576098; or "
                    f"@<12 hex MLAT ticks><message>;, found {text[:60]!r}",
                    line=number,
                )
            )
            continue
        message = match["plain"] or match["timed"] or match["beast"]
        ticks = match["mlat"] or match["bmlat"]
        if len(message) == _MODE_AC_DIGITS:
            continue
        if ticks is not None:
            timed = True
        out.frames.append(
            ModeSFrame(message.upper(), number, int(ticks, 16) if ticks is not None else None)
        )
    out.clock = "mlat" if timed else "none"
    return out
