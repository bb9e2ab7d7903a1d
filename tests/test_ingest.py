"""The ingest pipeline: archive, dedupe, quarantine, strict mode and all-or-nothing batches."""

from __future__ import annotations

import gzip
from collections.abc import Iterable
from pathlib import Path

import pytest
from sqlalchemy import select

from watchfloor.errors import DecodeError, IngestError
from watchfloor.ingest import decoder_for, ingest_paths, register_decoder
from watchfloor.ingest import decoders as ingest_decoders
from watchfloor.ingest.decoders import Record
from watchfloor.store import list_quarantine, schema
from watchfloor.workspace import Workspace

REPORT = """\
---
title: Seoul says troops sent
outlet: Yonhap
published: 2024-10-18
---
South Korea's spy agency said about 1,500 North Korean soldiers were moved last week.
"""


def _write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def _counts(ws: Workspace) -> dict[str, int]:
    return ws.store.counts()


def test_report_is_stored_with_provenance(workspace: Workspace, tmp_path: Path) -> None:
    """A report is archived by sha256 and stored with its front matter and resolved source."""
    path = _write(tmp_path / "in" / "a.md", REPORT)
    summary = ingest_paths(workspace, [path])
    assert summary.of("report").stored == 1
    [doc] = workspace.store.rows(select(schema.documents))
    assert doc["title"] == "Seoul says troops sent"
    assert doc["published_at"].isoformat() == "2024-10-18T00:00:00+00:00"
    assert doc["text"].startswith("South Korea's spy agency")
    assert workspace.archive.get(doc["raw_sha256"]) == path.read_bytes()
    [source] = workspace.store.rows(
        select(schema.sources.c.name, schema.sources.c.reliability).where(
            schema.sources.c.id == doc["source_id"]
        )
    )
    assert source["name"].startswith("Yonhap")  # the outlet resolved through aliases


def test_same_bytes_twice_is_a_noop(workspace: Workspace, tmp_path: Path) -> None:
    """Ingesting identical bytes again stores nothing and says so."""
    path = _write(tmp_path / "a.md", REPORT)
    ingest_paths(workspace, [path])
    before = _counts(workspace)
    copy = _write(tmp_path / "copy-of-a.md", REPORT)
    summary = ingest_paths(workspace, [copy])
    assert summary.total.duplicate == 1 and summary.total.stored == 0
    assert "already ingested" in summary.messages[0]
    assert _counts(workspace) == before


def test_gzip_is_read_through(workspace: Workspace, tmp_path: Path) -> None:
    """A gzipped report is decompressed, its kind told from the inner name."""
    path = _write(tmp_path / "a.md.gz", gzip.compress(REPORT.encode()))
    summary = ingest_paths(workspace, [path])
    assert summary.of("report").stored == 1


def test_corrupt_gzip_is_quarantined(workspace: Workspace, tmp_path: Path) -> None:
    """A truncated gzip is one rejected input with a reason, archived, never a crash."""
    data = gzip.compress(REPORT.encode())[:-12]
    path = _write(tmp_path / "bad.md.gz", data)
    summary = ingest_paths(workspace, [path])
    assert summary.total.rejected == 1 and summary.total.stored == 0
    [row] = list_quarantine(workspace.store)
    assert row["reason"].startswith("corrupt gzip")
    assert row["input_name"] == str(path)
    assert workspace.archive.get(row["raw_sha256"]) == data


def test_empty_file(workspace: Workspace, tmp_path: Path) -> None:
    """An empty file is rejected as empty."""
    path = _write(tmp_path / "empty.txt", b"")
    summary = ingest_paths(workspace, [path])
    assert summary.total.rejected == 1
    assert list_quarantine(workspace.store)[0]["reason"] == "empty file"


def test_front_matter_only_is_empty_report(workspace: Workspace, tmp_path: Path) -> None:
    """A report with front matter and no text is rejected with the line after the block."""
    path = _write(tmp_path / "a.md", "---\ntitle: x\n---\n\n")
    ingest_paths(workspace, [path])
    [row] = list_quarantine(workspace.store)
    assert row["reason"] == "empty report: no text after the front matter"
    assert row["line"] == 3


def test_binary_passed_as_report(workspace: Workspace, tmp_path: Path) -> None:
    """Binary bytes forced to --kind report are quarantined as binary, shown in hex."""
    blob = bytes(range(256)) * 8
    path = _write(tmp_path / "photo.jpg", blob)
    summary = ingest_paths(workspace, [path], kind="report")
    assert summary.of("report").rejected == 1
    [row] = list_quarantine(workspace.store)
    assert row["reason"] == "binary content, expected text"
    assert row["raw"].startswith("hex:000102")


def test_binary_with_auto_kind(workspace: Workspace, tmp_path: Path) -> None:
    """Binary bytes of no known format cannot be told apart and are rejected, not guessed."""
    path = _write(tmp_path / "blob.dat", bytes(range(256)) * 8)
    summary = ingest_paths(workspace, [path])
    assert summary.total.rejected == 1
    assert "cannot tell what kind" in list_quarantine(workspace.store)[0]["reason"]


def test_non_utf8_report(workspace: Workspace, tmp_path: Path) -> None:
    """A cp1252 report (curly quotes) is decoded correctly and its encoding recorded."""
    text = REPORT.replace("South Korea's", "South Korea\u2019s")
    path = _write(tmp_path / "win.txt", text.encode("cp1252"))
    ingest_paths(workspace, [path])
    [doc] = workspace.store.rows(select(schema.documents))
    assert doc["encoding"] == "cp1252"
    assert "South Korea\u2019s spy agency" in doc["text"]


def test_strict_stops_at_first_bad_record(workspace: Workspace, tmp_path: Path) -> None:
    """--strict raises file:line at the first bad record and stores nothing of that input."""
    _write(tmp_path / "in" / "a.md", REPORT)
    bad = _write(tmp_path / "in" / "b.md", "---\npublished: yesterday\n---\nText.\n")
    with pytest.raises(IngestError) as info:
        ingest_paths(workspace, [tmp_path / "in"], strict=True)
    assert str(info.value).startswith(f"{bad}:2: published: expected an ISO 8601 date")
    counts = _counts(workspace)
    assert counts["documents"] == 1  # a.md was committed before b.md failed
    assert counts["quarantine"] == 0


def test_exception_mid_batch_leaves_db_unchanged(workspace: Workspace, tmp_path: Path) -> None:
    """A crash half-way through an input rolls the whole input back; a rerun completes it."""
    csv_text = "site,observed_at,object_class,count\n" + "".join(
        f"sunan,2025-05-0{d}T02:00:00Z,aircraft,{d}\n" for d in range(1, 6)
    )
    path = _write(tmp_path / "obs.csv", csv_text)
    original = decoder_for("imagery")
    assert original is not None

    def crashing(data: bytes, name: str) -> Iterable[Record | DecodeError]:
        for index, record in enumerate(original(data, name)):
            if index == 3:
                raise RuntimeError("disk on fire")
            yield record

    before = _counts(workspace)
    register_decoder("imagery", crashing)
    try:
        with pytest.raises(RuntimeError, match="disk on fire"):
            ingest_paths(workspace, [path])
    finally:
        register_decoder("imagery", original)
    assert _counts(workspace) == before
    summary = ingest_paths(workspace, [path])
    assert summary.of("imagery").stored == 5
    assert _counts(workspace)["observations"] == 5


def test_keyboard_interrupt_mid_batch(workspace: Workspace, tmp_path: Path) -> None:
    """Ctrl-C during an input leaves earlier inputs committed and the current one absent."""
    first = _write(tmp_path / "in" / "1.md", REPORT)
    second = _write(tmp_path / "in" / "2.md", REPORT.replace("1,500", "3,000"))

    original = decoder_for("report")
    assert original is not None

    def interrupting(data: bytes, name: str) -> Iterable[Record | DecodeError]:
        if name == str(second):
            raise KeyboardInterrupt
        return original(data, name)

    register_decoder("report", interrupting)
    try:
        with pytest.raises(KeyboardInterrupt):
            ingest_paths(workspace, [first.parent])
    finally:
        register_decoder("report", original)
    assert _counts(workspace)["documents"] == 1
    summary = ingest_paths(workspace, [first.parent])
    assert summary.total.duplicate == 1 and summary.total.stored == 1


def test_bad_rows_are_quarantined_and_stream_goes_on(workspace: Workspace, tmp_path: Path) -> None:
    """Bad CSV rows are counted and kept with file:line; the good rows are stored."""
    rows = [
        "site,observed_at,object_class,count",
        "sunan,2025-05-01,aircraft,7",
        "sunan,not-a-date,aircraft,7",
        "nowhere,2025-05-02,aircraft,7",
        "dunai,2025-05-02,ship,-1",
        "dunai,2025-05-03,ship,2",
    ]
    path = _write(tmp_path / "obs.csv", "\n".join(rows) + "\n")
    summary = ingest_paths(workspace, [path])
    assert (summary.of("imagery").stored, summary.of("imagery").rejected) == (2, 3)
    quarantined = {row["line"]: row for row in list_quarantine(workspace.store)}
    assert sorted(quarantined) == [3, 4, 5]
    assert quarantined[3]["raw"] == rows[2]
    assert "observed_at: expected an ISO 8601 date" in quarantined[3]["reason"]
    assert "'nowhere' is not a site" in quarantined[4]["reason"]
    assert "count: expected a whole number" in quarantined[5]["reason"]


def test_csv_with_missing_column(workspace: Workspace, tmp_path: Path) -> None:
    """A CSV without a required column is one rejected record at line 1."""
    path = _write(
        tmp_path / "obs.csv", "site,observed_at,object_class\nsunan,2025-05-01,aircraft\n"
    )
    summary = ingest_paths(workspace, [path], kind="imagery")
    assert summary.of("imagery").rejected == 1
    [row] = list_quarantine(workspace.store)
    assert row["line"] == 1 and row["reason"].startswith("missing column(s) count")


def test_folders_are_walked_and_kinds_sniffed(workspace: Workspace, tmp_path: Path) -> None:
    """A folder is walked recursively; hidden files are skipped; kinds come from content."""
    _write(tmp_path / "in" / "reports" / "a.txt", REPORT)
    _write(
        tmp_path / "in" / "deep" / "er" / "obs.csv",
        "site,date,class,count\nsunan,2025-05-01,aircraft,3\n",
    )
    _write(tmp_path / "in" / ".hidden" / "x.md", REPORT + "hidden")
    summary = ingest_paths(workspace, [tmp_path / "in"])
    assert summary.of("report").stored == 1
    assert summary.of("imagery").stored == 1
    assert summary.total.inputs == 2


def test_no_decoder_for_kind_is_archived_not_stored(
    workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An input of a kind with no decoder installed is archived and reported, not stored."""
    monkeypatch.delitem(ingest_decoders._BULK, "adsb")  # every bundled kind has a decoder now
    path = _write(tmp_path / "feed.avr", "*8D4840D6202CC371C32CE0576098;\n")
    assert decoder_for("adsb") is None
    summary = ingest_paths(workspace, [path])
    assert summary.of("adsb").rejected == 1
    assert "no adsb decoder" in summary.messages[0]
    assert workspace.archive.path(workspace.archive.put(path.read_bytes())).is_file()
    again = ingest_paths(workspace, [path])
    assert again.total.duplicate == 0  # not recorded, so it is retried once a decoder exists


def test_source_option_attributes_records(workspace: Workspace, tmp_path: Path) -> None:
    """--source attributes every record to that source, resolved through its aliases."""
    path = _write(
        tmp_path / "obs.csv", "site,observed_at,object_class,count\nsunan,2025-05-01,aircraft,3\n"
    )
    ingest_paths(workspace, [path], source="Planet Labs")
    [obs] = workspace.store.rows(select(schema.observations))
    [source] = workspace.store.rows(
        select(schema.sources.c.name).where(schema.sources.c.id == obs["source_id"])
    )
    assert source["name"] == "Planet Labs"


def test_unknown_outlet_becomes_ungraded_source(workspace: Workspace, tmp_path: Path) -> None:
    """A report from an outlet no source names creates a source graded F (cannot be judged)."""
    path = _write(tmp_path / "a.md", REPORT.replace("Yonhap", "The Pyongyang Bugle"))
    ingest_paths(workspace, [path])
    [row] = workspace.store.rows(
        select(schema.sources).where(schema.sources.c.name == "The Pyongyang Bugle")
    )
    assert row["reliability"] == "F" and not row["from_config"]


def test_missing_path(workspace: Workspace, tmp_path: Path) -> None:
    """A path that does not exist is an IngestError naming it."""
    with pytest.raises(IngestError, match="no such file or folder"):
        ingest_paths(workspace, [tmp_path / "nope"])


def test_five_megabyte_report(sqlite_workspace: Workspace, tmp_path: Path) -> None:
    """A 5 MB text is stored with its claims, not refused and not a crash."""
    filler = (
        "The talks in Pyongyang covered trade, rail links and the reopening of a border "
        "crossing, and officials described them as constructive and forward-looking.\n\n"
    ) * 9
    claim = "Officials said about 11,000 North Korean troops were in Kursk.\n\n"
    block = filler + claim
    repeats = 5_000_000 // len(block)
    text = "---\noutlet: Reuters\npublished: 2025-01-13\n---\n" + block * repeats
    path = _write(tmp_path / "huge.txt", text)
    summary = ingest_paths(sqlite_workspace, [path])
    assert summary.of("report").stored == 1
    assert _counts(sqlite_workspace)["claims"] == repeats
