"""Ingest I/O: finding inputs, reading them, and archiving their raw bytes."""

from watchfloor.sources.archive import RawArchive, sha256_hex
from watchfloor.sources.files import InputFile, expand_paths, gunzip, read_input

__all__ = ["InputFile", "RawArchive", "expand_paths", "gunzip", "read_input", "sha256_hex"]
