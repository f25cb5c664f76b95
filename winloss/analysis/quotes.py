"""Quotes: self-contained, quotable buyer excerpts of 12 to 60 words, each with a redacted form."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING

from winloss.analysis.text import sentence_spans, word_count

if TYPE_CHECKING:
    from winloss.analysis.coder import CodedTurn, Quote

MIN_WORDS, MAX_WORDS = 12, 60
MIN_QUOTES, MAX_QUOTES = 3, 10
PER_THEME = 2
# A quote that opens with these leans on what came before it, so it does not stand alone.
DEPENDENT_OPENINGS = ("and ", "but ", "so ", "or ", "because ", "which ", "that's ", "this ", "it ", "yes", "no,",
                      "yeah", "right", "exactly", "well,", "um", "uh", "same", "also ")


def choose_quotes(turns: list[CodedTurn], redactor: Callable[[str], str]) -> list[Quote]:
    from winloss.analysis.coder import Quote

    candidates = sorted(_candidates(turns), key=lambda c: -c[0])
    chosen: list[Quote] = []
    per_theme: Counter[str] = Counter()
    seen: set[str] = set()
    for strict in (True, False):  # relax the one-theme limit only when too few quotes were found
        for _, turn, theme, text in candidates:
            if len(chosen) >= MAX_QUOTES or (not strict and len(chosen) >= MIN_QUOTES):
                break
            if text in seen or (strict and per_theme[theme] >= PER_THEME):
                continue
            seen.add(text)
            per_theme[theme] += 1
            chosen.append(Quote(turn=turn, theme=theme, text=text, redacted=redactor(text)))
    return sorted(chosen, key=lambda q: q.turn)


def _candidates(turns: list[CodedTurn]) -> list[tuple[float, int, str, str]]:
    out = []
    for turn in turns:
        if turn.role != "buyer" or not turn.codes:
            continue
        spans = sentence_spans(turn.text)
        for code in turn.codes:
            text = _excerpt(turn.text, spans, code.span)
            if text is None:
                continue
            standalone = text[:1].isupper() and not text.lower().startswith(DEPENDENT_OPENINGS)
            score = code.confidence * (1.3 if code.polarity != "neutral" else 1.0) * (1.0 if standalone else 0.5)
            out.append((score, turn.index, code.theme, text))
    return out


def _excerpt(text: str, spans: list[tuple[int, int]], span: tuple[int, int]) -> str | None:
    """The coded sentence, grown with the sentences after it (then before it) until it says enough."""
    try:
        i = next(k for k, s in enumerate(spans) if s[0] <= span[0] < s[1])
    except StopIteration:
        return None
    first = last = i
    while word_count(text[spans[first][0]:spans[last][1]]) < MIN_WORDS:
        if last + 1 < len(spans):
            last += 1
        elif first > 0:
            first -= 1
        else:
            return None
    excerpt = text[spans[first][0]:spans[last][1]]
    return excerpt if word_count(excerpt) <= MAX_WORDS else None
