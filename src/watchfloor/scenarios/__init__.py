"""Bundled scenarios: evidence sets that exercise watchfloor end to end."""

from watchfloor.scenarios.demo import build_scenario, run_demo, scenario_inputs, scenario_path

__all__ = ["build_scenario", "run_demo", "scenario_inputs", "scenario_path"]
