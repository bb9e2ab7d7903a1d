"""``watchfloor eval upticks``: the uptick detector scored on seeded labelled series."""

from __future__ import annotations

import argparse
import time
from typing import Any

from watchfloor.cli.output import emit_json, emit_table
from watchfloor.config import Thresholds
from watchfloor.evaluation.upticks import generate_series, score_upticks

__all__ = ["add_eval_upticks", "cmd_eval_upticks"]

GROUPS = ("all", "poisson", "negbin")
"""The groups the table shows (``--json`` gives every group: by rate and by ratio too)."""

COLUMNS = (
    "rule",
    "series",
    "changes",
    "detection_rate",
    "median_delay",
    "mean_delay",
    "false_alarms_per_1000",
)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}")
    return value


def add_eval_upticks(what: Any) -> None:
    """Register ``eval upticks`` on the ``eval`` subparsers."""
    u = what.add_parser("upticks", help="detection rate, delay and false alarms of upticks")
    u.add_argument("--seed", type=int, default=1, help="seed of the generated series")
    u.add_argument(
        "--replicates",
        type=_positive,
        default=4,
        metavar="N",
        help="change series per grid cell (null series: twice as many)",
    )
    u.add_argument("--json", action="store_true", help="print JSON (every group)")
    u.set_defaults(handler=cmd_eval_upticks)


def cmd_eval_upticks(args: argparse.Namespace) -> int:
    """Generate labelled series, scan them with each rule, and print the scores."""
    thresholds = Thresholds()
    started = time.perf_counter()
    series = generate_series(
        args.seed, replicates=args.replicates, null_replicates=2 * args.replicates
    )
    scores = score_upticks(series, thresholds)
    seconds = time.perf_counter() - started
    if args.json:
        emit_json(
            {
                "seed": args.seed,
                "series": len(series),
                "seconds": round(seconds, 1),
                "thresholds": {
                    k: v for k, v in thresholds.model_dump().items() if k.startswith("uptick_")
                },
                "rules": {
                    rule: {group: score.as_dict() for group, score in groups.items()}
                    for rule, groups in scores.items()
                },
            }
        )
        return 0
    rows = [
        {"rule": rule, "series": group, **groups[group].as_dict()}
        for rule, groups in scores.items()
        for group in GROUPS
    ]
    title = f"{len(series)} series, seed {args.seed}, {seconds:.1f} s"
    emit_table(rows, COLUMNS, title=title)
    return 0
