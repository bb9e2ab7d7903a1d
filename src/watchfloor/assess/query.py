"""Quantity queries: "troops in Russia", "killed", "North Korean troops sent to Kursk".

A query names a measure (troops, killed, wounded, casualties, captured, missing), optionally
an actor (by demonym), a location ("in Russia", "in Kursk") and whether it asks for people
present (a stock, the default) or people sent (a flow: "sent", "more", "reinforcements",
"rotated").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from watchfloor.assess.evidence import ClaimRecord, is_flow
from watchfloor.errors import WatchfloorError

__all__ = ["QuantityQuery", "parse_query"]

_MEASURES: dict[str, str] = {
    "troops": "troops",
    "troop": "troops",
    "soldiers": "troops",
    "forces": "troops",
    "personnel": "troops",
    "deployed": "troops",
    "strength": "troops",
    "killed": "killed",
    "dead": "killed",
    "deaths": "killed",
    "died": "killed",
    "fatalities": "killed",
    "wounded": "wounded",
    "injured": "wounded",
    "casualties": "casualties",
    "losses": "casualties",
    "captured": "captured",
    "prisoners": "captured",
    "pows": "captured",
    "missing": "missing",
}
_ACTORS: dict[str, str] = {
    "north korean": "PRK",
    "north korea": "PRK",
    "dprk": "PRK",
    "russian": "RUS",
    "ukrainian": "UKR",
}
_FLOW_WORDS = re.compile(r"\b(?:sent|send|more|additional|reinforcements?|rotat\w*|flow|new)\b")
_PLANNED_WORDS = re.compile(r"\b(?:planned|plans?|will|expected|future|next\s+wave)\b")
_LOCATION = re.compile(r"\b(?:in|at|to|inside)\s+([a-z][a-z .'-]+)$")
#: Places inside other places, so "troops in Russia" includes claims located in Kursk.
CONTAINED_IN: dict[str, str] = {
    "kursk": "russia",
    "kursk region": "russia",
    "belgorod": "russia",
    "primorsky krai": "russia",
    "vladivostok": "russia",
    "donetsk": "ukraine",
    "kharkiv": "ukraine",
}


@dataclass(frozen=True, slots=True)
class QuantityQuery:
    """What an estimate is of."""

    measure: str
    actor: str | None = None
    location: str | None = None
    flow: bool = False
    planned: bool = False

    def describe(self) -> str:
        """A short label, e.g. ``troops (stock) of PRK in russia``."""
        kind = "planned" if self.planned else "flow" if self.flow else "stock"
        parts = [f"{self.measure} ({kind})"]
        if self.actor:
            parts.append(f"of {self.actor}")
        if self.location:
            parts.append(f"in {self.location}")
        return " ".join(parts)

    def matches(self, claim: ClaimRecord) -> bool:
        """Whether a claim is evidence about this quantity."""
        if claim.measure != self.measure or claim.modality == "denied":
            return False
        if (claim.modality == "planned") != self.planned:
            return False
        if self.measure == "troops" and is_flow(claim) != self.flow:
            return False
        if self.actor and claim.actor and claim.actor != self.actor:
            return False
        if self.location and claim.location:
            place = claim.location.casefold()
            if place != self.location and CONTAINED_IN.get(place) != self.location:
                return False
        return True


def parse_query(text: str | None) -> QuantityQuery:
    """Parse a query; an empty one means North Korean troops present in Russia.

    Raises:
        WatchfloorError: no measure word in the query.
    """
    if not text or not text.strip():
        return QuantityQuery("troops", actor="PRK", location="russia")
    lowered = text.casefold().strip()
    measure = next((m for w, m in _MEASURES.items() if re.search(rf"\b{w}\b", lowered)), None)
    if measure is None:
        known = ", ".join(sorted(set(_MEASURES.values())))
        raise WatchfloorError(f"query {text!r} names no quantity; use one of: {known}")
    actor = next((a for w, a in _ACTORS.items() if w in lowered), None)
    location_match = _LOCATION.search(lowered)
    location = location_match.group(1).strip() if location_match else None
    planned = bool(_PLANNED_WORDS.search(lowered))
    flow = measure == "troops" and (planned or bool(_FLOW_WORDS.search(lowered)))
    return QuantityQuery(measure, actor=actor, location=location, flow=flow, planned=planned)
