"""Competitors head to head: our win rate against each, and, for one, what buyers said of them."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path

from winloss.accounts.models import READ_INSIGHTS, READ_UNREDACTED
from winloss.accounts.permissions import require
from winloss.deals.models import Competitor
from winloss.insights import facts
from winloss.insights.views import page_context
from winloss.stats import insights as stats

QUOTES_SHOWN = 30


@require(READ_INSIGHTS)
def competitor_list(request: HttpRequest) -> HttpResponse:
    selected, context = page_context(request, "competitors")
    loaded = facts.load(selected.deals)
    interviewed = stats.interviews_by_competitor(loaded.interviews)
    rows = [{"pk": pk, "name": name, "deals": loaded.deals_by_competitor.get(pk, stats.OutcomeCounts()),
             "interviews": interviewed[pk]} for pk, name in loaded.competitors.items()]
    rows = [r for r in rows if r["deals"].n or r["interviews"]]
    context.update(rows=sorted(rows, key=lambda r: (-r["deals"].n, -r["interviews"], r["name"])), overall=loaded.deals,
                   interviews=len(loaded.interviews))
    return render(request, "insights/competitors.html", context)


@require(READ_INSIGHTS)
def competitor_detail(request: HttpRequest, pk: int) -> HttpResponse:
    competitor = get_object_or_404(Competitor, pk=pk)
    selected, context = page_context(request, "competitors")
    loaded = facts.load(selected.deals)
    h2h = stats.head_to_head(pk, loaded.deals_by_competitor.get(pk, stats.OutcomeCounts()), loaded.interviews,
                             list(context["labels"]))
    rows = facts.quotes(selected.deals, about=pk)
    context.update(competitor=competitor, h2h=h2h, overall=loaded.deals,
                   quotes=facts.quote_facts(rows[:QUOTES_SHOWN]), quote_count=rows.count(),
                   unredacted=request.member.can(READ_UNREDACTED) and request.GET.get("unredacted") == "1",
                   can_unredact=request.member.can(READ_UNREDACTED))
    return render(request, "insights/competitor.html", context)


urlpatterns = [
    path("competitors/", competitor_list, name="competitors"),
    path("competitors/<int:pk>/", competitor_detail, name="competitor"),
]
