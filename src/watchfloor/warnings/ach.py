"""Analysis of competing hypotheses (Heuer): evidence against every alternative of a set.

Heuer (*Psychology of Intelligence Analysis*, CIA, 1999, ch. 8) lists the evidence down the
side of a matrix and the hypotheses across the top, marks each cell consistent (C),
inconsistent (I) or neutral / not applicable (N), drops evidence that is consistent with every
hypothesis (it has no diagnostic value), and prefers the hypothesis with the *least*
inconsistent evidence, not the most consistent. Here (``docs/warnings.md``, "ACH"):

- a row is an indicator id shared by the hypotheses of the set, in the state the board found;
- a cell compares the likelihoods of the evidence *as found* under the hypothesis:
  ``r = log(P(e|H) / P(e|not H))`` with ``e = E`` when observed and ``e = not E`` when
  checked-absent or contradicted; C when ``r >= log 1.5``, I when ``r <= -log 1.5``, N in
  between, and N when the indicator is unchecked or the hypothesis lacks it;
- a row's diagnosticity is ``log(max_k P(e|H_k) / min_k P(e|H_k))`` over the hypotheses that
  define it (unchecked rows show what observing E would tell); 0 means no diagnostic value;
- a hypothesis's inconsistency is the sum of ``|contribution|`` over its I cells, the
  contribution as weighted on the board (source grade and decay), so a weak or old
  inconsistency counts less. Hypotheses rank by least inconsistency, then fewest I cells,
  then highest posterior.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Literal

from watchfloor.errors import WatchfloorError
from watchfloor.warnings.board import Board, HypothesisResult, IndicatorResult, IndicatorState

__all__ = ["NEUTRAL_RATIO", "AchCell", "AchMatrix", "AchRank", "AchRow", "Mark", "ach_matrix"]

Mark = Literal["C", "I", "N"]

NEUTRAL_RATIO = 1.5
"""Evidence whose likelihood ratio under a hypothesis stays within 1.5x either way is N."""


@dataclass(frozen=True, slots=True)
class AchCell:
    """One hypothesis's reading of one row.

    Attributes:
        hypothesis: The hypothesis id.
        mark: C, I or N.
        state: The indicator's state for this hypothesis (None when it lacks the indicator).
        log_ratio: ``r`` (module docstring); None when unchecked or absent.
        log_lr: The contribution on the board (0 when unchecked or absent).
    """

    hypothesis: str
    mark: Mark
    state: IndicatorState | None
    log_ratio: float | None
    log_lr: float


@dataclass(frozen=True, slots=True)
class AchRow:
    """One item of evidence across the hypotheses of a set."""

    indicator: str
    name: str
    state: IndicatorState
    cells: tuple[AchCell, ...]
    diagnosticity: float


@dataclass(frozen=True, slots=True)
class AchRank:
    """A hypothesis's place in the ranking by least inconsistency."""

    hypothesis: str
    rank: int
    inconsistency: float
    inconsistent: int
    posterior: float


@dataclass(frozen=True, slots=True)
class AchMatrix:
    """The consistency matrix of one hypothesis set at one time."""

    set: str
    as_of: dt.datetime
    hypotheses: tuple[str, ...]
    rows: tuple[AchRow, ...]
    ranking: tuple[AchRank, ...]


def _likelihood(indicator: IndicatorResult, state: IndicatorState, given_h: bool) -> float:
    p = indicator.p_e_given_h if given_h else indicator.p_e_given_not_h
    return 1.0 - p if state in ("checked_absent", "contradicted") else p


def _cell(hypothesis: HypothesisResult, indicator: IndicatorResult | None) -> AchCell:
    if indicator is None:
        return AchCell(hypothesis.id, "N", None, None, 0.0)
    if indicator.state == "unchecked":
        return AchCell(hypothesis.id, "N", "unchecked", None, 0.0)
    ratio = math.log(
        _likelihood(indicator, indicator.state, True)
        / _likelihood(indicator, indicator.state, False)
    )
    threshold = math.log(NEUTRAL_RATIO)
    mark: Mark = "C" if ratio >= threshold else "I" if ratio <= -threshold else "N"
    return AchCell(hypothesis.id, mark, indicator.state, ratio, indicator.log_lr)


def _diagnosticity(found: list[IndicatorResult], state: IndicatorState) -> float:
    if len(found) == 1:
        only = found[0]
        return abs(math.log(_likelihood(only, state, True) / _likelihood(only, state, False)))
    likelihoods = [_likelihood(i, state, True) for i in found]
    return math.log(max(likelihoods) / min(likelihoods))


def ach_matrix(board: Board, set_id: str) -> AchMatrix:
    """The ACH matrix of the hypotheses of ``set_id`` on ``board``.

    Raises:
        WatchfloorError: no hypothesis of the board belongs to ``set_id``.
    """
    members = [h for h in board.hypotheses if h.set == set_id]
    if not members:
        known = sorted({h.set for h in board.hypotheses})
        listed = ", ".join(known) if known else "none (watch.yaml has no hypotheses)"
        raise WatchfloorError(f"no hypothesis set {set_id!r}; sets: {listed}")
    order: list[str] = []
    for hypothesis in members:
        order.extend(i.id for i in hypothesis.indicators if i.id not in order)
    rows: list[AchRow] = []
    for indicator_id in order:
        by_h = {
            h.id: next((i for i in h.indicators if i.id == indicator_id), None) for h in members
        }
        found = [i for i in by_h.values() if i is not None]
        state = found[0].state
        rows.append(
            AchRow(
                indicator=indicator_id,
                name=found[0].name,
                state=state,
                cells=tuple(_cell(h, by_h[h.id]) for h in members),
                diagnosticity=_diagnosticity(found, state),
            )
        )
    rows.sort(key=lambda r: -r.diagnosticity)  # stable: ties keep watch.yaml order
    scores = []
    for index, hypothesis in enumerate(members):
        marks = [row.cells[index] for row in rows]
        inconsistent = [c for c in marks if c.mark == "I"]
        scores.append(
            (
                math.fsum(abs(c.log_lr) for c in inconsistent),
                len(inconsistent),
                hypothesis,
            )
        )
    scores.sort(key=lambda s: (round(s[0], 12), s[1], -s[2].posterior, s[2].id))
    ranking = tuple(
        AchRank(h.id, rank, score, count, h.posterior)
        for rank, (score, count, h) in enumerate(scores, start=1)
    )
    return AchMatrix(set_id, board.as_of, tuple(h.id for h in members), tuple(rows), ranking)
