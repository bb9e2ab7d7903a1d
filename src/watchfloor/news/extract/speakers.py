"""Speakers: who stands before a reporting verb, or is the agent of a reporting passive.

"X said/told/estimated ..." finds its speaker by walking back from the verb across adverbials,
appositives and relative clauses to the nearest clause boundary (:func:`_speaker_before`);
"were estimated by the NIS" gives an agent (:data:`_AGENT`); "was quoted as saying" its
object. :func:`_situate` completes a bare name with the country the sentence gives it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from watchfloor.news.extract.source_names import country_before, demonym_for

_VERBS = (
    r"said|says|say|told|tells|tell|estimated|estimates|estimate|assessed|assesses|assess|"
    r"believes|believe|believed|claimed|claims|claim|claiming|saying|reported|reports|"
    r"confirmed|confirms|warned|warns|added|adds|stated|states|announced|announces|noted|notes|"
    r"wrote|writes|dismissed|dismisses|denied|denies|rejected|rejects|acknowledged|"
    r"acknowledges|indicated|indicates|revealed|reveals|disclosed|briefed(?!\s+by)|testified|published|"
    r"calculated|counted|counts|informed(?!\s+by)|insisted|insists|alleged|alleges|concluded|concludes|"
    r"put|puts|putting|puts\s+the\s+figure|estimating|assessing|reckon|reckons|reckoned|says\s+that|shows|showed|show(?=\s+that\b)|think(?![\s-]+tanks?)|thinks|"
    r"expect|expects|fear|fears|predicted|predicts|sets\s+out|set\s+out|acknowledged|"
    r"acknowledging|indicated|telling|tallied|cited(?!\s+by)|spoke|quoted|judges|judged|posted|"
    r"identified|identifies|pledged|pledges|promised|promises|vowed|vows|"
    r"tracked(?=\s+(?:about|around|roughly|some|nearly|more|at\s+least|up\s+to|\d))|"
    r"(?:detected|sees|saw|spotted|observed|found)(?=\s+(?:\w+\s+)?(?:signs|indications))|"
    # "Zelensky offered to hand over two captured soldiers", "the SBU released videos of two
    # soldiers": whoever holds and shows the captives is the source of their count
    r"offered(?=\s+to\s+(?:hand|swap|exchange|return|trade|give|transfer))|"
    r"released(?=\s+(?:a\s+|the\s+|new\s+)?(?:videos?|footage|images|photos|pictures|recordings))"
)
_VERB = re.compile(rf"\b(?:{_VERBS})\b")
_ADVERBIAL = re.compile(
    r"(?P<comma>\s*,)?\s+(?:also|has|have|had|separately|later|previously|repeatedly|earlier|"
    r"now|again|further|then|publicly|officially|recently|initially|reportedly|not|never|"
    r"since|on\s+the\s+\d{1,2}(?:st|nd|rd|th)|(?:on|at|in|late|early)\s+"
    r"(?:the\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|weekend|"
    r"[A-Z][a-z]+\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]+)|in\s+(?:January|February|March|April|May|June|July|August|"
    r"September|October|November|December)|(?:last|this)\s+(?:week|month|year)|Monday|Tuesday|Wednesday|"
    r"Thursday|Friday|Saturday|Sunday)\s*$"
)
_PASSIVE = re.compile(r"\b(?:is|are|was|were|been|being|be)\s*$")
_BOUNDARY = re.compile(
    r"(?:^(?:[Aa]s\s+)?|,?\s+(?:said|says|added|adds)\s+(?:that\s+)?|,?\s+where\s+|"
    r",\s+(?:(?:and|but|while|with|as|when|after|which|because|although|though|that)\s+)?|"
    r";\s+|\s+that\s+|\s*[—–]\s*|\s+-\s+|[\"“”]\s*|\s+and\s+|\s+but\s+|\s+while\s+|"
    r"\s+with\s+|\s+after\s+|\s+as\s+|\s+when\s+|\s+because\s+|\s+which\s+|:\s+)"
)
_NOT_SPEAKER = re.compile(
    r"\b(?:is|are|was|were|said|says|told|to|be|would|will|could|may|might|can|thought|"
    r"believed|not|been|about)\b|^\s*(?:Nobody|No\s+one|None|Nothing|Everyone|Anyone)\s*$|"
    r"^\s*(?:If|When|Unless|Once|Although|Though|While|Because|As|"
    r"Until|Where|Whether)\s*$|^\s*(?:Competing|Conflicting|Various|Differing|Varying|Other|"
    r"Earlier|Previous|Most|Some|Many|Higher|Lower)\s+(?:estimates|figures|reports|assessments|"
    r"tallies|counts)\s*$"
)
_DETERMINER_BEFORE = re.compile(
    r"\b(?:the|a|an|its|their|his|her|our|these|those|of|foreign|such|any|no)\s*$", re.I
)
_SOURCE_HINT = re.compile(
    r"\b(?:[A-Z][\w'’.-]*|agency|agencies|officials?|lawmakers?|spokes(?:man|woman|person)|"
    r"ministry|military|government|analysts?|experts?|intelligence|service|sources?|department|"
    r"commanders?|observers?|diplomats?|he|she|it|they|we|legislators?|army|media|"
    r"commentary|minister|office|staff|monitors?|researchers?|lawmaker|unit|forces|footage|"
    r"broadcast|statement|document|television|reports?|workers?|witness(?:es)?|medics?|"
    r"residents?|traders?|doctors?|journalists?|correspondents?|defectors?|channels?|bloggers?|"
    r"milbloggers?|posts?|headquarters|committee|council|mission|command|directorate|prosecutors?|court|institute|delegat(?:e|ion)s?|"
    r"tanks?|centre|center|group|watchdog|newspaper|outlet|website|broadcaster|foundation|"
    r"project|network|monitor|governor|mayor|head|chief|director|president|premier|secretary|"
    r"ambassador|envoy|general|adviser|advisor|professor|fellow|spokesperson|people|persons?|"
    r"insiders?)\b"
)
_SOURCE_HEAD = re.compile(
    r"\b(?:officials|analysts|sources|experts|lawmakers|legislators|diplomats|observers|"
    r"commanders|monitors|researchers|authorities)$"
)
_PRONOUNS = frozenset({"he", "she", "it", "they", "we"})
_ANONYMITY = re.compile(
    r"not\s+to\s+be\s+(?:named|identified)|anonymity|declined\s+to\s+be\s+(?:named|identified)|"
    r"unnamed|anonymous|not\s+authori[sz]ed",
    re.IGNORECASE,
)
_DATELINE = re.compile(r"^[A-Z][\w .,'’-]{0,40}\([^)]{1,30}\)\s*(?:[-—–]+|\.)\s*")
_KNOWN_AS = re.compile(
    r"known\s+(?:as|by\s+(?:its|the)\s+(?:[\w-]+\s+){0,2}(?:acronym|abbreviation|name))\s+(.+)$"
)
_COORDINATED_ADJ = re.compile(
    r"(?:^|\s)(?P<adj>(?:South\s+Korean|North\s+Korean|U\.S\.|US|American|Ukrainian|Russian|"
    r"Western|western|Japanese|British|European|Chinese)\s+)and\s+$"
)
_RELATIVE = re.compile(r",\s+(?:which|who)\s*$")
_BARE_STATE = re.compile(
    r"^(?:the\s+)?(?P<media>state\s+(?:media|television|tv|broadcaster|news\s+agency))"
    r"(?:\s+(?:images|photos|photographs|pictures|footage|video|reports?)(?:\s+(?:released|"
    r"published|broadcast|aired|shown))?)?$",
    re.I,
)
_COUNTRY_OWNED = re.compile(
    r"(?:\b(?:the\s+)?(?:country|nation)['’]s\s+|^(?:their|its)\s+(?=(?-i:[a-z]))|^our\s+(?=(?:military|government|army|armed\s+forces|"
    r"intelligence|defen[cs]e\s+ministry|ministry)\b))(?P<rest>.+)$",
    re.I,
)


#: A country named as a place ("killed in Russia"), not as the state whose media speak.
_LOCATIVE_COUNTRY = re.compile(
    r"\b(?:in|to|into|from|inside|across|near|for)\s+(?:the\s+)?(?=[A-Z])(?:[\w'’]+\s+){0,2}?"
    r"(?:Russia|Ukraine|Kursk)\b"
)


def _state_of(sentence: str) -> str | None:
    """The state a sentence is about, for bare "state media": its leader named ("Kim Jong Un
    laying medals"), else the first country named other than as a place."""
    if re.search(r"\bKim\s+Jong[\s-]+Un\b", sentence):
        return "North Korean"
    return country_before(_LOCATIVE_COUNTRY.sub(lambda m: " " * len(m.group(0)), sentence), 0)


def _situate(
    np: str, sentence: str, position: int, home: str | None = None, owner: str | None = None
) -> str:
    """Give "state media" and "the country's General Staff" the country the sentence names;
    "the country's" is the report's ``home`` country when it has one (a dateline's or a
    national outlet's: "SEOUL (Yonhap) -- ..., citing the country's spy agency"), unless
    ``owner`` names the country the previous sentence was about ("Ukraine has put the losses
    higher. The country's General Staff said")."""
    owned = _COUNTRY_OWNED.search(np)
    bare = _BARE_STATE.match(np.strip())
    if owned or bare:
        # "the country's General Staff": the speaker's country, named just before; bare "state
        # media": the state the sentence is about, its first-named country
        dateline = _DATELINE.match(sentence)
        if owned and home is None and dateline:
            home = demonym_for(dateline.group(0).split(",")[0].split("(")[0].strip())
        demonym = (
            (owner or home or country_before(sentence, position))
            if owned
            else _state_of(sentence[dateline.end() if dateline else 0 :])
        )
        if demonym and owned:
            return f"{np[: owned.start()]}{demonym} {owned.group('rest')}"
        if demonym:
            bare_np = bare.group("media") if bare else np.strip()
            bare_np = re.sub(r"^the\s+", "", bare_np, flags=re.IGNORECASE)
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
    {
        "saying",
        "telling",
        "adding",
        "claiming",
        "estimating",
        "assessing",
        "acknowledging",
        "putting",
    }
)
#: "South Korea's spy agency first went public on Oct. 18": the subject before the first verb.
_CLAUSE_SUBJECT = re.compile(
    r"^(?P<np>(?:[\w'’.&()-]+\s+){0,9}?[\w'’.&()-]+?)\s+(?:(?:first|also|then|later|has|have|"
    r"had|is|are|was|were|will|would|again|publicly|separately|previously|[a-z]+ly)\s+)*"
    r"(?:[a-z]+ed|went|gone|gave|given|made|took|taken|held|put|sent|came|spoke|told|said|says|met|"
    r"issued|been|seen|saw|shown|lost|flew|kept|left|wrote|written|began|begun|declines?|"
    r"refuses?|visits?|meets|gives|makes|takes|holds)\b"
)


#: An introductory prepositional phrase before the subject ("From the other side of the line,").
_LEAD_PHRASE = re.compile(
    r"\s*(?:From|On|In|At|After|Before|Across|Along|Near|Meanwhile|Elsewhere|Separately)\b"
    r"[^,;]{0,60},\s*"
)


def _clause_subject(before: str) -> _Speaker | None:
    """The subject of the clause ``before`` ends, for a participle after it."""
    dateline = _DATELINE.match(before)
    offset = dateline.end() if dateline else 0
    semicolon = before.rfind(";")
    if semicolon >= offset:
        offset = semicolon + 1
    lead = _LEAD_PHRASE.match(before, offset)
    timed = _LEAD_TIME.match(before, offset)
    if timed and lead and timed.end() < lead.end():
        offset = timed.end()  # "On Saturday General Gerasimov, the chief of staff, thanked"
    elif lead:
        offset = lead.end()  # "From the other side of the line, the channel ... posted"
    while offset < len(before) and before[offset].isspace():
        offset += 1
    clause = before[offset:]
    appositive = _SUBJECT_APPOSITIVE.match(clause)
    if appositive:
        # "General Valery Gerasimov, the chief of Russia's general staff, thanked ... and
        # claimed": the subject without its appositive (offsets before it are unchanged)
        clause = appositive.group("np") + " " + clause[appositive.end() :]
    match = _CLAUSE_SUBJECT.match(clause)
    if not match or (match.group("np")[:1].islower() and not match.group("np").startswith("the ")):
        return None
    found = _speaker_in(match.group("np"))
    if found is None:
        return None
    if found.start != 0 and not _TITLE_PREFIX.fullmatch(match.group("np")[: found.start]):
        return None  # "Russia's Chief of the General Staff Valery Gerasimov": a title is fine
    return _Speaker(offset + found.start, found.np, found.cited, found.relay)


#: A subject and its appositive description ("Valery Gerasimov, the chief of the staff, ").
_SUBJECT_APPOSITIVE = re.compile(
    r"(?P<np>[^,]{2,80}),\s+(?:the|a|an|[A-Z][\w.'’-]*['’]s)\s+[^,]{1,60},\s+"
)


#: Capitalized words of a title before a name ("Russia's Chief of the General Staff ").
_TITLE_PREFIX = re.compile(r"(?:(?:[A-Z][\w.'’-]*|of|the|and|for)\s+)+")


#: "Lawmakers briefed by the spy agency": a subject with its briefer, before the verb.
_BRIEFED_SUBJECT = re.compile(
    r"(?:^|(?<=[,;:]\s)|(?<=\.\s))(?P<np>(?:[\w'’.-]+\s+){0,3}?[\w'’.-]+)\s+(?:\w+ly\s+)?"
    r"(?:briefed|informed)\s+by\s+(?P<by>[^,;]+)$"
)


#: "the EU Intelligence and Situation Centre": capitalized words joined by "and" in one name.
_NAME_AND = re.compile(r"(?:^|\s)(?P<words>(?:(?:the\s+)?[A-Z][\w.'’-]*\s+){1,4})and\s+$")
#: "In April the agency said": a time before the subject.
_LEAD_TIME = re.compile(
    r"\s*(?:In|On|By|Since|Last|Early|Late)\s+(?:[A-Z][a-z]+|\d{4}|week|month|year)"
    r"(?:\s+\d{1,4})?,?\s+(?=(?:the|a|an|[A-Z]))"
)


_NAMED_IN_APPOSITIVE = re.compile(
    r"\b(?:named|called|identified\s+as|who\s+gave\s+his\s+name\s+(?:only\s+)?as)\s+"
    r"(?P<n>[A-Z][a-z'’-]+(?:[\s-][A-Z][a-z'’-]+){0,2})$"
)
_AUTHORED_BY = re.compile(
    r"(?:compiled|prepared|drafted|written|produced|published|issued)\s+by\s+"
    r"(?P<np>(?:the\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,5})(?:\s+(?:and|on|in)\b.*)?$"
)
#: "In his nightly address last night the president said": the occasion before the subject.
_LEAD_OCCASION = re.compile(
    r"\s*(?:In|During|At)\s+(?:his|her|its|their|a|an|the)\s+(?:[\w-]+\s+){0,3}?(?:address|"
    r"speech|statement|interview|briefing|remarks|post|video|message|conference|appearance)"
    r"(?:\s+(?:last\s+night|yesterday|today|on\s+[A-Z]\w+|this\s+\w+|last\s+\w+))?,?\s+"
    r"(?=(?:the|a|an|[A-Z]))"
)
#: A phrase that cannot be the subject of a reporting verb: a preposition, a subordinator or a
#: participle opens it.
_NOT_A_SUBJECT = re.compile(
    r"(?:Following|After|Before|Under|Since|During|Despite|Amid|Given|Without|If|Unless|"
    r"Whether|Once|Until|[A-Z][a-z]+ing\s+(?:up|out|on|over|in|together)?)\b(?!\s*$)"
)


_ZERO_RELATIVE = re.compile(
    r"^.*\d[\d,]*\s+(?:[a-z][\w-]*\s+){1,3}(?P<name>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2}|"
    # "the roughly 3,000 casualties the agency reported": a body named before
    r"the\s+(?:agency|ministry|department|service|directorate|military|government|command))$"
)


#: A person's name: two or three capitalized words ("Iryna Babenko", "Kim Yong-hyun").
_PERSON_NAME = re.compile(
    r"(?:(?:Dr|Mr|Mrs|Ms|Prof)\.?\s+)?(?P<name>[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){1,2})"
)
#: A description of one person by office ("the director of the regional hospital").
_DESCRIPTION = re.compile(
    r"(?:the|its|their|a|(?-i:[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)['’]s)\s+(?:[a-z'’-]+\s+){0,3}"
    r"(?:director|head|chief|governor|mayor|"
    r"commander|spokes(?:man|woman|person)|surgeon|doctor|official|minister|ambassador|"
    r"envoy|representative|secretary|chairman|chairwoman|deputy|analyst|researcher)\b",
    re.IGNORECASE,
)


#: "people familiar with the matter", "a source with knowledge of the talks".
_FAMILIAR = re.compile(
    r"(?:^|[,;:]\s*|\s(?=[Aa]\s|[Tt]wo\s|[Ss]everal\s))(?P<np>(?:(?:a|an|the|two|three|several|"
    r"some|other)\s+)?(?:[\w.-]+\s+){0,2}?(?:people|persons?|sources?|officials?|insiders?|"
    r"diplomats?)\s+(?:familiar\s+with|with\s+(?:direct\s+)?knowledge\s+of|briefed\s+on|close\s+to)"
    r"\s+[\w\s'’-]{1,50}?)$",
    re.IGNORECASE,
)


#: A long office title run into the name of its holder, closing the text before a verb.
_OFFICE_THEN_NAME = re.compile(
    r"(?:^|[,;]\s+|\s)(?P<title>(?:Russian\s+|Ukrainian\s+|North\s+Korean\s+|South\s+Korean\s+)?"
    r"(?:Chief|Head|Commander|Minister|Secretary|Director|Chairman|Governor))(?:-in-Chief)?\s+"
    r"(?:of|for)\s+(?:the\s+)?(?:[A-Z][\w'’-]*\s+(?:(?:of|for|and)\s+(?:the\s+)?)?){1,8}?"
    r"(?P<name>[A-Z][a-z'’-]+\s+[A-Z][a-z'’-]+)$"
)


#: "lawmaker Cho Hyun-tae", "opposition lawmaker Kim": a lower-case role before a name.
_ROLE_BEFORE_NAME = re.compile(
    r"(?:[a-z-]+\s+){0,2}(?:lawmaker|legislator|spokes(?:man|woman|person)|analyst|official|"
    r"commander|governor|minister|envoy|researcher|expert)\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2}$"
)


def _leading(text: str) -> int:
    return len(text) - len(text.lstrip())


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
    titled = _OFFICE_THEN_NAME.search(before)
    if titled:
        # "Chief of the General Staff of the Russian Armed Forces Valery Gerasimov said"
        return _Speaker(titled.start("title"), titled.group("name"))
    familiar = _FAMILIAR.search(before)
    if familiar:
        # "people familiar with the matter said": the whole description, "with" and all
        return _Speaker(familiar.start("np"), familiar.group("np"))
    briefed_subject = _BRIEFED_SUBJECT.search(before)
    if briefed_subject and not re.search(r"[,;]", briefed_subject.group("np")):
        # "Lawmakers briefed by the intelligence service put the toll at": the briefer first
        return _Speaker(
            briefed_subject.start("np"), briefed_subject.group("np"), briefed_subject.group("by")
        )
    known_tail = re.search(r",\s+(?P<k>known\s+.+)$", before)
    if known_tail:
        known_as = _KNOWN_AS.match(known_tail.group("k"))
        if known_as:
            # "..., the agency, known as HUR, said": HUR, where the noun phrase it names starts
            # (after a comma, the mention is a tag)
            named_at = before.rfind(",", 0, known_tail.start()) + 1
            lead = re.match(r"\s*(?:(?:while|whereas|and|but|as)\s+)?", before[named_at:])
            named_at += lead.end() if lead else 0
            return _Speaker(named_at, known_as.group(1))
    relative = _RELATIVE.search(before)
    if relative:
        before = before[: relative.start()]  # "the agency, which put the toll at ..."
        author = re.search(r"\b(?:an?|the)\s+[a-z]+\s+by\s+(?P<x>[A-Z][^,;]*)$", before)
        if author is None:
            # "the one given by South Korea's spy agency, which said that": the agency
            author = re.search(
                r"\b(?:given|provided|offered|released|published|cited)\s+by\s+"
                r"(?P<x>(?:the\s+)?[A-Z][\w.'’-]*(?:\s+[\w.'’-]+){0,5})$",
                before,
            )
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
        # the last comma that is no thousands separator ("had surpassed 4,000,")
        cut = max((m.start() for m in re.finditer(r",(?!\d)", head)), default=-1)
        if cut > 0:
            appositive = head[cut + 1 :].strip()
            named_as = _NAMED_IN_APPOSITIVE.search(appositive)
            if named_as:
                # "The other, a 26-year-old sniper named Ri, said": Ri
                return _Speaker(cut + 1 + appositive.find(named_as.group("n")), named_as.group("n"))
            author = _AUTHORED_BY.match(appositive)
            if author:
                # "Japan's defense white paper, compiled by the Defense Ministry and approved by
                # the Cabinet, warns": the author
                return _Speaker(cut + 1 + appositive.find(author.group("np")), author.group("np"))
            known = _KNOWN_AS.match(appositive)
            if known:
                return _Speaker(cut, known.group(1))
            described = head[:cut].strip().split(",")[-1].strip()
            person = _PERSON_NAME.fullmatch(appositive)
            if person and _DESCRIPTION.match(described):
                # "The director of the hospital, Iryna Babenko, said": the person named
                start = head.index(person.group("name"), cut)
                return _Speaker(start, person.group("name"))
            citing = re.match(r"citing\s+(.+)$", appositive)
            briefed = _BRIEFED.match(appositive)
            relayed = _RELAYED.match(appositive)
            if citing:
                cited = citing.group(1)
            elif re.match(
                r"(?:in|from|at|inside|within|near|close\s+to)\s", appositive
            ) and re.fullmatch(
                r"(?:another|(?:a|the)\s+(?:second|third|fourth|other|separate))\s+source",
                head[:cut].strip().split(",")[-1].strip(),
                re.I,
            ):
                # "A third source, in Ryanggang province, said": the source where it is
                start = head[:cut].rfind(",") + 1
                return _Speaker(start + _leading(head[start:cut]), f"source {appositive}")
            elif re.match(r"(?:an?)\s", appositive) and re.fullmatch(
                r"(?:another|a\s+(?:second|third|fourth|separate))\s+sources?",
                head[:cut].strip().split(",")[-1].strip(),
                re.I,
            ):
                # "Another source, a trade official in Sinuiju, said": the description
                return _Speaker(cut + 1 + _leading(head[cut + 1 :]), appositive)
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
    named = _NAME_AND.search(before[:start])
    if named and before[start : start + 1].isupper():
        start = named.start("words")  # "the EU Intelligence and Situation Centre": one name
    lead = _LEAD_TIME.match(before, start) or _LEAD_OCCASION.match(before, start)
    if lead:
        start = lead.end()  # "In April the agency said": the agency
    np = re.sub(r"^one\s+of\s+", "", before[start:].strip())
    if _NOT_A_SUBJECT.match(np):
        return None  # "Following the agreement announced in June", "Adding up estimates"
    np = re.sub(r"\s+(?:did|does|do)$", "", np)  # "The agency did not say": the agency
    pronoun = re.search(r"(?<=\s)(?P<p>we|he|she|they|it)$", np, re.IGNORECASE)
    if pronoun and not re.search(r"\b(?:that|who|which)\s", np):
        # "Over the past week we counted", "In a statement last week it put": the pronoun (the
        # mention still spans the lead phrase, whose time is the statement's)
        np = pronoun.group("p")
    zero_relative = _ZERO_RELATIVE.match(np)
    if zero_relative:
        # "the 5,000 military builders Moscow announced": the speaker after the counted noun
        start += zero_relative.start("name")
        np = zero_relative.group("name")
    if _NOT_SPEAKER.search(np) or re.search(r"\d{2,}|\d[,.]\d", np):
        return None
    if not np or len(np.split()) > 11 or not _SOURCE_HINT.search(np):
        return None
    if (
        np[:1].islower()
        and np.split()[0].lower() not in (*_PRONOUNS, "the", "a", "an", "some", "their", "its")
        and not _ROLE_BEFORE_NAME.match(np)
        and not re.match(
            r"(?:unnamed|anonymous|senior|western|south|north|us|u\.s\.|state\s+(?:media|tv|"
            r"television|news)|(?:people|persons?|insiders?|sources?|officials?)\s+(?:familiar|"
            r"close|briefed|with\s+knowledge))\b",
            np,
        )
        and not _SOURCE_HEAD.search(np)
    ):
        return None
    if appositive_known and _ANONYMITY.search(appositive_known):
        np = f"{np}, on condition of anonymity"
    return _Speaker(start, np, cited, relay)


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
_TITLE_DOT = (
    "(?:"
    + "|".join(rf"(?<=\b{t})" for t in _TITLES_ABBREVIATED)
    + r"|(?<=\b[A-Z]\.[A-Z]))\.\s+(?=[A-Z])"  # "the U.S. Defense Department"
)
#: A source's noun phrase up to the clause's end: full stops only inside words ("U.S."),
#: before a lower-case word, or after a title ("Rep. Baek").
NAME_PHRASE = rf"[^,;.“\"]+(?:(?:\.(?=\w|(?-i:\s+[a-z]))|{_TITLE_DOT})[^,;.“\"]*)*"
#: "were estimated by the NIS", "The figure was given by HUR": the agent of a reporting passive.
_AGENT = re.compile(
    r"\b(?:is|are|was|were|been|being)\s+(?:\w+ly\s+|first\s+|also\s+|later\s+)?"
    r"(?:estimated|given|provided|reported|put|made\s+public|"
    r"assessed|confirmed|released|announced|cited|counted|disclosed|revealed|published|stated|"
    r"relayed|shared|tallied|compiled|calculated|issued|supplied|presented|believed|thought|"
    r"considered|understood|feared|assumed|suspected|projected|expected)\s+"
    rf"(?:[^\s,;.]+\s+){{0,3}}?by\s+(?P<np>(?:(?:the|a|an)\s+)?{NAME_PHRASE})"
)
#: "The figure, provided by HUR, ...": the agent of a reduced relative after a figure noun.
_REDUCED_AGENT = re.compile(
    r"\b(?:figures?|estimates?|numbers?|tally|count|data|assessments?|toll)\b"
    r"(?:[^.;,]|,(?=\d)){0,40}?,\s+(?:\w+ly\s+)?(?:provided|given|released|compiled|supplied|"
    rf"published|issued)\s+by\s+(?P<np>(?:(?:the|a|an)\s+)?{NAME_PHRASE})"
)
#: "the estimate published earlier this month by the NIS that about 4,700": its publisher.
_PUBLISHED_BY_THAT = re.compile(
    r"\b(?:figures?|estimates?|numbers?|tally|count|data|assessments?|toll)\s+(?:\w+ly\s+)?"
    r"(?:provided|given|released|compiled|supplied|published|issued)"
    r"(?:\s+(?:earlier|later|last|this|in|on)(?:\s+[\w-]+){1,2})?\s+by\s+"
    r"(?P<np>(?:(?:the|a|an)\s+)?[A-Z][^,;.“\"]*?)(?=\s+that\b)"
)
_AGENT_END = re.compile(
    r"\s+(?:to|as|after|before|during|when|while|and|with|for|last|this|on|in|at|that|since|"
    r"who|which|early|late|are|is|was|were|have|has|had|would|will)\b.*$"
)


def _cut_agent(np: str) -> str:
    return _AGENT_END.sub("", np.strip())


_QUOTED_OBJECT = re.compile(r"\s+(?P<np>[^,;“\"]+?)\s+as\s+(?:saying|telling|stating|estimating)\b")
_QUOTED_PASSIVE = re.compile(r"\s+(?:was|were|is|are|has\s+been|had\s+been)\s+(?:\w+ly\s+)?$")
_QUOTED_AS = re.compile(
    r"\s+(?:by\s+(?P<by>[^,;“\"]+?)\s+)?as\s+(?:saying|telling|stating|estimating)\b"
)
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
