"""Actions as CSV, for a spreadsheet or another tracker."""

from __future__ import annotations

import csv

from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.utils import timezone

from winloss.accounts.models import READ_ACTIONS
from winloss.accounts.permissions import require
from winloss.actions.models import Action
from winloss.actions.rows import HEADER, csv_cells, row


@require(READ_ACTIONS)
def export(request: HttpRequest) -> HttpResponse:
    actions = Action.objects.select_related("owner", "created_by").prefetch_related("competitors", "quotes",
                                                                                     "findings")
    if request.GET.get("team"):
        actions = actions.filter(team=request.GET["team"])
    if request.GET.get("status"):
        actions = actions.filter(status=request.GET["status"])
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="actions-{timezone.localdate().isoformat()}.csv"'
    writer = csv.writer(response)
    writer.writerow(HEADER)
    today = timezone.localdate()
    writer.writerows(csv_cells(row(action, today)) for action in actions)
    return response


urlpatterns = [path("export.csv", export, name="export")]
