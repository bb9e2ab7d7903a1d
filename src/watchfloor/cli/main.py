"""The ``watchfloor`` command: a thin skin over the Python API.

Every user error ends as one line on stderr and exit code 2; ``--debug`` shows the traceback.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Sequence

from watchfloor import __version__
from watchfloor.cli import commands
from watchfloor.errors import WatchfloorError

__all__ = ["build_parser", "main", "run"]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(
        prog="watchfloor",
        description="Track military deployments from public evidence.",
    )
    parser.add_argument("--version", action="version", version=f"watchfloor {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks of errors")
    parser.add_argument(
        "--workspace",
        metavar="DIR",
        help="the workspace folder (default: $WATCHFLOOR_HOME, else ~/.local/share/watchfloor)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for register in commands.REGISTRY:
        register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI with ``argv`` and return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.handler(args)
        return code
    except WatchfloorError as exc:
        if args.debug:
            traceback.print_exc()
        print(f"watchfloor: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(
            "watchfloor: interrupted; committed inputs are kept, the input in progress was "
            "rolled back (run the same command again to complete it)",
            file=sys.stderr,
        )
        return 130
    except BrokenPipeError:
        return 0


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
