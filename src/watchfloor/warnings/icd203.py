"""Probabilities in words: the expressions of likelihood of ICD 203.

Intelligence Community Directive 203, "Analytic Standards" (ODNI, 2 January 2015), section
D.6.b(2)(a), fixes seven terms and the ranges they stand for. watchfloor states every
posterior with them, and states confidence in a separate sentence: the directive requires
that "expressions of likelihood ... and confidence ... not be combined in a single sentence".
"""

from __future__ import annotations

from dataclasses import dataclass

from watchfloor.warnings.bayes import independent_origins
from watchfloor.warnings.board import HypothesisResult

__all__ = [
    "BANDS",
    "Band",
    "band_index",
    "confidence_sentence",
    "icd203_band",
    "judgment_sentence",
]


@dataclass(frozen=True, slots=True)
class Band:
    """One ICD 203 expression of likelihood and the probabilities it covers.

    Attributes:
        name: The expression ("likely").
        low: The lowest probability in the band (included).
        high: The highest (excluded, except 1.0 for the last band).
    """

    name: str
    low: float
    high: float

    @property
    def percent(self) -> str:
        """The directive's range, e.g. ``55-80%``."""
        low = max(self.low, 0.01)
        high = min(self.high, 0.99)
        return f"{round(low * 100):02d}-{round(high * 100):02d}%"


BANDS: tuple[Band, ...] = (
    Band("almost no chance", 0.0, 0.05),
    Band("very unlikely", 0.05, 0.20),
    Band("unlikely", 0.20, 0.45),
    Band("roughly even chance", 0.45, 0.55),
    Band("likely", 0.55, 0.80),
    Band("very likely", 0.80, 0.95),
    Band("almost certain", 0.95, 1.0),
)
"""The seven bands, lowest first. The directive's ranges share their edges (01-05%, 05-20%,
...); here an edge belongs to the higher band, so 0.55 is "likely" and 0.05 "very
unlikely". The first band also takes 0-1% and the last 99-100%."""


def band_index(probability: float) -> int:
    """The position of ``probability``'s band in :data:`BANDS` (0 = almost no chance).

    Raises:
        ValueError: ``probability`` is not within 0..1.
    """
    if not 0.0 <= probability <= 1.0:
        raise ValueError(f"expected a probability within 0..1, got {probability}")
    for index, band in enumerate(BANDS):
        if probability < band.high:
            return index
    return len(BANDS) - 1


def icd203_band(probability: float) -> str:
    """The ICD 203 expression of ``probability``: ``icd203_band(0.72) == "likely"``.

    Raises:
        ValueError: ``probability`` is not within 0..1.
    """
    return BANDS[band_index(probability)].name


def judgment_sentence(result: HypothesisResult) -> str:
    """The key judgment in ICD 203 words, without confidence.

    ``We judge it likely (55-80%) that North Korea sends ... .``; the two "chance" bands read
    ``We judge that there is a roughly even chance (45-55%) that ...``. The statement is used
    as written, so write it as a clause that can follow "that".
    """
    band = BANDS[band_index(result.posterior)]
    statement = result.statement.rstrip(". ")
    if band.name.endswith("chance"):
        article = "a " if band.name.startswith("roughly") else ""
        return f"We judge that there is {article}{band.name} ({band.percent}) that {statement}."
    return f"We judge it {band.name} ({band.percent}) that {statement}."


def confidence_sentence(result: HypothesisResult) -> str:
    """The confidence of the judgment, as its own sentence, with what it rests on.

    ``We have moderate confidence in this judgment: 5 of 6 indicators checked, 4
    independent origins.``
    """
    checked = sum(i.state != "unchecked" for i in result.indicators)
    origins = independent_origins(result.indicators)
    plural = "" if origins == 1 else "s"
    return (
        f"We have {result.confidence} confidence in this judgment: {checked} of "
        f"{len(result.indicators)} indicators checked, {origins} independent origin{plural} "
        "of evidence."
    )
