"""Actions taken because of what buyers said: who does what by when, the evidence behind it, what it is meant to
move, and every change with who made it and when."""

from __future__ import annotations

from datetime import date, datetime

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import slugify

from winloss.accounts.models import MANAGE_ACTIONS, Membership
from winloss.analysis import load_codebook
from winloss.deals.models import Competitor
from winloss.events import AppendOnly


class Status(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    ACCEPTED = "accepted", "Accepted"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    DROPPED = "dropped", "Dropped"


# Which status may follow which. A done action can be reopened, a dropped one proposed again.
NEXT_STATUSES: dict[str, tuple[str, ...]] = {
    Status.PROPOSED: (Status.ACCEPTED, Status.IN_PROGRESS, Status.DROPPED),
    Status.ACCEPTED: (Status.IN_PROGRESS, Status.DONE, Status.DROPPED),
    Status.IN_PROGRESS: (Status.DONE, Status.ACCEPTED, Status.DROPPED),
    Status.DONE: (Status.IN_PROGRESS,),
    Status.DROPPED: (Status.PROPOSED,),
}
OPEN_STATUSES = (Status.PROPOSED, Status.ACCEPTED, Status.IN_PROGRESS)

TEAMS = (
    ("sales_enablement", "Sales enablement"),
    ("marketing", "Marketing"),
    ("product", "Product"),
    ("customer_success", "Customer success"),
    ("pricing", "Pricing"),
    ("executives", "Executives"),
)


class StatusError(ValueError):
    """A status change the program does not allow."""


class ActionSettings(models.Model):
    """How actions are run. One row."""

    teams = models.JSONField(default=list, blank=True, help_text="Teams of our own, beside the standard ones")
    min_after = models.PositiveSmallIntegerField(
        default=10, help_text="Interviews (or decided deals) the after period needs before a before/after is shown")
    due_soon_days = models.PositiveSmallIntegerField(default=3, help_text="Remind owners this many days before the "
                                                                          "due date")

    class Meta:
        verbose_name = verbose_name_plural = "action settings"

    def __str__(self) -> str:
        return "Action settings"

    @classmethod
    def current(cls) -> ActionSettings:
        return cls.objects.get_or_create(pk=1)[0]

    def team_choices(self) -> list[tuple[str, str]]:
        """The standard teams, then the program's own (value: the name as a slug)."""
        own = [(slugify(name).replace("-", "_"), name) for name in self.teams]
        return [*TEAMS, *(team for team in own if team[0] not in dict(TEAMS))]


def team_label(team: str) -> str:
    return dict(ActionSettings.current().team_choices()).get(team, team)


class ActionQuerySet(models.QuerySet):
    def open(self) -> ActionQuerySet:
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, today: date) -> ActionQuerySet:
        return self.open().filter(due_date__lt=today)


class Action(models.Model):
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    team = models.CharField(max_length=64, db_index=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="actions")
    due_date = models.DateField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PROPOSED, db_index=True)
    dropped_reason = models.CharField(max_length=300, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    # What the action is meant to move, and the evidence behind it.
    themes = models.JSONField(default=list, blank=True, help_text="Codebook theme ids")
    segments = models.JSONField(default=list, blank=True, help_text='[{"field": "region", "value": "EMEA"}, ...]')
    competitors = models.ManyToManyField(Competitor, blank=True, related_name="actions")
    quotes = models.ManyToManyField("interviews.Quote", blank=True, related_name="actions")
    findings = models.ManyToManyField("reports.Finding", blank=True, related_name="actions")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def done_on(self) -> date | None:
        return timezone.localdate(self.done_at) if self.done_at else None

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def is_overdue(self, today: date | None = None) -> bool:
        return self.is_open and self.due_date < (today or timezone.localdate())

    @property
    def next_statuses(self) -> list[Status]:
        return [Status(s) for s in NEXT_STATUSES[self.status]]

    @property
    def theme_labels(self) -> list[tuple[str, str]]:
        codebook = load_codebook()
        return [(t, codebook.theme(t).label if t in codebook.ids else t) for t in self.themes]

    @property
    def segment_pairs(self) -> list[tuple[str, str]]:
        return [(s["field"], s["value"]) for s in self.segments]

    def may_move(self, member: Membership | None) -> bool:
        """The program's owner and analysts move any action; anyone else only the actions they own."""
        return member is not None and (member.can(MANAGE_ACTIONS) or member.user_id == self.owner_id)

    def move(self, status: str, *, by: object = None, reason: str = "", at: datetime | None = None) -> ActionEvent:
        """Change the status, recording who and when: dropping needs a reason, done sets done_at, and leaving done
        or dropped clears them. Raises StatusError for a change the program forbids, or when the stored status
        is no longer the one this copy holds (someone else moved it meanwhile). Subscribers to the webhook hear
        of the change once it is committed."""
        from winloss.actions.webhooks import notify

        if status not in NEXT_STATUSES[self.status]:
            raise StatusError(f"An action cannot go from {Status(self.status).label.lower()} to "
                              f"{Status(status).label.lower()}")
        reason = reason.strip()
        if status == Status.DROPPED and not reason:
            raise StatusError("Say why the action is dropped")
        at = at or timezone.now()
        changes = {"status": status, "done_at": at if status == Status.DONE else None,
                   "dropped_reason": reason if status == Status.DROPPED else ""}
        with transaction.atomic():
            if not Action.objects.filter(pk=self.pk, status=self.status).update(**changes):
                now = Action.objects.filter(pk=self.pk).values_list("status", flat=True).first()
                raise StatusError(f"The action was {Status(self.status).label.lower()} but is now "
                                  f"{Status(now).label.lower() if now else 'deleted'}; reload and try again")
            event = ActionEvent.objects.create(action=self, kind=ActionEvent.Kind.STATUS, by=by, at=at,
                                               changes={"status": [self.status, status]}, note=reason)
            for name, value in changes.items():
                setattr(self, name, value)
            # robust: a webhook that fails in an unforeseen way is logged, never undoes or hides the change.
            transaction.on_commit(lambda: notify(event), robust=True)
        return event


class ActionEvent(AppendOnly):
    """One change to an action, with who made it and when. Append-only: the action's history and audit trail."""

    class Kind(models.TextChoices):
        CREATED = "created", "Created"
        EDITED = "edited", "Edited"
        STATUS = "status", "Status changed"

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    changes = models.JSONField(default=dict, blank=True, help_text="field -> [before, after]")
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.kind} {self.action_id} at {self.at:%Y-%m-%d %H:%M}"


class WebhookDelivery(models.Model):
    """One attempt to tell the subscribed tracker of a status change: what it answered, or why it failed."""

    event = models.ForeignKey(ActionEvent, on_delete=models.CASCADE, related_name="deliveries")
    url = models.URLField(max_length=500)
    at = models.DateTimeField(default=timezone.now)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.url}: {self.error or self.status_code}"

    @property
    def ok(self) -> bool:
        return not self.error


class Reminder(models.Model):
    """An owner reminded, on a day, of an action overdue or due soon: at most one a day per action."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="reminders")
    to = models.EmailField()
    sent_on = models.DateField()
    overdue = models.BooleanField()

    class Meta:
        ordering = ["-sent_on"]
        constraints = [models.UniqueConstraint(fields=["action", "sent_on"], name="action_reminder_once_a_day")]

    def __str__(self) -> str:
        return f"{self.action_id} to {self.to} on {self.sent_on}"
