"""Name normalization through the sources' aliases in ``watch.yaml``."""

from __future__ import annotations

from watchfloor.config.model import WatchConfig

__all__ = ["source_aliases"]


def source_aliases(config: WatchConfig) -> dict[str, str]:
    """Map every source name and alias, casefolded, to the source's canonical name."""
    out: dict[str, str] = {}
    for source in config.sources:
        for name in (source.name, *source.aliases):
            out[name.casefold()] = source.name
    return out
