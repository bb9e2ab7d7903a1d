#!/usr/bin/env python3
"""Validate the origin-grouping corpus and print its counts.

Usage::

    python3 corpus/origins/check.py

Checks every ``dev/*.md`` and ``heldout/*.md`` text against its ``.labels.json`` file. Each
labels file must pass the claims corpus's own checks (``corpus/claims/check.py``, imported, not
copied, so the two corpora keep one definition of a valid claim), and in addition every claim
must carry an ``origin``: a group id declared in ``origins.json`` whose date is not after the
text's publication date, and strictly before it when the claim is background.

Prints, per split, the texts, claims, origin groups, groups with at least two claims, and the
same-origin and different-origin claim pairs; then the pairs that cross the split.

Exits 0 when every check passes, 1 otherwise. Python 3.11 standard library only.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass
from math import comb
from pathlib import Path
from types import ModuleType
from typing import Any

HERE = Path(__file__).resolve().parent
CLAIMS_CHECK = HERE.parent / "claims" / "check.py"
REGISTRY = HERE / "origins.json"
SPLITS = ("dev", "heldout")
FRONT_MATTER_KEYS = {"title", "outlet", "url", "published", "synthetic"}
URL_PREFIX = "https://example.org/origins/"
MIN_WORDS, MAX_WORDS = 100, 300
REGISTRY_KEYS = {"date", "source", "statement", "story_line"}
# A group id is a lower-case slug ending in the date of the first public statement.
ORIGIN_RE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*-(\d{4}-\d{2}-\d{2})$")


def load_claims_check() -> ModuleType:
    """Import ``corpus/claims/check.py`` as a module, for its field checks."""
    spec = importlib.util.spec_from_file_location("claims_check", CLAIMS_CHECK)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {CLAIMS_CHECK}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


CC = load_claims_check()


@dataclass(frozen=True)
class Labelled:
    """One claim's place in the corpus and the origin group it belongs to."""

    split: str
    text: str
    origin: str


def parse_published(value: str) -> dt.date | None:
    """The date of a front-matter ``published`` value: an ISO date or an ISO datetime."""
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(value).date()
    except ValueError:
        return None


def load_json(path: Path, report: Any) -> Any:
    """Parse ``path`` as JSON, recording an error (and returning None) when it fails."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        report.error(str(path.relative_to(HERE)), f"unreadable JSON: {exc}")
        return None


def load_registry(report: Any) -> dict[str, dt.date]:
    """Read ``origins.json``: each declared group id and the date of its first statement."""
    data = load_json(REGISTRY, report)
    if not isinstance(data, dict) or not data:
        report.error(REGISTRY.name, "must hold a non-empty object of group ids")
        return {}
    dates: dict[str, dt.date] = {}
    for origin, entry in data.items():
        where = f"{REGISTRY.name} {origin}"
        match = ORIGIN_RE.match(origin)
        if match is None:
            report.error(where, "group id must be a lower-case slug ending in -YYYY-MM-DD")
            continue
        if not isinstance(entry, dict) or set(entry) != REGISTRY_KEYS:
            report.error(where, f"entry must have exactly the keys {sorted(REGISTRY_KEYS)}")
            continue
        date = CC.parse_date(entry["date"])
        if date is None or entry["date"] != match.group(1):
            report.error(where, f"date {entry['date']!r} must be the id's own date")
            continue
        if not all(isinstance(entry[k], str) and entry[k] for k in ("source", "statement")):
            report.error(where, "source and statement must be non-empty strings")
        if not isinstance(entry["story_line"], bool):
            report.error(where, "story_line must be true or false")
        dates[origin] = date
    return dates


def check_origins(
    labels: dict[str, Any],
    registry: dict[str, dt.date],
    where: str,
    report: Any,
) -> list[str]:
    """Check every claim's ``origin`` field; return the origins in claim order."""
    published = CC.parse_date(labels.get("published"))
    origins: list[str] = []
    claims = labels.get("claims")
    for index, claim in enumerate(claims if isinstance(claims, list) else []):
        spot = f"{where} claim[{index}]"
        origin = claim.get("origin") if isinstance(claim, dict) else None
        if not isinstance(origin, str) or not origin:
            report.error(spot, "every claim needs an origin (a group id string)")
            continue
        origins.append(origin)
        if origin not in registry:
            report.error(spot, f"origin {origin!r} is not declared in {REGISTRY.name}")
            continue
        if published is None:
            continue
        if registry[origin] > published:
            report.error(spot, f"origin {origin!r} is dated after the text ({published})")
        if claim.get("background") is True and registry[origin] >= published:
            report.error(spot, f"background claim's origin {origin!r} is not older than the text")
    return origins


def check_text(
    md_path: Path, split: str, registry: dict[str, dt.date], report: Any
) -> list[Labelled]:
    """Check one report text, its front matter and its labels; return its labelled claims."""
    where = str(md_path.relative_to(HERE))
    stem = md_path.name[: -len(".md")]
    labels_path = md_path.with_name(stem + ".labels.json")
    if not labels_path.exists():
        report.error(where, f"no labels file {labels_path.name}")
        return []
    meta, body = CC.split_front_matter(md_path.read_text(encoding="utf-8"))
    if set(meta) != FRONT_MATTER_KEYS:
        report.error(where, f"front matter keys {sorted(meta)} != {sorted(FRONT_MATTER_KEYS)}")
    title = meta.get("title", "")
    if not title or CC.NUMBER_RE.search(title):
        report.error(where, f"title must be non-empty and hold no numbers: {title!r}")
    if meta.get("url") != f"{URL_PREFIX}{split}/{stem}":
        report.error(where, f"url must be {URL_PREFIX}{split}/{stem}")
    if meta.get("synthetic") != "true":
        report.error(where, "front matter must say synthetic: true")
    words = len(body.split())
    if not MIN_WORDS <= words <= MAX_WORDS:
        report.error(where, f"{words} words; texts hold {MIN_WORDS}-{MAX_WORDS}")
    report.tally(split, "totals", "words", words)
    labels = load_json(labels_path, report)
    if not isinstance(labels, dict):
        report.error(str(labels_path.relative_to(HERE)), "labels file must hold a JSON object")
        return []
    lwhere = str(labels_path.relative_to(HERE))
    origins = check_origins(labels, registry, lwhere, report)
    # The claims corpus's checks know no origin field: hand them the claims without it.
    stripped = dict(labels)
    if isinstance(labels.get("claims"), list):
        stripped["claims"] = [
            {k: v for k, v in claim.items() if k != "origin"} if isinstance(claim, dict) else claim
            for claim in labels["claims"]
        ]
    published = CC.check_labels(stripped, body, split, lwhere, report)
    front_date = parse_published(meta.get("published", ""))
    if published is not None and front_date != published:
        report.error(lwhere, "published differs from the text's front matter")
    if meta.get("outlet") != labels.get("outlet"):
        report.error(lwhere, "outlet differs from the text's front matter")
    return [Labelled(split, stem, origin) for origin in origins]


def check_split(split: str, registry: dict[str, dt.date], report: Any) -> list[Labelled]:
    """Check every text of one split and that no labels file lacks its text."""
    folder = HERE / split
    if not folder.is_dir():
        report.error(split, "folder missing")
        return []
    labelled: list[Labelled] = []
    for md_path in sorted(folder.glob("*.md")):
        labelled.extend(check_text(md_path, split, registry, report))
    for labels_path in sorted(folder.glob("*.labels.json")):
        text_path = labels_path.with_name(labels_path.name[: -len(".labels.json")] + ".md")
        if not text_path.exists():
            report.error(str(labels_path.relative_to(HERE)), "labels file without a text")
    return labelled


def same_pairs(claims: list[Labelled]) -> tuple[int, int]:
    """Same-origin claim pairs among ``claims``: all of them, and those across two texts."""
    by_origin = Counter(c.origin for c in claims)
    by_text = Counter((c.origin, c.text) for c in claims)
    same = sum(comb(n, 2) for n in by_origin.values())
    return same, same - sum(comb(n, 2) for n in by_text.values())


def print_counts(labelled: list[Labelled], registry: dict[str, dt.date], report: Any) -> None:
    """Print texts, claims, groups and claim pairs per split, then across the split."""
    per_split = {s: [c for c in labelled if c.split == s] for s in SPLITS}
    for split, claims in per_split.items():
        totals = report.tallies.get(split, {}).get("totals", Counter())
        groups = Counter(c.origin for c in claims)
        same, cross_text = same_pairs(claims)
        print(
            f"[{split}] texts={totals['texts']} claims={len(claims)} "
            f"background={totals['background']} words={totals['words']}\n"
            f"  origin groups={len(groups)} groups with >=2 claims="
            f"{sum(1 for n in groups.values() if n >= 2)}\n"
            f"  same-origin pairs={same} (across texts {cross_text}) "
            f"different-origin pairs={comb(len(claims), 2) - same}"
        )
    dev, held = (Counter(c.origin for c in per_split[s]) for s in SPLITS)
    shared = sorted(set(dev) & set(held))
    same = sum(dev[o] * held[o] for o in shared)
    total = sum(dev.values()) * sum(held.values())
    print(
        f"[dev x heldout] groups in both={len(shared)} groups only in heldout="
        f"{len(set(held) - set(dev))}\n"
        f"  same-origin pairs={same} different-origin pairs={total - same}"
    )
    all_groups = Counter(c.origin for c in labelled)
    unused = sorted(set(registry) - set(all_groups))
    if unused:
        report.error(REGISTRY.name, f"declared but never used: {', '.join(unused)}")
    texts = sum(report.tallies.get(s, {}).get("totals", Counter())["texts"] for s in SPLITS)
    held_texts = report.tallies.get("heldout", {}).get("totals", Counter())["texts"]
    if labelled and texts:
        print(
            f"[all] texts={texts} claims={len(labelled)} origin groups={len(all_groups)} "
            f"heldout share: texts {held_texts / texts:.0%}, "
            f"claims {len(per_split['heldout']) / len(labelled):.0%}"
        )


def main() -> int:
    """Run every check, print the counts, and return the exit status."""
    report = CC.Report()
    registry = load_registry(report)
    labelled: list[Labelled] = []
    for split in SPLITS:
        labelled.extend(check_split(split, registry, report))
    print_counts(labelled, registry, report)
    if report.errors:
        print(f"\n{len(report.errors)} error(s):")
        for line in report.errors:
            print(f"  {line}")
        return 1
    print("\nOK: all labels files pass")
    return 0


if __name__ == "__main__":
    sys.exit(main())
