"""The outgoing webhook: each status change, once committed, is POSTed as JSON to WINLOSS_ACTIONS_WEBHOOK_URL so a
team can mirror actions into its own tracker. A failure is logged and kept as a WebhookDelivery (shown on the
action's page); the status change itself stands."""

from __future__ import annotations

import logging

from django.conf import settings
from django.urls import reverse

from winloss.actions.models import ActionEvent, WebhookDelivery
from winloss.webhooks import post_json

log = logging.getLogger(__name__)


def payload(event: ActionEvent) -> dict[str, object]:
    action = event.action
    before, after = event.changes["status"]
    return {
        "event": "action.status_changed",
        "action": {"id": action.pk, "title": action.title, "team": action.team,
                   "owner": action.owner.username if action.owner else None,
                   "due_date": action.due_date.isoformat(), "status": action.status,
                   "url": settings.BASE_URL + reverse("actions:detail", args=[action.pk])},
        "before": before, "after": after, "reason": event.note,
        "by": event.by.username if event.by else None, "at": event.at.isoformat(),
    }


def notify(event: ActionEvent) -> WebhookDelivery | None:
    """POST the change to the configured URL (none: nothing to do) and record how it went."""
    url = settings.WINLOSS_ACTIONS_WEBHOOK_URL
    if not url:
        return None
    status, error = post_json(url, payload(event), settings.WINLOSS_ACTIONS_WEBHOOK_TIMEOUT)
    if error:
        error = f"the tracker answered {error}" if status is not None else f"could not reach the tracker: {error}"
    if error:
        log.warning("webhook for action %s to %s failed: %s", event.action_id, url, error)
    return WebhookDelivery.objects.create(event=event, url=url, status_code=status, error=error[:500])
