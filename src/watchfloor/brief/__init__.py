"""The brief: the product an analyst sends up the chain, as text, Markdown or one HTML file.

:func:`gather_brief` reads a workspace into a :class:`Brief` (every figure footnoted to the
claims, events and observations behind it); :func:`render_text`, :func:`render_markdown`
and :func:`render_html` print it.
"""

from watchfloor.brief.gather import DEFAULT_TITLE, evaluate_board, gather_brief, is_synthetic
from watchfloor.brief.model import SECTIONS, Brief

__all__ = [
    "DEFAULT_TITLE",
    "SECTIONS",
    "Brief",
    "evaluate_board",
    "gather_brief",
    "is_synthetic",
]
