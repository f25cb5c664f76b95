"""The report for an audience and a quarter (a web page, and files in every format), and interview summaries."""

from __future__ import annotations

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from winloss.accounts.models import CONDUCT_INTERVIEWS, READ_REPORTS, READ_UNREDACTED, WRITE_FINDINGS, Role
from winloss.accounts.permissions import require, sees_interview
from winloss.core.quarters import quarter_of
from winloss.deals.filters import quarters
from winloss.interviews.models import Interview
from winloss.reports.build import ReportError, build_report
from winloss.reports.document import Document
from winloss.reports.models import Audience, DigestSubscription
from winloss.reports.render import RENDERERS
from winloss.reports.summary import build_summary

# Every member may open a summary of an interview they may see; stakeholders get it redacted.
READ_SUMMARIES = READ_REPORTS | CONDUCT_INTERVIEWS


class ReportForm(forms.Form):
    audience = forms.ChoiceField(choices=Audience.choices, initial=Audience.EXEC)
    period = forms.ChoiceField(label="Quarter")

    def __init__(self, data: object) -> None:
        current = quarter_of(timezone.localdate())
        periods = sorted({*quarters(), current}, reverse=True)
        with_deals = quarters()
        super().__init__(data or {"audience": Audience.EXEC, "period": with_deals[0] if with_deals else current})
        self.fields["period"].choices = [(p, p) for p in periods]


def _report(request: HttpRequest) -> tuple[ReportForm, Document | None]:
    form = ReportForm(request.GET or None)
    if not form.is_valid():
        return form, None
    # Only analysts (and the owner) read their reports with quotes unredacted; the document says so.
    redacted = not request.member.can(WRITE_FINDINGS)  # type: ignore[attr-defined]
    try:
        return form, build_report(form.cleaned_data["audience"], form.cleaned_data["period"], redacted=redacted)
    except ReportError as error:
        form.add_error(None, str(error))
        return form, None


@require(READ_REPORTS)
def report(request: HttpRequest) -> HttpResponse:
    form, document = _report(request)
    context = {"form": form, "document": document, "renderers": [r for r in RENDERERS.values() if r.name != "html"],
               "subscribed": DigestSubscription.objects.filter(user=request.user).exists()}
    return render(request, "reports/report.html", context, status=200 if document else 400)


@require(READ_REPORTS)
def report_file(request: HttpRequest, format: str) -> HttpResponse:
    form, document = _report(request)
    if document is None:
        return render(request, "reports/report.html", {"form": form, "document": None}, status=400)
    return _file(document, format)


def _file(document: Document, format: str) -> HttpResponse:
    renderer = RENDERERS.get(format)
    if renderer is None:
        raise Http404("No such format")
    response = HttpResponse(renderer.render(document), content_type=renderer.content_type)
    response["Content-Disposition"] = f'attachment; filename="{renderer.filename(document)}"'
    return response


@require(READ_SUMMARIES)
def interview_summary(request: HttpRequest, pk: int) -> HttpResponse:
    interview = get_object_or_404(Interview.objects.select_related("deal__primary_competitor"), pk=pk)
    member = request.member  # type: ignore[attr-defined]
    if member.role != Role.STAKEHOLDER and not sees_interview(member, interview):
        raise Http404("No such interview")
    # External interviewers see only their own interviews (above), which they heard unredacted anyway.
    redacted = not (member.can(READ_UNREDACTED) or member.role == Role.EXTERNAL_INTERVIEWER)
    document = build_summary(interview, redacted=redacted)
    if request.GET.get("format"):
        return _file(document, request.GET["format"])
    return render(request, "reports/interview_summary.html", {"document": document, "interview": interview})


@require_POST
@require(READ_REPORTS)
def digest_subscription(request: HttpRequest) -> HttpResponse:
    """Start or stop the monthly digest by email for the member asking."""
    if request.POST.get("subscribe") == "yes":
        DigestSubscription.objects.get_or_create(user=request.user)
    else:
        DigestSubscription.objects.filter(user=request.user).delete()
    back = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure())
    return redirect(back if back and safe else "reports:report")


urlpatterns = [
    path("", report, name="report"),
    path("report.<slug:format>", report_file, name="report_file"),
    path("interviews/<int:pk>/summary/", interview_summary, name="interview_summary"),
    path("digest/", digest_subscription, name="digest_subscription"),
]
