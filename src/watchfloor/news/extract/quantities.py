"""Quantities: a number with its hedge, turned into a bound and a low/high interval.

The hedge tables below are the claims conventions' "Quantity and bound" table written as data:
"about 4,000" is approx, "more than 3,000" a lower bound, "up to 12,000" an upper bound,
"between 25,000 and 30,000" a range, "thousands" a vague interval. Numbers that are years, dates,
times, ordinals or carry a unit ("170mm", "3,000-tonne", "15 percent") are dropped here, before
any people noun is looked for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from watchfloor.news.claim import Bound
from watchfloor.news.extract.numbers import NUMBER, parse_number

__all__ = ["HEDGES", "VAGUE", "Quantity", "coordinated", "find_quantities", "share_hedges"]

#: Hedge phrase (lower case) → bound it gives a single number.
HEDGES: dict[str, Bound] = {
    "about": "approx",
    "around": "approx",
    "some": "approx",
    "roughly": "approx",
    "approximately": "approx",
    "an estimated": "approx",
    "the estimated": "approx",
    "estimated": "approx",
    "an approximate": "approx",
    "approximate": "approx",
    "more than": "lower",
    "over": "lower",
    "at least": "lower",
    "exceeded": "lower",
    "surpassed": "lower",
    "exceeding": "lower",
    "exceeds": "lower",
    "exceed": "lower",
    "passed": "lower",
    "topped": "lower",
    "well over": "lower",
    "just over": "lower",
    "well above": "lower",
    "in excess of": "lower",
    "upwards of": "lower",
    "no fewer than": "lower",
    "no less than": "lower",
    "as many as": "upper",
    "as high as": "upper",
    "up to": "upper",
    "nearly": "upper",
    "almost": "upper",
    "close to": "upper",
    "fewer than": "upper",
    "less than": "upper",
    "at most": "upper",
    "no more than": "upper",
    "just under": "upper",
    "or more": "lower",
    "or so": "approx",
    "give or take": "approx",
    "north of": "lower",
    "something like": "approx",
}

#: Vague quantity phrase (lower case) → documented (low, high) interval.
VAGUE: dict[str, tuple[float, float]] = {
    "tens of thousands": (20_000, 99_999),
    "hundreds of thousands": (200_000, 999_999),
    "several thousand": (2_000, 9_999),
    "a few thousand": (2_000, 9_999),
    "few thousand": (2_000, 9_999),
    "several hundred": (200, 999),
    "a few hundred": (200, 999),
    "few hundred": (200, 999),
    "several dozen": (24, 99),
    "a few dozen": (24, 99),
    "dozens": (24, 99),
    "hundreds": (200, 999),
    "thousands": (2_000, 9_999),
}

_HEDGE_RE = "|".join(
    re.escape(h).replace(r"\ ", r"\s+")
    for h in sorted(HEDGES, key=len, reverse=True)
    if h not in ("or more", "or so", "give or take")  # after the number: "10,000 or more troops"
)
_VAGUE_RE = "|".join(
    re.escape(v).replace(r"\ ", r"\s+") for v in sorted(VAGUE, key=len, reverse=True)
)
_QUOTE = r"[\"“”'‘’]?"

_QUANTITY = re.compile(
    rf"(?:\b(?P<hedge>{_HEDGE_RE})\s+)?{_QUOTE}"
    rf"(?:(?P<between>between|from)\s+(?P<a>{NUMBER})\s+(?:and|to)\s+(?P<b>{NUMBER})"
    rf"|\b(?P<vague>{_VAGUE_RE})\b"
    rf"|(?P<n1>{NUMBER})(?:\s*(?:-|–|—|\bto\b|\bor\b)\s*(?P<n2>{NUMBER}))?)",
    re.IGNORECASE,
)

_MONTHS = (
    r"jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|"
    r"july|august|september|october|november|december"
)
_DATE_BEFORE = re.compile(rf"\b(?:{_MONTHS})\.?\s*$", re.IGNORECASE)
_DATE_AFTER = re.compile(rf"^\s*(?:{_MONTHS})\b", re.IGNORECASE)
_UNIT_AFTER = re.compile(
    r"^(?:[A-Za-z%°$€£]|-(?!strong\b)[A-Za-z]|:\d|\s*(?:%|percent\b|per\s+cent\b|km\b|kms\b|"
    r"kilomet(?:er|re)s?\b|miles?\b|square\b|sq\b|mm\b|cm\b|metres?\b|meters?\b|tonnes?\b|"
    r"tons?\b|years?\b|months?\b|weeks?\b|days?\b|hours?\b|minutes?\b|dollars?\b|won\b|"
    r"rubles?\b|roubles?\b|euros?\b|pounds?\b|(?:st|nd|rd|th)\b))"
)
_OR_MORE = re.compile(r"^,?\s+(?:or\s+(?:more|above|so)|give\s+or\s+take)\b", re.IGNORECASE)
#: A verb whose particle "over" is no hedge ("hand over two soldiers").
_PARTICLE_VERB = re.compile(
    r"\b(?:hand|hands|handed|handing|turn|turns|turned|turning|take|takes|took|taken|taking|"
    r"give|gives|gave|given|giving|sign|signed|pass|passed|passing)\s+$",
    re.IGNORECASE,
)
_BAD_BEFORE = re.compile(r"(?:[A-Za-z$€£#]-?|\d[.,]?|[.:/])$")


@dataclass(frozen=True, slots=True)
class Quantity:
    """A hedged number in a sentence, with character offsets relative to the sentence.

    Attributes:
        start, end: The whole expression, hedge included.
        number_start: Where the number itself (after the hedge) starts.
        hedge: The hedge words as written ("about", "between"), or ``None``.
    """

    start: int
    end: int
    number_start: int
    low: float | None
    high: float | None
    bound: Bound
    hedge: str | None
    text: str

    def with_hedge(self, hedge: str, bound: Bound) -> Quantity:
        """The same number under a hedge shared with a coordinated neighbour."""
        value = self.low if self.low is not None else self.high
        low = value if bound in ("approx", "lower") else None
        high = value if bound in ("approx", "upper") else None
        return Quantity(self.start, self.end, self.number_start, low, high, bound, hedge, self.text)


def _is_year(text: str) -> bool:
    return bool(re.fullmatch(r"(19|20)\d\d|2100", text.strip()))


def _single(value: float, hedge: str | None) -> tuple[float | None, float | None, Bound]:
    bound: Bound = HEDGES.get(" ".join(hedge.lower().split()), "approx") if hedge else "exact"
    low = value if bound in ("exact", "approx", "lower") else None
    high = value if bound in ("exact", "approx", "upper") else None
    return low, high, bound


#: "one in three soldiers", "two out of every five": both numbers of a ratio.
_ONE_IN = re.compile(
    r"\b(?:one|two|three|four|\d)\s+(?:in|out\s+of)\s+(?:every\s+)?$", re.IGNORECASE
)
_IN_N = re.compile(
    r"\s+(?:in|out\s+of)\s+(?:every\s+)?(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\b"
    r"(?![\s-]+(?:\w+\s+)?(?:days?|weeks?|months?|years?|hours?|waves?|batches|groups|rounds|"
    r"stages|phases|echelons|places|villages|regions|areas))",
    re.IGNORECASE,
)


def find_quantities(sentence: str) -> list[Quantity]:
    """Every hedged number in ``sentence`` that could be a count (not a year, date or unit).

    Args:
        sentence: One sentence of text.

    Returns:
        Quantities in text order, offsets relative to ``sentence``.
    """
    found: list[Quantity] = []
    for match in _QUANTITY.finditer(sentence):
        hedge = match.group("hedge")
        number_start = match.end("hedge") if hedge else match.start()
        while number_start < len(sentence) and sentence[number_start] in " \t\"“”'‘’":
            number_start += 1
        start = match.start()
        if hedge and hedge.lower() == "over" and _PARTICLE_VERB.search(sentence, 0, start):
            hedge, start = None, number_start  # "hand over two soldiers": no hedge
        before = sentence[:start]
        after = sentence[match.end() :]
        if _BAD_BEFORE.search(before) or _UNIT_AFTER.match(after):
            continue
        if match.group("vague"):
            low_v, high_v = VAGUE[" ".join(match.group("vague").lower().split())]
            quantity = Quantity(
                start,
                match.end(),
                number_start,
                low_v,
                high_v,
                "vague",
                hedge,
                match.group(0),
            )
        elif match.group("between") or match.group("n2"):
            first = match.group("a") or match.group("n1")
            second = match.group("b") or match.group("n2")
            if _is_year(first) or _is_year(second):
                continue
            a_val, b_val = parse_number(first), parse_number(second)
            if a_val is None or b_val is None:
                continue
            if b_val < a_val and b_val < 100 <= a_val:
                continue  # "1950-53" style abbreviations are years, not counts
            if b_val < a_val:
                continue
            label = hedge or match.group("between")
            quantity = Quantity(
                start,
                match.end(),
                number_start,
                a_val,
                b_val,
                "range",
                label,
                match.group(0),
            )
        else:
            text = match.group("n1")
            value = parse_number(text)
            if value is None or (_is_year(text) and not hedge):
                continue
            if _DATE_BEFORE.search(before) or _DATE_AFTER.match(after):
                continue
            if not value.is_integer():
                continue  # "2.5 wounded for every soldier killed": a ratio, not a count
            if _ONE_IN.search(before) or _IN_N.match(after):
                continue  # "one in three soldiers": a ratio, not a count
            stop = match.end()
            or_more = _OR_MORE.match(after)
            if or_more and not hedge:
                tail = or_more.group(0).lower()
                hedge = "or more" if tail.endswith(("more", "above")) else "or so"
                stop += or_more.end()
            low, high, bound = _single(value, hedge)
            if text.lower() == "a dozen" and not hedge:
                bound = "approx"
            quantity = Quantity(
                start,
                stop,
                number_start,
                low,
                high,
                bound,
                hedge,
                sentence[start:stop],
            )
        found.append(quantity)
    return found


_PAIR_GAP = re.compile(r"^[^.;:()\d]{0,80}?(?:\band\b|\bor\b|,)\s*$", re.IGNORECASE)


def share_hedges(sentence: str, quantities: list[Quantity]) -> list[Quantity]:
    """Give an unhedged number the hedge of the number it is coordinated with.

    "around 300 killed and 2,700 wounded" states the hedge once for both numbers.

    Args:
        sentence: The sentence the quantities were found in.
        quantities: :func:`find_quantities` output for that sentence.

    Returns:
        The quantities, with coordinated exact numbers re-hedged.
    """
    shared: list[Quantity] = []
    for index, quantity in enumerate(quantities):
        if index and quantity.bound == "exact":
            previous = shared[index - 1]
            gap = sentence[previous.end : quantity.start]
            if (
                previous.hedge
                and previous.bound in ("approx", "lower", "upper")
                and _PAIR_GAP.match(gap)
            ):
                quantity = quantity.with_hedge(previous.hedge, previous.bound)
        shared.append(quantity)
    return shared


def coordinated(sentence: str, a: Quantity, b: Quantity) -> bool:
    """Whether two quantities of ``sentence`` are a coordinated pair ("300 killed and 2,700")."""
    first, second = (a, b) if a.start < b.start else (b, a)
    return bool(_PAIR_GAP.match(sentence[first.end : second.start]))
