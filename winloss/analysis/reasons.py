"""Primary reasons: the themes that decided the outcome, judged from the whole interview."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from winloss.analysis.coder import CodedTurn

MAX_REASONS = 3
KEEP_ABOVE = 0.25  # a further reason must score at least this share of the top one
DECISION_CUES = re.compile(
    r"\b(?:decid\w*|decision|decisive|reasons?|tipped|deal[- ]?breaker|made the difference|ultimately|"
    r"in the end|came down to|comes down to|main thing|biggest (?:factor|thing|reason)|chose|choose|chosen|"
    r"went with|go with|going with|clincher|sealed it|won (?:it|us over)|lost (?:it|us)|why (?:you|they)|"
    r"killed it|the winner|ruled out|no-brainer|swung)\b",
    re.IGNORECASE,
)


def primary_reasons(turns: list[CodedTurn]) -> list[str]:
    scores: dict[str, float] = defaultdict(float)
    question = ""
    for turn in turns:
        if turn.role != "buyer":
            question = turn.text
            continue
        decisive = bool(DECISION_CUES.search(turn.text) or DECISION_CUES.search(question))
        for code in turn.codes:
            weight = (3.0 if decisive else 1.0) * (1.0 if code.polarity != "neutral" else 0.4)
            scores[code.theme] += code.confidence * weight
    if not scores:
        return []
    ranked = sorted(scores, key=lambda t: -scores[t])
    top = scores[ranked[0]]
    return [t for t in ranked[:MAX_REASONS] if scores[t] >= KEEP_ABOVE * top]
