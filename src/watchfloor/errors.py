"""The one error hierarchy of watchfloor.

Every error the package raises on purpose derives from :class:`WatchfloorError`; the CLI turns
any of them into one line on stderr and exit code 2, and shows the traceback only with
``--debug``::

    WatchfloorError
    ├── ConfigError          watch.yaml is invalid (names the key path and line)
    ├── WorkspaceError       the workspace is missing, unreadable or from a newer version
    ├── StoreError           the knowledge DB or the lake refused an operation
    ├── IngestError          an input cannot be read at all (missing path, unknown kind)
    └── DecodeError          one record is malformed (also a ValueError); the ingest
                             runner quarantines it and goes on unless ``--strict``

Messages say what was expected, what was found, and where (``file:line``).
"""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "DecodeError",
    "IngestError",
    "StoreError",
    "WatchfloorError",
    "WorkspaceError",
]


class WatchfloorError(Exception):
    """Root of every error watchfloor raises on purpose."""


class ConfigError(WatchfloorError):
    """The workspace configuration (``watch.yaml``) is invalid."""


class WorkspaceError(WatchfloorError):
    """The workspace folder is missing, unreadable or newer than this version."""


class StoreError(WatchfloorError):
    """The knowledge DB or the observation lake refused an operation."""


class IngestError(WatchfloorError):
    """An input cannot be read at all (missing path, unreadable file, unknown kind)."""


class DecodeError(WatchfloorError, ValueError):
    """One record of an input is malformed.

    Attributes:
        reason: What was expected and what was found.
        line: 1-based line (or record) number inside the input, when known.
    """

    def __init__(self, reason: str, *, line: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = line
