"""Figures a finding cites as evidence: a small JSON spec, resolved against the data each time it is shown.

A spec names a figure, e.g. {"kind": "win_rate", "quarter": "2026Q3"}. Each kind has one resolver in FIGURES
that turns a spec into one line of evidence, and `choices` lists the specs an analyst may pick."""

from __future__ import annotations

import json
from collections.abc import Callable

from winloss.core.quarters import QuarterError, parse_quarter, quarter_bounds
from winloss.deals.models import Deal
from winloss.deals.overview import rates_by_quarter
from winloss.stats import Rate


class FigureError(ValueError):
    """A figure spec that names no figure we can compute."""


def rate_text(rate: Rate) -> str:
    """'35% (n=40, 95% CI 22–50%)', flagged when the sample is small."""
    if rate.n == 0:
        return "no data (n=0)"
    text = f"{rate.hits / rate.n:.0%} (n={rate.n}, 95% CI {rate.low:.0%}–{rate.high:.0%})"
    return f"{text}, small sample" if rate.small else text


def _win_rate(spec: dict) -> str:
    quarter = _quarter(spec)
    rows = rates_by_quarter(Deal.objects.filter(close_date__range=quarter_bounds(quarter)))
    rate = rows[0].rate if rows else Rate(0, 0, 0.0, 1.0)
    return f"Win rate {quarter}: {rate_text(rate)}"


def _quarter(spec: dict) -> str:
    try:
        return parse_quarter(str(spec.get("quarter", "")))
    except QuarterError as error:
        raise FigureError(str(error)) from None


FIGURES: dict[str, Callable[[dict], str]] = {
    "win_rate": _win_rate,
}


def resolve(spec: dict) -> str:
    """The figure's line of evidence as the data stands now."""
    resolver = FIGURES.get(spec.get("kind", "")) if isinstance(spec, dict) else None
    if resolver is None:
        raise FigureError(f"No figure of kind {spec.get('kind') if isinstance(spec, dict) else spec!r}")
    return resolver(spec)


def describe(spec: dict) -> str:
    """A short name for the spec in pickers, without computing it."""
    if spec.get("kind") == "win_rate":
        return f"Win rate, {spec.get('quarter')}"
    return json.dumps(spec, sort_keys=True)


def choices(quarters: list[str]) -> list[dict]:
    """The figures an analyst can cite for these quarters."""
    return [{"kind": "win_rate", "quarter": q} for q in quarters]
