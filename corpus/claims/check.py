#!/usr/bin/env python3
"""Validate the labelled claim-extraction corpus and print its counts.

Usage::

    python3 corpus/claims/check.py [--founding-text PATH]

Checks every ``dev/*.md`` and ``heldout/*.md`` text against its ``.labels.json`` file, and
``founding-article.labels.json`` (against the article text when ``--founding-text`` or the
``WATCHFLOOR_FOUNDING_TEXT`` environment variable names it; the article is not stored here).

Exits 0 when every check passes, 1 otherwise. Python 3.11 standard library only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SPLITS = ("dev", "heldout")
FOUNDING_LABELS = HERE / "founding-article.labels.json"

MEASURES = ("troops", "killed", "wounded", "casualties", "captured", "missing")
BOUNDS = ("exact", "approx", "lower", "upper", "range", "vague", "unknown")
MODALITIES = ("asserted", "estimated", "reported", "planned", "speculative", "denied")
ROLES = (
    "special forces",
    "sappers",
    "engineers",
    "military builders",
    "workers",
    "rotation",
    "officers",
    "generals",
    "volunteers",
)
SUBJECTS = ("North Korea", "Russia", "Ukraine")
NON_CLAIM_KINDS = (
    "age",
    "aircraft",
    "area",
    "artillery",
    "count-of-things",
    "date",
    "distance",
    "document-number",
    "duration",
    "individual",
    "missiles",
    "money",
    "other",
    "percentage",
    "phone",
    "ratio",
    "shells",
    "ships",
    "time-of-day",
    "unit-name",
    "vehicles",
    "year",
)
VAGUE_VALUES = {(24, 99), (200, 999), (2000, 9999), (20000, 99999)}

CLAIM_KEYS = {
    "measure",
    "role",
    "low",
    "high",
    "bound",
    "hedge",
    "modality",
    "time",
    "attribution",
    "background",
    "anchor",
}
CLAIM_OPTIONAL_KEYS = {"subject", "note"}
LABEL_KEYS = {"published", "outlet", "claims"}
LABEL_OPTIONAL_KEYS = {"non_claims", "text", "published_note", "outlet_note"}
FRONT_MATTER_KEYS = {"title", "outlet", "url", "published", "synthetic"}
URL_PREFIX = "https://example.org/corpus/"
MIN_WORDS, MAX_WORDS = 120, 400

# "one" is left out: it is far more often a pronoun or an article than a count.
_NUMBER_WORDS = (
    "two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    "sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
    "dozens?|hundreds?|thousands?|millions?|billions?"
)
NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*|\b(?:" + _NUMBER_WORDS + r")\b", re.IGNORECASE)


class Report:
    """Collects errors and per-split tallies while the corpus is checked."""

    def __init__(self) -> None:
        """Start with no errors and empty tallies."""
        self.errors: list[str] = []
        self.tallies: dict[str, dict[str, Counter[str]]] = {}

    def error(self, where: str, message: str) -> None:
        """Record one failed check at ``where``."""
        self.errors.append(f"{where}: {message}")

    def tally(self, split: str, group: str, key: str, amount: int = 1) -> None:
        """Add ``amount`` to the ``group``/``key`` count of ``split``."""
        self.tallies.setdefault(split, {}).setdefault(group, Counter())[key] += amount


def parse_date(value: Any) -> dt.date | None:
    """The ISO date in ``value``, or None when it is not one."""
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Split a ``---`` delimited front matter block (``key: value`` lines) from the body."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, text
    meta: dict[str, str] = {}
    for index, line in enumerate(lines[1:], start=1):
        if line.strip() == "---":
            return meta, "\n".join(lines[index + 1 :])
        key, _, value = line.partition(":")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] == '"':
            value = value[1:-1]
        meta[key.strip()] = value
    return {}, text


def is_number(value: Any) -> bool:
    """True for an int or float that is not a bool."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def check_bound(claim: dict[str, Any], where: str, report: Report) -> None:
    """Check that ``low`` and ``high`` agree with the claim's bound."""
    bound, low, high = claim.get("bound"), claim.get("low"), claim.get("high")
    for name, value in (("low", low), ("high", high)):
        if value is not None and not is_number(value):
            report.error(where, f"{name} must be a number or null, not {value!r}")
            return
    ok = True
    if bound in ("exact", "approx"):
        ok = low is not None and low == high
    elif bound == "lower":
        ok = low is not None and high is None
    elif bound == "upper":
        ok = low is None and high is not None
    elif bound == "unknown":
        ok = low is None and high is None
    elif bound in ("range", "vague"):
        ok = low is not None and high is not None and low < high
        if ok and bound == "vague" and (low, high) not in VAGUE_VALUES:
            report.error(where, f"vague low/high {low}/{high} not in the conventions' table")
    if not ok:
        report.error(where, f"low={low!r} high={high!r} inconsistent with bound {bound!r}")


def check_time(
    claim: dict[str, Any], body: str | None, published: dt.date, where: str, report: Report
) -> None:
    """Check the claim's time object: dates parse, order, null text means the statement date."""
    time = claim.get("time")
    if not isinstance(time, dict) or set(time) != {"text", "start", "end"}:
        report.error(where, "time must be an object with exactly text, start, end")
        return
    start, end = parse_date(time["start"]), parse_date(time["end"])
    if start is None or end is None:
        report.error(where, f"time start/end must be ISO dates: {time['start']!r}/{time['end']!r}")
        return
    if start > end:
        report.error(where, f"time start {start} after end {end}")
    text = time["text"]
    if text is None:
        if start != published or end != published:
            report.error(where, "time text null but start/end differ from the published date")
    elif not isinstance(text, str) or not text:
        report.error(where, "time text must be a non-empty string or null")
    elif body is not None and text not in body:
        report.error(where, f"time text {text!r} does not occur in the text")


def check_claim(
    claim: Any, body: str | None, published: dt.date, where: str, report: Report
) -> str | None:
    """Check one claim object; return its anchor when it is a usable string."""
    if not isinstance(claim, dict):
        report.error(where, "claim must be an object")
        return None
    missing = CLAIM_KEYS - set(claim)
    extra = set(claim) - CLAIM_KEYS - CLAIM_OPTIONAL_KEYS
    if missing:
        report.error(where, f"missing keys {sorted(missing)}")
    if extra:
        report.error(where, f"unexpected keys {sorted(extra)}")
    if claim.get("measure") not in MEASURES:
        report.error(where, f"measure {claim.get('measure')!r} not one of {MEASURES}")
    if claim.get("bound") not in BOUNDS:
        report.error(where, f"bound {claim.get('bound')!r} not one of {BOUNDS}")
    if claim.get("modality") not in MODALITIES:
        report.error(where, f"modality {claim.get('modality')!r} not one of {MODALITIES}")
    if claim.get("role") is not None and claim.get("role") not in ROLES:
        report.error(where, f"role {claim.get('role')!r} not null or one of {ROLES}")
    if "subject" in claim and claim["subject"] not in SUBJECTS:
        report.error(where, f"subject {claim['subject']!r} not one of {SUBJECTS}")
    hedge = claim.get("hedge")
    if hedge is not None and (not isinstance(hedge, str) or not hedge or hedge != hedge.lower()):
        report.error(where, f"hedge must be null or a non-empty lower-case string: {hedge!r}")
    if not isinstance(claim.get("background"), bool):
        report.error(where, "background must be true or false")
    attribution = claim.get("attribution")
    if (
        not isinstance(attribution, list)
        or not attribution
        or not all(isinstance(a, str) and a.strip() for a in attribution)
    ):
        report.error(where, "attribution must be a non-empty list of names")
    elif "unattributed" in attribution and attribution != ["unattributed"]:
        report.error(where, "'unattributed' must stand alone")
    check_bound(claim, where, report)
    check_time(claim, body, published, where, report)
    anchor = claim.get("anchor")
    if not isinstance(anchor, str) or not anchor:
        report.error(where, "anchor must be a non-empty string")
        return None
    if claim.get("bound") != "unknown" and not NUMBER_RE.search(anchor) and "dozen" not in anchor:
        report.error(where, f"anchor {anchor!r} holds no number phrase")
    if body is not None:
        count = body.count(anchor)
        if count != 1:
            report.error(where, f"anchor {anchor!r} occurs {count} times in the text (need 1)")
    return anchor


def covered_spans(body: str, anchors: list[str]) -> list[tuple[int, int]]:
    """Every (start, end) span of every occurrence of each anchor in ``body``."""
    spans = []
    for anchor in anchors:
        start = body.find(anchor)
        while start != -1:
            spans.append((start, start + len(anchor)))
            start = body.find(anchor, start + 1)
    return spans


def check_coverage(body: str, anchors: list[str], where: str, report: Report) -> None:
    """Every number in the text lies inside a claim anchor or a non-claim anchor."""
    spans = covered_spans(body, anchors)
    for match in NUMBER_RE.finditer(body):
        if not any(s <= match.start() and match.end() <= e for s, e in spans):
            line = body.count("\n", 0, match.start()) + 1
            report.error(
                where, f"number {match.group()!r} (body line {line}) is neither claim nor non-claim"
            )


def check_labels(
    labels: Any, body: str | None, split: str, where: str, report: Report, founding: bool = False
) -> dt.date | None:
    """Check a labels object (and its anchors against ``body`` when given); tally its counts."""
    if not isinstance(labels, dict):
        report.error(where, "labels file must hold a JSON object")
        return None
    missing = LABEL_KEYS - set(labels)
    extra = set(labels) - LABEL_KEYS - LABEL_OPTIONAL_KEYS
    if missing:
        report.error(where, f"missing keys {sorted(missing)}")
    if extra:
        report.error(where, f"unexpected keys {sorted(extra)}")
    if not founding and set(labels) & {"text", "published_note", "outlet_note"}:
        report.error(where, "text/published_note/outlet_note belong to the founding labels only")
    published = parse_date(labels.get("published"))
    if published is None:
        report.error(where, f"published must be an ISO date: {labels.get('published')!r}")
        return None
    if not isinstance(labels.get("outlet"), str) or not labels.get("outlet"):
        report.error(where, "outlet must be a non-empty string")
    claims = labels.get("claims")
    if not isinstance(claims, list) or not claims:
        report.error(where, "claims must be a non-empty list")
        claims = []
    anchors: list[str] = []
    for index, claim in enumerate(claims):
        anchor = check_claim(claim, body, published, f"{where} claim[{index}]", report)
        if anchor is not None:
            anchors.append(anchor)
        if isinstance(claim, dict):
            report.tally(split, "measure", str(claim.get("measure")))
            report.tally(split, "bound", str(claim.get("bound")))
            report.tally(split, "modality", str(claim.get("modality")))
            if claim.get("background") is True:
                report.tally(split, "totals", "background")
    report.tally(split, "totals", "texts")
    report.tally(split, "totals", "claims", len(claims))
    non_claims = labels.get("non_claims", [])
    if not isinstance(non_claims, list):
        report.error(where, "non_claims must be a list")
        non_claims = []
    for index, item in enumerate(non_claims):
        spot = f"{where} non_claims[{index}]"
        if not isinstance(item, dict) or set(item) != {"anchor", "kind"}:
            report.error(spot, "non-claim must be an object with exactly anchor and kind")
            continue
        if item["kind"] not in NON_CLAIM_KINDS:
            report.error(spot, f"kind {item['kind']!r} not one of {NON_CLAIM_KINDS}")
        report.tally(split, "non-claim kind", str(item["kind"]))
        if not isinstance(item["anchor"], str) or not item["anchor"]:
            report.error(spot, "anchor must be a non-empty string")
            continue
        if body is not None and item["anchor"] not in body:
            report.error(spot, f"anchor {item['anchor']!r} does not occur in the text")
        anchors.append(item["anchor"])
    report.tally(split, "totals", "non-claims", len(non_claims))
    if body is not None:
        check_coverage(body, anchors, where, report)
    return published


def load_json(path: Path, report: Report) -> Any:
    """Parse ``path`` as JSON, recording an error (and returning None) when it fails."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        report.error(str(path.relative_to(HERE)), f"unreadable JSON: {exc}")
        return None


def check_text(md_path: Path, split: str, report: Report) -> None:
    """Check one report text, its front matter and its labels file."""
    where = str(md_path.relative_to(HERE))
    labels_path = md_path.with_name(md_path.name[: -len(".md")] + ".labels.json")
    if not labels_path.exists():
        report.error(where, f"no labels file {labels_path.name}")
        return
    meta, body = split_front_matter(md_path.read_text(encoding="utf-8"))
    if set(meta) != FRONT_MATTER_KEYS:
        report.error(where, f"front matter keys {sorted(meta)} != {sorted(FRONT_MATTER_KEYS)}")
    title = meta.get("title", "")
    if not title or NUMBER_RE.search(title):
        report.error(where, f"title must be non-empty and hold no numbers: {title!r}")
    if not meta.get("url", "").startswith(URL_PREFIX):
        report.error(where, f"url must start with {URL_PREFIX}")
    if meta.get("synthetic") != "true":
        report.error(where, "front matter must say synthetic: true")
    words = len(body.split())
    if not MIN_WORDS <= words <= MAX_WORDS:
        report.error(where, f"{words} words; texts hold {MIN_WORDS}-{MAX_WORDS}")
    report.tally(split, "totals", "words", words)
    labels = load_json(labels_path, report)
    if labels is None:
        return
    lwhere = str(labels_path.relative_to(HERE))
    published = check_labels(labels, body, split, lwhere, report)
    if published is not None and meta.get("published") != published.isoformat():
        report.error(lwhere, "published differs from the text's front matter")
    if isinstance(labels, dict) and meta.get("outlet") != labels.get("outlet"):
        report.error(lwhere, "outlet differs from the text's front matter")


def check_split(split: str, report: Report) -> None:
    """Check every text of one split and that no labels file lacks its text."""
    folder = HERE / split
    if not folder.is_dir():
        report.error(split, "folder missing")
        return
    for md_path in sorted(folder.glob("*.md")):
        check_text(md_path, split, report)
    for labels_path in sorted(folder.glob("*.labels.json")):
        text_path = labels_path.with_name(labels_path.name[: -len(".labels.json")] + ".md")
        if not text_path.exists():
            report.error(str(labels_path.relative_to(HERE)), "labels file without a text")


def check_founding(text_path: Path | None, report: Report) -> None:
    """Check the founding article's labels, against its text when a path is given."""
    if not FOUNDING_LABELS.exists():
        report.error(FOUNDING_LABELS.name, "missing")
        return
    labels = load_json(FOUNDING_LABELS, report)
    if labels is None:
        return
    body = None
    if text_path is not None:
        try:
            body = text_path.read_text(encoding="utf-8")
        except OSError as exc:
            report.error(FOUNDING_LABELS.name, f"cannot read founding text: {exc}")
    else:
        print("note: founding article text not given (--founding-text); anchors unchecked")
    check_labels(labels, body, "founding", FOUNDING_LABELS.name, report, founding=True)


def print_counts(report: Report) -> None:
    """Print texts, claims and per-measure/bound/modality counts for each split."""
    for split in (*SPLITS, "founding"):
        groups = report.tallies.get(split, {})
        totals = groups.get("totals", Counter())
        print(
            f"[{split}] texts={totals['texts']} claims={totals['claims']} "
            f"background={totals['background']} non-claims={totals['non-claims']}"
            + (f" words={totals['words']}" if totals["words"] else "")
        )
        order = {"measure": MEASURES, "bound": BOUNDS, "modality": MODALITIES}
        for group, keys in order.items():
            counts = groups.get(group, Counter())
            print(f"  {group}: " + " ".join(f"{k}={counts[k]}" for k in keys))
        kinds = groups.get("non-claim kind", Counter())
        if kinds:
            print("  non-claim kind: " + " ".join(f"{k}={n}" for k, n in sorted(kinds.items())))
    claims = {s: report.tallies.get(s, {}).get("totals", Counter())["claims"] for s in SPLITS}
    texts = {s: report.tallies.get(s, {}).get("totals", Counter())["texts"] for s in SPLITS}
    all_claims, all_texts = sum(claims.values()), sum(texts.values())
    if all_claims and all_texts:
        print(
            f"[dev+heldout] texts={all_texts} claims={all_claims} "
            f"heldout share: texts {texts['heldout'] / all_texts:.0%}, "
            f"claims {claims['heldout'] / all_claims:.0%}"
        )


def main(argv: list[str] | None = None) -> int:
    """Run every check, print the counts, and return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--founding-text",
        type=Path,
        default=os.environ.get("WATCHFLOOR_FOUNDING_TEXT") or None,
        help="the founding article's text, to check its labels' anchors against",
    )
    args = parser.parse_args(argv)
    report = Report()
    for split in SPLITS:
        check_split(split, report)
    check_founding(Path(args.founding_text) if args.founding_text else None, report)
    print_counts(report)
    if report.errors:
        print(f"\n{len(report.errors)} error(s):")
        for line in report.errors:
            print(f"  {line}")
        return 1
    print("\nOK: all labels files pass")
    return 0


if __name__ == "__main__":
    sys.exit(main())
