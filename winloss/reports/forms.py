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
        matching = Quote.objects.exclude(pk__in=chosen).select_related("interview__deal").order_by("-pk")
        if self.cleaned_data["theme"]:
            matching = matching.filter(theme=self.cleaned_data["theme"])
        if self.cleaned_data["interview"]:
            matching = matching.filter(interview=self.cleaned_data["interview"])
        return picked + list(matching[:50])


class FindingForm(forms.ModelForm):
    audiences = forms.MultipleChoiceField(choices=Audience.choices, widget=forms.CheckboxSelectMultiple)
    period = forms.CharField(required=False, help_text="Quarter like 2026Q3; empty when the finding holds for any")
    figures = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple,
                                        help_text="Figures are computed again each time the finding is shown")
    quotes = forms.ModelMultipleChoiceField(queryset=Quote.objects.all(), required=False)
    interviews = forms.ModelMultipleChoiceField(queryset=Interview.objects.filter(status=Interview.Status.CODED),
                                                required=False, widget=forms.SelectMultiple(attrs={"size": 8}))

    class Meta:
        model = Finding
        fields = ["statement", "detail", "audiences", "status", "period", "figures", "quotes", "interviews"]
        widgets = {"detail": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        specs = figures.choices(quarters()) + list(self.instance.figures)
        self.fields["figures"].choices = list({_key(s): (_key(s), figures.describe(s)) for s in specs}.values())
        self.initial["figures"] = [_key(s) for s in self.instance.figures]
        cited = self.instance.interviews.values_list("pk", flat=True) if self.instance.pk else []
        newest = Interview.objects.filter(status=Interview.Status.CODED).order_by("-date", "-pk").values_list(
            "pk", flat=True)[:INTERVIEW_CHOICES]
        self.fields["interviews"].widget.choices = [
            (i.pk, f"{i.deal.name} · {i.get_status_display()} {i.date or ''}")
            for i in Interview.objects.filter(pk__in=[*cited, *newest]).select_related("deal").order_by("-date")]

    def clean_period(self) -> str:
        period = self.cleaned_data["period"].strip()
        try:
            return parse_quarter(period) if period else ""
        except QuarterError as error:
            raise forms.ValidationError(str(error)) from None

    def clean_figures(self) -> list[dict]:
        return [json.loads(key) for key in self.cleaned_data["figures"]]

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


def _key(spec: dict) -> str:
    return json.dumps(spec, sort_keys=True)
