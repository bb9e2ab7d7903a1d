"""Score claim extraction against gold labels.

A labelled text is ``NAME.md`` (a report with front matter) beside ``NAME.labels.json``::

    {"published": "2025-06-27", "outlet": "CNN",
     "claims": [{"measure": "troops", "low": 25000, "high": 30000, "bound": "range",
                 "time": {"start": "2025-07-01", "end": "2025-08-31"},
                 "attribution": ["unnamed Ukrainian officials", "CNN"],
                 "anchor": "between 25,000 and 30,000 more soldiers"}]}

A predicted claim matches a gold claim when its span contains the gold anchor's first
character and (measure, low, high) are equal; matching is one-to-one, in text order.
Precision, recall and F1 are over (measure, low, high). Over the matched pairs, the scorer
reports the accuracy of ``bound``, of the resolved time (start and end both equal), and of the
attribution origin (first element, compared casefolded after alias normalization).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from watchfloor.errors import WatchfloorError
from watchfloor.news import parse_report
from watchfloor.news.claim import Claim, NlpMode
from watchfloor.news.extract import extract_claims

__all__ = ["ClaimScore", "score_claims", "score_corpus"]


@dataclass(slots=True)
class ClaimScore:
    """Counts behind the scores; add them up across texts with :meth:`add`."""

    texts: int = 0
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    bound_ok: int = 0
    time_ok: int = 0
    origin_ok: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, other: ClaimScore) -> None:
        """Add the counts of ``other`` to these."""
        self.texts += other.texts
        self.gold += other.gold
        self.predicted += other.predicted
        self.matched += other.matched
        self.bound_ok += other.bound_ok
        self.time_ok += other.time_ok
        self.origin_ok += other.origin_ok
        self.errors.extend(other.errors)

    @property
    def precision(self) -> float:
        """Matched predictions over all predictions."""
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        """Matched gold claims over all gold claims."""
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        """The scores and counts, rounded for printing."""
        matched = self.matched or 1
        return {
            "texts": self.texts,
            "gold": self.gold,
            "predicted": self.predicted,
            "matched": self.matched,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "bound_accuracy": round(self.bound_ok / matched, 4),
            "time_accuracy": round(self.time_ok / matched, 4),
            "origin_accuracy": round(self.origin_ok / matched, 4),
        }


def _norm(name: str, aliases: Mapping[str, str]) -> str:
    key = name.strip().casefold().removeprefix("the ")
    return aliases.get(key, key).casefold()


def score_claims(
    text: str,
    gold: Sequence[Mapping[str, Any]],
    predicted: Sequence[Claim],
    *,
    aliases: Mapping[str, str] | None = None,
    name: str = "<text>",
) -> ClaimScore:
    """Score one text's predicted claims against its gold claims."""
    aliases = aliases or {}
    score = ClaimScore(texts=1, gold=len(gold), predicted=len(predicted))
    used: set[int] = set()
    for label in gold:
        anchor = str(label["anchor"])
        at = text.find(anchor)
        if at < 0:
            raise WatchfloorError(f"{name}: anchor {anchor!r} is not in the text")
        key = (label["measure"], _f(label.get("low")), _f(label.get("high")))
        hit = next(
            (
                i
                for i, c in enumerate(predicted)
                if i not in used
                and c.span[0] <= at < c.span[1]
                and (c.measure, _f(c.low), _f(c.high)) == key
            ),
            None,
        )
        if hit is None:
            score.errors.append(f"{name}: missed {key} at {anchor!r}")
            continue
        used.add(hit)
        claim = predicted[hit]
        score.matched += 1
        score.bound_ok += claim.bound == label.get("bound")
        time = label.get("time") or {}
        wanted_time = (time.get("start"), time.get("end"))
        if (claim.time_start, claim.time_end) == wanted_time:
            score.time_ok += 1
        else:
            got_time = (claim.time_start, claim.time_end)
            score.errors.append(f"{name}: time {got_time}, expected {wanted_time} at {anchor!r}")
        origin = (label.get("attribution") or ["unattributed"])[0]
        got = claim.attribution[0] if claim.attribution else "unattributed"
        if _norm(got, aliases) == _norm(str(origin), aliases):
            score.origin_ok += 1
        else:
            score.errors.append(f"{name}: origin {got!r}, expected {origin!r} at {anchor!r}")
    for i, claim in enumerate(predicted):
        if i not in used:
            score.errors.append(
                f"{name}: spurious {(claim.measure, claim.low, claim.high)} in {claim.quote[:80]!r}"
            )
    return score


def score_corpus(
    folder: Path,
    *,
    nlp: NlpMode = "auto",
    aliases: Mapping[str, str] | None = None,
    extra: Sequence[tuple[Path, Path]] = (),
) -> ClaimScore:
    """Score every ``*.md`` with a ``.labels.json`` beside it under ``folder``.

    ``extra`` adds (text file, labels file) pairs kept elsewhere (the founding article).
    """
    pairs = [
        (p, p.with_name(p.name.removesuffix(".md") + ".labels.json"))
        for p in sorted(folder.rglob("*.md"))
    ]
    pairs = [(t, lab) for t, lab in pairs if lab.is_file()] + list(extra)
    if not pairs:
        raise WatchfloorError(f"{folder}: no labelled texts (NAME.md beside NAME.labels.json)")
    total = ClaimScore()
    for text_path, label_path in pairs:
        labels = _read_labels(label_path)
        doc = parse_report(text_path.read_text(encoding="utf-8"))
        published = (
            dt.date.fromisoformat(labels["published"])
            if labels.get("published")
            else (doc.published.date() if doc.published else None)
        )
        outlet = labels.get("outlet") or doc.outlet
        predicted = extract_claims(
            doc.text, published=published, outlet=outlet, aliases=aliases, nlp=nlp
        )
        total.add(
            score_claims(
                doc.text, labels["claims"], predicted, aliases=aliases, name=text_path.name
            )
        )
    return total


def _read_labels(path: Path) -> dict[str, Any]:
    """A labels file, or a one-line error naming the file and line."""
    try:
        labels = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise WatchfloorError(f"{path}:{error.lineno}: not JSON ({error.msg})") from None
    if not isinstance(labels, dict) or not isinstance(labels.get("claims"), list):
        raise WatchfloorError(f"{path}:1: no 'claims' list")
    return labels


def labels_as_claims(
    text: str, labels: Sequence[Mapping[str, Any]], name: str = "<labels>"
) -> list[Claim]:
    """Another labeller's claims as predictions, each spanning its anchor, so that two label
    sets of the same texts are scored against each other by :func:`score_claims`."""
    claims: list[Claim] = []
    for label in labels:
        anchor = str(label["anchor"])
        at = text.find(anchor)
        if at < 0:
            raise WatchfloorError(f"{name}: anchor {anchor!r} is not in the text")
        time = label.get("time") or {}
        claims.append(
            Claim(
                measure=label["measure"],
                bound=label["bound"],
                low=_f(label.get("low")),
                high=_f(label.get("high")),
                span=(at, at + len(anchor)),
                quote=anchor,
                time_start=time.get("start"),
                time_end=time.get("end"),
                attribution=tuple(label.get("attribution") or ("unattributed",)),
            )
        )
    return claims


def score_agreement(
    folder: Path, other: Path, *, aliases: Mapping[str, str] | None = None
) -> ClaimScore:
    """Score the labels in ``other`` against those of the same texts in ``folder``: how often two
    labellers agree, the ceiling an extractor is measured under."""
    total = ClaimScore()
    for label_path in sorted(other.rglob("*.labels.json")):
        mine = folder / label_path.name
        text_path = label_path.with_name(label_path.name.removesuffix(".labels.json") + ".md")
        if not mine.is_file() or not text_path.is_file():
            raise WatchfloorError(f"{label_path}: no labels or text of the same name in {folder}")
        text = parse_report(text_path.read_text(encoding="utf-8")).text
        theirs = _read_labels(label_path)["claims"]
        gold = _read_labels(mine)["claims"]
        predicted = labels_as_claims(text, theirs, str(label_path))
        total.add(score_claims(text, gold, predicted, aliases=aliases, name=label_path.name))
    if not total.texts:
        raise WatchfloorError(f"{other}: no labels files")
    return total


def _f(value: object) -> float | None:
    return None if value is None else float(str(value))
