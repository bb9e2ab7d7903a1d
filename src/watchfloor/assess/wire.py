"""Verbatim wire copies: documents whose text is (almost) the same, found with MinHash.

A wire story republished by another outlet with light edits shares most of its 5-word
shingles with the original; MinHash LSH (datasketch) finds such pairs without comparing every
pair of documents. Paraphrased echoes are not found this way (they share few shingles), which
is why origins are grouped on attribution, date and figure as well (:mod:`.origins`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from datasketch import MinHash, MinHashLSH

__all__ = ["COPY_THRESHOLD", "wire_copies"]

#: Estimated Jaccard similarity of 5-word shingles above which two texts are one wire story.
COPY_THRESHOLD = 0.6
_PERMUTATIONS = 128
_WORD = re.compile(r"[a-z0-9]+")


def _signature(text: str) -> MinHash:
    words = _WORD.findall(text.lower())
    shingles = {" ".join(words[i : i + 5]) for i in range(max(1, len(words) - 4))}
    signature = MinHash(num_perm=_PERMUTATIONS, seed=1)
    signature.update_batch([s.encode("utf-8") for s in shingles])
    return signature


def wire_copies(documents: Iterable[tuple[int, str]]) -> dict[int, int]:
    """Map each document id to the id of the first document of its wire-copy cluster.

    Args:
        documents: ``(id, text)`` pairs in publication order (the first of a cluster is
            taken as the original).

    Returns:
        Every document id, mapped to itself when it copies nothing earlier.
    """
    lsh = MinHashLSH(threshold=COPY_THRESHOLD, num_perm=_PERMUTATIONS)
    root: dict[int, int] = {}
    for doc_id, text in documents:
        signature = _signature(text)
        matches = [int(m) for m in lsh.query(signature)]
        root[doc_id] = min((root[m] for m in matches), default=doc_id)
        lsh.insert(str(doc_id), signature)
    return root
