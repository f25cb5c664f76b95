"""The deal list's filters: one form, applied to a queryset."""

from __future__ import annotations

from django import forms
from django.db.models import Q

from winloss.core.quarters import quarter_bounds, quarter_of
from winloss.deals.models import SEGMENT_FIELDS, Competitor, Deal, DealQuerySet, Outcome, SalesRep


def _choices(field: str) -> list[tuple[str, str]]:
    values = Deal.objects.exclude(**{field: ""}).values_list(field, flat=True).distinct().order_by(field)
    return [("", "Any"), *((v, v) for v in values)]


def quarters() -> list[str]:
    """The close quarters of the deals, newest first. From the distinct close dates, which the close date's
    index answers (SQLite truncates dates with a Python function per row, slow on many deals)."""
    dates = Deal.objects.exclude(close_date=None).order_by("-close_date").values_list("close_date", flat=True)
    return list(dict.fromkeys(quarter_of(d) for d in dates.distinct()))


class DealFilterForm(forms.Form):
    q = forms.CharField(required=False, label="Search")
    outcome = forms.ChoiceField(required=False, choices=[("", "Any"), *Outcome.choices])
    quarter = forms.RegexField(regex=r"^\d{4}Q[1-4]$", required=False)
    owner = forms.ModelChoiceField(queryset=SalesRep.objects.all(), required=False, empty_label="Any")
    competitor = forms.ModelChoiceField(queryset=Competitor.objects.all(), required=False, empty_label="Any")
    product_line = forms.ChoiceField(required=False)
    region = forms.ChoiceField(required=False)
    industry = forms.ChoiceField(required=False)
    company_size = forms.ChoiceField(required=False)
    deal_type = forms.ChoiceField(required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        for field in SEGMENT_FIELDS:
            self.fields[field].choices = _choices(field)
        self.fields["quarter"].widget = forms.Select(choices=[("", "Any"), *((q, q) for q in quarters())])

    def apply(self, deals: DealQuerySet) -> DealQuerySet:
        if not self.is_valid():
            return deals.none()
        data = self.cleaned_data
        if data["q"]:
            deals = deals.filter(
                Q(name__icontains=data["q"]) | Q(account__name__icontains=data["q"]) | Q(crm_id=data["q"])
            )
        if data["outcome"]:
            deals = deals.filter(outcome=data["outcome"])
        if data["quarter"]:
            deals = deals.filter(close_date__range=quarter_bounds(data["quarter"]))
        if data["owner"]:
            deals = deals.filter(owner=data["owner"])
        if data["competitor"]:
            deals = deals.with_competitor(data["competitor"])
        for field in SEGMENT_FIELDS:
            if data[field]:
                deals = deals.filter(**{field: data[field]})
        return deals
