"""The program's own teams and the settings for reminders and the before/after."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path

from winloss.accounts.models import MANAGE_PROGRAM
from winloss.accounts.permissions import require
from winloss.actions.forms import ActionSettingsForm
from winloss.actions.models import ActionSettings


@require(MANAGE_PROGRAM)
def action_settings(request: HttpRequest) -> HttpResponse:
    form = ActionSettingsForm(request.POST or None, instance=ActionSettings.current())
    if form.is_valid():
        form.save()
        messages.success(request, "Action settings saved.")
        return redirect("actions:settings")
    return render(request, "actions/settings.html", {"form": form}, status=400 if form.is_bound else 200)


urlpatterns = [path("settings/", action_settings, name="settings")]
