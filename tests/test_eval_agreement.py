"""Two labellers' labels of the same texts scored against each other."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from watchfloor.evaluation import score_agreement

TEXT = """---
title: Losses
outlet: Reuters
published: 2025-03-14
---

About 300 soldiers were killed, the agency said. Lee said 2,700 were wounded.
"""


def _labels(origin: str, wounded: float) -> dict[str, object]:
    day = {"text": None, "start": "2025-03-14", "end": "2025-03-14"}
    return {
        "published": "2025-03-14",
        "outlet": "Reuters",
        "claims": [
            {
                "measure": "killed",
                "low": 300,
                "high": 300,
                "bound": "approx",
                "time": day,
                "attribution": [origin],
                "anchor": "About 300 soldiers",
            },
            {
                "measure": "wounded",
                "low": wounded,
                "high": wounded,
                "bound": "exact",
                "time": day,
                "attribution": ["Lee"],
                "anchor": "2,700 were wounded",
            },
        ],
    }


def _write(folder: Path, labels: dict[str, object]) -> Path:
    folder.mkdir()
    (folder / "01-losses.md").write_text(TEXT, encoding="utf-8")
    (folder / "01-losses.labels.json").write_text(json.dumps(labels), encoding="utf-8")
    return folder


def test_identical_labels_agree_and_differences_count(tmp_path: Path) -> None:
    first = _write(tmp_path / "a", _labels("agency", 2700))
    same = _write(tmp_path / "b", _labels("agency", 2700))
    other = _write(tmp_path / "c", _labels("NIS", 2000))
    agreed = score_agreement(first, same)
    assert (agreed.matched, agreed.f1, agreed.origin_ok) == (2, 1.0, 2)
    differs = score_agreement(first, other)
    assert differs.matched == 1  # the wounded figures differ
    assert differs.origin_ok == 0  # agency against NIS


def _eval(first: Path, other: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    command = ["eval", "claims", str(first), "--labels-from", str(other), *extra]
    return subprocess.run(
        [sys.executable, "-m", "watchfloor", *command], capture_output=True, text=True
    )


def test_the_cli_scores_a_second_labeller(tmp_path: Path) -> None:
    first = _write(tmp_path / "a", _labels("agency", 2700))
    other = _write(tmp_path / "c", _labels("NIS", 2700))
    out = _eval(first, other, "--json")
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    assert (result["matched"], result["origin_accuracy"]) == (2, 0.5)
    missing = _eval(first, tmp_path / "nowhere")
    assert missing.returncode != 0 and "no such folder" in missing.stderr
    assert "Traceback" not in missing.stderr


def test_bad_labels_are_one_line_errors_naming_the_file(tmp_path: Path) -> None:
    first = _write(tmp_path / "a", _labels("agency", 2700))
    broken = _write(tmp_path / "b", _labels("agency", 2700))
    (broken / "01-losses.labels.json").write_text("{not json", encoding="utf-8")
    out = _eval(first, broken)
    assert out.returncode != 0 and "01-losses.labels.json:1: not JSON" in out.stderr
    assert "Traceback" not in out.stderr
    labels = _labels("agency", 2700)
    labels["claims"][0]["anchor"] = "no such words"  # type: ignore[index]
    (broken / "01-losses.labels.json").write_text(json.dumps(labels), encoding="utf-8")
    out = _eval(first, broken)
    assert "anchor 'no such words' is not in the text" in out.stderr
    assert "Traceback" not in out.stderr
