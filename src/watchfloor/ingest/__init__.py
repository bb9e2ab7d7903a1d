"""Ingest: from files to stored records, archived, quarantined and transactional."""

from watchfloor.ingest.decoders import Decoder, Record, decoder_for, register_decoder
from watchfloor.ingest.pipeline import IngestSummary, KindCounts, ingest_paths
from watchfloor.ingest.sniff import KINDS, sniff_kind

__all__ = [
    "KINDS",
    "Decoder",
    "IngestSummary",
    "KindCounts",
    "Record",
    "decoder_for",
    "ingest_paths",
    "register_decoder",
    "sniff_kind",
]
