from __future__ import annotations

import json

from django import forms
from django.db import transaction

from winloss.analysis.codebook import load_codebook
from winloss.core.quarters import QuarterError, parse_quarter
from winloss.deals.filters import quarters
from winloss.interviews.models import Interview, Quote
from winloss.reports import figures
from winloss.reports.models import Audience, Finding

INTERVIEW_CHOICES = 200  # the newest coded interviews offered in the picker, besides those already cited


class FindingFilterForm(forms.Form):
    audience = forms.ChoiceField(required=False, choices=[("", "Any"), *Audience.choices])
    status = forms.ChoiceField(required=False, choices=[("", "Any"), *Finding.Status.choices])

    def apply(self, findings):
        if not self.is_valid():
            return findings.none()
        if self.cleaned_data["audience"]:
            findings = findings.for_audience(self.cleaned_data["audience"])
        if self.cleaned_data["status"]:
            findings = findings.filter(status=self.cleaned_data["status"])
        return findings


class QuotePickerForm(forms.Form):
    """Which quotes the picker lists: those of a theme, of an interview, or both."""

    theme = forms.ChoiceField(required=False)
    interview = forms.ModelChoiceField(queryset=Interview.objects.filter(status=Interview.Status.CODED),
                                       required=False, empty_label="Any interview")

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [("", "Any theme"), *((t.id, t.label) for t in load_codebook().themes)]
        self.fields["interview"].queryset = self.fields["interview"].queryset.select_related("deal").order_by(
            "-date", "-pk")[:INTERVIEW_CHOICES]

    def quotes(self, chosen: list[int]) -> list[Quote]:
        """The quotes already chosen, then up to 50 more that match the filter."""
        picked = list(Quote.objects.filter(pk__in=chosen).select_related("interview__deal"))
        if not self.is_valid() or not (self.cleaned_data["theme"] or self.cleaned_data["interview"]):
            return picked
        matching = Quote.objects.kept().exclude(pk__in=chosen).select_related("interview__deal").order_by("-pk")
        if self.cleaned_data["theme"]:
            matching = matching.filter(theme=self.cleaned_data["theme"])
        if self.cleaned_data["interview"]:
            matching = matching.filter(interview=self.cleaned_data["interview"])
        return picked + list(matching[:50])


class FigurePickerForm(forms.Form):
    """Which figures the picker lists: one kind, for one quarter."""

    figure_kind = forms.ChoiceField(label="Figure", choices=[("", "Pick a kind"), *figures.KINDS.items()],
                                    required=False)
    figure_quarter = forms.ChoiceField(label="Quarter", required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["figure_quarter"].choices = [(q, q) for q in quarters()]

    def figures(self, chosen: list[dict]) -> list[tuple[str, str]]:
        """(key, description) of the figures already chosen, then of the kind and quarter asked for."""
        specs = list(chosen)
        if self.is_valid() and self.cleaned_data["figure_kind"] and self.cleaned_data["figure_quarter"]:
            specs += figures.candidates(self.cleaned_data["figure_kind"], self.cleaned_data["figure_quarter"])
        return list({figure_key(s): figures.describe(s) for s in specs}.items())


def chosen_figures(values: list[str]) -> list[dict]:
    """The figure specs ticked in a form (JSON strings), leaving out any that do not parse as one."""
    out = []
    for value in values:
        try:
            spec = json.loads(value)
        except ValueError:
            continue
        if isinstance(spec, dict):
            out.append(spec)
    return out


class FindingForm(forms.ModelForm):
    audiences = forms.MultipleChoiceField(choices=Audience.choices, widget=forms.CheckboxSelectMultiple)
    period = forms.CharField(required=False, help_text="Quarter like 2026Q3; empty when the finding holds for any")
    figures = forms.Field(required=False, widget=forms.MultipleHiddenInput)  # ticked in the figure picker
    quotes = forms.ModelMultipleChoiceField(queryset=Quote.objects.all(), required=False)
    interviews = forms.ModelMultipleChoiceField(queryset=Interview.objects.filter(status=Interview.Status.CODED),
                                                required=False, widget=forms.SelectMultiple(attrs={"size": 8}))

    class Meta:
        model = Finding
        fields = ["statement", "detail", "audiences", "status", "period", "figures", "quotes", "interviews"]
        widgets = {"detail": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        cited = self.instance.interviews.values_list("pk", flat=True) if self.instance.pk else []
        newest = Interview.objects.filter(status=Interview.Status.CODED).order_by("-date", "-pk").values_list(
            "pk", flat=True)[:INTERVIEW_CHOICES]
        self.fields["interviews"].widget.choices = [
            (i.pk, f"{i.deal.name} · {i.date or 'no date'}")
            for i in Interview.objects.filter(pk__in=[*cited, *newest]).select_related("deal").order_by("-date")]

    def chosen_figures(self) -> list[dict]:
        """The figures ticked (or, before the form is sent, the finding's own)."""
        return chosen_figures(self.data.getlist("figures")) if self.is_bound else list(self.instance.figures)

    def clean_period(self) -> str:
        period = self.cleaned_data["period"].strip()
        try:
            return parse_quarter(period) if period else ""
        except QuarterError as error:
            raise forms.ValidationError(str(error)) from None

    def clean_figures(self) -> list[dict]:
        specs = chosen_figures(self.data.getlist("figures"))
        for spec in specs:
            try:
                figures.resolve(spec)
            except figures.FigureError as error:
                raise forms.ValidationError(f"{figures.describe(spec)}: {error}") from None
        return specs

    @transaction.atomic
    def save_by(self, user: object) -> Finding:
        """Save the finding and record what changed as a FindingEvent."""
        finding = self.instance
        before = Finding.objects.get(pk=finding.pk).snapshot() if finding.pk else {}
        finding.updated_by = user
        if not finding.pk:
            finding.created_by = user
        self.save()
        finding.record(before, by=user)
        return finding


def figure_key(spec: dict) -> str:
    return json.dumps(spec, sort_keys=True)
