"""``warnings`` and ``ach``: the indicator board, the ledger, and competing hypotheses."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from rich.console import Console

from watchfloor.cli.listing import open_workspace
from watchfloor.cli.output import emit_json, emit_table
from watchfloor.warnings import (
    AchMatrix,
    Board,
    ach_matrix,
    board_to_dict,
    confidence_sentence,
    evaluate_warnings,
    icd203_band,
    judgment_sentence,
    ledger_entry_to_dict,
    read_ledger,
    record_board,
)
from watchfloor.workspace import Workspace

__all__ = ["add_ach", "add_warnings", "as_of_argument"]


def as_of_argument(text: str) -> dt.datetime:
    """``--as-of``: a date (the end of that UTC day) or an ISO 8601 time with a zone."""
    try:
        if "T" not in text and " " not in text.strip():
            day = dt.date.fromisoformat(text)
            return dt.datetime.combine(day, dt.time(23, 59, 59), tzinfo=dt.UTC)
        stamp = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            f"expected YYYY-MM-DD or an ISO 8601 time with a zone, got {text!r}"
        ) from exc
    if stamp.tzinfo is None:
        raise argparse.ArgumentTypeError(f"expected a time zone (Z or +hh:mm) in {text!r}")
    return stamp.astimezone(dt.UTC)


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--workspace", metavar="DIR", default=argparse.SUPPRESS)
    p.add_argument(
        "--as-of",
        type=as_of_argument,
        metavar="DATE",
        help="evaluate with the evidence known then (YYYY-MM-DD = end of that UTC day; "
        "default: now)",
    )
    p.add_argument("--json", action="store_true", help="print JSON")


# -- warnings ------------------------------------------------------------------------------


def add_warnings(sub: Any) -> None:
    """Register ``warnings``."""
    p = sub.add_parser(
        "warnings", help="the indicator board: hypotheses, posteriors and their evidence"
    )
    _common(p)
    p.add_argument(
        "--ledger", action="store_true", help="print the recorded ledger entries over time"
    )
    p.add_argument(
        "--record", action="store_true", help="also append this evaluation to the ledger"
    )
    p.set_defaults(handler=cmd_warnings)


def cmd_warnings(args: argparse.Namespace) -> int:
    """Print the board (or, with ``--ledger``, the stored ledger)."""
    ws = open_workspace(args)
    try:
        if args.ledger:
            return _print_ledger(ws, args.json)
        board = evaluate_warnings(ws, args.as_of)
        added = record_board(ws, board) if args.record else None
    finally:
        ws.close()
    if args.json:
        emit_json(board_to_dict(board))
    else:
        _print_board(board)
    if added is not None and not args.json:
        print(f"recorded {added} ledger entr{'y' if added == 1 else 'ies'}")
    return 0


def _print_board(board: Board) -> None:
    console = Console(highlight=False)
    console.print(f"[bold]indicator board[/bold] as of {board.as_of:%Y-%m-%d %H:%M} UTC")
    if not board.hypotheses:
        console.print("no hypotheses: add a hypotheses section to watch.yaml")
        return
    for result in board.hypotheses:
        console.print()
        console.rule(f"{result.id} (set {result.set})", align="left")
        console.print(
            f"prior {result.prior:.2f} -> posterior {result.posterior:.3f} ({result.band})"
        )
        console.print(judgment_sentence(result))
        console.print(confidence_sentence(result))
        rows = [
            {
                "indicator": i.id,
                "state": i.state,
                "log LR": f"{i.log_lr:+.3f}",
                "evidence": "; ".join(link.summary for link in i.evidence[:3])
                + (f" (+{len(i.evidence) - 3} more)" if len(i.evidence) > 3 else ""),
                "note": i.note,
            }
            for i in result.indicators
        ]
        emit_table(rows, ["indicator", "state", "log LR", "evidence", "note"])


def _print_ledger(ws: Workspace, as_json: bool) -> int:
    entries = read_ledger(ws)
    if as_json:
        emit_json([ledger_entry_to_dict(e) for e in entries])
        return 0
    rows = []
    for entry in entries:
        moved = sorted(entry.contributions, key=lambda c: -abs(c[2]))[:3]
        rows.append(
            {
                "as_of": entry.as_of,
                "hypothesis": entry.hypothesis,
                "prior": f"{entry.prior:.2f}",
                "posterior": f"{entry.posterior:.3f}",
                "band": icd203_band(entry.posterior),
                "moved by": ", ".join(f"{i} {s} {v:+.2f}" for i, s, v in moved if v),
            }
        )
    emit_table(
        rows,
        ["as_of", "hypothesis", "prior", "posterior", "band", "moved by"],
        title="warning ledger",
        empty="the ledger is empty: record a board with `watchfloor warnings --record`",
    )
    return 0


# -- ach -------------------------------------------------------------------------------------


def add_ach(sub: Any) -> None:
    """Register ``ach``."""
    p = sub.add_parser(
        "ach", help="analysis of competing hypotheses: evidence x hypotheses of a set"
    )
    p.add_argument("set", metavar="SET", help="the hypothesis set (watch.yaml `set`)")
    _common(p)
    p.set_defaults(handler=cmd_ach)


def ach_to_dict(matrix: AchMatrix) -> dict[str, Any]:
    """The matrix as JSON: rows with one cell per hypothesis, and the ranking."""
    return {
        "set": matrix.set,
        "as_of": matrix.as_of,
        "hypotheses": list(matrix.hypotheses),
        "rows": [
            {
                "indicator": row.indicator,
                "name": row.name,
                "state": row.state,
                "diagnosticity": round(row.diagnosticity, 6),
                "cells": {
                    cell.hypothesis: {
                        "mark": cell.mark,
                        "state": cell.state,
                        "log_ratio": None if cell.log_ratio is None else round(cell.log_ratio, 6),
                        "log_lr": round(cell.log_lr, 6),
                    }
                    for cell in row.cells
                },
            }
            for row in matrix.rows
        ],
        "ranking": [
            {
                "rank": r.rank,
                "hypothesis": r.hypothesis,
                "inconsistency": round(r.inconsistency, 6),
                "inconsistent": r.inconsistent,
                "posterior": round(r.posterior, 6),
            }
            for r in matrix.ranking
        ],
    }


def cmd_ach(args: argparse.Namespace) -> int:
    """Print the consistency matrix of a hypothesis set and its ranking."""
    ws = open_workspace(args)
    try:
        board = evaluate_warnings(ws, args.as_of)
    finally:
        ws.close()
    matrix = ach_matrix(board, args.set)
    if args.json:
        emit_json(ach_to_dict(matrix))
        return 0
    columns = ["evidence", "state", *matrix.hypotheses, "diagnosticity"]
    rows: list[dict[str, Any]] = []
    for row in matrix.rows:
        line: dict[str, Any] = {
            "evidence": row.indicator,
            "state": row.state,
            "diagnosticity": f"{row.diagnosticity:.2f}",
        }
        for cell in row.cells:
            line[cell.hypothesis] = (
                cell.mark if cell.log_ratio is None else f"{cell.mark} {cell.log_ratio:+.2f}"
            )
        rows.append(line)
    emit_table(rows, columns, title=f"ACH: set {matrix.set} as of {matrix.as_of:%Y-%m-%d}")
    ranking = [
        {
            "rank": r.rank,
            "hypothesis": r.hypothesis,
            "inconsistency": f"{r.inconsistency:.3f}",
            "I cells": r.inconsistent,
            "posterior": f"{r.posterior:.3f}",
        }
        for r in matrix.ranking
    ]
    emit_table(
        ranking,
        ["rank", "hypothesis", "inconsistency", "I cells", "posterior"],
        title="ranking by least inconsistency",
    )
    return 0
