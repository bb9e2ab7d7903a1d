"""Score origin grouping against labelled groups: pairwise precision, recall and F1.

A labelled text is ``NAME.md`` beside ``NAME.labels.json`` whose claims carry an ``origin``
group id (ids are shared across files). Grouping runs once over every text of the corpus (as in
a workspace that has ingested all of them); pairs of claims are then scored:

* true positive: same predicted origin and same labelled origin;
* false positive: same predicted origin, different labelled origins;
* false negative: different predicted origins, same labelled origin.

The held-out split is scored on every pair that involves one of its claims (a held-out echo
of a dev statement counts there); any other split on the pairs inside it.

Two modes. ``gold``: the grouping is given the labelled claims themselves (sentence taken
around each anchor), which measures grouping alone. ``extracted``: the claims come from the
extractor, matched to labels by anchor and figure as in :mod:`.claims`; an unmatched label
stays in a group of its own, so extraction errors lower recall.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

from watchfloor.assess import ClaimRecord, SourceInfo, assign_origins
from watchfloor.errors import WatchfloorError
from watchfloor.news import parse_report
from watchfloor.news.claim import NlpMode
from watchfloor.news.extract import extract_claims
from watchfloor.news.extract.sentences import split_sentences

__all__ = [
    "HELD_OUT",
    "LabelledClaim",
    "PairScore",
    "load_origin_corpus",
    "score_grouping",
    "score_origins",
]


@dataclass(frozen=True, slots=True)
class LabelledClaim:
    """A labelled claim: its gold origin, split and the record grouping is given."""

    key: tuple[str, int]
    split: str
    origin: str
    record: ClaimRecord


@dataclass(slots=True)
class PairScore:
    """Pair counts and the scores derived from them."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    claims: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        """TP / (TP + FP)."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """TP / (TP + FN)."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        """Counts and rounded scores."""
        return {
            "claims": self.claims,
            "pairs_true_positive": self.tp,
            "pairs_false_positive": self.fp,
            "pairs_false_negative": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


HELD_OUT = "heldout"


def score_grouping(
    items: Sequence[LabelledClaim], predicted: Mapping[tuple[str, int], str], split: str | None
) -> PairScore:
    """Score the pairs of ``split``: every pair touching a held-out claim for the held-out
    split, pairs with both claims in it for any other split, all pairs when None."""
    score = PairScore(claims=sum(1 for i in items if split is None or i.split == split))
    for a, b in combinations(items, 2):
        if split == HELD_OUT and HELD_OUT not in (a.split, b.split):
            continue
        if split not in (None, HELD_OUT) and not a.split == b.split == split:
            continue
        same_gold = a.origin == b.origin
        same_pred = predicted[a.key] == predicted[b.key]
        if same_gold and same_pred:
            score.tp += 1
        elif same_pred:
            score.fp += 1
            score.errors.append(f"merged {a.key} ({a.origin}) with {b.key} ({b.origin})")
        elif same_gold:
            score.fn += 1
            score.errors.append(f"split {a.key} from {b.key} ({a.origin})")
    return score


def load_origin_corpus(
    root: Path,
    *,
    mode: str = "gold",
    nlp: NlpMode = "auto",
    aliases: Mapping[str, str] | None = None,
) -> tuple[list[LabelledClaim], dict[int, str]]:
    """Read every split under ``root`` into labelled claims (and document texts).

    Args:
        root: Folder with one subfolder per split (``dev``, ``heldout``).
        mode: ``gold`` or ``extracted`` (see the module docstring).
    """
    items: list[LabelledClaim] = []
    texts: dict[int, str] = {}
    next_id = 1
    for doc_no, text_path in enumerate(sorted(root.glob("*/*.md")), start=1):
        label_path = text_path.with_name(text_path.name.removesuffix(".md") + ".labels.json")
        if not label_path.is_file():
            continue
        labels = json.loads(label_path.read_text(encoding="utf-8"))
        doc = parse_report(text_path.read_text(encoding="utf-8"))
        published = doc.published or dt.datetime.fromisoformat(labels["published"]).replace(
            hour=12, tzinfo=dt.UTC
        )
        outlet = labels.get("outlet") or doc.outlet
        texts[doc_no] = doc.text
        predicted = (
            extract_claims(
                doc.text, published=published.date(), outlet=outlet, aliases=aliases, nlp=nlp
            )
            if mode == "extracted"
            else []
        )
        used: set[int] = set()
        for index, label in enumerate(labels["claims"]):
            at = doc.text.find(label["anchor"])
            if at < 0:
                raise WatchfloorError(
                    f"{label_path}: anchor {label['anchor']!r} is not in the text"
                )
            start, end = next(
                ((s, e) for s, e in split_sentences(doc.text) if s <= at < e), (at, at + 1)
            )
            base = ClaimRecord(
                id=next_id,
                document_id=doc_no,
                measure=label["measure"],
                low=label.get("low"),
                high=label.get("high"),
                bound=label["bound"],
                modality=label.get("modality", "asserted"),
                attribution=tuple(label.get("attribution") or ("unattributed",)),
                published=published,
                outlet=outlet,
                quote=doc.text[start:end],
                background=bool(label.get("background")),
                time_start=(label.get("time") or {}).get("start"),
                time_end=(label.get("time") or {}).get("end"),
                span=(start, end),
            )
            record: ClaimRecord | None = base
            if mode == "extracted":
                record = _match(base, at, label, predicted, used)
            key = (f"{text_path.parent.name}/{text_path.name}", index)
            if record is None:  # missed by the extractor: a group of its own
                record = ClaimRecord(**{**_fields(base), "attribution": (f"missed-{next_id}",)})
            items.append(LabelledClaim(key, text_path.parent.name, str(label["origin"]), record))
            next_id += 1
    if not items:
        raise WatchfloorError(f"{root}: no labelled texts with origins")
    return items, texts


def _fields(record: ClaimRecord) -> dict[str, Any]:
    return {name: getattr(record, name) for name in record.__slots__}


def _match(
    base: ClaimRecord, at: int, label: Mapping[str, Any], predicted: Sequence[Any], used: set[int]
) -> ClaimRecord | None:
    key = (label["measure"], _f(label.get("low")), _f(label.get("high")))
    for i, claim in enumerate(predicted):
        if i in used or not claim.span[0] <= at < claim.span[1]:
            continue
        if (claim.measure, _f(claim.low), _f(claim.high)) != key:
            continue
        used.add(i)
        return ClaimRecord(
            **{
                **_fields(base),
                "bound": claim.bound,
                "modality": claim.modality,
                "attribution": claim.attribution,
                "quote": claim.quote,
                "background": claim.background,
                "time_start": claim.time_start,
                "time_end": claim.time_end,
                "span": claim.span,
            }
        )
    return None


def score_origins(
    root: Path,
    *,
    aliases: Mapping[str, str],
    sources: Mapping[str, SourceInfo],
    mode: str = "gold",
    nlp: NlpMode = "auto",
) -> dict[str, PairScore]:
    """Group the corpus and score each split (and all pairs under ``all``)."""
    items, texts = load_origin_corpus(root, mode=mode, nlp=nlp, aliases=aliases)
    assigned = assign_origins(
        [i.record for i in items], aliases=aliases, sources=sources, texts=texts
    )
    predicted = {i.key: assigned[i.record.id].origin for i in items}
    splits = sorted({i.split for i in items})
    scores = {split: score_grouping(items, predicted, split) for split in splits}
    scores["all"] = score_grouping(items, predicted, None)
    return scores


def _f(value: object) -> float | None:
    return None if value is None else float(str(value))
