"""Turn the bytes of a text input into text, refusing binary data.

Reports arrive as UTF-8 mostly, but exports from Windows tools are often cp1252 and some
feeds send UTF-16 with a byte-order mark. The order tried is: a BOM, strict UTF-8, then
cp1252; the encoding used is returned so it can be stored beside the text.
"""

from __future__ import annotations

import codecs

from watchfloor.errors import DecodeError

__all__ = ["decode_text", "looks_binary"]

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control bytes that never appear in text (tab, LF, CR, form feed and ESC aside).
_CONTROL = frozenset(range(0, 32)) - {9, 10, 12, 13, 27}


def looks_binary(data: bytes, sample: int = 8192) -> bool:
    """Return True when ``data`` is not text: a NUL byte or over 5% control bytes."""
    head = data[:sample]
    if not head:
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for byte in head if byte in _CONTROL)
    return controls / len(head) > 0.05


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode ``data`` as text and return ``(text, encoding)``.

    Raises:
        DecodeError: the data is binary or decodes to nothing printable.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise DecodeError(
                    f"starts with a {encoding} byte-order mark but {exc.reason}"
                ) from exc
    if looks_binary(data):
        raise DecodeError("binary content, expected text", line=1)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DecodeError(
            f"neither UTF-8 nor cp1252 text (byte 0x{data[exc.start]:02x} at offset {exc.start})",
            line=line,
        ) from exc
