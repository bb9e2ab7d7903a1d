#!/usr/bin/env python3
"""Validate an extra split (``dev2`` to ``dev33``, ``heldout2``) and print its counts.

Usage::

    python3 corpus/claims/check_extra.py dev2
    python3 corpus/claims/check_extra.py dev3
    python3 corpus/claims/check_extra.py dev4
    python3 corpus/claims/check_extra.py dev5
    python3 corpus/claims/check_extra.py dev6
    python3 corpus/claims/check_extra.py dev7
    python3 corpus/claims/check_extra.py dev8
    python3 corpus/claims/check_extra.py dev9
    python3 corpus/claims/check_extra.py dev10
    python3 corpus/claims/check_extra.py dev11
    python3 corpus/claims/check_extra.py dev12
    python3 corpus/claims/check_extra.py dev13
    python3 corpus/claims/check_extra.py dev14
    python3 corpus/claims/check_extra.py dev15
    python3 corpus/claims/check_extra.py dev16
    python3 corpus/claims/check_extra.py dev17
    python3 corpus/claims/check_extra.py dev18
    python3 corpus/claims/check_extra.py dev19
    python3 corpus/claims/check_extra.py dev20
    python3 corpus/claims/check_extra.py dev21
    python3 corpus/claims/check_extra.py dev22
    python3 corpus/claims/check_extra.py dev23
    python3 corpus/claims/check_extra.py dev24
    python3 corpus/claims/check_extra.py dev25
    python3 corpus/claims/check_extra.py dev26
    python3 corpus/claims/check_extra.py dev27
    python3 corpus/claims/check_extra.py dev28
    python3 corpus/claims/check_extra.py dev29
    python3 corpus/claims/check_extra.py dev30
    python3 corpus/claims/check_extra.py dev31
    python3 corpus/claims/check_extra.py dev32
    python3 corpus/claims/check_extra.py dev33
    python3 corpus/claims/check_extra.py heldout2

``corpus/claims/check.py`` checks only ``dev`` and ``heldout``. This script imports its
validation functions and runs them on one extra split, with the same rules (front matter, keys
and values, bounds, dates, time texts, unique anchors, full number coverage). It adds two checks
of its own: each ``url`` ends in the split's url prefix and the file stem, and every
attribution chain is listed in the summary so that canonical names can be reviewed at a glance.

Exits 0 when every check passes, 1 otherwise. Python 3.11 standard library only.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.dont_write_bytecode = True  # leave no __pycache__ beside check.py
sys.path.insert(0, str(ROOT))

import check  # noqa: E402  (corpus/claims/check.py, found through the path set above)

#: Each extra split's url prefix (they were written with different url schemes).
URL_PREFIXES = {
    "dev2": check.URL_PREFIX + "dev2/",
    "dev3": check.URL_PREFIX + "claims/dev3/",
    "dev4": check.URL_PREFIX + "claims/dev4/",
    "dev5": check.URL_PREFIX + "claims/dev5/",
    "dev6": check.URL_PREFIX + "claims/dev6/",
    "dev7": check.URL_PREFIX + "claims/dev7/",
    "dev8": check.URL_PREFIX + "claims/dev8/",
    "dev9": check.URL_PREFIX + "claims/dev9/",
    "dev10": check.URL_PREFIX + "claims/dev10/",
    "dev11": check.URL_PREFIX + "claims/dev11/",
    "dev12": check.URL_PREFIX + "claims/dev12/",
    "dev13": check.URL_PREFIX + "claims/dev13/",
    "dev14": check.URL_PREFIX + "claims/dev14/",
    "dev15": check.URL_PREFIX + "claims/dev15/",
    "dev16": check.URL_PREFIX + "claims/dev16/",
    "dev17": check.URL_PREFIX + "claims/dev17/",
    "dev18": check.URL_PREFIX + "claims/dev18/",
    "dev19": check.URL_PREFIX + "claims/dev19/",
    "dev20": check.URL_PREFIX + "claims/dev20/",
    "dev21": check.URL_PREFIX + "claims/dev21/",
    "dev22": check.URL_PREFIX + "claims/dev22/",
    "dev23": check.URL_PREFIX + "claims/dev23/",
    "dev24": check.URL_PREFIX + "claims/dev24/",
    "dev25": check.URL_PREFIX + "claims/dev25/",
    "dev26": check.URL_PREFIX + "claims/dev26/",
    "dev27": check.URL_PREFIX + "claims/dev27/",
    "dev28": check.URL_PREFIX + "claims/dev28/",
    "dev29": check.URL_PREFIX + "claims/dev29/",
    "dev30": check.URL_PREFIX + "claims/dev30/",
    "dev31": check.URL_PREFIX + "claims/dev31/",
    "dev32": check.URL_PREFIX + "claims/dev32/",
    "dev33": check.URL_PREFIX + "claims/dev33/",
    "dev40": check.URL_PREFIX + "claims/dev40/",
    "dev41": check.URL_PREFIX + "claims/dev41/",
    "dev42": check.URL_PREFIX + "claims/dev42/",
    "dev43": check.URL_PREFIX + "claims/dev43/",
    "dev44": check.URL_PREFIX + "claims/dev44/",
    "dev45": check.URL_PREFIX + "claims/dev45/",
    "heldout2": check.URL_PREFIX + "claims/heldout2/",
    "dev34": check.URL_PREFIX + "claims/dev34/",
    "dev35": check.URL_PREFIX + "claims/dev35/",
    "dev36": check.URL_PREFIX + "claims/dev36/",
    "dev37": check.URL_PREFIX + "claims/dev37/",
    "dev38": check.URL_PREFIX + "claims/dev38/",
    "dev39": check.URL_PREFIX + "claims/dev39/",
    "heldout3-a": check.URL_PREFIX + "claims/heldout3-a/",
    "heldout3-b": check.URL_PREFIX + "claims/heldout3-b/",
    "heldout3-c": check.URL_PREFIX + "claims/heldout3-c/",
    "dev46": check.URL_PREFIX + "claims/dev46/",
    "dev47": check.URL_PREFIX + "claims/dev47/",
    "dev48": check.URL_PREFIX + "claims/dev48/",
    "heldout4-a": check.URL_PREFIX + "claims/heldout4-a/",
    "heldout4-b": check.URL_PREFIX + "claims/heldout4-b/",
    "heldout4-c": check.URL_PREFIX + "claims/heldout4-c/",
    "dev49": check.URL_PREFIX + "claims/dev49/",
    "dev50": check.URL_PREFIX + "claims/dev50/",
    "dev51": check.URL_PREFIX + "claims/dev51/",
    "dev52": check.URL_PREFIX + "claims/dev52/",
    "dev53": check.URL_PREFIX + "claims/dev53/",
    "dev54": check.URL_PREFIX + "claims/dev54/",
    "dev55": check.URL_PREFIX + "claims/dev55/",
    "dev56": check.URL_PREFIX + "claims/dev56/",
    "dev57": check.URL_PREFIX + "claims/dev57/",
    "dev58": check.URL_PREFIX + "claims/dev58/",
    "dev59": check.URL_PREFIX + "claims/dev59/",
    "dev60": check.URL_PREFIX + "claims/dev60/",
    "agreement/dev31-b": check.URL_PREFIX + "claims/dev31/",
    "agreement/dev32-b": check.URL_PREFIX + "claims/dev32/",
    "agreement/dev33-b": check.URL_PREFIX + "claims/dev33/",
    "agreement/heldout2-b": check.URL_PREFIX + "claims/heldout2/",
}


def check_urls(split: str, report: check.Report) -> None:
    """Each text's url is the split's prefix followed by the file's stem."""
    for md_path in sorted((ROOT / split).glob("*.md")):
        meta, _ = check.split_front_matter(md_path.read_text(encoding="utf-8"))
        expected = URL_PREFIXES[split] + md_path.stem
        if meta.get("url") != expected:
            report.error(f"{split}/{md_path.name}", f"url should be {expected}")


def attribution_counts(split: str) -> tuple[Counter[tuple[str, ...]], Counter[int]]:
    """Count the attribution chains and chain lengths over every labels file."""
    chains: Counter[tuple[str, ...]] = Counter()
    lengths: Counter[int] = Counter()
    for labels_path in sorted((ROOT / split).glob("*.labels.json")):
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


def print_counts(split: str, report: check.Report) -> None:
    """Print the split's totals, its measure/bound/modality counts and its attribution chains."""
    groups = report.tallies.get(split, {})
    totals = groups.get("totals", Counter())
    print(
        f"[{split}] texts={totals['texts']} claims={totals['claims']} "
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
    chains, lengths = attribution_counts(split)
    print("  chain length: " + " ".join(f"{k}={n}" for k, n in sorted(lengths.items())))
    print(f"  attribution chains ({len(chains)} distinct):")
    for chain, count in sorted(chains.items(), key=lambda item: (-item[1], item[0])):
        print(f"    {count:2d}  " + " -> ".join(chain))


def main(argv: list[str] | None = None) -> int:
    """Run the checks on the named split, print the counts, and return the exit status."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or args[0] not in URL_PREFIXES:
        print(f"usage: check_extra.py {{{','.join(URL_PREFIXES)}}}", file=sys.stderr)
        return 2
    split = args[0]
    report = check.Report()
    check.check_split(split, report)
    check_urls(split, report)
    print_counts(split, report)
    if report.errors:
        print(f"\n{len(report.errors)} error(s):")
        for line in report.errors:
            print(f"  {line}")
        return 1
    print(f"\nOK: all {split} labels files pass")
    return 0


if __name__ == "__main__":
    sys.exit(main())
