"""Guide coverage: which areas of the interview guide a coded interview covered, and which it missed.

Two kinds of evidence, reported apart:
- asked: the interviewer's questions are close in meaning (MiniLM cosine) to the area's questions or its title:
  one question at CLOSE or more, or MIN_MATCHES questions at THRESHOLD or more;
- talked about: the buyer's coded themes include one of the area's themes. Themes are shared between areas
  (product fit belongs to four), so this alone says the buyer touched the subject, not that it was asked.

    coverage = guide_coverage(guide, turns, names=["Brightline", "BL"])
    [(c.area.title, c.covered, c.asked, c.question) for c in coverage]

The thresholds were measured with bench/guide_coverage.py on hand-labelled interviewer questions (figures in
docs/program/guide.md).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from winloss.analysis.embed import Embedder, shared_embedder
from winloss.analysis.guide import Area, Guide, fill
from winloss.analysis.interviewing import INTERVIEWER, question_kind
from winloss.analysis.text import sentence_spans

THRESHOLD = 0.45
CLOSE = 0.75  # one question this close is enough (notes typed under the guide's own questions score 1.0)
MIN_MATCHES = 2
# Our company's names are replaced in both the guide and the interviewer's words: a shared name otherwise
# makes "Ironbark asked us to talk to you" look like "What were your concerns about Ironbark?".
NEUTRAL_NAME = "the company"


@dataclass(frozen=True)
class CodedTurn:
    """A turn as coverage needs it: who spoke, the words, and the themes coded in them."""

    role: str
    text: str
    themes: tuple[str, ...] = ()


@dataclass(frozen=True)
class AreaCoverage:
    area: Area
    asked: str = ""  # the interviewer's sentence that matched best, when one matched
    question: str = ""  # the guide question (or area title) it matched
    similarity: float = 0.0
    themes: tuple[str, ...] = ()  # the buyer's coded themes that belong to the area

    @property
    def covered(self) -> bool:
        return bool(self.asked or self.themes)

    @property
    def evidence(self) -> str:
        """asked, talked about (themes only), or missed."""
        return "asked" if self.asked else "talked about" if self.themes else "missed"


def interviewer_questions(turns: Sequence[CodedTurn]) -> list[str]:
    """The interviewer's sentences that ask something (questions and prompts such as "Tell me about...")."""
    sentences = (t.text[s:e] for t in turns if t.role == INTERVIEWER for s, e in sentence_spans(t.text))
    return [s for s in sentences if s.rstrip().endswith("?") or question_kind(s)]


def guide_anchors(guide: Guide) -> list[tuple[Area, str]]:
    """What an interviewer's question is compared with: every question of each area (all outcome variants), and
    the area's title ("Let's talk about pricing" asks about pricing without echoing a question)."""
    return [(area, fill(q.text, company=NEUTRAL_NAME)) for area in guide.areas for q in area.questions] + [
        (area, area.title) for area in guide.areas]


def neutral(text: str, names: Sequence[str]) -> str:
    if not names:
        return text
    pattern = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.sub(rf"\b(?:{pattern})\b", NEUTRAL_NAME, text, flags=re.IGNORECASE)


def best_matches(questions: Sequence[str], anchors: Sequence[tuple[Area, str]], names: Sequence[str] = (),
                 embedder: Embedder | None = None) -> list[tuple[Area, str, float]]:
    """For each question, the closest anchor: (area, anchor text, cosine similarity)."""
    if not questions:
        return []
    embedder = embedder or shared_embedder()
    similarity = embedder.embed([neutral(q, names) for q in questions]) @ embedder.embed([a for _, a in anchors]).T
    best = np.argmax(similarity, axis=1)
    return [(anchors[j][0], anchors[j][1], float(similarity[i, j])) for i, j in enumerate(best)]


def areas_asked(questions: Sequence[str], matches: Sequence[tuple[Area, str, float]],
                threshold: float = THRESHOLD) -> dict[str, tuple[str, str, float]]:
    """Area id -> (the interviewer's best-matching question, the anchor it matched, similarity) for each area
    the questions asked about."""
    hits: dict[str, list[tuple[str, str, float]]] = {}
    for question, (area, anchor, score) in zip(questions, matches, strict=True):
        if score >= threshold:
            hits.setdefault(area.id, []).append((question, anchor, score))
    return {area: max(found, key=lambda hit: hit[2]) for area, found in hits.items()
            if len(found) >= MIN_MATCHES or max(hit[2] for hit in found) >= CLOSE}


def guide_coverage(guide: Guide, turns: Sequence[CodedTurn], *, names: Sequence[str] = (),
                   embedder: Embedder | None = None) -> list[AreaCoverage]:
    """One AreaCoverage per area of the guide, in guide order. `names` are our company's names."""
    questions = interviewer_questions(turns)
    asked = areas_asked(questions, best_matches(questions, guide_anchors(guide), names, embedder))
    themes = {theme for t in turns if t.role != INTERVIEWER for theme in t.themes}
    return [AreaCoverage(area, *asked.get(area.id, ("", "", 0.0)),
                         themes=tuple(t for t in area.themes if t in themes))
            for area in guide.areas]
