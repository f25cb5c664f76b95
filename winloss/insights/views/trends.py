"""Trends by quarter: our win rate and each theme's prevalence, with a change called out only when supported."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from winloss.accounts.models import READ_INSIGHTS
from winloss.accounts.permissions import require
from winloss.insights import facts
from winloss.insights.views import page_context
from winloss.stats import insights as stats

QUARTERS_SHOWN = 8  # the latest ones; older quarters are left off the table

MEASURE_LABELS = {"mentions": "mentioned", "strengths": "our strength", "weaknesses": "our weakness"}


@require(READ_INSIGHTS)
def trends(request: HttpRequest) -> HttpResponse:
    selected, context = page_context(request, "trends")
    measure = request.GET.get("measure", "mentions")
    if measure not in stats.MEASURES:
        measure = "mentions"
    loaded = facts.load(selected.deals)
    quarters = stats.trend_quarters(loaded.deals_by_quarter, loaded.interviews)[-QUARTERS_SHOWN:]
    per_quarter = [sum(i.quarter == q for i in loaded.interviews) for q in quarters]
    context.update(quarters=quarters, per_quarter=per_quarter, measure=measure, measures=MEASURE_LABELS,
                   win_rate=stats.win_rate_trend(loaded.deals_by_quarter, quarters),
                   rows=stats.theme_trends(loaded.interviews, list(context["labels"]), quarters, measure),
                   interviews=len(loaded.interviews))
    return render(request, "insights/trends.html", context)


urlpatterns = [path("trends/", trends, name="trends")]
