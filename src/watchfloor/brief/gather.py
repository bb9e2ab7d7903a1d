"""Gathering a brief: read the workspace once, at one date, into a :class:`~.model.Brief`.

The date is ``as_of`` when given, else the time of the newest evidence (claim, event or
imagery observation) in the workspace, so a brief of a finished scenario is not aged by the
clock. Sections are built in reading order, so footnotes are numbered down the page; the
indicator board comes from :func:`evaluate_board` (or a board passed in), and a brief
without one says why and shows everything else.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit

from watchfloor.analysis import Assessment, assess_workspace
from watchfloor.assess import Estimate, force_ledger, speaker_key
from watchfloor.brief.evidence import Evidence, short_name
from watchfloor.brief.footnotes import FootnoteBook, people_text, range_text
from watchfloor.brief.judgments import (
    confidence_text,
    hypothesis_boards,
    hypothesis_note,
    judgment_text,
    judgments,
    ordered_hypotheses,
)
from watchfloor.brief.model import (
    Brief,
    DocumentRow,
    Figure,
    LedgerPoint,
    MapSite,
    SourceRow,
    Text,
)
from watchfloor.brief.quantities import (
    estimate_blocks,
    estimate_note,
    fused_estimates,
    ledger_section,
    present_strength,
)
from watchfloor.brief.timeline import Watchlist, timeline
from watchfloor.brief.tracks import aircraft_tracks, vessel_tracks
from watchfloor.config.aliases import source_aliases
from watchfloor.store import list_documents, list_events, list_observations, list_sources
from watchfloor.warnings.board import Board
from watchfloor.workspace import Workspace

__all__ = ["DEFAULT_TITLE", "BoardSource", "evaluate_board", "gather_brief", "is_synthetic"]

DEFAULT_TITLE = "North Korean forces in Russia"

BoardSource = Callable[[Workspace, dt.datetime], tuple[Board | None, str | None]]
"""Makes the indicator board of a workspace at a date, or says why there is none."""

# Domains reserved for examples (RFC 2606): nothing real is published there.
_EXAMPLE_HOSTS = ("example.org", "example.com", "example.net")


def evaluate_board(workspace: Workspace, as_of: dt.datetime) -> tuple[Board | None, str | None]:
    """The indicator board at ``as_of``, or None and the reason there is none."""
    from watchfloor.warnings import evaluate_warnings  # the evaluation reads the whole store

    board = evaluate_warnings(workspace, as_of)
    if not board.hypotheses:
        return None, "watch.yaml defines no hypotheses"
    return board, None


def is_synthetic(
    documents: Sequence[Mapping[str, Any]], observations: Sequence[Mapping[str, Any]]
) -> bool:
    """Whether the workspace holds synthetic evidence.

    Reports published under a reserved example domain, or imagery whose observer or sensor
    says "synthetic", mark a scenario (the bundled one does both).
    """
    for doc in documents:
        host = (urlsplit(str(doc.get("url") or "")).hostname or "").casefold()
        if host in _EXAMPLE_HOSTS or host.endswith(tuple("." + h for h in _EXAMPLE_HOSTS)):
            return True
    return any(
        "synthetic" in f"{o.get('observer') or ''} {o.get('sensor') or ''}".casefold()
        for o in observations
    )


def _newest(
    state: Assessment,
    events: Sequence[Mapping[str, Any]],
    observations: Sequence[Mapping[str, Any]],
) -> dt.datetime | None:
    stamps: list[dt.datetime] = [c.published for c in state.claims]
    stamps += [e["start"] for e in events if e.get("start") is not None]
    stamps += [o["observed_at"] for o in observations if o.get("observed_at") is not None]
    return max(stamps, default=None)


def _bluf(
    book: FootnoteBook,
    board: Board | None,
    board_note: str | None,
    ev: Evidence,
    state: Assessment,
    estimates: Sequence[tuple[str, Estimate]],
    present: LedgerPoint | None,
    location: str,
) -> tuple[Text, ...]:
    paragraphs: list[Text] = []
    if board is not None:
        for result, lead in ordered_hypotheses(board):
            if lead:
                note = hypothesis_note(book, board, result, ev)
                paragraphs.append(judgment_text(result, note))
                paragraphs.append(confidence_text(result, note))
    else:
        why = board_note or "no indicator board was evaluated"
        paragraphs.append((f"No key judgments: the indicator board is unavailable ({why}).",))
    by_label = dict(estimates)
    if present is not None:
        strength: Text = (
            f"The force ledger puts North Korean strength in {location.title()} at about ",
            present.median,
            " (80% interval ",
            present.interval,
            f") on {present.date:%d %B %Y}",
        )
    elif "Present strength (reported)" in by_label:
        label = "Present strength (reported)"
        stock = by_label[label]
        note = estimate_note(book, label, stock, state)
        strength = (
            "Reported North Korean strength in Russia is about ",
            Figure(people_text(stock.median), note),
            " (80% interval ",
            Figure(range_text(*stock.interval80), note),
            ")",
        )
    else:
        strength = ("No reporting gives North Korean strength in Russia",)
    killed = by_label.get("Killed")
    if killed is not None:
        note = estimate_note(book, "Killed", killed, state)
        strength += (", after about ", Figure(people_text(killed.median), note), " killed")
    paragraphs.append((*strength, "."))
    planned = by_label.get("Planned new deployment")
    if planned is not None:
        note = estimate_note(book, "Planned new deployment", planned, state)
        paragraphs.append(
            (
                "Reporting describes a planned new deployment of about ",
                Figure(people_text(planned.median), note),
                " (80% interval ",
                Figure(range_text(*planned.interval80), note),
                ").",
            )
        )
    if board is not None:
        gaps = [i.name for h in board.hypotheses for i in h.indicators if i.state == "unchecked"]
        if gaps:
            names = "; ".join(dict.fromkeys(gaps))
            paragraphs.append((f"Collection has not yet covered: {names}.",))
    return tuple(paragraphs)


def _sources(
    workspace: Workspace, state: Assessment, documents: Sequence[Mapping[str, Any]]
) -> tuple[SourceRow, ...]:
    """Sources the evidence cites: outlets of the documents and the origins of claims."""
    aliases = source_aliases(workspace.config)
    cited = {str(d["source"]) for d in documents if d.get("source")}
    for claim in state.claims:
        if claim.attribution:
            key = speaker_key(claim.attribution[0], aliases)
            cited.update(s.name for s in workspace.config.sources if s.name.casefold() == key)
    return tuple(
        SourceRow(str(r["name"]), str(r["kind"]), r["country"], str(r["reliability"]))
        for r in list_sources(workspace.store)
        if r["name"] in cited
    )


def gather_brief(
    workspace: Workspace,
    *,
    as_of: dt.datetime | None = None,
    board: Board | None = None,
    board_note: str | None = None,
    evaluate: BoardSource | None = None,
    title: str | None = None,
    produced: dt.datetime | None = None,
) -> Brief:
    """Collect everything a brief shows, as of ``as_of``.

    Args:
        workspace: The workspace to read.
        as_of: The brief's date (UTC); evidence after it is left out. Default: the time of
            the newest evidence in the workspace.
        board: The indicator board; None shows ``board_note``.
        board_note: Why there is no board.
        evaluate: Makes the board at the brief's date instead (:func:`evaluate_board`), for
            when that date is the newest evidence's.
        title: The brief's title (default :data:`DEFAULT_TITLE`).
        produced: When the brief is produced (default: now).
    """
    produced = produced or dt.datetime.now(dt.UTC)
    store, config = workspace.store, workspace.config
    sites = {s.id: short_name(s.id, s.name, s.kind) for s in config.sites}
    full = assess_workspace(workspace)
    all_events = list_events(store)
    all_observations = list_observations(store)
    end = as_of or _newest(full, all_events, all_observations) or produced
    if evaluate is not None and board is None:
        board, board_note = evaluate(workspace, end)
    claims = tuple(c for c in full.claims if c.published <= end)
    state = Assessment(claims, full.origins, full.background, full.grades)
    events = [e for e in all_events if e["start"] <= end]
    observations = [o for o in all_observations if o["observed_at"] <= end]
    documents = [
        d for d in list_documents(store) if d["published_at"] is None or d["published_at"] <= end
    ]
    ev = Evidence.of(claims, state.grades, events, observations, sites)
    estimates = fused_estimates(state, end)
    ledger = force_ledger(
        state.claims, state.origins, state.grades, as_of=end, background=state.background
    )

    book = FootnoteBook()  # sections in reading order, so notes number down the page
    if board is not None:  # the BLUF opens with the leading judgments
        for result, lead in ordered_hypotheses(board):
            if lead:
                hypothesis_note(book, board, result, ev)
    present = present_strength(book, ledger, state)
    bluf = _bluf(book, board, board_note, ev, state, estimates, present, ledger.location)
    key_judgments = judgments(book, board, ev) if board is not None else ()
    blocks = estimate_blocks(book, estimates, state)
    ledger_view = ledger_section(book, ledger, state)
    boards = hypothesis_boards(book, board, ev) if board is not None else ()
    watchlist = Watchlist.of(config)
    rows, routine, marks = timeline(book, events, watchlist, sites)
    tracks = vessel_tracks(workspace, end, watchlist.vessels) + aircraft_tracks(
        workspace, end, watchlist.aircraft
    )
    synthetic = is_synthetic(documents, observations)
    return Brief(
        title=title or DEFAULT_TITLE,
        classification="UNCLASSIFIED // SYNTHETIC SCENARIO" if synthetic else "UNCLASSIFIED",
        synthetic=synthetic,
        as_of=end,
        produced=produced,
        bluf=bluf,
        board_note=(board_note or "no indicator board was evaluated") if board is None else None,
        judgments=key_judgments,
        estimates=blocks,
        ledger=ledger_view,
        hypotheses=boards,
        timeline=rows,
        routine=routine,
        sites=tuple(MapSite(s.id, s.name, s.kind, s.country, s.lat, s.lon) for s in config.sites),
        tracks=tracks,
        map_events=marks,
        sources=_sources(workspace, state, documents),
        documents=tuple(
            DocumentRow(
                int(d["id"]),
                d["published_at"],
                d["outlet"],
                d["title"],
                d["url"],
                d["reliability"],
            )
            for d in documents
        ),
        footnotes=book.notes,
    )
