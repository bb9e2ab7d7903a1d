"""Actors and places: the country a counted group belongs to, and where it is.

:data:`COUNTRIES` maps names, demonyms and capitals to ISO 3166-1 alpha-3 codes ("North Korean"
→ ``PRK``); :data:`PLACES` lists the locations a deployment is reported at, most specific first.
The actor is the demonym inside the counted noun phrase ("North Korean soldiers"), else the
country that is the clause's subject ("North Korea sent 3,000 troops").
"""

from __future__ import annotations

import re

__all__ = ["COUNTRIES", "PLACES", "actor_for", "location_for"]

#: Name, demonym or capital (as written) → ISO3 code. Longer keys are matched first.
COUNTRIES: dict[str, str] = {
    "North Korea": "PRK",
    "North Korean": "PRK",
    "North Koreans": "PRK",
    "N. Korea": "PRK",
    "N. Korean": "PRK",
    "DPRK": "PRK",
    "Pyongyang": "PRK",
    "South Korea": "KOR",
    "South Korean": "KOR",
    "S. Korea": "KOR",
    "Seoul": "KOR",
    "Russia": "RUS",
    "Russian": "RUS",
    "Moscow": "RUS",
    "Kremlin": "RUS",
    "Ukraine": "UKR",
    "Ukrainian": "UKR",
    "Kyiv": "UKR",
    "United States": "USA",
    "U.S.": "USA",
    "US": "USA",
    "American": "USA",
    "Washington": "USA",
    "China": "CHN",
    "Chinese": "CHN",
    "Beijing": "CHN",
    "Belarus": "BLR",
    "Belarusian": "BLR",
    "Iran": "IRN",
    "Iranian": "IRN",
    "Japan": "JPN",
    "Japanese": "JPN",
    "Tokyo": "JPN",
    "Britain": "GBR",
    "British": "GBR",
    "London": "GBR",
}

#: Places a count of people is reported at, as written.
PLACES: tuple[str, ...] = (
    "Kursk Oblast",
    "Kursk region",
    "Kursk",
    "Russian Far East",
    "Far East",
    "eastern Russia",
    "western Russia",
    "Vladivostok",
    "Ussuriysk",
    "Khabarovsk",
    "Blagoveshchensk",
    "Siberia",
    "Donbas",
    "Donetsk",
    "Luhansk",
    "Zaporizhzhia",
    "Kherson",
    "Belgorod",
    "Bryansk",
    "Crimea",
    "Sudzha",
    "Russia",
    "Ukraine",
    "Belarus",
    "North Korea",
)

_COUNTRY_RE = re.compile(
    r"(?<![\w.])(?:"
    + "|".join(re.escape(key) for key in sorted(COUNTRIES, key=len, reverse=True))
    + r")(?![\w])"
)
_PLACE_RE = re.compile(
    r"\b(?:in|to|into|inside|near|at|from|across|for)\s+(?:the\s+)?(?:(?:Russia|Ukraine)['’]s\s+)?"
    r"(?P<place>" + "|".join(re.escape(place) for place in PLACES) + r")\b"
)
_LOCATIVE = re.compile(
    r"\b(?:in|to|into|from|for|inside|against|across|near|with|by|of|and|than)\s+(?:the\s+)?$"
)
_VERB_AFTER = re.compile(
    r"^\s+(?:has|have|had|is|was|were|are|will|would|could|may|might|sent|sends|plans|decided|"
    r"dispatched|deployed|committed|continues|also|already|reportedly)\b"
)
_GROUP_AFTER = re.compile(
    r"^\s+(?:\w+\s+)?(?:soldiers|troops|forces|units|personnel|contingent|military|army|"
    r"infantry|workers)\b"
)
_ANY_PLACE = re.compile(r"\b(?P<place>Kursk|Russian Far East|Far East)\b")


def actor_for(
    sentence: str,
    subject: str | None,
    count_start: int,
    skip: tuple[tuple[int, int], ...] = (),
) -> str | None:
    """The ISO3 code of the country whose people are counted.

    Args:
        sentence: The sentence carrying the claim.
        subject: The counted noun phrase, if known ("North Korean soldiers").
        count_start: Offset of the quantity in the sentence.
        skip: Spans (the speakers' names) whose countries are not the actor.

    Returns:
        An ISO3 code, or ``None`` when no country is named near the count.
    """
    if subject:
        found = _COUNTRY_RE.search(subject)
        if found:
            return COUNTRIES[found.group(0)]
    subjects: list[str] = []
    groups: list[str] = []
    others: list[str] = []
    for match in _COUNTRY_RE.finditer(sentence, 0, count_start):
        following = sentence[match.end() : count_start]
        if any(a <= match.start() < b for a, b in skip):
            continue
        if following.startswith(("'s", "’s", " (", ",")) or _LOCATIVE.search(
            sentence, 0, match.start()
        ):
            continue
        code = COUNTRIES[match.group(0)]
        if _VERB_AFTER.match(following):
            subjects.append(code)
        elif _GROUP_AFTER.match(following):
            groups.append(code)
        else:
            others.append(code)
    if subjects:
        return subjects[-1]
    if groups:
        return groups[-1]
    return others[0] if others else None


def location_for(sentence: str, noun_end: int) -> str | None:
    """Where the counted people are, from the place phrases of the sentence.

    Args:
        sentence: The sentence carrying the claim.
        noun_end: Offset just after the counted noun; places after it are preferred.

    Returns:
        A place name as written in :data:`PLACES`, or ``None``.
    """
    after = [m for m in _PLACE_RE.finditer(sentence) if m.start() >= noun_end]
    candidates = after or list(_PLACE_RE.finditer(sentence))
    if not candidates:
        anywhere = _ANY_PLACE.search(sentence)
        return _canonical_place(anywhere.group("place")) if anywhere else None
    # a more specific place in the same sentence wins over the country ("to Russia ... in Kursk")
    for match in candidates:
        if match.group("place").startswith(("Kursk", "Russian Far East", "Far East")):
            return _canonical_place(match.group("place"))
    return _canonical_place(candidates[0].group("place"))


def _canonical_place(place: str) -> str:
    return re.sub(r"\s+(?:region|Oblast)$", "", place)
