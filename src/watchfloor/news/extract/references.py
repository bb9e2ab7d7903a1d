"""Who a finished claim's source words refer to, read across the whole report.

Passes over the claims of a report once every sentence is read: a figure inside a quotation of
several sentences goes to the speaker named after the quotation closes
(:func:`_quoted_speaker`); "he" or "she" that no earlier speaker explains goes to the person
named last before it (:func:`_pronoun_speaker`); a surname goes to the full name given earlier
(:func:`_full_name`). Look-backs are bounded so that a multi-megabyte text stays linear.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from watchfloor.news.claim import Claim
from watchfloor.news.extract.nlp import Entity
from watchfloor.news.extract.sentence_context import _Context
from watchfloor.news.extract.source_names import OUTLET_PARTS, clean_source
from watchfloor.news.extract.speakers import _ANONYMITY

__all__ = [
    "_FIRST_PERSON",
    "_full_name",
    "_named_next",
    "_own_voice",
    "_pronoun_speaker",
    "_quoted_speaker",
    "_relaying_briefing",
    "_speaking_for",
    "briefed_lawmakers",
    "named_next",
    "spokespeople",
]

#: Pronouns a chain must never name as a source.
_FIRST_PERSON = re.compile(r"I(?:['’](?:d|m|ve|ll))?", re.IGNORECASE)
_THIRD_PERSON = re.compile(r"(?:he|she)", re.IGNORECASE)
#: A person named with a title or role before the name ("Foreign Minister Sergei Lavrov") or
#: described right after it ("Taras Melnyk, a volunteer").
_TITLED_NAME = re.compile(
    r"(?:\b(?:President|Minister|Secretary|Spokes(?:man|woman|person)|Governor|General|Gen\.|"
    r"Colonel|Col\.|[Ll]awmaker|Rep\.|Sen\.|Senator|Director|Chief|Commander|Ambassador|"
    r"Professor|Prof\.|Dr\.|Mr\.|Ms\.|Mrs\.|[Aa]nalyst|[Oo]fficial|[Rr]esearcher|[Ee]xpert|"
    r"[Aa]dviser|[Ee]nvoy|[Cc]orrespondent)\s+"
    r"(?P<titled>[A-Z][\w'’-]+(?:[ ][A-Z][\w'’-]+){1,2})(?![\w'’-]*[ ][A-Z])"
    r"|(?:^|[.!?\n]\s*|\s)(?P<described>[A-Z][a-z'’]+(?:[ -][A-Z][a-z'’]+){1,2}),\s+(?:a|an|the)\s"
    r"|(?:^|[.!?\n]\s*|\s)(?P<surname>[A-Z][a-z'’]+),\s+(?:a|an|the)\s+(?:[\w'’-]+\s+){0,4}?"
    r"(?:head|chief|minister|spokes(?:man|woman|person)|director|analyst|official|commander|"
    r"governor|lawmaker|expert|researcher|adviser|professor|envoy|ambassador|president|"
    r"secretary|general|colonel|officer|leader)\b)"
)


#: The speaker tag after a closing quotation mark: '," Budanov told reporters.'
_TAG_AFTER_QUOTE = re.compile(
    r"\s*,?\s*(?:(?P<verb>said|says|added|told\s+\w+|wrote)\s+(?P<after>[A-Z][\w.'’ -]{1,60}?)"
    r"|(?P<before>(?:the\s+)?[\w.'’ -]{1,60}?)\s+(?:said|says|added|wrote|explained|"
    r"told(?:\s+(?:the\s+)?[\w.'’-]+){1,3}))"
    r"\s*(?:[.,;]|$)"
)
#: A source word standing for "the speaker of this quotation" inside it.
_IN_QUOTE = frozenset({"unattributed", "we", "i"})


def _quoted_speaker(claim: Claim, text: str, context: _Context) -> Claim:
    """A figure inside a quotation of several sentences whose speaker is named only after the
    quotation closes ('"We count 3,000 dead. The real number is higher," Budanov said.')."""
    chain = claim.attribution
    if not chain or chain[0].lower() not in _IN_QUOTE:
        return claim
    start, end = claim.extra.get("count_span", claim.span)
    window = max(0, start - 5000)
    paragraph_start = max(window, text.rfind("\n", window, start) + 1)
    head = text[paragraph_start:start]
    straight = head.count('"') % 2 == 1
    curly = head.rfind("“") > head.rfind("”")
    if not (straight or curly):
        return claim
    close = text.find("”" if curly else '"', end)
    if close < 0 or "\n" in text[end:close] or close - end > 600:
        return claim
    tag = _TAG_AFTER_QUOTE.match(text, close + 1)
    if tag is None:
        # '"We have seen none," Moroz told the paper. "By our count, 4,000 died."': the tag
        # of the quotation before, in the same paragraph
        opening = paragraph_start + max(head.rfind('"'), head.rfind("“"))
        previous = max(
            text.rfind('"', paragraph_start, opening), text.rfind("”", paragraph_start, opening)
        )
        if previous < 0:
            return claim
        tag = _TAG_AFTER_QUOTE.match(text[:opening], previous + 1)
    if tag is None:
        return claim
    np = tag.group("after") or tag.group("before")
    if np.strip().lower() in ("he", "she"):
        return replace(claim, attribution=(np.strip(), *chain[1:]))  # resolved after
    name = context.normalize(clean_source(np))
    return replace(claim, attribution=(name, *chain[1:])) if name else claim


def _pronoun_speaker(
    claim: Claim, text: str, entities: Sequence[Entity], context: _Context
) -> Claim:
    """A claim whose chain still names its source by a pronoun ("He told reporters ..." after a
    sentence that named Sergei Lavrov but no reporting verb), with the person named last before
    it: a person entity of the spaCy path, or a name the text gave with a title or role."""
    chain = claim.attribution
    if not chain or not _THIRD_PERSON.fullmatch(chain[0]):
        return claim
    before = claim.span[0]
    window = max(0, before - _NAME_LOOKBACK)
    found: list[tuple[int, str]] = [
        (e.start, e.text) for e in entities if e.label == "PERSON" and e.end <= before
    ]
    found.extend(
        (m.start(), m.group("titled") or m.group("described") or m.group("surname"))
        for m in _TITLED_NAME.finditer(text, window, before)
    )
    if not found:
        return claim
    name = max(found)[1]
    return replace(claim, attribution=(context.normalize(name), *chain[1:]))


#: Capitalized words that open a sentence or title a person rather than name one.
_NOT_GIVEN_NAMES = frozenset(
    {
        "The",
        "A",
        "An",
        "But",
        "And",
        *("By", "In", "At", "From", "For", "With", "According", "Of", "On", "To", "As", "If"),
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "Sen",
        "Rep",
        "Gen",
        "Col",
        "Lt",
        "President",
        "Minister",
        "Colonel",
        "General",
        "Captain",
        "Sergeant",
        "Major",
        "Professor",
        "Commander",
        "Governor",
        "Ambassador",
        "Secretary",
        "Deputy",
        "Chief",
        "Lieutenant",
        "Spokesman",
        "Spokeswoman",
        "Spokesperson",
    }
)


_NAME_LOOKBACK = 20_000


def _full_name(claim: Claim, text: str) -> Claim:
    """A claim whose chain names a person by surname alone ("Melnyk said"), with the full name
    the text gave earlier ("Taras Melnyk, a volunteer, ...")."""
    chain = list(claim.attribution)
    changed = False
    # an article names a person in full within its own length; a bounded look-back keeps a
    # multi-megabyte dump linear
    window = max(0, claim.span[1] - _NAME_LOOKBACK)
    for i, name in enumerate(chain):
        if not re.fullmatch(r"[A-Z][\w'’-]+", name) or name.isupper():
            continue  # one capitalized word; acronyms (NIS, HUR) are names already
        pattern = rf"\b(?P<given>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)\s+{re.escape(name)}\b"
        for found in re.compile(pattern).finditer(text, window, claim.span[1]):
            given = found.group("given").split()
            given = [w for w in given if w.rstrip(".") not in _NOT_GIVEN_NAMES]
            if given:
                chain[i] = f"{' '.join(given)} {name}"
                changed = True
                break
        else:
            if len(name) > 6:
                continue  # Korean and Chinese family names are short: not "Kremlin Spokesman"
            # family name first ("Zhang Wenhai ... Zhang said"; Korean and Chinese names)
            first = re.compile(
                rf"\b{re.escape(name)}\s+(?P<given>[A-Z][a-z]+(?:-[A-Za-z][a-z]+| [A-Z][a-z]+)?)\b"
            )
            found_first = first.search(text, window, claim.span[1])
            if found_first and found_first.group("given").split()[0] not in _NOT_GIVEN_NAMES:
                chain[i] = f"{name} {found_first.group('given')}"
                changed = True
    return replace(claim, attribution=tuple(chain)) if changed else claim


#: A military rank between a role and a name ("press secretary Maj. Gen. Pat Ryder").
_RANKS = (
    r"(?:(?:Air\s+Force|Army|Navy|Marine\s+Corps|Maj\.|Major|Lt\.|Lieut\.|Lieutenant|Col\.|"
    r"Colonel|Gen\.|General|Brig\.|Brigadier|Adm\.|Admiral|Rear|Vice|Capt\.|Captain|Cmdr\.|"
    r"Commander|Sgt\.|Sergeant)\s+){0,3}"
)
#: A spokesperson's role: "spokesman", "chief spokesperson", "press secretary".
_ROLE = (
    r"(?:chief\s+|deputy\s+|press\s+)?(?:spokes(?:man|woman|person)|press\s+secretary|"
    r"representative)"
)
_PERSON_NAME = r"(?P<person>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,2})"
#: "HUR spokesperson Taras Hrytsenko", "Andriy Yusov, a spokesman for HUR": a person who speaks
#: for a body, named with it.
_SPOKESPERSON_BEFORE = re.compile(
    r"(?P<org>(?:[A-Z][\w.'’&-]*\s+){0,4}?(?:[A-Z]{2,}|Ministry|Department|Office|Service|"
    r"Staff|Command|Agency|Directorate|Pentagon|Kremlin|Forces|Council))(?:\s*\([A-Z]{2,}\))?"
    rf"(?:['’]s)?\s+(?i:{_ROLE})\s*,?\s+{_RANKS}{_PERSON_NAME}"
)
#: "Their spokesman, Andriy Sobko,": the body the paragraph named before.
_SPOKESPERSON_OF_IT = re.compile(
    rf"\b(?:Its|its|Their|their)\s+{_ROLE}\s*,\s+{_RANKS}{_PERSON_NAME}"
)
#: A body's name: capitalized words ending in a body's head word.
_BODY_NAME = re.compile(
    r"(?:[A-Z][\w.'’-]*\s+){1,5}(?:[a-z][\w-]*\s+){0,3}(?i:forces|ministry|agency|service|staff|"
    r"command|directorate|brigade|regiment|battalion|corps|guard|department|office)\b"
    r"(?:\s*\([A-Z]{2,}\))?"
)
_SPOKESPERSON_AFTER = re.compile(
    rf"{_PERSON_NAME},\s+(?:a|the|its)\s+{_ROLE}\s+(?:for|of|at)\s+(?:the\s+)?(?P<org>[^,.;]{{2,60}})"
)


#: "Andrii Yusov, HUR representative": the body before the role word, with no article.
_SPOKESPERSON_BARE = re.compile(
    r"(?P<person>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,2}),\s+"
    r"(?P<org>[A-Z][\w.'’&-]*(?:\s+[A-Z][\w.'’&-]*){0,4})\s+(?:spokes(?:man|woman|person)|"
    r"representative)\b"
)


def _named_before(text: str, position: int, head: str, context: _Context) -> str:
    """The body a report named last before ``position`` with the head word ("Ukraine's
    military intelligence agency (HUR)" for "the agency"), else the bare head word."""
    pattern = re.compile(
        rf"(?:[A-Z][\w.'’]*\s+)*(?:[\w'’]+\s+){{0,3}}{head}\b(?:\s*\([A-Z]{{2,}}\))?", re.IGNORECASE
    )
    named = head
    for match in pattern.finditer(text, max(0, position - _NAME_LOOKBACK), position):
        name = context.normalize(clean_source(match.group(0)))
        if name[:1].isupper():
            named = name
    return named


def spokespeople(text: str, context: _Context) -> dict[str, str]:
    """Each spokesperson the report names with the body they speak for, by full name and by
    surname ("Hrytsenko" → "Defence Intelligence of Ukraine")."""
    found: dict[str, str] = {}
    for pattern in (_SPOKESPERSON_BEFORE, _SPOKESPERSON_AFTER, _SPOKESPERSON_BARE):
        for match in pattern.finditer(text):
            body = context.normalize(clean_source(match.group("org")))
            person = match.group("person")
            if re.fullmatch(
                r"(?:the\s+)?(?:agency|service|ministry|directorate)", match.group("org")
            ):
                body = _named_before(text, match.start(), match.group("org").split()[-1], context)
            if not re.search(r"[A-Z]", body) or body == person:
                continue  # "the spokesperson of one of the brigades": no body named
            found.setdefault(person, body)
            found.setdefault(person.split()[-1], body)
    for match in _SPOKESPERSON_OF_IT.finditer(text):
        # this paragraph and the one before it
        paragraph = text.rfind("\n\n", 0, match.start())
        start = max(0, text.rfind("\n\n", 0, paragraph)) if paragraph > 0 else 0
        bodies = list(_BODY_NAME.finditer(text, start, match.start()))
        if bodies:
            body = context.normalize(clean_source(bodies[-1].group(0)))
            found.setdefault(match.group("person"), body)
            found.setdefault(match.group("person").split()[-1], body)
    return found


def _speaking_for(claim: Claim, bodies: dict[str, str]) -> Claim:
    """A claim whose origin is a spokesperson, given to the body they speak for (a project
    rule: spokespeople speak for their institution)."""
    chain = claim.attribution
    if not chain or chain[0] not in bodies:
        return claim
    return replace(claim, attribution=(bodies[chain[0]], *chain[1:]))


#: A government's own judgement in its own release: "The UK assesses that ...".
_COUNTRY_JUDGES = re.compile(
    r"\b(?:the\s+)?(?P<country>UK|U\.K\.|United\s+Kingdom|Britain|US|U\.S\.|United\s+States|"
    r"Government|HMG|EU|European\s+Union)\s+(?:(?:also|now|further)\s+)?(?:assesses|judges|expects|"
    r"estimates|believes|condemns)\b"
)


def _own_voice(claim: Claim, text: str, context: _Context) -> Claim:
    """In a government's own release, "The UK assesses" is the publisher's voice, as "we
    assess" is in an analyst note."""
    if not (context.institutional and context.outlet) or not claim.attribution:
        return claim
    origin = claim.attribution[0]
    if origin in OUTLET_PARTS.get(context.outlet.casefold(), ()):
        return replace(claim, attribution=(context.outlet, *claim.attribution[1:]))
    if len(origin.split()) > 2:
        return claim
    # the judgement may be a sentence before ("The UK assesses ... Of these, an estimated ...")
    for judged in _COUNTRY_JUDGES.finditer(
        text, max(0, claim.span[1] - _NAME_LOOKBACK), claim.span[1]
    ):
        if judged.group("country") in origin.split():
            return replace(claim, attribution=(context.outlet, *claim.attribution[1:]))
    return claim


#: A closed-door briefing of lawmakers, which they then relay to reporters.
_BRIEFING = re.compile(
    r"\b(?:briefing|briefed|closed-door|behind closed doors|[Ii]ntelligence [Cc]ommittee|"
    r"told\s+(?:the\s+)?(?:lawmakers|legislators|MPs|parliament|the\s+National\s+Assembly))"
)
#: An intelligence body that briefs lawmakers: "South Korea's spy agency", "the NIS".
_BRIEFER = re.compile(
    r"(?:\b[A-Z][\w.'’]*(?:\s+[A-Z][\w.'’]*)*['’]s\s+|\bthe\s+)?(?:spy\s+agency|"
    r"intelligence\s+(?:agency|service)|military\s+intelligence)\b"
    r"|\b(?:National\s+Intelligence\s+Service|NIS|HUR|GUR|Defen[cs]e\s+Intelligence"
    r"(?:\s+(?:of\s+Ukraine|Agency))?)\b"
)
_PERSON = r"[A-Z][\w'’-]+(?:[ -][A-Z][\w'’-]+){1,2}"
#: A lawmaker named with the title or description that makes them one.
_LAWMAKER = re.compile(
    rf"\b(?:Rep\.|Representative|[Ll]awmaker|MP|[Ll]egislator|Assembly(?:man|woman))\s+"
    rf"(?P<titled>{_PERSON})"
    rf"|\b(?P<described>{_PERSON}),\s+(?:a|an|the)\s+(?:[\w'’-]+\s+){{0,5}}?(?:lawmaker|"
    rf"legislator|MP|member\s+of\s+(?:the\s+)?(?:[\w'’-]+\s+){{0,4}}?(?:parliament|"
    rf"National\s+Assembly|[Cc]ommittee))\b"
    rf"|\b(?P<member>{_PERSON})\s+of\s+the\s+(?:[\w'’-]+\s+){{0,3}}?(?:[Ii]ntelligence\s+"
    rf"[Cc]ommittee|(?:[A-Z][\w'’-]+\s+){{1,3}}Party)"
)


_ANY_LAWMAKER = re.compile(
    r"\b(?:[Ll]awmakers?|[Ll]egislators?|MPs?|Rep\.|Representative|Party|[Cc]ommittee)\b"
)
_LAWMAKER_WORD = re.compile(r"\b(?:lawmakers?|legislators?|MPs?)$")


def briefed_lawmakers(text: str, context: _Context) -> tuple[list[tuple[int, str]], frozenset[str]]:
    """When a report tells of an intelligence body briefing lawmakers, the positions and names
    of the briefing bodies it mentions and the lawmakers it names (a project rule: a lawmaker
    coming out of a closed-door briefing relays the body that gave it); else nothing."""
    if not _BRIEFING.search(text) or not _ANY_LAWMAKER.search(text):
        return [], frozenset()
    names: dict[str, str] = {}
    bodies = []
    for m in _BRIEFER.finditer(text):
        if m.group(0) not in names:
            names[m.group(0)] = context.normalize(clean_source(m.group(0)))
        if names[m.group(0)][:1].isupper():
            bodies.append((m.start(), names[m.group(0)]))
    lawmakers = frozenset(
        match.group("titled") or match.group("described") or match.group("member")
        for match in _LAWMAKER.finditer(text)
    )
    return bodies, lawmakers if bodies else frozenset()


def _relaying_briefing(
    claim: Claim, bodies: list[tuple[int, str]], lawmakers: frozenset[str]
) -> Claim:
    """A claim whose origin is a briefed lawmaker, named or described ("according to the
    lawmaker"), traced to the body that briefed them: the one the report named last before
    the claim, or else first."""
    chain = claim.attribution
    if not chain or not bodies:
        return claim
    if chain[0] not in lawmakers and not _LAWMAKER_WORD.search(chain[0]):
        return claim
    before = [name for at, name in bodies if at < claim.span[0]]
    body = before[-1] if before else bodies[0][1]
    return replace(claim, attribution=(body, *(name for name in chain if name != body)))


#: A person described, not named, as the speaker: "a senior Russian official has said", "a
#: spokesperson for Ukraine's Special Operations Forces told Reuters".
_DESCRIBED_SPEAKER = re.compile(
    r"\b(?:a|an)\s+(?P<desc>(?:[\w.'’-]+\s+){0,3}?(?P<head>official|spokes(?:man|woman|person)|"
    r"representative))(?:\s+(?:for|of)\s+(?:the\s+)?(?P<org>[^,.;]{2,60}?))?"
    r"(?:,|\s+(?:has\s+|had\s+)?(?:said|says|told|added))"
)
#: A state speaking as a whole, or its unnamed official, at a sentence's end ("..., Moscow has
#: said.", "..., the Kremlin's security chief has said").
_STATE_SPEAKER = re.compile(
    r",\s+(?P<desc>Moscow|the\s+Kremlin|Pyongyang|Kyiv|Seoul|Washington|Tokyo|"
    r"the\s+Kremlin['’]s\s+(?:[\w-]+\s+){0,2}(?:chief|secretary|head))\s+(?:has\s+|had\s+)?"
    r"(?:said|says|announced|confirmed)(?=[.,!?])"
)
_NEXT_SENTENCE = re.compile(r"[.!?][\"”’]?\s+(?=[A-Z\"“])")
#: The next sentence opening on a person's name as its subject.
_OPENING_NAME = re.compile(
    r"(?P<name>[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){1,2})(?:,|\s+(?:said|says|told|added)\b)"
)


#: A person named as the speaker in a closing tag, after an optional rank.
_TAGGED_NAME = re.compile(
    r"[,\"”]\s+(?:(?:Major|Maj\.|Captain|Capt\.|Colonel|Col\.|Lt\.|Sgt\.)\s+)?"
    r"(?P<name>[A-Z][a-z'’-]+\s+[A-Z][a-z'’-]+)\s+(?:said|told|added)\b"
)


def named_next(text: str, context: _Context) -> tuple[dict[str, str], dict[str, str]]:
    """Speakers a report describes and names in the next sentence ("..., a senior Russian
    official has said. Sergei Shoigu, the secretary of ..., said"), unless the description
    keeps them anonymous: the names for the descriptions, and the bodies that the named
    spokespeople speak for."""
    renamed: dict[str, str] = {}
    speaks_for: dict[str, str] = {}
    for match in _DESCRIBED_SPEAKER.finditer(text):
        boundary = _NEXT_SENTENCE.search(text, match.end(), match.end() + 400)
        if boundary is None:
            continue
        start = text.rfind("\n", max(0, match.start() - 400), match.start()) + 1
        if _ANONYMITY.search(text, start, boundary.start()):
            continue
        opening = _OPENING_NAME.match(text, boundary.end())
        if opening is None:
            # '"...," said the spokesperson, Maksym Hrytsenko.': named in apposition
            after = _NEXT_SENTENCE.search(text, boundary.end(), boundary.end() + 600)
            opening = re.compile(
                rf"\bthe\s+{match.group('head')},\s+(?P<name>[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){{1,2}})"
            ).search(text, boundary.end(), after.start() if after else boundary.end() + 600)
        if opening is None and match.group("head").startswith("spokes"):
            # 'a spokesperson for X told the paper. "...," Major Andrii Hrytsenko said.'
            paragraph_end = text.find("\n", boundary.end(), boundary.end() + 600)
            opening = _TAGGED_NAME.search(
                text, boundary.end(), paragraph_end if paragraph_end > 0 else boundary.end() + 600
            )
        if opening is None:
            continue
        name = opening.group("name")
        if name.split()[0] in _NOT_GIVEN_NAMES or name in text[start : boundary.start()]:
            continue
        org = match.group("org")
        if match.group("head").startswith("spokes") and org:
            body = context.normalize(clean_source(org))
            speaks_for.setdefault(name, body)
            speaks_for.setdefault(name.split()[-1], body)
        elif not org:
            renamed.setdefault(context.normalize(clean_source(match.group("desc"))), name)
    for match in _STATE_SPEAKER.finditer(text):
        # "..., Moscow has said. Sergei Shoigu, the secretary of ..., announced": the person
        boundary = _NEXT_SENTENCE.search(text, match.end(), match.end() + 200)
        opening = _OPENING_NAME.match(text, boundary.end()) if boundary else None
        if opening is None or opening.group("name").split()[0] in _NOT_GIVEN_NAMES:
            continue
        person = context.normalize(opening["name"])
        renamed.setdefault(context.normalize(clean_source(match.group("desc"))), person)
    return renamed, speaks_for


def _named_next(claim: Claim, renamed: dict[str, str]) -> Claim:
    """A claim whose origin is a description the next sentence names, with that name."""
    chain = claim.attribution
    if not chain or chain[0] not in renamed:
        return claim
    return replace(claim, attribution=(renamed[chain[0]], *chain[1:]))
