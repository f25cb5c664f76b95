from __future__ import annotations

from functools import cache

from django import template

from winloss.analysis.codebook import load_codebook

register = template.Library()


@cache
def _labels() -> dict[str, str]:
    return {theme.id: theme.label for theme in load_codebook().themes}


@register.filter
def theme_label(theme_id: str) -> str:
    """'product_fit' -> 'Product capabilities'; an id the codebook does not have is shown as it is."""
    return _labels().get(theme_id, theme_id)
