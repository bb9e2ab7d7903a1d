"""Grading: Admiralty source reliability (A-F) and information credibility (1-6).

Reliability belongs to the source (``watch.yaml``; a claim takes its origin's grade, or the
outlet's when it names nobody). Credibility follows from independent corroboration, counted
in ORIGINS, never outlets (NATO AJP-2.1 / US Army FM 2-22.3 Appendix B definitions):

==  ==================  ===============================================================
1   confirmed           agreed by two or more other independent origins
2   probably true       agreed by one other independent origin
3   possibly true       neither agreed nor contradicted; source graded A-C
4   doubtful            neither agreed nor contradicted; source graded D-E, or speculative
5   improbable          contradicted by another origin and agreed by none
6   cannot be judged    no size stated, or an unattributed report from an ungraded outlet
==  ==================  ===============================================================

Origins "agree" when they report the same measure (and the same stock or flow) within
:data:`CORROBORATION_DAYS` of each other with overlapping stated intervals (see
:func:`.evidence.plausible_interval`); they "contradict" when those intervals do not meet.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from watchfloor.assess.evidence import ClaimRecord, is_flow, plausible_interval

__all__ = ["CORROBORATION_DAYS", "Grade", "grade_claims"]

#: How close in time two origins' statements must be to bear on each other.
CORROBORATION_DAYS = 45


@dataclass(frozen=True, slots=True)
class Grade:
    """A claim's Admiralty grade, e.g. ``B2``, with the origins behind the credibility."""

    reliability: str
    credibility: int
    agreeing: tuple[str, ...] = ()
    contradicting: tuple[str, ...] = ()

    @property
    def code(self) -> str:
        """The two-character Admiralty code, e.g. ``B2``."""
        return f"{self.reliability}{self.credibility}"


def grade_claims(
    claims: Sequence[ClaimRecord],
    origins: Mapping[int, str],
    reliability: Mapping[int, str],
    background: Mapping[int, bool] | None = None,
) -> dict[int, Grade]:
    """Grade every claim.

    Args:
        claims: The claims.
        origins: Claim id → origin id.
        reliability: Claim id → the Admiralty reliability of its origin's source.
        background: Claim id → restated context (takes its origin's credibility).

    Returns:
        Claim id → :class:`Grade`.
    """
    background = background or {}
    by_origin: dict[str, list[ClaimRecord]] = defaultdict(list)
    for claim in claims:
        by_origin[origins[claim.id]].append(claim)
    verdicts: dict[str, tuple[set[str], set[str]]] = {}
    for origin, members in by_origin.items():
        agree: set[str] = set()
        contra: set[str] = set()
        evidence = [c for c in members if not background.get(c.id)]
        for other, others in by_origin.items():
            if other == origin:
                continue
            for mine in evidence:
                for theirs in others:
                    if background.get(theirs.id) or not _comparable(mine, theirs):
                        continue
                    if _overlap(mine, theirs):
                        agree.add(other)
                    else:
                        contra.add(other)
        verdicts[origin] = (agree, contra - agree)
    grades: dict[int, Grade] = {}
    for claim in claims:
        agree, contra = verdicts[origins[claim.id]]
        rel = reliability.get(claim.id, "F")
        grades[claim.id] = Grade(
            rel,
            _credibility(claim, rel, len(agree), len(contra)),
            tuple(sorted(agree)),
            tuple(sorted(contra)),
        )
    return grades


def _credibility(claim: ClaimRecord, reliability: str, agree: int, contra: int) -> int:
    if claim.low is None and claim.high is None:
        return 6
    if agree >= 2:
        return 1
    if agree == 1:
        return 2
    if contra:
        return 5
    if claim.modality == "speculative" or reliability in ("D", "E"):
        return 4
    if reliability == "F":
        return 6
    return 3


def _comparable(a: ClaimRecord, b: ClaimRecord) -> bool:
    if a.measure != b.measure or is_flow(a) != is_flow(b):
        return False
    if "denied" in (a.modality, b.modality) or "planned" in (a.modality, b.modality):
        return False
    if plausible_interval(a) is None or plausible_interval(b) is None:
        return False
    return abs((a.published - b.published).days) <= CORROBORATION_DAYS


def _overlap(a: ClaimRecord, b: ClaimRecord) -> bool:
    ia, ib = plausible_interval(a), plausible_interval(b)
    if ia is None or ib is None:
        return False
    return ia[0] <= ib[1] and ib[0] <= ia[1]
