"""Find the inputs behind the paths a user names, and read them (gzip undone).

Folders are walked recursively in name order; hidden files and folders are skipped.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from watchfloor.errors import DecodeError, IngestError

__all__ = ["InputFile", "expand_paths", "gunzip", "read_input"]

_GZIP_MAGIC = b"\x1f\x8b"


@dataclass(frozen=True, slots=True)
class InputFile:
    """One input file: its path and the name used in messages."""

    path: Path

    @property
    def name(self) -> str:
        """The path as shown in messages and stored with the input."""
        return str(self.path)

    @property
    def logical_name(self) -> str:
        """The file name with a ``.gz`` suffix removed (for sniffing the kind)."""
        return self.path.name.removesuffix(".gz").removesuffix(".GZ")


def expand_paths(paths: list[Path]) -> Iterator[InputFile]:
    """Yield every file under ``paths`` (folders recursively).

    Raises:
        IngestError: a path does not exist.
    """
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                relative = child.relative_to(path)
                if child.is_file() and not any(p.startswith(".") for p in relative.parts):
                    yield InputFile(child)
        elif path.is_file():
            yield InputFile(path)
        else:
            raise IngestError(f"{path}: no such file or folder")


def gunzip(data: bytes) -> bytes:
    """Undo gzip when ``data`` starts with the gzip magic bytes; otherwise return it as is.

    Raises:
        DecodeError: the gzip stream is corrupt or truncated.
    """
    if not data.startswith(_GZIP_MAGIC):
        return data
    try:
        return gzip.decompress(data)
    except (OSError, EOFError, zlib.error) as exc:
        raise DecodeError(f"corrupt gzip: {exc}", line=None) from exc


def read_input(path: Path) -> bytes:
    """The bytes of one input file, gzip undone.

    Raises:
        IngestError: the file cannot be read, or its gzip stream is corrupt.
    """
    try:
        return gunzip(path.read_bytes())
    except OSError as exc:
        raise IngestError(f"{path}: cannot read: {exc.strerror}") from exc
    except DecodeError as exc:
        raise IngestError(f"{path}: {exc.reason}") from exc
