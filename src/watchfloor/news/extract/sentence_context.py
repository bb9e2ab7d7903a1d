"""What earlier sentences of a report tell later ones, and how a claim's chain is built.

:class:`_Context` carries the speakers, the last chain, pending descriptions and interview
speaker labels from sentence to sentence; :func:`_chain` orders the mentions that govern a
number into a chain, origin first; the ``_refine``/``_relay``/``_rename`` family corrects the
claims of a previous sentence when a later one names their source ("The figure was given by
HUR", "The official, Oleg Marchenko, said").
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from watchfloor.news.claim import Claim, Measure
from watchfloor.news.extract.attribution import (
    Mention,
    canonical_source,
    demonym_for,
    normalize_source,
)
from watchfloor.news.extract.geography import _COUNTRY_RE, COUNTRIES
from watchfloor.news.extract.nlp import Entity
from watchfloor.news.extract.quantities import (
    Quantity,
)
from watchfloor.news.extract.source_names import qualify_body

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
    {
        "footage",
        "statement",
        "broadcast",
        "report",
        "document",
        "video",
        "images",
        "release",
    }
)
#: Titles that a report uses alone for a person it named before ("the general added").
_PERSON_TITLES = frozenset({"general", "colonel", "admiral", "commander", "minister", "envoy"})
_PERSON = re.compile(r"[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){1,2}")
_ORG_WORD = re.compile(
    r"\b(?:Ministry|Service|Forces|Staff|Agency|Council|Office|Department|Committee|Media|News|"
    r"Times|Post|Institute|Centre|Center|Group|Command|Army|Intelligence|Government)\b"
)
#: "The assessment, which CNN has seen, says": the origin of the last sentence's chain, whose
#: assessment it is (not whoever it was shared with).
_ASSESSMENT_HEADS = frozenset(
    {"assessment", "estimate", "analysis", "memo", "dossier", "findings", "study", "paper"}
)


#: People who speak for a body named just before them ("agency officials").
_PEOPLE_OF_BODY = frozenset(
    {"official", "officials", "spokesman", "spokeswoman", "spokesperson", "sources", "source"}
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
    #: The demonym of a national outlet's country, for bodies the text leaves unqualified.
    home: str | None = None
    #: The demonym of the country the previous sentence opened with as its subject.
    topic_country: str | None = None
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
    #: Whether the current sentence lies inside a quotation its paragraph opened earlier.
    in_quote: bool = False
    #: The last statement day ("Zelenskyy said Monday") as (start, end) with its speakers, for
    #: "the same day" and for later sentences of the same speaker that give no time.
    statement_day: tuple[tuple[str, str], frozenset[str], int] | None = None
    #: The last dated point of the previous sentence, for a sentence opening "At the time,".
    last_point: tuple[str, str] | None = None

    def normalize(self, name: str) -> str:
        return normalize_source(canonical_source(qualify_body(name, self.home)), self.aliases)

    def resolve(
        self,
        mention: Mention,
        raw_names: tuple[str, ...],
        earlier: Sequence[tuple[Mention, tuple[str, ...]]] = (),
        quoted: bool = False,
    ) -> tuple[str, ...]:
        names = [self.normalize(name) for name in raw_names]
        if mention.pronoun:
            substitute = self._pronoun(raw_names[-1].lower(), earlier, quoted)
            if substitute and len(raw_names) > 1:
                # "he said, citing the agency": the cited source stays before the speaker
                cited = [
                    self._antecedent(raw) if name == raw and raw[:1].islower() else name
                    for raw, name in zip(raw_names[:-1], names[:-1], strict=True)
                ]
                return (*cited, substitute[0])
            if substitute:
                return substitute
        at = raw_names.index(mention.speaker) if mention.speaker in raw_names else 0
        for i, raw in enumerate(raw_names):
            # the speaker when the text called it "the ..."; a cited body named only by a
            # lower-case description ("briefed by the intelligence service")
            described = (
                i != at
                and raw[:1].islower()
                and (" " in raw or any(raw in c for c in _HEAD_CLASSES))
                and not raw.startswith("unnamed")
            )
            qualified = qualify_body(raw, self.home) != raw
            if (
                (names[i] == raw or qualified)
                and raw
                and ((i == at and mention.definite) or described)
            ):
                # "the intelligence agency" after HUR was named: HUR, not the home country's
                found = self._antecedent(raw)
                names[i] = found if found != raw or not qualified else names[i]
        for i, raw in enumerate(raw_names):
            qualified = qualify_body(raw, self.home) != raw
            if (names[i] == raw or qualified) and _SHORT_BODY.search(raw) and raw[:1].isupper():
                # "the Joint Chiefs of Staff" after "South Korea's Joint Chiefs of Staff": the
                # body named in full before
                tail = re.compile(rf"(?<![\w-]){re.escape(raw.casefold())}$")
                fuller = next(
                    (
                        c
                        for r, c in reversed(self.recent)
                        if len(r) > len(raw) and tail.search(r.casefold()) and " and " not in r
                    ),
                    None,
                )
                names[i] = fuller or names[i]
            if _ANOTHER_SOURCE.fullmatch(raw.strip()):
                # "Another source said", "a third source": described as the source before
                source_before = next(
                    (
                        c
                        for r, c in reversed(self.recent)
                        if "source" in c.lower()
                        and len(c.split()) > 1
                        and not _ANOTHER_SOURCE.fullmatch(c)
                    ),
                    None,
                )
                names[i] = source_before or names[i]
        for raw, canonical in zip(raw_names, names, strict=True):
            if not raw.lower().startswith(("he", "she", "it", "they", "we")) or " " in raw:
                self.recent.append((raw, canonical))
        return tuple(names)

    def _pronoun(
        self, word: str, earlier: Sequence[tuple[Mention, tuple[str, ...]]], quoted: bool
    ) -> tuple[str, ...]:
        """Who a pronoun speaker ("he", "we") stands for, or nothing when no one is known."""
        if word == "we" and not quoted and self.label:
            return (self.label,)  # "Our brigade counted", answering in an interview
        if word == "we" and not quoted and self.outlet:
            return (self.outlet,)  # an analyst note's "we estimate": the publisher's voice
        speakers = [(m, names) for m, names in earlier if m.kind == "speaker" and not m.pronoun]
        if not speakers and word in ("it", "they"):
            # "the figure Seoul's spy agency gave lawmakers, when it said": a body named in
            # the sentence in any role
            speakers = [(m, names) for m, names in earlier if not m.pronoun and names]
        if speakers and word != "we":
            # "The spy agency also said it confirmed": the speaker as resolved ("the spy
            # agency" named in full before)
            mention, names = speakers[-1]
            if mention.definite and names:
                return (names[-1],)
            return (self.normalize(mention.speaker or mention.names[-1]),)
        return self.previous_chain

    def _antecedent(self, raw: str) -> str:
        """The source an earlier sentence named that a description ("the agency") refers to,
        else the description itself."""
        words = raw.lower().split()
        head = words[-1]
        if head in _PEOPLE_OF_BODY and len(words) > 1:
            head = words[-2]  # "agency officials": people speaking for the agency
        if head in _PERSON_TITLES and len(words) <= 2:
            for earlier, canonical in reversed(self.recent):
                if _PERSON.fullmatch(earlier) and not _ORG_WORD.search(earlier):
                    return canonical  # "the general added": the person named before
        if head in _DOCUMENT_HEADS and self.recent:
            for earlier, canonical in reversed(self.recent):
                if head in earlier.lower().split():
                    return canonical  # "a Ukrainian intelligence report seen by the FT"
            for earlier, canonical in reversed(self.recent):
                if head == "document" and set(earlier.lower().split()) & _ASSESSMENT_HEADS:
                    return canonical  # "the same document": the assessment named before
            return self.recent[-1][1]
        if head in _ASSESSMENT_HEADS:
            for earlier, canonical in reversed(self.recent):
                if head in earlier.lower().split():
                    return canonical  # named before as "a classified U.S. assessment"
            if self.previous_chain:
                return self.previous_chain[0]
        cls = next((c for c in _HEAD_CLASSES if head in c), frozenset({head}))
        # "the spy agency" is never the Korean Central News Agency
        bodies = [
            (earlier, canonical)
            for earlier, canonical in reversed(self.recent)
            if "news" not in canonical.lower() or "news" in words
        ]
        for earlier, canonical in bodies:
            # "the ministry": the last body named with that very head word
            last_words = (*earlier.split()[-1:], *canonical.split()[-1:])
            heads = {w.lower().strip("()") for w in last_words}
            proper = canonical.isupper() or any(w[:1].isupper() for w in canonical.split()[1:])
            if head in heads and head not in _PEOPLE_OF_BODY and proper:
                return canonical
        # a body of the same kind ("the agency": the last name headed by agency or service)
        # before any name that merely holds such a word ("... Intelligence Committee")
        for earlier, canonical in bodies:
            if not earlier.split() or not canonical.split():
                continue
            heads = {earlier.split()[-1].lower().strip("()"), canonical.split()[-1].lower()}
            if heads & cls or canonical.lower() in cls:
                return canonical
        for earlier, canonical in bodies:
            named = {w.lower().strip("()") for w in earlier.split()} | {canonical.lower()}
            named |= {w.lower() for w in canonical.split()}
            if named & cls:
                return canonical
        if self.outlet and self.institutional and cls & set(self.outlet.lower().split()):
            return self.outlet  # a ministry's own release speaking of "the Department"
        return raw


#: A body's name a report may shorten after naming it in full ("the Joint Chiefs of Staff").
_SHORT_BODY = re.compile(
    r"\s(?:Staff|Ministry|Council|Committee|Command|Office|Directorate|Headquarters|Service|"
    r"Agency)$"
)
_ANOTHER_SOURCE = re.compile(
    r"(?:(?:another|other|second|third|fourth|fifth|a\s+(?:second|third|fourth|fifth))\s+)"
    r"(?:source|informant|resident)",
    re.IGNORECASE,
)


def _distance(mention: Mention, quantity: Quantity) -> int:
    if mention.end <= quantity.start:
        return quantity.start - mention.end
    if mention.start >= quantity.end:
        return mention.start - quantity.end
    return 0


#: The words between a speaker and the clause it reports: "told reporters that".
_REPORTS_THAT = re.compile(
    r"(?:[^,;.\"“”]{0,120},)?(?:\s+(?:said|says|told|tells|added|adding|stated|explained)"
    r"(?:\s+(?!that\b)[\w'’]+){0,2}(?:\s+that)?|(?:\s+(?!that\b)[\w'’]+){0,2}\s+that)?"
    r"\s+(?:the\s+)?$"
)


def _governing(
    resolved: list[tuple[Mention, tuple[str, ...]]], quantity: Quantity, sentence: str = ""
) -> list[tuple[Mention, tuple[str, ...]]]:
    """The mentions that attribute the number: the nearest forward one before it ("X said
    that"), the speaker whose reported clause holds that one ("X told reporters that Y
    believes"), the tags after it (", X said", ", according to Y") and those around it."""
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
        elif nearest[0].kind in ("speaker", "doc") and rest and sentence:
            outer = max(rest, key=lambda item: item[0].end)
            gap = sentence[outer[0].end : nearest[0].start]
            if outer[0].kind == "speaker" and _REPORTS_THAT.fullmatch(gap):
                chosen.append(outer)  # it relays the speaker of its reported clause
        chosen.extend(item for item in rest if item[0].kind == "according")
    chosen.extend(item for item in resolved if item[0].start >= quantity.end and item[0].backward)
    return chosen


def _chain(
    resolved: list[tuple[Mention, tuple[str, ...]]],
    quantity: Quantity,
    outlet: str | None = None,
    sentence: str = "",
) -> tuple[str, ...]:
    pool = _governing(resolved, quantity, sentence) if outlet is not None else []
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
    if outlet is not None and ordered and ordered[0][0].start >= quantity.end:
        # "X believes N ..., lawmakers said": the closing tag relays the speaker whose clause
        # holds the figure, however near it stands
        inner = [
            item
            for item in ordered
            if item[0].end <= quantity.start and item[0].forward and item[0].kind == "speaker"
        ]
        if inner and not ordered[0][0].forward and ordered[0][0].kind == "speaker":
            ordered.remove(inner[0])
            ordered.insert(0, inner[0])
    first = ordered[0][0] if ordered else None
    if len(ordered) > 1 and first and first.pronoun and first.names[-1].lower() in ("we", "i"):
        # '"We believe ...," the official said': the quotation's first person is its speaker
        tags = [item for item in ordered[1:] if item[0].start >= quantity.end]
        if tags:
            ordered.remove(ordered[0])
    # ", citing X" closing the sentence: where the speaker got the figure, so its origin
    ordered.sort(key=lambda item: item[0].kind != "cited")
    chain: list[str] = []
    for _, names in ordered:
        for name in names:
            if name and (not chain or chain[-1] != name) and name not in chain:
                chain.append(name)
    if len(chain) > 1 and _own_government(chain[0], chain[1]):
        chain = chain[1:]
    if outlet and len(chain) > 1:
        # the publishing outlet is left out unless it is the origin ("told TASS" in TASS)
        folded = outlet.casefold()
        chain = [chain[0], *(name for name in chain[1:] if name.casefold() != folded)]
    return tuple(chain)


#: A state named as a whole: its name or capital, not a demonym or a body.
_STATES = {
    name: COUNTRIES[name]
    for name in (
        *("North Korea", "DPRK", "Pyongyang", "South Korea", "Seoul", "Russia", "Moscow"),
        *("Kremlin", "Ukraine", "Kyiv", "United States", "U.S.", "US", "Washington"),
        *("China", "Beijing", "Belarus", "Iran", "Japan", "Tokyo", "Britain", "London"),
    )
}


_GOVERNMENT_WORDS = frozenset(
    {"official", "officials", "source", "sources", "government", "ministry", "department"}
)


def _own_government(origin: str, relay: str) -> bool:
    """Whether the relay is an official of the state the origin names ("a U.S. official said
    Washington estimated"): the official speaks for their government, so is the origin."""
    code = _STATES.get(origin.removeprefix("the ").strip())
    if code is None or relay in _STATES:
        return False
    words = relay.lower().split()
    if "pentagon" in words:
        return _STATES.get("US") == code  # its press secretary on "the United States believes"
    if not any(w in _GOVERNMENT_WORDS for w in words):
        return False
    return any(COUNTRIES.get(m.group(0)) == code for m in _COUNTRY_RE.finditer(relay))


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
#: "Andriy Moroz: ..." or a broadcast transcript's "[HAN] ...".
_LABEL = re.compile(
    r"\W*(?P<label>[A-Z][\w.'’/-]*(?:\s+[A-Z][\w.'’/-]*){0,3})"
    # "HANNAH COLBOURNE (KYIV):": a correspondent filing from a place
    r"(?P<where>\s*\([A-Z][A-Z .'’-]{1,30}\))?(?::|\])\s+\S"
)
#: Labels of a broadcast's own staff: they speak for the broadcaster, whose voice is no origin.
_ROLE_LABELS = frozenset({"ANCHOR", "REPORTER", "HOST", "PRESENTER", "CORRESPONDENT", "Q", "A"})
#: The same label at the start of any paragraph of a text.
_PARAGRAPH_LABEL = re.compile(rf"(?m)^{_LABEL.pattern}")
_NOT_LABELS = frozenset(
    {
        *("Note", "Update", "Correction", "Editor's note", "Source", "Photo", "Watch"),
        *("Quote", "Details", "Background", "Context", "Summary", "Key points"),
    }
)


def _speaker_labels(text: str) -> dict[str, str]:
    """The speaker labels of an interview transcript, each mapped to the speaker's full name
    ("Moroz" → "Andriy Moroz", the first label ending in the same word). Empty unless at least
    two paragraphs open with labels and two different speakers take turns."""
    matches = [m for m in _PARAGRAPH_LABEL.finditer(text) if m.group("label") not in _NOT_LABELS]
    found = [m.group("label") for m in matches]
    # a label filing from a place is the broadcaster's correspondent, speaking for it
    staff = {m.group("label") for m in matches if m.group("where")}
    if len(found) < 3 or len(set(found)) < 2 or len(set(found)) == len(found):
        return {}  # no speaker takes a second turn: section headings ("THE COST:"), no speakers
    full: dict[str, str] = {}
    for label in found:
        last = label.split()[-1]
        # "HAN": a transcript's capitals are a surname, resolved later to the full name;
        # "GEN. RYDER": a rank or courtesy title before it is no part of the name
        name = re.sub(r"^(?:GEN|MAJ|COL|LT|ADM|CAPT|SGT|MR|MS|MRS|DR)\.?\s+", "", label, flags=re.I)
        full.setdefault(last, name.title() if name.isupper() else name)
    return {
        label: full[label.split()[-1]]
        for label in found
        if label not in _ROLE_LABELS and label not in staff
    }


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
