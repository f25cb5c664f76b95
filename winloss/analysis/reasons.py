"""Primary reasons: the themes that decided the outcome, judged from the whole interview."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from winloss.analysis.coder import Code, CodedTurn

MAX_REASONS = 3
DISCLAIMED = 2.0  # what a "that wasn't the reason" statement takes away from its theme
NOT_DECISIVE = re.compile(
    r"\b(?:was(?:n't| not)|is(?:n't| not)|not)\s+(?:really\s+|actually\s+)?(?:the|a|why|what)\s*"
    r"(?:reason|deciding|decider|factor|issue|problem|dealbreaker|deal-breaker|thing|why)|"
    r"\b(?:didn't|did not|doesn't|does not)\s+(?:really\s+)?(?:matter|decide|drive|come into)|"
    r"\bnot (?:about|because of) (?:the )?(?:price|money|cost)", re.IGNORECASE)
# A theme coded for several vendors in one turn: the strongest code counts whole, the others half. Whole (as
# before) let a lead-in coded for every vendor the turn names outweigh the reasons; once only dropped a decisive
# comparison's second side ("Northwind gave a plan; ours was vague on dates"), which the demo call depends on.
FURTHER_VENDORS = 0.5
ALIGNED, AGAINST = 2.0, 0.5  # weights of a code that points the way the deal went, or the other way
NO_DECISION_CONTEXT = 2.5  # in a no-decision, the buyer's own situation is usually the story
KEEP_ABOVE = 0.25  # a further reason must score at least this share of the top one
DECISION_CUES = re.compile(
    r"\b(?:decid\w*|decision|decisive|reasons?|tipped|deal[- ]?breaker|made the difference|ultimately|"
    r"in the end|came down to|comes down to|main thing|biggest (?:factor|thing|reason)|chose|choose|chosen|"
    r"went with|go with|going with|clincher|sealed it|won (?:it|us over)|lost (?:it|us)|why (?:you|they)|"
    r"killed it|the winner|ruled out|no-brainer|swung)\b",
    re.IGNORECASE,
)


def primary_reasons(turns: list[CodedTurn], outcome: str | None = None) -> list[str]:
    """Themes ranked by how much they weigh in the buyer's account of the decision: said in answer to a
    "why" question or with decision words, judged rather than neutral, and (when the outcome is known)
    pointing the way the deal went: criticism of us or praise of a rival in a loss, the reverse in a win."""
    scores: dict[str, float] = defaultdict(float)
    question = ""
    for turn in turns:
        if turn.role != "buyer":
            question = turn.text
            continue
        decisive = bool(DECISION_CUES.search(turn.text) or DECISION_CUES.search(question))
        in_turn: dict[str, list[float]] = defaultdict(list)
        for code in turn.codes:
            if NOT_DECISIVE.search(code.excerpt):  # "price wasn't the reason" counts against price
                in_turn[code.theme].append(-code.confidence * DISCLAIMED)
                continue
            weight = (3.0 if decisive else 1.0) * (1.0 if code.polarity != "neutral" else 0.4)
            in_turn[code.theme].append(code.confidence * weight * _direction(code, outcome))
        for theme, values in in_turn.items():
            values.sort(key=abs, reverse=True)
            scores[theme] += values[0] + FURTHER_VENDORS * sum(values[1:])
    if not scores:
        return []
    ranked = sorted(scores, key=lambda t: -scores[t])
    top = scores[ranked[0]]
    return [t for t in ranked[:MAX_REASONS] if scores[t] >= KEEP_ABOVE * top]


def _direction(code: Code, outcome: str | None) -> float:
    """How much a code explains the outcome: more when it points the way the deal went."""
    if outcome == "no_decision":
        return NO_DECISION_CONTEXT if code.theme == "buyer_context" else 1.0
    if outcome not in ("won", "lost") or code.vendor is None or code.polarity == "neutral":
        return 1.0
    for_us = (code.vendor == "us") == (code.polarity == "positive")
    return ALIGNED if for_us == (outcome == "won") else AGAINST
