"""Scheduled program work, run by `winloss program tick` (from cron or a systemd timer, say every hour):
reminders, invitations gone unanswered, reps' forms to request. Every job is safe to run again."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from django.utils import timezone

from winloss.program.invitations import mark_no_response, send_reminders
from winloss.program.rep_views import request_rep_views

# (name, job): a job takes the current time and returns how many things it did.
JOBS: list[tuple[str, Callable[[datetime], int]]] = [
    ("reminders", send_reminders),
    ("no_response", mark_no_response),
    ("rep_forms_requested", request_rep_views),
]


def run(now: datetime | None = None) -> dict[str, int]:
    now = now or timezone.now()
    return {name: job(now) for name, job in JOBS}
