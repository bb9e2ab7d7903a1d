"""Time expressions resolved against the publication date, per the claims conventions.

Each pattern in :data:`_RULES` pairs a regular expression with a resolver that returns
``(start, end)`` dates. Choices the conventions leave open:

* A month named without a year is its most recent occurrence on or before publication, except
  after "as early as", "next", or "by", where it is the current year's (or the next) month;
  "last October" is the most recent October before publication's month.
* "in the coming months" is publication .. the end of the third calendar month after
  publication's month (weeks: + 21 days, days: + 7).
* "this year" and "earlier this year" run from 1 January to publication; "later this year" and
  "by the end of the year" from publication to 31 December.
* "by <month>" and "by mid-January" are that month (or part of it), like "in <month>", except
  that a month already past in a sentence about what will happen is the coming one.
* "earlier this week" runs from that week's Monday to the day before publication, and "earlier
  this month" from the 1st to the day before publication.
* Seasons are meteorological (spring Mar-May, summer Jun-Aug, autumn Sep-Nov, winter Dec-Feb),
  the most recent one on or before publication; "last autumn" the most recent completed one.
* "since X" and "starting X" run from the start of X to publication.
* Month parts: early = 1-10, mid = 11-20, late = 21-end. Year parts: early = Jan-Apr,
  mid = May-Aug, late = Sep-Dec.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["TimeMention", "find_times"]

_MONTHS: dict[str, int] = {}
for _number, _name in enumerate(calendar.month_name):
    if _name:
        _MONTHS[_name.lower()] = _number
        _MONTHS[_name[:3].lower()] = _number
_MONTHS["sept"] = 9
_WEEKDAYS = {name.lower(): index for index, name in enumerate(calendar.day_name)}

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_PART = r"(?:early|mid|late|the\s+end\s+of|end\s+of|the\s+start\s+of|the\s+beginning\s+of)"
_YEAR = r"(?:19|20)\d\d"


@dataclass(frozen=True, slots=True)
class TimeMention:
    """A time expression in a sentence, resolved to ISO dates.

    Attributes:
        start, end: Character offsets relative to the sentence.
        kind: ``"point"`` for a day or interval, ``"since"`` for "since X" (ends at publication),
            ``"by"`` for "by X" (no start), ``"coming"`` for "in the coming months".
        precise: A calendar date was written ("Oct. 8", "Jan. 11, 2025").
        point: The interval the expression names by itself ("last October" in "starting last
            October"), for the sub-group it began with.
    """

    start: int
    end: int
    text: str
    date_start: str | None
    date_end: str | None
    kind: str
    precise: bool = False
    point: tuple[str | None, str] | None = None


Span = tuple[dt.date | None, dt.date]


def _month_number(word: str) -> int:
    return _MONTHS[word.lower().rstrip(".")]


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _part_of_month(part: str | None, year: int, month: int) -> tuple[dt.date, dt.date]:
    last = calendar.monthrange(year, month)[1]
    key = (part or "").lower().split()[-1] if part else ""
    if key == "early" or key in ("start", "beginning"):
        return dt.date(year, month, 1), dt.date(year, month, 10)
    if key == "mid":
        return dt.date(year, month, 11), dt.date(year, month, 20)
    if key == "late" or key == "of":
        return dt.date(year, month, 21), dt.date(year, month, last)
    return dt.date(year, month, 1), dt.date(year, month, last)


def _part_of_year(part: str | None, year: int) -> tuple[dt.date, dt.date]:
    key = (part or "").lower().split()[-1] if part else ""
    if key == "early" or key in ("start", "beginning"):
        return dt.date(year, 1, 1), dt.date(year, 4, 30)
    if key == "mid":
        return dt.date(year, 5, 1), dt.date(year, 8, 31)
    if key == "late" or key == "of":
        return dt.date(year, 9, 1), dt.date(year, 12, 31)
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _past_year(month: int, pub: dt.date) -> int:
    return pub.year if month <= pub.month else pub.year - 1


def _future_year(month: int, pub: dt.date) -> int:
    return pub.year if month >= pub.month else pub.year + 1


def _last_weekday(name: str, pub: dt.date) -> dt.date:
    return pub - dt.timedelta(days=(pub.weekday() - _WEEKDAYS[name.lower()]) % 7)


def _r_weekdays(m: re.Match[str], pub: dt.date) -> Span:
    last = _last_weekday(m.group("d2") or m.group("d1"), pub)
    first = last - dt.timedelta(days=(last.weekday() - _WEEKDAYS[m.group("d1").lower()]) % 7)
    return first, last


def _r_date(m: re.Match[str], pub: dt.date) -> Span:
    month = _month_number(m.group("m"))
    year = int(m.group("y")) if m.group("y") else _past_year(month, pub)
    first = dt.date(year, month, int(m.group("d1")))
    groups = m.groupdict()
    last_month = _month_number(groups["m2"]) if groups.get("m2") else month
    last_year = year + (1 if last_month < month else 0)
    last = dt.date(last_year, last_month, int(groups["d2"])) if groups.get("d2") else first
    return first, last


_FUTURE_SENTENCE = re.compile(
    r"\b(?:will|would|might|may|could|plans?|planning|planned|preparing|prepares|expected|"
    r"expects|intends?|set\s+to|likely\s+to)\b",
    re.IGNORECASE,
)


def _r_month_part(m: re.Match[str], pub: dt.date) -> Span:
    month = _month_number(m.group("m"))
    lead = (m.group("lead") or "").lower()
    if m.group("y"):
        year = int(m.group("y"))
    elif lead == "by":
        # "by March" is this year's March; in a sentence about what will happen ("might send
        # more troops by mid-January", written in December) it is the coming one
        year = pub.year
        if month < pub.month and _FUTURE_SENTENCE.search(m.string):
            year += 1
    elif lead in ("next", "as early as", "until", "before"):
        year = _future_year(month, pub)
    elif lead == "last":
        year = pub.year if month < pub.month else pub.year - 1
    else:
        year = _past_year(month, pub)
    return _part_of_month(m.group("part"), year, month)


def _r_months(m: re.Match[str], pub: dt.date) -> Span:
    first_m, last_m = _month_number(m.group("m1")), _month_number(m.group("m2"))
    lead = (m.group("lead") or "").lower()
    if m.group("y"):
        year = int(m.group("y"))
    elif lead:
        year = _future_year(first_m, pub)
    else:
        year = _past_year(last_m, pub)
    first_year = year if first_m <= last_m else year - 1
    return dt.date(first_year, first_m, 1), _month_end(year, last_m)


def _r_year_part(m: re.Match[str], pub: dt.date) -> Span:
    rel = (m.group("rel") or "").lower()
    year = int(m.group("y")) if m.group("y") else pub.year - (1 if rel == "last" else 0)
    if rel == "next":
        year = pub.year + 1
    return _part_of_year(m.group("part"), year)


def _r_relative_month(m: re.Match[str], pub: dt.date) -> Span:
    rel = m.group("rel").lower()
    year, month = pub.year, pub.month
    if rel == "last":
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    elif rel == "next":
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    first, last = _part_of_month(m.group("part"), year, month)
    if rel == "this" and m.group("earlier") and not m.group("part"):
        # "earlier this month", like "earlier this week": up to the day before publication
        return first, max(first, pub - dt.timedelta(days=1))
    if rel == "this" and not m.group("part"):
        return first, pub  # "this month": the 1st to publication
    if (m.group("earlier") or m.group("part")) and rel == "this":
        return first, pub if m.group("earlier") else last
    return first, last


def _r_week(m: re.Match[str], pub: dt.date) -> Span:
    monday = pub - dt.timedelta(days=pub.weekday())
    rel = m.group("rel").lower()
    if rel == "this" and m.group("earlier"):
        return monday, max(monday, pub - dt.timedelta(days=1))
    if rel == "last":
        return monday - dt.timedelta(days=7), monday - dt.timedelta(days=1)
    if rel == "next":
        return monday + dt.timedelta(days=7), monday + dt.timedelta(days=13)
    return monday, pub


def _r_weekend(m: re.Match[str], pub: dt.date) -> Span:
    sunday = _last_weekday("sunday", pub)
    if pub.weekday() == 5:
        return pub, pub
    return sunday - dt.timedelta(days=1), sunday


def _r_coming(m: re.Match[str], pub: dt.date) -> Span:
    unit = m.group("unit").lower()
    if unit == "months":
        month = pub.month + 3
        year = pub.year + (month - 1) // 12
        return pub, _month_end(year, (month - 1) % 12 + 1)
    days = {"weeks": 21, "days": 7}[unit]
    return pub, pub + dt.timedelta(days=days)


_SEASONS = {
    "spring": (3, 5),
    "summer": (6, 8),
    "autumn": (9, 11),
    "fall": (9, 11),
    "winter": (12, 2),
}


def _next_season(season: str, pub: dt.date) -> tuple[dt.date, dt.date]:
    """The season not yet over at publication (the current one, else the next)."""
    first_m, last_m = _SEASONS[season.lower()]
    for year in (pub.year - 1, pub.year, pub.year + 1):
        end_year = year + (1 if last_m < first_m else 0)
        if _month_end(end_year, last_m) >= pub:
            return dt.date(year, first_m, 1), _month_end(end_year, last_m)
    raise ValueError(season)


def _r_season_end(m: re.Match[str], pub: dt.date) -> Span:
    """ "by the end of the summer": publication to the end of that season."""
    return pub, _next_season(m.group("season"), pub)[1]


def _r_first_months(m: re.Match[str], pub: dt.date) -> Span:
    """ "the first two months of the year", "the first half of 2025", "the last three months"."""
    year = int(m.group("y")) if m.group("y") else pub.year
    count = (m.group("n") or m.group("n2") or "").lower()
    months = 6 if count == "half" else _COUNTS.get(count, 1)
    if m.group("which").lower() == "first":
        return dt.date(year, 1, 1), _month_end(year, months)
    return dt.date(year, 13 - months, 1), dt.date(year, 12, 31)


_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "2": 2, "3": 3, "4": 4, "6": 6}


def _r_season(m: re.Match[str], pub: dt.date) -> Span:
    first_m, last_m = _SEASONS[m.group("season").lower()]
    rel = (m.group("rel") or "").lower()
    lead = (m.group("lead") or "").lower()
    if lead and not m.group("y") and not rel:
        # "by the autumn": the season to come; "before the autumn": publication until it starts
        start, end = _next_season(m.group("season"), pub)
        if lead == "before" and start > pub:
            return pub, start - dt.timedelta(days=1)
        return start, end
    if m.group("y"):
        year = int(m.group("y"))
        start = dt.date(year, first_m, 1)
    else:
        # the most recent season started on or before publication ("last": completed by then)
        year = pub.year
        start = dt.date(year, first_m, 1)
        while start > pub:
            year -= 1
            start = dt.date(year, first_m, 1)
        end_year = year + (1 if last_m < first_m else 0)
        if rel == "last" and _month_end(end_year, last_m) >= pub:
            year -= 1
        elif rel == "next":
            year += 1
        start = dt.date(year, first_m, 1)
    end_year = year + (1 if last_m < first_m else 0)
    return start, _month_end(end_year, last_m)


def _r_year_end(m: re.Match[str], pub: dt.date) -> Span:
    year = int(m.group("y")) if m.group("y") else pub.year
    end = dt.date(year, 12, 31)
    return (pub if pub <= end else dt.date(year, 1, 1)), end


def _r_day(m: re.Match[str], pub: dt.date) -> Span:
    earlier = m.group(0).lower() in ("yesterday", "last night")
    day = pub - dt.timedelta(days=1) if earlier else pub
    return day, day


#: Russia's full-scale invasion of Ukraine, the one named event a report on this war dates by.
FULL_SCALE_INVASION = dt.date(2022, 2, 24)


def _r_invasion(m: re.Match[str], pub: dt.date) -> Span:
    return FULL_SCALE_INVASION, pub


def _r_year(m: re.Match[str], pub: dt.date) -> Span:
    year = int(m.group("y"))
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


Resolver = Callable[[re.Match[str], dt.date], Span]

_LEAD = r"(?:(?P<lead>as\s+early\s+as|next|last|by|until|before)\s+)?"
_RULES: tuple[tuple[re.Pattern[str], Resolver], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE if flags else 0), resolver)
    for pattern, resolver, flags in (
        (
            rf"\b(?:by|before|until)\s+(?:the\s+)?(?:end\s+of\s+(?:the\s+|this\s+)?"
            rf"(?:year|(?P<y>{_YEAR}))|year[-\s]end)\b|\blater\s+this\s+year\b",
            _r_year_end,
            True,
        ),
        (
            r"\b(?:by|before|until)\s+(?:the\s+)?end\s+of\s+(?:the\s+|this\s+)?"
            r"(?P<season>spring|summer|autumn|fall|winter)\b",
            _r_season_end,
            True,
        ),
        (
            rf"\b(?:during\s+|in\s+|over\s+)?the\s+(?P<which>first|last)\s+(?:(?P<n>two|three|four|"
            rf"five|six|[2-6])\s+months|(?P<n2>half))\s+of\s+(?:the\s+year|this\s+year|"
            rf"(?P<y>{_YEAR}))\b",
            _r_first_months,
            True,
        ),
        (
            rf"\b(?P<d1>\d{{1,2}})\s+(?P<m>{_MONTH})(?:,?\s+(?P<y>{_YEAR}))?\b",
            _r_date,
            False,
        ),
        (
            r"\bsince\s+the\s+(?:start|beginning|launch)\s+of\s+(?:the\s+|Russia['’]s\s+)?"
            r"full[-\s]scale\s+(?:invasion|war)\b",
            _r_invasion,
            True,
        ),
        (
            rf"\b(?:between\s+)?(?P<m>{_MONTH})\s+(?P<d1>\d{{1,2}})(?:\s*(?:-|–|and|to)\s*"
            rf"(?:(?P<m2>{_MONTH})\s+)?(?P<d2>\d{{1,2}}))?(?:,?\s+(?P<y>{_YEAR}))?\b(?![,.]?\d)",
            _r_date,
            False,
        ),
        (
            rf"\b{_LEAD}(?:in\s+)?(?P<m1>{_MONTH})\s+(?:and|or|to|through|-)\s+"
            rf"(?P<m2>{_MONTH})(?:\s+(?P<y>{_YEAR}))?\b",
            _r_months,
            False,
        ),
        (
            rf"\b{_LEAD}(?:in\s+)?(?:(?P<part>{_PART})[-\s]+)?(?P<m>{_MONTH})(?:,?\s+(?P<y>{_YEAR}))?\b",
            _r_month_part,
            False,
        ),
        (
            rf"\b(?:(?P<part>{_PART})[-\s]+)(?:(?P<y>{_YEAR})|(?P<rel>last|this|next)\s+year)\b",
            _r_year_part,
            True,
        ),
        (
            rf"\b(?P<earlier>earlier\s+)?(?:(?P<part>{_PART})\s+)?(?P<rel>last|this|next)\s+month\b",
            _r_relative_month,
            True,
        ),
        (r"\b(?P<earlier>earlier\s+)?(?P<rel>last|this|next)\s+week\b", _r_week, True),
        (r"\b(?:at|over|during)\s+the\s+weekend\b|\blast\s+weekend\b", _r_weekend, True),
        (
            rf"\b(?:on\s+)?(?P<d1>{_WEEKDAY})(?:\s+(?:and|or|to|through)\s+(?P<d2>{_WEEKDAY}))?\b",
            _r_weekdays,
            False,
        ),
        (r"\b(?:in|over)\s+the\s+(?:coming|next)\s+(?P<unit>months|weeks|days)\b", _r_coming, True),
        (r"\byesterday\b|\btoday\b|\blast\s+night\b", _r_day, True),
        (
            rf"\b(?:(?P<lead>by|before|until)\s+)?(?:(?:in|during|over)\s+)?"
            rf"(?:(?P<rel>last|this|next)\s+|the\s+)?(?P<season>spring|summer|autumn|fall|winter)(?:\s+(?:of\s+)?(?P<y>{_YEAR}))?\b",
            _r_season,
            True,
        ),
        (rf"\b(?:in|since|by|during|of)\s+(?P<y>{_YEAR})\b(?!-)", _r_year, True),
    )
)
_THIS_YEAR = re.compile(r"\b(?P<earlier>earlier\s+)?(?P<rel>this|last|next)\s+year\b", re.I)
_SINCE = re.compile(r"\b(?:since|starting(?:\s+in|\s+from)?|beginning\s+in)\s+$", re.IGNORECASE)
_BY = re.compile(r"\bby\s+$", re.IGNORECASE)
#: "since May", "in March", "early-May": the month, not the modal verb or the verb.
_MONTH_LEAD = re.compile(
    r"\b(?:since|in|by|until|before|from|through|during|of|early|late|mid|last|next)[-\s]+$",
    re.IGNORECASE,
)


def _plain_year(m: re.Match[str], pub: dt.date) -> Span:
    rel = m.group("rel").lower()
    year = pub.year + {"this": 0, "last": -1, "next": 1}[rel]
    if rel == "this":
        return dt.date(year, 1, 1), pub
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def find_times(sentence: str, published: dt.date) -> list[TimeMention]:
    """Every time expression in ``sentence``, resolved against ``published``.

    Args:
        sentence: One sentence.
        published: The report's publication date.

    Returns:
        Non-overlapping mentions in text order (earlier rules win overlaps).
    """
    taken: list[tuple[int, int]] = []
    mentions: list[TimeMention] = []
    rules: tuple[tuple[re.Pattern[str], Resolver], ...] = (*_RULES, (_THIS_YEAR, _plain_year))
    for pattern, resolver in rules:
        for match in pattern.finditer(sentence):
            lo, hi = match.span()
            if any(lo < b and a < hi for a, b in taken):
                continue
            if (
                match.group(0).strip().lower() in ("may", "march")
                and resolver is _r_month_part
                and not _MONTH_LEAD.search(sentence, 0, lo)
            ):
                continue  # the modal verb and the verb, not the months
            if resolver is _r_season and match.group(0).strip().lower() == "fall":
                continue  # the verb, not the season
            try:
                first, last = resolver(match, published)
            except (ValueError, KeyError):
                continue
            before = sentence[:lo]
            kind = "point"
            point = (first.isoformat() if first else None, last.isoformat())
            if resolver is _r_invasion:
                kind = "since"
            elif _SINCE.search(before):
                kind, first, last = "since", first, published
                lo = _SINCE.search(before).start()  # type: ignore[union-attr]
            elif resolver is _r_year_end:
                kind = "by"
            elif _BY.search(before) or match.group(0).lower().startswith("by "):
                kind = "by"  # "by September": the month itself, per the corpus rules
            elif resolver is _r_coming:
                kind = "coming"
            taken.append((lo, hi))
            mentions.append(
                TimeMention(
                    lo,
                    hi,
                    sentence[lo:hi],
                    first.isoformat() if first else None,
                    last.isoformat(),
                    kind,
                    resolver is _r_date,
                    point,
                )
            )
    mentions.sort(key=lambda mention: mention.start)
    return mentions
