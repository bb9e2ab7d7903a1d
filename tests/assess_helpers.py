"""Builders for assessment tests: claims as a reader would state them."""

from __future__ import annotations

import datetime as dt
import itertools

from watchfloor.assess import ClaimRecord

_ids = itertools.count(1)


def claim(
    measure: str,
    low: float | None,
    high: float | None,
    *,
    day: str,
    who: tuple[str, ...] = ("unattributed",),
    outlet: str = "Reuters",
    bound: str | None = None,
    quote: str = "",
    modality: str = "asserted",
    background: bool = False,
    document: int | None = None,
    time: tuple[str, str] | None = None,
) -> ClaimRecord:
    """A claim published at noon UTC on ``day``."""
    if bound is None:
        bound = (
            "exact"
            if low == high
            else "lower"
            if high is None
            else "upper"
            if low is None
            else "range"
        )
    number = next(_ids)
    return ClaimRecord(
        id=number,
        document_id=document if document is not None else number,
        measure=measure,
        low=low,
        high=high,
        bound=bound,
        modality=modality,
        attribution=who,
        published=dt.datetime.fromisoformat(day).replace(hour=12, tzinfo=dt.UTC),
        outlet=outlet,
        quote=quote or f"{measure} {low} {high}",
        background=background,
        time_start=time[0] if time else None,
        time_end=time[1] if time else None,
        actor="PRK",
        location="Russia",
    )
