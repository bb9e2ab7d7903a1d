"""The raw archive: every ingested input kept byte for byte, addressed by its sha256.

Files live at ``raw/<first two hex digits>/<sha256>``. Writes go to a temporary name and are
renamed into place, so a crash never leaves a truncated file under a valid address.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

__all__ = ["RawArchive", "sha256_hex"]


def sha256_hex(data: bytes) -> str:
    """Return the lowercase hex sha256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


class RawArchive:
    """A content-addressed folder of raw inputs."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, sha256: str) -> Path:
        """Where the input with this digest is (or would be) kept."""
        return self.root / sha256[:2] / sha256

    def __contains__(self, sha256: object) -> bool:
        return isinstance(sha256, str) and self.path(sha256).is_file()

    def put(self, data: bytes) -> str:
        """Archive ``data`` (a no-op when already there) and return its sha256."""
        digest = sha256_hex(data)
        target = self.path(digest)
        if target.is_file():
            return digest
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            Path(tmp).replace(target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return digest

    def get(self, sha256: str) -> bytes:
        """Return the archived bytes of ``sha256``."""
        return self.path(sha256).read_bytes()
