#!/usr/bin/env python3
"""The project's two commands, for a machine with nothing but Python 3.11+.

    python3 dev.py demo    set up, then run the bundled scenario end to end
    python3 dev.py test    set up, then run the tests, ruff and mypy --strict

Set-up makes ``.venv`` and installs the package with its development extras; it is redone
only when ``pyproject.toml`` changes. Extra arguments after ``test`` go to pytest.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / "python"
STAMP = VENV / ".watchfloor-setup"


def setup() -> None:
    """Create the virtual environment and install the project when needed."""
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py may be run by an older python3
        sys.exit(f"watchfloor needs Python 3.11 or newer, this is {sys.version.split()[0]}")
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if PY.exists() and STAMP.exists() and STAMP.read_text() == digest:
        return
    if not PY.exists():
        print(f"creating {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    pip = [str(PY), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "--upgrade", "pip"], check=True)
    subprocess.run([*pip, "-e", f"{ROOT}[dev]"], check=True)
    STAMP.write_text(digest)


def demo(args: list[str]) -> int:
    """Run the bundled scenario in a fresh ``demo-workspace``."""
    return subprocess.run([str(BIN / "watchfloor"), "demo", *args], cwd=ROOT).returncode


def test(args: list[str]) -> int:
    """Run every check; report each, fail when any fails."""
    lint = [
        p
        for p in ("src", "tests", "scripts", "benchmarks", "corpus", "dev.py")
        if (ROOT / p).exists()
    ]
    checks = [
        ("pytest", [str(PY), "-m", "pytest", *args]),
        ("ruff check", [str(BIN / "ruff"), "check", *lint]),
        ("ruff format", [str(BIN / "ruff"), "format", "--check", *lint]),
        ("mypy --strict", [str(PY), "-m", "mypy", "--strict", "src"]),
    ]
    failed = []
    for name, command in checks:
        print(f"== {name}", flush=True)
        if subprocess.run(command, cwd=ROOT).returncode != 0:
            failed.append(name)
    print("== " + ("all checks passed" if not failed else "FAILED: " + ", ".join(failed)))
    return 1 if failed else 0


def main() -> int:
    """Dispatch ``demo`` or ``test``."""
    if len(sys.argv) < 2 or sys.argv[1] not in ("demo", "test", "setup"):
        print(__doc__)
        return 2
    setup()
    command, rest = sys.argv[1], sys.argv[2:]
    if command == "setup":
        return 0
    return demo(rest) if command == "demo" else test(rest)


if __name__ == "__main__":
    sys.exit(main())
