"""Feedback for interviewers: a good win/loss interview is questions, probing and listening, never defending.

    feedback = interviewer_feedback(turns)     # turns: anything with .role, .text and .start
    feedback.word_share, feedback.open, feedback.closed, feedback.flags
    summary = summarise([feedback, ...])       # one interviewer over their interviews

Pure Python; the web app passes the turns it keeps in tables, the CLI the coder's turns.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from winloss.analysis.text import sentence_spans, word_count

INTERVIEWER = "interviewer"
OPEN, CLOSED = "open", "closed"
LEADING, DEFENSIVE = "leading", "defensive"

# Words that start a sentence without changing what kind of question it is ("So, what happened next?").
_FILLER = r"(?:(?:so|and|but|okay|ok|right|well|now|great|sure|then)\b[,.]?\s+)*"
# A name said to one of several buyers ("Miriam, was it the upfront payment?").
_VOCATIVE = r"(?:[A-Z][a-z]+,\s+)?"
_OPEN_PROMPT = (r"(?:(?:could|can|would|will)\s+you\s+(?:please\s+)?)?"
                r"(?:tell\s+me|describe|walk\s+me\s+through|talk\s+me\s+through|take\s+me\s+through|explain|"
                r"help\s+me\s+understand)\b")
_WH = r"(?:what|how|why|which|where|when|who|whose|whom|in\s+what\s+way)\b"
_AUX = (r"(?:do|did|does|is|are|was|were|would|could|can|will|have|has|had|should|shall|may|might|"
        r"isn't|aren't|wasn't|weren't|don't|didn't|doesn't|won't|wouldn't|couldn't|haven't|hasn't)\b")
OPEN_QUESTION = re.compile(rf"^{_FILLER}{_VOCATIVE}{_FILLER}(?:{_OPEN_PROMPT}|{_WH})", re.IGNORECASE)
CLOSED_QUESTION = re.compile(rf"^{_FILLER}{_VOCATIVE}{_FILLER}{_AUX}.*\?\s*$", re.IGNORECASE | re.DOTALL)
EITHER_OR = re.compile(r"\beither\b.+\bor\b|,\s*or\s+[^,]+\?\s*$", re.IGNORECASE)

LEADING_PHRASES = ("don't you think", "wouldn't you agree", "wouldn't you say", "isn't it true", "surely",
                   "i assume", "i take it", "so you'd say", "you'd agree", "you would agree", "i'm sure you")
DEFENSIVE_PHRASES = ("actually, we do", "actually we do", "that's not true", "that isn't true", "to be fair to us",
                     "our product does", "let me explain why", "we did send", "in our defense", "in our defence",
                     "that's not quite right", "but we offered")


def _phrases(phrases: Sequence[str]) -> re.Pattern[str]:
    return re.compile("|".join(r"\b" + re.escape(p).replace(r"\ ", r"\s+") + r"\b" for p in phrases),
                      re.IGNORECASE)


LEADING_PATTERN = _phrases(LEADING_PHRASES)
DEFENSIVE_PATTERN = _phrases(DEFENSIVE_PHRASES)


class Spoken(Protocol):
    role: str
    text: str
    start: float | None


def question_kind(sentence: str) -> str | None:
    """"open" or "closed" for a question (or a prompt such as "Tell me about the pilot."), None for anything
    else. Closed: a yes/no question or an either/or; open: what, how, why, tell me, walk me through..."""
    sentence = sentence.strip().replace("’", "'")
    if EITHER_OR.search(sentence) and sentence.endswith("?"):
        return CLOSED
    if OPEN_QUESTION.match(sentence):
        return OPEN
    if CLOSED_QUESTION.match(sentence):
        return CLOSED
    return None


@dataclass(frozen=True)
class Flag:
    kind: str  # leading or defensive
    phrase: str
    sentence: str


def phrasing_flags(sentence: str) -> list[Flag]:
    """The leading or defensive phrases in one of the interviewer's sentences."""
    normal = sentence.replace("’", "'")
    return [Flag(kind, match.group(0), sentence) for kind, pattern in ((LEADING, LEADING_PATTERN),
                                                                       (DEFENSIVE, DEFENSIVE_PATTERN))
            for match in pattern.finditer(normal)]


@dataclass
class Feedback:
    """One interview: how much the interviewer talked, how they asked, and what they should not have said."""

    interviewer_words: int = 0
    words: int = 0
    interviewer_seconds: float | None = None
    seconds: float | None = None
    open: int = 0
    closed: int = 0
    flags: list[Flag] = field(default_factory=list)

    @property
    def word_share(self) -> float | None:
        return self.interviewer_words / self.words if self.words else None

    @property
    def time_share(self) -> float | None:
        return self.interviewer_seconds / self.seconds if self.seconds else None

    @property
    def open_share(self) -> float | None:
        asked = self.open + self.closed
        return self.open / asked if asked else None


def interviewer_feedback(turns: Sequence[Spoken]) -> Feedback:
    """Talk share by words (and by seconds when every turn has a start time: a turn lasts until the next one
    starts, so the last turn is left out), open and closed questions, and flagged phrasing."""
    feedback = Feedback()
    for turn in turns:
        words = word_count(turn.text)
        feedback.words += words
        if turn.role != INTERVIEWER:
            continue
        feedback.interviewer_words += words
        for start, end in sentence_spans(turn.text):
            sentence = turn.text[start:end]
            kind = question_kind(sentence)
            feedback.open += kind == OPEN
            feedback.closed += kind == CLOSED
            feedback.flags.extend(phrasing_flags(sentence))
    if len(turns) > 1 and all(t.start is not None for t in turns):
        lengths = [(t.role, max(0.0, n.start - t.start))  # type: ignore[operator]
                   for t, n in zip(turns, turns[1:], strict=False)]
        feedback.seconds = sum(s for _, s in lengths)
        feedback.interviewer_seconds = sum(s for role, s in lengths if role == INTERVIEWER)
    return feedback


@dataclass(frozen=True)
class Summary:
    """One interviewer over n interviews; talk share pools the words (and seconds) of all of them."""

    n: int
    word_share: float | None
    time_share: float | None
    timed: int  # interviews with start times, the n of time_share
    open: int
    closed: int
    leading: int
    defensive: int

    @property
    def open_share(self) -> float | None:
        asked = self.open + self.closed
        return self.open / asked if asked else None


def summarise(feedbacks: Iterable[Feedback]) -> Summary:
    items = list(feedbacks)
    timed = [f for f in items if f.seconds]
    words = sum(f.words for f in items)
    seconds = sum(f.seconds or 0.0 for f in timed)
    return Summary(
        n=len(items),
        word_share=sum(f.interviewer_words for f in items) / words if words else None,
        time_share=sum(f.interviewer_seconds or 0.0 for f in timed) / seconds if seconds else None,
        timed=len(timed),
        open=sum(f.open for f in items),
        closed=sum(f.closed for f in items),
        leading=sum(1 for f in items for flag in f.flags if flag.kind == LEADING),
        defensive=sum(1 for f in items for flag in f.flags if flag.kind == DEFENSIVE),
    )
