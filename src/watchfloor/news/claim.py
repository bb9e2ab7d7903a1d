"""A claim: a count of people stated in a report, with its hedge, time and attribution.

Fields follow the project's claims conventions (``docs/claims.md``): ``low``/``high`` hold what
the text states (exact and approx give both the same; "more than" gives ``low`` only; "up to"
gives ``high`` only; ranges and vague quantities give both; an unknown size neither).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = [
    "BOUNDS",
    "MEASURES",
    "MODALITIES",
    "Bound",
    "Claim",
    "Measure",
    "Modality",
    "NlpMode",
]

Measure = Literal["troops", "killed", "wounded", "casualties", "captured", "missing"]
Bound = Literal["exact", "approx", "lower", "upper", "range", "vague", "unknown"]
Modality = Literal["asserted", "estimated", "reported", "planned", "speculative", "denied"]
NlpMode = Literal["auto", "rules", "spacy"]
"""How claims are extracted: ``rules`` only, with ``spacy``, or ``auto`` (spaCy if installed)."""

MEASURES: tuple[Measure, ...] = ("troops", "killed", "wounded", "casualties", "captured", "missing")
BOUNDS: tuple[Bound, ...] = ("exact", "approx", "lower", "upper", "range", "vague", "unknown")
MODALITIES: tuple[Modality, ...] = (
    "asserted",
    "estimated",
    "reported",
    "planned",
    "speculative",
    "denied",
)


@dataclass(frozen=True, slots=True)
class Claim:
    """One claim extracted from a document's text.

    Attributes:
        span: ``(start, end)`` character offsets into the document text of the sentence
            (or clause) that carries the claim; ``quote`` is ``text[start:end]``.
        attribution: The chain, origin first, ending with the relay; ``("unattributed",)``
            when the text names nobody.
        time_start, time_end: ISO dates (``YYYY-MM-DD``) resolved against publication.
    """

    measure: Measure
    bound: Bound
    low: float | None
    high: float | None
    span: tuple[int, int]
    quote: str
    role: str | None = None
    hedge: str | None = None
    subject: str | None = None
    actor: str | None = None
    location: str | None = None
    modality: Modality = "asserted"
    time_text: str | None = None
    time_start: str | None = None
    time_end: str | None = None
    attribution: tuple[str, ...] = ("unattributed",)
    outlet: str | None = None
    background: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The claim as the JSON object ``watchfloor claims extract`` prints."""
        return {
            "measure": self.measure,
            "role": self.role,
            "low": _num(self.low),
            "high": _num(self.high),
            "bound": self.bound,
            "hedge": self.hedge,
            "subject": self.subject,
            "actor": self.actor,
            "location": self.location,
            "modality": self.modality,
            "time": {"text": self.time_text, "start": self.time_start, "end": self.time_end},
            "attribution": list(self.attribution),
            "outlet": self.outlet,
            "background": self.background,
            "span": list(self.span),
            "quote": self.quote,
        }


def _num(value: float | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value
