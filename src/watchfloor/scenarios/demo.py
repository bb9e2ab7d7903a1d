"""The main job: build a fresh workspace from the bundled Korea-Russia scenario and report.

The scenario (``scenarios/korea_russia``) is synthetic: reports written by the team in the
style of wire and newspaper reporting, and imagery counts made by
``scripts/generate_scenario.py`` with a fixed seed.
"""

from __future__ import annotations

import shutil
from collections import defaultdict
from importlib import resources
from pathlib import Path

from rich.console import Console

from watchfloor.errors import WorkspaceError
from watchfloor.workspace import Workspace

__all__ = ["run_demo", "scenario_path"]


def scenario_path(name: str = "korea_russia") -> Path:
    """The folder of a bundled scenario."""
    path = Path(str(resources.files("watchfloor.scenarios").joinpath(name)))
    if not path.is_dir():
        raise WorkspaceError(f"no bundled scenario named {name!r}")
    return path


def run_demo(root: Path) -> int:
    """Rebuild the workspace at ``root`` from the bundled scenario and print what it found.

    Raises:
        WorkspaceError: ``root`` exists, is not empty, and is not a watchfloor workspace
            (it is never deleted then).
    """
    from watchfloor.analysis import assess_workspace
    from watchfloor.cli.claims import value_text as _value
    from watchfloor.cli.commands import print_summary, run_ingest
    from watchfloor.cli.output import emit_table
    from watchfloor.store import list_claims, list_documents, list_observations, list_quarantine

    console = Console(highlight=False)
    if root.exists():
        if (root / "workspace.json").is_file():
            shutil.rmtree(root)
        elif not root.is_dir() or any(root.iterdir()):
            raise WorkspaceError(
                f"{root}: exists and is not a watchfloor workspace; choose another --workspace"
            )
    Workspace.init(root).close()
    _add_scenario_identities(root / "watch.yaml")
    ws = Workspace.open(root)
    try:
        console.rule("[bold]watchfloor demo: North Korean troops to Russia (synthetic scenario)")
        console.print(f"workspace {ws.root.resolve()}")
        console.print(
            f"watch.yaml: {len(ws.config.sites)} sites, {len(ws.config.vessels)} vessels, "
            f"{len(ws.config.aircraft)} aircraft, {len(ws.config.sources)} sources"
        )
        console.rule("ingest")
        scenario = scenario_path()
        summary = run_ingest(ws, [scenario / "reports", scenario / "imagery", scenario / "ais"])
        print_summary(summary)

        console.rule("reports, by publication date")
        docs = list_documents(ws.store)
        emit_table(docs, ["published_at", "source", "reliability", "title"], empty="no reports")

        console.rule("claims: counts of people, by publication")
        claims = list_claims(ws.store)
        grades = assess_workspace(ws).grades
        for row in claims:
            row["grade"] = grades[int(row["id"])].code
            row["value"] = _value(row)
            row["chain"] = " <- ".join(row["attribution"] or [])
            row["date"] = row["published"].date().isoformat() if row["published"] else ""
            row["when"] = row["time_start"] or ""
        emit_table(
            claims,
            ["date", "outlet", "measure", "value", "bound", "modality", "when", "chain", "grade"],
            empty="no claims",
        )

        console.rule("answers: how many are there now, and who says so")
        _show_answers(ws, console)

        console.rule("maritime events (AIS)")
        _show_events(ws, console)

        console.rule("imagery: mean count per month")
        emit_table(
            _monthly(list_observations(ws.store)), ["month", "site", "class", "images", "mean"]
        )

        console.rule("quarantine")
        bad = list_quarantine(ws.store)
        for row in bad:
            row["where"] = f"{Path(str(row['input_name'])).name}:{row['line']}"
        emit_table(bad, ["where", "reason"], empty="nothing quarantined")
        counts = ws.store.counts()
        console.print(
            f"\nstored {counts['documents']} reports ({counts['claims']} claims) and "
            f"{counts['observations']} imagery "
            f"observations from {counts['raw_inputs']} archived inputs; "
            f"{counts['quarantine']} record(s) quarantined. Explore with: "
            f"watchfloor --workspace {root} status | documents | observations | quarantine"
        )
    finally:
        ws.close()
    return 0


def _monthly(rows: list[dict[str, object]]) -> list[dict[str, object]]:
    groups: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for row in rows:
        stamp = row["observed_at"]
        month = stamp.strftime("%Y-%m") if hasattr(stamp, "strftime") else str(stamp)[:7]
        groups[(month, str(row["site_id"]), str(row["object_class"]))].append(
            int(str(row["count"]))
        )
    return [
        {"month": m, "site": s, "class": c, "images": len(v), "mean": f"{sum(v) / len(v):.1f}"}
        for (m, s, c), v in sorted(groups.items(), key=lambda kv: (kv[0][1], kv[0][2], kv[0][0]))
    ]


def _show_answers(ws: Workspace, console: Console) -> None:
    """The fused estimates, the force ledger and the planned wave, with their origins."""
    from watchfloor.analysis import assess_workspace
    from watchfloor.assess import estimate, force_ledger, parse_query
    from watchfloor.cli.output import emit_table

    state = assess_workspace(ws)
    origins = len(set(state.origins.values()))
    console.print(f"{len(state.claims)} claims trace to {origins} origins (first statements)")
    for text in ("troops in Russia", "killed", "troops sent to Russia", "troops planned"):
        result = estimate(
            state.claims,
            state.origins,
            state.grades,
            parse_query(text),
            background=state.background,
        )
        if result is None:
            console.print(f"{text}: no evidence")
            continue
        low, high = result.interval80
        floor = "none credible" if result.floor is None else f"{result.floor:,.0f}"
        top = ", ".join(f"{o.origin} ({o.grade.code})" for o in result.origins[:3])
        console.print(
            f"[bold]{text}[/bold]: median {result.median:,.0f}, 80% {low:,.0f}-{high:,.0f}, "
            f"floor {floor}; {len(result.origins)} origin(s), "
            f"{len(result.conflicts)} conflict(s); heaviest: {top}"
        )
    ledger = force_ledger(state.claims, state.origins, state.grades, background=state.background)
    rows = [
        {
            "date": step.date.isoformat(),
            "present": f"{step.median:,.0f}",
            "80% interval": f"{step.interval80[0]:,.0f}-{step.interval80[1]:,.0f}",
            "changed by": ", ".join(step.changed_by),
        }
        for step in ledger.steps
    ]
    emit_table(rows, ["date", "present", "80% interval", "changed by"], title="force ledger")


#: The scenario's AIS uses invented identifiers for the Angara (no public source gives its
#: MMSI or IMO); the demo workspace, and only it, lists them so the watchlist can follow it.
SCENARIO_IDENTITIES = {"Angara": (9990014, 273999001)}


def _add_scenario_identities(config: Path) -> None:
    text = config.read_text(encoding="utf-8")
    for name, (imo, mmsi) in SCENARIO_IDENTITIES.items():
        head = text.index(f"  - name: {name}\n")
        end = text.index("    aliases:", head)
        block = (
            f"  - name: {name}\n"
            f"    imo: {imo}  # SYNTHETIC: invented for the demo scenario's AIS\n"
            f"    mmsi: [{mmsi}]  # SYNTHETIC: invented for the demo scenario's AIS\n"
        )
        text = text[:head] + block + text[end:]
    config.write_text(text, encoding="utf-8")


def _show_events(ws: Workspace, console: Console) -> None:
    """Events of watchlisted vessels in full, the rest counted by kind."""
    from collections import Counter

    from watchfloor.cli.output import emit_table
    from watchfloor.store import list_events

    events = list_events(ws.store)
    kinds = Counter(str(e["kind"]) for e in events)
    console.print(", ".join(f"{n} {k}" for k, n in sorted(kinds.items())) or "no events")
    listed = {m for v in ws.config.vessels for m in v.mmsi}
    notable = {"gap", "dark_transit", "encounter", "reappearance", "spoofing", "loitering"}
    watched = [e for e in events if e["mmsi"] in listed or e["kind"] in notable - {"gap"}]
    rows = [
        {
            "kind": e["kind"],
            "vessel": e.get("name") or e.get("mmsi"),
            "other": e.get("other_mmsi") or "",
            "site": e.get("site") or "",
            "start": e["start"],
            "end": e.get("end") or "",
        }
        for e in watched
    ]
    emit_table(rows, ["kind", "vessel", "other", "site", "start", "end"], title="notable events")
