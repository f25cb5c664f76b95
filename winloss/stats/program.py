"""Program health over plain data: interviews against target, coverage of the pipeline, response rates, days from
decision to interview and interviewers' load. No Django here.

A quarter's figures are about the deals decided (closed) in that quarter and the interviews on those deals, so a
deal closed on 28 September and discussed on 10 October counts for the third quarter."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from winloss.stats import Rate, rate

OUTCOMES = ("won", "lost", "no_decision")
HELD = frozenset({"completed", "coded"})  # the interview took place
RESPONDED = frozenset({"scheduled", "completed", "coded"})  # the buyer said yes
UNANSWERED = frozenset({"declined", "no_response", "opted_out"})  # asked, and no conversation came of it
OPEN = frozenset({"proposed", "invited", "scheduled"})  # still in an interviewer's hands
NOT_ASKED = "proposed"


@dataclass(frozen=True)
class DealFacts:
    id: int
    outcome: str
    close_date: date | None
    segments: Mapping[str, str] = field(default_factory=dict)
    competitor: str = ""


@dataclass(frozen=True)
class InterviewFacts:
    deal_id: int
    stage: str
    interviewer_id: int | None = None
    held_on: date | None = None
    invited: bool = False  # an invitation was sent (a transcript uploaded without one was never asked)


@dataclass(frozen=True)
class TargetFacts:
    field: str  # empty for the whole program
    value: str
    interviews: int


@dataclass(frozen=True)
class InterviewerFacts:
    user_id: int
    name: str
    capacity: int | None  # None: not in the interviewer pool
    active: bool


@dataclass(frozen=True)
class TargetRow:
    field: str
    value: str
    target: int | None
    completed: int

    @property
    def percent(self) -> int | None:
        return round(100 * self.completed / self.target) if self.target else None


@dataclass(frozen=True)
class CoverageRow:
    """One value's share of the quarter's closed deals beside its share of the interviews held."""

    label: str
    deals: Rate
    interviews: Rate
    desired: int | None = None  # percent, for outcomes

    @property
    def gap(self) -> int | None:
        """Interview share minus deal share, in percentage points."""
        if not (self.deals.n and self.interviews.n):
            return None
        return round(100 * (self.interviews.hits / self.interviews.n - self.deals.hits / self.deals.n))


@dataclass(frozen=True)
class Timing:
    window: tuple[int, int]
    days: tuple[int, ...]
    inside: Rate

    @property
    def median(self) -> float | None:
        return statistics.median(self.days) if self.days else None


@dataclass(frozen=True)
class LoadRow:
    name: str
    open: int
    completed: int
    capacity: int | None
    active: bool

    @property
    def full(self) -> bool:
        return self.capacity is not None and self.open >= self.capacity


@dataclass(frozen=True)
class Health:
    quarter: str
    targets: list[TargetRow]
    coverage: dict[str, list[CoverageRow]]  # "outcome", each segment field, "competitor"
    response: dict[str, Rate]  # each outcome and "all"
    timing: Timing
    load: list[LoadRow]

    def as_dict(self) -> dict[str, Any]:
        return {
            "quarter": self.quarter,
            "targets": [{"field": r.field, "value": r.value, "target": r.target, "completed": r.completed}
                        for r in self.targets],
            "coverage": {by: [{"label": r.label, "deals": rate_dict(r.deals), "interviews": rate_dict(r.interviews),
                               "desired_percent": r.desired} for r in rows] for by, rows in self.coverage.items()},
            "response_rate": {outcome: rate_dict(r) for outcome, r in self.response.items()},
            "days_to_interview": {"median": self.timing.median, "n": len(self.timing.days),
                                  "window": list(self.timing.window), "inside_window": rate_dict(self.timing.inside)},
            "interviewers": [{"name": r.name, "open": r.open, "completed": r.completed, "capacity": r.capacity,
                              "active": r.active} for r in self.load],
        }


def rate_dict(r: Rate) -> dict[str, Any]:
    return {"hits": r.hits, "n": r.n, "share": round(r.hits / r.n, 4) if r.n else None,
            "low": round(r.low, 4), "high": round(r.high, 4), "small": r.small}


def held(deals: Sequence[DealFacts], interviews: Sequence[InterviewFacts]) -> list[tuple[DealFacts, InterviewFacts]]:
    """The interviews that took place on these deals, each with its deal."""
    by_id = {d.id: d for d in deals}
    return [(by_id[i.deal_id], i) for i in interviews if i.stage in HELD and i.deal_id in by_id]


def targets_progress(targets: Sequence[TargetFacts], deals: Sequence[DealFacts],
                     interviews: Sequence[InterviewFacts], fields: Sequence[str]) -> list[TargetRow]:
    """Interviews held against target: the whole program first, then every segment value that has a target or an
    interview, for each field that matters."""
    done = [d for d, _ in held(deals, interviews)]
    wanted = {(t.field, t.value): t.interviews for t in targets}
    rows = [TargetRow("", "", wanted.get(("", "")), len(done))]
    for name in fields:
        counts = Counter(d.segments.get(name, "") for d in done)
        values = sorted({v for f, v in wanted if f == name} | set(counts))
        rows += [TargetRow(name, v, wanted.get((name, v)), counts[v]) for v in values]
    return rows


def coverage(deals: Sequence[DealFacts], interviews: Sequence[InterviewFacts], key: Callable[[DealFacts], str],
             desired: Mapping[str, int] | None = None) -> list[CoverageRow]:
    """Each value's share of the closed deals beside its share of the interviews held, most deals first, "not set"
    last among equals (the desired mix's values first, in its order, when there is one)."""
    closed = [d for d in deals if d.outcome in OUTCOMES]
    done = [d for d, _ in held(closed, interviews)]
    deal_counts, done_counts = Counter(map(key, closed)), Counter(map(key, done))
    by_count = sorted(deal_counts, key=lambda v: (-deal_counts[v], v == "", v))
    labels = list(desired or {}) + [v for v in by_count if v not in (desired or {})]
    labels += sorted(set(done_counts) - set(labels))
    return [CoverageRow(v, rate(deal_counts[v], len(closed)), rate(done_counts[v], len(done)),
                        (desired or {}).get(v)) for v in labels]


def response_rate(stages: Mapping[str, int]) -> Rate:
    """The share of invitations that led to a conversation, from the invited interviews counted by current stage.

    Responded: scheduled, completed or coded. Asked (n): those plus declined, no response and opted out.
    Interviews still in "invited" are waiting for an answer and are left out of n, so a batch sent yesterday does
    not pull the rate down; they become "no_response" when the wait is over. Other stages are ignored.
    """
    hits = sum(stages.get(stage, 0) for stage in RESPONDED)
    return rate(hits, hits + sum(stages.get(stage, 0) for stage in UNANSWERED))


def response_rates_by_outcome(deals: Sequence[DealFacts], interviews: Sequence[InterviewFacts]) -> dict[str, Rate]:
    """`response_rate` of the invited interviews, by the deal's outcome and over them "all"."""
    outcome = {d.id: d.outcome for d in deals}
    stages: dict[str, Counter[str]] = {name: Counter() for name in (*OUTCOMES, "all")}
    for i in interviews:
        if i.invited and i.deal_id in outcome:
            stages[outcome[i.deal_id]][i.stage] += 1
            stages["all"][i.stage] += 1
    return {name: response_rate(counts) for name, counts in stages.items()}


def days_to_interview(deals: Sequence[DealFacts], interviews: Sequence[InterviewFacts],
                      window: tuple[int, int]) -> Timing:
    """Days from the decision to each interview held, and the share held inside the window (ends included)."""
    days = tuple((i.held_on - d.close_date).days for d, i in held(deals, interviews)
                 if i.held_on is not None and d.close_date is not None)
    inside = sum(window[0] <= n <= window[1] for n in days)
    return Timing(window, days, rate(inside, len(days)))


def interviewer_load(people: Sequence[InterviewerFacts], interviews: Sequence[InterviewFacts],
                     open_assignments: Sequence[int]) -> list[LoadRow]:
    """Per interviewer: open assignments now (one user id per open interview), interviews held in the quarter,
    capacity. Inactive people with nothing open or held are left out."""
    open_counts = Counter(open_assignments)
    done_counts = Counter(i.interviewer_id for i in interviews if i.stage in HELD)
    rows = [LoadRow(p.name, open_counts[p.user_id], done_counts[p.user_id], p.capacity, p.active) for p in people]
    return sorted((r for r in rows if r.active or r.open or r.completed), key=lambda r: r.name.lower())


def program_health(quarter: str, deals: Sequence[DealFacts], interviews: Sequence[InterviewFacts], *,
                   targets: Sequence[TargetFacts] = (), segment_fields: Sequence[str] = (),
                   outcome_mix: Mapping[str, int] | None = None, window: tuple[int, int] = (7, 21),
                   people: Sequence[InterviewerFacts] = (), open_assignments: Sequence[int] = ()) -> Health:
    """Every figure of the quarter's health, for the deals closed in it and the interviews on them."""
    by: dict[str, list[CoverageRow]] = {"outcome": coverage(deals, interviews, lambda d: d.outcome, outcome_mix)}
    for name in segment_fields:
        by[name] = coverage(deals, interviews, lambda d, name=name: d.segments.get(name, ""))
    by["competitor"] = coverage(deals, interviews, lambda d: d.competitor)
    return Health(quarter=quarter, targets=targets_progress(targets, deals, interviews, segment_fields),
                  coverage=by, response=response_rates_by_outcome(deals, interviews),
                  timing=days_to_interview(deals, interviews, window),
                  load=interviewer_load(people, interviews, open_assignments))


def _percent(r: Rate) -> str:
    if not r.n:
        return "—"
    small = " small n" if r.small else ""
    return f"{100 * r.hits / r.n:.0f}% ({r.hits}/{r.n}; 95% {100 * r.low:.0f}–{100 * r.high:.0f}%){small}"


def health_text(health: Health) -> str:
    """The health as readable text tables, for the command line."""
    lines = [f"Program health, {health.quarter} (deals closed in the quarter and their interviews)", "",
             "Interviews held against target"]
    for r in health.targets:
        name = f"{r.field}={r.value or '(not set)'}" if r.field else "whole program"
        target = "no target" if r.target is None else f"of {r.target} ({r.percent}%)"
        lines.append(f"  {name:40} {r.completed:4} {target}")
    for by, rows in health.coverage.items():
        lines += ["", f"Coverage by {by.replace('_', ' ')}: share of closed deals | share of interviews held"]
        for c in rows:
            desired = f" | desired {c.desired}%" if c.desired is not None else ""
            label = c.label.replace("_", " ") if by == "outcome" else c.label or "(not set)"
            lines.append(f"  {label:24} {_percent(c.deals):40} | {_percent(c.interviews)}{desired}")
    lines += ["", "Response rate (of buyers asked, the share who said yes)"]
    lines += [f"  {name.replace('_', ' '):24} {_percent(r)}" for name, r in health.response.items()]
    t = health.timing
    median = "—" if t.median is None else f"{t.median:g} days"
    lines += ["", f"Days from decision to interview: median {median} (n={len(t.days)}); "
                  f"inside the {t.window[0]}–{t.window[1]} day window: {_percent(t.inside)}", "",
              "Interviewers: open now, held in the quarter, capacity"]
    for r in health.load:
        capacity = "not in pool" if r.capacity is None else f"capacity {r.capacity}"
        lines.append(f"  {r.name:24} open {r.open:3}  held {r.completed:3}  {capacity}"
                     f"{'' if r.active else ' (inactive)'}{' FULL' if r.full else ''}")
    return "\n".join(lines)
