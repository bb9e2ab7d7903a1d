"""Claim extraction: counts of people, with hedge, time, attribution and modality, from text.

Pure Python rules; spaCy is used when asked for (or installed, with ``nlp="auto"``) for sentence
splitting and person names. The entry point is :func:`extract_claims`.
"""

from watchfloor.news.extract.attribution import clean_source, normalize_source
from watchfloor.news.extract.extractor import NlpMode, extract_claims
from watchfloor.news.extract.numbers import parse_number
from watchfloor.news.extract.quantities import Quantity, find_quantities
from watchfloor.news.extract.sentences import split_sentences
from watchfloor.news.extract.timeexpr import TimeMention, find_times

__all__ = [
    "NlpMode",
    "Quantity",
    "TimeMention",
    "clean_source",
    "extract_claims",
    "find_quantities",
    "find_times",
    "normalize_source",
    "parse_number",
    "split_sentences",
]
