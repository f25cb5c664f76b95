"""Invitations and scheduling: the batch the owner previews and approves, a call's time and calendar invitation,
stage changes on an interview with its history, and the buyer's opt-out page (no login)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_POST

from winloss.accounts.models import CONDUCT_INTERVIEWS, MANAGE_PROGRAM, READ_INTERVIEWS, Membership
from winloss.accounts.permissions import arranges_interview, require, sees_interview
from winloss.interviews.models import NEXT_STAGES, Interview, Stage, StageError
from winloss.program import invitations
from winloss.program.invitations import Draft, ScheduleError, TemplateError
from winloss.program.models import ProgramSettings


class TemplateField(forms.CharField):
    def validate(self, value: str) -> None:
        super().validate(value)
        try:
            invitations.check_template(value)
        except TemplateError as error:
            raise forms.ValidationError(f"This template cannot be read: {error}") from None


class BatchForm(forms.Form):
    subject = TemplateField(max_length=200)
    body = TemplateField(widget=forms.Textarea(attrs={"rows": 14}))
    interviews = forms.ModelMultipleChoiceField(queryset=Interview.objects.none(),
                                                error_messages={"required": "Select at least one invitation."})

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["interviews"].queryset = proposed()


class ScheduleForm(forms.Form):
    when = forms.DateTimeField(widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
                               help_text=f"Time zone {settings.TIME_ZONE}")
    minutes = forms.IntegerField(min_value=15, max_value=180, initial=45, label="Duration (minutes)")

    def clean_when(self) -> object:
        when = self.cleaned_data["when"]
        if when < timezone.now() - timedelta(minutes=5):
            raise forms.ValidationError("Pick a time that has not passed.")
        return when


@dataclass
class Preview:
    interview: Interview
    email: Draft | None
    problem: str


def proposed() -> object:
    return (Interview.objects.filter(stage=Stage.PROPOSED)
            .select_related("deal", "deal__account", "contact", "interviewer").order_by("pk"))


def previews(interviews: object, subject: str, body: str) -> tuple[list[Preview], str]:
    """Each proposed interview's email as it would go out, or why it cannot go; and a template error, if any."""
    rows = []
    for interview in interviews:  # type: ignore[attr-defined]
        address = invitations.buyer_email(interview)
        if not address:
            rows.append(Preview(interview, None, "The buyer has no email address we can use."))
        elif invitations.is_opted_out(address):
            rows.append(Preview(interview, None, f"{address} opted out: it will not be sent."))
        else:
            try:
                rows.append(Preview(interview, invitations.draft(interview, subject, body), ""))
            except TemplateError as error:
                return [], str(error)
    return rows, ""


@require(MANAGE_PROGRAM)
def batch(request: HttpRequest) -> HttpResponse:
    """The invitations that would go out; POST (the Preview button, or HTMX as the owner types) re-renders them
    with the edited subject and body. Nothing is sent here."""
    program = ProgramSettings.current()
    form = BatchForm(request.POST or None,
                     initial={"subject": program.invitation_subject, "body": program.invitation_body})
    return _batch_page(request, form, status=200)


@require_POST
@require(MANAGE_PROGRAM)
def batch_send(request: HttpRequest) -> HttpResponse:
    form = BatchForm(request.POST)
    if not form.is_valid():
        return _batch_page(request, form, status=400)
    data = form.cleaned_data
    try:
        result = invitations.send_invitations(list(data["interviews"]), data["subject"], data["body"],
                                              by=request.user)
    except TemplateError as error:
        messages.error(request, f"The template cannot be rendered: {error}")
        return redirect("program:invitations")
    if result.sent:
        messages.success(request, f"Sent {len(result.sent)} invitation{'s' * (len(result.sent) != 1)}.")
    for interview in result.opted_out:
        messages.warning(request, f"Not sent to {interview.contact.email}: opted out. The interview is closed.")
    for interview, error in result.failed:
        messages.error(request, f"Could not send to {invitations.buyer_email(interview)}: {error}")
    for interview, why in result.skipped:
        messages.warning(request, f"Not sent for {interview.deal.name}: {why}.")
    return redirect("program:invitations")


def _batch_page(request: HttpRequest, form: BatchForm, status: int) -> HttpResponse:
    interviews = list(proposed())
    if form.is_bound:
        form.is_valid()
        subject, body = form.cleaned_data.get("subject"), form.cleaned_data.get("body")
        selected = set(request.POST.getlist("interviews"))
    else:
        subject, body = form.initial["subject"], form.initial["body"]
        selected = {str(interview.pk) for interview in interviews}
    rows, error = previews(interviews, subject, body) if subject and body else ([], "")
    context = {"form": form, "rows": rows, "template_error": error, "selected": selected,
               "tried_to_send": status == 400}
    template = "program/_invitation_previews.html" if request.htmx else "program/invitations.html"
    return render(request, template, context, status=status)


# One interview's stage


def stage_context(member: Membership, interview: Interview) -> dict[str, object]:
    """What `program/_stage_history.html` needs: merge it into the context of a page that includes it."""
    return {
        "interview": interview,
        "stage_events": interview.events.select_related("by"),
        "may_arrange": arranges_interview(member, interview),
        "schedule_form": ScheduleForm(),
        "may_schedule": Stage.SCHEDULED in NEXT_STAGES[interview.stage],
        "marks": [(stage.value, stage.label) for stage in invitations.MARKABLE
                  if stage in NEXT_STAGES[interview.stage]],
    }


def _interview(request: HttpRequest, pk: int, *, arrange: bool = False) -> Interview:
    interview = get_object_or_404(Interview.objects.select_related("deal", "contact", "interviewer"), pk=pk)
    if not sees_interview(request.member, interview):  # type: ignore[attr-defined]
        raise Http404("No such interview")
    if arrange and not arranges_interview(request.member, interview):  # type: ignore[attr-defined]
        raise PermissionDenied("Only the program owner, an analyst or the interview's interviewer can do this")
    return interview


@require(CONDUCT_INTERVIEWS)
def stage(request: HttpRequest, pk: int) -> HttpResponse:
    interview = _interview(request, pk)
    if request.htmx:
        return render(request, "program/_stage_history.html",
                      stage_context(request.member, interview))  # type: ignore[attr-defined]
    context = {**stage_context(request.member, interview),  # type: ignore[attr-defined]
               "can_read_interview": request.member.can(READ_INTERVIEWS)}  # type: ignore[attr-defined]
    return render(request, "program/interview_stage.html", context)


@require_POST
@require(CONDUCT_INTERVIEWS)
def schedule(request: HttpRequest, pk: int) -> HttpResponse:
    interview = _interview(request, pk, arrange=True)
    form = ScheduleForm(request.POST)
    if form.is_valid():
        try:
            invitations.schedule(interview, form.cleaned_data["when"], form.cleaned_data["minutes"], by=request.user)
            messages.success(request, "Scheduled; the calendar invitation is sent.")
        except (StageError, ScheduleError) as error:
            messages.error(request, str(error))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return _stage_changed(request, interview)


@require_POST
@require(CONDUCT_INTERVIEWS)
def mark(request: HttpRequest, pk: int) -> HttpResponse:
    interview = _interview(request, pk, arrange=True)
    stage_name = request.POST.get("stage", "")
    if stage_name not in invitations.MARKABLE:
        messages.error(request, "Choose declined, completed or no response.")
    else:
        try:
            invitations.mark(interview, stage_name, by=request.user)
            messages.success(request, f"Marked {Stage(stage_name).label.lower()}.")
        except StageError as error:
            messages.error(request, f"{error}.")
    return _stage_changed(request, interview)


def _stage_changed(request: HttpRequest, interview: Interview) -> HttpResponse:
    if request.htmx:
        interview.refresh_from_db()
        return render(request, "program/_stage_history.html",
                      stage_context(request.member, interview))  # type: ignore[attr-defined]
    return redirect("program:interview_stage", pk=interview.pk)


# The buyer's opt-out (no login)


def opt_out(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks to confirm (a mail scanner following the link opts no one out); POST records it."""
    email = invitations.email_from_token(token)
    if email is None:
        return render(request, "program/opt_out_invalid.html", status=400)
    if request.method == "POST":
        invitations.opt_out(email)
        return render(request, "program/opt_out_done.html", {"email": email})
    return render(request, "program/opt_out.html", {"email": email})


urlpatterns = [
    path("invitations/", batch, name="invitations"),
    path("invitations/send/", batch_send, name="invitations_send"),
    path("interviews/<int:pk>/stage/", stage, name="interview_stage"),
    path("interviews/<int:pk>/schedule/", schedule, name="interview_schedule"),
    path("interviews/<int:pk>/mark/", mark, name="interview_mark"),
    path("p/opt-out/<str:token>/", opt_out, name="opt_out"),
]
