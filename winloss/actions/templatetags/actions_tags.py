from __future__ import annotations

from django import template

from winloss.actions.models import Status

register = template.Library()


@register.filter
def percent(share: float | None) -> str:
    """0.4166 -> '42%'; nothing for no figure."""
    return "" if share is None else f"{round(100 * share)}%"


@register.filter
def points(difference: float | None) -> str:
    """A difference of two shares in percentage points, signed: 0.125 -> '+12.5 points'."""
    if difference is None:
        return ""
    value = round(100 * difference, 1)
    return f"{value:+.1f} points" if value else "no change"


@register.filter
def signed(difference: float | None) -> str:
    """0.051 -> '+5.1', for the ends of an interval."""
    return "" if difference is None else f"{100 * difference:+.1f}"


@register.filter
def status_label(status: str) -> str:
    return Status(status).label.lower() if status in Status.values else status
