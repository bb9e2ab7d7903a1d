"""The four indicator queries, evaluated against an :class:`EvidenceBase` at one time.

Each query looks at the indicator's window ``(as_of - window_days, as_of]`` and gives a
:class:`Finding`: the indicator's state, the weight ``w`` that scales its update
(:mod:`watchfloor.warnings.bayes`), the evidence it considered, and a note saying why.

- **event**: events of the kind, known within the window (an event is known at its end, or
  its start when it has no extent: a dark transit when the vessel reappears, an uptick at
  its alarm period), at the site, of a watchlisted subject or the named vessel or aircraft.
  Observed with at least ``min_count``; otherwise checked-absent when the lake covered the
  site in the window (:mod:`watchfloor.warnings.coverage`), else unchecked. Each event is its
  own origin, graded :data:`EVENT_GRADE`.
- **uptick**: ``uptick`` events of the site (and series) known within the window; coverage
  is an observed period of the series (or of any series of the site) in the window.
- **claims**: non-background claims published within the window, of the measure, modality,
  location and least figure asked; the strongest claim of each origin counts, and at least
  ``min_origins`` origins observe the indicator. Without enough, a denial of the same
  measure (with no figure, or a figure at least ``min_value``) published in the window
  contradicts it; else any report published in the window makes it checked-absent.
- **estimate**: the fused estimate of the query as of ``as_of``; observed when its median is
  beyond the threshold, contradicted when its whole 80% interval is on the other side,
  checked-absent in between, unchecked when there is no evidence for the quantity.

Weights are reliability x credibility (:func:`.bayes.evidence_weight`) x
``0.5 ** (age / half_life_days)``, age counted from when the item was known to ``as_of``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from watchfloor.assess import ClaimRecord, estimate, parse_query
from watchfloor.assess.query import CONTAINED_IN
from watchfloor.config.hypotheses import (
    ClaimsQuery,
    EstimateQuery,
    EventQuery,
    Indicator,
    UptickQuery,
)
from watchfloor.warnings.bayes import at_least, decay, evidence_weight
from watchfloor.warnings.board import EvidenceLink, IndicatorState
from watchfloor.warnings.evidence import EvidenceBase, subject_key

__all__ = ["EVENT_GRADE", "Finding", "evaluate_query", "event_known_at"]

EVENT_GRADE = ("B", 2)
"""The Admiralty grade of a detected event (weight 0.8 x 0.85 = 0.68). AIS and ADS-B are
usually reliable (B) but can be spoofed or switched off, and a detector's event is an
inference from them that nothing else confirms yet: probably true (2)."""


@dataclass(frozen=True, slots=True)
class Finding:
    """What one query found for one indicator at one time.

    Attributes:
        state: The indicator's state.
        weight: ``w`` for ``observed``, ``w_c`` for ``contradicted``, 1 otherwise.
        evidence: The evidence considered, strongest first.
        note: Why the indicator is in this state.
    """

    state: IndicatorState
    weight: float
    evidence: tuple[EvidenceLink, ...]
    note: str


def event_known_at(event: Mapping[str, Any]) -> dt.datetime:
    """When an event became knowable: its end, or its start when it has no extent."""
    stamp = event["end"] if event.get("end") is not None else event["start"]
    assert isinstance(stamp, dt.datetime)
    return stamp.astimezone(dt.UTC)


def evaluate_query(
    indicator: Indicator, base: EvidenceBase, as_of: dt.datetime, window_days: int
) -> Finding:
    """Evaluate one indicator's query over ``(as_of - window_days, as_of]``."""
    start = as_of - dt.timedelta(days=window_days)
    query = indicator.query
    if isinstance(query, EventQuery):
        return _events(indicator, query, base, start, as_of)
    if isinstance(query, UptickQuery):
        return _upticks(indicator, query, base, start, as_of)
    if isinstance(query, ClaimsQuery):
        return _claims(indicator, query, base, start, as_of)
    return _estimate(indicator, query, base, as_of)


def _span(start: dt.datetime, end: dt.datetime) -> str:
    return f"{start:%Y-%m-%d}..{end:%Y-%m-%d}"


def _age_days(at: dt.datetime, as_of: dt.datetime) -> float:
    return (as_of - at).total_seconds() / 86400.0


def _strongest(links: Sequence[EvidenceLink]) -> list[EvidenceLink]:
    """The strongest link of each origin, strongest first (ties: earliest, then ref)."""
    best: dict[str, EvidenceLink] = {}
    for link in links:
        held = best.get(link.origin)
        if held is None or (link.weight, -link.at.timestamp()) > (
            held.weight,
            -held.at.timestamp(),
        ):
            best[link.origin] = link
    return sorted(best.values(), key=lambda k: (-k.weight, k.at, k.ref))


# -- events ----------------------------------------------------------------------------------


def _event_summary(event: Mapping[str, Any], at: dt.datetime) -> str:
    subject = event.get("name") or event.get("mmsi") or event.get("icao24")
    site = event.get("site")
    kind = str(event["kind"])
    if kind == "uptick":
        series = (event.get("details") or {}).get("series", "count")
        return f"uptick of {series} at {site}, {at:%Y-%m-%d}"
    place = {"dark_transit": "into", "arrival": "at", "departure": "from"}.get(kind, "at")
    where = f" {place} {site}" if site else ""
    return f"{subject} {kind.replace('_', ' ')}{where}, {at:%Y-%m-%d}".strip()


def _event_link(event: Mapping[str, Any], indicator: Indicator, as_of: dt.datetime) -> EvidenceLink:
    at = event_known_at(event)
    weight = evidence_weight(*EVENT_GRADE) * decay(_age_days(at, as_of), indicator.half_life_days)
    key = str(event["key"])
    return EvidenceLink("event", key, key, _event_summary(event, at), at, weight)


def _counted(links: list[EvidenceLink], needed: int, noun: str, span: str) -> Finding | None:
    """Observed when ``links`` holds ``needed`` independent items, else None."""
    strongest = _strongest(links)
    if len(strongest) < needed:
        return None
    weight = at_least([k.weight for k in strongest], needed)
    return Finding(
        "observed",
        weight,
        tuple(strongest),
        f"{len(strongest)} {noun} in {span} ({needed} required)",
    )


def _events(
    indicator: Indicator,
    query: EventQuery,
    base: EvidenceBase,
    start: dt.datetime,
    end: dt.datetime,
) -> Finding:
    key = subject_key(query)
    allowed = base.subjects.get(key) if key is not None else None
    links = [
        _event_link(event, indicator, end)
        for event in base.events
        if event["kind"] == query.kind
        and start < event_known_at(event) <= end
        and (query.site is None or event.get("site") == query.site)
        and (not query.watchlisted or base.watchlisted(event))
        and (allowed is None or str(event["key"]) in allowed)
    ]
    span = _span(start, end)
    noun = f"{'watchlisted ' if query.watchlisted else ''}{query.kind} event(s)"
    if query.site:
        noun += f" at {query.site}"
    found = _counted(links, query.min_count, noun, span)
    if found is not None:
        return found
    days = base.coverage.days(query.domain, query.site, start, end)
    what = base.coverage.describe(query.domain, query.site)
    seen = f"{len(links)} {noun} of {query.min_count} required"
    if days:
        return Finding(
            "checked_absent", 1.0, tuple(_strongest(links)), f"{seen}; {what} on {days} day(s)"
        )
    return Finding("unchecked", 1.0, tuple(_strongest(links)), f"{seen}; no {what} in {span}")


# -- upticks ---------------------------------------------------------------------------------


def _upticks(
    indicator: Indicator,
    query: UptickQuery,
    base: EvidenceBase,
    start: dt.datetime,
    end: dt.datetime,
) -> Finding:
    links = [
        _event_link(event, indicator, end)
        for event in base.events
        if event["kind"] == "uptick"
        and event.get("site") == query.site
        and (query.series is None or (event.get("details") or {}).get("series") == query.series)
        and start < event_known_at(event) <= end
    ]
    span = _span(start, end)
    label = f"{query.series or 'any series'} at {query.site}"
    found = _counted(links, 1, f"uptick(s) of {label}", span)
    if found is not None:
        return found
    periods = sum(
        1
        for series in base.series
        if series.site == query.site and (query.series is None or series.series == query.series)
        for index, count in enumerate(series.counts)
        if count is not None and start < series.start(index) <= end
    )
    if periods:
        return Finding(
            "checked_absent", 1.0, (), f"no uptick of {label}; {periods} observed period(s)"
        )
    return Finding("unchecked", 1.0, (), f"no observed period of {label} in {span}")


# -- claims ----------------------------------------------------------------------------------


def _place_matches(claimed: str | None, wanted: str | None) -> bool:
    """A claim with no place matches any; "Kursk" is in "russia" (``CONTAINED_IN``)."""
    if wanted is None or claimed is None:
        return True
    place, target = claimed.casefold(), wanted.casefold()
    return place == target or CONTAINED_IN.get(place) == target


def _claim_summary(claim: ClaimRecord, denial: bool) -> str:
    speaker = claim.attribution[0] if claim.attribution else "unattributed"
    if claim.low is not None and claim.high is not None and claim.low != claim.high:
        figure = f"{claim.low:,.0f}-{claim.high:,.0f}"
    elif claim.value is not None:
        figure = f"{claim.value:,.0f}"
    else:
        figure = "an unstated number of"
    verb = "denies" if denial else claim.modality
    via = f" via {claim.outlet}" if claim.outlet else ""
    return f"{speaker}{via}: {verb} {figure} {claim.measure}, {claim.published:%Y-%m-%d}"


def _claims(
    indicator: Indicator,
    query: ClaimsQuery,
    base: EvidenceBase,
    start: dt.datetime,
    end: dt.datetime,
) -> Finding:
    state = base.assessment
    support: list[EvidenceLink] = []
    denials: list[EvidenceLink] = []
    for claim in state.claims:
        published = claim.published.astimezone(dt.UTC)
        if (
            state.background.get(claim.id)
            or claim.measure != query.measure
            or not start < published <= end
            or not _place_matches(claim.location, query.location)
        ):
            continue
        value = claim.value
        denial = claim.modality == "denied"
        if denial:
            if query.min_value is not None and value is not None and value < query.min_value:
                continue
        elif (query.modality is not None and claim.modality not in query.modality) or (
            query.min_value is not None and (value is None or value < query.min_value)
        ):
            continue
        grade = state.grades[claim.id]
        weight = evidence_weight(grade.reliability, grade.credibility) * decay(
            _age_days(published, end), indicator.half_life_days
        )
        link = EvidenceLink(
            "claim",
            str(claim.id),
            state.origins[claim.id],
            _claim_summary(claim, denial),
            published,
            weight,
        )
        (denials if denial else support).append(link)
    span = _span(start, end)
    found = _counted(support, query.min_origins, "independent origin(s)", span)
    against = _strongest(denials)
    if found is not None:
        if against:
            note = f"{found.note}; {len(against)} denying origin(s) outweighed"
            return Finding(found.state, found.weight, (*found.evidence, *against), note)
        return found
    origins = _strongest(support)
    seen = f"{len(origins)} independent origin(s) of {query.min_origins} required"
    considered = tuple(sorted([*origins, *against], key=lambda k: (-k.weight, k.at, k.ref)))
    if against:
        weight = at_least([k.weight for k in against], 1)
        return Finding(
            "contradicted", weight, considered, f"{seen}; denied by {len(against)} origin(s)"
        )
    reports = base.documents_between(start, end)
    if reports:
        return Finding("checked_absent", 1.0, considered, f"{seen}; {reports} report(s) in {span}")
    return Finding("unchecked", 1.0, considered, f"{seen}; no report published in {span}")


# -- estimates -------------------------------------------------------------------------------


def _estimate(
    indicator: Indicator, query: EstimateQuery, base: EvidenceBase, as_of: dt.datetime
) -> Finding:
    state = base.assessment
    quantity = parse_query(query.query)
    result = estimate(
        state.claims,
        state.origins,
        state.grades,
        quantity,
        as_of=as_of,
        background=state.background,
    )
    label = quantity.describe()
    if result is None:
        return Finding("unchecked", 1.0, (), f"no evidence for {label} by {as_of:%Y-%m-%d}")
    strongest = max(
        result.origins,
        key=lambda o: (
            evidence_weight(o.grade.reliability, o.grade.credibility)
            * decay(_age_days(o.last_seen, as_of), indicator.half_life_days)
        ),
    )
    weight = evidence_weight(strongest.grade.reliability, strongest.grade.credibility) * decay(
        _age_days(strongest.last_seen, as_of), indicator.half_life_days
    )
    low, high = result.interval80
    summary = f"{label}: median {result.median:,.0f}, 80% {low:,.0f}-{high:,.0f}"
    newest = max(o.last_seen for o in result.origins)
    link = EvidenceLink("estimate", query.query, f"estimate:{label}", summary, newest, weight)
    if query.above is not None:
        threshold, word = query.above, "above"
        crossed, opposite = result.median > threshold, high <= threshold
    else:
        assert query.below is not None
        threshold, word = query.below, "below"
        crossed, opposite = result.median < threshold, low >= threshold
    if crossed:
        return Finding("observed", weight, (link,), f"median {word} {threshold:,.0f}")
    if opposite:
        return Finding(
            "contradicted", weight, (link,), f"whole 80% interval not {word} {threshold:,.0f}"
        )
    return Finding(
        "checked_absent", 1.0, (link,), f"median not {word} {threshold:,.0f}; interval spans it"
    )
