from __future__ import annotations

from django.conf import settings
from django.db import models, transaction

from winloss.events import AppendOnly
from winloss.interviews.models import Interview, Quote


class Audience(models.TextChoices):
    """Who a finding or a report is for."""

    EXEC = "exec", "Executives"
    SALES = "sales", "Sales"
    MARKETING = "marketing", "Marketing"
    PRODUCT = "product", "Product"
    CS = "cs", "Customer success"


class FindingQuerySet(models.QuerySet):
    def published(self) -> FindingQuerySet:
        return self.filter(status=Finding.Status.PUBLISHED)

    def for_audience(self, audience: str) -> FindingQuerySet:
        # Audiences are a short JSON list; matching its text works the same on SQLite and PostgreSQL.
        return self.filter(audiences__icontains=f'"{audience}"')

    def for_period(self, period: str) -> FindingQuerySet:
        """Findings about this quarter, and those not tied to a quarter."""
        return self.filter(models.Q(period=period) | models.Q(period=""))


class Finding(models.Model):
    """What an analyst concludes from the interviews, with the evidence for it and the audiences it is for."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        READY = "ready", "Ready for review"
        PUBLISHED = "published", "Published"
        RETIRED = "retired", "Retired"

    statement = models.CharField(max_length=300)
    detail = models.TextField(blank=True)
    audiences = models.JSONField(default=list, blank=True, help_text="Audience values, see Audience")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True)
    period = models.CharField(max_length=6, blank=True, help_text="Quarter like 2026Q3, or empty for any")
    quotes = models.ManyToManyField(Quote, blank=True, related_name="findings")
    interviews = models.ManyToManyField(Interview, blank=True, related_name="findings")
    figures = models.JSONField(default=list, blank=True, help_text="Figure specs, resolved when shown")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    objects = FindingQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-pk"]

    def __str__(self) -> str:
        return self.statement

    def audience_labels(self) -> list[str]:
        return [Audience(a).label for a in self.audiences if a in Audience.values]

    def snapshot(self) -> dict[str, object]:
        """What the finding says now, as a FindingEvent records it."""
        return {
            "statement": self.statement, "detail": self.detail, "audiences": list(self.audiences),
            "status": self.status, "period": self.period, "figures": list(self.figures),
            "quotes": sorted(self.quotes.values_list("pk", flat=True)) if self.pk else [],
            "interviews": sorted(self.interviews.values_list("pk", flat=True)) if self.pk else [],
        }

    def record(self, before: dict[str, object], *, by: object) -> FindingEvent | None:
        """Record what changed since `before` (a snapshot, empty for a new finding); nothing when nothing did."""
        changed = {k: v for k, v in self.snapshot().items() if k not in before or before[k] != v}
        if not changed:
            return None
        return FindingEvent.objects.create(
            finding=self, by=by, what=", ".join(changed) if before else "created",
            before={k: before[k] for k in changed if k in before}, after=changed)

    @transaction.atomic
    def set_status(self, status: str, *, by: object) -> FindingEvent | None:
        before = self.snapshot()
        self.status = status
        self.updated_by = by
        self.save(update_fields=["status", "updated_by", "updated_at"])
        return self.record(before, by=by)


class FindingEvent(AppendOnly):
    """One change to a finding: who, when, which fields, and their values before and after. Never edited."""

    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="events")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                           related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    what = models.CharField(max_length=200)
    before = models.JSONField(default=dict)
    after = models.JSONField(default=dict)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.finding_id}: {self.what}"


class DigestSubscription(models.Model):
    """A member who asked for the monthly digest by email."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return str(self.user)


class DigestRun(models.Model):
    """The monthly digest for one month, sent once: to whom, and whether the chat webhook took it."""

    month = models.CharField(max_length=7, unique=True, help_text="YYYY-MM of the month the digest covers")
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.JSONField(default=list)
    webhook_status = models.CharField(max_length=200, blank=True)
    text = models.TextField()

    class Meta:
        ordering = ["-month"]

    def __str__(self) -> str:
        return self.month
