"""The claim extractor: report text in, one :class:`Claim` per count of people out.

A plain pipeline over sentences: find hedged numbers (:mod:`.quantities`), bind each to a people
noun (:mod:`.measures`), then fill time (:mod:`.timeexpr`), attribution (:mod:`.attribution`),
modality (:mod:`.modality`), actor and location (:mod:`.geography`). The ``"spacy"`` mode changes
only sentence splitting and uses person entities to trim speaker names; numbers and measures come
from the same rules, so both modes agree on (measure, low, high).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from watchfloor.news.claim import Claim, NlpMode
from watchfloor.news.extract.attribution import Mention, find_mentions, normalize_source
from watchfloor.news.extract.geography import actor_for, location_for
from watchfloor.news.extract.measures import bind_measure, find_unknown_size
from watchfloor.news.extract.modality import modality_for
from watchfloor.news.extract.nlp import Entity, analyse, spacy_ready
from watchfloor.news.extract.quantities import Quantity, find_quantities, share_hedges
from watchfloor.news.extract.sentences import ABBREVIATIONS, split_sentences
from watchfloor.news.extract.timeexpr import TimeMention, find_times

__all__ = ["NlpMode", "extract_claims"]


_STATEMENT_BEFORE = re.compile(
    r"\b(?:said|says|say|told\s+(?:\w+\s*){1,3}|reported|announced|confirmed|warned|published|"
    r"estimated|added|stated|briefed|wrote|commentary|statement|briefing)\s*(?:,\s*)?"
    r"(?:on\s+|at\s+|in\s+|late\s+|earlier\s+)?$",
    re.IGNORECASE,
)
_QUOTE_START = re.compile(r"^[\"“‘']")
_ALREADY = re.compile(
    r"^\s*(?:(?:who|that)\s+(?:are|were|have|had|is|was)\s+)?(?:been\s+)?already\b", re.I
)
_CLAUSE_BREAK = re.compile(
    r",\s+(?:where|which|who|whom|but|while|as|after|when|although|though|most|many|some|"
    r"and\s+that)\b|;|\bbut\s+warned\b|,\s+[a-z]+\s+of\s+(?:whom|which)\b",
    re.IGNORECASE,
)
_DEFINITE_SMALL = re.compile(r"\b(?:the|these|those|both)\s*$", re.IGNORECASE)
_HEAD_CLASSES: tuple[frozenset[str], ...] = (
    frozenset({"agency", "service", "intelligence", "nis", "hur"}),
    frozenset({"officials", "official", "sources", "source", "officers"}),
    frozenset({"military", "army", "jcs", "chiefs", "staff", "ministry"}),
    frozenset({"lawmaker", "legislator", "mp", "lee", "representative"}),
)


@dataclass(slots=True)
class _Context:
    """What earlier sentences of the report tell later ones (speakers, the last chain)."""

    aliases: Mapping[str, str] | None
    recent: list[tuple[str, str]] = field(default_factory=list)
    previous_chain: tuple[str, ...] = ()
    actor: str | None = None
    entities: Sequence[Entity] = ()

    def resolve(self, mention: Mention, raw_names: tuple[str, ...]) -> tuple[str, ...]:
        names = [normalize_source(name, self.aliases) for name in raw_names]
        if mention.pronoun and self.previous_chain:
            return self.previous_chain
        if mention.definite and names[0] == raw_names[0]:
            head = raw_names[0].split()[-1].lower()
            cls = next((c for c in _HEAD_CLASSES if head in c), frozenset({head}))
            for raw, canonical in reversed(self.recent):
                words = {w.lower().strip("()") for w in raw.split()} | {canonical.lower()}
                if words & cls:
                    names[0] = canonical
                    break
        for raw, canonical in zip(raw_names, names, strict=True):
            if not raw.lower().startswith(("he", "she", "it", "they")) or " " in raw:
                self.recent.append((raw, canonical))
        return tuple(names)


#: ``nlp="auto"`` uses spaCy up to this many characters; longer texts (a 5 MB dump is not an
#: article) go through the rules, which are about 40 times faster.
AUTO_SPACY_MAX_CHARS = 200_000
#: Longer "sentences" (text with no sentence ends: tables, lists, garbage) are cut at white
#: space into pieces of at most this many characters, so work per sentence stays bounded.
MAX_SENTENCE_CHARS = 1_200


def _choose_backend(nlp: NlpMode, size: int) -> bool:
    if nlp == "rules":
        return False
    if nlp == "spacy":
        if not spacy_ready():
            raise ImportError("nlp='spacy' needs spaCy and en_core_web_sm installed")
        return True
    return size <= AUTO_SPACY_MAX_CHARS and spacy_ready()


def _bounded(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Cut spans longer than :data:`MAX_SENTENCE_CHARS` at white space."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        while end - start > MAX_SENTENCE_CHARS:
            cut = text.rfind(" ", start + MAX_SENTENCE_CHARS // 2, start + MAX_SENTENCE_CHARS)
            cut = cut if cut > start else start + MAX_SENTENCE_CHARS
            out.append((start, cut))
            start = cut + 1 if text[cut : cut + 1] == " " else cut
        if start < end:
            out.append((start, end))
    return out


def _merge_abbreviations(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged:
            last_token = text[merged[-1][0] : merged[-1][1]].rsplit(None, 1)[-1].lower()
            same_line = "\n" not in text[merged[-1][1] : start]
            if same_line and (
                last_token in ABBREVIATIONS
                or not last_token.endswith((".", "?", "!", '"', "”", ")"))
            ):
                merged[-1] = (merged[-1][0], end)
                continue
        merged.append((start, end))
    return merged


def _distance(mention: Mention, quantity: Quantity) -> int:
    if mention.end <= quantity.start:
        return quantity.start - mention.end
    if mention.start >= quantity.end:
        return mention.start - quantity.end
    return 0


def _chain(resolved: list[tuple[Mention, tuple[str, ...]]], quantity: Quantity) -> tuple[str, ...]:
    ordered = sorted(resolved, key=lambda item: _distance(item[0], quantity))
    chain: list[str] = []
    for _, names in ordered:
        for name in names:
            if name and (not chain or chain[-1] != name) and name not in chain:
                chain.append(name)
    return tuple(chain)


def _choose_time(
    sentence: str, times: list[TimeMention], quantity: Quantity
) -> tuple[TimeMention | None, bool]:
    """The time mention for a claim and whether it dates the statement (not the event)."""
    events: list[TimeMention] = []
    statements: list[TimeMention] = []
    for mention in times:
        if mention.kind == "point" and _STATEMENT_BEFORE.search(sentence[: mention.start]):
            statements.append(mention)
        else:
            events.append(mention)
    events = [m for m in events if not _CLAUSE_BREAK.search(_between(sentence, m, quantity))]
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


def _between(sentence: str, mention: TimeMention, quantity: Quantity) -> str:
    if mention.start >= quantity.end:
        return sentence[quantity.end : mention.start]
    return sentence[mention.end : quantity.start]


def _person_trim(name: str, entities: Sequence[Entity], span: tuple[int, int]) -> str:
    for entity in entities:
        if entity.label == "PERSON" and span[0] <= entity.start < span[1] and entity.text in name:
            return entity.text
    return name


def extract_claims(
    text: str,
    *,
    published: dt.date | None = None,
    outlet: str | None = None,
    aliases: Mapping[str, str] | None = None,
    nlp: NlpMode = "auto",
) -> list[Claim]:
    """Every claim (a count of people) stated in a report.

    Args:
        text: The report body.
        published: Publication date; relative times ("on Monday") resolve against it, and a
            claim with no time expression takes it. ``None`` leaves times unresolved.
        outlet: The publishing outlet, copied onto each claim.
        aliases: Casefolded alias → canonical source name, applied to attribution elements.
        nlp: ``"rules"`` (regular expressions only), ``"spacy"`` (spaCy sentences and entities;
            raises ``ImportError`` when spaCy or its model is missing) or ``"auto"``.

    Returns:
        Claims in text order.
    """
    if isinstance(published, dt.datetime):
        published = published.date()
    folded = {key.casefold(): value for key, value in aliases.items()} if aliases else None
    use_spacy = _choose_backend(nlp, len(text))
    entities: list[Entity] = []
    if use_spacy:
        spans, entities = analyse(text)
        spans = _merge_abbreviations(text, spans)
    else:
        spans = split_sentences(text)
    spans = _bounded(text, spans)
    context = _Context(folded, entities=entities)
    claims: list[Claim] = []
    for index, (sent_start, sent_end) in enumerate(spans):
        sentence = text[sent_start:sent_end]
        found = _sentence_claims(sentence, sent_start, published, outlet, context)
        if published and index + 1 < len(spans) and any(c.extra.get("coming") for c in found):
            following = text[spans[index + 1][0] : spans[index + 1][1]]
            found = _narrow_coming(found, following, published)
        claims.extend(found)
    return claims


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


def _sentence_claims(
    sentence: str,
    offset: int,
    published: dt.date | None,
    outlet: str | None,
    context: _Context,
) -> list[Claim]:
    resolved: list[tuple[Mention, tuple[str, ...]]] = []
    for mention in find_mentions(sentence):
        names = mention.names
        if context.entities:
            span = (offset + mention.start, offset + mention.end)
            names = tuple(_person_trim(name, context.entities, span) for name in names)
        resolved.append((mention, context.resolve(mention, names)))
    inherited: tuple[str, ...] | None = None
    if not resolved and _QUOTE_START.match(sentence) and context.previous_chain:
        inherited = context.previous_chain
    times = find_times(sentence, published) if published else []
    claims: list[Claim] = []
    quantities = share_hedges(sentence, find_quantities(sentence))
    last_subject: str | None = None
    for quantity in quantities:
        binding = bind_measure(sentence, quantity.start, quantity.end, quantity.hedge)
        if binding is None:
            continue
        value = quantity.low if quantity.low is not None else quantity.high
        if value == 1 and quantity.hedge is None:
            continue  # "one captured soldier told...": an individual, not a count
        if (
            quantity.hedge is None
            and value is not None
            and value < 100
            and _DEFINITE_SMALL.search(sentence[: quantity.start])
        ):
            continue  # "the two men": a reference back, not a new count
        subject = binding.subject or last_subject
        last_subject = subject
        claims.append(
            _claim(
                sentence,
                offset,
                quantity.start,
                quantity.end,
                binding.end,
                published,
                outlet,
                resolved,
                inherited,
                times,
                quantity,
                binding.measure,
                binding.role,
                subject,
                context,
            )
        )
    if not claims:
        unknown = find_unknown_size(sentence)
        if unknown:
            start, end, phrase = unknown
            quantity = Quantity(start, start, start, None, None, "unknown", None, "")
            claims.append(
                _claim(
                    sentence,
                    offset,
                    start,
                    start,
                    end,
                    published,
                    outlet,
                    resolved,
                    inherited,
                    times,
                    quantity,
                    "troops",
                    None,
                    phrase,
                    context,
                )
            )
    if resolved:
        context.previous_chain = _chain(resolved, Quantity(0, 0, 0, None, None, "exact", None, ""))
    return claims


def _claim(
    sentence: str,
    offset: int,
    start: int,
    end: int,
    noun_end: int,
    published: dt.date | None,
    outlet: str | None,
    resolved: list[tuple[Mention, tuple[str, ...]]],
    inherited: tuple[str, ...] | None,
    times: list[TimeMention],
    quantity: Quantity,
    measure: str,
    role: str | None,
    subject: str | None,
    context: _Context,
) -> Claim:
    chain = _chain(resolved, quantity) or inherited or ("unattributed",)
    time, _ = _choose_time(sentence, times, quantity)
    pub_iso = published.isoformat() if published else None
    time_start = time.date_start if time else pub_iso
    time_end = time.date_end if time else pub_iso
    background = bool(
        (quantity.hedge or "").lower().startswith("the ")
        or _ALREADY.match(sentence[noun_end:])
        or (time is not None and time.kind in ("since", "by"))
    )
    hedge = quantity.hedge.lower() if quantity.hedge else None
    speakers = tuple((mention.start, mention.end) for mention, _ in resolved)
    actor = actor_for(sentence, subject, start, speakers) or context.actor
    context.actor = actor
    return Claim(
        measure=measure,  # type: ignore[arg-type]
        bound=quantity.bound,
        low=quantity.low,
        high=quantity.high,
        span=(offset, offset + len(sentence)),
        quote=sentence,
        role=role,
        hedge=hedge,
        subject=subject,
        actor=actor,
        location=location_for(sentence, noun_end),
        modality=modality_for(sentence, start, noun_end),
        time_text=time.text if time else None,
        time_start=time_start,
        time_end=time_end,
        attribution=chain,
        outlet=outlet,
        background=background,
        extra={
            "count_span": [offset + start, offset + noun_end],
            **({"coming": True} if time is not None and time.kind == "coming" else {}),
        },
    )
