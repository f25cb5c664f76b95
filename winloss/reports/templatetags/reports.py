from django import template
from django.utils.safestring import mark_safe

from winloss.reports.charts import ChartSpec, render_svg

register = template.Library()


@register.filter
def chart_svg(spec: ChartSpec) -> str:
    """The chart drawn as inline SVG (our own drawing of our own numbers, so safe to embed)."""
    return mark_safe(render_svg(spec))  # noqa: S308
