"""``python -m watchfloor`` runs the command-line interface."""

from watchfloor.cli.main import run

run()
