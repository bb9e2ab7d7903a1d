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

from watchfloor.news.claim import Claim, Measure, NlpMode
from watchfloor.news.extract.attribution import (
    Mention,
    canonical_source,
    demonym_for,
    find_mentions,
    normalize_source,
)
from watchfloor.news.extract.geography import actor_for, location_for
from watchfloor.news.extract.measures import bind_measure, find_unknown_size
from watchfloor.news.extract.modality import modality_for
from watchfloor.news.extract.nlp import Entity, analyse, spacy_ready
from watchfloor.news.extract.quantities import (
    Quantity,
    coordinated,
    find_quantities,
    share_hedges,
)
from watchfloor.news.extract.sentences import ABBREVIATIONS, split_sentences
from watchfloor.news.extract.timeexpr import TimeMention, find_times

__all__ = ["NlpMode", "extract_claims"]


_STATEMENT_BEFORE = re.compile(
    r"\b(?:said|says|say|told\s+(?:\w+\s*){1,3}|reported|announced|confirmed|warned|published|"
    r"saying|stating|speaking|telling\s+(?:\w+\s*){1,3}|"
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
    r"and\s+that)\b|;|\bbut\s+warned\b|\band\s+that\b|,\s+[a-z]+\s+of\s+(?:whom|which)\b|"
    r"\b(?:has|have|had)\s+since\b",
    re.IGNORECASE,
)
_TITLE_WORDS = frozenset(
    {"secretary", "minister", "spokesman", "spokeswoman", "spokesperson", "director", "chief"}
)
_BEGAN_WITH = re.compile(r",\s+(?:beginning|starting)\s+with\b", re.IGNORECASE)
_DEFINITE_SMALL = re.compile(r"\b(?:the|these|those|both)\s*$", re.IGNORECASE)
_HEAD_CLASSES: tuple[frozenset[str], ...] = (
    frozenset({"agency", "service", "intelligence", "nis", "hur"}),
    frozenset({"officials", "official", "sources", "source", "officers"}),
    frozenset({"military", "army", "jcs", "chiefs", "staff", "ministry"}),
    frozenset({"lawmaker", "legislator", "mp", "lee", "representative"}),
    frozenset({"unit", "forces", "force", "command", "brigade", "regiment", "special"}),
)
#: "the footage showed", "the statement said": the document of the source named last.
_DOCUMENT_HEADS = frozenset(
    {"footage", "statement", "broadcast", "report", "document", "video", "images", "release"}
)
#: A publisher that is an institution (a ministry's press release, an analyst note) speaks in
#: its own voice: its unattributed statements trace to it.
_INSTITUTION = re.compile(
    r"\b(?:Ministry|Department|Office|Command|Staff|Forces|Government|Embassy|Council|Service|"
    r"Institute|Analysis|Analytics|Centre|Center|Intelligence|Directorate|Bureau|Administration|"
    r"Research|Studies|Consulting|Associates)\b"
)
_NEWS_NAME = re.compile(
    r"\b(?:News|Press|Times|Post|Herald|Journal|Broadcasting|Television|Radio|Tribune|Telegraph|"
    r"Guardian|Independent|Daily|Wire|Media)\b",
    re.IGNORECASE,
)
#: A sentence about the previous sentence's figure ("The figure was given by HUR", "Of those,").
_FIGURE_SUBJECT = re.compile(
    r"^\W*(?:(?:The|That|This|These|Those|Its|Their)\s+(?:[\w-]+\s+){0,2}?(?:figures?|estimates?|"
    r"numbers?|tally|count|assessment|toll|total)\b|(?:Of|Among)\s+(?:those|them|these)\b)"
)
#: Heads of indefinite descriptions that a following sentence may name ("a research group").
_DESCRIBED_HEADS = frozenset(
    {
        "group",
        "institute",
        "organization",
        "organisation",
        "center",
        "centre",
        "monitor",
        "tank",
        "outlet",
        "agency",
        "firm",
        "project",
        "network",
        "team",
        "service",
        "foundation",
        "initiative",
    }
)
_INDEFINITE_BEFORE = re.compile(r"\b(?:[Aa]|[Aa]n)\s+(?:[\w-]+\s+){0,2}$")
_ENTITY_LABELS = frozenset({"PERSON", "ORG", "NORP"})
_DEPLOYMENT_SINCE = re.compile(
    r"\bsince\s+(?:the|its|their)\s+(?:initial|first|original)\s+(?:deployment|dispatch)\b",
    re.IGNORECASE,
)


@dataclass(slots=True)
class _Context:
    """What earlier sentences of the report tell later ones (speakers, the last chain)."""

    aliases: Mapping[str, str] | None
    recent: list[tuple[str, str]] = field(default_factory=list)
    previous_chain: tuple[str, ...] = ()
    actor: str | None = None
    entities: Sequence[Entity] = ()
    last_measure: Measure | None = None
    outlet: str | None = None
    institutional: bool = False
    since_anchor: str | None = None
    #: The chain of the last sentence that had claims or sources, for "Of those, ..." and
    #: "The figure ..." sentences that name no source of their own.
    sentence_chain: tuple[str, ...] = ()
    #: Indefinite descriptions ("a Seoul-based research group") waiting for the next sentences
    #: to name them, with the index of their sentence; and the names found for them.
    pending: dict[str, int] = field(default_factory=dict)
    named: dict[str, str] = field(default_factory=dict)
    #: A source a sentence gives for the previous sentence's figures ("The figure was given by X").
    refine: str | None = None
    #: ...and whether it only relayed them ("The figures were disclosed by Rep. Baek").
    refine_relay: bool = False
    index: int = 0
    #: The speaker of the current paragraph of an interview transcript ("Andriy Moroz: ...").
    label: str | None = None
    #: The last statement day ("Zelenskyy said Monday") as (start, end) with its speakers, for
    #: "the same day" and for later sentences of the same speaker that give no time.
    statement_day: tuple[tuple[str, str], frozenset[str], int] | None = None
    #: The last dated point of the previous sentence, for a sentence opening "At the time,".
    last_point: tuple[str, str] | None = None

    def normalize(self, name: str) -> str:
        return normalize_source(canonical_source(name), self.aliases)

    def resolve(
        self,
        mention: Mention,
        raw_names: tuple[str, ...],
        earlier: Sequence[tuple[Mention, tuple[str, ...]]] = (),
        quoted: bool = False,
    ) -> tuple[str, ...]:
        names = [self.normalize(name) for name in raw_names]
        if mention.pronoun:
            word = raw_names[-1].lower()
            if word == "we" and not quoted and self.label:
                return (self.label,)  # "Our brigade counted", answering in an interview
            if word == "we" and not quoted and self.outlet:
                return (self.outlet,)  # an analyst note's "we estimate": the publisher's voice
            speakers = [m for m, _ in earlier if m.kind == "speaker" and not m.pronoun]
            if speakers and word != "we":
                return (self.normalize(speakers[-1].speaker or speakers[-1].names[-1]),)
            if self.previous_chain:
                return self.previous_chain
        at = raw_names.index(mention.speaker) if mention.speaker in raw_names else 0
        if mention.definite and names[at] == raw_names[at] and raw_names[at]:
            head = raw_names[at].split()[-1].lower()
            if head in _DOCUMENT_HEADS and self.recent:
                names[at] = self.recent[-1][1]
            else:
                cls = next((c for c in _HEAD_CLASSES if head in c), frozenset({head}))
                for raw, canonical in reversed(self.recent):
                    words = {w.lower().strip("()") for w in raw.split()} | {canonical.lower()}
                    words |= {w.lower() for w in canonical.split()}
                    if words & cls:
                        names[at] = canonical
                        break
        for raw, canonical in zip(raw_names, names, strict=True):
            if not raw.lower().startswith(("he", "she", "it", "they", "we")) or " " in raw:
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


def _governing(
    resolved: list[tuple[Mention, tuple[str, ...]]], quantity: Quantity
) -> list[tuple[Mention, tuple[str, ...]]]:
    """The mentions that attribute the number: the nearest forward one before it ("X said
    that"), the tags after it (", X said", ", according to Y") and those around it."""
    chosen = [
        item for item in resolved if item[0].start < quantity.end and quantity.start < item[0].end
    ]
    before = [item for item in resolved if item[0].end <= quantity.start and item[0].forward]
    if before:
        nearest = max(before, key=lambda item: item[0].end)
        chosen.append(nearest)
        rest = [item for item in before if item is not nearest]
        if nearest[0].kind == "claims" and rest:
            chosen.append(max(rest, key=lambda item: item[0].end))  # the one who denies them
        chosen.extend(item for item in rest if item[0].kind == "according")
    chosen.extend(item for item in resolved if item[0].start >= quantity.end and item[0].backward)
    return chosen


def _chain(
    resolved: list[tuple[Mention, tuple[str, ...]]],
    quantity: Quantity,
    outlet: str | None = None,
) -> tuple[str, ...]:
    pool = _governing(resolved, quantity) if outlet is not None else []
    if not pool and outlet is None:
        pool = resolved
    elif not pool:
        # a mention that only looks forward ("..., and according to X, another 3,000") does not
        # reach back to a number before it
        pool = [
            item
            for item in resolved
            if item[0].backward or not item[0].forward or item[0].start < quantity.start
        ]
    ordered = sorted(pool, key=lambda item: _distance(item[0], quantity))
    chain: list[str] = []
    for _, names in ordered:
        for name in names:
            if name and (not chain or chain[-1] != name) and name not in chain:
                chain.append(name)
    if outlet and len(chain) > 1:
        # the publishing outlet is left out unless it is the origin ("told TASS" in TASS)
        folded = outlet.casefold()
        chain = [chain[0], *(name for name in chain[1:] if name.casefold() != folded)]
    return tuple(chain)


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
_INCLUDING = re.compile(r"^\s*,?\s*(?:including|of\s+whom|among\s+them|with)\s+$", re.I)
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


def _person_trim(name: str, entities: Sequence[Entity], span: tuple[int, int]) -> str:
    """spaCy's PERSON entity for a speaker name: the name without its title ("Lawmaker Lee X"
    → "Lee X"), or the person the rules lost behind a title ("Secretary of the ... Council
    Sergei Shoigu" cleaned to a bare "Secretary")."""
    inside = [e for e in entities if e.label == "PERSON" and span[0] <= e.start < span[1]]
    for entity in inside:
        if entity.text in name:
            if re.search(rf"\b(?:in|at|from|of|near|to)\s+{re.escape(entity.text)}$", name):
                return name  # "a source in Rason": the place describes the source
            return entity.text
    if inside and name.lower() in _TITLE_WORDS:
        return inside[-1].text
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
        spans, entities = analyse(text, split_sentences)
        spans = _merge_abbreviations(text, spans)
    else:
        spans = split_sentences(text)
    spans = _bounded(text, spans)
    context = _Context(folded, entities=entities)
    if outlet:
        context.outlet = context.normalize(outlet)
        context.institutional = bool(_INSTITUTION.search(outlet)) and not _NEWS_NAME.search(outlet)
    if published and _DEPLOYMENT_SINCE.search(text):
        context.since_anchor = _deployment_start(text, spans, published)
    claims: list[Claim] = []
    previous: list[Claim] = []
    last: list[Claim] = []
    labels = _speaker_labels(text)
    for index, (sent_start, sent_end) in enumerate(spans):
        sentence = text[sent_start:sent_end]
        context.index = index
        if labels and (sent_start == 0 or text[:sent_start].rstrip(" \t").endswith("\n")):
            label = _LABEL.match(sentence)
            context.label = labels.get(label.group("label")) if label else None
        found = _sentence_claims(sentence, sent_start, published, outlet, context)
        if context.label:
            # an interview answer: what the speaker states unattributed is the speaker's
            found = [
                c
                if c.attribution and c.attribution[0] != "unattributed"
                else replace(c, attribution=(context.label,))
                for c in found
            ]
        if published and index + 1 < len(spans) and any(c.extra.get("coming") for c in found):
            following = text[spans[index + 1][0] : spans[index + 1][1]]
            found = _narrow_coming(found, following, published)
        if context.refine and previous:
            refine_with = _relay if context.refine_relay else _refine
            refined = [refine_with(claim, context.refine) for claim in previous]
            claims[len(claims) - len(previous) :] = refined
        context.refine = None
        appositive = _APPOSITIVE_NAME.match(sentence)
        if appositive and last:
            named = [_name_description(claim, appositive.group("name")) for claim in last]
            claims[len(claims) - len(last) :] = named
        claims.extend(found)
        last = found
        previous = found or previous if not context.sentence_chain else found
    if context.named:
        claims = [_rename(claim, context.named) for claim in claims]
    return [_full_title(claim, text) for claim in claims]


#: Office words an article names in full once ("the Minister for the Armed Forces") and then
#: by the word alone ("the Minister said").
_OFFICES = ("Minister", "Secretary", "Ambassador", "Governor", "Commissioner", "Envoy", "Chair")


def _full_title(claim: Claim, text: str) -> Claim:
    """A claim whose origin is a bare office word, with the office's full name when the text
    gave it earlier ("the Minister for the Armed Forces ... The Minister said")."""
    chain = claim.attribution
    if not chain or chain[0] not in _OFFICES:
        return claim
    named = re.compile(
        rf"\b{chain[0]}\s+(?:of|for)\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+(?:the\s+|of\s+|for\s+|and\s+)?"
        r"[A-Z][\w'’-]*)*"
    )
    found = list(named.finditer(text, 0, claim.span[0]))
    if not found:
        return claim
    return replace(claim, attribution=(found[-1].group(0), *chain[1:]))


#: "The figures were disclosed by X": X passed on figures whose origin the sentence before named.
_RELAY_AGENT = re.compile(
    r"\b(?:disclosed|revealed|relayed|released|shared|leaked|presented|made\s+public)\s+"
    r"(?:[^\s,;.]+\s+){0,3}?by\b"
)


def _relay(claim: Claim, source: str) -> Claim:
    """The previous sentence's claim with the relay a later "The figures were disclosed by X"
    names: X ends the chain, unless the chain has no real origin yet (then X is the origin)."""
    chain = claim.attribution
    if source in chain:
        return claim
    if not chain or chain[0] == "unattributed" or demonym_for(chain[0]):
        return _refine(claim, source)
    return replace(claim, attribution=(*chain, source))


#: "Andriy Moroz: Our estimate is ...": a transcript paragraph opened by its speaker's name.
_LABEL = re.compile(r"\W*(?P<label>[A-Z][\w.'’/-]*(?:\s+[A-Z][\w.'’/-]*){0,3}):\s+\S")
_NOT_LABELS = frozenset(
    {"Note", "Update", "Correction", "Editor's note", "Source", "Photo", "Watch"}
)


def _speaker_labels(text: str) -> dict[str, str]:
    """The speaker labels of an interview transcript, each mapped to the speaker's full name
    ("Moroz" → "Andriy Moroz", the first label ending in the same word). Empty unless at least
    two paragraphs open with labels and two different speakers take turns."""
    found = [
        m.group("label")
        for m in re.finditer(
            r"(?m)^\W*(?P<label>[A-Z][\w.'’/-]*(?:\s+[A-Z][\w.'’/-]*){0,3}):\s+\S", text
        )
        if m.group("label") not in _NOT_LABELS
    ]
    if len(found) < 3 or len(set(found)) < 2:
        return {}
    full: dict[str, str] = {}
    for label in found:
        last = label.split()[-1]
        full.setdefault(last, label)
    return {label: full[label.split()[-1]] for label in found}


def _refine(claim: Claim, source: str) -> Claim:
    """The previous sentence's claim with the source a later "The figure was given by X" names:
    X replaces a country speaking through it ("Ukraine says" → HUR) or "unattributed", and
    becomes the origin before any other speaker (who then relayed it)."""
    chain = claim.attribution
    if source in chain:
        return claim
    if not chain or chain[0] == "unattributed" or demonym_for(chain[0]):
        return replace(claim, attribution=(source, *chain[1:]))
    return replace(claim, attribution=(source, *chain))


#: "The official, Oleg Marchenko, said ...": the name of the person the previous sentence only
#: described ("Kursk's deputy governor for construction told local television").
_APPOSITIVE_NAME = re.compile(
    r"\s*The\s+(?:[a-z]+\s+){0,2}(?:official|governor|spokesman|spokeswoman|spokesperson|"
    r"commander|officer|lawmaker|minister|director|diplomat|source)\s*,\s+"
    r"(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,2})\s*,"
)
_ROLE_WORD = re.compile(
    r"\b(?:official|governor|spokes(?:man|woman|person)|commander|officer|lawmaker|minister|"
    r"director|diplomat|deputy|chief|head)\b"
)


def _name_description(claim: Claim, name: str) -> Claim:
    """The previous sentence's claim whose origin only described a person (a lower-case role
    such as "deputy governor for construction") with the name the appositive gives."""
    chain = claim.attribution
    if not chain or not _ROLE_WORD.search(chain[0]) or name in chain:
        return claim
    return replace(claim, attribution=(name, *chain[1:]))


def _rename(claim: Claim, named: Mapping[str, str]) -> Claim:
    """A claim whose chain holds a description the text names later ("a research group ... The
    Northeast Asia Imagery Group said") with the name instead."""
    if not any(name in named for name in claim.attribution):
        return claim
    chain: list[str] = []
    for name in claim.attribution:
        name = named.get(name, name)
        if name not in chain:
            chain.append(name)
    return replace(claim, attribution=tuple(chain))


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


def _sentence_claims(
    sentence: str,
    offset: int,
    published: dt.date | None,
    outlet: str | None,
    context: _Context,
) -> list[Claim]:
    resolved: list[tuple[Mention, tuple[str, ...]]] = []
    end = offset + len(sentence)
    entities = [
        (e.start - offset, e.end - offset, e.text)
        for e in context.entities
        if e.label in _ENTITY_LABELS and offset <= e.start and e.end <= end
    ]
    for mention in find_mentions(sentence, entities):
        names = mention.names
        if context.entities:
            span = (offset + mention.start, offset + mention.end)
            names = tuple(_person_trim(name, context.entities, span) for name in names)
        quoted = sentence[: mention.start].count('"') % 2 == 1 or bool(_QUOTE_START.match(sentence))
        resolved.append((mention, context.resolve(mention, names, resolved, quoted)))
    _describe(sentence, resolved, context)
    figure_subject = bool(_FIGURE_SUBJECT.match(sentence))
    inherited: tuple[str, ...] | None = None
    if not resolved and _QUOTE_START.match(sentence) and context.previous_chain:
        inherited = context.previous_chain  # a quote continuing the last speaker's words
    elif not resolved and figure_subject and context.sentence_chain:
        inherited = context.sentence_chain  # "Of those, ...": the last sentence's source
    elif context.institutional and context.outlet:
        inherited = (context.outlet,)
    times = find_times(sentence, published) if published else []
    if published and context.since_anchor:
        for match in _DEPLOYMENT_SINCE.finditer(sentence):
            times.append(
                TimeMention(
                    match.start(),
                    match.end(),
                    match.group(0),
                    context.since_anchor,
                    published.isoformat(),
                    "since",
                )
            )
    claims: list[Claim] = []
    quantities = share_hedges(sentence, find_quantities(sentence))
    last_subject: str | None = None
    for quantity in quantities:
        binding = bind_measure(
            sentence, quantity.start, quantity.end, quantity.hedge, context.last_measure
        )
        if binding is None:
            continue
        value = quantity.low if quantity.low is not None else quantity.high
        own_hedge = quantity.hedge is not None and quantity.hedge in quantity.text
        if value == 1 and not own_hedge:
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
        context.last_measure = binding.measure
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
                quantities,
            )
        )
    taken = [(c.extra["count_span"][0] - offset, c.extra["count_span"][1] - offset) for c in claims]
    unknown = find_unknown_size(sentence, taken)
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
        claims.sort(key=lambda c: c.extra["count_span"][0])
    if resolved:
        context.previous_chain = _chain(resolved, Quantity(0, 0, 0, None, None, "exact", None, ""))
        agents = [names for mention, names in resolved if mention.kind == "agent"]
        if figure_subject and agents and not claims:
            context.refine = agents[0][0]  # "The figure was given by HUR."
            context.refine_relay = bool(_RELAY_AGENT.search(sentence))
    _remember_times(sentence, times, resolved, context)
    if claims:
        context.sentence_chain = claims[-1].attribution
    elif resolved:
        context.sentence_chain = context.previous_chain
    return claims


def _describe(
    sentence: str, resolved: Sequence[tuple[Mention, tuple[str, ...]]], context: _Context
) -> None:
    """Pair an indefinite description ("according to a Seoul-based research group") with the
    name one of the next two sentences gives a source of the same kind ("The Northeast Asia
    Imagery Group said")."""
    for _, names in resolved:
        for name in names:
            words = name.split()
            if not words:
                continue
            head = words[-1].lower()
            if name[:1].isupper() and all(w[:1].isupper() for w in words if w.isalpha()):
                for described, index in list(context.pending.items()):
                    if context.index - index > 2:
                        del context.pending[described]
                    elif described.split()[-1].lower() == head and described != name:
                        context.named[described] = name
                        del context.pending[described]
            elif head in _DESCRIBED_HEADS and words[-1].islower():
                at = sentence.find(words[0])
                if at > 0 and _INDEFINITE_BEFORE.search(sentence, 0, at):
                    context.pending[name] = context.index


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
    others: Sequence[Quantity] = (),
) -> Claim:
    chain = _chain(resolved, quantity, context.outlet or "") or inherited or ("unattributed",)
    modality = modality_for(sentence, start, noun_end)
    future = modality in ("planned", "speculative")
    mentions = [mention for mention, _ in resolved]
    time, _ = _choose_time(sentence, times, quantity, others, future, mentions)
    pub_iso = published.isoformat() if published else None
    time_start = time.date_start if time else pub_iso
    time_end = time.date_end if time else pub_iso
    if time is None:
        carried = _carried_time(sentence, chain, context)
        if carried:
            time_start, time_end = carried
    if (
        time
        and time.kind == "since"
        and time.point
        and _BEGAN_WITH.search(_between(sentence, time, quantity))
    ):
        time_start, time_end = time.point  # "starting last October, beginning with 1,500"
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
        modality=modality,
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
