"""Bundled scenarios: evidence sets that exercise watchfloor end to end."""

from watchfloor.scenarios.demo import run_demo, scenario_path

__all__ = ["run_demo", "scenario_path"]
