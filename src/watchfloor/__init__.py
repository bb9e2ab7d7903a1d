"""watchfloor: track military deployments from public evidence.

Importing the package does no I/O; the public API lives in the subpackages
(:mod:`watchfloor.workspace`, :mod:`watchfloor.ingest`, :mod:`watchfloor.config`).
"""

from watchfloor.errors import WatchfloorError

__all__ = ["WatchfloorError", "__version__"]

__version__ = "0.1.0"
