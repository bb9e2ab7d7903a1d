"""Attribution: who a figure traces to, as a chain from origin to the last relay.

A sentence's *source mentions* are found by four patterns: "X said/told/estimated..." (speaker
before the verb, across an appositive), "..., said X" (speaker after the verb), "according to X"
(with "cited by", "described to", "attributed to", "by" inside X), and "citing X" / "after a
briefing by X" (an origin for the speaker before it). The chain for a claim orders the mentions
by distance from the claim's number, nearest first: the speaker nearest the figure is its origin,
each mention further out a relay ("300 killed, the agency said, according to a lawmaker, Yonhap
reported" → agency, lawmaker, Yonhap). Names are cleaned (:func:`clean_source`) and normalized
through the caller's aliases (:func:`normalize_source`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

__all__ = ["Mention", "clean_source", "find_mentions", "normalize_source"]

_VERBS = (
    r"said|says|say|told|tells|tell|estimated|estimates|estimate|assessed|assesses|assess|"
    r"believes|believe|believed|claimed|claims|claim|claiming|saying|reported|reports|"
    r"confirmed|confirms|warned|warns|added|adds|stated|states|announced|announces|noted|notes|"
    r"wrote|writes|dismissed|dismisses|denied|denies|rejected|rejects|acknowledged|"
    r"acknowledges|indicated|indicates|revealed|reveals|disclosed|briefed|testified|published|"
    r"calculated|counted|informed|insisted|insists|alleged|alleges|concluded|concludes|"
    r"put|puts|puts\s+the\s+figure|estimating|assessing|says\s+that|shows|showed"
)
_VERB = re.compile(rf"\b(?:{_VERBS})\b")
_ADVERBIAL = re.compile(
    r"(?:\s*,)?\s+(?:also|has|have|had|separately|later|previously|repeatedly|earlier|now|again|"
    r"further|then|publicly|officially|recently|initially|reportedly|(?:on|at|in|late|early)\s+"
    r"(?:the\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|weekend|"
    r"[A-Z][a-z]+\.?\s+\d{1,2})|(?:last|this)\s+(?:week|month|year)|Monday|Tuesday|Wednesday|"
    r"Thursday|Friday|Saturday|Sunday)\s*$"
)
_PASSIVE = re.compile(r"\b(?:is|are|was|were|been|being|be)\s*$")
_BOUNDARY = re.compile(
    r"(?:^|,\s+(?:(?:and|but|while|with|as|when|after|which|because|although|though)\s+)?|"
    r";\s+|\s+that\s+|\s*[—–]\s*|\s+-\s+|[\"“”]\s*|\s+and\s+|\s+but\s+|\s+while\s+|"
    r"\s+with\s+|\s+after\s+|\s+as\s+|\s+when\s+|\s+because\s+|\s+which\s+|:\s+)"
)
_NOT_SPEAKER = re.compile(
    r"\b(?:is|are|was|were|said|says|told|to|be|would|will|could|may|might|can|thought|"
    r"believed|not|been|about)\b"
)
_DETERMINER_BEFORE = re.compile(
    r"\b(?:the|a|an|its|their|his|her|our|these|those|of|foreign|such|any|no)\s*$", re.I
)
_SOURCE_HINT = re.compile(
    r"\b(?:[A-Z][\w'’.-]*|agency|agencies|officials?|lawmakers?|spokes(?:man|woman|person)|"
    r"ministry|military|government|analysts?|experts?|intelligence|service|sources?|"
    r"commanders?|observers?|diplomats?|he|she|it|they|we|legislators?|army|media|"
    r"commentary|minister|office|staff|monitors?|researchers?|lawmaker)\b"
)
_SOURCE_HEAD = re.compile(
    r"\b(?:officials|analysts|sources|experts|lawmakers|legislators|diplomats|observers|"
    r"commanders|monitors|researchers|authorities)$"
)
_PRONOUNS = frozenset({"he", "she", "it", "they", "we"})
_ANONYMOUS = re.compile(
    r",?\s*(?:who\s+(?:asked|declined|spoke|requested|were\s+not|was\s+not)|speaking\s+on\s+"
    r"condition|on\s+condition\s+of\s+anonymity)\b.*$",
    re.IGNORECASE,
)
_ANONYMITY = re.compile(
    r"not\s+to\s+be\s+(?:named|identified)|anonymity|declined\s+to\s+be\s+(?:named|identified)|"
    r"unnamed|anonymous",
    re.IGNORECASE,
)
_ACCORDING = re.compile(r"\baccording\s+to\s+(?P<np>[^,;.“\"]+(?:\.(?=\w)[^,;.“\"]*)*)", re.I)
_CITING = re.compile(
    r"\b(?:citing|after\s+(?:a|an)\s+(?:\S+\s+){0,2}briefing\s+(?:by|from))\s+"
    r"(?P<np>[^,;.“\"]+)",
    re.IGNORECASE,
)
_INVERTED = re.compile(
    r"(?:[\"”’],?|,)\s*(?:said|says|added|wrote|told\s+\w+)\s+(?P<np>(?:the\s+)?[A-Z][^,;.]*|"
    r"the\s+[a-z][^,;.]*)"
)
_TOLD_OBJECT = re.compile(r"^\s+(?P<obj>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)")
_NOT_OUTLETS = frozenset({"parliament", "congress", "lawmakers", "reporters", "legislators"})
_INNER = re.compile(
    r"\s+(?:and\s+)?(?P<rel>cited\s+by|described\s+to|attributed\s+to|reported\s+by|provided\s+by|"
    r"shared\s+with|given\s+to|seen\s+by|reviewed\s+by|obtained\s+by|by)\s+",
    re.IGNORECASE,
)
_DOCUMENT_WORDS = re.compile(
    r"\s+(?:assessment|assessments|report|reports|estimate|estimates|analysis|statement|"
    r"figures|data|briefing|document|documents|findings|survey|count)$",
    re.IGNORECASE,
)
_TITLES = frozenset(
    {
        "lawmaker",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "minister",
        "secretary",
        "analyst",
        "official",
        "president",
        "director",
        "chief",
        "commander",
        "general",
        "envoy",
        "ambassador",
        "expert",
        "researcher",
        "professor",
        "rep.",
        "sen.",
        "mr.",
        "ms.",
        "mrs.",
        "dr.",
        "gen.",
        "lt.",
        "col.",
        "opposition",
        "legislator",
        "adviser",
        "advisor",
        "aide",
        "premier",
        "representative",
        "senator",
    }
)
_OWNER = re.compile(r"^(?P<owner>(?:[A-Z][\w.-]*\s+){0,3}[A-Z][\w.-]*)['’]s\s+(?P<rest>.+)$")


@dataclass(frozen=True, slots=True)
class Mention:
    """A source mention in a sentence: names origin first, at offsets ``start``..``end``.

    Attributes:
        names: Cleaned names, origin first (one mention can hold a chain: "citing").
        pronoun: The speaker is a pronoun ("he said") to be resolved from context.
        definite: The speaker is a definite description ("the agency") to be resolved.
    """

    start: int
    end: int
    names: tuple[str, ...]
    pronoun: bool = False
    definite: bool = False


def clean_source(text: str) -> str:
    """A source name as a chain element: determiners, titles and clauses trimmed.

    Args:
        text: The noun phrase as written ("Opposition lawmaker Lee Seong-kweun").

    Returns:
        The cleaned name ("Lee Seong-kweun"); anonymous sources get "unnamed ".
    """
    anonymous = bool(_ANONYMITY.search(text))
    name = _ANONYMOUS.sub("", text).strip(" ,\"“”'")
    name = re.sub(r"\s+(?:who|which|that)\b.*$", "", name)
    name = re.sub(r"^(?:the|a|an|its|their)\s+", "", name, flags=re.IGNORECASE)
    name = re.sub(r"^(?:the\s+)?(?:country|nation|government)['’]s\s+", "", name)
    name = re.sub(r"^(?:unnamed|anonymous)\s+", "", name, flags=re.IGNORECASE)
    acronym = None
    paren = re.search(r"\s*\((?P<acr>[^)]+)\)", name)
    if paren:
        acronym = paren.group("acr").strip()
        name = (name[: paren.start()] + name[paren.end() :]).strip()
    name = re.sub(r"(?P<n>[A-Z][\w.-]*)\s+(?:state\s+)?news\s+agency$", r"\g<n>", name)
    name = _DOCUMENT_WORDS.sub("", name) if " " in name else name
    name = re.sub(r"\s+(?:of|at|in|from|on)\s+(?:the\s+)?[a-z].*$", "", name)
    owner = _OWNER.match(name)
    if owner:
        rest = owner.group("rest")
        if rest[:1].isupper():
            name = rest
        elif acronym:
            name = acronym
        else:
            caps = [tok for tok in rest.split() if re.fullmatch(r"[A-Z]{2,}", tok)]
            if caps:
                name = caps[0]
    tokens = name.split()
    while len(tokens) > 2 and tokens[0].lower() in _TITLES:
        tokens = tokens[1:]
    lowered = [i for i, tok in enumerate(tokens) if tok.lower() in _TITLES]
    if lowered and len(tokens) - lowered[-1] - 1 >= 2:
        tail = tokens[lowered[-1] + 1 :]
        if all(tok[:1].isupper() for tok in tail):
            tokens = tail
    name = " ".join(tokens)
    if anonymous and name:
        name = f"unnamed {name}"
    return name


def normalize_source(name: str, aliases: Mapping[str, str] | None) -> str:
    """The canonical source name for a cleaned chain element.

    Args:
        name: A name from :func:`clean_source` (or as written).
        aliases: Casefolded alias → canonical name; ``None`` leaves the name as it is.

    Returns:
        The canonical name when any variant of ``name`` is an alias, else ``name``.
    """
    if not aliases:
        return name
    folded = name.casefold().strip()
    variants = [folded, re.sub(r"^(?:the|a|an)\s+", "", folded)]
    variants.append(re.sub(r"^unnamed\s+", "", variants[-1]))
    variants.append(re.sub(r"\s+(?:spokes(?:man|woman|person)|officials?)$", "", variants[-1]))
    owner = re.match(r"^.+?['’]s\s+(?P<rest>.+)$", variants[-1])
    if owner:
        variants.append(owner.group("rest"))
    for variant in variants:
        if variant in aliases:
            return aliases[variant]
    for key in sorted(aliases, key=len, reverse=True):
        if len(key) >= 3 and re.search(rf"(?<!\w){re.escape(key)}(?!\w)", folded):
            return aliases[key]
    return name


def _inner_chain(np: str) -> tuple[str, ...]:
    """Names inside an "according to" phrase, origin first."""
    parts = _INNER.split(np)
    head = parts[0]
    origin: list[str] = []
    relays: list[str] = []
    owner = _DOCUMENT_WORDS.search(head)
    if owner:
        holder = clean_source(head[: owner.start()])
        if holder and holder.lower() not in ("intelligence", "an intelligence", "earlier"):
            origin.append(holder)
    else:
        origin.append(clean_source(head))
    agents: list[str] = []
    for rel, target in zip(parts[1::2], parts[2::2], strict=False):
        cleaned = clean_source(target)
        if not cleaned:
            continue
        if rel.lower().split()[0] in ("attributed", "by", "provided"):
            agents.append(cleaned)
        else:
            relays.append(cleaned)
    return tuple(name for name in (*origin, *agents, *relays) if name)


def _speaker_before(sentence: str, verb_start: int) -> tuple[int, str] | None:
    before = sentence[:verb_start]
    while True:
        stripped = _ADVERBIAL.sub("", before)
        if stripped == before:
            break
        before = stripped
    if _PASSIVE.search(before) or _DETERMINER_BEFORE.search(before):
        return None
    before = before.rstrip()
    appositive_known = None
    if before.endswith(","):
        head = before[:-1]
        cut = head.rfind(",")
        if cut > 0:
            appositive = head[cut + 1 :].strip()
            known = re.match(r"known\s+as\s+(.+)$", appositive)
            if known:
                return cut, known.group(1)
            appositive_known = appositive
            before = head[:cut]
        else:
            return None
    bounds = [m.end() for m in _BOUNDARY.finditer(before)]
    start = max(bounds) if bounds else 0
    np = re.sub(r"^one\s+of\s+", "", before[start:].strip())
    if _NOT_SPEAKER.search(np):
        return None
    if not np or len(np.split()) > 9 or not _SOURCE_HINT.search(np):
        return None
    if (
        np[:1].islower()
        and np.split()[0].lower() not in (*_PRONOUNS, "the", "a", "an", "some")
        and not re.match(r"(?:unnamed|anonymous|senior|western|south|north|us|u\.s\.)\b", np)
        and not _SOURCE_HEAD.search(np)
    ):
        return None
    if appositive_known and _ANONYMITY.search(appositive_known):
        np = f"{np}, on condition of anonymity"
    return start, np


def find_mentions(sentence: str) -> list[Mention]:
    """Every source mention in one sentence, in text order.

    Args:
        sentence: One sentence.

    Returns:
        The mentions; a "citing" mention is folded into the speaker before it.
    """
    mentions: list[Mention] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, names: tuple[str, ...], raw: str) -> None:
        if any(start < b and a < end for a, b in taken) or not names or not names[0]:
            return
        lowered = raw.strip().lower()
        pronoun = lowered in _PRONOUNS
        definite = not pronoun and bool(re.match(r"(?:[Tt]he|one\s+of\s+the)\s+[a-z]", raw.strip()))
        taken.append((start, end))
        mentions.append(Mention(start, end, names, pronoun, definite))

    for match in _ACCORDING.finditer(sentence):
        np = match.group("np").strip()
        add(match.start(), match.end(), _inner_chain(np), np)
    for match in _INVERTED.finditer(sentence):
        np = match.group("np").strip()
        if np.lower() in _PRONOUNS or len(np.split()) > 8:
            continue
        add(match.start("np"), match.end("np"), (clean_source(np),), np)
    for match in _VERB.finditer(sentence):
        found = _speaker_before(sentence, match.start())
        if not found:
            continue
        start, np = found
        names = [clean_source(np)]
        if match.group(0) in ("told", "tells"):
            obj = _TOLD_OBJECT.match(sentence[match.end() :])
            if (
                obj
                and obj.group("obj").lower() not in _NOT_OUTLETS
                and not re.search(r"(?:an|ese|ish)$", obj.group("obj"))
            ):
                names.append(obj.group("obj"))
        end = match.end()
        citing = _CITING.search(sentence, match.end())
        if citing and citing.start() - match.end() < 60:
            cited = clean_source(citing.group("np"))
            if cited:
                names.insert(0, cited)
            end = citing.end()
        add(start, end, tuple(names), np)
    mentions.sort(key=lambda mention: mention.start)
    return mentions
