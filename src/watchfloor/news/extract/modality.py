"""Modality: how a claim is put — asserted, estimated, reported, planned, speculative, denied.

The cue tables are ordered by precedence: a denial ("fake news", "denied") outranks everything,
a modal verb ("may", "could") governing the count outranks a plan ("could be preparing to send"
is speculative), a plan outranks an estimate, an estimate outranks hearsay ("reportedly"). Cues
are looked for in the claim's clause: from the sentence start to the first clause break after the
counted noun.
"""

from __future__ import annotations

import re

from watchfloor.news.claim import Modality

__all__ = ["CUES", "modality_for"]

#: (modality, cue pattern), in precedence order.
_CUE_TABLE: tuple[tuple[Modality, str], ...] = (
    (
        "denied",
        r"\b(?:den(?:y|ies|ied|ying)|fake\s+news|no\s+conclusive\s+proof|smear|"
        r"rejected|dismissed|disinformation|falsehoods?|fabricat\w+|baseless|"
        r"groundless)\b",
    ),
    ("speculative", r"\b(?:may|might|could|possibly|perhaps|speculat\w+|potentially)\b"),
    (
        "planned",
        r"\b(?:plans?|planned|planning|decided|decides|will\s+(?:send|deploy|dispatch)|"
        r"would\s+(?:send|deploy|dispatch)|is\s+preparing|are\s+preparing|was\s+preparing|"
        r"preparing\s+to|prepares|expected\s+to|set\s+to|intends?|intended|likely\s+to|"
        r"committed\s+to|to\s+be\s+(?:sent|deployed|dispatched)|scheduled|poised|"
        r"preparing\s+a)\b",
    ),
    (
        "estimated",
        r"\b(?:estimat(?:e|es|ed|ing)|assess(?:es|ed|ing)?|believ(?:e|es|ed|ing)|thought\s+to|"
        r"think|thinks|calculated|"
        r"presumed|suspected)\b",
    ),
    (
        "reported",
        r"\b(?:reportedly|it\s+is\s+reported|it\s+was\s+reported|reports\s+say|"
        r"according\s+to\s+reports|reported\s+to\s+have|said\s+to\s+have|allegedly)\b",
    ),
)
CUES: tuple[tuple[Modality, re.Pattern[str]], ...] = tuple(
    (modality, re.compile(pattern, re.IGNORECASE)) for modality, pattern in _CUE_TABLE
)
_CLAUSE_END = re.compile(r"[,;:—–]|\s-\s|\.\s|\.$")
_PLANNED_AFTER = re.compile(
    r"^[^,;.]{0,40}?\b(?:is|are|was|were)\s+(?:expected|set|likely|scheduled|due|to\s+be)\b|"
    r"^\s+(?:likely|expected|set|due)\s+to\b",
    re.IGNORECASE,
)
_SPECULATIVE_AFTER = re.compile(
    r"^(?:(?!\band\b)[^,;.]){0,30}?\b(?:could|may|might)\s+(?:soon\s+|also\s+|still\s+)?(?:be|have|join|"
    r"arrive|go|leave|head|travel|fight)\b",
    re.IGNORECASE,
)
_DENIED_AFTER = re.compile(
    r"^[^.;]{0,80}?(?:fake\s+news|smear|disinformation|fabricat\w+|baseless)", re.IGNORECASE
)


def modality_for(sentence: str, count_start: int, noun_end: int) -> Modality:
    """The modality of the count at ``sentence[count_start:noun_end]``.

    Args:
        sentence: The sentence carrying the claim.
        count_start: Offset of the quantity (hedge included).
        noun_end: Offset just after the counted noun.

    Returns:
        One of the conventions' modalities; ``"asserted"`` when no cue is found.
    """
    after = sentence[noun_end:]
    stop = _CLAUSE_END.search(after)
    window = sentence[: noun_end + (stop.start() if stop else len(after))]
    hedge_window = sentence[:count_start]
    if _DENIED_AFTER.match(after):
        return "denied"
    if _SPECULATIVE_AFTER.match(after):
        return "speculative"
    if _PLANNED_AFTER.match(after) and not CUES[1][1].search(hedge_window):
        return "planned"
    for modality, cue in CUES:
        scope = window if modality == "denied" else hedge_window
        if modality == "estimated":
            scope = window
        if cue.search(scope):
            return modality
    return "asserted"
