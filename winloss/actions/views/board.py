"""The action board: columns by status, for the whole program or one team; moving an action along."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from winloss.accounts.models import READ_ACTIONS
from winloss.accounts.permissions import require
from winloss.actions.forms import MoveForm
from winloss.actions.models import Action, ActionSettings, Status, StatusError


@require(READ_ACTIONS)
def board(request: HttpRequest) -> HttpResponse:
    teams = ActionSettings.current().team_choices()
    team = request.GET.get("team", "")
    actions = Action.objects.select_related("owner")
    if team:
        actions = actions.filter(team=team)
    today = timezone.localdate()
    columns = {status: [] for status in Status}
    for action in actions:
        action.movable = action.may_move(request.member)
        action.overdue = action.is_overdue(today)
        action.team_label = dict(teams).get(action.team, action.team)
        columns[Status(action.status)].append(action)
    return render(request, "actions/board.html", {
        "columns": [(status, columns[status]) for status in Status], "teams": teams, "team": team,
        "team_label": dict(teams).get(team, team), "overdue": sum(a.overdue for c in columns.values() for a in c)})


@require_POST
@require(READ_ACTIONS)
def move(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_object_or_404(Action, pk=pk)
    if not action.may_move(request.member):
        raise PermissionDenied("Only the program's owner, an analyst or the action's owner moves it")
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a status")
    else:
        try:
            event = action.move(form.cleaned_data["status"], by=request.user, reason=form.cleaned_data["reason"])
        except StatusError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"“{action.title}” is now {action.get_status_display().lower()}.")
            for delivery in event.deliveries.filter(error__gt=""):
                messages.warning(request, f"The status changed, but the webhook failed: {delivery.error}")
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("actions:detail", args=[action.pk])
    return redirect(target)


urlpatterns = [
    path("", board, name="board"),
    path("<int:pk>/move/", move, name="move"),
]
