"""Figures as the insights pages show them: a share with its n, its 95% interval drawn as a whisker, and a
mark when it rests on fewer than five cases."""

from __future__ import annotations

from django import template

from winloss.stats import Rate
from winloss.stats.insights import NO_CLEAR_DIFFERENCE, SEPARATES, SUGGESTIVE, TOO_FEW

register = template.Library()


@register.filter
def pct(value: Rate | float | None) -> str:
    """A Rate's share (or a float in [0, 1]) as a whole percentage; a dash for a share of nothing."""
    if isinstance(value, Rate):
        return f"{round(100 * value.hits / value.n)}%" if value.n else "—"
    return "—" if value is None else f"{round(100 * value)}%"


@register.filter
def pvalue(value: float | None) -> str:
    if value is None:
        return "—"
    return "< 0.001" if value < 0.001 else f"{value:.3f}"


@register.inclusion_tag("insights/_figure.html")
def figure(r: Rate, label: str = "") -> dict[str, object]:
    """The share, its interval as a whisker over a 0–100% track, n beside it, greyed with a badge when small."""
    return {"r": r, "label": label, "point": 100 * r.hits / r.n if r.n else 0, "low": 100 * r.low,
            "width": 100 * (r.high - r.low)}


@register.filter
def get_label(labels: dict[str, str], theme: str) -> str:
    return labels.get(theme, theme)


SHORT_VERDICTS = {SEPARATES: "Separates", SUGGESTIVE: "Suggestive only", NO_CLEAR_DIFFERENCE: "No clear difference",
                  TOO_FEW: "Too few to tell"}


@register.filter
def short_verdict(verdict: str) -> str:
    return SHORT_VERDICTS[verdict]
