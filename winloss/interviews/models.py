from __future__ import annotations

from django.conf import settings
from django.db import models, transaction

from winloss.analysis.coverage import CodedTurn
from winloss.analysis.guide import Guide, load_guide
from winloss.deals.models import Competitor, Contact, Deal
from winloss.events import AppendOnly
from winloss.stats.themes import CodedThemes


class Stage(models.TextChoices):
    """Where an interview stands in the program. The last three end it without a conversation."""

    PROPOSED = "proposed", "Proposed"
    INVITED = "invited", "Invited"
    SCHEDULED = "scheduled", "Scheduled"
    COMPLETED = "completed", "Completed"
    CODED = "coded", "Coded"
    DECLINED = "declined", "Declined"
    NO_RESPONSE = "no_response", "No response"
    OPTED_OUT = "opted_out", "Opted out"


# Which stage may follow which. Coding again (a new transcript) keeps an interview coded.
NEXT_STAGES: dict[str, frozenset[str]] = {
    Stage.PROPOSED: frozenset({Stage.INVITED, Stage.SCHEDULED, Stage.COMPLETED, Stage.DECLINED, Stage.OPTED_OUT}),
    Stage.INVITED: frozenset({Stage.SCHEDULED, Stage.COMPLETED, Stage.DECLINED, Stage.NO_RESPONSE,
                              Stage.OPTED_OUT}),
    Stage.SCHEDULED: frozenset({Stage.SCHEDULED, Stage.COMPLETED, Stage.DECLINED, Stage.NO_RESPONSE,
                                Stage.OPTED_OUT}),
    Stage.COMPLETED: frozenset({Stage.CODED}),
    Stage.CODED: frozenset({Stage.CODED}),
    Stage.DECLINED: frozenset({Stage.INVITED, Stage.SCHEDULED}),
    Stage.NO_RESPONSE: frozenset({Stage.INVITED, Stage.SCHEDULED, Stage.COMPLETED, Stage.OPTED_OUT}),
    Stage.OPTED_OUT: frozenset(),
}


class StageError(ValueError):
    """A stage change the program does not allow."""


class GuideVersion(models.Model):
    """A version of the interview guide; `content` is the guide as `winloss.analysis.guide` reads it."""

    number = models.PositiveIntegerField(unique=True)
    content = models.JSONField()
    note = models.CharField(max_length=200, blank=True, help_text="What changed in this version")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]

    def __str__(self) -> str:
        return f"Guide v{self.number}"

    @classmethod
    def current(cls) -> GuideVersion:
        """The latest version; the first time, the standard guide shipped with Winloss becomes version 1."""
        latest = cls.objects.order_by("-number").first()
        return latest or cls.objects.get_or_create(number=1, defaults={"content": load_guide().as_dict(),
                                                                        "note": "Standard guide"})[0]

    @property
    def guide(self) -> Guide:
        return Guide.from_dict(self.content)


class InterviewQuerySet(models.QuerySet):
    def refresh_coded_themes(self) -> None:
        """Summarise each interview's effective codes into its `coded_themes`. Every write that changes an
        interview's codes calls this, in the same transaction."""
        codes: dict[int, list[tuple]] = {pk: [] for pk in self.values_list("pk", flat=True)}
        effective = Code.objects.effective().filter(statement__turn__interview__in=self.order_by().values("pk"))
        for interview_id, *code in effective.values_list("statement__turn__interview_id", "theme", "polarity", "vendor",
                                                         "competitor_id"):
            codes[interview_id].append(code)
        Interview.objects.bulk_update([Interview(pk=pk, coded_themes=CodedThemes.of(rows).as_json())
                                       for pk, rows in codes.items()], ["coded_themes"], batch_size=500)


class Interview(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to be coded"
        CODING = "coding", "Coding"
        CODED = "coded", "Coded"
        FAILED = "failed", "Could not be coded"

    class Kind(models.TextChoices):
        CALL = "call", "Call"
        SURVEY = "survey", "Survey"

    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="interviews")
    contact = models.ForeignKey(Contact, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                help_text="The buyer asked for the interview")
    buyers = models.ManyToManyField(Contact, blank=True, related_name="interviews")
    kind = models.CharField(max_length=8, choices=Kind.choices, default=Kind.CALL)
    stage = models.CharField(max_length=16, choices=Stage.choices, default=Stage.PROPOSED, db_index=True)
    invited_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    scheduled_for = models.DateTimeField(null=True, blank=True)
    scheduled_minutes = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Length of the call")
    guide_version = models.ForeignKey(GuideVersion, null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="interviews")
    interviewer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="interviews")
    interviewer_name = models.CharField(max_length=200, blank=True, help_text="As the transcript names them")
    date = models.DateField(null=True, blank=True)
    transcript_name = models.CharField(max_length=255, blank=True)
    transcript_path = models.CharField(max_length=500, blank=True)
    format = models.CharField(max_length=32, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    error = models.TextField(blank=True)
    primary_reasons = models.JSONField(default=list, blank=True)
    engine_reasons = models.JSONField(default=list, blank=True,
                                      help_text="The primary reasons as the engine found them, kept for agreement")
    coded_at = models.DateTimeField(null=True, blank=True)
    coded_themes = models.JSONField(default=dict, blank=True, editable=False,
                                    help_text="The effective codes folded by theme (CodedThemes), for the insights")
    reviewed_at = models.DateTimeField(null=True, blank=True, help_text="When an analyst finished reviewing the coding")
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = InterviewQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-created_at"]

    def __str__(self) -> str:
        return f"Interview on {self.deal}"

    def refresh_coded_themes(self) -> None:
        Interview.objects.filter(pk=self.pk).refresh_coded_themes()
        self.refresh_from_db(fields=["coded_themes"])

    def move(self, stage: str, *, by: object = None, note: str = "") -> StageEvent:
        """Change the stage, recording who and when; raises StageError for a change the program forbids, or when
        the stored stage is no longer the one this copy holds (someone else moved it meanwhile)."""
        if stage not in NEXT_STAGES[self.stage]:
            raise StageError(f"An interview cannot go from {Stage(self.stage).label.lower()} to "
                             f"{Stage(stage).label.lower()}")
        with transaction.atomic():
            if not Interview.objects.filter(pk=self.pk, stage=self.stage).update(stage=stage):
                now = Interview.objects.filter(pk=self.pk).values_list("stage", flat=True).first()
                raise StageError(f"The interview was {Stage(self.stage).label.lower()} but is now "
                                 f"{Stage(now).label.lower() if now else 'deleted'}; reload and try again")
            event = StageEvent.objects.create(interview=self, before=self.stage, after=stage, by=by, note=note)
        self.stage = stage
        return event

    def recorded_guide(self) -> GuideVersion:
        """The guide version this interview uses; the current one is recorded the first time it is asked for."""
        if self.guide_version is None:
            self.guide_version = GuideVersion.current()
            self.save(update_fields=["guide_version"])
        return self.guide_version

    def save_notes(self, notes: dict[str, str], by: object) -> int:
        """Keep the interviewer's notes, question id -> text, each as the Answer to that question of the
        interview's guide (questions the guide does not have are left out); how many were saved."""
        ids = {q.id for _, q in self.recorded_guide().guide.questions_for(None)}
        saved = 0
        for question, text in notes.items():
            if question in ids:
                Answer.objects.update_or_create(interview=self, question=question,
                                                defaults={"text": text.strip(), "updated_by": by})
                saved += 1
        return saved

    def coded_turns(self) -> list[CodedTurn]:
        """The stored turns with the themes coded in them, as winloss.analysis.coverage reads them."""
        themes: dict[int, list[str]] = {}
        for turn_id, theme in Code.objects.filter(statement__turn__interview=self).values_list(
                "statement__turn_id", "theme"):
            themes.setdefault(turn_id, []).append(theme)
        return [CodedTurn(t.role, t.text, tuple(themes.get(t.pk, ()))) for t in self.turns.all()]


class StageEvent(models.Model):
    """One change of an interview's stage (or of its assignment), with who made it and when."""

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="events")
    before = models.CharField(max_length=16, blank=True)
    after = models.CharField(max_length=16)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                           related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.before or '-'} -> {self.after}"


class Answer(models.Model):
    """What was said to one question of the guide: the interviewer's notes during a call, or a buyer's survey
    answer (with a rating when the question asks for one)."""

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="answers")
    question = models.CharField(max_length=64, help_text="The guide question's id")
    text = models.TextField(blank=True)
    rating = models.PositiveSmallIntegerField(null=True, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["interview", "question"], name="answer_unique_question")]

    def __str__(self) -> str:
        return f"{self.question}: {self.text[:40]}"


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


class CodeQuerySet(models.QuerySet):
    def effective(self) -> CodeQuerySet:
        """The codes that count: the engine's and analysts' codes, less those an analyst rejected."""
        return self.filter(rejected=False)


class Code(models.Model):
    """A code on a statement. The engine's codes are never edited: an analyst rejects one (and may add their
    own in its place), so the engine's original coding stays comparable with the analysts' for agreement."""

    class Origin(models.TextChoices):
        ENGINE = "engine", "Engine"
        ANALYST = "analyst", "Analyst"

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="codes")
    origin = models.CharField(max_length=8, choices=Origin.choices, default=Origin.ENGINE)
    rejected = models.BooleanField(default=False, help_text="An analyst rejected this code")
    accepted = models.BooleanField(default=False, help_text="An analyst confirmed this code")
    theme = models.CharField(max_length=64, db_index=True)
    polarity = models.CharField(max_length=16)
    vendor = models.CharField(max_length=200, blank=True, help_text='"us", a competitor, or empty for none')
    competitor = models.ForeignKey(Competitor, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="codes")
    confidence = models.FloatField()

    objects = CodeQuerySet.as_manager()

    def __str__(self) -> str:
        return f"{self.theme} {self.polarity} {self.vendor or '-'}"

    def as_dict(self) -> dict[str, object]:
        """What a review event records of the code."""
        return {"id": self.pk, "theme": self.theme, "polarity": self.polarity, "vendor": self.vendor,
                "origin": self.origin, "rejected": self.rejected, "accepted": self.accepted}


class QuoteQuerySet(models.QuerySet):
    def kept(self) -> QuoteQuerySet:
        """The quotes to show: the engine's and analysts', less those an analyst dropped."""
        return self.filter(dropped=False)


class Quote(models.Model):
    """A quotable excerpt: chosen by the engine, or made by an analyst from a passage. An analyst may confirm
    (choose) a quote or drop it; a dropped quote stays, for the record, but is not shown as a quote."""

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="quotes")
    turn = models.ForeignKey(Turn, on_delete=models.CASCADE, related_name="quotes")
    theme = models.CharField(max_length=64)
    text = models.TextField()
    redacted = models.TextField()
    origin = models.CharField(max_length=8, choices=Code.Origin.choices, default=Code.Origin.ENGINE)
    chosen = models.BooleanField(default=False, help_text="An analyst chose this quote")
    dropped = models.BooleanField(default=False, help_text="An analyst dropped this quote")

    objects = QuoteQuerySet.as_manager()

    def __str__(self) -> str:
        return self.redacted[:60]

    def as_dict(self) -> dict[str, object]:
        """What a review event records of the quote."""
        return {"id": self.pk, "theme": self.theme, "redacted": self.redacted, "origin": self.origin,
                "chosen": self.chosen, "dropped": self.dropped}


class CompetitorMention(models.Model):
    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="competitor_mentions")
    competitor = models.ForeignKey(Competitor, on_delete=models.CASCADE, related_name="mentions")
    mentions = models.PositiveIntegerField()

    def __str__(self) -> str:
        return f"{self.competitor} x{self.mentions}"


class ReviewEvent(AppendOnly):
    """One thing an analyst did while reviewing an interview's coding, with who and when: the history and audit
    trail of a review. Append-only: events are created, never changed or deleted (they go only with their
    interview). `before` and `after` hold what the code, quote or reasons were and became."""

    class Action(models.TextChoices):
        ACCEPT = "accept", "accepted a code"
        REJECT = "reject", "rejected a code"
        CHANGE = "change", "changed a code"
        ADD = "add", "added a code"
        REASONS = "reasons", "set the primary reasons"
        QUOTE_CHOOSE = "quote_choose", "chose a quote"
        QUOTE_DROP = "quote_drop", "dropped a quote"
        QUOTE_ADD = "quote_add", "made a quote"
        REVIEWED = "reviewed", "marked the coding reviewed"

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="review_events")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                           related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    action = models.CharField(max_length=16, choices=Action.choices)
    code = models.ForeignKey(Code, null=True, blank=True, on_delete=models.SET_NULL, related_name="review_events")
    quote = models.ForeignKey(Quote, null=True, blank=True, on_delete=models.SET_NULL, related_name="review_events")
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.by} {self.get_action_display()}"
