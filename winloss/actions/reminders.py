"""Reminding owners by email of their actions overdue or due soon: run by `winloss program tick`. An owner gets at
most one email a day, listing every action of theirs due a reminder; an action is mentioned at most once every
REMIND_EVERY_DAYS days."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from winloss.actions.models import Action, ActionSettings, Reminder
from winloss.program.invitations import JobResult, each

REMIND_EVERY_DAYS = 7

SUBJECT = "Actions to follow up: {count} overdue or due soon"


def remind_owners(now: datetime) -> JobResult:
    """Email each owner whose open actions are overdue or due within the settings' `due_soon_days`."""
    today = timezone.localdate(now)
    due = (Action.objects.open()
           .filter(due_date__lte=today + timedelta(days=ActionSettings.current().due_soon_days), owner__isnull=False)
           .exclude(owner__email="")
           .exclude(reminders__sent_on__gt=today - timedelta(days=REMIND_EVERY_DAYS)))
    owners = due.values_list("owner_id", flat=True).distinct()
    return each(owners, "owner", lambda owner: _remind(owner, due, now))


def _remind(owner: int, due, now: datetime) -> int:
    """Claim the owner's actions for today (one Reminder each; a second run finds them claimed) and send one email
    last: a failed write sends nothing and a failed email undoes the claims."""
    today = timezone.localdate(now)
    with transaction.atomic():
        actions = list(due.filter(owner_id=owner).select_related("owner"))
        if not actions:
            return 0
        try:
            with transaction.atomic():
                Reminder.objects.bulk_create([Reminder(action=a, to=a.owner.email, sent_on=today,
                                                       overdue=a.due_date < today) for a in actions])
        except IntegrityError:
            return 0  # another run claimed them today
        lines = [f"- {a.title} ({'overdue since' if a.due_date < today else 'due'} {a.due_date:%d %b %Y}): "
                 f"{settings.BASE_URL}{reverse('actions:detail', args=[a.pk])}" for a in actions]
        owner_user = actions[0].owner
        body = (f"Hello {owner_user.get_full_name() or owner_user.username},\n\n"
                f"These actions of yours, taken because of what buyers told us, need a look:\n\n"
                + "\n".join(lines)
                + "\n\nMove each along on its page (accepted, in progress, done, or dropped with a reason).\n")
        send_mail(SUBJECT.format(count=len(actions)), body, None, [owner_user.email])
    return 1
