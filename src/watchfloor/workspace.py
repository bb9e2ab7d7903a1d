"""A workspace: one folder with the knowledge DB, the lake, the raw archive and watch.yaml.

Layout::

    WORKSPACE/
      workspace.json   format version and, for a server, the database URL
      watch.yaml       sites, watchlists and sources (validated on every open)
      knowledge.db     the embedded SQLite knowledge DB (absent when a server is used)
      lake/            the observation lake (Parquet, partitioned by day)
      raw/             the raw archive (content-addressed by sha256)
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from watchfloor.config import WatchConfig, default_config_text, load_config
from watchfloor.errors import WorkspaceError
from watchfloor.sources import RawArchive
from watchfloor.store import Store, utcnow
from watchfloor.store.lake import Lake
from watchfloor.store.writes import sync_config

__all__ = ["WORKSPACE_FORMAT", "Workspace", "default_root"]

WORKSPACE_FORMAT = 1
_MARKER = "workspace.json"


def default_root(explicit: str | Path | None = None) -> Path:
    """The workspace folder: ``explicit``, else ``$WATCHFLOOR_HOME``, else a per-user one."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get("WATCHFLOOR_HOME")
    if env:
        return Path(env).expanduser()
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home) / "watchfloor"


@dataclass(slots=True)
class Workspace:
    """An open workspace. Use :meth:`init` or :meth:`open`, not the constructor."""

    root: Path
    config: WatchConfig
    store: Store
    archive: RawArchive
    lake: Lake
    migrated_from: str | None = None
    created: bool = False

    @property
    def config_path(self) -> Path:
        """The workspace's ``watch.yaml``."""
        return self.root / "watch.yaml"

    @classmethod
    def init(cls, root: Path, db_url: str | None = None) -> Workspace:
        """Create a workspace at ``root``, or open (and migrate) the one already there.

        Raises:
            WorkspaceError: ``root`` is a file, or already uses another database.
        """
        marker = root / _MARKER
        if marker.is_file():
            current = _read_marker(marker).get("db_url")
            if db_url is not None and db_url != current:
                raise WorkspaceError(
                    f"{marker}: workspace already uses database {current or 'knowledge.db'}; "
                    "edit db_url there to move it"
                )
            return cls.open(root)
        if root.exists() and not root.is_dir():
            raise WorkspaceError(f"{root}: exists and is not a folder")
        try:
            root.mkdir(parents=True, exist_ok=True)
            (root / "lake").mkdir(exist_ok=True)
            (root / "raw").mkdir(exist_ok=True)
            config_path = root / "watch.yaml"
            if not config_path.exists():
                config_path.write_text(default_config_text(), encoding="utf-8")
            marker_data = {
                "format": WORKSPACE_FORMAT,
                "db_url": db_url,
                "created_at": utcnow().isoformat(),
            }
            marker.write_text(json.dumps(marker_data, indent=2) + "\n", encoding="utf-8")
        except OSError as exc:
            raise WorkspaceError(f"{root}: cannot create workspace: {exc.strerror}") from exc
        workspace = cls.open(root)
        workspace.created = True
        return workspace

    @classmethod
    def open(cls, root: Path) -> Workspace:
        """Open the workspace at ``root``, migrating an older one to this version's schema.

        Raises:
            WorkspaceError: ``root`` is not a workspace or is from a newer version.
            ConfigError: ``watch.yaml`` is invalid.
        """
        marker = root / _MARKER
        if not marker.is_file():
            raise WorkspaceError(
                f"{root}: not a watchfloor workspace (no {_MARKER}); "
                f"run: watchfloor init --workspace {root}"
            )
        meta = _read_marker(marker)
        if int(str(meta.get("format", 0))) > WORKSPACE_FORMAT:
            raise WorkspaceError(
                f"{marker}:1: workspace format {meta['format']} is newer than this "
                f"watchfloor knows ({WORKSPACE_FORMAT}); upgrade watchfloor"
            )
        config = load_config(root / "watch.yaml")
        url = meta.get("db_url") or f"sqlite:///{root / 'knowledge.db'}"
        store = Store(str(url))
        before, after = store.migrate()
        with store.transaction() as conn:
            sync_config(conn, config, utcnow())
        (root / "lake").mkdir(exist_ok=True)
        (root / "raw").mkdir(exist_ok=True)
        return cls(
            root=root,
            config=config,
            store=store,
            archive=RawArchive(root / "raw"),
            lake=Lake(root / "lake"),
            migrated_from=before if before != after else None,
        )

    def close(self) -> None:
        """Release the database connections."""
        self.store.close()


def _read_marker(marker: Path) -> dict[str, object]:
    try:
        data = json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise WorkspaceError(f"{marker}: cannot read: {exc}") from exc
    except json.JSONDecodeError as exc:
        raise WorkspaceError(f"{marker}:{exc.lineno}: not valid JSON: {exc.msg}") from exc
    if not isinstance(data, dict):
        raise WorkspaceError(f"{marker}:1: expected a JSON object")
    return data
