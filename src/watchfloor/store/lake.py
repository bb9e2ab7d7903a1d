"""The observation lake: AIS and ADS-B records as Parquet, partitioned by day.

Layout::

    lake/<dataset>/day=YYYY-MM-DD/<raw sha256>.parquet
    lake/<dataset>/day=unknown/<raw sha256>.parquet     (records with no receive time)

Each input's rows go to files named by the sha256 of its raw bytes, written to a temporary
name and renamed into place: ingesting the same input again rewrites the same files instead
of adding rows, and a crash leaves either the old file or the new one. Files whose input is
not recorded in ``raw_inputs`` (a crash between the lake write and the DB commit) are
overwritten by the rerun that completes the batch; readers take only committed inputs
(:meth:`Lake.files`).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

__all__ = ["DATASETS", "Lake"]

DATASETS = ("ais_positions", "ais_statics", "adsb_positions")
_UNKNOWN_DAY = "unknown"


class Lake:
    """The Parquet lake of one workspace."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def write(self, dataset: str, table: pa.Table, raw_sha256: str) -> int:
        """Write one input's rows of ``dataset``, split into day partitions by ``ts``.

        Returns:
            The number of rows written.
        """
        if dataset not in DATASETS:
            raise ValueError(f"unknown lake dataset {dataset!r}; expected one of {DATASETS}")
        if table.num_rows == 0:
            return 0
        table = table.append_column("raw_sha256", pa.array([raw_sha256] * table.num_rows))
        days = pc.strftime(table["ts"], format="%Y-%m-%d").fill_null(_UNKNOWN_DAY)
        for day in sorted(set(days.to_pylist())):
            part = table.filter(pc.equal(days, day))
            folder = self.root / dataset / f"day={day}"
            folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=".incoming-", suffix=".parquet")
            os.close(fd)
            try:
                pq.write_table(part, tmp, compression="zstd")
                Path(tmp).replace(folder / f"{raw_sha256}.parquet")
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        return int(table.num_rows)

    def files(self, dataset: str, committed: Iterable[str] | None = None) -> list[Path]:
        """The Parquet files of ``dataset``, only those of ``committed`` inputs if given."""
        keep = set(committed) if committed is not None else None
        return sorted(
            path
            for path in (self.root / dataset).glob("day=*/*.parquet")
            if keep is None or path.stem in keep
        )

    def read(self, dataset: str, committed: Iterable[str] | None = None) -> pa.Table:
        """All rows of ``dataset`` (of committed inputs), as one Arrow table."""
        paths = self.files(dataset, committed)
        if not paths:
            return pa.table({})
        return pa.concat_tables([pq.read_table(p) for p in paths], promote_options="default")
