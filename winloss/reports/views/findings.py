"""Findings: analysts write and publish them; every member reads the published ones."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path

from winloss.accounts.models import READ_REPORTS, READ_UNREDACTED, WRITE_FINDINGS
from winloss.accounts.permissions import require
from winloss.reports.build import finding_item
from winloss.reports.forms import (
    FigurePickerForm,
    FindingFilterForm,
    FindingForm,
    QuotePickerForm,
    chosen_figures,
    figure_key,
)
from winloss.reports.models import Finding


def _readable(request: HttpRequest):
    """Writers see every finding; other members only the published ones."""
    findings = Finding.objects.all()
    return findings if request.member.can(WRITE_FINDINGS) else findings.published()  # type: ignore[attr-defined]


@require(READ_REPORTS)
def finding_list(request: HttpRequest) -> HttpResponse:
    form = FindingFilterForm(request.GET)
    findings = form.apply(_readable(request)).select_related("updated_by")
    return render(request, "reports/findings.html", {"form": form, "findings": findings})


@require(READ_REPORTS)
def finding_detail(request: HttpRequest, pk: int) -> HttpResponse:
    finding = get_object_or_404(_readable(request), pk=pk)
    redacted = not request.member.can(READ_UNREDACTED)  # type: ignore[attr-defined]
    context = {"finding": finding, "item": finding_item(finding, redacted),
               "events": finding.events.select_related("by") if request.member.can(WRITE_FINDINGS) else None}
    return render(request, "reports/finding.html", context)


@require(WRITE_FINDINGS)
def finding_new(request: HttpRequest) -> HttpResponse:
    return _edit(request, Finding())


@require(WRITE_FINDINGS)
def finding_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _edit(request, get_object_or_404(Finding, pk=pk))


def _edit(request: HttpRequest, finding: Finding) -> HttpResponse:
    form = FindingForm(request.POST or None, instance=finding)
    if request.method == "POST" and form.is_valid():
        finding = form.save_by(request.user)
        messages.success(request, "Finding saved.")
        return redirect("reports:finding", finding.pk)
    chosen = [int(pk) for pk in form["quotes"].value() or [] if str(pk).isdigit()]
    picker, figure_picker = QuotePickerForm(request.GET or None), FigurePickerForm(request.GET or None)
    chosen_figures = form.chosen_figures()
    context = {"form": form, "finding": finding, "picker": picker, "quotes": picker.quotes(chosen),
               "chosen": set(chosen), "figure_picker": figure_picker, "figures": figure_picker.figures(chosen_figures),
               "chosen_figures": {figure_key(s) for s in chosen_figures}}
    return render(request, "reports/finding_form.html", context, status=400 if form.errors else 200)


@require(WRITE_FINDINGS)
def quote_picker(request: HttpRequest) -> HttpResponse:
    """The quote checkboxes for the picker's filter, keeping those already ticked (an HTMX fragment)."""
    chosen = [int(pk) for pk in request.GET.getlist("quotes") if pk.isdigit()]
    picker = QuotePickerForm(request.GET)
    return render(request, "reports/_quote_picker.html", {"quotes": picker.quotes(chosen), "chosen": set(chosen)})


@require(WRITE_FINDINGS)
def figure_picker(request: HttpRequest) -> HttpResponse:
    """The figure checkboxes for the picker's kind and quarter, keeping those already ticked (an HTMX fragment)."""
    chosen = chosen_figures(request.GET.getlist("figures"))
    context = {"figures": FigurePickerForm(request.GET).figures(chosen), "chosen_figures": set(map(figure_key, chosen))}
    return render(request, "reports/_figure_picker.html", context)


urlpatterns = [
    path("findings/", finding_list, name="findings"),
    path("findings/new/", finding_new, name="finding_new"),
    path("findings/quotes/", quote_picker, name="quote_picker"),
    path("findings/figures/", figure_picker, name="figure_picker"),
    path("findings/<int:pk>/", finding_detail, name="finding"),
    path("findings/<int:pk>/edit/", finding_edit, name="finding_edit"),
]
