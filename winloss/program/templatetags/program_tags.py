from __future__ import annotations

from django import template
from django.utils.text import capfirst

from winloss.deals.models import Deal

register = template.Library()
TITLES = {"outcome": "Outcome", "competitor": "Primary competitor"}


@register.filter
def segment_title(name: str) -> str:
    """'product_line' -> 'Product line'."""
    return TITLES.get(name) or capfirst(Deal._meta.get_field(name).verbose_name)
