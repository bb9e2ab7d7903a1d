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
from dataclasses import replace

from watchfloor.news.claim import Claim, NlpMode
from watchfloor.news.extract.attribution import (
    Mention,
    clean_source,
    find_mentions,
)
from watchfloor.news.extract.claim_times import (
    _DEPLOYMENT_SINCE,
    _between,
    _carried_time,
    _choose_time,
    _deployment_start,
    _narrow_coming,
    _remember_times,
)
from watchfloor.news.extract.geography import actor_for, location_for
from watchfloor.news.extract.measures import bind_measure, find_unknown_size
from watchfloor.news.extract.modality import modality_for
from watchfloor.news.extract.nlp import Entity, analyse, spacy_ready
from watchfloor.news.extract.quantities import (
    Quantity,
    find_quantities,
    share_hedges,
)
from watchfloor.news.extract.references import (
    _FIRST_PERSON,
    _full_name,
    _named_next,
    _own_voice,
    _pronoun_speaker,
    _quoted_speaker,
    _relaying_briefing,
    _speaking_for,
    briefed_lawmakers,
    named_next,
    spokespeople,
)
from watchfloor.news.extract.sentence_context import (
    _APPOSITIVE_NAME,
    _DEFINITE_SMALL,
    _LABEL,
    _NOT_LABELS,
    _RELAY_AGENT,
    _chain,
    _Context,
    _full_title,
    _name_description,
    _refine,
    _relay,
    _rename,
    _speaker_labels,
)
from watchfloor.news.extract.sentences import ABBREVIATIONS, split_sentences
from watchfloor.news.extract.source_names import demonym_for, outlet_home
from watchfloor.news.extract.speakers import _clause_subject
from watchfloor.news.extract.timeexpr import TimeMention, find_times

__all__ = ["NlpMode", "extract_claims"]


_QUOTE_START = re.compile(r"^[\"“‘']")
_ALREADY = re.compile(
    r"^\s*(?:(?:who|that)\s+(?:are|were|have|had|is|was)\s+)?(?:been\s+)?already\b", re.I
)
_TITLE_WORDS = frozenset(
    {"secretary", "minister", "spokesman", "spokeswoman", "spokesperson", "director", "chief"}
)
_BEGAN_WITH = re.compile(r",\s+(?:beginning|starting)\s+with\b", re.IGNORECASE)
#: A publisher that is an institution (a ministry's press release, an analyst note) speaks in
#: its own voice: its unattributed statements trace to it.
_INSTITUTION = re.compile(
    r"\b(?:Ministry|Department|Office|Command|Staff|Forces|Government|Embassy|Council|Service|"
    r"Institute|Analysis|Analytics|Centre|Center|Intelligence|Directorate|Bureau|Administration|"
    r"Research|Studies|Consulting|Associates|Headquarters|Mission|Commission|Agency|Secretariat)\b"
)
_NEWS_NAME = re.compile(
    r"\b(?:News|Press|Times|Post|Herald|Journal|Broadcasting|Television|Radio|Tribune|Telegraph|"
    r"Guardian|Independent|Daily|Wire|Media)\b",
    re.IGNORECASE,
)
#: A news brief's source line: "Source: Andrii Yusov, HUR representative, on air".
_SOURCE_LINE = re.compile(
    r"(?:^|\n)\W*Source:[ \t]*(?P<name>[^,\n]{2,80}?)(?=,|\s+(?:on|in|at|following|during)\s|\n|$)"
)
#: "Reports that ...", "Claims that ...": what others say, not the publisher's own statement.
_HEARSAY = re.compile(
    r"\W*(?:(?:Media|Press|Recent|Unconfirmed)\s+)?(?:[Rr]eports|[Cc]laims|[Aa]llegations)\s+that\b"
)
#: Publishers whose unattributed statements are their own: research groups known by a short
#: name, and North Korea's state news agency, the voice of its state.
_VOICE_OF_PUBLISHER = re.compile(
    r"\b(?:38\s+North|CSIS|Beyond\s+Parallel|ISW|RUSI|RAND|Brookings|Chatham\s+House|IISS|"
    r"Carnegie|Stimson|KCNA|Korean\s+Central\s+News\s+Agency|Rodong\s+Sinmun)\b"
)
#: A sentence about the previous sentence's figure ("The figure was given by HUR", "Of those,").
_FIGURE_SUBJECT = re.compile(
    r"^\W*(?:(?:The|That|This|These|Those|Its|Their)\s+(?:[\w-]+\s+){0,2}?(?:figures?|estimates?|"
    r"numbers?|tally|count|assessment|toll|total)\b|(?:Of|Among)\s+(?:those|them|these)\b|"
    # "This was stated by the HUR on Telegram", a Ukrainian agency's way of naming the source
    r"(?:This|That|It)\s+was\s+(?:stated|reported|announced|said|confirmed)\s+by\b)"
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
            ended = last_token.endswith((".", "?", "!", '"', "”", ")")) or bool(
                re.search(r"[.?!\"”)]\[\d{1,3}\]$", last_token)  # "…echelons.[1]": a note mark
            )
            if same_line and (last_token in ABBREVIATIONS or not ended):
                merged[-1] = (merged[-1][0], end)
                continue
        merged.append((start, end))
    return merged


def _person_trim(name: str, entities: Sequence[Entity], span: tuple[int, int]) -> str:
    """spaCy's PERSON entity for a speaker name: the name without its title ("Lawmaker Lee X"
    → "Lee X"), or the person the rules lost behind a title ("Secretary of the ... Council
    Sergei Shoigu" cleaned to a bare "Secretary")."""
    inside = [e for e in entities if e.label == "PERSON" and span[0] <= e.start < span[1]]
    for entity in inside:
        if entity.text in name:
            if re.search(rf"\b(?:in|at|from|of|near|to)\s+{re.escape(entity.text)}$", name):
                return name  # "a source in Rason": the place describes the source
            if re.search(rf"{re.escape(entity.text)}['’]s?\s", name):
                return name  # "Kyiv's military intelligence": an owner, not the speaker
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
        context.home = outlet_home(outlet)
        context.institutional = bool(
            _VOICE_OF_PUBLISHER.search(outlet)
            or (_INSTITUTION.search(outlet) and not _NEWS_NAME.search(outlet))
        )
    if published and _DEPLOYMENT_SINCE.search(text):
        context.since_anchor = _deployment_start(text, spans, published)
    claims: list[Claim] = []
    previous: list[Claim] = []
    last: list[Claim] = []
    labels = _speaker_labels(text)
    interviewee, answers = _question_and_answer(text) if not labels else (None, frozenset())
    introduced: dict[str, bool] = {}

    def press_secretary(label: str) -> bool:
        # one search of the text per label, not per labelled paragraph
        if label not in introduced:
            introduced[label] = _own_spokesperson(text, label)
        return introduced[label]

    for index, (sent_start, sent_end) in enumerate(spans):
        sentence = text[sent_start:sent_end]
        context.index = index
        # a paragraph's first sentence (a bounded look-back: copying the whole prefix for every
        # sentence made a long text quadratic)
        if sent_start == 0 or text[max(0, sent_start - 200) : sent_start].rstrip(" \t").endswith(
            "\n"
        ):
            label = _LABEL.match(sentence)
            quoted = _QUOTE_LABEL.match(sentence)
            if labels:
                context.label = labels.get(label.group("label")) if label else None
                if context.label and outlet and context.label.casefold() == outlet.casefold():
                    context.label = None  # "DW: ..." the outlet's own question
                elif context.label and outlet and press_secretary(context.label):
                    # "GEN. RYDER:" in a briefing transcript the department publishes, its press
                    # secretary introduced in full: the department speaking
                    context.label = context.normalize(outlet)
            elif quoted and quoted.group("label") == "Quote":
                # 'Source: Andrii Yusov, HUR representative ... Quote: "..."': the source line's
                source = _SOURCE_LINE.search(text, max(0, sent_start - 2000), sent_start)
                context.label = (
                    context.normalize(clean_source(source.group("name"))) if source else None
                )
            elif quoted and quoted.group("label") not in _NOT_LABELS:
                # a headline 'NIS: "About 15,000 troops dispatched..."': the label's words
                context.label = context.normalize(quoted.group("label"))
            else:
                line_end = text.find("\n", sent_start)
                line = text[sent_start : line_end if line_end >= 0 else len(text)]
                credit = _CREDIT_LINE.match(line)
                # a wire headline "N. Korea rotated about 6,000 troops: NIS"
                context.label = context.normalize(credit.group("source")) if credit else None
                if interviewee and sent_start in answers:
                    context.label = interviewee  # an answer in a question-and-answer interview
        # a paragraph's quotation state, bounded so that a text without line breaks stays linear
        window = max(0, sent_start - 2000)
        paragraph = text[max(window, text.rfind("\n", window, sent_start) + 1) : sent_start]
        context.in_quote = paragraph.count('"') % 2 == 1 or paragraph.rfind("“") > paragraph.rfind(
            "”"
        )
        found = _sentence_claims(sentence, sent_start, published, outlet, context)
        context.topic_country = _topic_country(sentence)
        if context.label:
            # an interview answer: what the speaker states unattributed, or in the first
            # person ("I'd expect"), is the speaker's
            found = [
                c
                if c.attribution
                and c.attribution[0] != "unattributed"
                and not _FIRST_PERSON.fullmatch(c.attribution[0])
                else replace(c, attribution=(context.label, *c.attribution[1:]))
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
    notes = _footnotes(text)
    if notes:
        claims = [_footnoted(claim, notes, context, text) for claim in claims]
    claims = [_own_voice(_quoted_speaker(claim, text, context), text, context) for claim in claims]
    claims = [_pronoun_speaker(claim, text, entities, context) for claim in claims]
    claims = [_full_name(_full_title(claim, text), text) for claim in claims]
    renamed, bodies = named_next(text, context)
    if renamed:
        claims = [_named_next(claim, renamed) for claim in claims]
    bodies.update(spokespeople(text, context))
    if bodies:
        claims = [_speaking_for(claim, bodies) for claim in claims]
    claims = _bare_bodies(claims)
    if outlet and context.outlet:
        claims = [_publisher_by_part_of_name(claim, outlet, context.outlet) for claim in claims]
    briefers, lawmakers = briefed_lawmakers(text, context)
    if not briefers:
        return claims
    return [_relaying_briefing(claim, briefers, lawmakers) for claim in claims]


#: Subjects that are the people counted, not a source ("North Korean troops have not been seen").
_PEOPLE_SUBJECT = re.compile(
    r"\b(?:troops|soldiers|forces|units|men|servicemen|personnel|workers|prisoners|Koreans|"
    r"North|Pyongyang|Russia|Moscow|Kim)\b"
)
#: "As Ukrinform reported, ...": a reminder of earlier coverage before the sentence's speaker.
_AS_REPORTED = re.compile(
    r"\s*As\s+(?:[^,;]{2,60}?\s+)?(?:has\s+|had\s+|was\s+)?(?:previously\s+|earlier\s+)?"
    r"(?:reported|noted|wrote|announced)\s*,\s*"
    r"(?:(?:in|on|last)\s+(?:early\s+|late\s+|mid-)?\w+\s+)?"
)
_REPORTED_AFTER = re.compile(r"\b(?:said|says|stated|reported|estimated|told|noted)\s+(?:that\s+)?")
#: Head words a report uses alone for a body it named before ("the department said").
_BARE_BODIES = frozenset(
    {"department", "ministry", "agency", "service", "directorate", "command", "committee"}
)


#: A sentence that opens with a country as its subject ("Ukraine has put the losses higher.").
_COUNTRY_SUBJECT = re.compile(
    r"\W*(?P<c>South\s+Korea|Ukraine|Russia|Japan|China|the\s+United\s+States|Kyiv|Seoul|Moscow|"
    r"Tokyo|Washington)\s+(?:has|have|had|is|was|says|said|puts|put|estimates|believes|"
    r"claims|reported|reports)\b"
)


def _topic_country(sentence: str) -> str | None:
    """The demonym of the country a sentence opens with as its subject (never North Korea,
    the subject of nearly every report, whose "the country's" means the reporter's home)."""
    found = _COUNTRY_SUBJECT.match(sentence)
    if found is None:
        return None
    name = re.sub(r"^the\s+", "", found.group("c"))
    return demonym_for(name)


def _own_spokesperson(text: str, label: str) -> bool:
    """Whether a transcript introduces ``label`` as a press secretary or spokesperson."""
    surname = re.escape(label.split()[-1])
    return bool(
        re.search(
            rf"(?i)\b(?:press\s+secretary|spokes(?:man|woman|person))\b[^:\n]{{0,60}}\b{surname}\s*:",
            text,
        )
    )


def _publisher_by_part_of_name(claim: Claim, outlet: str, publisher: str) -> Claim:
    """A claim whose origin is the publisher named by part of its name ("The Joint Chiefs of
    Staff (JCS) assesses" in a release of the Republic of Korea Joint Chiefs of Staff)."""
    origin = claim.attribution[0] if claim.attribution else ""
    if len(origin.split()) < 2 or origin in (outlet, publisher):
        return claim
    if not re.search(rf"(?<!\w){re.escape(origin.casefold())}$", outlet.casefold()):
        return claim
    return replace(claim, attribution=(publisher, *claim.attribution[1:]))


def _bare_bodies(claims: list[Claim]) -> list[Claim]:
    """Claims whose origin is a body's bare head word ("department"), given the body an earlier
    claim of the report came from whose name holds that word ("US Department of Defense")."""
    resolved: list[Claim] = []
    for claim in claims:
        chain = claim.attribution
        if chain and chain[0] in _BARE_BODIES:
            earlier = next(
                (
                    c.attribution[0]
                    for c in reversed(resolved)
                    if c.attribution
                    and c.attribution[0][:1].isupper()
                    and chain[0] in c.attribution[0].lower().split()
                ),
                None,
            )
            if earlier:
                claim = replace(claim, attribution=(earlier, *chain[1:]))
        resolved.append(claim)
    return resolved


#: "Kim Jong Un made a speech.": whoever is the "he" of the sentences that follow.
_SPEECH = re.compile(
    r"\b(?:made|delivered|gave)\s+(?:a|an)\s+(?:\w+\s+)?(?:speech|address)\b|"
    r"^\W*In\s+(?:his|her)\s+(?:\w+\s+)?(?:speech|address|remarks)\b"
)
#: "Present at the ceremony were ...": an inverted sentence whose opening is no subject.
_INVERTED_SUBJECT = re.compile(r"(?:Present|Attending|Also|Among|Joining|Seated)\b")
#: A broadcast transcript's speaker tag opening a paragraph ("[REPORTER] ", "[SOT — NIS] ").
_BRACKET_TAG = re.compile(r"\[[^\]\n]{1,60}\]\s*")
#: A wire dateline: "SEOUL, Sept. 4 (Yonhap) --", "KYIV, Ukraine (AP) —", "MOSCOW, Oct 12 -".
_DATELINE = re.compile(
    r"(?P<city>[A-Z][A-Za-z'’-]+(?:\s+[A-Z][A-Za-z'’-]+){0,2})"
    r"(?:,\s*[A-Z][A-Za-z.]*(?:\s+[A-Z][a-z]+)?\.?(?:\s+\d{1,2})?)?"
    r"(?P<agency>\s*\([A-Za-z .&-]{2,30}\))?\s*(?:--|[—–-])(?:\s+|(?<=\)--)|(?<=\)—))(?=[A-Z\"“])"
)


def _wire_dateline(sentence: str) -> re.Match[str] | None:
    """The dateline opening a wire story's first sentence: the city in capitals, or any city
    with the agency in brackets."""
    found = _DATELINE.match(sentence)
    if found and (found.group("agency") or found.group("city").isupper()):
        return found
    return None


#: 'NIS: "About 15,000 North Korean troops dispatched ..."': a quotation given to its source.
_QUOTE_LABEL = re.compile(r"\W*(?P<label>[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,3}):\s*[\"“]")

_PARAGRAPH = re.compile(r"[^\n]+")
#: The person an interview's introduction names first ("Ri Kwang-su (a pseudonym) served ...").
_INTRODUCED = re.compile(
    # (not a series title over a byline: "Critical Questions, by A and B")
    r"(?:^|\n)\W*(?P<name>[A-Z][a-z'’-]+(?:[ -][A-Z][a-z'’-]+){1,2})\b(?!['’]s|,?\s+by\b)"
)


def _question_and_answer(text: str) -> tuple[str | None, frozenset[int]]:
    """The interviewee of a question-and-answer text and where each answer paragraph starts.

    A text is an interview when at least two paragraphs are a lone question, each followed by
    a paragraph that is not; the interviewee is the person the text names first, at the start
    of a paragraph, before the first question. Otherwise ``(None, {})``.
    """
    paragraphs = [(m.start(), m.group(0).strip()) for m in _PARAGRAPH.finditer(text)]
    paragraphs = [(start, body) for start, body in paragraphs if body]
    questions = [
        i
        for i, (_, body) in enumerate(paragraphs)
        if body.endswith("?")
        and len(body) < 300
        and i + 1 < len(paragraphs)
        and not paragraphs[i + 1][1].endswith("?")
    ]
    if len(questions) < 2:
        return None, frozenset()
    named = _INTRODUCED.search(text, 0, paragraphs[questions[0]][0])
    if named is None:
        return None, frozenset()
    starts = set()
    for i in questions:
        j = i + 1
        while j < len(paragraphs) and not paragraphs[j][1].endswith("?"):
            starts.add(
                paragraphs[j][0]
                + (len(text[paragraphs[j][0] :]) - len(text[paragraphs[j][0] :].lstrip()))
            )
            j += 1
    return named.group("name"), frozenset(starts)


#: A headline that ends by naming its source after a colon ("... since July: NIS").
_CREDIT_LINE = re.compile(
    r"[^\n]{0,200}?\d[^\n]*?:\s*(?P<source>[A-Z][\w.'’&-]*(?:\s+[A-Z][\w.'’&-]*){0,3})\s*$"
)

#: "[3] Joint Chiefs of Staff, written report to the National Assembly, 24 February 2025.": a
#: note that names the source of the sentence that carries its mark.
_NOTE = re.compile(r"(?m)^\s*\[(?P<n>\d{1,3})\]\s+(?P<source>[^,.\n]{3,80})[,.]")
_MARK = re.compile(r"\[(?P<n>\d{1,3})\]")


def _footnotes(text: str) -> dict[str, str]:
    """Numbered notes ("[1] National Intelligence Service, briefing to ...") by number."""
    return {m.group("n"): m.group("source").strip() for m in _NOTE.finditer(text)}


def _footnoted(claim: Claim, notes: Mapping[str, str], context: _Context, text: str) -> Claim:
    """A claim the text leaves to the publisher or to no one, with the source of the note its
    sentence cites (a mark inside the sentence or right after its full stop)."""
    chain = claim.attribution
    if chain and chain[0] not in ("unattributed", context.outlet):
        return claim
    marks = _MARK.findall(claim.quote) + _MARK.findall(text[claim.span[1] : claim.span[1] + 6])
    source = next((notes[n] for n in marks if n in notes), None)
    if source is None:
        return claim
    return replace(claim, attribution=(context.normalize(source),))


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
    dateline = _wire_dateline(sentence)
    tag = _BRACKET_TAG.match(sentence) or dateline
    # "[REPORTER] The agency says", "SEOUL, Sept. 4 (Yonhap) -- The agency said": the tag or
    # dateline is no part of the grammar that finds speakers (its date still dates claims)
    grammar = " " * tag.end() + sentence[tag.end() :] if tag else sentence
    as_reported = _AS_REPORTED.match(grammar)
    if as_reported and _REPORTED_AFTER.search(grammar, as_reported.end()):
        # "As Ukrinform reported, in October HUR said that ...": the speaker is HUR
        grammar = " " * as_reported.end() + grammar[as_reported.end() :]
    home = (demonym_for(dateline.group("city")) if dateline else None) or context.home
    owner = None if dateline else context.topic_country
    for mention in find_mentions(grammar, entities, home, owner):
        names = mention.names
        if context.entities:
            span = (offset + mention.start, offset + mention.end)
            names = tuple(_person_trim(name, context.entities, span) for name in names)
        quoted = (
            sentence[: mention.start].count('"') % 2 == 1
            or bool(_QUOTE_START.match(sentence))
            or context.in_quote  # "... drones. In our sector alone we counted ...," he said
        )
        resolved.append((mention, context.resolve(mention, names, resolved, quoted)))
    _describe(sentence, resolved, context)
    figure_subject = bool(_FIGURE_SUBJECT.match(sentence))
    inherited: tuple[str, ...] | None = None
    if not resolved and _QUOTE_START.match(sentence) and context.previous_chain:
        inherited = context.previous_chain  # a quote continuing the last speaker's words
    elif not resolved and context.in_quote and context.previous_chain:
        inherited = context.previous_chain  # '... said. "There are 12,000. Roughly 8,000 ...'
    elif not resolved and figure_subject and context.sentence_chain:
        inherited = context.sentence_chain  # "Of those, ...": the last sentence's source
    elif context.institutional and context.outlet and not _HEARSAY.match(sentence):
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
            and binding.measure != "captured"  # "the two North Korean prisoners": a count
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
    if not resolved:
        # "HUR has offered a grimmer picture. In a statement it put ...": a body that is the
        # subject of a sentence with no reporting verb is what "it" means next
        head = _clause_subject(re.sub(r"^([^,]{2,80}),\s+[^,]{1,40},\s+", r"\1 ", grammar))
        if (
            head
            and (not _PEOPLE_SUBJECT.search(head.np) or _SPEECH.search(grammar))
            and not _INVERTED_SUBJECT.match(head.np)
        ):
            name = context.normalize(clean_source(head.np))
            if re.match(r"the\s", head.np.strip(), re.IGNORECASE):
                name = context._antecedent(name)  # "The official declined to say": the one named
            if name and name.lower() not in ("it", "they", "we", "he", "she"):
                context.previous_chain = (name,)
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
    chain = (
        _chain(resolved, quantity, context.outlet or "", sentence) or inherited or ("unattributed",)
    )
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
