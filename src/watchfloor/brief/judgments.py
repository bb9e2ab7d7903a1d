"""Key judgments: each hypothesis of the indicator board in the words of ICD 203.

"We judge it likely (55–80%) that ..." states the band of the posterior; the confidence
comes in a sentence of its own, as the directive requires. Both carry the footnote of the
hypothesis, which gives the exact posterior and names every claim, event and observation the
board linked to it. The indicator board section (:func:`hypothesis_boards`) shows each
indicator's state and contribution, each with the note of its own evidence.
"""

from __future__ import annotations

import math
from collections import Counter

from watchfloor.brief.evidence import Evidence
from watchfloor.brief.footnotes import FootnoteBook
from watchfloor.brief.model import (
    Citation,
    Figure,
    HypothesisBoard,
    IndicatorRow,
    Judgment,
    Text,
)
from watchfloor.warnings import BANDS, band_index
from watchfloor.warnings.board import Board, HypothesisResult, IndicatorResult

__all__ = [
    "STATE_LABELS",
    "band_range",
    "confidence_text",
    "embed_statement",
    "hypothesis_boards",
    "hypothesis_note",
    "judgment_text",
    "judgments",
    "ordered_hypotheses",
]

STATE_LABELS = {
    "observed": "observed",
    "checked_absent": "checked, absent",
    "contradicted": "contradicted",
    "unchecked": "not yet covered",
}
"""How each indicator state reads in a brief."""

# Statements starting with these words read on after "that" in lower case ("that a new
# wave ..."); anything else (a name: "North Korea sends ...") keeps its capital.
_COMMON_STARTS = frozenset(
    {"a", "an", "the", "no", "some", "only", "more", "further", "another", "new", "rotation"}
)


def band_range(result: HypothesisResult) -> str:
    """The ICD 203 range of the result's band ("55–80%")."""
    band = next((b for b in BANDS if b.name == result.band), None)
    if band is None:
        band = BANDS[band_index(min(max(result.posterior, 0.0), 1.0))]
    return band.percent.replace("-", "–")


def embed_statement(statement: str) -> str:
    """The hypothesis as the clause after "that": trailing stop removed, article lowered."""
    text = statement.strip().rstrip(".").strip()
    first, _, rest = text.partition(" ")
    if (
        first.casefold() in _COMMON_STARTS
        and first[:1].isupper()
        and first[1:] == first[1:].lower()
    ):
        return first.casefold() + (" " + rest if rest else "")
    return text


def _indicator_citation(hypothesis: str, indicator: IndicatorResult, as_of: Citation) -> Citation:
    return Citation(
        "indicator",
        f"{hypothesis}:{indicator.id}",
        f"{STATE_LABELS[indicator.state]}",
        as_of.at,
        indicator.note or indicator.name,
    )


def _anchor(board: Board) -> Citation:
    return Citation("indicator", "board", "board", board.as_of, "")


def hypothesis_note(
    book: FootnoteBook, board: Board, result: HypothesisResult, ev: Evidence
) -> int:
    """The note of a hypothesis: its exact posterior and every item of its evidence."""
    states = Counter(str(i.state) for i in result.indicators)
    counts = ", ".join(f"{states[s]} {label}" for s, label in STATE_LABELS.items() if states[s])
    lead = (
        f"Hypothesis {result.id} as of {board.as_of:%Y-%m-%d}: prior {result.prior:.0%}, "
        f"posterior {result.posterior:.0%} ({result.band}); indicators: {counts or 'none'}."
    )
    citations = [ev.link(link) for i in result.indicators for link in i.evidence]
    if not citations:
        anchor = _anchor(board)
        citations = [_indicator_citation(result.id, i, anchor) for i in result.indicators]
    return book.note(lead, citations)


def _independent_origins(result: HypothesisResult) -> int:
    return len(
        {
            link.origin
            for i in result.indicators
            if i.state in ("observed", "contradicted")
            for link in i.evidence
        }
    )


def ordered_hypotheses(board: Board) -> list[tuple[HypothesisResult, bool]]:
    """The hypotheses by set (in watch.yaml order), most probable first within each set,
    each with whether it leads its set."""
    sets = list(dict.fromkeys(h.set for h in board.hypotheses))
    out: list[tuple[HypothesisResult, bool]] = []
    for name in sets:
        members = sorted((h for h in board.hypotheses if h.set == name), key=lambda h: -h.posterior)
        out.extend((h, i == 0) for i, h in enumerate(members))
    return out


def judgment_text(result: HypothesisResult, note: int) -> Text:
    """``We judge it likely (55–80%) that ...``, the band's range carrying the note."""
    return (
        f"We judge it {result.band} (",
        Figure(band_range(result), note),
        f") that {embed_statement(result.statement)}.",
    )


def confidence_text(result: HypothesisResult, note: int) -> Text:
    """The confidence sentence: what share of the board was checked, how many origins."""
    checked = sum(i.state != "unchecked" for i in result.indicators)
    origins = _independent_origins(result)
    return (
        f"We have {result.confidence} confidence in this judgment: {checked} of "
        f"{len(result.indicators)} indicators checked",
        Figure("", note),
        f", {origins} independent origin{'' if origins == 1 else 's'} of evidence",
        Figure("", note),
        ".",
    )


def judgments(book: FootnoteBook, board: Board, ev: Evidence) -> tuple[Judgment, ...]:
    """One judgment per hypothesis, each set's most probable first."""
    out: list[Judgment] = []
    for result, lead in ordered_hypotheses(board):
        note = hypothesis_note(book, board, result, ev)
        by_state = {
            s: tuple(i.name for i in result.indicators if i.state == s) for s in STATE_LABELS
        }
        out.append(
            Judgment(
                hypothesis=result.id,
                set=result.set,
                sentence=judgment_text(result, note),
                confidence=confidence_text(result, note),
                observed=by_state["observed"],
                absent=by_state["checked_absent"],
                contradicted=by_state["contradicted"],
                unchecked=by_state["unchecked"],
                lead=lead,
            )
        )
    return tuple(out)


def _signed(value: float) -> str:
    return f"{value:+.2f}".replace("-", "−")


def hypothesis_boards(
    book: FootnoteBook, board: Board, ev: Evidence
) -> tuple[HypothesisBoard, ...]:
    """The indicator board of every hypothesis, in watch.yaml order."""
    anchor = _anchor(board)
    out: list[HypothesisBoard] = []
    for result in board.hypotheses:
        note = hypothesis_note(book, board, result, ev)
        rows: list[IndicatorRow] = []
        for indicator in result.indicators:
            citations = [ev.link(link) for link in indicator.evidence] or [
                _indicator_citation(result.id, indicator, anchor)
            ]
            lead = (
                f"Indicator {result.id}/{indicator.id} ({indicator.name}): "
                f"{STATE_LABELS[indicator.state]}; P(E|H) {indicator.p_e_given_h:.2f}, "
                f"P(E|not H) {indicator.p_e_given_not_h:.2f} (watch.yaml); "
                f"log-odds contribution {indicator.log_lr:+.2f}. {indicator.note}".strip()
            )
            n = book.note(lead, citations)
            factor = math.exp(indicator.log_lr)
            rows.append(
                IndicatorRow(
                    id=indicator.id,
                    name=indicator.name,
                    domain=indicator.domain,
                    state=STATE_LABELS[indicator.state],
                    likelihoods=Figure(
                        f"{indicator.p_e_given_h:.2f} / {indicator.p_e_given_not_h:.2f}", n
                    ),
                    contribution=Figure(f"{_signed(indicator.log_lr)} (×{factor:.2f})", n),
                    evidence=tuple(
                        link.summary or f"{link.kind} {link.ref}" for link in indicator.evidence
                    ),
                    note=indicator.note,
                )
            )
        out.append(
            HypothesisBoard(
                id=result.id,
                statement=result.statement,
                set=result.set,
                prior=Figure(f"{result.prior:.0%}", note),
                posterior=Figure(f"{result.posterior:.0%}", note),
                band=result.band,
                confidence=result.confidence,
                indicators=tuple(rows),
            )
        )
    return tuple(out)
