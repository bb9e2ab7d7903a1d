"""Workspace configuration: the validated ``watch.yaml``."""

from watchfloor.config.loader import default_config_text, load_config, parse_config
from watchfloor.config.model import (
    AircraftEntry,
    FeedEntry,
    Site,
    SourceEntry,
    Thresholds,
    VesselEntry,
    WatchConfig,
)

__all__ = [
    "AircraftEntry",
    "FeedEntry",
    "Site",
    "SourceEntry",
    "Thresholds",
    "VesselEntry",
    "WatchConfig",
    "default_config_text",
    "load_config",
    "parse_config",
]
