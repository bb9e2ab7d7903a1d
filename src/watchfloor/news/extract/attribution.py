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
from collections.abc import Sequence
from dataclasses import dataclass

from watchfloor.news.extract.chains import (
    _DOC_HINT,
    _DOC_OWNER,
    _LEAKED,
    _cited_names,
    _doc_owner,
    _inner_chain,
)
from watchfloor.news.extract.source_names import (
    _BULLET,
    _NAMED_BY_CALL_SIGN,
    CALL_SIGN_NAME,
    CANONICAL,
    DEMONYMS,
    canonical_source,
    clean_source,
    country_before,
    demonym_for,
    normalize_source,
)
from watchfloor.news.extract.speakers import (
    _AGENT,
    _BRIEFED,
    _PARTICIPLES,
    _PRONOUNS,
    _PUBLISHED_BY_THAT,
    _QUOTED_OBJECT,
    _REDUCED_AGENT,
    _VERB,
    NAME_PHRASE,
    _clause_subject,
    _cut_agent,
    _entity_before,
    _quoted_passive,
    _situate,
    _speaker_before,
)

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

_ACCORDING = re.compile(
    # "according to American, South Korean and Ukrainian estimates": a listed origin
    r"\baccording\s+to\s+(?P<np>(?:(?:U\.S\.|American|South\s+Korean|Ukrainian|British|"
    rf"Japanese|Western|European|Russian),\s+)*{NAME_PHRASE})",
    re.I,
)
_CITING = re.compile(
    r"\b(?:citing|quoting|after\s+(?:a|an)\s+(?:\S+\s+){0,2}briefing\s+(?:by|from))\s+"
    rf"(?P<np>[\"“][^\"“”]{{1,60}}[\"”]|{NAME_PHRASE})"
    # "describing what the spy agency had told the committee": what it told is the figure
    r"|\b(?:describing|relaying|recounting|summari[sz]ing|repeating)\s+what\s+"
    r"(?P<what>(?:the\s+)?[\w.'’ -]{2,60}?)(?=\s+(?:had\s+|has\s+)?(?:told|said|shared|"
    r"briefed|reported|estimated)\b)",
    re.IGNORECASE,
)
_INVERTED = re.compile(
    r"(?:[\"”’],?|,)\s*(?P<verb>said|says|added|wrote|told\s+\w+)\s+"
    rf"(?P<np>(?:the\s+)?(?=[A-Z]){NAME_PHRASE}|(?:the|an?|its|their)\s+(?:[A-Z][\w.'’-]*\s+){{0,3}}[a-z][^,;.]*)"
)
#: "the department's estimate that": a body's document, the body a definite description.
_BODY_DOCUMENT = re.compile(
    r"\b(?P<owner>the\s+(?:department|ministry|agency|service|pentagon|military|command|"
    r"government|committee|mission))['’]s\s+(?:(?:own|latest|new|earlier|updated|official)\s+)?"
    r"(?:estimate|assessment|figure|count|tally|numbers|data)s?\s+(?:that|of)\b"
)
#: A speaker's call sign in the clause after it ("..., who gave only his call sign, Skif").
_CALL_SIGN = re.compile(r"(?:,?\s+(?:who|with|and|whose)\b[^.;\"“]*?|,\s+)" + CALL_SIGN_NAME)
_CITED_AS = re.compile(
    r"\s+(?:was|were|is|are|has\s+been|have\s+been|had\s+been)\s+cited\s+by\s+"
    r"(?P<by>[^,;“\"]+?)\s+as\s+(?:saying|stating|estimating|telling)\b"
)
_AUXILIARY = re.compile(
    r"\b(?:had|has|have|was|were|is|are|would|will|could|may|might|must|did|does|can)\b"
)
_TOLD_OBJECT = re.compile(r"^\s+(?P<obj>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)")
#: "told President Vladimir Putin": a person addressed, not an outlet that relays.
_PERSON_TITLE = re.compile(
    r"(?:President|Prime|Minister|Supreme|Commander|Secretary|Chancellor|King|Leader|General|"
    r"Gen\.|Mr\.?|Ms\.?|Mrs\.?|Dr\.?|Premier|Foreign|Defen[cs]e)\b"
)
_NOT_OUTLETS = frozenset({"parliament", "congress", "lawmakers", "reporters", "legislators"})


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


_DEFINITE = re.compile(
    r"(?:[Tt]he|one\s+of\s+the)\s+(?:[a-z]|(?:Ministry|Agency|Service|Council|Staff|Command|"
    r"Unit|Department|Office|Government|Directorate)\b)"
)
#: "Speaking alongside the minister, X said ...": an introductory phrase, not a quote before X.
_INTRO = re.compile(
    r"^\W*(?:Speaking|Asked|Addressing|Writing|Responding|Commenting|Testifying|Appearing|"
    r"Briefing|Meeting|Visiting|Standing)\b[^,\"“”]*,\s*$"
)
_TAG_BEFORE = re.compile(r"(?:^|[,\"”’]\s*)$")
#: "According to Lee, the agency said ...": a short lead phrase with no figure, after which
#: a speaker opens its own clause instead of closing a quoted one.
_LEAD_ONLY = re.compile(
    r"\W*(?:According\s+to|In|On|At|After|Separately|Meanwhile|However|Earlier|Later|Also|"
    r"Elsewhere|Since|Last|This|Asked|Speaking)\b(?![^,]*(?:\d|[\"“”]|\b(?:dozens?|hundreds?|"
    r"thousands?|several|one|two|three|four|five|six|seven|eight|nine|ten)\b))[^,;]{0,60},\s*"
)
_THAT_AFTER = re.compile(
    r"^\s*(?:,\s*)?(?:that|:)|^[^.;,]{0,30},\s+(?:acknowledging|adding|saying|noting|"
    r"confirming|claiming)\s+that\b",
    re.IGNORECASE,
)
_CLAIMS = re.compile(
    r"(?:^|\b(?P<adj>(?:(?:foreign|western|media|press|news|recent|earlier|unconfirmed|"
    r"unverified|some|other|false|absurd|groundless|baseless|fabricated|unfounded|sheer)\s+){1,2})|\b(?P<det>an?|the)\s+|\b(?=(?:claims?|reports?|"
    r"allegations?|accusations?|assertions?)\s+(?:(?:circulating|appearing|posted|published)\s+)?"
    r"(?:by|from|in|on)\s))(?P<noun>claims?|reports?|allegations?|accusations?|assertions?)"
    # "Claims circulating on Russian Telegram channels that": the channels; "the false claim
    # of the puppet intelligence service that"
    r"(?:\s+(?:(?:circulating|appearing|posted|published)\s+)?(?P<rel>by|from|in|on|of(?=\s+the\s))\s+"
    r"(?P<by>[^,;.]+?))?"
    # "claims that ...", "claims in Ukrainian media of up to 6,000 ...": what they say follows
    r"(?:,\s+which\s+\w+)?\s+(?:that\b|of\s+(?=(?:[\w-]+\s+){0,3}(?:\d|(?:thousands|hundreds|dozens|"
    r"tens)\b)))",
    re.IGNORECASE,
)
_ANNOUNCED_BY = re.compile(
    r"\b(?:announcement|statement|pledge|promise|remarks|declaration)\s+"
    r"(?:(?:in|on|last)\s+(?:early\s+|late\s+|mid-)?\w+\s+)?by\s+"
    r"(?P<by>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4})(?:,[^,;]{0,80},)?\s+that\b"
)
#: A figure a state-media text denies, and who spread it: "the lie spread by X that".
_STORY = r"(?:lies?|story|stories|rumou?rs?|fabrications?|falsehoods?|smears?|claims?)"
_SPREAD_BY = re.compile(
    rf"\b{_STORY}[\"”]?\s+(?:spread|peddled|floated|cooked\s+up|fabricated|circulated)\s+by\s+"
    r"(?P<by>[^,;.]+?)\s+that\b",
    re.IGNORECASE,
)
#: "... is spreading the absurd story that": the subject is everything before it.
_SPREADING = re.compile(
    r"\s+(?P<verb>(?:is|are|was|were|has\s+been|have\s+been)\s+"
    r"(?:\w+\s+)?(?:spreading|peddling|floating|circulating)|"
    # "The so-called Main Intelligence Directorate has spread fabrications that"
    r"(?:has|have|had)\s+(?:\w+\s+)?(?:spread|peddled|floated|circulated))\s+(?:the\s+|a\s+|an\s+)?"
    rf"(?:[\w-]+\s+){{0,2}}{_STORY}\s+that\b",
    re.IGNORECASE,
)
_LEAD_WORDS = re.compile(
    r"\s*(?:Of\s+late|Lately|Recently|Now|Meanwhile|However|Moreover|Furthermore|Besides|"
    r"[Ii]n\s+collusion)\b"
)
_SHOWN_ON = re.compile(
    r"\b(?:shown|broadcast|aired|carried)\s+(?:on|by)\s+(?P<np>(?:the\s+)?(?:state\s+)?"
    r"(?:television|TV|media|broadcaster|[A-Z][\w-]+(?:\s+[A-Z][\w-]+)*))\b"
)
_IMAGES_SHOWING = re.compile(
    r"\b(?P<np>(?:(?:North\s+Korean|Russian|Ukrainian)\s+)?state\s+(?:media|television|TV)|"
    r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2})\s+(?:images|photos|photographs|pictures|footage|"
    r"video)\s+(?:showing|show|showed|shows)\b"
)
_CITING_BEFORE = re.compile(r"\b[Cc]iting\s+(?:(?:the|a|an)\s+)?$")
_LEAD_CITING = re.compile(r"^\W*[Cc]iting\s+(?P<np>[^,;]+),\s*$")
_OBJECT_RELATIVE = re.compile(
    r"\d[^,;.]{0,80}\s(?:that|which)\s*$|\d[\d,]*\s+(?:[a-z][\w-]*\s+){1,3}$"
)
_TIME_AGENT = re.compile(
    r"(?:the\s+)?(?:(?:mid|early|late)[-\s]+)?(?:January|February|March|April|May|June|July|August|"
    r"September|October|November|December|spring|summer|autumn|fall|winter|\d{4}|the\s+end\b|"
    r"next\b|then\b|now\b|the\s+time\b|(?:the\s+)?(?:weekend|Monday|Tuesday|Wednesday|"
    r"Thursday|Friday|Saturday|Sunday))",
    re.IGNORECASE,
)
_NO_SOURCE = re.compile(
    r"(?:the\s+)?(?:available|publicly\s+available|open-source|public|other|latest|current|"
    r"preliminary|initial|updated|new|early|recent|unofficial|official)\s+"
    r"(?:information|data|estimates|figures|reports|sources)",
    re.IGNORECASE,
)
#: "its data", "their latest figures": a document of the body just named.
_PRONOUN_DOCUMENT = re.compile(
    r"(?:its|their|his|her)\s+(?:own\s+)?(?:latest\s+|new\s+|updated\s+)?(?:data|figures?|"
    r"estimates?|count|tally|assessments?|records|information|numbers?|statistics)"
)
_ADDED_COUNT = re.compile(
    r"\s+(?:(?:about|some|roughly|around|another|a\s+further|more\s+than|at\s+least|up\s+to|"
    r"nearly|over)\s+)*(?:\d|(?:several|a\s+few|few|tens|thousands|hundreds|dozens|another|"
    r"more|additional|fresh|new)\b)",
    re.IGNORECASE,
)
#: ", the agency counted roughly 600 deaths": the verb's object is the figure itself.
_PARTICIPLE_AT = re.compile(r"\s+at\s+(?!least\b|most\b)")
_AFTER_COMMA = re.compile(r",\s+(?:\w+ly\s+)?$")
_OBJECT_PRONOUNS = {"him": "he", "her": "she", "them": "they", "us": "we"}
#: The verb after a plural noun that looks like a reporting verb ("estimates have put").
_NOUN_SUBJECT = re.compile(
    r"\s+(?:of|have|had|put|show|suggest|vary|range|say|indicate)\b(?!\s+(?:that|to)\b)"
)
_SINGULAR_NOUN_SUBJECT = re.compile(
    r"\s+(?:is|was|has|of|puts|shows|suggests|comes|came|from|for)\b(?!\s+(?:that|to)\b)"
)
_NUMBER_OBJECT = re.compile(
    r"\s+(?:(?:roughly|about|around|some|nearly|almost|more\s+than|at\s+least|up\s+to|over|"
    r"only|just|approximately)\s+)?\d"
)
#: ", but said on Monday", "and added": a second verb of the main clause's subject.
_COORDINATED_VERB = re.compile(
    r",?\s+(?:but|and)\s+(?:also\s+|later\s+|then\s+)?"
    r"(?:(?:on|in|last|this)\s+[A-Z]?[\w]+\s+)?$"
)
#: "The headline number today comes from military intelligence, the HUR": the number's source.
_COMES_FROM = re.compile(
    r"\b(?:figures?|numbers?|estimates?|tally|count|data|information)\b"
    r"(?:[^.;,]|[,.](?=\d)){0,40}?\b(?:comes?|came)\s+from\s+(?P<np>[^;.“\"]+)"
)
#: "the figure South Korea's spy agency gave in the autumn: roughly 11,000": its giver.
_FIGURE_GIVEN = re.compile(
    r"\b(?:the|a)\s+(?:figure|number|estimate|tally|count|arrangement|deal|plan|package)\s+"
    # "the figure of about 4,700 casualties that the NIS gave lawmakers"
    r"(?:(?:of\s+(?:[^,;:.“\"]|,(?=\d)){1,40}?\s+)?that\s+)?"
    r"(?P<np>[A-Z][^,;:.“\"]*?)\s+(?:first\s+|later\s+)?(?:gave|put\s+out|cited|published|offered|"
    r"released|provided|announced|unveiled|outlined|disclosed)\b"
)
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


def find_mentions(
    sentence: str,
    entities: Sequence[tuple[int, int, str]] = (),
    home: str | None = None,
    owner: str | None = None,
) -> list[Mention]:
    """Every source mention in one sentence, in text order.

    A mention is *forward* when what it attributes follows it ("X said that ...", "According
    to X, ...", "claims by X that ..."), and a *tag* when it follows what it attributes
    ("..., X said", "..., according to X").

    Args:
        sentence: One sentence.
        entities: Named entities in the sentence as ``(start, end, text)`` (spaCy PERSON, ORG
            and NORP), used for a speaker the patterns do not find before a reporting verb.
        home: The demonym of the country the report speaks from (its dateline's, or a national
            outlet's), for "the country's spy agency".
        owner: The demonym of the country the previous sentence was about, which "the
            country's" means before ``home`` does.

    Returns:
        The mentions; a "citing" mention is folded into the speaker before it.
    """

    def situate(np: str, sentence: str, position: int) -> str:
        return _situate(np, sentence, position, home, owner)

    def situate_all(names: tuple[str, ...], sentence: str, position: int) -> list[str]:
        return [canonical_source(situate(name, sentence, position)) for name in names]

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
        lowered = _BULLET.sub("", raw).strip().lower()
        # "according to its data": the body named before, like "it"
        pronoun = lowered in _PRONOUNS or bool(_PRONOUN_DOCUMENT.fullmatch(lowered))
        definite = not pronoun and bool(_DEFINITE.match(_BULLET.sub("", raw).strip()))
        taken.append((start, end))
        mentions.append(
            Mention(start, end, names, pronoun, definite, kind, forward, backward, speaker)
        )

    for match in _COMES_FROM.finditer(sentence):
        parts = [part.strip() for part in match.group("np").split(",") if part.strip()]
        np = next((part for part in reversed(parts) if re.search(r"\b[A-Z]", part)), parts[0])
        np = situate(np, sentence, match.start("np"))
        # "the estimate of 12,000 came from X" as well as "the number comes from X: 11,000"
        add(match.start("np"), match.end("np"), (clean_source(np),), np, "doc", True, True)
    for match in _FIGURE_GIVEN.finditer(sentence):
        np = situate(match.group("np"), sentence, match.start("np"))
        add(match.start(), match.end(), (clean_source(np),), np, "doc", True, False)
    for match in _ESTIMATE_FROM.finditer(sentence):
        if _TIME_AGENT.fullmatch(match.group("np").strip()):
            continue  # "The NIS's last tally, from late April, put": a date, not an author
        np = situate(match.group("np"), sentence, match.start("np"))
        add(match.start(), match.end(), (clean_source(np),), np, "doc", True, False)
    for match in _LEARNED_FROM.finditer(sentence):
        np = situate(match.group("np"), sentence, match.start("np"))
        add(match.start("np"), match.end(), (clean_source(np),), np, "speaker", True, False)
    for match in _ACCORDING.finditer(sentence):
        np = match.group("np").strip()
        np = _OBJECT_PRONOUNS.get(np.lower(), np)  # "according to him": he, resolved later
        if _NO_SOURCE.fullmatch(np):
            continue  # "according to available information": no one is named
        # "... and, according to X, another 3,000": X opens its own conjunct
        leading = not sentence[: match.start()].strip(" \"“'‘") or bool(
            re.search(r"\b(?:and|but|while|whereas|that)\s*,?\s*$", sentence[: match.start()])
        )
        inner = tuple(situate_all(_inner_chain(np), sentence, match.start()))
        add(match.start(), match.end(), inner, np, "according", leading, not leading)
    inverted: set[int] = set()
    for match in _INVERTED.finditer(sentence):
        np = match.group("np").strip()
        long_np = len(np.split()) > 8 and not _NAMED_BY_CALL_SIGN.search(np)
        if np.lower() in _PRONOUNS or long_np or re.search(r"\d", np):
            continue
        if _VERB.search(np) or _AUXILIARY.search(np):
            continue  # ", said the military believed ...", "said the unit had lost": clauses
        np = situate(np, sentence, match.start("np"))
        # "said the commander, who asked to be identified only by his call sign, Bober"
        call_sign = _CALL_SIGN.match(sentence, match.end("np"))
        name = call_sign.group("name") if call_sign else clean_source(np)
        add(match.start("np"), match.end("np"), (name,), np, "tag", False, True)
        inverted.add(match.start("verb"))
    for match in _CITED_AS.finditer(sentence):
        # "The NIS was cited by lawmakers as saying": the NIS, relayed by the lawmakers
        found = _speaker_before(sentence, match.start())
        if found:
            pair = (clean_source(found.np), clean_source(match.group("by")))
            add(found.start, match.end(), pair, found.np, "speaker", True, False, pair[0])
    for match in _AGENT.finditer(sentence):
        np = _cut_agent(match.group("np"))
        if _TIME_AGENT.match(np):
            continue  # "were expected by mid-February": a deadline, not an agent
        np = situate(np, sentence, match.start("np"))
        agent = (clean_source(np),)
        add(match.start("np"), match.start("np") + len(np), agent, np, "agent", False, True)
    for match in _PUBLISHED_BY_THAT.finditer(sentence):
        np = situate(match.group("np"), sentence, match.start("np"))
        agent = (clean_source(np),)
        add(match.start("np"), match.end("np"), agent, np, "agent", True, False)
    for match in _REDUCED_AGENT.finditer(sentence):
        np = situate(_cut_agent(match.group("np")), sentence, match.start("np"))
        agent = (clean_source(np),)
        add(match.start("np"), match.start("np") + len(np), agent, np, "agent", True, True)
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
    # "considers claims in Western media that ...": "claims" there is a noun, not a verb
    noun_claims = {
        m.start("noun")
        for m in _CLAIMS.finditer(sentence)
        if m.group("rel") or m.group("det") or m.group("adj")
    }
    for match in _BODY_DOCUMENT.finditer(sentence):
        # "Ryder repeated the department's estimate that": the body named before owns it
        owner = match.group("owner")
        add(match.start(), match.end(), (owner,), owner, "doc", True, False)
    for match in _VERB.finditer(sentence):
        verb = match.group(0)
        if match.start() in inverted or match.start() in noun_claims:
            continue  # "..., said Rep. Park": the speaker follows the verb
        if _NOUN_SUBJECT.match(sentence, match.end()) and verb.endswith("s"):
            continue  # "Western estimates have put": a plural noun, the subject of the verb after
        if verb.lower() == "estimate" and _SINGULAR_NOUN_SUBJECT.match(sentence, match.end()):
            continue  # "The new estimate is far above": a noun
        if verb.lower() in ("added", "adds", "add") and _ADDED_COUNT.match(sentence, match.end()):
            continue  # "Pyongyang ... added several thousand more": a count added, not speech
        if _PARTICIPLE_AT.match(sentence, match.end()) and _AFTER_COMMA.search(
            sentence, 0, match.start()
        ):
            continue  # "The contingent, initially assessed at 11,000,": a participle, no speaker
        found = None
        participle = False
        joined = _COORDINATED_VERB.search(sentence, 0, match.start())
        if joined and joined.start() > 0:
            # "X has given no toll, but said on Monday that", "X visited the front and said":
            # the subject of the clause the verb is coordinated with
            found = _clause_subject(sentence[: joined.start()])
            participle = found is not None
        if found is None:
            found = _speaker_before(sentence, match.start())
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
        np = situate(np, sentence, start)
        if re.match(r"(?:our|we)\b", _BULLET.sub("", np), re.IGNORECASE):
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
            relay = clean_source(situate(found.relay, sentence, start))
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
                and not _PERSON_TITLE.match(obj.group("obj"))
            ):
                names.append(re.sub(r"(?<=[a-z]{2})\.$", "", obj.group("obj")))  # "told Kyodo."
        if verb == "quoted":
            quoted = _QUOTED_OBJECT.match(sentence, match.end())
            if quoted and not re.match(r"by\s", quoted.group("np").strip()):
                names.insert(0, clean_source(situate(quoted.group("np"), sentence, start)))
                end = quoted.end()
        cited_np = found.cited
        lead = _LEAD_CITING.match(sentence[:start])
        if lead and not cited_np:
            cited_np = lead.group("np")
        if cited_np:
            names[:0] = _cited_names(situate(cited_np, sentence, start))
        citing = _CITING.search(sentence, match.end())
        if citing and citing.start() - match.end() < 60:
            situated = situate(citing.group("np") or citing.group("what"), sentence, citing.start())
            names[:0] = [name for name in _cited_names(situated) if name]
            end = citing.end()
            briefer = _BRIEFED.match(sentence[end:].lstrip(" ,"))
            if briefer and sentence[end : end + 1] == ",":
                behind = clean_source(situate(briefer.group("np"), sentence, end))
                if behind:
                    names.insert(0, behind)
                end += len(sentence[end:]) - len(sentence[end:].lstrip(" ,")) + briefer.end()
        tag = (
            bool(_TAG_BEFORE.search(sentence[:start].rstrip()))
            and start > 0
            and not _LEAD_ONLY.fullmatch(sentence[:start])
            # '"The agency sees signs that ...': an opening quotation mark closes nothing
            and not re.fullmatch(r"\s*[\"“‘']\s*", sentence[:start])
        )
        forward = (
            not tag
            or bool(_THAT_AFTER.match(sentence[match.end() :]))
            or bool(_NUMBER_OBJECT.match(sentence[match.end() :]))
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
    for match in _CITING.finditer(sentence):
        # ", citing a friend at corps headquarters" far from its verb: the origin of the
        # figure before it (a mention already holding this phrase wins, see add())
        if match.group(0).lower().startswith(("citing", "quoting")):
            cited_np = situate(match.group("np"), sentence, match.start("np"))
            origin_names = tuple(name for name in _cited_names(cited_np) if name)
            add(match.start(), match.end(), origin_names, cited_np, "cited", False, True)
    for match in _CLAIMS.finditer(sentence):
        explicit = match.group("rel") and match.group("rel").lower() in ("by", "in", "on", "of")
        if (
            match.group("adj") is None
            and match.start() > 0
            and not match.group("det")
            and not explicit
        ):
            continue
        if not match.group("rel") and (match.group("det") or not match.group("adj")):
            continue  # "the claim that ...", "Reports that ...": no origin given here
        if explicit:
            name = clean_source(match.group("by"))
        elif match.group("rel"):
            name = f"{match.group('noun').lower()} from {clean_source(match.group('by'))}"
        else:
            name = " ".join(f"{match.group('adj')}{match.group('noun')}".lower().split())
            name = re.sub(r"^(?:some|other|recent|earlier)\s+", "", name)
            # "Western media reports": the Western media, as "reports in Western media"
            name = re.sub(r"^((?:western|foreign)\s+(?:media|press))\s+\w+$", r"\1", name)
        add(match.start(), match.end(), (name,), match.group(0), "claims", True, False)
    for match in _ANNOUNCED_BY.finditer(sentence):
        # "an announcement in June by Sergei Shoigu, the head of ..., that Pyongyang would"
        np = situate(match.group("by"), sentence, match.start("by"))
        add(match.start(), match.end(), (clean_source(np),), np, "according", True, False)
    for match in _SPREAD_BY.finditer(sentence):
        # "the sheer lie spread by the puppet National Intelligence Service that ...": the
        # origin of the figure the speaker denies
        name = clean_source(match.group("by"))
        add(match.start(), match.end(), (name,), name, "claims", True, False)
    spreading = next((m for m in _SPREADING.finditer(sentence) if 3 <= m.start() <= 200), None)
    if spreading and ";" not in sentence[: spreading.start()]:
        # "Of late, the puppet intelligence service, in collusion with ..., is spreading the
        # absurd story that ...": the subject, without lead phrases and appositives
        parts = [p for p in re.split(r"\s*,\s*", sentence[: spreading.start()]) if p.strip()]
        subject = next((p for p in parts if not _LEAD_WORDS.match(p)), "")
        if subject:
            name = clean_source(subject)
            add(spreading.start("verb"), spreading.end(), (name,), name, "claims", True, False)
    for match in _SHOWN_ON.finditer(sentence):
        np = situate(match.group("np"), sentence, match.start())
        add(match.start("np"), match.end("np"), (clean_source(np),), np, "tag", False, False)
    for match in _IMAGES_SHOWING.finditer(sentence):
        # "with state media images showing him before portraits of 101 soldiers killed"
        np = situate(match.group("np"), sentence, match.start("np"))
        add(match.start("np"), match.end(), (clean_source(np),), np, "speaker", True, False)
    mentions.sort(key=lambda mention: mention.start)
    return mentions
