"""Chains inside one phrase: documents, their owners and the relays that passed them on.

"According to a Pentagon assessment cited by CNN", "information received by the Mission from
the Government of Ukraine", "X who in turn cited Y": the names inside such a phrase, origin
first (:func:`_inner_chain`, :func:`_cited_names`), and the owner of a document named in a
sentence ("the NIS's latest figures", :func:`_doc_owner`).
"""

from __future__ import annotations

import re

from watchfloor.news.extract.source_names import (
    _DOCUMENT_WORDS,
    canonical_source,
    clean_source,
    demonym_for,
)
from watchfloor.news.extract.speakers import _SOURCE_HINT

_INNER = re.compile(
    r"\s+(?:and\s+)?(?P<rel>cited\s+by|described\s+to|attributed\s+to|reported\s+by|provided\s+by|"
    r"shared\s+by|supplied\s+by|shared\s+with|given\s+to|seen\s+by|reviewed\s+by|obtained\s+by|"
    r"by)\s+",
    re.IGNORECASE,
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
    """The cleaned names in a cited phrase, origin first ("X who in turn cited Y" → [Y, X]);
    none for evidence that no one is named as giving ("citing satellite imagery")."""
    turn = _IN_TURN.search(np)
    if turn:
        return [*_cited_names(turn.group("np")), clean_source(np[: turn.start()])]
    name = clean_source(np)
    return [] if _EVIDENCE.fullmatch(name) else [name]


#: Evidence, not a source: what a speaker cites when the figure is the speaker's own reading.
_EVIDENCE = re.compile(
    r"(?:(?:new|recent|commercial|latest|own|high-resolution)\s+)*(?:satellite\s+)?"
    r"(?:imagery|images?|photos?|photographs?|pictures|footage|videos?|intercepts?|"
    r"intercepted\s+\w+|documents?|records?|obituaries|evidence|"
    # "citing signs of fresh recruitment"
    r"(?:signs|indications)(?:\s+of\b.*)?)",
    re.IGNORECASE,
)


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
    listed = re.match(rf"^(?:the\s+)?(?P<who>.+?)\s+{_DOC_NOUNS}$", np.strip(), re.IGNORECASE)
    if listed and "," in listed.group("who") and _DEMONYMS_ONLY.match(listed.group("who")):
        # "American, South Korean and Ukrainian estimates": no one author, the document
        return (re.sub(r"^(?:the|a|an)\s+", "", np.strip(), flags=re.IGNORECASE),)
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
        elif holder.lower() in ("our", "my"):
            origin.append("we")  # "according to our estimates": the speaker's own
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
        if (
            rel.lower().split()[0] in ("attributed", "by", "provided", "supplied")
            or rel.lower() == "shared by"
        ):
            agents.append(cleaned)
        else:
            relays.append(cleaned)
    if agents and [o.lower() for o in origin] in (["information"], ["data"], ["figures"]):
        origin = []  # "information shared by partners": the partners
    return tuple(name for name in (*origin, *agents, *relays) if name)


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
    rf"best|central|working|current|"
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


_NO_OWNER = frozenset(
    {"Competing", "Conflicting", "Various", "Differing", "Varying", "Other", "Earlier", "Previous"}
)
#: Capitals that speak for their governments; Pyongyang's figures are usually about it.
_CAPITALS = frozenset({"Seoul", "Kyiv", "Washington", "Moscow", "Tokyo", "London", "Beijing"})


def _doc_owner(match: re.Match[str]) -> str | None:
    """The source a document mention names ("the Pentagon's assessment" → "Pentagon")."""
    owner = _FUNCTION_CAPS.sub("", match.group("owner")).strip()
    owner = re.sub(r"^(?:[a-z][\w-]*\s+)+", "", owner)  # "the first American estimate"
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
    if owner in _NO_OWNER:
        return None  # "Competing estimates put": no one's
    if owner in _CAPITALS:
        return owner  # "Seoul's figure": the government that gave it
    if demonym_for(owner) or _DEMONYM_ONLY.match(owner):
        if match.group("doc").startswith("assessment") and not demonym_for(owner):
            return f"{owner} intelligence"  # "a British assessment": British intelligence
        return None  # "North Korea's casualty figures", "Russian estimates": about, not by
    return canonical_source(clean_source(owner))
