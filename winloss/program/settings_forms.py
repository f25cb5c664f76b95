"""The program settings' forms: each section of the settings is its own small form that saves only its columns."""

from __future__ import annotations

import re
import secrets
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.db import transaction

from winloss.accounts.models import Role, set_up_user
from winloss.deals.models import Competitor, SalesRep
from winloss.program.invitations import TemplateError, check_template
from winloss.program.models import SEGMENT_FIELDS, InterviewerProfile, ProgramSettings, Target, default_ranking

OUTCOME_LABELS = {"won": "Won", "lost": "Lost", "no_decision": "No decision"}
RANKING_LABELS = {
    "lost": "Points for a lost deal",
    "no_decision": "Points for a no-decision",
    "won": "Points for a won deal",
    "amount_per_10k": "Points per 10,000 of deal size",
    "amount_cap": "At most this many points for deal size",
    "strategic_competitor": "Points when a strategic competitor was in the deal",
    "segment_gap": "Points for the segment furthest behind its target",
}
# Who may be in the interviewer pool.
POOL_ROLES = (Role.OWNER, Role.ANALYST, Role.INTERVIEWER, Role.EXTERNAL_INTERVIEWER)


class LinesField(forms.CharField):
    """A list of names typed one per line (or separated by commas)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 3}))
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value: Any) -> list[str]:
        names = (n.strip() for n in re.split(r"[\n,]", value or ""))
        return list(dict.fromkeys(n for n in names if n))


class Section(forms.ModelForm):
    """One section of the program settings; saving writes only its own columns."""

    title = ""

    class Meta:
        model = ProgramSettings
        fields: list[str] = []

    @property
    def columns(self) -> list[str]:
        return list(self._meta.fields)

    def save(self, commit: bool = True) -> ProgramSettings:
        settings = super().save(commit=False)
        settings.save(update_fields=self.columns)
        return settings


class CompanyForm(Section):
    title = "Our company"
    aliases = LinesField(help_text="Other names buyers use for us, one per line (product names too)")

    class Meta(Section.Meta):
        fields = ["company", "aliases"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["company"].required = True


class SegmentsForm(Section):
    title = "Segments that matter"
    segment_fields = forms.MultipleChoiceField(
        choices=[(f, f.replace("_", " ").capitalize()) for f in SEGMENT_FIELDS], required=False,
        widget=forms.CheckboxSelectMultiple, label="Segment deals by",
        help_text="Targets, the queue's segment gap and program health use these deal fields")

    class Meta(Section.Meta):
        fields = ["segment_fields"]

    def clean_segment_fields(self) -> list[str]:
        chosen = self.cleaned_data["segment_fields"]
        return [f for f in SEGMENT_FIELDS if f in chosen]


class TimingForm(Section):
    title = "Interview window and follow-up"

    class Meta(Section.Meta):
        fields = ["window_start_days", "window_end_days", "reminder_after_days", "no_response_after_days"]
        labels = {"window_start_days": "Window starts (days after the decision)",
                  "window_end_days": "Window ends (days after the decision)",
                  "reminder_after_days": "Remind after (days without an answer)",
                  "no_response_after_days": "Mark no response after (days without an answer)"}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("window_start_days"), data.get("window_end_days")
        if start is not None and end is not None and start >= end:
            self.add_error("window_end_days", f"The window must end after it starts (it starts on day {start}).")
        remind, give_up = data.get("reminder_after_days"), data.get("no_response_after_days")
        if remind is not None and give_up is not None and remind >= give_up:
            self.add_error("no_response_after_days", f"An invitation must stay open past its reminder (day {remind}).")
        return data


class MixForm(Section):
    title = "Desired mix of interviews"
    won = forms.IntegerField(min_value=0, max_value=100, label="Won (%)")
    lost = forms.IntegerField(min_value=0, max_value=100, label="Lost (%)")
    no_decision = forms.IntegerField(min_value=0, max_value=100, label="No decision (%)")
    columns = ["outcome_mix"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for outcome in OUTCOME_LABELS:
            self.initial.setdefault(outcome, self.instance.outcome_mix.get(outcome, 0))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        shares = [data.get(o) for o in OUTCOME_LABELS]
        if None not in shares and sum(shares) != 100:
            raise forms.ValidationError(f"Won, lost and no decision add up to {sum(shares)}%; they must add up "
                                        f"to 100%.")
        return data

    def save(self, commit: bool = True) -> ProgramSettings:
        self.instance.outcome_mix = {o: self.cleaned_data[o] for o in OUTCOME_LABELS}
        return super().save(commit)


class RankingForm(Section):
    title = "Ranking rules"
    columns = ["ranking"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, default in default_ranking().items():
            self.fields[key] = forms.FloatField(min_value=0, label=RANKING_LABELS[key])
            self.initial.setdefault(key, self.instance.ranking.get(key, default))

    def save(self, commit: bool = True) -> ProgramSettings:
        self.instance.ranking = {**self.instance.ranking, **{k: self.cleaned_data[k] for k in default_ranking()}}
        return super().save(commit)


class ExtrasForm(Section):
    title = "Thank-you, replies and surveys"

    class Meta(Section.Meta):
        fields = ["incentive", "reply_to", "survey_valid_days"]
        labels = {"survey_valid_days": "A survey link works for (days)"}

    def clean_survey_valid_days(self) -> int:
        days = self.cleaned_data["survey_valid_days"]
        if days < 1:
            raise forms.ValidationError("A survey link must work for at least a day.")
        return days


class TextsForm(Section):
    title = "Invitation and reminder"

    class Meta(Section.Meta):
        fields = ["invitation_subject", "invitation_body", "reminder_subject", "reminder_body"]
        widgets = {"invitation_body": forms.Textarea(attrs={"rows": 14}),
                   "reminder_body": forms.Textarea(attrs={"rows": 8})}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for name in self.Meta.fields:
            if name in data:
                try:
                    check_template(data[name])
                except TemplateError as error:
                    self.add_error(name, f"Template error: {error}")
        return data


class CompetitorForm(forms.ModelForm):
    """A competitor's canonical name and aliases, and whether the program treats it as strategic."""

    aliases = LinesField(help_text="Other names buyers use, one per line")
    strategic = forms.BooleanField(required=False, help_text="Deals against it rank higher in the queue")

    class Meta:
        model = Competitor
        fields = ["name", "aliases"]

    def __init__(self, *args: Any, settings: ProgramSettings, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.settings = settings

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        names = [data.get("name", ""), *data.get("aliases", [])]
        taken = {n.lower(): c.name for c in Competitor.objects.exclude(pk=self.instance.pk)
                 for n in [c.name, *c.aliases]}
        for name in names:
            if name and name.lower() in taken:
                raise forms.ValidationError(f"'{name}' already names {taken[name.lower()]}.")
        return data

    @transaction.atomic
    def save(self, commit: bool = True) -> Competitor:
        competitor = self.instance
        if competitor.pk:
            competitor.save(update_fields=["name", "aliases"])
        else:
            competitor.save()
        if self.cleaned_data["strategic"]:
            self.settings.strategic_competitors.add(competitor)
        else:
            self.settings.strategic_competitors.remove(competitor)
        return competitor


class TargetsForm(forms.Form):
    """A quarter's targets: one number per segment value and one for the whole program; blank means none."""

    def __init__(self, *args: Any, quarter: str, segments: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.quarter = quarter
        self.segments = segments
        current = {(t.field, t.value): t.interviews for t in Target.objects.filter(quarter=quarter)}
        for i, (field, value) in enumerate(segments):
            label = f"{field.replace('_', ' ').capitalize()}: {value}" if field else "Whole program"
            self.fields[f"t{i}"] = forms.IntegerField(min_value=1, required=False, label=label)
            self.initial[f"t{i}"] = current.get((field, value))

    def rows(self) -> list[tuple[str, forms.BoundField]]:
        return [(field, self[f"t{i}"]) for i, (field, _) in enumerate(self.segments)]

    @transaction.atomic
    def save(self) -> None:
        for i, (field, value) in enumerate(self.segments):
            wanted = self.cleaned_data[f"t{i}"]
            if wanted is None:
                Target.objects.filter(quarter=self.quarter, field=field, value=value).delete()
            else:
                Target.objects.update_or_create(quarter=self.quarter, field=field, value=value,
                                                defaults={"interviews": wanted})


class PoolAddForm(forms.ModelForm):
    """Put a member (interviewer, external interviewer, owner or analyst) into the interviewer pool."""

    class Meta:
        model = InterviewerProfile
        fields = ["user", "capacity", "sales_rep"]
        labels = {"user": "Person", "sales_rep": "Their own CRM record (if they are or were a rep)"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = (get_user_model().objects.filter(membership__role__in=POOL_ROLES,
                                                                        interviewer__isnull=True)
                                        .order_by("username"))


class ProfileForm(forms.ModelForm):
    """An interviewer's capacity, whether they take new assignments, and their CRM record."""

    class Meta:
        model = InterviewerProfile
        fields = ["capacity", "active", "sales_rep"]
        labels = {"sales_rep": "CRM record"}

    def save(self, commit: bool = True) -> InterviewerProfile:
        profile = super().save(commit=False)
        profile.save(update_fields=self.Meta.fields)
        return profile


class ExternalPersonForm(forms.Form):
    """A partner firm's interviewer: a new user who sees only their own assignments, put into the pool."""

    username = forms.CharField(max_length=150)
    first_name = forms.CharField(max_length=150, required=False)
    last_name = forms.CharField(max_length=150, required=False)
    email = forms.EmailField()
    organisation = forms.CharField(max_length=200, help_text="The partner firm")
    capacity = forms.IntegerField(min_value=0, initial=5, help_text="Open assignments at one time")

    def clean_username(self) -> str:
        username = self.cleaned_data["username"].strip()
        if get_user_model().objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(f"There is already a user called {username}.")
        return username

    @transaction.atomic
    def save(self) -> tuple[Any, str]:
        """Create the person and return them with their initial password (shown once, never stored)."""
        data = self.cleaned_data
        password = secrets.token_urlsafe(12)
        user, _ = set_up_user(data["username"], Role.EXTERNAL_INTERVIEWER, password=password, email=data["email"],
                              organisation=data["organisation"])
        user.first_name, user.last_name = data["first_name"], data["last_name"]
        user.save(update_fields=["first_name", "last_name"])
        InterviewerProfile.objects.create(user=user, capacity=data["capacity"])
        return user, password


class ManagerForm(forms.ModelForm):
    """A rep's manager: assignment keeps a deal away from its rep's manager too."""

    class Meta:
        model = SalesRep
        fields = ["manager"]

    def __init__(self, *args: Any, reps: dict[int, SalesRep], **kwargs: Any) -> None:
        """`reps` is every rep by id, read once and shared by all the reps' forms on a page."""
        super().__init__(*args, **kwargs)
        self.reps = reps
        self.fields["manager"] = forms.TypedChoiceField(
            choices=[("", "---------"), *((pk, rep.name) for pk, rep in reps.items() if pk != self.instance.pk)],
            coerce=lambda pk: reps[int(pk)], empty_value=None, required=False, label="Manager")

    def clean_manager(self) -> SalesRep | None:
        manager = self.cleaned_data["manager"]
        boss, seen = manager, set()
        while boss is not None and boss.pk not in seen:
            if boss.pk == self.instance.pk:
                raise forms.ValidationError(f"{manager} reports to {self.instance} already (directly or not); a "
                                            f"manager cannot report to their own report.")
            seen.add(boss.pk)
            boss = self.reps.get(boss.manager_id)
        return manager

    def save(self, commit: bool = True) -> SalesRep:
        rep = super().save(commit=False)
        rep.save(update_fields=["manager"])
        return rep
