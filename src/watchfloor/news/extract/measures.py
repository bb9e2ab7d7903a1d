"""Measures: which count of people a number is (troops, killed, wounded...) and its role.

A number becomes a claim only when a people noun is bound to it: directly ("3,000 troops",
"2,700 wounded"), through a partitive with a casualty verb ("4,000 of those troops have died"),
after a casualty verb ("killed 300"), or as the value of a toll ("casualties had reached about
4,700", "the death toll rose to 4,000"). The noun tables are data; the binding code walks them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from watchfloor.news.claim import Measure

__all__ = ["NOUNS", "Binding", "bind_measure", "find_unknown_size"]

#: People noun pattern → (measure, role). Longer, more specific patterns first.
NOUNS: tuple[tuple[str, Measure, str | None], ...] = (
    (
        r"special\s+(?:operations\s+)?forces(?:\s+(?:soldiers|troops|personnel|members))?",
        "troops",
        "special forces",
    ),
    (r"commandos", "troops", "special forces"),
    (r"(?:military\s+)?construction\s+(?:workers|troops|personnel)", "troops", "military builder"),
    (r"(?:military\s+)?builders", "troops", "military builder"),
    (r"sappers|deminers|mine[-\s]clearers", "troops", "sapper"),
    (r"(?:military\s+|combat\s+)?engineers", "troops", "engineer"),
    (r"(?:laborers|labourers|workers)", "troops", "worker"),
    (r"prisoners\s+of\s+war|POWs|prisoners|captives", "captured", None),
    (r"casualties|losses", "casualties", None),
    (r"fatalities|deaths|dead", "killed", None),
    (
        r"soldiers|troops|personnel|forces|servicemen|service\s*members|fighters|men|infantrymen|"
        r"infantry|mercenaries|reinforcements|recruits|conscripts|marines|paratroopers|"
        r"officers|military\s+personnel|people|nationals|citizens",
        "troops",
        None,
    ),
)

_CASUALTY_WORDS: dict[str, Measure] = {
    "killed": "killed",
    "dead": "killed",
    "died": "killed",
    "deaths": "killed",
    "fatalities": "killed",
    "wounded": "wounded",
    "injured": "wounded",
    "injuries": "wounded",
    "captured": "captured",
    "prisoner": "captured",
    "missing": "missing",
    "casualties": "casualties",
}

_NOUN_RE = "|".join(f"(?:{pattern})" for pattern, _, _ in NOUNS)
_MOD = (
    r"(?:[A-Z][\w.'’-]*|more|additional|new|extra|elite|regular|military|combat|special|ground|"
    r"front-line|frontline|fresh|other|foreign|armed|young|well-trained|trained|active-duty|"
    r"reserve|allied|enemy|korean|russian|ukrainian|north|south|of\s+its|of\s+their|own|"
    r"active|standing|serving|deployed|combat-ready|experienced|speciali[sz]ed|volunteer|"
    r"contract|wounded|injured|captured|dead|killed|missing|young|elite|infantry|assault)"
)
_Q = r"[\"“”'‘’]?"
_CASUALTY = (
    r"(?P<cas>killed|dead|died|deaths|fatalities|wounded|injured|injuries|captured|"
    r"taken\s+prisoner|missing|casualties)"
    r"(?:\s*(?:,|and|or|and/or)\s+(?P<cas2>killed|wounded|injured|captured|missing))?"
)
_PRED = re.compile(
    rf"^\s*(?:,\s*)?(?:who\s+|that\s+)?(?:(?:have|has|had|were|was|are|is|been|being|reportedly|"
    rf"already|since|all|both)\s+){{0,3}}{_CASUALTY}\b",
    re.IGNORECASE,
)
_DIRECT = re.compile(rf"^{_Q}\s+{_CASUALTY}\b", re.IGNORECASE)
_NOUN = re.compile(
    rf"^{_Q}\s+(?:of\s+)?(?P<mods>(?:{_MOD}\s+){{0,4}}?)(?P<noun>{_NOUN_RE})\b(?!-)",
)
_PARTITIVE = re.compile(
    rf"^\s+of\s+(?:(?:them|whom)|(?:those|these|the|its|their)\s+(?:{_MOD}\s+){{0,3}}?"
    rf"(?P<noun>{_NOUN_RE}))\b",
    re.IGNORECASE,
)
_STRONG = re.compile(r"^-strong\s+(?:\w+\s+){0,2}?(?:force|contingent|unit|army|group)\b", re.I)
_VERB_BEFORE = re.compile(
    r"\b(?P<verb>killed|wounded|injured|captured|took\s+prisoner|taken\s+prisoner|lost)\s+$",
    re.IGNORECASE,
)
_TOLL_BEFORE = re.compile(
    rf"\b(?P<noun>casualties|losses|death\s+toll|toll|deaths|fatalities|dead|wounded|injured|"
    rf"number\s+of\s+(?:{_MOD}\s+){{0,3}}(?:troops|soldiers|personnel|dead|casualties|wounded))\b"
    r"[^.;\d]{0,50}?\b(?:reached|reach|rose\s+to|risen\s+to|rising\s+to|climbed\s+to|stood\s+at|"
    r"stands\s+at|totall?ed|topped|numbered|hit|to|at|of|was|were|is|are|now)\s+[\"“]?$",
    re.IGNORECASE,
)
_TOLL_HEDGE_VERB = re.compile(
    r"\b(?P<noun>casualties|losses|death\s+toll|deaths|fatalities)\b[^.;\d]{0,40}?$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Binding:
    """The people count a quantity was bound to.

    Attributes:
        end: Offset (relative to the sentence) just after the words that bound the measure.
        subject: The noun phrase counted, as written ("North Korean soldiers").
    """

    measure: Measure
    role: str | None
    subject: str | None
    end: int


def _noun_measure(noun: str) -> tuple[Measure, str | None]:
    for pattern, measure, role in NOUNS:
        if re.fullmatch(pattern, noun, re.IGNORECASE):
            return measure, role
    return "troops", None


def _casualty(first: str, second: str | None) -> Measure:
    word = first.lower().split()[0]
    measure = _CASUALTY_WORDS.get(word, "casualties")
    if second:
        other = _CASUALTY_WORDS.get(second.lower(), "casualties")
        if {measure, other} <= {"killed", "wounded"} and measure != other:
            return "casualties"
        if measure != other:
            return "casualties"
    return measure


def bind_measure(sentence: str, start: int, end: int, hedge: str | None = None) -> Binding | None:
    """The measure of the quantity at ``sentence[start:end]``, or ``None`` when it counts no one.

    Args:
        sentence: The sentence holding the quantity.
        start, end: The quantity's offsets in ``sentence`` (hedge included).
        hedge: The quantity's hedge words, used for "casualties exceeded 3,000".

    Returns:
        The binding, or ``None`` for numbers of things (missiles, km², years...).
    """
    after = sentence[end:]
    before = sentence[:start]
    verb = _VERB_BEFORE.search(before)

    partitive = _PARTITIVE.match(after)
    if partitive:
        pred = _PRED.match(after[partitive.end() :])
        if not pred:
            return None
        measure = _casualty(pred.group("cas"), pred.group("cas2"))
        subject = partitive.group("noun")
        return Binding(measure, None, subject, end + partitive.end() + pred.end())

    direct = _DIRECT.match(after)
    if direct:
        measure = _casualty(direct.group("cas"), direct.group("cas2"))
        return Binding(measure, None, None, end + direct.end())

    strong = _STRONG.match(after)
    if strong:
        return Binding("troops", None, None, end + strong.end())

    noun = _NOUN.match(after)
    if noun:
        noun_text = noun.group("noun")
        if noun_text.lower() in ("men", "people", "nationals", "citizens", "officers") and not (
            noun.group("mods").strip()
        ):
            # "two men", "300 people": only a count of troops when a casualty verb follows
            pred_only = _PRED.match(after[noun.end() :])
            if not pred_only and not verb:
                return None
        measure, role = _noun_measure(noun_text)
        subject = (noun.group("mods") + noun_text).strip()
        stop = end + noun.end()
        pred = _PRED.match(after[noun.end() :])
        if pred:
            measure = _casualty(pred.group("cas"), pred.group("cas2"))
            stop += pred.end()
            role = None
        elif verb and verb.group("verb").lower() != "lost":
            measure = _casualty(verb.group("verb"), None)
            role = None
        elif verb:
            measure = "casualties"
            role = None
        if measure == "troops" and noun_text.lower() in ("people", "nationals", "citizens"):
            return None
        return Binding(measure, role, subject, stop)

    if verb and verb.group("verb").lower() not in ("lost",):
        return Binding(_casualty(verb.group("verb"), None), None, None, end)

    toll = _TOLL_BEFORE.search(before)
    if toll is None and hedge and hedge.lower() in ("exceeded", "surpassed", "exceeding"):
        toll = _TOLL_HEDGE_VERB.search(before)
    if toll:
        noun_word = toll.group("noun").lower()
        if noun_word.startswith("number of"):
            inner = noun_word.split()[-1]
            measure = _CASUALTY_WORDS.get(inner, "troops")
        elif "toll" in noun_word:
            measure = "killed"
        else:
            measure = (
                _noun_measure(noun_word)[0]
                if noun_word not in _CASUALTY_WORDS
                else (_CASUALTY_WORDS[noun_word])
            )
        return Binding(measure, None, toll.group("noun"), end)
    return None


_UNKNOWN = re.compile(
    rf"\b(?P<phrase>(?:additional|more|further|fresh)\s+(?:{_MOD}\s+){{0,3}}?"
    r"(?:troops|soldiers|forces|personnel|units|reinforcements)"
    r"|(?:a|another)\s+(?:second|new|further|fresh|third)\s+(?:\w+\s+)?"
    r"(?:transport|wave|contingent|batch|group|deployment|rotation)\s+of\s+"
    rf"(?:{_MOD}\s+){{0,3}}?(?:troops|soldiers|forces|personnel))\b",
)
_UNKNOWN_BLOCK = re.compile(
    r"(?:\d|dozen|hundred|thousand|million|dozens|hundreds|thousands|\bof|\bthe|\bthese|"
    r"\bthose|\bits|\btheir|\bno|\bany)\s*[\"”’]?\s*$",
    re.IGNORECASE,
)


def find_unknown_size(sentence: str) -> tuple[int, int, str] | None:
    """An unsized count of more people ("could dispatch additional troops"), if any.

    Args:
        sentence: One sentence.

    Returns:
        ``(start, end, phrase)`` relative to the sentence, or ``None``.
    """
    for match in _UNKNOWN.finditer(sentence):
        if _UNKNOWN_BLOCK.search(sentence[: match.start()]):
            continue
        if re.match(r"more\s+than\b", match.group("phrase"), re.IGNORECASE):
            continue
        return match.start(), match.end(), match.group("phrase")
    return None
