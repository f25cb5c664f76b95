"""The interview guide's pages: its versions and editor, the interviewer's page during a call (notes saved as
they type), and the per-interviewer feedback summary."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from winloss.accounts.models import CONDUCT_INTERVIEWS, MANAGE_PROGRAM, READ_QUEUE
from winloss.accounts.permissions import arranges_interview, require, sees_interview
from winloss.analysis.guide import GuideError, fill, guide_toml, parse_guide
from winloss.analysis.interviewing import interviewer_feedback, summarise
from winloss.interviews.models import GuideVersion, Interview, Stage, StageError
from winloss.interviews.tasks import code_interview_task
from winloss.interviews.views import TranscriptForm, receive_transcript
from winloss.program.models import ProgramSettings

NOTE = "note-"  # form field prefix of a question's notes


class GuideForm(forms.Form):
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 30, "spellcheck": "false"}), label="Guide (TOML)")
    note = forms.CharField(max_length=200, label="What changed")

    def clean_text(self) -> dict:
        try:
            return parse_guide(self.cleaned_data["text"]).as_dict()
        except GuideError as error:
            raise forms.ValidationError(f"Nothing was saved: {error}") from error


@require(CONDUCT_INTERVIEWS)
def guide(request: HttpRequest, number: int | None = None) -> HttpResponse:
    version = get_object_or_404(GuideVersion, number=number) if number else GuideVersion.current()
    return render(request, "interviews/guide.html", {
        "version": version, "guide": version.guide, "company": ProgramSettings.current().company or "our company",
        "versions": GuideVersion.objects.select_related("created_by"),
        "can_edit": request.member.can(MANAGE_PROGRAM),  # type: ignore[attr-defined]
    })


@require(MANAGE_PROGRAM)
def guide_edit(request: HttpRequest) -> HttpResponse:
    current = GuideVersion.current()
    form = GuideForm(request.POST or None, initial={"text": guide_toml(current.guide)})
    if request.method == "POST" and form.is_valid():
        version = GuideVersion.objects.create(number=current.number + 1, content=form.cleaned_data["text"],
                                              note=form.cleaned_data["note"], created_by=request.user)
        messages.success(request, f"Saved as version {version.number}. Interviews keep the version they used.")
        return redirect("interviews:guide")
    return render(request, "interviews/guide_edit.html", {"form": form, "current": current})


def _interview_for(request: HttpRequest, pk: int) -> Interview:
    """The interview, if this member may see it (anyone else learns nothing); changing it (notes, finishing,
    a transcript) is for the owner, an analyst or its own interviewer, and a buyer's survey answers stay theirs."""
    interview = get_object_or_404(Interview.objects.select_related("deal", "interviewer"), pk=pk)
    if not sees_interview(request.member, interview):  # type: ignore[attr-defined]
        raise Http404("No such interview")
    if request.method == "POST":
        if not arranges_interview(request.member, interview):  # type: ignore[attr-defined]
            raise PermissionDenied("Only the program owner, an analyst or the interview's interviewer can change it")
        if interview.kind == Interview.Kind.SURVEY:
            raise PermissionDenied("These are the buyer's own survey answers; they cannot be edited")
    return interview


def _save_notes(interview: Interview, data: dict, user: object) -> int:
    """Save the notes fields of a posted form; returns how many were saved."""
    return interview.save_notes({key.removeprefix(NOTE): text for key, text in data.items() if key.startswith(NOTE)},
                                user)


@require(CONDUCT_INTERVIEWS)
def call(request: HttpRequest, pk: int) -> HttpResponse:
    interview = _interview_for(request, pk)
    if request.method == "POST":  # the plain form, for browsers without JavaScript
        _save_notes(interview, request.POST, request.user)
        messages.success(request, f"Notes saved at {timezone.localtime():%H:%M}.")
        return redirect("interviews:call", pk=interview.pk)
    guide = interview.recorded_guide().guide
    outcome = interview.deal.outcome if interview.deal.outcome != "open" else None
    company = ProgramSettings.current().company or "our company"
    interviewer = interview.interviewer
    answers = {a.question: a for a in interview.answers.all()}
    return render(request, "interviews/call.html", {
        "interview": interview,
        "opening": fill(guide.opening, company=company,
                        interviewer=(interviewer.get_full_name() or interviewer.username) if interviewer else
                        interview.interviewer_name or "your interviewer"),
        "closing": fill(guide.closing, company=company),
        "questions": [(area, q, fill(q.text, company=company), [fill(p, company=company) for p in q.probes],
                       answers.get(q.id)) for area, q in guide.questions_for(outcome)],
        "transcript_form": TranscriptForm(),
        "may_edit": arranges_interview(request.member, interview)  # type: ignore[attr-defined]
        and interview.kind != Interview.Kind.SURVEY,
    })


@require_POST
@require(CONDUCT_INTERVIEWS)
def autosave(request: HttpRequest, pk: int, question: str) -> HttpResponse:
    interview = _interview_for(request, pk)
    if not _save_notes(interview, {NOTE + question: request.POST.get(NOTE + question, "")}, request.user):
        raise Http404("No such question in this interview's guide")
    return render(request, "interviews/_saved.html", {"answer": interview.answers.get(question=question)})


@require_POST
@require(CONDUCT_INTERVIEWS)
def finish(request: HttpRequest, pk: int) -> HttpResponse:
    interview = _interview_for(request, pk)
    _save_notes(interview, request.POST, request.user)
    if not interview.answers.exclude(text="").exists():
        messages.error(request, "There are no notes to code yet.")
        return redirect("interviews:call", pk=interview.pk)
    if interview.stage not in (Stage.COMPLETED, Stage.CODED):
        try:
            interview.move(Stage.COMPLETED, by=request.user, note="Notes taken during the call")
        except StageError as error:
            messages.error(request, str(error))
            return redirect("interviews:call", pk=interview.pk)
    interview.date = interview.date or timezone.localdate()
    interview.status = Interview.Status.PENDING
    interview.save(update_fields=["date", "status"])
    code_interview_task.enqueue(interview.pk)
    messages.success(request, "The notes are being coded.")
    return redirect("interviews:call", pk=interview.pk)


@require_POST
@require(CONDUCT_INTERVIEWS)
def transcript(request: HttpRequest, pk: int) -> HttpResponse:
    interview = _interview_for(request, pk)
    form = TranscriptForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, "interviews/upload_error.html", {"deal": interview.deal, "form": form}, status=400)
    try:
        receive_transcript(interview, form, by=request.user)
    except StageError as error:
        messages.error(request, f"The transcript was not kept: {error}.")
        return redirect("interviews:call", pk=interview.pk)
    messages.success(request, "The transcript is being coded.")
    return redirect("interviews:call", pk=interview.pk)


@require(READ_QUEUE)
def interviewers(request: HttpRequest) -> HttpResponse:
    """Each interviewer's talk share, open and closed questions and flagged phrasing over their coded calls."""
    feedback: dict[str, list] = {}
    coded = (Interview.objects.filter(status=Interview.Status.CODED).exclude(transcript_path="")
             .select_related("interviewer").prefetch_related("turns"))
    for interview in coded:
        user = interview.interviewer
        name = interview.interviewer_name or (user.get_full_name() or user.username if user else "Unknown")
        feedback.setdefault(name, []).append(interviewer_feedback(list(interview.turns.all())))
    rows = sorted((name, summarise(items)) for name, items in feedback.items())
    return render(request, "interviews/interviewers.html", {"rows": rows})
