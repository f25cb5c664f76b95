"""Decision drivers (the insights home): themes as strengths and weaknesses in won and lost interviews, which
of them separate wins from losses, and primary reasons ranked."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from winloss.accounts.models import READ_INSIGHTS
from winloss.accounts.permissions import require
from winloss.insights import facts
from winloss.insights.views import page_context
from winloss.stats import insights as stats


@require(READ_INSIGHTS)
def drivers(request: HttpRequest) -> HttpResponse:
    selected, context = page_context(request, "drivers")
    loaded = facts.load(selected.deals)
    ids = list(context["labels"])
    outcomes = {o: sum(i.outcome == o for i in loaded.interviews) for o in ("won", "lost", "no_decision", "open")}
    context.update(interviews=len(loaded.interviews), outcomes=outcomes, deals=loaded.deals,
                   rows=stats.drivers(loaded.interviews, ids), reasons=stats.primary_reasons(loaded.interviews, ids),
                   themes=len(ids))
    return render(request, "insights/drivers.html", context)


urlpatterns = [path("", drivers, name="drivers")]
