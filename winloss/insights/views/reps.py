"""What reps say versus what buyers say: agreement on the main reason, the "price" gap, and the CRM reason
mapping that puts the CRM's reasons on the codebook's themes."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path

from winloss.accounts.models import READ_INSIGHTS, WRITE_FINDINGS
from winloss.accounts.permissions import require
from winloss.analysis.codebook import load_codebook
from winloss.deals.filters import SEGMENT_FIELDS, DealFilterForm
from winloss.deals.models import Deal
from winloss.insights.models import CrmReasonMapping
from winloss.insights.reps import deal_rows, reason_rows
from winloss.stats import agreement_reps as stats

NOT_A_REASON = "-"  # the mapping form's value for "not a reason"; stored as an empty theme
DEALS_SHOWN = 200  # the deal-by-deal table's most recently closed deals; the figures count every deal


@require(READ_INSIGHTS)
def reps(request: HttpRequest) -> HttpResponse:
    form = DealFilterForm(request.GET)
    by = request.GET.get("by") if request.GET.get("by") in SEGMENT_FIELDS else "region"
    rows = deal_rows(form.apply(Deal.objects.closed()))
    sides = [row.sides for row in rows]
    context = {
        "form": form, "by": by, "segment_fields": SEGMENT_FIELDS, "rows": rows[:DEALS_SHOWN], "deal_count": len(rows),
        "overall": stats.agreement(sides), "price": stats.price_gap(sides),
        "by_rep": stats.agreement_by_rep(sides), "by_segment": stats.agreement_by_segment(sides, by),
        "by_quarter": stats.agreement_by_quarter(sides),
    }
    return render(request, "insights/reps.html", context)


class MappingRowForm(forms.Form):
    reason = forms.CharField(widget=forms.HiddenInput, max_length=255)
    theme = forms.ChoiceField(required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        themes = [(t.id, t.label) for t in load_codebook().themes]
        self.fields["theme"].choices = [("", "Not mapped yet"), (NOT_A_REASON, "Not a reason (ignore)"), *themes]


MappingFormSet = forms.formset_factory(MappingRowForm, extra=0)


def _choice(theme: str | None) -> str:
    """A stored theme (None: not mapped, "": not a reason) as the form's value."""
    return {None: "", "": NOT_A_REASON}.get(theme, theme)


def _theme(choice: str) -> str:
    return "" if choice == NOT_A_REASON else choice


@require(WRITE_FINDINGS)
def mapping(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        formset = MappingFormSet(request.POST)
        if formset.is_valid():
            changes = [CrmReasonMapping.objects.change(form.cleaned_data["reason"], _theme(form.cleaned_data["theme"]),
                                                       request.user)
                       for form in formset if form.cleaned_data.get("theme")]
            saved = sum(change is not None for change in changes)
            messages.success(request, f"{saved} mapping{'' if saved == 1 else 's'} changed.")
            return redirect("insights:reps_mapping")
        messages.error(request, "Nothing was saved: a choice was not one of the themes. Choose again.")
    reasons = reason_rows()
    formset = MappingFormSet(initial=[{"reason": r.reason, "theme": _choice(r.suggestion if r.theme is None
                                                                             else r.theme)} for r in reasons])
    for reason, form in zip(reasons, formset, strict=True):
        if reason.theme is not None:  # a mapped reason can be mapped otherwise, not unmapped
            form.fields["theme"].choices = form.fields["theme"].choices[1:]
    context = {"rows": list(zip(reasons, formset, strict=True)), "formset": formset,
               "history": CrmReasonMapping.objects.history()}
    return render(request, "insights/reps_mapping.html", context, status=400 if request.method == "POST" else 200)


urlpatterns = [
    path("reps/", reps, name="reps"),
    path("reps/mapping/", mapping, name="reps_mapping"),
]
