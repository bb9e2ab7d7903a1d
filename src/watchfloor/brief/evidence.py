"""How a brief cites and describes each kind of evidence: claims, events, observations.

A claim is cited by its outlet, attribution chain (origin first) and Admiralty grade, with
its quote; an event by its key and detector, with a one-line description built from its
details ("ANGARA dark from Rajin to Dunai for 40.2 h over 171 km"); an observation by its
sensor and observer. :class:`Evidence` holds the workspace's items by id so that the
indicator board's :class:`~watchfloor.warnings.EvidenceLink` s resolve to full citations.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from watchfloor.assess import ClaimRecord, Grade
from watchfloor.brief.model import Citation
from watchfloor.warnings.board import EvidenceLink

__all__ = [
    "Evidence",
    "claim_citation",
    "describe_event",
    "event_citation",
    "event_subject",
    "observation_citation",
    "short_name",
]


def claim_citation(claim: ClaimRecord, grade: Grade | None) -> Citation:
    """A claim as cited: outlet, attribution chain and grade, with its quote and url."""
    chain = [a for a in claim.attribution if a and a != "unattributed"]
    who = claim.outlet or "unknown outlet"
    if chain:
        who += ", citing " + " via ".join(chain)
    if grade is not None:
        who += f", graded {grade.code}"
    return Citation("claim", str(claim.id), who, claim.published, claim.quote, claim.url)


_SUFFIXES = (" military port", " port", " international airport", " airport", " airfield")


def short_name(site_id: str, name: str, kind: str) -> str:
    """What analysts call a site: "Rajin", "Dunai", "Sunan" (airfields by their id)."""
    if kind == "airfield":
        return site_id.replace("-", " ").title()
    head = name.split("(")[0].strip()
    for suffix in _SUFFIXES:
        if head.casefold().endswith(suffix):
            return head[: -len(suffix)].strip() or name
    return head or name


def _hours(value: Any) -> str:
    return f"{float(value):,.1f} h"


def _km(value: Any) -> str:
    km = float(value)
    return f"{km:,.0f} km" if km >= 10 else f"{km:,.2f} km"


def _site(sites: Mapping[str, str], site_id: Any) -> str:
    if not site_id:
        return "open sea"
    return sites.get(str(site_id), str(site_id))


def event_subject(event: Mapping[str, Any]) -> str:
    """Who the event is about: the vessel or aircraft name, else its MMSI or ICAO address."""
    name = event.get("name")
    if event.get("mmsi") is not None:
        return f"{name} ({event['mmsi']})" if name else f"MMSI {event['mmsi']}"
    if event.get("icao24"):
        return f"{name} ({event['icao24']})" if name else f"ICAO {event['icao24']}"
    series = str((event.get("details") or {}).get("series") or "")
    if series.startswith("imagery:"):
        return f"{series.removeprefix('imagery:')} (imagery)"
    return str(name or series)


def describe_event(event: Mapping[str, Any], sites: Mapping[str, str]) -> str:
    """One line for people about an event, by kind, from the fields its detector wrote."""
    kind = str(event["kind"])
    details: Mapping[str, Any] = event.get("details") or {}
    who = str(event.get("name") or event.get("mmsi") or event.get("icao24") or "")
    where = _site(sites, event.get("site"))
    if kind == "port_visit":
        return f"{who} in port at {where} for {_hours(details.get('hours', 0))}"
    if kind in ("gap", "dark_transit"):
        start, end = details.get("from_site"), details.get("to_site")
        route = f"from {_site(sites, start)} to {_site(sites, end)}"
        label = "dark" if kind == "dark_transit" else "silent (AIS gap)"
        return (
            f"{who} {label} {route} for {_hours(details.get('hours', 0))} "
            f"over {_km(details.get('distance_km', 0))}"
        )
    if kind == "encounter":
        other = details.get("other_name") or event.get("other_mmsi")
        return (
            f"{who} met {other} at {where} for {_hours(details.get('hours', 0))}, "
            f"closest {_km(details.get('min_distance_km', 0))}"
        )
    if kind == "reappearance":
        return f"{who} reappeared at {where}"
    if kind == "loitering":
        return f"{who} loitered at {where} for {_hours(details.get('hours', 0))}"
    if kind == "spoofing":
        return f"{who} reported impossible positions near {where}"
    if kind == "uptick":
        series = str(details.get("series", "counts")).replace("imagery:", "")
        baseline = (details.get("baseline") or {}).get("mean")
        base = f" from a baseline of {float(baseline):.1f}" if baseline is not None else ""
        fired = ", ".join(str(f).upper() for f in details.get("fired") or [])
        return (
            f"{series} at {where} rose to a mean of {float(details.get('regime_mean', 0)):.1f} "
            f"per period{base} ({fired or 'change detectors'})"
        )
    if kind == "flight":
        origin = (details.get("origin") or {}).get("site")
        destination = (details.get("destination") or {}).get("site")
        kind_text = ", ".join(str(v) for v in (details.get("type"), details.get("operator")) if v)
        label = f"{who} ({kind_text})" if kind_text else who
        return (
            f"{label} flew {_site(sites, origin)} to {_site(sites, destination)} "
            f"in {_hours(details.get('hours', 0))}"
        )
    if kind in ("arrival", "departure"):
        return f"{who} {'arrived at' if kind == 'arrival' else 'left'} {where}"
    return f"{kind} of {who} at {where}"


def event_citation(event: Mapping[str, Any], sites: Mapping[str, str]) -> Citation:
    """An event as cited: key, detector and start, with its description."""
    detector = str(event.get("detector") or "detector").split("@")[0]
    return Citation(
        "event",
        str(event["key"]),
        f"{detector} detector",
        event.get("start"),
        describe_event(event, sites),
    )


def observation_citation(row: Mapping[str, Any], sites: Mapping[str, str]) -> Citation:
    """An imagery observation as cited: sensor and observer, with the count seen."""
    who = ", ".join(str(v) for v in (row.get("sensor"), row.get("observer")) if v) or "imagery"
    text = f"{row['count']} {row['object_class']} at {_site(sites, row['site_id'])}"
    return Citation("observation", str(row["id"]), who, row.get("observed_at"), text)


@dataclass(frozen=True, slots=True)
class Evidence:
    """The workspace's evidence by id, to cite what the indicator board links to."""

    claims: Mapping[int, ClaimRecord]
    grades: Mapping[int, Grade]
    events: Mapping[str, Mapping[str, Any]]
    observations: Mapping[str, Mapping[str, Any]]
    sites: Mapping[str, str]

    @classmethod
    def of(
        cls,
        claims: Sequence[ClaimRecord],
        grades: Mapping[int, Grade],
        events: Sequence[Mapping[str, Any]],
        observations: Sequence[Mapping[str, Any]],
        sites: Mapping[str, str],
    ) -> Evidence:
        """Index claims by id, events by key and observations by id."""
        return cls(
            {c.id: c for c in claims},
            grades,
            {str(e["key"]): e for e in events},
            {str(o["id"]): o for o in observations},
            sites,
        )

    def claim(self, claim_id: int) -> Citation | None:
        """A claim's citation, or None when the workspace has no such claim."""
        claim = self.claims.get(claim_id)
        return None if claim is None else claim_citation(claim, self.grades.get(claim_id))

    def link(self, link: EvidenceLink) -> Citation:
        """The citation of an indicator's evidence link (its own summary when unresolved)."""
        if link.kind == "claim" and link.ref.isdigit():
            found = self.claim(int(link.ref))
            if found is not None:
                return found
        if link.kind == "event" and link.ref in self.events:
            return event_citation(self.events[link.ref], self.sites)
        if link.kind == "observation" and link.ref in self.observations:
            return observation_citation(self.observations[link.ref], self.sites)
        return Citation(link.kind, link.ref, f"origin {link.origin}", link.at, link.summary)
