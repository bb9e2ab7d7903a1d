"""News reports: documents in, claims out (pure: no database, network or web)."""

from watchfloor.news.document import Document
from watchfloor.news.report import decode_report, parse_published, parse_report

__all__ = ["Document", "decode_report", "parse_published", "parse_report"]
