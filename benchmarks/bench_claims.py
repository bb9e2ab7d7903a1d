#!/usr/bin/env python3
"""Claim extraction speed: articles per second on 600-word articles, rules and spaCy paths.

Baseline, measured in the same run on the same articles: spaCy's ``en_core_web_sm`` pipeline
alone (tokenize, tag, parse, NER; no extraction), the cost any spaCy-based extractor pays.
Articles are built from the bundled scenario reports and the labelled corpus, each cut or
repeated to 600 words.

Usage: python benchmarks/bench_claims.py [--articles N] [--repeat R]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

from watchfloor.news import parse_report
from watchfloor.news.extract import extract_claims
from watchfloor.news.extract.nlp import MODEL_NAMES, load_model, spacy_ready

ROOT = Path(__file__).resolve().parents[1]


def articles(count: int, words: int = 600) -> list[str]:
    """``count`` texts of ``words`` words from the repository's report texts."""
    sources = sorted((ROOT / "src/watchfloor/scenarios/korea_russia/reports").glob("*.md"))
    # the development splits only: held-out texts are read by the scorer alone
    sources += sorted(
        p for p in (ROOT / "corpus/claims").rglob("*.md") if not p.parent.name.startswith("heldout")
    )
    bodies = [
        parse_report(p.read_text(encoding="utf-8")).text for p in sources if p.name != "README.md"
    ]
    out = []
    for i in range(count):
        tokens: list[str] = []
        j = i
        while len(tokens) < words:
            tokens += bodies[j % len(bodies)].split()
            j += 1
        out.append(" ".join(tokens[:words]))
    return out


def _installed_model() -> str:
    """The installed module name of the small English pipeline."""
    import importlib.util

    return next(n for n in MODEL_NAMES if importlib.util.find_spec(n) is not None)


def rate(fn: Callable[[str], object], texts: list[str], repeat: int) -> float:
    """Best articles/second over ``repeat`` passes."""
    best = 0.0
    for _ in range(repeat):
        start = time.perf_counter()
        for text in texts:
            fn(text)
        best = max(best, len(texts) / (time.perf_counter() - start))
    return best


def main() -> None:
    """Measure and print rates and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    texts = articles(args.articles)
    extract_claims(texts[0], nlp="rules")  # warm regex caches
    rules = rate(lambda t: extract_claims(t, nlp="rules"), texts, args.repeat)
    print(f"articles: {len(texts)} x 600 words, best of {args.repeat}")
    print(f"watchfloor rules extraction      {rules:8.1f} articles/s")
    if not spacy_ready():
        print("spaCy or its model not installed: baseline and spaCy path not measured")
        return
    import spacy

    load_model()
    nlp = spacy.load(_installed_model())  # the stock pipeline, all components as shipped
    nlp(texts[0])
    extract_claims(texts[0], nlp="spacy")
    base = rate(nlp, texts, args.repeat)
    with_spacy = rate(lambda t: extract_claims(t, nlp="spacy"), texts, args.repeat)
    print(f"baseline: spaCy en_core_web_sm   {base:8.1f} articles/s (parse only)")
    print(f"watchfloor spaCy extraction      {with_spacy:8.1f} articles/s")
    print(f"ratio rules / baseline           {rules / base:8.2f}x")
    print(f"ratio spaCy path / baseline      {with_spacy / base:8.2f}x")


if __name__ == "__main__":
    main()
