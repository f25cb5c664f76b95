"""The program-level page: what we changed because of what buyers told us, and its impact so far."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone

from winloss.accounts.models import READ_ACTIONS
from winloss.accounts.permissions import require
from winloss.actions.impact import report_section
from winloss.actions.models import Action


@require(READ_ACTIONS)
def changed(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    first = Action.objects.order_by("created_at").values_list("created_at", flat=True).first()
    section = report_section(timezone.localdate(first) if first else today, today)
    return render(request, "actions/changed.html", {"section": section})


urlpatterns = [path("changed/", changed, name="changed")]
