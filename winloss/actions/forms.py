"""Creating and editing an action; each save is recorded as an event with what changed."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.http import QueryDict

from winloss.accounts.models import READ_ACTIONS
from winloss.actions.models import Action, ActionEvent, ActionSettings, Status
from winloss.analysis import load_codebook
from winloss.deals.filters import SEGMENT_FIELDS
from winloss.deals.models import Competitor, Deal
from winloss.interviews.models import Quote
from winloss.reports.models import Finding


def segment_choices() -> list[tuple[str, str]]:
    """Every segment the deals have, as "field=value"."""
    choices = []
    for name in SEGMENT_FIELDS:
        values = Deal.objects.exclude(**{name: ""}).values_list(name, flat=True).distinct().order_by(name)
        choices += [(f"{name}={value}", f"{name.replace('_', ' ').capitalize()}: {value}") for value in values]
    return choices


class ActionForm(forms.ModelForm):
    themes = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple,
                                       help_text="Themes buyers raised that the action is meant to move")
    segments = forms.MultipleChoiceField(required=False, help_text="Segments whose win rate it is meant to move")
    team = forms.ChoiceField()

    class Meta:
        model = Action
        fields = ["title", "description", "team", "owner", "due_date", "findings", "themes", "competitors",
                  "segments", "quotes"]
        widgets = {"due_date": forms.DateInput(attrs={"type": "date"}),
                   "description": forms.Textarea(attrs={"rows": 4}),
                   "competitors": forms.CheckboxSelectMultiple, "quotes": forms.CheckboxSelectMultiple,
                   "findings": forms.CheckboxSelectMultiple}
        help_texts = {"competitors": "Competitors against whom it is meant to move the win rate",
                      "quotes": "What buyers said, shown redacted",
                      "findings": "Published findings the action answers"}

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].choices = ActionSettings.current().team_choices()
        self.fields["themes"].choices = [(t.id, t.label) for t in load_codebook().themes]
        self.fields["segments"].choices = segment_choices()
        self.fields["owner"].queryset = get_user_model().objects.filter(
            membership__role__in=READ_ACTIONS).order_by("username")
        self.fields["owner"].required = True
        self.fields["owner"].label_from_instance = lambda user: user.get_full_name() or user.username
        self.fields["competitors"].queryset = Competitor.objects.all()
        # Only the quotes linked or being linked are listed, a program has thousands; a quote an analyst has since
        # dropped stays linked until unticked, but none is newly linked.
        chosen = self.data.getlist("quotes") if isinstance(self.data, QueryDict) else []
        linked = list(self.instance.quotes.values_list("pk", flat=True)) if self.instance.pk else []
        self.fields["quotes"].queryset = Quote.objects.filter(
            Q(pk__in=linked) | Q(dropped=False, pk__in=[*self.initial.get("quotes", []),
                                                        *(c for c in chosen if c.isdigit())]))
        self.fields["quotes"].label_from_instance = lambda quote: quote.redacted
        self.fields["findings"].queryset = Finding.objects.filter(
            Q(pk__in=self.instance.findings.all() if self.instance.pk else []) | Q(status=Finding.Status.PUBLISHED))
        self.fields["findings"].label_from_instance = lambda finding: finding.statement
        if self.instance.pk:
            self.initial.setdefault("segments", [f"{s['field']}={s['value']}" for s in self.instance.segments])

    def clean_segments(self) -> list[dict[str, str]]:
        return [dict(zip(("field", "value"), s.split("=", 1), strict=True)) for s in self.cleaned_data["segments"]]

    def save_by(self, by: object) -> Action:
        """Save the action and record the event: created, or edited with each changed field's before and after."""
        creating = self.instance.pk is None
        before = {} if creating else describe(Action.objects.get(pk=self.instance.pk))
        with transaction.atomic():
            action = self.save(commit=False)
            if creating:
                action.created_by = by
            action.save()
            self.save_m2m()
            after = describe(action)
            changes = {name: [before[name], value] for name, value in after.items()
                       if not creating and before[name] != value}
            if creating or changes:
                ActionEvent.objects.create(action=action, by=by, changes=changes,
                                           kind=ActionEvent.Kind.CREATED if creating else ActionEvent.Kind.EDITED)
        return action


def describe(action: Action) -> dict[str, object]:
    """The editable fields as plain values, for the history."""
    return {"title": action.title, "description": action.description, "team": action.team,
            "owner": action.owner.username if action.owner else "", "due_date": action.due_date.isoformat(),
            "themes": list(action.themes), "segments": [f"{s['field']}={s['value']}" for s in action.segments],
            "competitors": sorted(c.name for c in action.competitors.all()),
            "quotes": sorted(action.quotes.values_list("pk", flat=True)),
            "findings": sorted(action.findings.values_list("pk", flat=True))}


def initial_from(query: QueryDict) -> dict[str, object]:
    """What an action created from a finding, a theme, a competitor, a segment or a quote starts with:
    ?finding=4&theme=price&competitor=3&segment=region=EMEA&quote=17 (each may repeat), and ?team=product from
    a team's board. A finding brings its quotes, and a quote its theme."""
    findings = list(Finding.objects.published().filter(pk__in=_ids(query, "finding")))
    quotes = list(Quote.objects.kept().filter(Q(pk__in=_ids(query, "quote")) | Q(findings__in=findings))
                  .distinct().order_by("pk"))
    themes = [t for t in query.getlist("theme") if t in load_codebook().ids]
    return {"themes": list(dict.fromkeys([*themes, *(q.theme for q in quotes)])),
            "competitors": _ids(query, "competitor"), "segments": query.getlist("segment"),
            "quotes": [q.pk for q in quotes], "findings": [f.pk for f in findings], "team": query.get("team", "")}


def _ids(query: QueryDict, name: str) -> list[str]:
    return [value for value in query.getlist(name) if value.isdigit()]


class MoveForm(forms.Form):
    status = forms.ChoiceField(choices=Status.choices)
    reason = forms.CharField(required=False, max_length=300)


class ActionSettingsForm(forms.ModelForm):
    teams = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}),
                            help_text="One team per line, beside the standard ones")

    class Meta:
        model = ActionSettings
        fields = ["teams", "min_after", "due_soon_days"]

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.initial["teams"] = "\n".join(self.instance.teams)

    def clean_teams(self) -> list[str]:
        return list(dict.fromkeys(line.strip() for line in self.cleaned_data["teams"].splitlines() if line.strip()))
