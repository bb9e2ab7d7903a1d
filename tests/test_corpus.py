"""The labelled corpora are well-formed and their scorers measure what they say."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

from watchfloor.assess import ClaimRecord
from watchfloor.evaluation.origins import LabelledClaim, score_grouping

ROOT = Path(__file__).resolve().parents[1]


def _check(script: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / script), *args], capture_output=True, text=True, check=False
    )


def test_claims_corpus_checker_passes() -> None:
    """corpus/claims/check.py accepts every labels file (anchors, values, dates)."""
    result = _check("corpus/claims/check.py")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "OK: all labels files pass" in result.stdout


def test_claims_dev2_checker_passes() -> None:
    """corpus/claims/check_extra.py accepts the second development split."""
    result = _check("corpus/claims/check_extra.py", "dev2")
    assert result.returncode == 0, result.stdout + result.stderr


def test_claims_dev3_checker_passes() -> None:
    """corpus/claims/check_extra.py accepts the third development split."""
    result = _check("corpus/claims/check_extra.py", "dev3")
    assert result.returncode == 0, result.stdout + result.stderr


def test_claims_dev4_checker_passes() -> None:
    """corpus/claims/check_extra.py accepts the fourth development split."""
    result = _check("corpus/claims/check_extra.py", "dev4")
    assert result.returncode == 0, result.stdout + result.stderr


def test_claims_dev5_checker_passes() -> None:
    """corpus/claims/check_extra.py accepts the fifth development split."""
    result = _check("corpus/claims/check_extra.py", "dev5")
    assert result.returncode == 0, result.stdout + result.stderr


def test_claims_dev6_checker_passes() -> None:
    """corpus/claims/check_extra.py accepts the sixth development split."""
    result = _check("corpus/claims/check_extra.py", "dev6")
    assert result.returncode == 0, result.stdout + result.stderr


def test_claims_dev7_checker_passes() -> None:
    """corpus/claims/check_extra.py accepts the seventh development split."""
    result = _check("corpus/claims/check_extra.py", "dev7")
    assert result.returncode == 0, result.stdout + result.stderr


def test_origins_corpus_checker_passes() -> None:
    """corpus/origins/check.py accepts every labels file and every declared origin."""
    result = _check("corpus/origins/check.py")
    assert result.returncode == 0, result.stdout + result.stderr


def _item(n: int, origin: str, split: str = "dev") -> LabelledClaim:
    record = ClaimRecord(  # the record's fields do not matter to pair scoring
        id=n,
        document_id=n,
        measure="troops",
        low=1,
        high=1,
        bound="exact",
        modality="asserted",
        attribution=("x",),
        published=dt.datetime(2025, 1, 1, tzinfo=dt.UTC),
        outlet=None,
        quote="",
    )
    return LabelledClaim(("f", n), split, origin, record)


def test_pairwise_scoring_by_hand() -> None:
    """Gold {a,b,c}{d}; predicted {a,b}{c,d}: TP 1 (ab), FP 1 (cd), FN 2 (ac, bc)."""
    items = [_item(1, "g1"), _item(2, "g1"), _item(3, "g1"), _item(4, "g2")]
    predicted = {("f", 1): "p1", ("f", 2): "p1", ("f", 3): "p2", ("f", 4): "p2"}
    score = score_grouping(items, predicted, None)
    assert (score.tp, score.fp, score.fn) == (1, 1, 2)
    assert score.precision == 0.5 and score.recall == 1 / 3


def test_held_out_split_counts_pairs_touching_it() -> None:
    """Held-out scoring includes dev x held-out pairs; dev scoring only dev x dev pairs."""
    items = [_item(1, "g1"), _item(2, "g1", "heldout"), _item(3, "g1")]
    predicted = {("f", 1): "p", ("f", 2): "q", ("f", 3): "p"}
    held = score_grouping(items, predicted, "heldout")
    dev = score_grouping(items, predicted, "dev")
    assert (held.tp, held.fn) == (0, 2)
    assert (dev.tp, dev.fn) == (1, 0)
