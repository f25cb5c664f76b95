"""Rank closed deals for a buyer interview: every point a candidate gets comes with the reason for it.

The rules are the program's ranking weights: points for the outcome (`lost`, `no_decision`, `won`), for deal
size (`amount_per_10k` per full 10,000, at most `amount_cap`), for a `strategic_competitor` in the deal, and up
to `segment_gap` for the deal's segment furthest behind its quarterly target (in proportion to how far behind
it is). A rule missing from the weights gives no points.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field

OUTCOME_LABELS = {"lost": "Lost deal", "no_decision": "No-decision deal", "won": "Won deal"}


@dataclass(frozen=True)
class Candidate:
    """A closed deal that could be asked about. `segments` maps a segment field to the deal's value."""

    id: int
    outcome: str
    amount: float | None = None
    competitors: tuple[str, ...] = ()
    segments: Mapping[str, str] = field(default_factory=dict)
    days_since_decision: int = 0


@dataclass(frozen=True)
class SegmentGap:
    """How far a segment is behind its quarterly target: `share` of the target not yet completed or in flight."""

    field: str
    label: str  # the field as people name it, e.g. "Region"
    value: str
    share: float
    quarter: str  # e.g. "Q3"

    def __str__(self) -> str:
        return f"{self.label} {self.value} is {self.share:.0%} behind its {self.quarter} target"


@dataclass(frozen=True)
class Reason:
    text: str
    points: float

    def __str__(self) -> str:
        return f"{self.text} {self.points:+g}"


@dataclass(frozen=True)
class Ranked:
    candidate: Candidate
    score: float
    reasons: tuple[Reason, ...]


def segment_gaps(targets: Iterable[tuple[str, str, str, int]], done: Mapping[tuple[str, str], int],
                 quarter: str) -> dict[tuple[str, str], SegmentGap]:
    """Gaps of the segments behind target. `targets` are (field, label, value, interviews wanted); `done` counts
    the interviews completed or in flight per (field, value). Segments on or over target have no gap."""
    gaps = {}
    for field_name, label, value, wanted in targets:
        missing = wanted - done.get((field_name, value), 0)
        if wanted > 0 and missing > 0:
            gaps[field_name, value] = SegmentGap(field_name, label, value, missing / wanted, quarter)
    return gaps


def reasons_for(candidate: Candidate, rules: Mapping[str, float], strategic: Collection[str],
                gaps: Mapping[tuple[str, str], SegmentGap]) -> list[Reason]:
    reasons = [
        Reason(OUTCOME_LABELS.get(candidate.outcome, candidate.outcome), rules.get(candidate.outcome, 0)),
        _size_reason(candidate.amount, rules),
        _competitor_reason(candidate.competitors, strategic, rules.get("strategic_competitor", 0)),
        _segment_reason(candidate.segments, gaps, rules.get("segment_gap", 0)),
    ]
    return [r for r in reasons if r is not None and r.points != 0]


def rank(candidates: Iterable[Candidate], rules: Mapping[str, float], *, strategic: Collection[str] = (),
         gaps: Mapping[tuple[str, str], SegmentGap] | None = None) -> list[Ranked]:
    """Candidates best first; equal scores put the older decision first (it leaves the window sooner), then
    the lower id."""
    ranked = []
    for candidate in candidates:
        reasons = tuple(reasons_for(candidate, rules, strategic, gaps or {}))
        ranked.append(Ranked(candidate, round(sum(r.points for r in reasons), 1), reasons))
    ranked.sort(key=lambda r: (-r.score, -r.candidate.days_since_decision, r.candidate.id))
    return ranked


def _size_reason(amount: float | None, rules: Mapping[str, float]) -> Reason | None:
    if not amount or amount <= 0:
        return None
    points = min(math.floor(amount / 10_000) * rules.get("amount_per_10k", 0), rules.get("amount_cap", 0))
    return Reason(f"Deal size {amount:,.0f}", round(points, 1))


def _competitor_reason(competitors: Iterable[str], strategic: Collection[str], points: float) -> Reason | None:
    wanted = {name.casefold() for name in strategic}
    found = list(dict.fromkeys(name for name in competitors if name.casefold() in wanted))
    if not found:
        return None
    plural = "s" if len(found) > 1 else ""
    return Reason(f"Strategic competitor{plural} {', '.join(found)}", points)


def _segment_reason(segments: Mapping[str, str], gaps: Mapping[tuple[str, str], SegmentGap],
                    points: float) -> Reason | None:
    """Points for the deal's segment furthest behind target only, so a deal in several lagging segments does not
    outrank everything else."""
    behind = [gaps[key] for key in segments.items() if key in gaps]
    if not behind:
        return None
    worst = max(behind, key=lambda gap: (gap.share, gap.label, gap.value))
    return Reason(str(worst), round(points * worst.share, 1))
