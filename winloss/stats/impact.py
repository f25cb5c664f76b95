"""Before and after an action: what changed in what buyers say and in how deals end, over plain data. No Django
here, and no causal claim: the figures say what moved and by how much, with their uncertainty.

Periods are by the deal's decision (close) date. The after period runs from the day the action was done to the
day of the figures, both included; the before period is as long and ends the day before the action was done. A
deal decided on the day the action was done counts as after.

Each comparison is a share in both periods (a `Rate` with its n and 95% Wilson interval), the difference in
points with Newcombe's 95% interval for a difference of two proportions, and whether the after period holds
enough observations (`min_after`) to be shown at all."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from winloss.stats import Rate, rate

CRITICISED = "criticised"
SEGMENT = "segment"
COMPETITOR = "competitor"


@dataclass(frozen=True)
class DealRow:
    """A decided deal: outcome won, lost or no_decision; segments field -> value; competitor names."""

    id: int
    outcome: str
    close_date: date
    segments: Mapping[str, str] = field(default_factory=dict)
    competitors: frozenset[str] = frozenset()


@dataclass(frozen=True)
class InterviewedDeal:
    """A deal whose buyers were interviewed (and the interviews coded), with the themes they criticised us on."""

    deal_id: int
    outcome: str
    close_date: date
    criticised: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    def __contains__(self, day: date) -> bool:
        return self.start <= day <= self.end

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class Comparison:
    kind: str  # CRITICISED, SEGMENT or COMPETITOR
    label: str
    before: Rate
    after: Rate
    enough: bool  # the after period has at least `min_after` observations

    @property
    def difference(self) -> float | None:
        """After minus before, as a proportion; None when either period has no observation."""
        if not (self.before.n and self.after.n):
            return None
        return self.after.hits / self.after.n - self.before.hits / self.before.n

    @property
    def difference_interval(self) -> tuple[float, float] | None:
        """Newcombe's hybrid score interval (method 10) for the difference, from the two Wilson intervals."""
        if self.difference is None:
            return None
        p1, p2 = self.before.hits / self.before.n, self.after.hits / self.after.n
        low = self.difference - math.hypot(p2 - self.after.low, self.before.high - p1)
        high = self.difference + math.hypot(self.after.high - p2, p1 - self.before.low)
        return max(-1.0, low), min(1.0, high)

    def as_dict(self) -> dict[str, object]:
        interval = self.difference_interval
        return {"kind": self.kind, "label": self.label, "before": _rate(self.before), "after": _rate(self.after),
                "enough": self.enough, "difference": _round(self.difference),
                "difference_low": _round(interval[0]) if interval else None,
                "difference_high": _round(interval[1]) if interval else None}


@dataclass(frozen=True)
class Impact:
    done_on: date
    before: Period
    after: Period
    min_after: int
    comparisons: tuple[Comparison, ...]

    @property
    def enough(self) -> bool:
        """Every comparison has enough observations after the action."""
        return all(c.enough for c in self.comparisons)

    def as_dict(self) -> dict[str, object]:
        return {"done_on": self.done_on.isoformat(),
                "before": {"start": self.before.start.isoformat(), "end": self.before.end.isoformat()},
                "after": {"start": self.after.start.isoformat(), "end": self.after.end.isoformat()},
                "min_after": self.min_after, "enough": self.enough,
                "comparisons": [c.as_dict() for c in self.comparisons]}


def periods(done_on: date, as_of: date) -> tuple[Period, Period]:
    """The before and after periods of an action done on `done_on`, seen on `as_of` (not before `done_on`)."""
    if as_of < done_on:
        raise ValueError(f"figures as of {as_of} come before the action was done ({done_on})")
    after = Period(done_on, as_of)
    return Period(done_on - timedelta(days=after.days), done_on - timedelta(days=1)), after


def impact(done_on: date, as_of: date, *, deals: Iterable[DealRow], interviewed: Iterable[InterviewedDeal],
           themes: Sequence[tuple[str, str]] = (), segments: Sequence[tuple[str, str]] = (),
           competitors: Sequence[str] = (), min_after: int = 10) -> Impact:
    """Compare the before and after periods of an action linked to `themes` (id, label), `segments` (field,
    value) and `competitors` (names):

    - the share of lost interviewed deals whose buyers criticised any linked theme (one comparison for all);
    - the win rate (won / decided, no-decisions included) in each linked segment;
    - the win rate against each linked competitor."""
    before, after = periods(done_on, as_of)
    deals, interviewed = list(deals), list(interviewed)
    comparisons = []
    if themes:
        ids = frozenset(theme for theme, _ in themes)
        lost = [d for d in interviewed if d.outcome == "lost"]
        label = "Lost deals whose buyers criticised " + " or ".join(label for _, label in themes)
        comparisons.append(_compare(CRITICISED, label, lost, lambda d: bool(d.criticised & ids), before, after,
                                    min_after))
    for name, value in segments:
        rows = [d for d in deals if d.segments.get(name) == value]
        comparisons.append(_compare(SEGMENT, f"Win rate in {name.replace('_', ' ')} {value}", rows, _won, before,
                                    after, min_after))
    for competitor in competitors:
        rows = [d for d in deals if competitor in d.competitors]
        comparisons.append(_compare(COMPETITOR, f"Win rate against {competitor}", rows, _won, before, after,
                                    min_after))
    return Impact(done_on, before, after, min_after, tuple(comparisons))


def _won(deal: DealRow) -> bool:
    return deal.outcome == "won"


def _compare(kind: str, label: str, rows: Sequence[DealRow | InterviewedDeal], hit, before: Period, after: Period,
             min_after: int) -> Comparison:
    in_before = [r for r in rows if r.close_date in before]
    in_after = [r for r in rows if r.close_date in after]
    after_rate = rate(sum(map(hit, in_after)), len(in_after))
    return Comparison(kind, label, rate(sum(map(hit, in_before)), len(in_before)), after_rate,
                      after_rate.n >= min_after)


def _rate(r: Rate) -> dict[str, object]:
    return {"hits": r.hits, "n": r.n, "share": _round(r.hits / r.n) if r.n else None, "low": _round(r.low),
            "high": _round(r.high), "small": r.small}


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 4)
