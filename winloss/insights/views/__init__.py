"""Insights pages, one module per area, each with its own urlpatterns. Every page takes the deal filter bar
(`DealFilterForm`) and keeps the filters in its links."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest, QueryDict

from winloss.deals.filters import DealFilterForm
from winloss.deals.models import Deal, DealQuerySet
from winloss.insights.facts import themes


@dataclass(frozen=True)
class Filtered:
    form: DealFilterForm
    deals: DealQuerySet
    query: str  # the filters alone, as a query string for links that keep them


def filtered(request: HttpRequest) -> Filtered:
    form = DealFilterForm(request.GET)
    query = QueryDict(mutable=True)
    for name in DealFilterForm.base_fields:
        if request.GET.get(name):
            query[name] = request.GET[name]
    return Filtered(form, form.apply(Deal.objects.all()), query.urlencode())


def page_context(request: HttpRequest, here: str) -> tuple[Filtered, dict[str, object]]:
    """The filtered deals, and what every insights page's template needs: the filter bar, the filters as a
    query string, which page this is, and the theme labels."""
    selected = filtered(request)
    return selected, {"form": selected.form, "query": selected.query, "here": here, "labels": dict(themes())}
