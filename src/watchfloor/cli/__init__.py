"""The command-line interface (thin: the Python API does the work)."""
