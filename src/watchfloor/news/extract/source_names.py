"""Source names: a chain element cleaned of determiners, titles and clauses, then normalized.

:func:`clean_source` turns a noun phrase as written ("Opposition lawmaker Lee Seong-kweun")
into a name ("Lee Seong-kweun"); :func:`canonical_source` maps a country's voice to its
canonical name; :func:`normalize_source` applies the caller's aliases. The demonym and
canonical tables are data.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

_ANONYMOUS = re.compile(
    r",?\s*(?:who\s+(?:asked|declined|spoke|requested|were\s+not|was\s+not)|speaking\s+on\s+"
    r"condition|on\s+condition\s+of\s+anonymity)\b.*$",
    re.IGNORECASE,
)
_DOCUMENT_WORDS = re.compile(
    r"(?<!\bthe)(?<!\bwith)(?<!\bof)(?<!\ba)\s+(?:assessment|assessments|report|reports|estimate|estimates|analysis|statement|"
    r"figures|data|briefing|findings|survey|count|investigation|review)$",
    re.IGNORECASE,
)
#: What a body publishes, as the head of "the NIS's last public tally".
_OWNED_DOCUMENT = re.compile(
    r"\b(?:tally|count|estimates?|assessments?|figures?|reports?|data|numbers|statement|"
    r"update|briefing|analysis|findings)$"
)
_ADJECTIVE_ONLY = re.compile(r"(?:the\s+)?(?:Western|western|European|allied|Allied)")
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
        "governor",
        "mayor",
        "chairman",
        "chairwoman",
        "deputy",
    }
)
_OWNER = re.compile(r"^(?P<owner>(?:[A-Z][\w.-]*\s+){0,3}[A-Z][\w.-]*)['’]s\s+(?P<rest>.+)$")
#: Country names and capitals (lower case) → the demonym used in canonical names.
DEMONYMS: dict[str, str] = {
    "south korea": "South Korean",
    "seoul": "South Korean",
    "north korea": "North Korean",
    "pyongyang": "North Korean",
    "dprk": "North Korean",
    "rok": "South Korean",
    "the rok": "South Korean",
    "republic of korea": "South Korean",
    "the republic of korea": "South Korean",
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
#: Demonym (casefolded) → the country's name, for "Security Service of Ukraine".
#: The first country listed for each demonym wins; "US" is no adjective before a body's name.
_COUNTRY_OF: dict[str, str] = {
    demonym.casefold(): country
    for country, demonym in reversed(DEMONYMS.items())
    if demonym != "US"
}
_ADJECTIVES = "|".join(_COUNTRY_OF)
_DEMONYM_WORDS = re.compile(
    r"\b(?:(?P<adj>South\s+Korean|North\s+Korean|Ukrainian|Russian|Chinese|Japanese)s?|"
    r"(?P<name>South\s+Korea|North\s+Korea|Ukraine|Russia|Seoul|Pyongyang|Kyiv|Moscow|DPRK|ROK|"
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
_CANONICAL_NAMES = frozenset(CANONICAL.values())
_BULLET = re.compile(r"^\s*[-–—•*]\s+")
_QUANTIFIER = re.compile(
    r"^(?:some|several|many|most|other|certain|various|two|three|a\s+few|a\s+number\s+of)\s+(?=\w)",
    re.I,
)
_FROM_DOCUMENT = re.compile(
    r"^(?:[\w-]+\s+){0,2}(?:figures|data|estimates?|assessments?|statements?|numbers|"
    r"information|findings|analysis|count|reports?|study|studies|paper|survey)\s+(?:from|by|of|"
    r"(?:released|provided|compiled|gathered|collected|produced|published)\s+by)\s+"
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


#: The home country of national news outlets (casefolded name fragment → demonym). A body the
#: text leaves unqualified ("the Joint Chiefs of Staff said") is the outlet's own country's.
OUTLET_HOMES: dict[str, str] = {
    **dict.fromkeys(
        (
            "yonhap",
            "korea herald",
            "joongang",
            "chosun",
            "korea times",
            "kbs",
            "mbc",
            "sbs",
            "hankyoreh",
            "dong-a",
            "arirang",
            "ytn",
            "donga",
            "kbs world",
            "newsis",
            "news1",
        ),
        "South Korean",
    ),
    **dict.fromkeys(
        (
            "kyiv independent",
            "ukrainska pravda",
            "ukrinform",
            "kyiv post",
            "suspilne",
            "rbc-ukraine",
            "hromadske",
        ),
        "Ukrainian",
    ),
    **dict.fromkeys(
        (
            "tass",
            "ria novosti",
            "interfax",
            "izvestia",
            "kommersant",
            "rossiyskaya gazeta",
            "zvezda",
            "rt",
        ),
        "Russian",
    ),
    **dict.fromkeys(
        ("kyodo", "nhk", "asahi", "yomiuri", "nikkei", "mainichi", "jiji", "japan times", "sankei"),
        "Japanese",
    ),
}
#: Bodies every country has, named without a country in a national outlet's own copy.
_UNQUALIFIED_BODIES = re.compile(
    r"(?:Joint\s+Chiefs\s+of\s+Staff|JCS|General\s+Staff|Defen[cs]e\s+Ministry|Ministry\s+of\s+"
    r"Defen[cs]e|Foreign\s+Ministry|presidential\s+office|spy\s+agency|military\s+intelligence|"
    r"intelligence\s+agency|government)",
    re.IGNORECASE,
)


def outlet_home(outlet: str | None) -> str | None:
    """The demonym of a national outlet's home country ("Yonhap" → "South Korean"), if known."""
    if not outlet:
        return None
    folded = outlet.casefold()
    for key, demonym in OUTLET_HOMES.items():
        if re.search(rf"(?<![\w-]){re.escape(key)}(?![\w-])", folded):
            return demonym
    return None


#: Parts of a publishing institution that speak in its own releases: "Defence Intelligence
#: assesses" in the UK Ministry of Defence's daily intelligence update is the ministry's voice.
#: Keys are casefolded outlet names; values the parts as the release names them.
OUTLET_PARTS: dict[str, frozenset[str]] = {
    "uk ministry of defence": frozenset({"Defence Intelligence", "UK Defence Intelligence"}),
    "ministry of defence (uk)": frozenset({"Defence Intelligence", "UK Defence Intelligence"}),
    "british ministry of defence": frozenset({"Defence Intelligence", "UK Defence Intelligence"}),
}


def qualify_body(name: str, home: str | None) -> str:
    """An unqualified national body ("Joint Chiefs of Staff") with the home country's demonym,
    when the outlet has one; any other name unchanged."""
    if home and _UNQUALIFIED_BODIES.fullmatch(name.strip()):
        return f"{home} {name.strip()}"
    return name


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
    named = re.match(r"^(?:the\s+)?(?P<owner>.+?)['’]s\s+(?P<rest>[A-Z].+)$", name.strip())
    if named and demonym_for(named.group("owner")):
        # "Russia's Labor Ministry" is the "Russian Labor Ministry", one name however written
        return f"{demonym_for(named.group('owner'))} {named.group('rest')}"
    return name


_IN_COUNTRY = re.compile(
    r"(?P<p>\s(?:in|from)\s+)(?P<c>[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)['’]s\s+(?=[A-Z])"
)
#: "in the northeastern port city of Rason": the place named after its description.
_PLACE_OF = re.compile(
    r"\s+(?P<p>in|of)\s+the\s+(?:[\w-]+\s+){0,3}?(?P<kind>city|province|town|county|region|village|"
    r"port|district|area)\s+of\s+(?P<place>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*)"
)


def _place_of(match: re.Match[str]) -> str:
    """ "in the northern province of North Hamgyong" → "in North Hamgyong province"; "of the
    border city of Rason" → "of Rason"."""
    kind = match.group("kind")
    suffix = f" {kind}" if kind in ("province", "region") else ""
    return f" {match.group('p')} {match.group('place')}{suffix}"


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
#: "South Korea's joint chiefs of staff": a body's name in lower case.
_OF_STAFF = re.compile(r"\bjoint\s+chiefs\s+of\s+staff$", re.IGNORECASE)
_QUOTED_NAME = re.compile(r"\s*[\"“](?P<q>[^\"“”]{1,60})[\"”]\s*")


_SPEAKER_TAG = re.compile(r"^\s*\[[A-Z][A-Z .'-]{1,30}\]\s*")
#: "Officials of the Department of National Defence": people speaking for a named body.
_PEOPLE_OF = re.compile(
    r"^(?:(?:senior|other|two|several)\s+)?(?:officials|representatives|spokes(?:man|woman|person))"
    r"\s+(?:of|from)\s+(?:the\s+)?(?P<body>[A-Z].+)$",
    re.IGNORECASE,
)
#: Military and civil ranks written before a full name.
_RANK = re.compile(
    # "Regimental commander Colonel Kim Chol Nam": a role may come before the rank
    r"^(?:[A-Za-z-]+\s+(?:commander|chief|head|officer)\s+)?"
    r"(?:(?:Brigadier|Major|Lieutenant|Lt\.?|Maj\.?)[- ])?(?:General|Gen\.|Colonel|Col\.|"
    r"Captain|Capt\.|Admiral|Adm\.|Commander|Major|Maj\.|Sergeant|Sgt\.|Lieutenant|Lt\.)\s+"
    r"(?P<person>[^\W\d_a-z][\w'’-]+(?:\s+[^\W\d_a-z][\w'’-]+){1,3})$"
)
#: "the channel of X", "the press service of X": X's own voice.
_VOICE_OF = re.compile(
    r"^(?:(?:official|own|Telegram|Facebook|X)\s+)?(?:channel|account|page|feed|blog|website|"
    r"press\s+service)\s+of\s+(?:the\s+)?(?P<rest>.+)$"
)
#: "Ukrainian drone unit Nichni Ptakhy": a lower-case description before a proper name.
_DESCRIBED_NAME = re.compile(
    r"^(?:[A-Z][\w'’-]*\s+){0,3}(?:(?!(?:of|in|at|for|from|on|to|the|and|with|by|near|close|"
    r"inside|within|among|spokes(?:man|woman|person)|press)\b)[a-z][\w'’-]*\s+){1,3}"
    r"(?P<proper>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){1,3}|[A-Z]{2,6})$"
)


#: A participle or adverb left at the end once a phrase after it is cut ("a commander
#: fighting", "a flight manifest also").
_TRAILING_WORD = re.compile(
    r"(?<=\w)\s+(?:fighting|serving|stationed|based|deployed|operating|posted|also|too|"
    r"separately|previously|itself|himself|herself|themselves|first|initially|earlier|later|"
    r"again|already|then)$"
)
_MEDIA_IMAGES = re.compile(
    r"^(?P<media>(?:[\w-]+\s+)?(?:state|official)\s+(?:media|TV|television))\s+(?:images|"
    r"photos|photographs|pictures|footage|video|reports?)(?:\s+(?:released|published|"
    r"broadcast|aired|shown))?$",
    re.IGNORECASE,
)
#: "call sign Bober", "his call sign, Sokil": the name a speaker goes by.
CALL_SIGN_NAME = (
    r"(?:call\s*sign|nom\s+de\s+guerre)(?:\s+(?:is|was))?\s*,?\s+[\"“]?(?P<name>[A-Z][a-z'’-]+)\b"
)
_NAMED_BY_CALL_SIGN = re.compile(rf"\b{CALL_SIGN_NAME}")


_REPORTS_IN = re.compile(
    r"^(?:[Rr]eports|[Cc]laims|[Aa]llegations|[Ss]tories)\s+(?:in|by|from)\s+(?=\S)"
)
_ONE_OF = re.compile(r"^[Oo]ne\s+of\s+(?:the|those|these)\s+(?P<x>.+?)s$")
_EPITHET = re.compile(r"^(?:the\s+)?(?:puppet|so-called)\s+|(?<=\s)(?:puppet|so-called)\s+")
_OF_SOUTH_KOREA = re.compile(r"^(?P<body>.+?)\s+of\s+(?:[Ss]outh\s+Korea|the\s+ROK)$")
_TRAILING_AUXILIARY = re.compile(
    r"\s+(?:has|have|had)(?:\s+(?:so\s+far|also|already|previously|now|long))*$"
)
_PERSON_OF_BODY = re.compile(
    r"^(?!(?:The|A|An|This|That)\s)(?P<person>[A-Z][a-z'’]+(?:[\s-][A-Z]?[a-z'’]+){0,1}\s+[A-Z][a-z'’]+(?:-[a-z]+)?)\s+of\s+"
    r"(?:the\s+)?[A-Z][\w'’-]*(?:\s+[\w'’-]+){0,7}$"
)
_ORG_IN_NAME = re.compile(
    r"\b(?:Staff|Ministry|Council|Service|Committee|Command|Forces|Force|Office|Department|"
    r"Agency|Directorate|Headquarters|Institute|Center|Centre|Bureau|Army|Navy|Guard|Party|"
    r"University|Foundation|Assembly|Commission|Secretary|Minister|Chief|Chiefs|General|"
    r"Director|Head|Spokesman|Spokeswoman|Spokesperson|Defense|Defence|Intelligence|Security|"
    r"Republic|Kingdom|States|Union|Federation|Government|Embassy|Mission)\b"
)
_REPORT_BY = re.compile(
    r"^(?:(?:a|the|an)\s+)?(?:report|assessment|document|briefing|estimate|figure|paper)s?\s+"
    r"(?P<x>(?:the\s+)?[A-Z][\w.'’-]*(?:\s+[\w.'’-]+){0,6}?)\s+(?:submitted|presented|gave|"
    r"sent|delivered|provided|released|published|prepared|compiled)\b.*$"
)
_TRAILING_CLAUSE = re.compile(
    r"(?:\s+and\s+[a-z]+ing\b.*|\s+(?:still|also|now|again|already|reportedly|too))$"
)
_PROMINENT = re.compile(
    r"^(?:a|an|the)\s+(?:prominent|well-known|influential|popular|leading)\s+", re.IGNORECASE
)


def clean_source(text: str) -> str:
    """A source name as a chain element: determiners, titles and clauses trimmed.

    Args:
        text: The noun phrase as written ("Opposition lawmaker Lee Seong-kweun").

    Returns:
        The cleaned name ("Lee Seong-kweun"); a source the text calls "unnamed" keeps the word,
        one merely "speaking on condition of anonymity" is named as described ("U.S. official").
    """
    text = _BULLET.sub("", text)
    text = _SPEAKER_TAG.sub("", text)  # "[REPORTER] The agency": a transcript's speaker tag
    quoted = _QUOTED_NAME.fullmatch(text)
    if quoted:
        # citing "comrades at the front": the words as written, without a leading article
        return re.sub(r"^(?:the|a|an)\s+", "", quoted.group("q"), flags=re.IGNORECASE)
    unnamed = bool(re.match(r"(?:(?:the|an?)\s+)?(?:unnamed|anonymous)\b", text.strip(), re.I))
    name = _ANONYMOUS.sub("", text).strip(" ,\"“”'")
    call_sign = _NAMED_BY_CALL_SIGN.search(name)
    if call_sign:
        return call_sign.group("name")  # "a commander who goes by the call sign Moose"
    name = re.sub(r"\s+(?:who|which|that)\b.*$", "", name)
    # "citing the NIS and adding that", "the United States still (believes)"
    name = _TRAILING_CLAUSE.sub("", name)
    # "a report the Joint Chiefs of Staff submitted to the committee": its author
    authored = _REPORT_BY.match(name)
    if authored:
        return clean_source(authored.group("x"))
    # "The channel Rybar": the channel's name
    name = re.sub(
        r"^(?:the\s+)?(?:(?:Telegram|pro-Kremlin|Russian|military|war)\s+)*"
        r"(?:channel|account|blog|milblogger|blogger)\s+(?=(?-i:[A-Z]))",
        "",
        name,
        flags=re.IGNORECASE,
    )
    # "A Ukrainian commander I spoke to", "an internal memo dated September 2"
    name = re.sub(
        r"\s+(?:(?:I|we)\s+(?:spoke|talked|met|interviewed|reached)\b.*|dated\b.*|I|we)$", "", name
    )
    # "Hong Min-gyu of the Korea Institute for National Unification": the person
    person_of = _PERSON_OF_BODY.match(name)
    if person_of and not _ORG_IN_NAME.search(person_of.group("person")):
        name = person_of.group("person")
    name = re.sub(
        r"^(?:But|And|Yet|So|Still|Now|Meanwhile|However,?|As|Another(?!\s+source)|By)\s+", "", name
    )
    # "Reports in Western media claiming": the media that carried them
    name = _REPORTS_IN.sub("", name)
    name = _TRAILING_AUXILIARY.sub("", name)  # "Seoul has so far (assessed)"
    # "One of the Western officials": one of them, described as they are
    one_of = _ONE_OF.match(name)
    if one_of:
        name = one_of.group("x")
    name = _PROMINENT.sub("", name)  # "a prominent Russian milblogger"
    name = _EPITHET.sub("", name)  # state media's "puppet", "so-called"
    # "intelligence service of south Korea", "National Intelligence Service of the ROK"
    name = _OF_SOUTH_KOREA.sub(r"South Korean \g<body>", name)
    # "Rep. Seo Jung-hoon of the Democratic Party": the lawmaker, without title or party
    name = re.sub(
        r"^(?:Rep\.|Sen\.|Representative|Senator|[Ll]awmaker|MP)\s+(?P<n>[A-Z][\w'’-]+(?:\s+"
        r"[A-Z][\w'’-]+){1,2})\s+of\s+the\s+(?:[\w'’-]+\s+){0,4}?[Pp]arty$",
        r"\g<n>",
        name,
    )
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
        if re.fullmatch(r"[A-Z]{2,6}", acronym) and re.fullmatch(r"[A-Z]?[a-z ]+", name):
            name = acronym  # "Military intelligence (HUR)": the acronym is the name
    captured = _CAPTURED_BY.match(name)
    if captured:
        name = f"{captured.group('p')} {captured.group('np')}"  # "a soldier captured by X"
    spoken_for = _PEOPLE_OF.match(name)
    if spoken_for:
        return clean_source(spoken_for.group("body"))  # "Officials of the Department of X"
    ranked = _RANK.match(name)
    if ranked:
        name = ranked.group("person")  # "Brigadier-General Paul Desrosiers"
    voice = _VOICE_OF.match(name)
    if voice:
        return clean_source(voice.group("rest"))  # "the channel of the drone unit X": X
    described = _DESCRIBED_NAME.match(name)
    if described:
        name = described.group("proper")  # "Ukrainian drone unit Nichni Ptakhy"
    titled = _TITLED_PERSON.match(name)
    if titled:
        return titled.group("person")
    spokesperson = _SPOKESPERSON.match(name)
    if spokesperson:
        return spokesperson.group("org")  # a spokesperson speaks for the institution
    name = _PLACE_OF.sub(_place_of, name)
    # "a source in North Korea's North Hamgyong Province": the place without its country
    name = _IN_COUNTRY.sub(
        lambda m: m.group("p") if demonym_for(m.group("c")) else m.group(0), name
    )
    name = re.sub(
        r"^(?:separate|new|latest|recent|previous|independent|updated|revised)\s+", "", name
    )
    name = re.sub(r"(?P<n>[A-Z][\w.-]*)\s+(?:state\s+)?news\s+agency$", r"\g<n>", name)
    name = re.sub(r"\b(?P<m>media|press)\s+outlets$", r"\g<m>", name)  # "Western media outlets"
    stripped = _DOCUMENT_WORDS.sub("", name) if " " in name else name
    # "Western estimates": a demonym alone names no one, so the estimates stay the source
    name = name if _ADJECTIVE_ONLY.fullmatch(stripped.strip()) else stripped
    # "a source in the security services": a bare "source" is only its qualifier
    source_where = re.match(r"(?:\w+\s+)?sources?\s+(?:in|at|within|close\s+to)\s+", name)
    if not _INSTITUTION_TAIL.search(name) and not source_where and not _OF_STAFF.search(name):
        name = re.sub(r"\s+(?:of|at|in|from|on)\s+(?:the\s+(?=[a-z])|(?!the\s))[a-z].*$", "", name)
    name = re.sub(r"\s+(?:between|among|amongst)\s+.*$", "", name)
    name = _TRAILING_TIME.sub("", name)  # "the NIS in April": the source, not when it spoke
    name = re.sub(r"\s+(?:seen|obtained|reviewed|shared)\s+(?:by|with)\s+.*$", "", name)
    owner = _OWNER.match(name)
    if owner:
        rest = owner.group("rest")
        if rest[:1].isupper():
            if demonym_for(owner.group("owner")):
                pass
            elif re.search(r"\s[a-z]", rest) and not re.search(r"\s(?:of|for)\s", rest):
                name = f"{owner.group('owner')} {rest}"  # "the BBC's Russian service": the BBC's
            else:
                name = rest
        elif acronym:
            name = acronym
        elif _OWNED_DOCUMENT.search(rest):
            name = owner.group("owner")  # "the NIS's last public tally": the NIS
        else:
            caps = [tok for tok in rest.split() if re.fullmatch(r"[A-Z]{2,}", tok)]
            if caps:
                name = caps[0]
    tokens = name.split()
    # "General Staff of Ukraine", "Secretary of State": a title word heading a body's name
    body = bool(re.search(rf"\b(?:{_ORG_HEAD}|of|for)\b", name))
    while (
        len(tokens) > 2
        and tokens[0].lower() in _TITLES
        and not body
        and tokens[1].lower() not in ("at", "of", "in", "from", "with", "for", "to", "on")
    ):
        tokens = tokens[1:]  # "Lawmaker Lee Seong-kweun", not "official at the JCS"
    if len(tokens) in (2, 3) and tokens[0].lower().rstrip(".") in ("mr", "ms", "mrs", "dr", "prof"):
        tokens = tokens[1:]  # "Mr Yoo": the surname, given its full name from the text later
    lowered = [i for i, tok in enumerate(tokens) if tok.lower() in _TITLES]
    if lowered and len(tokens) - lowered[-1] - 1 >= 2:
        tail = tokens[lowered[-1] + 1 :]
        if all(tok[:1].isupper() for tok in tail):
            tokens = tail
    name = " ".join(tokens)
    name = re.sub(r"(?<=\w)['’]s?$", "", name)  # "the UK Ministry of Defence's": its owner
    name = re.sub(r"\s+(?:claiming|saying|reporting|suggesting|alleging)$", "", name)
    name = _TRAILING_WORD.sub("", name)  # "a company commander fighting (in the region)"
    # "State media images released last month": the media that released them
    name = _MEDIA_IMAGES.sub(r"\g<media>", name)
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
    variants.append(re.sub(r"\s+(?:spokes(?:man|woman|person)|officials)$", "", variants[-1]))
    # "spokesperson for Ukraine's Security Service": the body
    variants.append(
        re.sub(r"^spokes(?:man|woman|person)\s+(?:for|of)\s+(?:the\s+)?", "", variants[-1])
    )
    owner = re.match(r"^(?P<owner>.+?)['’]s\s+(?P<rest>.+)$", variants[-1])
    if owner:
        demonym = demonym_for(owner.group("owner"))
        if demonym:
            variants.append(f"{demonym.casefold()} {owner.group('rest')}")
            # "Ukraine's Security Service" is the "Security Service of Ukraine"
            variants.append(f"{owner.group('rest')} of {owner.group('owner')}")
        variants.append(owner.group("rest"))
    country_after = re.match(
        r"^(?P<body>.+?),?\s+(?:of\s+)?(?:the\s+)?(?P<c>republic\s+of\s+korea|south\s+korea|"
        r"ukraine|russia|russian\s+federation|japan|united\s+states)$",
        variants[1],
    )
    if country_after:
        # "Joint Chiefs of Staff, Republic of Korea": the body with its country's demonym
        demonym = demonym_for(country_after.group("c")) or (
            "Russian" if "russian" in country_after.group("c") else None
        )
        if demonym:
            variants.append(f"{demonym.casefold()} {country_after.group('body')}")
    described = re.match(rf"^(?P<adj>{_ADJECTIVES})\s+(?P<rest>.+)$", variants[1])
    if described and name not in _CANONICAL_NAMES:
        # "the Ukrainian Security Service" is the "Security Service of Ukraine" too
        variants.append(f"{described.group('rest')} of {_COUNTRY_OF[described.group('adj')]}")
    for variant in variants:
        if variant in aliases:
            return aliases[variant]
    if _NEAR_BODY.search(folded):
        return name  # "sources close to the ministry": near the body, not the body
    if re.search(r"\s(?:officials?|sources?)$", folded):
        return name  # "a senior Ukrainian military intelligence official": a person, unnamed
    if _DOCUMENT_END.search(folded) and not re.search(r"\b[A-Z]{2,}\b", name):
        return name  # "Ukrainian military intelligence assessment": a document as written
    coordinated = re.search(r"\sand\s", folded)
    for key in sorted(aliases, key=len, reverse=True):
        if coordinated and " and " not in key:
            continue  # "Western and South Korean intelligence agencies": more than one body
        if len(key) >= 3 and re.search(rf"(?<!\w){re.escape(key)}(?!\w)", folded):
            return aliases[key]
    return name


__all__ = [
    "CANONICAL",
    "DEMONYMS",
    "OUTLET_HOMES",
    "OUTLET_PARTS",
    "canonical_source",
    "clean_source",
    "country_before",
    "demonym_for",
    "normalize_source",
    "outlet_home",
    "qualify_body",
]

_DOCUMENT_END = re.compile(
    r"\s(?:assessments?|reports?|documents?|memos?|memorandum|estimates?|analysis|findings|"
    r"records|dossier|cable)$"
)
_NEAR_BODY = re.compile(
    r"^(?:[\w.-]+\s+){0,3}?(?:sources?|officials?|people|persons?|insiders?|figures?)\s+"
    r"(?:close\s+to|familiar\s+with|in|at|inside|within|near|linked\s+to|with\s+ties\s+to)\s"
)
