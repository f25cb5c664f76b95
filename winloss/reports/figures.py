"""Figures a finding cites as evidence: a small JSON spec, resolved against the data each time it is shown.

A spec names a figure and its quarter, for example
    {"kind": "win_rate", "quarter": "2026Q3"}
    {"kind": "driver", "theme": "price", "side": "weakness", "quarter": "2026Q3"}
    {"kind": "reason", "theme": "implementation", "quarter": "2026Q3"}
    {"kind": "competitor", "competitor": 4, "quarter": "2026Q3"}
Each kind has one resolver in FIGURES that turns a spec into one line of evidence, computed by the insights
layer (`winloss.insights.facts`, `winloss.stats.insights`) like the insights pages compute it."""

from __future__ import annotations

from collections.abc import Callable

from winloss.analysis.codebook import load_codebook
from winloss.core.quarters import QuarterError, parse_quarter
from winloss.deals.filters import DealFilterForm
from winloss.deals.models import Competitor, Deal
from winloss.insights import facts as insights_facts
from winloss.stats import Rate
from winloss.stats.insights import drivers, head_to_head, primary_reasons

SIDES = ("weakness", "strength")


class FigureError(ValueError):
    """A figure spec that names no figure we can compute."""


class FactsByQuarter:
    """The insights facts of each quarter's deals, loaded once per report however many figures cite them."""

    def __init__(self) -> None:
        self._loaded: dict[str, insights_facts.Facts] = {}

    def __call__(self, quarter: str) -> insights_facts.Facts:
        if quarter not in self._loaded:
            deals = DealFilterForm({"quarter": quarter}).apply(Deal.objects.all())
            self._loaded[quarter] = insights_facts.load(deals)
        return self._loaded[quarter]


def share(rate: Rate) -> float:
    return rate.hits / rate.n if rate.n else 0.0


def rate_text(rate: Rate) -> str:
    """'35% (n=40, 95% CI 22–50%)', flagged when the sample is small."""
    if rate.n == 0:
        return "no data (n=0)"
    text = f"{share(rate):.0%} (n={rate.n}, 95% CI {rate.low:.0%}–{rate.high:.0%})"
    return f"{text}, small sample" if rate.small else text


def _quarter(spec: dict) -> str:
    try:
        return parse_quarter(str(spec.get("quarter", "")))
    except QuarterError as error:
        raise FigureError(str(error)) from None


def _theme(spec: dict) -> tuple[str, str]:
    codebook = load_codebook()
    if spec.get("theme") not in codebook.ids:
        raise FigureError(f"no theme {spec.get('theme')!r} in the codebook")
    return spec["theme"], codebook.theme(spec["theme"]).label


def _win_rate(spec: dict, facts: FactsByQuarter) -> str:
    quarter = _quarter(spec)
    return f"Win rate {quarter}: {rate_text(facts(quarter).deals.win_rate)}"


def _driver(spec: dict, facts: FactsByQuarter) -> str:
    quarter, (theme, label) = _quarter(spec), _theme(spec)
    side = spec.get("side")
    if side not in SIDES:
        raise FigureError(f"side must be one of {', '.join(SIDES)}")
    # Holm's adjustment is across the whole codebook, as on the insights pages.
    row = next(r for r in drivers(facts(quarter).interviews, load_codebook().ids) if r.theme == theme)
    lost, won, test = ((row.weakness_lost, row.weakness_won, row.weakness_test) if side == "weakness"
                       else (row.strength_lost, row.strength_won, row.strength_test))
    return (f"Judged {'weak' if side == 'weakness' else 'strong'} on {label.lower()}, {quarter}: "
            f"{rate_text(lost)} of lost interviews, {rate_text(won)} of won; {test.verdict}")


def _reason(spec: dict, facts: FactsByQuarter) -> str:
    quarter, (theme, label) = _quarter(spec), _theme(spec)
    interviews = facts(quarter).interviews
    row = next((r for r in primary_reasons(interviews, load_codebook().ids) if r.theme == theme), None)
    if row is None:
        return f"{label} as a primary reason, {quarter}: named in none of {len(interviews)} interviews"
    return (f"{label} as a primary reason, {quarter}: {rate_text(row.share)} of interviews "
            f"({rate_text(row.lost)} of lost, {rate_text(row.won)} of won)")


def _competitor(spec: dict, facts: FactsByQuarter) -> str:
    quarter = _quarter(spec)
    loaded = facts(quarter)
    competitor = spec.get("competitor")
    if competitor not in loaded.competitors:
        raise FigureError(f"no competitor {competitor!r}")
    h2h = head_to_head(competitor, loaded.deals_by_competitor.get(competitor, insights_facts.OutcomeCounts()),
                       loaded.interviews, load_codebook().ids)
    return f"Win rate against {loaded.competitors[competitor]}, {quarter}: {rate_text(h2h.win_rate)}"


FIGURES: dict[str, Callable[[dict, FactsByQuarter], str]] = {
    "win_rate": _win_rate,
    "driver": _driver,
    "reason": _reason,
    "competitor": _competitor,
}
KINDS = {"win_rate": "Win rate", "driver": "Decision driver", "reason": "Primary reason",
         "competitor": "Head to head"}


def resolve(spec: dict, facts: FactsByQuarter | None = None) -> str:
    """The figure's line of evidence as the data stands now."""
    resolver = FIGURES.get(spec.get("kind", "")) if isinstance(spec, dict) else None
    if resolver is None:
        raise FigureError(f"no figure of kind {spec.get('kind') if isinstance(spec, dict) else spec!r}")
    return resolver(spec, facts or FactsByQuarter())


def candidates(kind: str, quarter: str) -> list[dict]:
    """The figures of this kind an analyst can cite for the quarter."""
    themes = load_codebook().ids
    if kind == "win_rate":
        return [{"kind": kind, "quarter": quarter}]
    if kind == "driver":
        return [{"kind": kind, "theme": t, "side": s, "quarter": quarter} for t in themes for s in SIDES]
    if kind == "reason":
        return [{"kind": kind, "theme": t, "quarter": quarter} for t in themes]
    if kind == "competitor":
        return [{"kind": kind, "competitor": pk, "quarter": quarter}
                for pk in Competitor.objects.order_by("name").values_list("pk", flat=True)]
    raise FigureError(f"no figure of kind {kind!r}")


def describe(spec: dict) -> str:
    """A short name for the spec in pickers, without computing it."""
    kind, quarter = spec.get("kind"), spec.get("quarter", "")
    label = load_codebook().theme(spec["theme"]).label.lower() if spec.get("theme") in load_codebook().ids else ""
    if kind == "driver":
        return f"Judged {'weak' if spec.get('side') == 'weakness' else 'strong'} on {label}, lost vs won, {quarter}"
    if kind == "reason":
        return f"{label.capitalize()} as a primary reason, {quarter}"
    if kind == "competitor":
        name = Competitor.objects.filter(pk=spec.get("competitor")).values_list("name", flat=True).first()
        return f"Win rate against {name or 'a removed competitor'}, {quarter}"
    return f"Win rate, {quarter}"
