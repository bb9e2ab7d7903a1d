"""News reports: documents in, claims out (pure: no database, network or web)."""

from watchfloor.news.document import Document
from watchfloor.news.extract import extract_claims
from watchfloor.news.feeds import decode_feed, feed_problem
from watchfloor.news.formats import ReportFormat, decode_any_report, report_format
from watchfloor.news.html import decode_html
from watchfloor.news.jsonl import decode_jsonl
from watchfloor.news.report import decode_report, parse_published, parse_report

__all__ = [
    "Document",
    "ReportFormat",
    "decode_any_report",
    "decode_feed",
    "decode_html",
    "decode_jsonl",
    "decode_report",
    "extract_claims",
    "feed_problem",
    "parse_published",
    "parse_report",
    "report_format",
]
