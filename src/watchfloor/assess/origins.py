"""Origins: which claims trace to the same first public statement.

Ten outlets repeating one briefing are one source, not ten. Claims are grouped (union-find)
when they are the same statement relayed:

1. **Wire copies.** Claims of the same figure and measure in documents MinHash finds to be
   copies of one story (:mod:`.wire`).
2. **Echoes.** Claims of one measure with compatible figures (:func:`.evidence.plausible_interval`
   overlaps), published within :data:`ECHO_DAYS` of the group's first claim, whose speakers
   agree: the same origin after alias normalization, or one claim's origin appearing in the
   other's chain (a lawmaker relaying the NIS; CNN relaying unnamed officials).
3. **One government, one day.** Two officials or agencies of the same country speaking within
   :data:`SAME_DAY_HOURS` about a compatible figure are one origin (the claims conventions).
4. **Background.** A claim the extractor marked as restated context joins the earliest older
   group with a compatible figure; it adds no new evidence.

A claim whose sentence calls its source independent ("a separate assessment, reached
independently") is grouped only with its own speaker's claims: never by relay or government.
Origin ids read as ``<speaker>-<first date>`` (``national-intelligence-service-2024-10-18``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from watchfloor.assess.evidence import ClaimRecord, SourceInfo, plausible_interval
from watchfloor.assess.wire import wire_copies

__all__ = ["ECHO_DAYS", "SAME_DAY_HOURS", "OriginAssignment", "assign_origins", "speaker_key"]

#: Echoes of one statement appear within this many days of its first report.
ECHO_DAYS = 7
#: Officials of one government "on one day": within this many hours of each other.
SAME_DAY_HOURS = 30

_INDEPENDENT = re.compile(
    r"\bindependent(?:ly)?\b|\bseparate(?:ly)?\s+(?:assessment|estimate|analysis|count|review|"
    r"report|study)\b|\bown\s+(?:assessment|estimate|count|analysis)\b",
    re.IGNORECASE,
)
_FILLER = re.compile(
    r"^(?:the|a|an|unnamed|anonymous|senior|several|two|three|some|other|top|high-ranking)\s+",
    re.IGNORECASE,
)
_DEMONYMS: dict[str, str] = {
    "south korean": "KOR",
    "south korea's": "KOR",
    "seoul's": "KOR",
    "seoul": "KOR",
    "ukrainian": "UKR",
    "ukraine's": "UKR",
    "kyiv's": "UKR",
    "kyiv": "UKR",
    "us": "USA",
    "u.s.": "USA",
    "american": "USA",
    "washington's": "USA",
    "russian": "RUS",
    "russia's": "RUS",
    "moscow's": "RUS",
    "north korean": "PRK",
    "pyongyang's": "PRK",
    "british": "GBR",
    "uk": "GBR",
    "britain's": "GBR",
}
_GOVERNMENT_WORDS = re.compile(
    r"\b(?:officials?|intelligence|military|government|ministry|defen[cs]e|lawmakers?|"
    r"spokesm[ae]n|sources?|authorities|agency|command)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class OriginAssignment:
    """The origin a claim belongs to, and whether it is a restatement of an older one."""

    origin: str
    background: bool


def speaker_key(name: str, aliases: Mapping[str, str]) -> str:
    """A speaker's name, normalized: aliases applied, casefolded, filler words dropped."""
    key = name.strip().casefold()
    for _ in range(3):
        stripped = _FILLER.sub("", key)
        if stripped == key:
            break
        key = stripped
    return aliases.get(key, aliases.get(name.strip().casefold(), key)).casefold()


class _Groups:
    """Union-find over claim indices; the root is the earliest claim of the group."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


@dataclass(frozen=True, slots=True)
class _Voice:
    """Who a claim's figure comes from, as far as grouping needs to know."""

    origin: str
    chain: frozenset[str]
    government: str | None
    independent: bool


def _voice(
    claim: ClaimRecord, aliases: Mapping[str, str], sources: Mapping[str, SourceInfo]
) -> _Voice:
    chain = [speaker_key(n, aliases) for n in claim.attribution] or ["unattributed"]
    origin = chain[0]
    if origin == "unattributed":
        origin = "outlet:" + speaker_key(claim.outlet or "unknown", aliases)
        chain = [origin]
    government = None
    info = sources.get(origin)
    if info is not None and info.kind in ("agency", "official") and info.country:
        government = info.country
    elif info is None and _GOVERNMENT_WORDS.search(origin):
        government = next(
            (
                code
                for word, code in _DEMONYMS.items()
                if re.search(rf"(?<!\w){re.escape(word)}\b", origin)
            ),
            None,
        )
    return _Voice(
        origin=origin,
        chain=frozenset(chain),
        government=government,
        independent=bool(_INDEPENDENT.search(claim.quote)),
    )


def _compatible(a: ClaimRecord, b: ClaimRecord) -> bool:
    if a.measure != b.measure:
        return False
    ia, ib = plausible_interval(a), plausible_interval(b)
    if ia is None or ib is None:
        return ia is None and ib is None
    return ia[0] <= ib[1] and ib[0] <= ia[1]


def _same_speaker(a: _Voice, b: _Voice, hours_apart: float) -> bool:
    if a.origin == b.origin:
        return True
    if a.independent or b.independent:
        return False
    if a.origin in b.chain or b.origin in a.chain:
        return True
    return (
        a.government is not None and a.government == b.government and hours_apart <= SAME_DAY_HOURS
    )


def assign_origins(
    claims: Sequence[ClaimRecord],
    *,
    aliases: Mapping[str, str],
    sources: Mapping[str, SourceInfo],
    texts: Mapping[int, str] | None = None,
) -> dict[int, OriginAssignment]:
    """Group claims by their first public statement.

    Args:
        claims: Every claim to group (grouping is global, so pass all of them).
        aliases: Casefolded alias → canonical source name.
        sources: Casefolded canonical source name → its :class:`SourceInfo`.
        texts: Document id → text, for finding wire copies; None skips that step.

    Returns:
        Claim id → its origin id and background flag.
    """
    order = sorted(
        range(len(claims)),
        key=lambda i: (claims[i].published, claims[i].document_id, claims[i].span),
    )
    ordered = [claims[i] for i in order]
    voices = [_voice(c, aliases, sources) for c in ordered]
    groups = _Groups(len(ordered))
    copies = _copy_roots(ordered, texts)
    by_measure: dict[str, list[int]] = {}
    for i, claim in enumerate(ordered):
        earlier = by_measure.setdefault(claim.measure, [])
        for j in earlier:
            other = ordered[j]
            hours = (claim.published - other.published).total_seconds() / 3600
            root = groups.find(j)
            if (
                claim.published - ordered[root].published
            ).days > ECHO_DAYS and not claim.background:
                continue
            if not _compatible(claim, other):
                continue
            same_copy = (
                claim.document_id in copies
                and other.document_id in copies
                and claim.document_id != other.document_id
                and copies[claim.document_id] == copies[other.document_id]
                and (claim.low, claim.high) == (other.low, other.high)
            )
            if same_copy or _same_speaker(voices[i], voices[j], hours):
                groups.union(i, j)
                break
        earlier.append(i)
    _join_background(ordered, groups)
    return _name(ordered, voices, groups, order, claims)


def _copy_roots(ordered: Sequence[ClaimRecord], texts: Mapping[int, str] | None) -> dict[int, int]:
    if not texts:
        return {}
    seen: list[int] = []
    for claim in ordered:
        if claim.document_id not in seen and claim.document_id in texts:
            seen.append(claim.document_id)
    return wire_copies((doc, texts[doc]) for doc in seen)


def _join_background(ordered: Sequence[ClaimRecord], groups: _Groups) -> None:
    """Restatements join the earliest older group with a compatible figure."""
    for i, claim in enumerate(ordered):
        if not claim.background or groups.find(i) != i:
            continue
        cutoff = claim.published - dt.timedelta(hours=12)
        for j in range(i):
            other = ordered[j]
            if other.published <= cutoff and not other.background and _compatible(claim, other):
                groups.union(i, groups.find(j))
                break


def _name(
    ordered: Sequence[ClaimRecord],
    voices: Sequence[_Voice],
    groups: _Groups,
    order: Sequence[int],
    claims: Sequence[ClaimRecord],
) -> dict[int, OriginAssignment]:
    names: dict[int, str] = {}
    used: set[str] = set()
    out: dict[int, OriginAssignment] = {}
    for i, claim in enumerate(ordered):
        root = groups.find(i)
        if root not in names:
            first = ordered[root]
            base = f"{_slug(voices[root].origin)}-{first.published.date().isoformat()}"
            name, n = base, 2
            while name in used:
                name, n = f"{base}-{n}", n + 1
            used.add(name)
            names[root] = name
        older = ordered[root].published.date() < claim.published.date()
        out[claim.id] = OriginAssignment(
            names[root], claim.background and (older or _old_time(claim))
        )
    return out


def _old_time(claim: ClaimRecord) -> bool:
    """The claim's own time ends two weeks or more before its report (old news restated)."""
    if claim.time_end is None:
        return False
    try:
        end = dt.date.fromisoformat(claim.time_end)
    except ValueError:
        return False
    return (claim.published.date() - end).days >= 14


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")
    return slug[:48].rstrip("-") or "unknown"
