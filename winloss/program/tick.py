"""Scheduled program work, run by `winloss program tick` (from cron or a systemd timer, say every hour):
reminders, invitations gone unanswered, reps' forms to request, the monthly digest, action owners to remind.
Every job is safe to run again, and one that fails does not stop the others."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone

from winloss.actions.reminders import remind_owners
from winloss.program.invitations import JobResult, mark_no_response, send_reminders
from winloss.program.rep_views import request_rep_views
from winloss.reports.digest import send_monthly_digest

log = logging.getLogger(__name__)

# (name, job): a job takes the current time and says how many things it did and which items failed.
JOBS: list[tuple[str, Callable[[datetime], JobResult]]] = [
    ("reminders", send_reminders),
    ("no_response", mark_no_response),
    ("rep_forms_requested", request_rep_views),
    ("monthly_digest", send_monthly_digest),
    ("action_owners_reminded", remind_owners),
]


@dataclass
class TickResult:
    done: dict[str, int] = field(default_factory=dict)  # job name -> how many things it did
    failures: list[str] = field(default_factory=list)  # "job: what failed", one per failed item or job

    def as_dict(self) -> dict[str, object]:
        return {**self.done, "failures": self.failures}


def run(now: datetime | None = None) -> TickResult:
    now = now or timezone.now()
    result = TickResult()
    for name, job in JOBS:
        try:
            outcome = job(now)
        except Exception as error:  # a job's failure, whatever it is, must not stop the next job
            log.exception("program job %s failed", name)
            result.failures.append(f"{name}: {error}")
            continue
        result.done[name] = outcome.done
        result.failures += [f"{name}: {line}" for line in outcome.failed]
    return result
