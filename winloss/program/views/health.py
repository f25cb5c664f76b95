"""Program health: a quarter's interviews against target, coverage, response rates, timing and load."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone

from winloss.accounts.models import READ_PROGRAM_HEALTH
from winloss.accounts.permissions import require
from winloss.core.quarters import QuarterError, quarter_of
from winloss.deals.filters import quarters
from winloss.program.health import quarter_health


@require(READ_PROGRAM_HEALTH)
def health(request: HttpRequest) -> HttpResponse:
    current = quarter_of(timezone.localdate())
    quarter = request.GET.get("quarter") or current
    context = {"quarter": quarter, "quarters": sorted({current, *quarters()}, reverse=True)}
    try:
        context["health"] = quarter_health(quarter)
        context["quarter"] = context["health"].quarter
    except QuarterError as error:
        context["error"] = str(error)
        return render(request, "program/health.html", context, status=400)
    return render(request, "program/health.html", context)


urlpatterns = [path("health/", health, name="health")]
