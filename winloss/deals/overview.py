"""Win rates by quarter and by segment, each with its n and 95% interval."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count
from django.db.models.functions import ExtractMonth, ExtractYear

from winloss.deals.models import DealQuerySet, Outcome
from winloss.stats import Rate, win_rate


@dataclass(frozen=True)
class RateRow:
    label: str
    won: int
    lost: int
    no_decision: int
    rate: Rate


def _rows(counts: dict[str, dict[str, int]]) -> list[RateRow]:
    return [
        RateRow(label, c["won"], c["lost"], c["no_decision"], win_rate(c["won"], c["lost"], c["no_decision"]))
        for label, c in counts.items()
    ]


def rates_by_quarter(deals: DealQuerySet) -> list[RateRow]:
    counts: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(Outcome.values, 0))
    rows = (
        deals.closed().exclude(close_date=None)
        .annotate(year=ExtractYear("close_date"), month=ExtractMonth("close_date"))
        .values("year", "month", "outcome").annotate(n=Count("id"))
    )
    for row in rows:
        counts[f"{row['year']}Q{(row['month'] - 1) // 3 + 1}"][row["outcome"]] += row["n"]
    return _rows(dict(sorted(counts.items())))


def rates_by_segment(deals: DealQuerySet, field: str) -> list[RateRow]:
    counts: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(Outcome.values, 0))
    for row in deals.closed().values(field, "outcome").annotate(n=Count("id")):
        counts[row[field] or "(not set)"][row["outcome"]] += row["n"]
    rows = _rows(counts)
    return sorted(rows, key=lambda r: -r.rate.n)
