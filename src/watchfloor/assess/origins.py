"""Origins: which claims trace to the same first public statement.

Ten outlets repeating one briefing are one source, not ten. Claims are grouped (union-find)
when they are the same statement relayed: the same figure in a wire copy (:mod:`.wire`); one
speaker within :data:`SAME_DAY_HOURS` (one briefing, whatever figures it gave); a compatible
figure from the same speaker, or relayed through a chain, within :data:`ECHO_DAYS`; officials
of one government on one day about one figure; and restatements ("background") joined to the
older statement they restate. A claim whose sentence calls its source independent is grouped
only with its own speaker. The rules and constants are set out in ``docs/methods.md``.
Origin ids read as ``<speaker>-<first date>`` (``national-intelligence-service-2024-10-18``).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from watchfloor.assess.evidence import ClaimRecord, SourceInfo, event_window, plausible_interval
from watchfloor.assess.wire import wire_copies

__all__ = ["ECHO_DAYS", "SAME_DAY_HOURS", "OriginAssignment", "assign_origins", "speaker_key"]

#: Echoes of one statement appear within this many days of its first report.
ECHO_DAYS = 7
#: Officials of one government "on one day": within this many hours of each other.
SAME_DAY_HOURS = 30
#: How many of a candidate group's latest claims a new claim is compared with.
_PER_GROUP = 8
#: How far back an index is scanned for candidates.
_SCAN = 256

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
    # A denial is a new statement by whoever denies: the chain names the figure's origin
    # first and the denier after it.
    origin = chain[-1] if claim.modality == "denied" and len(chain) > 1 else chain[0]
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


def _relays(a: _Voice, b: _Voice) -> bool:
    """One speaker: the same origin, or one's origin relayed in the other's chain."""
    if a.origin == b.origin:
        return True
    if a.independent or b.independent:
        return False
    return a.origin in b.chain or b.origin in a.chain


def _one_government(a: _Voice, b: _Voice) -> bool:
    """Officials or agencies of one country (neither called independent)."""
    if a.independent or b.independent:
        return False
    return a.government is not None and a.government == b.government


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
    # Candidates come from indexes (speaker names, governments, wire stories), scanned back
    # only as far as a rule can reach, so grouping stays near-linear in the number of claims.
    by_speaker: dict[str, list[int]] = defaultdict(list)
    by_government: dict[str, list[int]] = defaultdict(list)
    by_copy: dict[int, list[int]] = defaultdict(list)
    echo = dt.timedelta(days=ECHO_DAYS + 1)
    same_day = dt.timedelta(hours=SAME_DAY_HOURS)
    for i, claim in enumerate(ordered):
        if claim.background:
            continue  # restatements are placed afterwards, against older statements only
        voice = voices[i]
        candidates: set[int] = set()
        for name in voice.chain | {voice.origin}:
            candidates.update(_recent(by_speaker.get(name, []), ordered, claim.published - echo))
        if voice.government:
            candidates.update(
                _recent(
                    by_government.get(voice.government, []), ordered, claim.published - same_day
                )
            )
        root = copies.get(claim.document_id)
        if root is not None:
            candidates.update(by_copy.get(root, [])[-_SCAN:])
        by_group: dict[int, list[int]] = defaultdict(list)
        for j in sorted(candidates, reverse=True):
            members = by_group[groups.find(j)]
            if len(members) < _PER_GROUP:  # a few of each group's latest claims suffice
                members.append(j)
        for group_root, members in by_group.items():
            if groups.find(i) == groups.find(group_root):
                continue
            for j in members:
                if _same_statement(
                    claim, ordered[j], voice, voices[j], copies, ordered[group_root]
                ):
                    groups.union(i, j)
                    break
        for name in voice.chain | {voice.origin}:
            by_speaker[name].append(i)
        if voice.government:
            by_government[voice.government].append(i)
        if root is not None:
            by_copy[root].append(i)
    _join_background(ordered, voices, groups)
    return _name(ordered, voices, groups)


def _recent(
    indices: Sequence[int], ordered: Sequence[ClaimRecord], since: dt.datetime
) -> list[int]:
    """The tail of a time-ordered index list published at or after ``since`` (at most
    :data:`_SCAN` entries: in a burst of claims, older ones are grouped with newer ones)."""
    out: list[int] = []
    for j in reversed(indices[-_SCAN:]):
        if ordered[j].published < since:
            break
        out.append(j)
    return out


def _same_statement(
    claim: ClaimRecord,
    other: ClaimRecord,
    voice: _Voice,
    other_voice: _Voice,
    copies: Mapping[int, int],
    first: ClaimRecord,
) -> bool:
    """Whether ``claim`` relays the statement ``other`` (earlier) belongs to."""
    hours = (claim.published - other.published).total_seconds() / 3600
    if (
        claim.document_id in copies
        and other.document_id in copies
        and claim.document_id != other.document_id
        and copies[claim.document_id] == copies[other.document_id]
        and (claim.measure, claim.low, claim.high) == (other.measure, other.low, other.high)
    ):
        return True  # the same figure in a wire copy
    relayed = _relays(voice, other_voice)
    if relayed and hours <= SAME_DAY_HOURS:
        return True  # one speaker, one day: one briefing, whatever figures it gave
    if (claim.published - first.published).days > ECHO_DAYS or not _compatible(claim, other):
        return False
    if relayed:
        return True  # an echo of the figure, days later
    return _one_government(voice, other_voice) and hours <= SAME_DAY_HOURS


def _copy_roots(ordered: Sequence[ClaimRecord], texts: Mapping[int, str] | None) -> dict[int, int]:
    if not texts:
        return {}
    seen: list[int] = []
    for claim in ordered:
        if claim.document_id not in seen and claim.document_id in texts:
            seen.append(claim.document_id)
    return wire_copies((doc, texts[doc]) for doc in seen)


def _join_background(
    ordered: Sequence[ClaimRecord], voices: Sequence[_Voice], groups: _Groups
) -> None:
    """Restatements join the older statement they restate.

    Candidates are older non-background claims with a compatible figure; a restatement that
    names a speaker considers only that speaker's statements. The best candidate was made
    within the restatement's own time ("said in December"), then has the closest figure,
    then is the most recent. Restatements of a statement not in the store (the original
    briefing was never ingested) group with each other by speaker and figure.
    """
    unplaced: list[int] = []
    for i, claim in enumerate(ordered):
        if not claim.background:
            continue
        cutoff = claim.published - dt.timedelta(hours=12)
        named = not voices[i].origin.startswith("outlet:")
        window = event_window(claim) if claim.time_start else None
        best: tuple[tuple[int, float, float], int] | None = None
        for j in range(i):
            other = ordered[j]
            if other.published > cutoff or other.background or not _compatible(claim, other):
                continue
            if named and not _relays(voices[i], voices[j]):
                continue
            day = other.published.date()
            inside = window is not None and window[0] <= day <= window[1]
            rank = (0 if inside else 1, _distance(claim, other), -other.published.timestamp())
            if best is None or rank < best[0]:
                best = (rank, j)
        if best is not None:
            groups.union(i, groups.find(best[1]))
        else:
            unplaced.append(i)
    for n, i in enumerate(unplaced):
        for j in unplaced[:n]:
            if _relays(voices[i], voices[j]) and _compatible(ordered[i], ordered[j]):
                groups.union(i, j)
                break


def _distance(a: ClaimRecord, b: ClaimRecord) -> float:
    """How far apart two figures are, as |log ratio| of their representative values."""
    va, vb = a.value, b.value
    if va is None or vb is None or va <= 0 or vb <= 0:
        return math.inf
    return abs(math.log(va / vb))


def _name(
    ordered: Sequence[ClaimRecord], voices: Sequence[_Voice], groups: _Groups
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
