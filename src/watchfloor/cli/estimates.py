"""``origins``, ``estimate`` and ``ledger``: from claims to answers."""

from __future__ import annotations

import argparse
import datetime as dt
from collections import defaultdict
from typing import Any

from rich.console import Console

from watchfloor.analysis import Assessment, assess_workspace
from watchfloor.assess import Estimate, force_ledger, history, parse_query
from watchfloor.assess import estimate as fuse
from watchfloor.cli.listing import open_workspace
from watchfloor.cli.output import emit_json, emit_table

__all__ = ["add_estimate", "add_ledger", "add_origins", "estimate_json", "load_assessment"]


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--workspace", metavar="DIR", default=argparse.SUPPRESS)
    p.add_argument("--json", action="store_true", help="print JSON")


def load_assessment(args: argparse.Namespace) -> Assessment:
    """Open the workspace, assess its claims, close it."""
    ws = open_workspace(args)
    try:
        return assess_workspace(ws)
    finally:
        ws.close()


def _as_of(text: str) -> dt.datetime:
    day = dt.date.fromisoformat(text)
    return dt.datetime.combine(day, dt.time(23, 59, 59), tzinfo=dt.UTC)


# -- origins -------------------------------------------------------------------------------


def add_origins(sub: Any) -> None:
    """Register ``origins``."""
    p = sub.add_parser("origins", help="claims grouped by their first public statement")
    _common(p)
    p.set_defaults(handler=cmd_origins)


def cmd_origins(args: argparse.Namespace) -> int:
    """List each origin with its claims, outlets and first/last seen."""
    state = load_assessment(args)
    groups: dict[str, list[Any]] = defaultdict(list)
    for claim in state.claims:
        groups[state.origins[claim.id]].append(claim)
    rows = []
    for origin, members in groups.items():
        members.sort(key=lambda c: c.published)
        grade = min(
            (state.grades[c.id] for c in members), key=lambda g: (g.credibility, g.reliability)
        )
        rows.append(
            {
                "origin": origin,
                "speaker": members[0].attribution[0] if members[0].attribution else "unattributed",
                "measure": members[0].measure,
                "claims": [
                    {
                        "id": c.id,
                        "document_id": c.document_id,
                        "low": c.low,
                        "high": c.high,
                        "bound": c.bound,
                        "outlet": c.outlet,
                        "url": c.url,
                        "published": c.published,
                        "background": state.background[c.id],
                        "span": list(c.span),
                        "quote": c.quote,
                    }
                    for c in members
                ],
                "outlets": sorted({c.outlet or "?" for c in members}),
                "first_seen": members[0].published,
                "last_seen": members[-1].published,
                "reliability": grade.reliability,
                "credibility": grade.credibility,
            }
        )
    rows.sort(key=lambda r: (r["first_seen"], r["origin"]))
    if args.json:
        emit_json(rows)
        return 0
    for row in rows:
        row["n"] = len(row["claims"])
        row["grade"] = f"{row['reliability']}{row['credibility']}"
        row["outlets"] = ", ".join(row["outlets"])
    emit_table(
        rows, ["origin", "measure", "n", "grade", "outlets", "first_seen"], empty="no claims"
    )
    return 0


# -- estimate --------------------------------------------------------------------------------


def add_estimate(sub: Any) -> None:
    """Register ``estimate``."""
    p = sub.add_parser("estimate", help="a fused estimate of a quantity, with its origins")
    p.add_argument("query", nargs="*", help='e.g. "troops in Russia", "killed" (default: troops)')
    p.add_argument("--as-of", type=_as_of, metavar="YYYY-MM-DD", help="only evidence up to then")
    p.add_argument("--history", action="store_true", help="how the estimate moved, and why")
    _common(p)
    p.set_defaults(handler=cmd_estimate)


def estimate_json(result: Estimate) -> dict[str, Any]:
    """An estimate as JSON: median, interval80, floor, conflicts and every origin."""
    return {
        "query": result.query.describe(),
        "as_of": result.as_of,
        "median": round(result.median),
        "interval80": [round(result.interval80[0]), round(result.interval80[1])],
        "floor": None if result.floor is None else round(result.floor),
        "conflicts": [list(pair) for pair in result.conflicts],
        "origins": [
            {
                "origin": e.origin,
                "weight": round(e.weight, 4),
                "reliability": e.grade.reliability,
                "credibility": e.grade.credibility,
                "median": round(e.distribution.median),
                "interval80": [round(e.interval80[0]), round(e.interval80[1])],
                "first_seen": e.first_seen,
                "last_seen": e.last_seen,
                "outlets": list(e.outlets),
                "claims": [
                    {
                        "id": c.id,
                        "document_id": c.document_id,
                        "low": c.low,
                        "high": c.high,
                        "bound": c.bound,
                        "attribution": list(c.attribution),
                        "outlet": c.outlet,
                        "url": c.url,
                        "span": list(c.span),
                        "quote": c.quote,
                    }
                    for c in e.claims
                ],
            }
            for e in result.origins
        ],
    }


def cmd_estimate(args: argparse.Namespace) -> int:
    """Print the fused estimate (or its history) of the queried quantity."""
    query = parse_query(" ".join(args.query))
    state = load_assessment(args)
    if args.history:
        steps = history(
            state.claims, state.origins, state.grades, query, background=state.background
        )
        rows: list[dict[str, Any]] = [
            {
                "date": s.date,
                "median": round(s.estimate.median),
                "interval80": [round(x) for x in s.estimate.interval80],
                "new_origins": list(s.new_origins),
                "moved_by": s.moved_by,
            }
            for s in steps
        ]
        if args.json:
            emit_json({"query": query.describe(), "history": rows})
        else:
            for row in rows:
                low, high = row["interval80"]
                row["estimate"] = f"{row['median']:,} ({low:,}-{high:,})"
            emit_table(
                rows, ["date", "estimate", "moved_by"], title=query.describe(), empty="no evidence"
            )
        return 0
    result = fuse(
        state.claims,
        state.origins,
        state.grades,
        query,
        as_of=args.as_of,
        background=state.background,
    )
    if result is None:
        if args.json:
            emit_json({"query": query.describe(), "median": None, "origins": []})
        else:
            print(f"no evidence for {query.describe()}")
        return 0
    data = estimate_json(result)
    if args.json:
        emit_json(data)
        return 0
    console = Console(highlight=False)
    low, high = data["interval80"]
    floor = "none credible" if data["floor"] is None else f"{data['floor']:,}"
    console.print(
        f"[bold]{data['query']}[/bold] as of {result.as_of.date()}: "
        f"median {data['median']:,}, 80% interval {low:,}-{high:,}, floor {floor}"
    )
    rows = [
        {
            "origin": o["origin"],
            "grade": f"{o['reliability']}{o['credibility']}",
            "weight": f"{o['weight']:.2f}",
            "median": f"{o['median']:,}",
            "80%": f"{o['interval80'][0]:,}-{o['interval80'][1]:,}",
            "claims": len(o["claims"]),
            "outlets": ", ".join(o["outlets"]),
        }
        for o in data["origins"]
    ]
    emit_table(rows, ["origin", "grade", "weight", "median", "80%", "claims", "outlets"])
    for a, b in data["conflicts"]:
        console.print(f"conflict: {a} and {b} do not overlap")
    return 0


# -- ledger ------------------------------------------------------------------------------------


def add_ledger(sub: Any) -> None:
    """Register ``ledger``."""
    p = sub.add_parser("ledger", help="deployments in, losses out, present strength over time")
    p.add_argument("--as-of", type=_as_of, metavar="YYYY-MM-DD")
    p.add_argument("--actor", default="PRK", help="ISO3 of the deployed force (default PRK)")
    p.add_argument("--location", default="russia", help="theatre (default russia)")
    _common(p)
    p.set_defaults(handler=cmd_ledger)


def cmd_ledger(args: argparse.Namespace) -> int:
    """Print the force ledger: entries and present strength by month."""
    state = load_assessment(args)
    ledger = force_ledger(
        state.claims,
        state.origins,
        state.grades,
        actor=args.actor,
        location=args.location.casefold(),
        as_of=args.as_of,
        background=state.background,
    )
    entries: list[dict[str, Any]] = [
        {
            "kind": e.kind,
            "date": e.date,
            "sign": "+"
            if e.kind in ("deployed", "movement")
            else "-"
            if e.kind != "planned"
            else "planned",
            **{k: estimate_json(e.estimate)[k] for k in ("median", "interval80", "floor")},
            "origins": [o.origin for o in e.estimate.origins],
        }
        for e in ledger.entries
    ]
    steps: list[dict[str, Any]] = [
        {
            "date": s.date,
            "median": round(s.median),
            "interval80": [round(s.interval80[0]), round(s.interval80[1])],
            "changed_by": list(s.changed_by),
        }
        for s in ledger.steps
    ]
    if args.json:
        emit_json(
            {
                "actor": ledger.actor,
                "location": ledger.location,
                "entries": entries,
                "present": steps,
            }
        )
        return 0
    for row in entries:
        row["estimate"] = f"{row['median']:,} ({row['interval80'][0]:,}-{row['interval80'][1]:,})"
        row["origins"] = ", ".join(row["origins"])
    emit_table(
        entries, ["sign", "kind", "estimate", "origins"], title="force ledger", empty="no entries"
    )
    for row in steps:
        row["present"] = f"{row['median']:,} ({row['interval80'][0]:,}-{row['interval80'][1]:,})"
        row["changed_by"] = ", ".join(row["changed_by"])
    emit_table(steps, ["date", "present", "changed_by"], title="present strength (80% interval)")
    return 0
