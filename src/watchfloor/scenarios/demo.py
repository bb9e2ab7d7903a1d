"""The main job: build a fresh workspace from the bundled Korea-Russia scenario and report.

The scenario (``scenarios/korea_russia``) is synthetic: reports written by the team in the
style of wire and newspaper reporting, and imagery counts made by
``scripts/generate_scenario.py`` with a fixed seed.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections import defaultdict
from importlib import resources
from pathlib import Path

from rich.console import Console

from watchfloor.errors import WorkspaceError
from watchfloor.workspace import Workspace

__all__ = ["build_scenario", "run_demo", "scenario_inputs", "scenario_path"]


def scenario_path(name: str = "korea_russia") -> Path:
    """The folder of a bundled scenario."""
    path = Path(str(resources.files("watchfloor.scenarios").joinpath(name)))
    if not path.is_dir():
        raise WorkspaceError(f"no bundled scenario named {name!r}")
    return path


def scenario_inputs(name: str = "korea_russia") -> list[Path]:
    """The evidence files of a bundled scenario (its generators' answer keys left out)."""
    scenario = scenario_path(name)
    return [
        scenario / "reports",
        scenario / "imagery",
        scenario / "ais" / "corridor.nmea",
        scenario / "adsb",
    ]


def _fresh_workspace(root: Path) -> Workspace:
    """A new workspace at ``root`` with the scenario's identities, open (an old workspace
    there is replaced; any other non-empty folder is refused)."""
    if root.exists():
        if (root / "workspace.json").is_file():
            shutil.rmtree(root)
        elif not root.is_dir() or any(root.iterdir()):
            raise WorkspaceError(
                f"{root}: exists and is not a watchfloor workspace; choose another --workspace"
            )
    Workspace.init(root).close()
    _add_scenario_identities(root / "watch.yaml")
    return Workspace.open(root)


def build_scenario(root: Path) -> Workspace:
    """Build the demo's workspace at ``root`` without printing: every report, AIS log, ADS-B
    capture and imagery count of the bundled scenario ingested, the detectors run. The
    caller closes the returned workspace.

    Raises:
        WorkspaceError: ``root`` exists, is not empty, and is not a watchfloor workspace.
    """
    from watchfloor.ingest import ingest_paths

    ws = _fresh_workspace(root)
    try:
        ingest_paths(ws, scenario_inputs())
    except BaseException:
        ws.close()
        raise
    return ws


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
    ws = _fresh_workspace(root)
    try:
        console.rule("[bold]watchfloor demo: North Korean troops to Russia (synthetic scenario)")
        console.print(f"workspace {ws.root.resolve()}")
        console.print(
            f"watch.yaml: {len(ws.config.sites)} sites, {len(ws.config.vessels)} vessels, "
            f"{len(ws.config.aircraft)} aircraft, {len(ws.config.sources)} sources"
        )
        console.rule("ingest")
        summary = run_ingest(ws, scenario_inputs())
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

        console.rule("flights of watchlisted aircraft (ADS-B)")
        _show_flights(ws, console)

        console.rule("upticks: counts above their baseline")
        _show_upticks(ws)

        console.rule("imagery: mean count per month")
        emit_table(
            _monthly(list_observations(ws.store)), ["month", "site", "class", "images", "mean"]
        )

        console.rule("warnings: is a new wave coming? evidence arriving week by week")
        _show_warnings(ws, console)

        console.rule("quarantine")
        bad = list_quarantine(ws.store)
        for row in bad:
            row["where"] = f"{Path(str(row['input_name'])).name}:{row['line']}"
        emit_table(bad, ["where", "reason"], empty="nothing quarantined")
        console.rule("the brief")
        _write_brief(ws, console)

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


def _show_flights(ws: Workspace, console: Console) -> None:
    """Flights of watchlisted aircraft, and daily movements at watched airfields counted."""
    from watchfloor.cli.output import emit_table
    from watchfloor.store import list_events

    flights = [e for e in list_events(ws.store, kind="flight") if e["details"].get("watchlisted")]
    rows = []
    for e in flights:
        d = e["details"]
        origin, destination = d.get("origin") or {}, d.get("destination") or {}
        ends = f"{origin.get('site') or '?'} -> {destination.get('site') or '?'}"
        rows.append(
            {
                "aircraft": e.get("name") or e.get("icao24"),
                "type": d.get("type") or "",
                "route": ends,
                "took off": origin.get("how") or "",
                "landed": destination.get("how") or "",
                "first seen": e["start"],
                "last seen": e.get("end") or "",
            }
        )
    emit_table(
        rows,
        ["aircraft", "type", "route", "took off", "landed", "first seen", "last seen"],
        empty="no flights of watchlisted aircraft",
    )
    arrivals = len(list_events(ws.store, kind="arrival"))
    departures = len(list_events(ws.store, kind="departure"))
    console.print(
        f"{arrivals} arrivals and {departures} departures at watched airfields in all "
        "(watchfloor flights --daily shows them per day); an end marked 'unknown' was not "
        "seen: receiver coverage, not evidence that the flight did not land"
    )


def _show_upticks(ws: Workspace) -> None:
    """The uptick events: which count rose where, when, and how surely."""
    from watchfloor.cli.output import emit_table
    from watchfloor.store import list_events

    rows = []
    for e in list_events(ws.store, kind="uptick"):
        d = e["details"]
        rows.append(
            {
                "site": e.get("site") or "",
                "series": d.get("series") or "",
                "from": d.get("first_period") or "",
                "alarm": d.get("alarm_period") or "",
                "baseline": d.get("baseline", {}).get("mean", ""),
                "new mean": d.get("regime_mean", ""),
                "P(change)": d.get("bocpd_probability", ""),
                "tail p": d.get("tail_p", ""),
            }
        )
    emit_table(
        rows,
        ["site", "series", "from", "alarm", "baseline", "new mean", "P(change)", "tail p"],
        empty="no upticks",
    )


#: The weeks the demo replays: evidence dated after each is not yet "known" at that week.
DEMO_WEEKS = (dt.date(2025, 4, 7), dt.date(2025, 7, 28))


def _show_warnings(ws: Workspace, console: Console) -> None:
    """Replay the scenario week by week: each week's board, its posteriors and the alerts it
    raised, then the same weeks again to show that nothing fires twice."""
    from watchfloor.alerts import run_cycle
    from watchfloor.cli.output import emit_table

    weeks = []
    day = DEMO_WEEKS[0]
    while day <= DEMO_WEEKS[1]:
        weeks.append(dt.datetime.combine(day, dt.time(), dt.UTC))
        day += dt.timedelta(days=7)
    rows: list[dict[str, object]] = []
    boards = []
    raised = 0
    for as_of in weeks:
        report = run_cycle(ws, [], as_of=as_of)
        board = report.board
        boards.append(board)
        row: dict[str, object] = {"week of": as_of.date().isoformat()}
        for result in board.hypotheses:
            row[result.id] = f"{result.posterior:.2f} {result.band}"
        notable = [a for a in report.raised if a.level != "info"]
        raised += len(report.raised)
        row["alerts raised"] = "; ".join(a.title for a in notable) + (
            f" (+{len(report.raised) - len(notable)} info)"
            if len(report.raised) > len(notable)
            else ""
        )
        rows.append(row)
    ids = [result.id for result in board.hypotheses]
    emit_table(rows, ["week of", *ids, "alerts raised"])
    again = sum(len(run_cycle(ws, [], as_of=as_of).raised) for as_of in weeks)
    if ids:
        first = ids[0]
        path = [(as_of, run.hypothesis(first)) for as_of, run in zip(weeks, boards, strict=True)]
        peak_at, peak = max(path, key=lambda item: item[1].posterior)
        start, end = path[0][1], path[-1][1]
        console.print(
            f"{first}: prior {start.prior:.2f}; {start.posterior:.2f} on "
            f"{weeks[0].date().isoformat()}, rising to {peak.posterior:.2f} ({peak.band}) on "
            f"{peak_at.date().isoformat()}, then {end.posterior:.2f} on "
            f"{weeks[-1].date().isoformat()} as the evidence ages. "
            f"{raised} alerts raised over {len(weeks)} weeks; replaying the same weeks raised "
            f"{again}. See: watchfloor warnings --as-of {peak_at.date().isoformat()}, "
            "watchfloor warnings --ledger, watchfloor alerts"
        )


def _write_brief(ws: Workspace, console: Console) -> None:
    """Write the HTML brief of the scenario into the workspace and print its opening."""
    from watchfloor.brief import evaluate_board, gather_brief
    from watchfloor.brief.render_html import render_html
    from watchfloor.brief.render_text import render_text

    as_of = dt.datetime.combine(DEMO_WEEKS[1], dt.time(), dt.UTC)
    brief = gather_brief(ws, as_of=as_of, evaluate=evaluate_board)
    target = ws.root / "brief.html"
    target.write_text(render_html(brief), encoding="utf-8")
    text = render_text(brief)
    cut = text.find("\n3")
    print(text[: cut if cut > 0 else 2000].rstrip())  # plain: the brief sets its own lines
    console.print(f"\nthe whole brief, with maps, charts and footnotes: {target.resolve()}")
