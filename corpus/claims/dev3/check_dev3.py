#!/usr/bin/env python3
"""Validate the dev3 split (eight new registers) and print its counts.

Usage::

    python3 corpus/claims/dev3/check_dev3.py

``corpus/claims/check.py`` checks only ``dev`` and ``heldout``. This script imports its
validation functions and runs them on ``dev3``, with the same rules (front matter, keys and
values, bounds, dates, time texts, unique anchors, full number coverage). It adds two checks of
its own: each ``url`` ends in ``claims/dev3/<file stem>``, and every attribution chain is
listed in the summary so that canonical names can be reviewed at a glance.

Exits 0 when every check passes, 1 otherwise. Python 3.11 standard library only.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.dont_write_bytecode = True  # leave no __pycache__ beside check.py
sys.path.insert(0, str(HERE.parent))

import check  # noqa: E402  (corpus/claims/check.py, found through the path set above)

SPLIT = HERE.name
URL_PREFIX = check.URL_PREFIX + "claims/" + SPLIT + "/"


def check_urls(report: check.Report) -> None:
    """Each text's url is ``URL_PREFIX`` followed by the file's stem."""
    for md_path in sorted(HERE.glob("*.md")):
        meta, _ = check.split_front_matter(md_path.read_text(encoding="utf-8"))
        expected = URL_PREFIX + md_path.stem
        if meta.get("url") != expected:
            report.error(f"{SPLIT}/{md_path.name}", f"url should be {expected}")


def attribution_counts() -> tuple[Counter[tuple[str, ...]], Counter[int]]:
    """Count the attribution chains and chain lengths over every labels file."""
    chains: Counter[tuple[str, ...]] = Counter()
    lengths: Counter[int] = Counter()
    for labels_path in sorted(HERE.glob("*.labels.json")):
        try:
            labels = json.loads(labels_path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            continue  # already reported by check_split
        for claim in labels.get("claims", []):
            chain = claim.get("attribution")
            if isinstance(chain, list):
                chains[tuple(chain)] += 1
                lengths[len(chain)] += 1
    return chains, lengths


def print_counts(report: check.Report) -> None:
    """Print the split's totals, its measure/bound/modality counts and its attribution chains."""
    groups = report.tallies.get(SPLIT, {})
    totals = groups.get("totals", Counter())
    print(
        f"[{SPLIT}] texts={totals['texts']} claims={totals['claims']} "
        f"background={totals['background']} non-claims={totals['non-claims']} "
        f"words={totals['words']}"
    )
    order = {"measure": check.MEASURES, "bound": check.BOUNDS, "modality": check.MODALITIES}
    for group, keys in order.items():
        counts = groups.get(group, Counter())
        print(f"  {group}: " + " ".join(f"{k}={counts[k]}" for k in keys))
    kinds = groups.get("non-claim kind", Counter())
    if kinds:
        print("  non-claim kind: " + " ".join(f"{k}={n}" for k, n in sorted(kinds.items())))
    chains, lengths = attribution_counts()
    print("  chain length: " + " ".join(f"{k}={n}" for k, n in sorted(lengths.items())))
    print(f"  attribution chains ({len(chains)} distinct):")
    for chain, count in sorted(chains.items(), key=lambda item: (-item[1], item[0])):
        print(f"    {count:2d}  " + " -> ".join(chain))


def main() -> int:
    """Run the checks on dev3, print the counts, and return the exit status."""
    report = check.Report()
    check.check_split(SPLIT, report)
    check_urls(report)
    print_counts(report)
    if report.errors:
        print(f"\n{len(report.errors)} error(s):")
        for line in report.errors:
            print(f"  {line}")
        return 1
    print(f"\nOK: all {SPLIT} labels files pass")
    return 0


if __name__ == "__main__":
    sys.exit(main())
