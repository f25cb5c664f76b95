from __future__ import annotations

from django.conf import settings
from django.db import models

from winloss.analysis import Competitor as ProgramCompetitor
from winloss.analysis import Program
from winloss.deals.models import Competitor, Contact, Deal


class ProgramSettings(models.Model):
    """The program's own company, as buyers name it. One row."""

    company = models.CharField(max_length=200, blank=True)
    aliases = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "program settings"

    def __str__(self) -> str:
        return self.company or "(company not set)"

    @classmethod
    def current(cls) -> ProgramSettings:
        return cls.objects.get_or_create(pk=1)[0]

    def as_program(self) -> Program:
        """What the coding engine needs: our names and every competitor's."""
        competitors = tuple(ProgramCompetitor(c.name, tuple(c.aliases)) for c in Competitor.objects.all())
        return Program(company=self.company, aliases=tuple(self.aliases), competitors=competitors)


class Interview(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to be coded"
        CODING = "coding", "Coding"
        CODED = "coded", "Coded"
        FAILED = "failed", "Could not be coded"

    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="interviews")
    buyers = models.ManyToManyField(Contact, blank=True, related_name="interviews")
    interviewer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="interviews")
    interviewer_name = models.CharField(max_length=200, blank=True, help_text="As the transcript names them")
    date = models.DateField(null=True, blank=True)
    transcript_name = models.CharField(max_length=255)
    transcript_path = models.CharField(max_length=500)
    format = models.CharField(max_length=32, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    error = models.TextField(blank=True)
    primary_reasons = models.JSONField(default=list, blank=True)
    coded_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-created_at"]

    def __str__(self) -> str:
        return f"Interview on {self.deal}"


class Turn(models.Model):
    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="turns")
    index = models.PositiveIntegerField()
    speaker = models.CharField(max_length=200)
    role = models.CharField(max_length=16)
    start = models.FloatField(null=True, blank=True, help_text="Seconds from the start of the call")
    text = models.TextField()

    class Meta:
        ordering = ["interview", "index"]
        constraints = [models.UniqueConstraint(fields=["interview", "index"], name="turn_unique_index")]

    def __str__(self) -> str:
        return f"{self.speaker}: {self.text[:40]}"


class Statement(models.Model):
    """A coded sentence of a buyer turn; start and end are character offsets into the turn's text."""

    turn = models.ForeignKey(Turn, on_delete=models.CASCADE, related_name="statements")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    text = models.TextField()

    class Meta:
        ordering = ["turn", "start"]

    def __str__(self) -> str:
        return self.text[:60]


class Code(models.Model):
    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="codes")
    theme = models.CharField(max_length=64, db_index=True)
    polarity = models.CharField(max_length=16)
    vendor = models.CharField(max_length=200, blank=True, help_text='"us", a competitor, or empty for none')
    competitor = models.ForeignKey(Competitor, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="codes")
    confidence = models.FloatField()

    def __str__(self) -> str:
        return f"{self.theme} {self.polarity} {self.vendor or '-'}"


class Quote(models.Model):
    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="quotes")
    turn = models.ForeignKey(Turn, on_delete=models.CASCADE, related_name="quotes")
    theme = models.CharField(max_length=64)
    text = models.TextField()
    redacted = models.TextField()

    def __str__(self) -> str:
        return self.redacted[:60]


class CompetitorMention(models.Model):
    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="competitor_mentions")
    competitor = models.ForeignKey(Competitor, on_delete=models.CASCADE, related_name="mentions")
    mentions = models.PositiveIntegerField()

    def __str__(self) -> str:
        return f"{self.competitor} x{self.mentions}"
