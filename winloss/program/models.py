"""The interview program: its settings and targets, the interviewer pool, opt-outs, messages sent, buyer surveys
and the reps' own view of their deals."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from winloss.analysis import Competitor as ProgramCompetitor
from winloss.analysis import Program, load_codebook
from winloss.deals.models import Competitor, Deal, SalesRep

SEGMENT_FIELDS = ("product_line", "region", "industry", "company_size")


def default_segment_fields() -> list[str]:
    return list(SEGMENT_FIELDS)


def default_outcome_mix() -> dict[str, int]:
    """Desired share of completed interviews by outcome, in percent."""
    return {"won": 30, "lost": 50, "no_decision": 20}


def default_ranking() -> dict[str, float]:
    """Points a candidate gets from each ranking rule (editable by the program owner)."""
    return {"lost": 30, "no_decision": 25, "won": 0, "amount_per_10k": 1, "amount_cap": 20,
            "strategic_competitor": 15, "segment_gap": 20}


INVITATION_SUBJECT = "Your view on the {{ deal.account.name|default:deal.name }} decision"
INVITATION_BODY = """Hello {{ contact.name }},

{{ company }} recently learned of your decision on {{ deal.name }}. Whatever you decided, we would value
30 minutes of your honest view of how it went: what mattered, what we did well and what we did not.

The conversation is with {{ interviewer_name }}, who was not part of the sales team, and what you say is
confidential: it is reported without your name.{% if incentive %} As a thank-you: {{ incentive }}.{% endif %}

Reply to this email with a time that suits you, or answer a short survey instead:
{{ survey_url }}

If you would rather not be asked, this link removes you from all future requests:
{{ opt_out_url }}
"""
REMINDER_SUBJECT = "A reminder: your view on the {{ deal.account.name|default:deal.name }} decision"
REMINDER_BODY = """Hello {{ contact.name }},

A short reminder of our request for 30 minutes of your view on {{ deal.name }}. If a call does not suit,
the survey takes five minutes: {{ survey_url }}

Not interested? {{ opt_out_url }}
"""


class ProgramSettings(models.Model):
    """How the program runs. One row."""

    company = models.CharField(max_length=200, blank=True, help_text="Our company, as buyers name it")
    aliases = models.JSONField(default=list, blank=True, help_text="Other names buyers use for us")
    segment_fields = models.JSONField(default=default_segment_fields, blank=True,
                                      help_text=f"Deal fields that define segments: any of {', '.join(SEGMENT_FIELDS)}")
    outcome_mix = models.JSONField(default=default_outcome_mix, blank=True,
                                   help_text="Desired percent of interviews per outcome")
    window_start_days = models.PositiveSmallIntegerField(default=7, help_text="Ask no sooner than this after the "
                                                                                "decision")
    window_end_days = models.PositiveSmallIntegerField(default=21, help_text="Ask no later than this after the "
                                                                              "decision")
    ranking = models.JSONField(default=default_ranking, blank=True, help_text="Points per ranking rule")
    strategic_competitors = models.ManyToManyField(Competitor, blank=True, related_name="+")
    invitation_subject = models.CharField(max_length=200, default=INVITATION_SUBJECT)
    invitation_body = models.TextField(default=INVITATION_BODY)
    reminder_subject = models.CharField(max_length=200, default=REMINDER_SUBJECT)
    reminder_body = models.TextField(default=REMINDER_BODY)
    reminder_after_days = models.PositiveSmallIntegerField(default=5)
    no_response_after_days = models.PositiveSmallIntegerField(default=14,
                                                              help_text="An invitation unanswered this long is "
                                                                        "marked no response")
    incentive = models.CharField(max_length=200, blank=True, help_text="Optional thank-you, e.g. a donation")
    survey_valid_days = models.PositiveSmallIntegerField(default=21)
    reply_to = models.EmailField(blank=True, help_text="Where buyers' replies go")

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


class Target(models.Model):
    """Interviews wanted in a quarter for a segment (field and value), or for the whole program (no field)."""

    quarter = models.CharField(max_length=6, help_text="e.g. 2026Q3")
    field = models.CharField(max_length=32, blank=True, help_text="Segment field; empty for the whole program")
    value = models.CharField(max_length=120, blank=True)
    interviews = models.PositiveIntegerField()

    class Meta:
        ordering = ["quarter", "field", "value"]
        constraints = [models.UniqueConstraint(fields=["quarter", "field", "value"], name="target_unique")]

    def __str__(self) -> str:
        return f"{self.quarter} {self.field or 'all'}={self.value}: {self.interviews}"


class InterviewerProfile(models.Model):
    """A person who conducts interviews. `sales_rep` is who they are in the CRM, if they ever sold."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="interviewer")
    capacity = models.PositiveSmallIntegerField(default=5, help_text="Open assignments at one time")
    active = models.BooleanField(default=True)
    sales_rep = models.ForeignKey(SalesRep, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                  help_text="This person's own record in the CRM, when they are or were a rep")

    def __str__(self) -> str:
        return self.user.get_full_name() or self.user.username


class OptOut(models.Model):
    """A buyer who asked not to be contacted again; honoured on every deal with that address."""

    email = models.EmailField(unique=True)
    at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.email

    def save(self, *args: object, **kwargs: object) -> None:
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)


class Message(models.Model):
    """An email the program sent, kept for the record (the email backend may only print it)."""

    class Kind(models.TextChoices):
        INVITATION = "invitation", "Invitation"
        REMINDER = "reminder", "Reminder"
        SCHEDULE = "schedule", "Calendar invitation"
        REP_FORM = "rep_form", "Rep's form request"

    kind = models.CharField(max_length=16, choices=Kind.choices)
    interview = models.ForeignKey("interviews.Interview", null=True, blank=True, on_delete=models.CASCADE,
                                  related_name="messages")
    deal = models.ForeignKey(Deal, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    to = models.EmailField()
    subject = models.TextField()  # as long as the subject built from the CRM's names
    body = models.TextField()
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_at"]

    def __str__(self) -> str:
        return f"{self.kind} to {self.to}"


class SurveyLink(models.Model):
    """A buyer's self-serve survey: an unguessable token, usable once, until it expires."""

    interview = models.OneToOneField("interviews.Interview", on_delete=models.CASCADE, related_name="survey_link")
    token = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Survey for {self.interview}"


class RepView(models.Model):
    """What the deal's rep believes decided it, asked for when the deal closes (a form under a minute). The main
    competitor is a listed one, none (`no_competitor`), or, with neither set once submitted, another vendor."""

    class Sureness(models.TextChoices):
        SURE = "sure", "Sure"
        FAIRLY = "fairly", "Fairly sure"
        GUESS = "guess", "A guess"

    deal = models.OneToOneField(Deal, on_delete=models.CASCADE, related_name="rep_view")
    rep = models.ForeignKey(SalesRep, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    token = models.CharField(max_length=64, unique=True)
    requested_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    submitted_at = models.DateTimeField(null=True, blank=True)
    main_reason = models.CharField(max_length=64, blank=True, help_text="A codebook theme id")
    main_competitor = models.ForeignKey(Competitor, null=True, blank=True, on_delete=models.SET_NULL,
                                        related_name="+")
    no_competitor = models.BooleanField(default=False, help_text="The rep says no competitor was in the running")
    sureness = models.CharField(max_length=8, choices=Sureness.choices, blank=True)

    def __str__(self) -> str:
        return f"Rep's view of {self.deal}"

    @property
    def main_reason_label(self) -> str:
        codebook = load_codebook()
        return codebook.theme(self.main_reason).label if self.main_reason in codebook.ids else self.main_reason

    @property
    def main_competitor_label(self) -> str:
        if self.main_competitor is not None:
            return self.main_competitor.name
        return "None" if self.no_competitor else "Another vendor"
