from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Count, Q

from winloss.core.crm.records import OUTCOMES
from winloss.core.quarters import quarter_of


class Outcome(models.TextChoices):
    WON = "won", "Won"
    LOST = "lost", "Lost"
    NO_DECISION = "no_decision", "No decision"
    OPEN = "open", "Open"


assert tuple(Outcome.values) == OUTCOMES

SEGMENT_FIELDS = ("product_line", "region", "industry", "company_size", "deal_type")  # what deals are segmented by


class Account(models.Model):
    """The buyer's company."""

    name = models.CharField(max_length=255, unique=True)
    industry = models.CharField(max_length=120, blank=True)
    size_band = models.CharField(max_length=60, blank=True)
    region = models.CharField(max_length=120, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Competitor(models.Model):
    name = models.CharField(max_length=200, unique=True)
    aliases = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SalesRep(models.Model):
    """A deal owner as the CRM names them; the manager link lets interviews stay neutral."""

    name = models.CharField(max_length=200, unique=True)
    email = models.EmailField(blank=True)
    manager = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="reports")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class StageOutcome(models.Model):
    """A program's own rule: this CRM stage means this outcome (overrides the built-in defaults)."""

    stage = models.CharField(max_length=200, unique=True, help_text="Stage as the CRM writes it; case is ignored")
    outcome = models.CharField(max_length=16, choices=Outcome.choices)

    def __str__(self) -> str:
        return f"{self.stage} -> {self.outcome}"

    def save(self, *args: object, **kwargs: object) -> None:
        self.stage = self.stage.strip().lower()
        super().save(*args, **kwargs)


class ImportRun(models.Model):
    class Status(models.TextChoices):
        PREVIEW = "preview", "Awaiting confirmation"
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    filename = models.CharField(max_length=255)
    stored_path = models.CharField(max_length=500, blank=True, help_text="Uploaded file kept under the data folder")
    source = models.CharField(max_length=32)
    mapping = models.JSONField(null=True, blank=True)
    date_format = models.CharField(max_length=32, default="auto")
    decimal_mark = models.CharField(max_length=4, default="auto")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    counts = models.JSONField(default=dict, blank=True)
    error = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.source}, {self.status})"


class DealQuerySet(models.QuerySet):
    def closed(self) -> DealQuerySet:
        return self.exclude(outcome=Outcome.OPEN)

    def outcome_counts(self) -> dict[str, int]:
        counts = dict.fromkeys(Outcome.values, 0)
        for row in self.values("outcome").annotate(n=Count("*")):
            counts[row["outcome"]] = row["n"]
        return counts

    def with_competitor(self, competitor: Competitor) -> DealQuerySet:
        return self.filter(Q(primary_competitor=competitor) | Q(competitor_links__competitor=competitor)).distinct()


class Deal(models.Model):
    source = models.CharField(max_length=32, help_text="Which CRM the deal came from")
    crm_id = models.CharField(max_length=120)
    name = models.CharField(max_length=255)
    account = models.ForeignKey(Account, null=True, blank=True, on_delete=models.SET_NULL, related_name="deals")
    amount = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)
    currency = models.CharField(max_length=3, blank=True)
    stage = models.CharField(max_length=120, blank=True)
    outcome = models.CharField(max_length=16, choices=Outcome.choices, default=Outcome.OPEN, db_index=True)
    close_date = models.DateField(null=True, blank=True, db_index=True)
    owner = models.ForeignKey(SalesRep, null=True, blank=True, on_delete=models.SET_NULL, related_name="deals")
    product_line = models.CharField(max_length=120, blank=True)
    region = models.CharField(max_length=120, blank=True)
    industry = models.CharField(max_length=120, blank=True)
    company_size = models.CharField(max_length=60, blank=True)
    deal_type = models.CharField(max_length=120, blank=True)
    crm_reason = models.CharField(max_length=255, blank=True, help_text="Reason picklist value the rep chose")
    crm_reason_note = models.TextField(blank=True, help_text="Free text the rep wrote about the outcome")
    primary_competitor = models.ForeignKey(
        Competitor, null=True, blank=True, on_delete=models.SET_NULL, related_name="primary_deals"
    )
    raw = models.JSONField(default=dict, help_text="The source record exactly as the CRM exported it")
    fingerprint = models.CharField(max_length=40, blank=True, help_text="Hash of the imported values")
    last_import = models.ForeignKey(ImportRun, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = DealQuerySet.as_manager()

    class Meta:
        ordering = ["-close_date", "name"]
        constraints = [models.UniqueConstraint(fields=["source", "crm_id"], name="deal_unique_crm_id")]
        # The insights group deals by outcome and the close date or primary competitor, and the filter bar lists
        # each segment field's values: indexes the database answers those from without reading the deals.
        indexes = [
            models.Index(fields=["outcome", "close_date"], name="deal_outcome_close_date"),
            models.Index(fields=["outcome", "primary_competitor"], name="deal_outcome_competitor"),
            *(models.Index(fields=[f], name=f"deal_{f}") for f in SEGMENT_FIELDS),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def quarter(self) -> str:
        if self.close_date is None:
            return ""
        return quarter_of(self.close_date)


class Contact(models.Model):
    """A buyer involved in the deal's decision."""

    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=200)
    title = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=60, blank=True)
    decision_role = models.CharField(max_length=120, blank=True, help_text="e.g. decision maker, champion")

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["deal", "name"], name="contact_unique_per_deal")]

    def __str__(self) -> str:
        return self.name


class DealCompetitor(models.Model):
    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="competitor_links")
    competitor = models.ForeignKey(Competitor, on_delete=models.CASCADE, related_name="deal_links")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["deal", "competitor"], name="deal_competitor_unique")]

    def __str__(self) -> str:
        return f"{self.deal} vs {self.competitor}"
