"""Which time expression dates a claim, and times carried from sentence to sentence.

A sentence may hold several times and several numbers: :func:`_choose_time` keeps an event
time only when no clause break, statement time or uncoordinated count stands between it and
the number; a statement day ("Zelenskyy said Monday") is remembered for later sentences of the
same speaker; "since" deployments resolve against the report's own start date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import replace

from watchfloor.news.claim import Claim
from watchfloor.news.extract.attribution import (
    Mention,
)
from watchfloor.news.extract.quantities import (
    Quantity,
    coordinated,
)
from watchfloor.news.extract.sentence_context import _Context
from watchfloor.news.extract.timeexpr import TimeMention, find_times

_STATEMENT_BEFORE = re.compile(
    r"\b(?:said|says|say|told\s+(?:\w+\s*){1,3}|reported|announced|confirmed|warned|published|"
    r"saying|stating|speaking|telling\s+(?:\w+\s*){1,3}|"
    r"estimated|added|stated|briefed|wrote|commentary|statement|briefing)\s*(?:,\s*)?"
    r"(?:on\s+|at\s+|in\s+|late\s+|earlier\s+)?$",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(
    r",\s+(?:where|which|who|whom|but|while|as|after|when|although|though|most|many|some|"
    r"and\s+that)\b|;|\bbut\s+warned\b|\band\s+that\b|,\s+[a-z]+\s+of\s+(?:whom|which)\b|"
    r"\b(?:has|have|had)\s+since\b",
    re.IGNORECASE,
)
_DEPLOYMENT_SINCE = re.compile(
    r"\bsince\s+(?:the|its|their)\s+(?:initial|first|original)\s+(?:deployment|dispatch)\b",
    re.IGNORECASE,
)


def _choose_time(
    sentence: str,
    times: list[TimeMention],
    quantity: Quantity,
    others: Sequence[Quantity] = (),
    future: bool = True,
    mentions: Sequence[Mention] = (),
) -> tuple[TimeMention | None, bool]:
    """The time mention for a claim and whether it dates the statement (not the event).

    An event time is skipped when a clause break, a statement time ("reported on Monday") or
    another count that is not coordinated with this one ("casualties among the 11,000 troops
    it sent last year") stands between it and the number; "in the coming months" dates only a
    claim about the future (planned or speculative).
    """
    events: list[TimeMention] = []
    statements: list[TimeMention] = []
    for mention in times:
        if mention.kind == "point" and _STATEMENT_BEFORE.search(sentence[: mention.start]):
            statements.append(mention)
        else:
            events.append(mention)
    statements = [m for m in statements if not _other_speaker(m, quantity, mentions)]
    events = [
        m
        for m in events
        if not _CLAUSE_BREAK.search(_between(sentence, m, quantity))
        and not any(_inside(s, m, quantity) for s in statements)
        and not any(
            _inside_q(o, m, quantity)
            and not coordinated(sentence, o, quantity)
            and not _INCLUDING.match(sentence[o.end : quantity.start])
            and not _BREAKDOWN.match(sentence[o.end : quantity.start])
            for o in others
        )
        and (future or m.kind != "coming")
        and not _in_lead_phrase(sentence, m, quantity)
    ]
    pool = (
        [m for m in events if m.precise]
        or [m for m in events if m.kind != "coming"]
        or events
        or statements
    )
    if not pool:
        return None, False
    best = min(pool, key=lambda m: len(_between(sentence, m, quantity)))
    return best, not events


#: "around 4,700, including some 600 dead": a part of the count before it, dated alike.
_INCLUDING = re.compile(
    # "11,000 North Korean troops were now in the region, including some 500 officers"
    r"^(?:[^,;.\d]{0,80},)?\s*,?\s*(?:including|of\s+whom|among\s+them|with)\s+$",
    re.I,
)
#: "a promise of 6,000 more: 1,000 sappers ... and 5,000 builders": the parts of a total.
_BREAKDOWN = re.compile(r"^\s*(?:more|further|additional|in\s+all|in\s+total)?\s*:", re.I)
_LEAD_PHRASE = re.compile(r"^\W*(?:Of|Among|From)\s[^,]*$")


def _in_lead_phrase(sentence: str, time: TimeMention, quantity: Quantity) -> bool:
    """Whether the time sits in an introductory phrase that the number only draws from ("Of
    the soldiers sent last autumn, about 4,000 were killed"): it dates those soldiers."""
    return (
        time.end <= quantity.start
        and "," in sentence[time.end : quantity.start]
        and bool(_LEAD_PHRASE.match(sentence[: time.start]))
    )


def _other_speaker(time: TimeMention, quantity: Quantity, mentions: Sequence[Mention]) -> bool:
    """Whether a speaker other than the one the statement time belongs to stands between it and
    the number ("Russia said in June ... , and analysts expect ... more troops")."""
    owners = [m for m in mentions if m.start <= time.start]
    owner = max(owners, key=lambda m: m.start) if owners else None
    lo, hi = (
        (time.end, quantity.start) if time.end <= quantity.start else (quantity.end, time.start)
    )
    return any(m is not owner and lo <= m.start and m.end <= hi for m in mentions)


def _inside(statement: TimeMention, event: TimeMention, quantity: Quantity) -> bool:
    lo, hi = (
        sorted((event.end, quantity.start))
        if event.end <= quantity.start
        else (
            quantity.end,
            event.start,
        )
    )
    return lo <= statement.start and statement.end <= hi


def _inside_q(other: Quantity, event: TimeMention, quantity: Quantity) -> bool:
    if other.start == quantity.start:
        return False
    if event.end <= quantity.start:
        return event.end <= other.start and other.end <= quantity.start
    return quantity.end <= other.start and other.end <= event.start


def _between(sentence: str, mention: TimeMention, quantity: Quantity) -> str:
    if mention.start >= quantity.end:
        return sentence[quantity.end : mention.start]
    return sentence[mention.end : quantity.start]


def _deployment_start(
    text: str, spans: Sequence[tuple[int, int]], published: dt.date
) -> str | None:
    """The start of the deployment period a report gives ("since late 2024"), for its later
    "since the initial deployment"."""
    starts = [
        mention.date_start
        for start, end in spans
        for mention in find_times(text[start:end], published)
        if mention.kind == "since" and mention.date_start
    ]
    return min(starts) if starts else None


def _narrow_coming(claims: list[Claim], following: str, published: dt.date) -> list[Claim]:
    """'in the coming months. [...] as early as July or August': the next sentence dates it."""
    early = [
        m for m in find_times(following, published) if m.text.lower().startswith("as early as")
    ]
    if not early:
        return claims
    return [
        replace(
            claim,
            time_text=early[0].text,
            time_start=early[0].date_start,
            time_end=early[0].date_end,
        )
        if claim.extra.get("coming")
        else claim
        for claim in claims
    ]


_SAME_DAY = re.compile(r"\b(?:the\s+same\s+day|that\s+same\s+day)\b", re.I)
_AT_THE_TIME = re.compile(r"^\W*At\s+(?:the|that)\s+time\b")


def _carried_time(
    sentence: str, chain: tuple[str, ...], context: _Context
) -> tuple[str, str] | None:
    """The time an earlier sentence gives a claim whose own sentence names none: "At the time,"
    takes the previous sentence's date; "the same day" and a speaker who gave a statement day
    in the sentence just before ("Zelenskyy said Monday. ... Zelenskyy put the losses at")
    take that day."""
    if _AT_THE_TIME.match(sentence) and context.last_point:
        return context.last_point
    if context.statement_day is None:
        return None
    day, speakers, index = context.statement_day
    if context.index - index > 1:
        return None  # a later statement, not the same day's
    if _SAME_DAY.search(sentence) or (chain and chain[0] in speakers):
        return day
    return None


def _remember_times(
    sentence: str,
    times: Sequence[TimeMention],
    resolved: Sequence[tuple[Mention, tuple[str, ...]]],
    context: _Context,
) -> None:
    """Record this sentence's statement day and last dated point for the sentences after it."""
    context.last_point = None
    for mention in times:
        start, end = mention.date_start, mention.date_end
        if mention.kind != "point" or start is None or end is None:
            continue
        context.last_point = (start, end)
        if start == end and _STATEMENT_BEFORE.search(sentence[: mention.start]) and resolved:
            speakers = frozenset(name for _, names in resolved for name in names[:1])
            context.statement_day = ((start, end), speakers, context.index)
