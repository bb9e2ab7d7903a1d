"""Measures: which count of people a number is (troops, killed, wounded...) and its role.

A number becomes a claim only when a people noun is bound to it: directly ("3,000 troops",
"2,700 wounded"), through a partitive with a casualty verb ("4,000 of those troops have died"),
after a casualty verb ("killed 300"), or as the value of a toll ("casualties had reached about
4,700", "the death toll rose to 4,000"). The noun tables are data; the binding code walks them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
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
    (
        r"(?:engineering|construction)\s+and\s+(?:engineering|construction)\s+"
        r"(?:personnel|troops|units|workers)|engineering\s+(?:personnel|troops|units)",
        "troops",
        "engineer",
    ),
    (r"(?:military\s+)?construction\s+(?:workers|troops|personnel)", "troops", "military builder"),
    (r"(?:military\s+)?builders", "troops", "military builder"),
    (r"sappers|deminers|mine[-\s]clearers", "troops", "sapper"),
    (r"(?:military\s+|combat\s+)?engineers", "troops", "engineer"),
    (r"(?:laborers|labourers|workers)", "troops", "worker"),
    (r"newcomers|new\s+arrivals|replacements|reinforcements", "troops", "rotation"),
    (r"volunteers", "troops", "volunteers"),
    (r"generals|general\s+officers", "troops", "generals"),
    (r"officers\s+and\s+men", "troops", None),
    (r"officers", "troops", "officers"),
    (r"prisoners\s+of\s+war|POWs|prisoners|captives", "captured", None),
    (r"casualties|losses", "casualties", None),
    (r"fatalities|deaths|dead|bodies|corpses|martyrs", "killed", None),
    (
        r"(?:members|servicemen|soldiers|personnel)\s+of\s+(?:(?:the|its|their)\s+"
        r"(?:armed\s+forces|army|military)|the\s+Korean\s+People['’]s\s+Army)(?:\s+of\s+the\s+(?:DPRK|"
        r"Democratic\s+People's\s+Republic\s+of\s+Korea|Russian\s+Federation))?",
        "troops",
        None,
    ),
    (
        # "nine members of an engineering regiment", "fighters of the storm battalion"
        r"(?:members|fighters|servicemen|servicepersons|soldiers|comrades|officers\s+and\s+men)\s+of\s+"
        r"(?:the|its|their|his|her|our|an?)\s+"
        r"(?:[\w-]+\s+){0,2}(?:regiment|unit|brigade|battalion|division|corps|detachment)",
        "troops",
        None,
    ),
    (
        r"soldiers|troops|personnel|forces|servicemen|servicepersons|service\s*members|fighters|"
        r"men|infantrymen|civilians|"
        r"infantry|mercenaries|recruits|conscripts|reservists|marines|paratroopers|"
        r"military\s+personnel|people|nationals|citizens|others|comrades|sons|heroes|"
        r"(?:North\s+|South\s+)?Koreans|Russians|Ukrainians",
        "troops",
        None,
    ),
)

_CASUALTY_WORDS: dict[str, Measure] = {
    "killed": "killed",
    "dead": "killed",
    "fallen": "killed",
    "lives": "killed",
    "perished": "killed",
    "martyred": "killed",
    "died": "killed",
    "deaths": "killed",
    "fatalities": "killed",
    "wounded": "wounded",
    "injured": "wounded",
    "injuries": "wounded",
    "wounds": "wounded",
    "captured": "captured",
    "surrendered": "captured",
    "prisoner": "captured",
    "missing": "missing",
    "casualties": "casualties",
    "killing": "killed",
    "fatally": "killed",
    "wounding": "wounded",
    "injuring": "wounded",
    "capturing": "captured",
    "executed": "killed",
    "eliminated": "killed",
    "eliminating": "killed",
    "holds": "captured",
    "held": "captured",
    "holding": "captured",
    "capture": "captured",
    "executing": "killed",
    "execution": "killed",
    "executions": "killed",
    "destroyed": "killed",
    "destruction": "killed",
    "liquidated": "killed",
    "liquidation": "killed",
}
#: Nouns that count people only with a casualty word, a hedge or an antecedent: "two men",
#: "300 people", "others", "North Koreans" are not troop counts by themselves.
_WEAK_NOUNS = frozenset(
    {"men", "people", "nationals", "citizens", "officers", "others", "sons", "heroes", "civilians"}
)
_HEDGE_OK = frozenset({"men", "officers"})

_NOUN_RE = "|".join(f"(?:{pattern})" for pattern, _, _ in NOUNS)
_MOD = (
    r"(?:[A-Z][\w.'’-]*|more|further|additional|new|extra|elite|regular|military|combat|special|ground|"
    r"front-line|frontline|fresh|other|foreign|armed|young|well-trained|trained|active-duty|"
    r"reserve|allied|enemy|korean|russian|ukrainian|north|south|of\s+its|of\s+their|own|"
    r"active|standing|serving|deployed|combat-ready|experienced|speciali[sz]ed|volunteer|"
    r"contract|wounded|injured|captured|dead|killed|missing|fallen|young|elite|infantry|assault|"
    r"returning|returned|remaining|departing)"
)
_Q = r"[\"“”'‘’]?"
_CAS_WORD = r"killed|wounded|injured|captured|missing|dead"
_CASUALTY = (
    r"(?P<cas>killed|dead|died|deaths|fatalities|wounded|injured|injuries|captured|"
    r"taken\s+prisoner|surrendered|went\s+missing|missing|casualties|perished|martyred|"
    r"(?:evacuated|hospitali[sz]ed)\s+with\s+(?:wounds|injuries)|"
    # "nine fighters had fallen while clearing mines" (not "had fallen to 3,000")
    r"fallen(?!\s+(?:to|by|from|below|sharply|off|back|short|silent|behind|into|under|apart|out)\b)|"
    # "nine comrades laid down their lives": state media's words for the killed
    r"(?:laid\s+down|gave|sacrificed|lost)\s+(?:their|his|her)\s+(?:precious\s+)?lives|"
    # "Around 4,700 ... killed or wounded, some 600 of them fatally"
    r"fatally)"
    r"(?:\s*(?:,|and|or|and/or)\s+(?P<cas2>killed|wounded|injured|captured|missing))?"
)
_AUX = (
    r"(?:(?:have|has|had|were|was|are|is|been|being|reportedly|already|since|all|both|now|still|later|"
    r"subsequently|"
    r"listed\s+as|reported\s+as|(?:reported|believed|thought|said|estimated|feared|known|"
    r"understood)\s+to\s+have|reported|declared|presumed|feared|officially|confirmed)\s+)"
)
_PRED = re.compile(
    rf"^\s*(?:,\s*)?(?:who\s+|that\s+)?{_AUX}{{0,3}}{_CASUALTY}\b",
    re.IGNORECASE,
)
_DIRECT = re.compile(rf"^{_Q}\s+(?:more\s+)?{_AUX}{{0,3}}{_CASUALTY}\b", re.IGNORECASE)
#: "about 4,000 are estimated by the agency to have been killed": a reporting passive between
#: the number and its casualty (or deployment) verb.
_RAISED = re.compile(
    r"^\s*(?:,\s*)?(?:are|were|is|was|have\s+been|has\s+been|had\s+been)\s+(?:\w+ly\s+)?"
    r"(?:estimated|believed|thought|reported|said|assessed|feared|presumed|understood|known)"
    r"(?:\s+(?!to\b)[^,.;\d]{1,60}?)?\s+to\s+(?:have\s+)?(?:been\s+)?"
    rf"(?:{_CASUALTY}\b|(?P<sent>sent|deployed|dispatched|arrived|stationed|transferred)\b)",
    re.IGNORECASE,
)
#: "of whom approximately 3,000", "Of those, about 4,700": a partitive before the number.
_PARTITIVE_BEFORE = re.compile(
    r"\b(?:of|among)\s+(?:whom|them|those|these)\s*,?\s*$", re.IGNORECASE
)
#: "The remainder, about 3,000, were": the rest of the count just given.
_REST_BEFORE = re.compile(r"\b(?:the\s+)?(?:remainder|rest|balance)\s*,\s*$", re.IGNORECASE)
#: "10,000 more before the end of the year", "hundreds more were", "a further 6,000 to arrive":
#: an elliptical count of the people just named.
_MORE_AFTER = re.compile(
    r"^\s+more(?!\s+than\b)(?=\s*(?:[,.;:)\"”]|$|\s+(?:to|were|was|are|is|have|had|would|will|"
    r"could|may|might|before|by|in|on|at|over|within|since|and|or|from|during|this|next|last|"
    r"soon|later|early|mid|late|each|every|per|a|being|be)\b))",
    re.IGNORECASE,
)
_DEPLOYING_BEFORE = re.compile(
    r"\b(?:prepar(?:es|ed|ing)(?:\s+to\s+send)?|send(?:s|ing)?|sent|dispatch(?:es|ed|ing)?|"
    r"deploy(?:s|ed|ing)?|promise\s+of|pledged|promised(?:\s+to\s+send)?)\s+"
    r"(?:(?:a\s+further|another|an\s+additional)\s+)?$",
    re.IGNORECASE,
)
#: "returned home", "remain in Russian captivity": people held as prisoners, or freed from it.
_CAPTIVE_AFTER = re.compile(
    r"^\s*(?:,\s*)?(?:who\s+)?(?:(?:have|has|had|were|was|are|is|been|being|still|now|known\s+to\s+be|"
    r"believed\s+to\s+be|thought\s+to\s+be|said\s+to\s+be|reported\s+to\s+be)\s+){0,3}"
    r"(?:returned\s+(?:home|from\s+captivity)|released\s+from\s+captivity|swapped|"
    r"(?:remain|remained|are|were|held)\s+in\s+(?:\w+\s+)?captivity|held\s+captive|"
    r"held\s+as\s+prisoners|in\s+(?:the\s+)?custody|prisoner|captive|"
    # "Two North Korean soldiers held by Ukraine", "in Ukrainian custody"
    # "were returned to Ukraine", "had been returned in Friday's exchange", "freed from captivity"
    r"returned\s+(?:to\s+(?:Ukraine|Russia|Kyiv)\b|in\b[^.;]{0,30}\bexchange)|"
    r"(?:freed|released)\s+from\s+(?:\w+\s+)?captivity|"
    r"held\s+by\s+(?:Ukraine|Kyiv|the\s+Ukrainians|Ukrainian\s+(?:forces|troops|authorities|"
    r"army|military|intelligence|special\s+forces))|in\s+Ukrainian\s+(?:custody|hands|captivity))\b",
    re.IGNORECASE,
)
#: Hedges that are verbs a toll takes ("losses exceeded 76,000", "the toll passed 3,000").
_PASSING_HEDGES = frozenset(
    {"exceeded", "surpassed", "exceeding", "exceeds", "exceed", "passed", "topped"}
)
_MORE_MOD = re.compile(r"\b(?:more|additional|further|extra|fresh)\b", re.IGNORECASE)
#: "are still being treated in hospitals", "were hospitalised": the wounded.
_TREATED = re.compile(
    r"^\s*(?:are|were|is|was|have\s+been|had\s+been)\s+(?:still\s+|now\s+)?(?:being\s+)?"
    r"(?:treated|hospitali[sz]ed|recovering)\b",
    re.IGNORECASE,
)
_FURTHER_BEFORE = re.compile(r"\b(?:a\s+further|another|an\s+additional)\s+$", re.IGNORECASE)
_ELLIPSIS_AFTER = re.compile(
    r"^(?=\s*(?:[,.;:)\"”]|$|\s+(?:to|were|was|are|is|have|had|would|will|could|may|might|before|"
    r"followed|arrived|came|joined|remain|remained|returned|"
    r"by|in|on|at|over|within|since|and|or|from|during|this|next|last|soon|later)\b))",
    re.IGNORECASE,
)
#: "put the number at", "put the likely size of that contingent at", "estimating it at", "gave a
#: lower figure, ": a figure for a count named earlier.
_SIZE_BEFORE = re.compile(
    r"\b(?:(?:put|puts|putting|placed|places|placing|estimated|estimates|estimating|set|sets|"
    r"setting)\s+(?:(?:the|that|this|its|their|his|her)\s+(?:[\w-]+\s+){0,2}?"
    r"(?P<noun>figure|number|total|tally|count|size|strength|toll)\b(?P<of>[^.;\d]{0,60}?)|"
    r"(?:it|them|that|this)\s+)at|"
    r"(?:gave|give|gives|giving|offered|cited|provided)\s+(?:a|an|the|its|their)\s+"
    r"(?:[\w-]+\s+){0,2}?(?P<noun2>figure|number|estimate|count|total)\s*[,:]?)\s+[\"“]?$",
    re.IGNORECASE,
)
_NUMBER_OF = re.compile(
    rf"\bnumber\s+of\s+(?:{_MOD}\s+){{0,3}}(?P<noun>{_NOUN_RE}|dead|wounded|injured|killed|"
    r"casualties|missing|captured)\b",
    re.IGNORECASE,
)
#: "lists 47 soldiers as 'irrecoverable losses'": the count's casualty status after it.
_AS_CASUALTY = re.compile(
    r"^[^,.;]{0,40}?\bas\s+[\"“]?(?:[\w-]+\s+){0,2}?(?P<cas>losses|casualties|killed|dead|"
    r"wounded|injured|missing|captured|prisoners)\b",
    re.IGNORECASE,
)
#: "15,000 North Koreans had entered Russia", "30,000 North Koreans were working in Russia":
#: people of a nation who went abroad (a deployment or a labour dispatch).
_ABROAD_AFTER = re.compile(
    r"^\s+(?:(?:had|have|has|were|are|was|is|been|being|now|already|reportedly|still)\s+){0,3}"
    r"(?:entered|arrived|working|employed|sent|deployed|dispatched|stationed|fighting|serving|"
    r"crossed|travell?ed)\b",
    re.IGNORECASE,
)
_NOUN = re.compile(
    rf"^{_Q}\s+(?:of\s+)?(?P<mods>(?:{_MOD}\s+){{0,4}}?)(?P<noun>{_NOUN_RE})\b(?!-)",
)
_PARTITIVE = re.compile(
    rf"^\s+of\s+(?:(?P<pron>them|whom|us)|(?:those|these|the|its|their|our)\s+(?:[\d,]+\s+)?"
    r"(?:(?:most|more|less|seriously|severely|badly|critically|lightly|gravely|precious|"
    r"beloved|brave|heroic)\s+){0,2}"
    rf"(?:(?P<adj>(?:{_CAS_WORD})(?:\s+(?:and|or)\s+(?:{_CAS_WORD}))?)|"
    rf"(?:{_MOD}\s+){{0,3}}?(?P<noun>{_NOUN_RE})))\b",
    re.IGNORECASE,
)
_STRONG = re.compile(
    r"^-strong\s+(?:\w+\s+){0,2}?(?:force|contingent|unit|army|group|column|battalion|brigade|"
    r"regiment|division|detachment|corps|team|workforce|crew|convoy|deployment|dispatch)\b",
    re.I,
)
_VERB_BEFORE = re.compile(
    r"\b(?P<verb>killed|wounded|injured|captured|took\s+prisoner|taken\s+prisoner|lost|killing|"
    r"wounding|injuring|capturing|executed|executing|executions?\s+of|"
    r"killed\s+(?:and|or)\s+wounded|killed\s+(?:and|or)\s+injured|[\"“]?eliminated[\"”]?|"
    r"eliminating|holds|held|holding|(?:the\s+)?capture\s+of|destroyed|(?:the\s+)?destruction\s+of|"
    r"liquidated|(?:the\s+)?liquidation\s+of)\s+$",
    re.IGNORECASE,
)
_TOLL_BEFORE = re.compile(
    rf"^.*\b(?P<noun>casualties|losses|death\s+toll|toll|deaths|fatalities|dead|wounded|injured|"
    rf"number\s+of\s+(?:{_MOD}\s+){{0,3}}(?:troops|soldiers|personnel|dead|casualties|wounded))\b"
    r"(?:[^.;\d]|(?<!\d)(?:19|20)\d\d(?!\d)|(?<![\d,])\d{1,2}(?=,?\s+(?:19|20)\d\d)){0,60}?"
    r"\b(?:reached|reach|rose\s+to|risen\s+to|"
    r"rising\s+to|climbed\s+to|stood\s+at|amounted\s+to|"
    r"stands\s+at|totall?ed|topped|numbered|numbers?|totals?|hit|to|at|of|was|were|is|are|now)"
    r"\s+[\"“]?$",
    re.IGNORECASE | re.DOTALL,
)
_TOLL_HEDGE_VERB = re.compile(
    r"^.*\b(?P<noun>casualties|losses|death\s+toll|deaths|fatalities)\b[^.;\d]{0,40}?$",
    re.IGNORECASE | re.DOTALL,
)
#: "the units, which ... numbered about 11,000": a troop total given after the noun.
_TOTAL_BEFORE = re.compile(
    r"\b(?:troops|soldiers|forces|units|contingent|force|personnel|deployment|servicemen|"
    r"servicepersons|sappers|builders|workers)\b(?!\s+(?:losses|casualties))[^.;\d]{0,60}?"
    r"\b(?:numbered|numbering|number|totall?ed|totall?ing|totals?|(?:has\s+|had\s+|have\s+)?"
    r"(?:since\s+)?(?:risen|rose|grown|grew|climbed|reached|reach|stands|stood)(?:\s+(?:to|at))?)"
    r"\s+$",
    re.IGNORECASE,
)
#: "put the figure at 11,000-12,000": a figure referring back to the previous count.
_FIGURE_BEFORE = re.compile(
    r"\b(?:put|puts|putting|placed|places|estimated|estimates)\s+(?:the|that|this|its)\s+"
    r"(?:figure|number|total|tally|count)\s+at\s+$",
    re.IGNORECASE,
)
_WHO_AFTER = re.compile(r"^\s*(?:,\s*)?who\b", re.IGNORECASE)
_SENT_AFTER = re.compile(
    r"^\s+(?:(?:were|was|have\s+been|had\s+been|being|have|had|has)\s+)?(?:sent|deployed|"
    r"dispatched|rotated|transferred|stationed|moved\s+(?:in|into|to)|arrived)\b",
    re.IGNORECASE,
)
#: "North Korea had sent some 11,000": a deployment verb with the number as its object.
_SENT_BEFORE = re.compile(
    r"\b(?:has|have|had)\s+(?:already\s+|now\s+)?(?:sent|deployed|dispatched)\s+$",
    re.IGNORECASE,
)
_VOLUNTEERED = re.compile(
    r"^\s*(?:who\s+)?(?:(?:have|has|had)\s+)?(?:volunteered|enlisted|signed\s+up)\b",
    re.IGNORECASE,
)
#: "2.5 wounded for every soldier killed": a ratio, not a count.
_RATIO_AFTER = re.compile(r"^\s*(?:for\s+(?:each|every)|per|to\s+(?:each|every|one))\b", re.I)
_CASUALTY_MEASURES = frozenset({"killed", "wounded", "casualties", "captured", "missing"})


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
    words = [word.strip('"“”') for word in first.lower().split()]
    if len(words) == 3 and words[1] in ("and", "or"):
        second = second or words[2]  # "killed and wounded 3,800"
        words = words[:1]
    word = words[-1] if words[-1] != "of" else words[-2]  # "taken prisoner", "the capture of"
    measure = _CASUALTY_WORDS.get(word, "casualties")
    if second:
        other = _CASUALTY_WORDS.get(second.lower(), "casualties")
        if measure != other:
            return "casualties"
    return measure


_ANTECEDENT = re.compile(rf"\b(?P<noun>{_NOUN_RE})\b")


def _antecedent(before: str, previous: Measure | None) -> tuple[Measure, str | None]:
    """What "of them" / "of whom" counts: the last people noun before it, else the last claim."""
    nouns = [
        m.group("noun")
        for m in _ANTECEDENT.finditer(before)
        if m.group("noun").lower() not in _WEAK_NOUNS
    ]
    if nouns:
        return _noun_measure(nouns[-1])
    return (previous or "troops"), None


def bind_measure(
    sentence: str,
    start: int,
    end: int,
    hedge: str | None = None,
    previous: Measure | None = None,
) -> Binding | None:
    """The measure of the quantity at ``sentence[start:end]``, or ``None`` when it counts no one.

    Args:
        sentence: The sentence holding the quantity.
        start, end: The quantity's offsets in ``sentence`` (hedge included).
        hedge: The quantity's hedge words, used for "casualties exceeded 3,000".
        previous: The measure of the report's previous claim, for words that point back to it
            ("Over 100 others", "put the figure at", "of them").

    Returns:
        The binding, or ``None`` for numbers of things (missiles, km², years, ratios...).
    """
    binding = _bind(sentence, start, end, hedge, previous)
    if binding is not None and _RATIO_AFTER.match(sentence[binding.end :]):
        return None
    return binding


_CASUALTY_MOD = re.compile(r"\b(?:wounded|injured|captured|missing|dead|fallen)\b", re.IGNORECASE)
_AMONG_BEFORE = re.compile(
    r"(?:\bamong\s+the\s+(?P<cas>dead|killed|wounded|injured|captured|missing|casualties)\s+"
    r"(?:were|was|are|is)|\bthe\s+(?P<cas2>dead|killed|wounded|injured|casualties)\s+"
    r"(?:also\s+)?(?:included|include|includes)|\b(?:remains|bodies|coffins|graves)\s+of)\s+$",
    re.IGNORECASE,
)
#: "groups of", "columns of", "a regiment of": a unit whose size follows.
_GROUP_OF = re.compile(
    r"\b(?:groups|columns|waves|squads|teams|platoons|bands|batches|regiment|battalion|brigade|"
    r"company|detachment|unit|contingent|force|"
    # "a second group of 500 or more", "the first batch of about 1,500"
    r"(?:first|second|third|fourth|fifth|next|new|initial|advance|further|another)\s+"
    r"(?:group|batch|wave|echelon|rotation)|"
    # "decided to send a total of 12,000"
    r"(?:send|sent|sending|deploy|deployed|deploying|dispatch|dispatched|dispatching)\s+"
    r"a\s+total)\s+of\s+$",
    re.IGNORECASE,
)
_GROUP_END = re.compile(
    r"^\s*(?:[,.;:)\"”]|$|(?:or\s+(?:more|so)|each|every|apiece|is|was|were|are|will|would|"
    r"could|may|might|due|to|had|has|have|left|arrived|followed|went|set|in|by|from|at|on|for|"
    r"and|with|without|who|that|which|across|through|into|toward|towards|along|over|under)\b)",
    re.IGNORECASE,
)
_GROUP_PEOPLE = re.compile(
    r"^\s+(?:men|soldiers|troops|people|fighters|infantrymen|riflemen|operators|personnel|"
    r"servicemen|sappers|workers|builders|engineers|marines|paratroopers|scouts|gunners|"
    r"commandos)\b"
)
_FORCE_BEFORE = re.compile(
    r"\b(?:sent|send|sending|deployed|deploy|deploying|dispatched|dispatch|dispatching|"
    r"including|included|among\s+them|of\s+whom|stationed|transferred)\s+$",
    re.IGNORECASE,
)


def _bind(
    sentence: str, start: int, end: int, hedge: str | None, previous: Measure | None
) -> Binding | None:
    after = sentence[end:]
    before = sentence[:start]
    verb = _VERB_BEFORE.search(before)
    if _GROUP_OF.search(before) and (_GROUP_PEOPLE.match(after) or _GROUP_END.match(after)):
        # "in groups of 20 to 30", "an engineering regiment of 1,000 men": the size of a group
        # (not "a second batch of 300 missiles")
        people = _GROUP_PEOPLE.match(after)
        return Binding("troops", None, None, end + (people.end() if people else 0))

    partitive = _PARTITIVE.match(after)
    if partitive:
        pred = _PRED.match(after[partitive.end() :])
        subject = partitive.group("noun") or partitive.group("adj")
        if pred:
            measure = _casualty(pred.group("cas"), pred.group("cas2"))
            return Binding(measure, None, subject, end + partitive.end() + pred.end())
        if _CAPTIVE_AFTER.match(after[partitive.end() :]):
            # "more than 8,000 of its service members are in Russian captivity"
            return Binding("captured", None, subject, end + partitive.end())
        if verb and verb.group("verb").lower() != "lost":
            # "have killed and wounded more than 3,800 of them": the verb gives the measure
            measure = _casualty(verb.group("verb"), None)
            return Binding(measure, None, subject, end + partitive.end())
        role: str | None
        if partitive.group("adj"):
            words = re.split(r"\s+(?:and|or)\s+", partitive.group("adj").lower())
            measure = _casualty(words[0], words[1] if len(words) > 1 else None)
            role = None
        elif partitive.group("noun"):
            measure, role = _noun_measure(partitive.group("noun"))
            if partitive.group("noun").lower() in _WEAK_NOUNS:
                measure, role = previous or "troops", None
        else:
            measure, role = _antecedent(before, previous)
        return Binding(measure, role, subject, end + partitive.end())

    direct = _DIRECT.match(after)
    if direct:
        measure = _casualty(direct.group("cas"), direct.group("cas2"))
        return Binding(measure, None, None, end + direct.end())

    strong = _STRONG.match(after)
    if strong:
        return Binding("troops", None, None, end + strong.end())

    noun = _NOUN.match(after)
    if noun and _noun_measure(noun.group("noun")) == ("troops", None):
        # "Ukrainian losses ... exceeded 76,000 servicemen": the toll's measure, not a troop count
        toll = _TOLL_BEFORE.search(before)
        if toll is None and hedge and hedge.lower() in _PASSING_HEDGES:
            toll = _TOLL_HEDGE_VERB.search(before)
        if toll and toll.group("noun").lower() in ("casualties", "losses"):
            subject = (noun.group("mods") + noun.group("noun")).strip()
            return Binding("casualties", None, subject, end + noun.end())
    among = _AMONG_BEFORE.search(before) if noun else None
    if noun and among:
        # "Among the dead were at least four officers", "the remains of about 100 soldiers"
        word = (among.group("cas") or among.group("cas2") or "dead").lower()
        measure = "captured" if word == "prisoners" else _casualty(word, None)
        subject = (noun.group("mods") + noun.group("noun")).strip()
        return Binding(measure, _noun_measure(noun.group("noun"))[1], subject, end + noun.end())
    if noun:
        # "another 2,000 Koreans", "deployed 11,000 North Koreans", "including 11,000 North
        # Koreans": people of a nation sent as a force
        added = bool(_FURTHER_BEFORE.search(before) or _FORCE_BEFORE.search(before))
        return _noun_binding(noun, after, end, hedge, verb, previous, added)

    raised = _RAISED.match(after)
    if raised:
        if raised.group("sent"):
            return Binding("troops", None, None, end + raised.end())
        measure = _casualty(raised.group("cas"), raised.group("cas2"))
        return Binding(measure, None, None, end + raised.end())

    if verb and not re.match(
        r"(?:lost|destroyed|(?:the\s+)?destruction|liquidated|(?:the\s+)?liquidation)\b",
        verb.group("verb").lower(),
    ):
        # "destroyed 12 armoured vehicles": what was destroyed needs a people noun
        return Binding(_casualty(verb.group("verb"), None), None, None, end)

    if _WHO_AFTER.match(after) or _SENT_AFTER.match(after) or _SENT_BEFORE.search(before):
        return Binding("troops", None, None, end)

    return _elliptical(before, after, end, previous) or _toll_binding(before, end, hedge, previous)


def _elliptical(before: str, after: str, end: int, previous: Measure | None) -> Binding | None:
    """A number whose people noun was given earlier: "of whom about 3,000 are", "The remainder,
    about 3,000, were", "10,000 more", "a further 6,000 to arrive"."""
    more = _MORE_AFTER.match(after)
    back = _PARTITIVE_BEFORE.search(before) or _REST_BEFORE.search(before)
    further = _FURTHER_BEFORE.search(before)
    if not (more or ((back or further) and _ELLIPSIS_AFTER.match(after))):
        return None
    cut = back.start() if back else len(before)
    if (further or more) and _DEPLOYING_BEFORE.search(before):
        # "Pyongyang is preparing another 5,000 or so", "promised to send 6,000 more": a
        # deployment, whatever the count before it measured
        return Binding("troops", None, None, end + (more.end() if more else 0))
    has_noun = any(
        m.group("noun").lower() not in _WEAK_NOUNS for m in _ANTECEDENT.finditer(before[:cut])
    )
    if not has_noun and previous is None:
        return None
    measure, role = _antecedent(before[:cut], previous)
    return Binding(measure, role, None, end + (more.end() if more else 0))


def _noun_binding(
    noun: re.Match[str],
    after: str,
    end: int,
    hedge: str | None,
    verb: re.Match[str] | None,
    previous: Measure | None,
    added: bool = False,
) -> Binding | None:
    """The binding of a number to the people noun after it ("another" before the number, in
    ``added``, makes "another 2,000 Koreans" an addition to a force, like "2,000 more")."""
    noun_text = noun.group("noun")
    lowered = noun_text.lower()
    rest = after[noun.end() :]
    pred = _PRED.match(rest)
    captive = _CAPTIVE_AFTER.match(rest) if not pred else None
    rest_pred_measure: Measure | None = None
    shared = _SHARED_PREDICATE.match(rest) if not (pred or captive) else None
    if shared:
        # "185 servicemen and 20 civilians were returned to Ukraine": the second count's verb
        captive = _CAPTIVE_AFTER.match(rest[shared.end() :])
        shared_pred = _PRED.match(rest[shared.end() :])
        if shared_pred and not captive:
            rest_pred_measure = _casualty(shared_pred.group("cas"), shared_pred.group("cas2"))
    demonym = lowered.endswith(("koreans", "russians", "ukrainians"))
    more = _MORE_MOD.search(noun.group("mods")) or added
    measure, role = _noun_measure(noun_text)
    injured = _CASUALTY_MOD.search(noun.group("mods"))
    if injured and measure == "troops":
        # "dozens of wounded North Korean soldiers": counted as wounded, whatever they do next
        measure = _casualty(injured.group(0), None)
    if lowered == "civilians" and not captive:
        return None  # civilians are counted here only as captives in an exchange
    if lowered in _WEAK_NOUNS or demonym:
        weak_ok = bool(pred or verb or captive or injured or rest_pred_measure)
        if lowered in _HEDGE_OK and (hedge or noun.group("mods").strip()):
            weak_ok = True
        if lowered == "others" and previous is not None:
            weak_ok = True
            measure, role = previous, None
        if _VOLUNTEERED.match(rest):
            weak_ok = True
            measure, role = "troops", "volunteers"
        if demonym and (_ABROAD_AFTER.match(rest) or more):
            weak_ok = True  # "tens of thousands more North Koreans": an addition to a force
        if not weak_ok:
            return None
    subject = (noun.group("mods") + noun_text).strip()
    stop = end + noun.end()
    raised = _RAISED.match(rest) if not pred else None
    if pred:
        measure = _casualty(pred.group("cas"), pred.group("cas2"))
        stop += pred.end()
        role = None
    elif raised and raised.group("cas"):
        # "2,000 North Korean soldiers are estimated to have been killed"
        measure = _casualty(raised.group("cas"), raised.group("cas2"))
        role = None
    elif verb and verb.group("verb").lower() != "lost":
        measure = _casualty(verb.group("verb"), None)
        role = None
    elif verb:
        measure = "casualties"
        role = None
    elif rest_pred_measure:
        measure, role = rest_pred_measure, None
    if measure == "troops" and role is None and (lowered in ("people", "nationals", "citizens")):
        return None
    as_casualty = _AS_CASUALTY.match(rest) if not pred else None
    if as_casualty:
        word = as_casualty.group("cas").lower()
        measure = "captured" if word == "prisoners" else _casualty(word, None)
        role = None
    if captive:
        measure, role = "captured", None  # "1,000 Ukrainians returned home" in an exchange
    if not pred and _TREATED.match(rest):
        measure, role = "wounded", None  # "200 Korean servicemen are being treated in hospital"
    if measure == "troops" and demonym and not (_ABROAD_AFTER.match(rest) or more):
        return None
    return Binding(measure, role, subject, stop)


#: "bringing the total to about 14,000": the running total of the count just given.
_BRINGING_BEFORE = re.compile(
    r"\b(?:bringing|brings|brought|bring|raising|raises|raised|raise|increasing|increases|"
    r"increased|increase|taking|takes|took|take)\s+"
    r"(?:the|its|their)\s+(?:overall\s+|total\s+)?(?:total|tally|number|count|figure|contingent|"
    r"force)(?:\s+of\s+\w+(?:\s+\w+)?)?\s+(?:to|at)\s+$",
    re.IGNORECASE,
)


_CASUALTY_AFTER_NOUN = re.compile(
    r"\s+(?P<cas>killed|wounded|injured|captured|missing)"
    r"(?:\s+(?:and|or|and/or)\s+(?P<cas2>killed|wounded|injured|captured|missing))?\b"
)
_SHARED_PREDICATE = re.compile(
    r"\s+and\s+(?:(?:about|around|some|more\s+than|at\s+least|nearly)\s+)?[\d,]+\s+"
    r"(?:[A-Za-z-]+\s+){0,2}?[A-Za-z-]+(?=\s+(?:were|was|had|have|are|is)\b)"
)
_SECOND_CASUALTY = re.compile(
    r"\s+(?:and|or|and/or)\s+(?P<cas>killed|wounded|injured|captured|missing)\b"
)
_FIRST_CASUALTY = re.compile(
    r"\b(?P<cas>killed|dead|wounded|injured|captured|missing)\s+(?:and|or|and/or)\s+$"
)
_INCLUDING = re.compile(
    r",\s+including\s+[^;.]*?,"
    r"(?=\s+(?:(?:now|already|at|to|of|reached|stood|stands|totall?ed|topped|hit|is|are|was|were)\s+)*"
    r"[\"“]?$)",
    re.IGNORECASE,
)
_INCLUDING_WOUNDED = re.compile(r"\bincluding\s+(?:the\s+)?(?:wounded|injured)\b", re.IGNORECASE)


def _toll_binding(
    before: str, end: int, hedge: str | None, previous: Measure | None
) -> Binding | None:
    if _TOTAL_BEFORE.search(before):
        return Binding("troops", None, None, end)
    if _BRINGING_BEFORE.search(before):
        return Binding(previous or "troops", None, None, end)
    if previous is not None and _FIGURE_BEFORE.search(before):
        return Binding(previous, None, None, end)
    size = _SIZE_BEFORE.search(before)
    if size:
        named = _NUMBER_OF.search(before)
        of = (size.group("of") or "").lower()
        if named:
            word = named.group("noun").lower()
            found = _CASUALTY_WORDS.get(word) or _noun_measure(word)[0]
            other = _SECOND_CASUALTY.match(before, named.end()) or _FIRST_CASUALTY.search(
                before, named.start(), named.start("noun")
            )
            if word in _CASUALTY_WORDS and other:
                # "the number of soldiers killed or wounded at more than 6,000": casualties
                found = _casualty(word, other.group("cas"))
            return Binding(found, None, named.group(0), end)
        if size.group("noun") in ("size", "strength") or re.search(
            r"\b(?:contingent|force|deployment|troops|soldiers|units?|dispatch)\b", of
        ):
            return Binding("troops", None, None, end)
        if previous is not None:
            return Binding(previous, None, None, end)
    # "total casualties, including the wounded, captured and missing, at": the total's noun
    before = _INCLUDING.sub(lambda m: " " * len(m.group(0)), before)
    toll = _TOLL_BEFORE.search(before)
    if toll is None and hedge and hedge.lower() in _PASSING_HEDGES:
        toll = _TOLL_HEDGE_VERB.search(before)
    if not toll:
        return None
    noun_word = " ".join(toll.group("noun").lower().split())
    pair = _FIRST_CASUALTY.search(before, 0, toll.start("noun"))
    if pair and noun_word in _CASUALTY_WORDS:
        # "3,000 killed and wounded, now speaks of nearly 4,000": both, so casualties
        return Binding(_casualty(pair.group("cas"), noun_word), None, toll.group("noun"), end)
    if "toll" in noun_word and _INCLUDING_WOUNDED.search(before):
        # "Including the wounded, the toll is likely to exceed 6,000"
        return Binding("casualties", None, toll.group("noun"), end)
    measure: Measure
    if noun_word.startswith("number of"):
        inner = noun_word.split()[-1]
        measure = _CASUALTY_WORDS.get(inner, "troops")
        then = _CASUALTY_AFTER_NOUN.match(before, toll.end("noun"))
        if measure == "troops" and then:
            # "the number of North Korean soldiers killed in the fighting is about 2,000"
            measure = _casualty(then.group("cas"), then.group("cas2"))
    elif noun_word == "toll":
        # a bare "toll" points back to the figure just given ("put the toll at about 3,000")
        measure = previous if previous in _CASUALTY_MEASURES and previous else "killed"
    elif "toll" in noun_word:
        measure = "killed"
    elif noun_word in _CASUALTY_WORDS:
        measure = _CASUALTY_WORDS[noun_word]
    else:
        measure = _noun_measure(noun_word)[0]
    return Binding(measure, None, toll.group("noun"), end)


_CIVIL_NOUN = re.compile(r"(?:workers|laborers|labourers)$")
_SENDING_BEFORE = re.compile(
    r"\b(?:send|sends|sending|sent|dispatch|dispatches|dispatching|dispatched|deploy|deploying|"
    r"deployed)\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
_UNKNOWN = re.compile(
    rf"\b(?P<phrase>(?:[Aa]dditional|[Mm]ore|[Ff]urther|[Ff]resh|replacement)\s+(?:{_MOD}\s+){{0,3}}?"
    r"(?:troops|soldiers|forces|personnel|units|reinforcements|workers|laborers|labourers|"
    r"military\s+builders|sappers|engineers|contingents?)"
    # "expected to send replacements": an unsized dispatch
    r"|(?<=send\s)(?:replacements|reinforcements)|(?<=dispatch\s)(?:replacements|reinforcements)"
    r"|(?<=deploy\s)(?:replacements|reinforcements)"
    r"|(?:(?:[Aa]|[Aa]nother)\s+(?:second|new|further|fresh|third)|[Aa]nother)\s+(?:\w+\s+)?"
    r"(?:transport|wave|contingent|batch|group|deployment|rotation|detachment|unit)\s+of\s+"
    # "a fresh detachment of engineers", "another contingent of military builders"
    rf"(?:{_MOD}\s+){{0,3}}?(?:troops|soldiers|forces|personnel|engineers|sappers|deminers|"
    r"(?:military\s+)?builders|(?:construction\s+)?workers)"
    # "another engineer regiment", "a fresh sapper battalion"
    r"|(?:another|a\s+(?:new|fresh|second|further))\s+(?:engineer(?:ing)?|sapper|construction|"
    r"infantry|assault|special\s+forces)\s+(?:regiment|brigade|battalion|unit|detachment))\b",
)
_UNKNOWN_BLOCK = re.compile(
    r"(?:\d|dozen|hundred|thousand|million|dozens|hundreds|thousands|\bthe|\bthese|"
    r"\bthose|\bits|\btheir|\bno|\bany|(?:\d|dozens?|hundreds?|thousands?|millions?|\bsome|"
    r"\bone|\bnone|\bmany|\bmost)\s+of)\s*[\"”’]?\s*$",
    re.IGNORECASE,
)


def find_unknown_size(
    sentence: str, taken: Sequence[tuple[int, int]] = ()
) -> tuple[int, int, str] | None:
    """An unsized count of more people ("could dispatch additional troops"), if any.

    Args:
        sentence: One sentence.
        taken: Spans of counts already found in the sentence; a phrase overlapping one is part
            of that count ("3,000 more troops"), not an unsized one.

    Returns:
        ``(start, end, phrase)`` relative to the sentence, or ``None``.
    """
    for match in _UNKNOWN.finditer(sentence):
        if _UNKNOWN_BLOCK.search(sentence[: match.start()]):
            continue
        if re.match(r"more\s+than\b", match.group("phrase"), re.IGNORECASE):
            continue
        if any(match.start() < b and a < match.end() for a, b in taken):
            continue
        if _CIVIL_NOUN.search(match.group("phrase")) and not _SENDING_BEFORE.search(
            sentence, 0, match.start()
        ):
            continue  # "hired more workers": only workers a state sends are counted
        return match.start(), match.end(), match.group("phrase")
    return None
