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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

__all__ = [
    "CANONICAL",
    "DEMONYMS",
    "Mention",
    "canonical_source",
    "clean_source",
    "country_before",
    "demonym_for",
    "find_mentions",
    "normalize_source",
]

_VERBS = (
    r"said|says|say|told|tells|tell|estimated|estimates|estimate|assessed|assesses|assess|"
    r"believes|believe|believed|claimed|claims|claim|claiming|saying|reported|reports|"
    r"confirmed|confirms|warned|warns|added|adds|stated|states|announced|announces|noted|notes|"
    r"wrote|writes|dismissed|dismisses|denied|denies|rejected|rejects|acknowledged|"
    r"acknowledges|indicated|indicates|revealed|reveals|disclosed|briefed|testified|published|"
    r"calculated|counted|counts|informed|insisted|insists|alleged|alleges|concluded|concludes|"
    r"put|puts|puts\s+the\s+figure|estimating|assessing|says\s+that|shows|showed|think|thinks|"
    r"expect|expects|fear|fears|predicted|predicts|sets\s+out|set\s+out|acknowledged|"
    r"acknowledging|indicated|telling|tallied|cited(?!\s+by)|spoke|quoted"
)
_VERB = re.compile(rf"\b(?:{_VERBS})\b")
_ADVERBIAL = re.compile(
    r"(?P<comma>\s*,)?\s+(?:also|has|have|had|separately|later|previously|repeatedly|earlier|"
    r"now|again|further|then|publicly|officially|recently|initially|reportedly|not|never|"
    r"(?:on|at|in|late|early)\s+"
    r"(?:the\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|weekend|"
    r"[A-Z][a-z]+\.?\s+\d{1,2})|in\s+(?:January|February|March|April|May|June|July|August|"
    r"September|October|November|December)|(?:last|this)\s+(?:week|month|year)|Monday|Tuesday|Wednesday|"
    r"Thursday|Friday|Saturday|Sunday)\s*$"
)
_PASSIVE = re.compile(r"\b(?:is|are|was|were|been|being|be)\s*$")
_BOUNDARY = re.compile(
    r"(?:^(?:[Aa]s\s+)?|"
    r",\s+(?:(?:and|but|while|with|as|when|after|which|because|although|though|that)\s+)?|"
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
    r"commentary|minister|office|staff|monitors?|researchers?|lawmaker|unit|forces|footage|"
    r"broadcast|statement|document|television|reports?|workers?|witness(?:es)?|medics?|"
    r"residents?|traders?|doctors?|journalists?|correspondents?|defectors?)\b"
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
_ACCORDING = re.compile(
    r"\baccording\s+to\s+(?P<np>[^,;.“\"]+(?:\.(?=\w|(?-i:\s+[a-z]))[^,;.“\"]*)*)", re.I
)
_CITING = re.compile(
    r"\b(?:citing|after\s+(?:a|an)\s+(?:\S+\s+){0,2}briefing\s+(?:by|from))\s+"
    r"(?P<np>[^,;.“\"]+(?:\.(?=\w|(?-i:\s+[a-z]))[^,;.“\"]*)*)",
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
    r"figures|data|briefing|findings|survey|count)$",
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
        kind: ``speaker`` ("X said"), ``tag`` (", said X"), ``agent`` ("was estimated by X"),
            ``according`` ("according to X"), ``doc`` ("the NIS's assessment", "by NK News'
            count") or ``claims`` ("claims by X that", the origin of a figure another denies).
        forward: What the mention attributes may follow it ("X said that ...").
        backward: What the mention attributes may precede it ("..., X said").
        speaker: For a ``speaker`` mention, the subject's cleaned name (not the cited origin).
    """

    start: int
    end: int
    names: tuple[str, ...]
    pronoun: bool = False
    definite: bool = False
    kind: str = "speaker"
    forward: bool = True
    backward: bool = False
    speaker: str = ""


#: Country names and capitals (lower case) → the demonym used in canonical names.
DEMONYMS: dict[str, str] = {
    "south korea": "South Korean",
    "seoul": "South Korean",
    "north korea": "North Korean",
    "pyongyang": "North Korean",
    "dprk": "North Korean",
    "ukraine": "Ukrainian",
    "kyiv": "Ukrainian",
    "russia": "Russian",
    "moscow": "Russian",
    "the kremlin": "Russian",
    "united states": "US",
    "the united states": "US",
    "us": "US",
    "u.s.": "US",
    "washington": "US",
    "china": "Chinese",
    "beijing": "Chinese",
    "japan": "Japanese",
    "tokyo": "Japanese",
}
_DEMONYM_WORDS = re.compile(
    r"\b(?:(?P<adj>South\s+Korean|North\s+Korean|Ukrainian|Russian|Chinese|Japanese)|"
    r"(?P<name>South\s+Korea|North\s+Korea|Ukraine|Russia|Seoul|Pyongyang|Kyiv|Moscow|DPRK|"
    r"China|Japan))\b"
)
#: Canonical names of the corpus conventions that a watch.yaml may lack (casefolded variant →
#: canonical). Applied before the caller's aliases, so a watch.yaml alias still wins after.
CANONICAL: dict[str, str] = {
    **{
        key: "Ukrainian Special Operations Forces"
        for key in (
            "ukrainian special forces",
            "ukrainian special operations forces",
            "special operations forces of ukraine",
            "ukrainian special operations forces command",
        )
    },
    **{
        key: "Ukrainian General Staff"
        for key in (
            "ukrainian general staff",
            "general staff of the armed forces of ukraine",
            "general staff of ukraine",
            "ukrainian armed forces general staff",
            "general staff of the ukrainian armed forces",
        )
    },
    **{
        key: "North Korean state media"
        for key in (
            "north korean state media",
            "north korean state television",
            "north korean state tv",
            "north korean state broadcaster",
            "north korean state news agency",
        )
    },
    **{
        key: "Russian Foreign Ministry"
        for key in ("russian foreign ministry", "russian ministry of foreign affairs")
    },
    **{
        key: "Ministry of National Defense"
        for key in (
            "south korean defense ministry",
            "south korean defence ministry",
            "south korean ministry of national defense",
            "ministry of national defense",
        )
    },
}
_DEFINITE = re.compile(
    r"(?:[Tt]he|one\s+of\s+the)\s+(?:[a-z]|(?:Ministry|Agency|Service|Council|Staff|Command|"
    r"Unit|Department|Office|Government|Directorate)\b)"
)
_DATELINE = re.compile(r"^[A-Z][\w .,'’-]{0,40}\([^)]{1,30}\)\s*(?:[-—–]+|\.)\s*")
_BULLET = re.compile(r"^\s*[-–—•*]\s+")
_QUANTIFIER = re.compile(
    r"^(?:some|several|many|most|other|two|three|a\s+few|a\s+number\s+of)\s+(?=\w)", re.I
)
_FROM_DOCUMENT = re.compile(
    r"^(?:[\w-]+\s+){0,2}(?:figures|data|estimates?|assessments?|statements?|numbers|"
    r"information|findings|analysis|count)\s+(?:from|by|of|released\s+by|provided\s+by)\s+"
    r"(?P<rest>.+)$",
    re.IGNORECASE,
)
_ORG_HEAD = (
    r"(?:Council|Ministry|Service|Agency|Committee|Staff|Party|Assembly|Forces|Office|Command|"
    r"Directorate|Department|Commission|Bureau|Army|Corps|Administration|Government|Institute)"
)
#: "Secretary of the Russian Security Council Sergei Shoigu": the person after the body.
_TITLED_PERSON = re.compile(
    rf"^[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?\s+(?:of|for)\s+(?:the\s+)?(?:[A-Z][\w.'’-]*\s+)*?"
    rf"{_ORG_HEAD}\s+(?P<person>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){{1,2}})$"
)


#: "Russian Foreign Ministry Spokeswoman Maria Zakharova", "the JCS spokesperson, Col. Choi",
#: "a U.S. Defense Department spokesperson": the institution the spokesperson speaks for.
_SPOKESPERSON = re.compile(
    rf"^(?P<org>(?:[A-Z][\w.'’&-]*\s+){{0,4}}?(?:[A-Z]{{2,}}|{_ORG_HEAD}|Pentagon|Kremlin|"
    rf"Ministry|Defense\s+Department|Defence\s+Department|White\s+House|State\s+Department))"
    r"(?:['’]s)?\s+(?:chief\s+|deputy\s+|press\s+)?(?:spokes(?:man|woman|person)|press\s+secretary)"
    r"(?:\s*,?\s+(?:[A-Z][\w.'’-]*\s*){0,4})?$",
    re.IGNORECASE,
)


def demonym_for(owner: str) -> str | None:
    """The demonym of a country or capital name ("South Korea", "Kyiv"), if known."""
    return DEMONYMS.get(" ".join(owner.lower().split()))


def country_before(sentence: str, position: int) -> str | None:
    """The demonym of the country named last before ``position`` in ``sentence``, else of the
    first one named after it."""
    found: str | None = None
    for match in _DEMONYM_WORDS.finditer(sentence):
        adjective = match.group("adj")
        demonym = " ".join(adjective.split()) if adjective else demonym_for(match.group("name"))
        if match.start() < position:
            found = demonym
        else:
            return found or demonym
    return found


def canonical_source(name: str) -> str:
    """The conventions' canonical name for ``name`` ("Ukraine's special forces"), else ``name``."""
    folded = " ".join(name.casefold().split())
    variants = [folded, re.sub(r"^(?:the|a|an)\s+", "", folded)]
    owner = re.match(r"^(?P<owner>.+?)['’]s\s+(?P<rest>.+)$", variants[-1])
    if owner:
        demonym = demonym_for(owner.group("owner"))
        if demonym:
            variants.append(f"{demonym.casefold()} {owner.group('rest')}")
    for variant in variants:
        if variant in CANONICAL:
            return CANONICAL[variant]
    return name


_IN_COUNTRY = re.compile(
    r"(?P<p>\s(?:in|from)\s+)(?P<c>[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)['’]s\s+(?=[A-Z])"
)


#: "in the northeastern port city of Rason": the place named after its description.
_PLACE_OF = re.compile(
    r"\s+in\s+the\s+(?:[\w-]+\s+){0,3}?(?:city|province|town|county|region|village|port|"
    r"district|area)\s+of\s+(?P<place>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*)"
)


_CAPTURED_BY = re.compile(
    r"^(?P<np>(?:[\w.'’-]+\s+){0,3}?(?:soldiers?|prisoners?|men|man|fighters?|troops?))\s+"
    r"(?P<p>captured|detained)\b.*$"
)


_TRAILING_TIME = re.compile(
    r"\s+(?:in|on|last|this|since|earlier|late|early)\s+(?:January|February|March|April|May|June|"
    r"July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|"
    r"Friday|Saturday|Sunday|week|month|year)\b.*$"
)


#: "a cadre at the provincial military mobilization department": a lower-case description of
#: the body a person works at is part of who they are, not a trailing clause.
_INSTITUTION_TAIL = re.compile(
    r"^[a-z][\w-]*\s+at\s+the\s+(?:[a-z][\w-]*\s+){0,5}"
    r"(?:department|ministry|bureau|office|committee|headquarters|directorate)$"
)


_QUOTED_NAME = re.compile(r"\s*[\"“](?P<q>[^\"“”]{1,60})[\"”]\s*")


def clean_source(text: str) -> str:
    """A source name as a chain element: determiners, titles and clauses trimmed.

    Args:
        text: The noun phrase as written ("Opposition lawmaker Lee Seong-kweun").

    Returns:
        The cleaned name ("Lee Seong-kweun"); a source the text calls "unnamed" keeps the word,
        one merely "speaking on condition of anonymity" is named as described ("U.S. official").
    """
    text = _BULLET.sub("", text)
    quoted = _QUOTED_NAME.fullmatch(text)
    if quoted:
        return quoted.group("q")  # citing "comrades at the front": the words as written
    unnamed = bool(re.match(r"(?:(?:the|an?)\s+)?(?:unnamed|anonymous)\b", text.strip(), re.I))
    name = _ANONYMOUS.sub("", text).strip(" ,\"“”'")
    name = re.sub(r"\s+(?:who|which|that)\b.*$", "", name)
    name = re.sub(r"^(?:the|a|an|its|their)\s+", "", name, flags=re.IGNORECASE)
    name = _QUANTIFIER.sub("", name)
    name = re.sub(r"^(?:the\s+)?(?:country|nation|government)['’]s\s+", "", name)
    name = re.sub(r"^(?:unnamed|anonymous)\s+", "", name, flags=re.IGNORECASE)
    from_document = _FROM_DOCUMENT.match(name)
    if from_document:
        return clean_source(from_document.group("rest"))
    acronym = None
    paren = re.search(r"\s*\((?P<acr>[^)]+)\)", name)
    if paren:
        acronym = paren.group("acr").strip()
        name = (name[: paren.start()] + name[paren.end() :]).strip()
    captured = _CAPTURED_BY.match(name)
    if captured:
        name = f"{captured.group('p')} {captured.group('np')}"  # "a soldier captured by X"
    titled = _TITLED_PERSON.match(name)
    if titled:
        return titled.group("person")
    spokesperson = _SPOKESPERSON.match(name)
    if spokesperson:
        return spokesperson.group("org")  # a spokesperson speaks for the institution
    name = _PLACE_OF.sub(r" in \g<place>", name)
    # "a source in North Korea's North Hamgyong Province": the place without its country
    name = _IN_COUNTRY.sub(
        lambda m: m.group("p") if demonym_for(m.group("c")) else m.group(0), name
    )
    name = re.sub(
        r"^(?:separate|new|latest|recent|previous|independent|updated|revised)\s+", "", name
    )
    name = re.sub(r"(?P<n>[A-Z][\w.-]*)\s+(?:state\s+)?news\s+agency$", r"\g<n>", name)
    name = _DOCUMENT_WORDS.sub("", name) if " " in name else name
    # "a source in the security services": a bare "source" is only its qualifier
    source_where = re.match(r"(?:\w+\s+)?sources?\s+(?:in|at|within|close\s+to)\s+", name)
    if not _INSTITUTION_TAIL.search(name) and not source_where:
        name = re.sub(r"\s+(?:of|at|in|from|on)\s+(?:the\s+(?=[a-z])|(?!the\s))[a-z].*$", "", name)
    name = re.sub(r"\s+(?:between|among|amongst)\s+.*$", "", name)
    name = _TRAILING_TIME.sub("", name)  # "the NIS in April": the source, not when it spoke
    name = re.sub(r"\s+(?:seen|obtained|reviewed|shared)\s+(?:by|with)\s+.*$", "", name)
    owner = _OWNER.match(name)
    if owner:
        rest = owner.group("rest")
        if rest[:1].isupper():
            if not demonym_for(owner.group("owner")):
                name = rest
        elif acronym:
            name = acronym
        else:
            caps = [tok for tok in rest.split() if re.fullmatch(r"[A-Z]{2,}", tok)]
            if caps:
                name = caps[0]
    tokens = name.split()
    # "General Staff of Ukraine", "Secretary of State": a title word heading a body's name
    body = bool(re.search(rf"\b(?:{_ORG_HEAD}|of|for)\b", name))
    while len(tokens) > 2 and tokens[0].lower() in _TITLES and not body:
        tokens = tokens[1:]
    lowered = [i for i, tok in enumerate(tokens) if tok.lower() in _TITLES]
    if lowered and len(tokens) - lowered[-1] - 1 >= 2:
        tail = tokens[lowered[-1] + 1 :]
        if all(tok[:1].isupper() for tok in tail):
            tokens = tail
    name = " ".join(tokens)
    if unnamed and name:
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
    owner = re.match(r"^(?P<owner>.+?)['’]s\s+(?P<rest>.+)$", variants[-1])
    if owner:
        demonym = demonym_for(owner.group("owner"))
        if demonym:
            variants.append(f"{demonym.casefold()} {owner.group('rest')}")
        variants.append(owner.group("rest"))
    for variant in variants:
        if variant in aliases:
            return aliases[variant]
    if _NEAR_BODY.search(folded):
        return name  # "sources close to the ministry": near the body, not the body
    for key in sorted(aliases, key=len, reverse=True):
        if len(key) >= 3 and re.search(rf"(?<!\w){re.escape(key)}(?!\w)", folded):
            return aliases[key]
    return name


_NEAR_BODY = re.compile(
    r"^(?:[\w.-]+\s+){0,3}?(?:sources?|officials?|people|persons?|insiders?|figures?)\s+"
    r"(?:close\s+to|familiar\s+with|in|at|inside|within|near|linked\s+to|with\s+ties\s+to)\s"
)


#: "an analysis of satellite imagery released Monday by X", "estimates by X": a document whose
#: author follows it; the document itself is no source.
_DOCUMENT_HEAD = re.compile(
    r"\b(?:analysis|analyses|study|studies|report|reports|assessments?|estimates?|figures|data|"
    r"survey|review|findings|count|tally|statement|document|documents|imagery|images|footage|"
    r"calculations?|numbers)\b",
    re.IGNORECASE,
)


_LEAK_VERBS = frozenset({"seen", "reviewed", "obtained"})
_DEMONYMS_ONLY = re.compile(
    r"^(?:(?:U\.?S\.?|US|American|South\s+Korean|North\s+Korean|Ukrainian|Russian|Western|"
    r"Japanese|British|European|Chinese|allied|French|German|Polish|Israeli|Turkish|Indian|"
    r"Italian|Canadian|Australian)(?:\s*,\s*|\s+and\s+|\s*$))+$",
    re.IGNORECASE,
)
#: "A Russian military document seen by the BBC lists", "An internal memo reviewed by iStories
#: envisages": a leaked document as the subject of its own verb; the outlet relays it.
_LEAKED = re.compile(
    r"(?P<doc>\b(?:[Aa]n?|[Tt]he)\s+(?:[\w.'’-]+\s+){0,5}?(?:memo|memorandum|document|cable|"
    r"letter|report|assessment|presentation|file|paper|analysis|order|list|register|log|roster|"
    r"ledger|spreadsheet|database)s?)\s+"
    r"(?:seen|reviewed|obtained)\s+by\s+(?P<by>[^,;.]+?)"
    r"(?=\s*,|\s+(?:envisages?|lists?|listed|shows?|showed|says|said|states?|stated|puts?|"
    r"estimates?|records?|recorded|projects?|describes?|counts?|names?|gives?|sets\s+out)\b)"
)
#: "a HUR official who in turn cited intercepted communications": the official's own source.
_IN_TURN = re.compile(
    r"\s+who\s+(?:in\s+turn\s+|also\s+|himself\s+|herself\s+)?(?:cited|quoted|relied\s+on)\s+"
    r"(?P<np>.+)$"
)


def _cited_names(np: str) -> list[str]:
    """The cleaned names in a cited phrase, origin first ("X who in turn cited Y" → [Y, X])."""
    turn = _IN_TURN.search(np)
    if turn:
        return [*_cited_names(turn.group("np")), clean_source(np[: turn.start()])]
    return [clean_source(np)]


#: "information received by the Mission from the Government of Ukraine": the giver, then the
#: receiver.
_RECEIVED_FROM = re.compile(
    r"^(?:(?:the|a|an)\s+)?(?:information|reports?|data|figures|testimony|accounts?|evidence)\s+"
    r"(?:received|obtained|gathered|collected)\s+(?:by\s+(?P<by>.+?)\s+)?from\s+(?P<giver>.+)$",
    re.IGNORECASE,
)


def _inner_chain(np: str) -> tuple[str, ...]:
    """Names inside an "according to" phrase, origin first."""
    received = _RECEIVED_FROM.match(np.strip())
    if received:
        names = (clean_source(received.group("giver")), clean_source(received.group("by") or ""))
        return tuple(name for name in names if name)
    parts = _INNER.split(np)
    head = parts[0]
    origin: list[str] = []
    relays: list[str] = []
    owner = _DOCUMENT_WORDS.search(head)
    document = _DOCUMENT_HEAD.search(head)
    leaked = any(rel.lower().split()[0] in _LEAK_VERBS for rel in parts[1::2])
    holder_words = clean_source(head[: owner.start()]) if owner else ""
    if (owner or document) and (leaked or _DEMONYMS_ONLY.match(holder_words)):
        # "a classified U.S. intelligence assessment seen by Reuters" (a leak, not a statement
        # its author made), "U.S. and South Korean assessments" (no one author): the document
        origin.append(re.sub(r"^(?:the|a|an)\s+", "", head.strip(), flags=re.IGNORECASE))
    elif owner:
        holder = clean_source(head[: owner.start()])
        if holder.lower() in ("the", "this", "that", "its", "their", "a", "an"):
            origin.append(owner.group(0).strip())  # "the report": resolved as a definite
        elif holder and holder.lower() not in ("intelligence", "an intelligence", "earlier"):
            origin.append(holder)
    elif document and len(parts) > 1:
        # "figures provided by the Pentagon": the author is the origin, unless the document
        # names its owner first ("a Pentagon assessment cited by CNN")
        holder = clean_source(head[: document.start()])
        after = head[document.end() :].strip()
        if not (holder and _SOURCE_HINT.search(holder) and holder[:1].isupper()):
            # "estimates Ukraine's military intelligence shared with ...": the author after it
            holder = clean_source(after) if after[:1].isupper() else ""
        if holder:
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


_KNOWN_AS = re.compile(
    r"known\s+(?:as|by\s+(?:its|the)\s+(?:[\w-]+\s+){0,2}(?:acronym|abbreviation|name))\s+(.+)$"
)
_COORDINATED_ADJ = re.compile(
    r"(?:^|\s)(?P<adj>(?:South\s+Korean|North\s+Korean|U\.S\.|US|American|Ukrainian|Russian|"
    r"Western|western|Japanese|British|European|Chinese)\s+)and\s+$"
)
_RELATIVE = re.compile(r",\s+(?:which|who)\s*$")
#: "Speaking alongside the minister, X said ...": an introductory phrase, not a quote before X.
_INTRO = re.compile(
    r"^\W*(?:Speaking|Asked|Addressing|Writing|Responding|Commenting|Testifying|Appearing|"
    r"Briefing|Meeting|Visiting|Standing)\b[^,\"“”]*,\s*$"
)
_TAG_BEFORE = re.compile(r"(?:^|[,\"”’]\s*)$")
_THAT_AFTER = re.compile(
    r"^\s*(?:,\s*)?(?:that|:)|^[^.;,]{0,30},\s+(?:acknowledging|adding|saying|noting|"
    r"confirming|claiming)\s+that\b",
    re.IGNORECASE,
)
_CLAIMS = re.compile(
    r"(?:^|\b(?P<adj>(?:(?:foreign|western|media|press|news|recent|earlier|unconfirmed|"
    r"unverified|some|other)\s+){1,2})|\b(?P<det>an?|the)\s+|\b(?=(?:claims?|reports?|"
    r"allegations?|accusations?|assertions?)\s+(?:by|from|in)\s))(?P<noun>claims?|reports?|"
    r"allegations?|accusations?|assertions?)(?:\s+(?P<rel>by|from|in)\s+(?P<by>[^,;.]+?))?"
    r"(?:,\s+which\s+\w+)?\s+that\b",
    re.IGNORECASE,
)
_SHOWN_ON = re.compile(
    r"\b(?:shown|broadcast|aired|carried)\s+(?:on|by)\s+(?P<np>(?:the\s+)?(?:state\s+)?"
    r"(?:television|TV|media|broadcaster|[A-Z][\w-]+(?:\s+[A-Z][\w-]+)*))\b"
)
_BARE_STATE = re.compile(
    r"^(?:the\s+)?(?:state\s+(?:media|television|tv|broadcaster|news\s+agency))$", re.I
)
_COUNTRY_OWNED = re.compile(r"\b(?:the\s+)?(?:country|nation)['’]s\s+(?P<rest>.+)$", re.I)


def _situate(np: str, sentence: str, position: int) -> str:
    """Give "state media" and "the country's General Staff" the country the sentence names."""
    owned = _COUNTRY_OWNED.search(np)
    bare = _BARE_STATE.match(np.strip())
    if owned or bare:
        # "the country's General Staff": the speaker's country, named just before; bare "state
        # media": the state the sentence is about, its first-named country
        dateline = _DATELINE.match(sentence)
        demonym = (
            country_before(sentence, position)
            if owned
            else country_before(sentence[dateline.end() if dateline else 0 :], 0)
        )
        if demonym and owned:
            return f"{np[: owned.start()]}{demonym} {owned.group('rest')}"
        if demonym:
            bare_np = re.sub(r"^the\s+", "", np.strip(), flags=re.IGNORECASE)
            return f"{demonym} {bare_np}"
    return np


@dataclass(frozen=True, slots=True)
class _Speaker:
    """A speaker noun phrase found before a reporting verb, with what its appositive adds."""

    start: int
    np: str
    cited: str | None = None  # "X, citing Y, said" / "X, who was briefed by Y, said": Y
    relay: str | None = None  # "an assessment, described to CNN by an official, put": official


def _speaker_before(sentence: str, verb_start: int) -> _Speaker | None:
    # a speaker with its appositive fits in the last few hundred characters; looking no further
    # keeps the work per verb bounded on long, verb-dense text
    base = max(0, verb_start - _SPEAKER_WINDOW)
    found = _speaker_in(sentence[base:verb_start])
    if found is None:
        return None
    return _Speaker(base + found.start, found.np, found.cited, found.relay)


_SPEAKER_WINDOW = 300
#: "who was briefed by the NIS", "who cited the agency": the origin behind a relay.
_BRIEFED = re.compile(
    r"^(?:(?:who|which)\s+(?:(?:was|were|had\s+been|has\s+been|have\s+been)\s+(?:\w+ly\s+)?"
    r"(?:briefed|told|informed)\s+by|cited|quoted)|(?:\w+ly\s+)?(?:briefed|informed)\s+by)\s+(?P<np>[^,;.“\"]+(?:\.(?=\w|(?-i:\s+[a-z]))[^,;.“\"]*)*)"
)
#: "described to CNN by a European official": the relay of a document or assessment.
_RELAYED = re.compile(
    r"^(?:described|relayed|provided|given|shared|leaked|presented|disclosed|shown)\s+"
    r"(?:to\s+(?:[\w.'’-]+\s+){1,4}?)?by\s+(?P<np>.+?)(?:\s+(?:and|but|after|on|in)\s+.*)?$"
)
#: "A U.S. official who declined to be named said": a restrictive relative clause before the verb.
_WHO_CLAUSE = re.compile(r"\s+who\s+(?P<clause>[^,]*)$")
#: Participles whose speaker is the subject of the main clause ("X went public, saying ...").
_PARTICIPLES = frozenset(
    {"saying", "telling", "adding", "claiming", "estimating", "assessing", "acknowledging"}
)
#: "South Korea's spy agency first went public on Oct. 18": the subject before the first verb.
_CLAUSE_SUBJECT = re.compile(
    r"^(?P<np>(?:[\w'’.&()-]+\s+){0,7}?[\w'’.&()-]+?)\s+(?:(?:first|also|then|later|has|have|"
    r"had|is|are|was|were|will|would|again|publicly|separately|previously)\s+)*"
    r"(?:[a-z]+ed|went|gave|made|took|held|put|sent|came|spoke|told|said|says|met|issued)\b"
)


def _clause_subject(before: str) -> _Speaker | None:
    """The subject of the clause ``before`` ends, for a participle after it."""
    dateline = _DATELINE.match(before)
    offset = dateline.end() if dateline else 0
    semicolon = before.rfind(";")
    if semicolon >= offset:
        offset = semicolon + 1
    while offset < len(before) and before[offset].isspace():
        offset += 1
    match = _CLAUSE_SUBJECT.match(before[offset:])
    if not match or (match.group("np")[:1].islower() and not match.group("np").startswith("the ")):
        return None
    found = _speaker_in(match.group("np"))
    if found is None or found.start != 0:
        return None
    return _Speaker(offset, found.np, found.cited, found.relay)


def _speaker_in(before: str) -> _Speaker | None:
    while True:
        adverbial = _ADVERBIAL.search(before)
        if adverbial is None:
            break
        # "an assessment, reached independently of Kyiv's, also put": keep the comma that
        # closes an appositive
        keep = "," if adverbial.group("comma") and "," in before[: adverbial.start()] else ""
        before = before[: adverbial.start()] + keep
    if _PASSIVE.search(before) or _DETERMINER_BEFORE.search(before):
        return None
    before = before.rstrip()
    known_tail = re.search(r",\s+(?P<k>known\s+.+)$", before)
    if known_tail:
        known_as = _KNOWN_AS.match(known_tail.group("k"))
        if known_as:
            return _Speaker(known_tail.start(), known_as.group(1))
    relative = _RELATIVE.search(before)
    if relative:
        before = before[: relative.start()]  # "the agency, which put the toll at ..."
        author = re.search(r"\b(?:an?|the)\s+[a-z]+\s+by\s+(?P<x>[A-Z][^,;]*)$", before)
        if author:
            # "Asked about an assessment by the NIS, which said that": the NIS said it
            return _Speaker(author.start("x"), author.group("x"))
    appositive_known = None
    cited = None
    relay = None
    who = _WHO_CLAUSE.search(before)
    if who and "," not in who.group("clause"):
        briefed = _BRIEFED.match(f"who {who.group('clause')}")
        if briefed:
            cited = briefed.group("np")
        elif _ANONYMITY.search(who.group("clause")) or re.match(
            r"(?:asked|declined|spoke|requested)\b", who.group("clause")
        ):
            appositive_known = "anonymity"
        before = before[: who.start()]  # "an official who declined to be named said"
    if before.endswith(","):
        head = before[:-1]
        cut = head.rfind(",")
        if cut > 0:
            appositive = head[cut + 1 :].strip()
            known = _KNOWN_AS.match(appositive)
            if known:
                return _Speaker(cut, known.group(1))
            citing = re.match(r"citing\s+(.+)$", appositive)
            briefed = _BRIEFED.match(appositive)
            relayed = _RELAYED.match(appositive)
            if citing:
                cited = citing.group(1)
            elif re.match(r"(?:an?)\s", appositive) and re.fullmatch(
                r"(?:another|a\s+(?:second|third|fourth|separate))\s+sources?",
                head[:cut].strip().split(",")[-1].strip(),
                re.I,
            ):
                # "Another source, a trade official in Sinuiju, said": the description
                return _Speaker(
                    cut + 1 + (len(head[cut + 1 :]) - len(head[cut + 1 :].lstrip())), appositive
                )
            elif briefed:
                cited = briefed.group("np")
            elif relayed:
                relay = relayed.group("np")
            else:
                appositive_known = appositive
            before = head[:cut]
        else:
            return None
    bounds = [m.end() for m in _BOUNDARY.finditer(before)]
    start = max(bounds) if bounds else 0
    coordinated = _COORDINATED_ADJ.search(before[:start])
    if coordinated and before[start : start + 1].isupper():
        start = coordinated.start("adj")  # "South Korean and U.S. officials"
    np = re.sub(r"^one\s+of\s+", "", before[start:].strip())
    if _NOT_SPEAKER.search(np):
        return None
    if not np or len(np.split()) > 9 or not _SOURCE_HINT.search(np):
        return None
    if (
        np[:1].islower()
        and np.split()[0].lower() not in (*_PRONOUNS, "the", "a", "an", "some")
        and not re.match(
            r"(?:unnamed|anonymous|senior|western|south|north|us|u\.s\.|state\s+(?:media|tv|"
            r"television|news))\b",
            np,
        )
        and not _SOURCE_HEAD.search(np)
    ):
        return None
    if appositive_known and _ANONYMITY.search(appositive_known):
        np = f"{np}, on condition of anonymity"
    return _Speaker(start, np, cited, relay)


_DOC_NOUNS = (
    r"(?:assessments?|estimates?|figures?|count|tally|data|findings|numbers|calculations?|"
    r"analysis)"
)
_DOC_HINT = re.compile(rf"\b{_DOC_NOUNS}\b")
_MONTHS = r"January|February|March|April|May|June|July|August|September|October|November|December"
#: "the NIS's assessment that", "by NK News' count", "a Pentagon estimate", "the JCS figure":
#: a source named as the owner of a document or a count.
_DOC_OWNER = re.compile(
    r"(?<![\w'’-])(?P<owner>(?:[A-Z][\w.&-]*\s+(?:(?:of|for|the|and|on)\s+){0,2}){0,4}[A-Z][\w.&-]*"
    r"(?:\s+(?:intelligence|military|"
    r"government|defence|defense|ministry))?)(?P<poss>['’]s?)?\s+"
    rf"(?:(?:own|latest|new|earlier|previous|updated|revised|official|initial|final|internal|"
    rf"{_MONTHS})\s+){{0,2}}(?P<doc>{_DOC_NOUNS})\b"
)
_FUNCTION_CAPS = re.compile(
    r"^(?:(?:The|A|An|By|Per|In|Under|From|With|According|Citing|Its|Their|But|And|While|As|"
    r"This|That|These|Those)(?:\s+|$))+"
)
_DEMONYM_ONLY = re.compile(
    r"^(?:South\s+Korean|North\s+Korean|Ukrainian|Russian|Chinese|Japanese|British|American|"
    r"U\.?S\.?|US|Western|European|French|German)$"
)


def _doc_owner(match: re.Match[str]) -> str | None:
    """The source a document mention names ("the Pentagon's assessment" → "Pentagon")."""
    owner = _FUNCTION_CAPS.sub("", match.group("owner")).strip()
    if owner.lower() in ("our", "we"):
        return "we"  # "our own count": the publisher's own voice
    if owner.lower() in ("my", "his", "her", "its", "their"):
        return None
    if not owner or re.fullmatch(
        rf"(?:{_MONTHS}|Monday|Tuesday|Wednesday|Thursday|Friday|"
        rf"Saturday|Sunday|[A-Z])",
        owner,
    ):
        return None
    if demonym_for(owner) or _DEMONYM_ONLY.match(owner):
        if match.group("doc").startswith("assessment") and not demonym_for(owner):
            return f"{owner} intelligence"  # "a British assessment": British intelligence
        return None  # "North Korea's casualty figures", "Russian estimates": about, not by
    return canonical_source(clean_source(owner))


#: The full stop of a title before a name ("Rep. Baek Jong-hun"), which ends no sentence.
_TITLES_ABBREVIATED = (
    "Rep",
    "Sen",
    "Gen",
    "Col",
    "Lt",
    "Dr",
    "Mr",
    "Mrs",
    "Ms",
    "Maj",
    "Adm",
    "Gov",
)
_TITLE_DOT = "(?:" + "|".join(rf"(?<=\b{t})" for t in _TITLES_ABBREVIATED) + r")\.\s+(?=[A-Z])"

#: "were estimated by the NIS", "The figure was given by HUR": the agent of a reporting passive.
_AGENT = re.compile(
    r"\b(?:is|are|was|were|been|being)\s+(?:\w+ly\s+)?(?:estimated|given|provided|reported|put|"
    r"assessed|confirmed|released|announced|cited|counted|disclosed|revealed|published|stated|"
    r"relayed|shared|tallied|compiled|calculated|issued|supplied|presented|believed|thought|"
    r"considered|understood|feared|assumed|suspected|projected|expected)\s+"
    r"(?:[^\s,;.]+\s+){0,3}?by\s+(?P<np>(?:(?:the|a|an)\s+)?[^,;.“\"]+"
    rf"(?:(?:\.(?=\w|(?-i:\s+[a-z]))|{_TITLE_DOT})[^,;.“\"]*)*)"
)
_AGENT_END = re.compile(
    r"\s+(?:to|as|after|before|during|when|while|and|with|for|last|this|on|in|at|that|since|"
    r"who|which|early|late)\b.*$"
)


def _cut_agent(np: str) -> str:
    return _AGENT_END.sub("", np.strip())


_QUOTED_OBJECT = re.compile(r"\s+(?P<np>[^,;“\"]+?)\s+as\s+(?:saying|telling|stating|estimating)\b")
_QUOTED_PASSIVE = re.compile(r"\s+(?:was|were|is|are|has\s+been|had\s+been)\s+(?:\w+ly\s+)?$")
_QUOTED_AS = re.compile(
    r"\s+(?:by\s+(?P<by>[^,;“\"]+?)\s+)?as\s+(?:saying|telling|stating|estimating)\b"
)
_CITING_BEFORE = re.compile(r"\b[Cc]iting\s+(?:(?:the|a|an)\s+)?$")
_LEAD_CITING = re.compile(r"^\W*[Cc]iting\s+(?P<np>[^,;]+),\s*$")
_OBJECT_RELATIVE = re.compile(r"\d[^,;.]{0,80}\s(?:that|which)\s*$")
_ENTITY_GAP = re.compile(
    r"\s*(?:,[^,]{1,80},)?\s*(?:(?:also|has|have|had|later|again|previously|publicly|"
    r"separately|repeatedly)\s+)*"
)


def _quoted_passive(sentence: str, verb: re.Match[str]) -> _Speaker | None:
    """ "X was quoted (by Y) as saying": X, relayed by Y."""
    passive = _QUOTED_PASSIVE.search(sentence, 0, verb.start())
    after = _QUOTED_AS.match(sentence, verb.end())
    if passive is None or after is None:
        return None
    found = _speaker_before(sentence, passive.start())
    if found is None:
        return None
    return _Speaker(found.start, found.np, found.cited, after.group("by") or found.relay)


def _entity_before(
    sentence: str, verb_start: int, entities: Sequence[tuple[int, int, str]]
) -> _Speaker | None:
    """A named entity right before the verb, when the patterns found no speaker."""
    best: tuple[int, int, str] | None = None
    for start, end, text in entities:
        gap = end <= verb_start and _ENTITY_GAP.fullmatch(sentence, end, verb_start)
        if gap and (best is None or end > best[1]):
            best = (start, end, text)
    if best is None or _PASSIVE.search(sentence, 0, best[0]):
        return None
    return _Speaker(best[0], best[2])


#: "The best public estimate, from the NIS in April, is": the estimate's author.
_ESTIMATE_FROM = re.compile(
    r"\b(?:estimates?|figures?|counts?|tally|assessments?|numbers?)\s*,?\s+from\s+"
    r"(?P<np>[^,;.“\"]+?)(?:\s+(?:in|on|last|this|earlier)\s+[^,;.]*)?\s*,?\s+"
    r"(?:is|are|was|were|puts?|gives?|stands?)\b"
)
#: "the Government understood from Ukrainian counterparts that": who it learned it from.
_LEARNED_FROM = re.compile(
    r"\b(?:understood|understands|learned|learnt|heard|was\s+told|were\s+told)\s+(?:from|by)\s+"
    r"(?P<np>[^,;.“\"]+?)\s+that\b"
)


def find_mentions(sentence: str, entities: Sequence[tuple[int, int, str]] = ()) -> list[Mention]:
    """Every source mention in one sentence, in text order.

    A mention is *forward* when what it attributes follows it ("X said that ...", "According
    to X, ...", "claims by X that ..."), and a *tag* when it follows what it attributes
    ("..., X said", "..., according to X").

    Args:
        sentence: One sentence.
        entities: Named entities in the sentence as ``(start, end, text)`` (spaCy PERSON, ORG
            and NORP), used for a speaker the patterns do not find before a reporting verb.

    Returns:
        The mentions; a "citing" mention is folded into the speaker before it.
    """
    mentions: list[Mention] = []
    taken: list[tuple[int, int]] = []

    def add(
        start: int,
        end: int,
        names: tuple[str, ...],
        raw: str,
        kind: str,
        forward: bool,
        backward: bool,
        speaker: str = "",
    ) -> None:
        if any(start < b and a < end for a, b in taken) or not names or not names[0]:
            return
        lowered = raw.strip().lower()
        pronoun = lowered in _PRONOUNS
        definite = not pronoun and bool(_DEFINITE.match(_BULLET.sub("", raw).strip()))
        taken.append((start, end))
        mentions.append(
            Mention(start, end, names, pronoun, definite, kind, forward, backward, speaker)
        )

    for match in _ESTIMATE_FROM.finditer(sentence):
        np = _situate(match.group("np"), sentence, match.start("np"))
        add(match.start(), match.end(), (clean_source(np),), np, "doc", True, False)
    for match in _LEARNED_FROM.finditer(sentence):
        np = _situate(match.group("np"), sentence, match.start("np"))
        add(match.start("np"), match.end(), (clean_source(np),), np, "speaker", True, False)
    for match in _ACCORDING.finditer(sentence):
        np = match.group("np").strip()
        # "... and, according to X, another 3,000": X opens its own conjunct
        leading = not sentence[: match.start()].strip(" \"“'‘") or bool(
            re.search(r"\b(?:and|but|while|whereas)\s*,?\s*$", sentence[: match.start()])
        )
        inner = tuple(_situate_all(_inner_chain(np), sentence, match.start()))
        add(match.start(), match.end(), inner, np, "according", leading, not leading)
    for match in _INVERTED.finditer(sentence):
        np = match.group("np").strip()
        if np.lower() in _PRONOUNS or len(np.split()) > 8 or re.search(r"\d", np):
            continue
        if _VERB.search(np):
            continue  # ", said the military believed ...": a clause, not a speaker
        np = _situate(np, sentence, match.start("np"))
        add(match.start("np"), match.end("np"), (clean_source(np),), np, "tag", False, True)
    for match in _AGENT.finditer(sentence):
        np = _cut_agent(match.group("np"))
        np = _situate(np, sentence, match.start("np"))
        agent = (clean_source(np),)
        add(match.start("np"), match.start("np") + len(np), agent, np, "agent", False, True)
    for match in _LEAKED.finditer(sentence):
        doc = re.sub(r"^(?:the|a|an)\s+", "", match.group("doc"), flags=re.IGNORECASE)
        add(
            match.start(),
            match.end("by"),
            (doc, clean_source(match.group("by"))),
            match.group("doc"),
            "speaker",
            True,
            False,
            doc,
        )
    for match in _VERB.finditer(sentence):
        verb = match.group(0)
        found = _speaker_before(sentence, match.start())
        participle = False
        if found is None and verb in _PARTICIPLES:
            comma = sentence.rfind(",", 0, match.start())
            if comma > 0 and not sentence[comma + 1 : match.start()].strip():
                found = _clause_subject(sentence[:comma])
                participle = found is not None
        if found is None and verb == "quoted":
            found = _quoted_passive(sentence, match)
        if found is None and entities:
            found = _entity_before(sentence, match.start(), entities)
        if not found:
            continue
        start, np = found.start, found.np
        np = _situate(np, sentence, start)
        if re.match(r"(?:our|we)\b", np, re.IGNORECASE):
            np = "we"  # "our own tally puts": the publisher's voice
        names = [clean_source(np)]
        document = _DOC_OWNER.search(np) if _DOC_HINT.search(np) else None
        if document and not np[document.end() :].strip():
            names = [_doc_owner(document) or names[0]]  # "the NIS's latest figures show"
        speaker = names[0]
        # "X declined to endorse press reports that ..., saying": the mention is the subject
        # alone, so what lies between it and the participle keeps its own sources
        end = start + len(found.np) if participle else match.end()
        if found.relay:
            relay = clean_source(_situate(found.relay, sentence, start))
            if relay:
                names.append(relay)
        if verb in ("told", "tells"):
            obj = _TOLD_OBJECT.match(sentence[match.end() :])
            if obj:
                end = match.end() + obj.end()
            if (
                obj
                and obj.group("obj").lower() not in _NOT_OUTLETS
                and not re.search(r"(?:an|ese|ish)$", obj.group("obj"))
            ):
                names.append(obj.group("obj"))
        if verb == "quoted":
            quoted = _QUOTED_OBJECT.match(sentence, match.end())
            if quoted and not re.match(r"by\s", quoted.group("np").strip()):
                names.insert(0, clean_source(_situate(quoted.group("np"), sentence, start)))
                end = quoted.end()
        cited_np = found.cited
        lead = _LEAD_CITING.match(sentence[:start])
        if lead and not cited_np:
            cited_np = lead.group("np")
        if cited_np:
            cited = clean_source(_situate(cited_np, sentence, start))
            if cited:
                names.insert(0, cited)
        citing = _CITING.search(sentence, match.end())
        if citing and citing.start() - match.end() < 60:
            situated = _situate(citing.group("np"), sentence, citing.start())
            names[:0] = [name for name in _cited_names(situated) if name]
            end = citing.end()
            briefer = _BRIEFED.match(sentence[end:].lstrip(" ,"))
            if briefer and sentence[end : end + 1] == ",":
                behind = clean_source(_situate(briefer.group("np"), sentence, end))
                if behind:
                    names.insert(0, behind)
                end += len(sentence[end:]) - len(sentence[end:].lstrip(" ,")) + briefer.end()
        tag = bool(_TAG_BEFORE.search(sentence[:start].rstrip())) and start > 0
        forward = (
            not tag
            or bool(_THAT_AFTER.match(sentence[match.end() :]))
            or bool(_INTRO.match(sentence[:start]))
        )
        # "the 3,000 troops that Zelensky cited": an object relative after the figure
        backward = tag or bool(_OBJECT_RELATIVE.search(sentence[:start]))
        add(start, end, tuple(names), np, "speaker", forward, backward, speaker)
    if _DOC_HINT.search(sentence):
        for match in _DOC_OWNER.finditer(sentence):
            owner = _doc_owner(match)
            if owner is None or _CITING_BEFORE.search(sentence, 0, match.start()):
                continue  # "citing a Ukrainian intelligence assessment": the speaker's origin
            after = bool(
                re.search(
                    r"(?:^|,)\s*(?:by|per|in|under)?\s*(?:(?:the|an?)\s+)?$",
                    sentence[: match.start()],
                )
            )
            add(
                match.start(),
                match.end(),
                (owner,),
                owner,
                "doc",
                True,
                after and match.start() > 0,
            )
    for match in _CLAIMS.finditer(sentence):
        explicit = match.group("rel") and match.group("rel").lower() in ("by", "in")
        if (
            match.group("adj") is None
            and match.start() > 0
            and not match.group("det")
            and not explicit
        ):
            continue
        if match.group("det") and not match.group("rel"):
            continue  # "the claim that ...": its origin is given elsewhere, if at all
        if match.group("rel") and match.group("rel").lower() in ("by", "in"):
            name = clean_source(match.group("by"))
        elif match.group("rel"):
            name = f"{match.group('noun').lower()} from {clean_source(match.group('by'))}"
        else:
            name = " ".join(f"{match.group('adj')}{match.group('noun')}".lower().split())
            name = re.sub(r"^(?:some|other|recent|earlier)\s+", "", name)
        add(match.start(), match.end(), (name,), match.group(0), "claims", True, False)
    for match in _SHOWN_ON.finditer(sentence):
        np = _situate(match.group("np"), sentence, match.start())
        add(match.start("np"), match.end("np"), (clean_source(np),), np, "tag", False, False)
    mentions.sort(key=lambda mention: mention.start)
    return mentions


def _situate_all(names: tuple[str, ...], sentence: str, position: int) -> list[str]:
    return [canonical_source(_situate(name, sentence, position)) for name in names]
