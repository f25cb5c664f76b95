"""One action: what it is, its evidence, its impact once done, and its history; creating and editing actions."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone

from winloss.accounts.models import MANAGE_ACTIONS, READ_ACTIONS
from winloss.accounts.permissions import require
from winloss.actions.forms import ActionForm, initial_from
from winloss.actions.impact import summary
from winloss.actions.models import Action, Status, WebhookDelivery


@require(READ_ACTIONS)
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_object_or_404(Action.objects.select_related("owner", "created_by"), pk=pk)
    return render(request, "actions/detail.html", {
        "action": action, "data": summary(action, timezone.localdate()), "movable": action.may_move(request.member),
        "overdue": action.is_overdue(), "events": action.events.select_related("by"),
        "failed_deliveries": WebhookDelivery.objects.filter(event__action=action).exclude(error="")[:5],
        "DROPPED": Status.DROPPED})


@require(MANAGE_ACTIONS)
def create(request: HttpRequest) -> HttpResponse:
    form = ActionForm(request.POST or None, initial=initial_from(request.GET))
    if form.is_valid():
        action = form.save_by(request.user)
        messages.success(request, "Action created.")
        return redirect("actions:detail", pk=action.pk)
    return render(request, "actions/form.html", {"form": form}, status=400 if form.is_bound else 200)


@require(MANAGE_ACTIONS)
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_object_or_404(Action, pk=pk)
    form = ActionForm(request.POST or None, instance=action)
    if form.is_valid():
        form.save_by(request.user)
        messages.success(request, "Action saved.")
        return redirect("actions:detail", pk=action.pk)
    return render(request, "actions/form.html", {"form": form, "action": action},
                  status=400 if form.is_bound else 200)


urlpatterns = [
    path("new/", create, name="new"),
    path("<int:pk>/", detail, name="detail"),
    path("<int:pk>/edit/", edit, name="edit"),
]
