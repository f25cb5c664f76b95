from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from django import forms
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from winloss.accounts.models import CONDUCT_INTERVIEWS, REVIEW_CODING, UPLOAD_TRANSCRIPTS
from winloss.accounts.permissions import require, sees_interview
from winloss.analysis import load_codebook
from winloss.analysis.codebook import POLARITIES
from winloss.analysis.coverage import AreaCoverage, guide_coverage
from winloss.analysis.interviewing import interviewer_feedback
from winloss.deals.models import Deal
from winloss.interviews.models import GuideVersion, Interview, Stage, StageEvent, Statement, Turn
from winloss.interviews.review import MAX_REASONS, vendor_choices
from winloss.interviews.tasks import code_interview_task
from winloss.program.models import ProgramSettings
from winloss.program.views.invitations import stage_context
from winloss.uploads import save_upload

MAX_TRANSCRIPT_MB = 20
IN_FLIGHT = (Stage.PROPOSED, Stage.INVITED, Stage.SCHEDULED)  # an interview arranged but not yet held


class TranscriptForm(forms.Form):
    transcript = forms.FileField(help_text="Zoom or Teams VTT, SRT, Otter TXT, Google Meet text, Gong JSON, DOCX "
                                           "or plain 'Name: words' text")
    interviewer_name = forms.CharField(required=False, label="Interviewer (as named in the transcript)")
    date = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean_transcript(self) -> object:
        upload = self.cleaned_data["transcript"]
        if upload.size > MAX_TRANSCRIPT_MB * 1024 * 1024:
            raise forms.ValidationError(f"The file is over the {MAX_TRANSCRIPT_MB} MB limit for transcripts.")
        return upload


@require_POST
@require(UPLOAD_TRANSCRIPTS)
def upload(request: HttpRequest, deal_pk: int) -> HttpResponse:
    """A transcript uploaded on the deal's page belongs to the deal's interview in flight, if it has one (so the
    buyer is not reminded of a call that took place); otherwise it is a new interview."""
    deal = get_object_or_404(Deal, pk=deal_pk)
    form = TranscriptForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, "interviews/upload_error.html", {"deal": deal, "form": form}, status=400)
    with transaction.atomic():
        interview = deal.interviews.filter(stage__in=IN_FLIGHT).order_by("created_at").first()
        if interview is None:
            interview = Interview.objects.create(deal=deal, interviewer=request.user, created_by=request.user,
                                                 stage=Stage.COMPLETED)
            StageEvent.objects.create(interview=interview, after=Stage.COMPLETED, by=request.user,
                                      note="Transcript uploaded on the deal's page")
            interview.buyers.set(deal.contacts.all())
        receive_transcript(interview, form, by=request.user)
    return redirect("interviews:detail", pk=interview.pk)


def receive_transcript(interview: Interview, form: TranscriptForm, *, by: object) -> None:
    """Keep the uploaded transcript on the interview, which is then held (completed), and queue its coding.
    Raises StageError when the interview cannot be completed (declined, opted out)."""
    with transaction.atomic():
        if interview.stage not in (Stage.COMPLETED, Stage.CODED):
            interview.move(Stage.COMPLETED, by=by, note="Transcript uploaded")
        upload_file = form.cleaned_data["transcript"]
        interview.transcript_name = upload_file.name
        interview.transcript_path = str(save_upload(upload_file, "transcripts"))
        interview.interviewer_name = form.cleaned_data["interviewer_name"] or interview.interviewer_name
        interview.date = form.cleaned_data["date"] or interview.date or timezone.localdate()
        interview.status = Interview.Status.PENDING
        interview.save(update_fields=["transcript_name", "transcript_path", "interviewer_name", "date", "status"])
        code_interview_task.enqueue(interview.pk)  # with the database backend, queued as the transaction commits


def _visible(request: HttpRequest, pk: int) -> Interview:
    """The interview, if this member may see it (an external interviewer only their own); else 404."""
    interview = get_object_or_404(Interview.objects.select_related("deal", "deal__account"), pk=pk)
    if not sees_interview(request.member, interview):  # type: ignore[attr-defined]
        raise Http404("No such interview")
    return interview


@require(CONDUCT_INTERVIEWS)
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    interview = _visible(request, pk)
    context = {
        **coding_context(request, interview),
        "has_material": bool(interview.transcript_path) or interview.answers.exists(),
        **stage_context(request.member, interview),  # type: ignore[attr-defined]
    }
    return render(request, "interviews/detail.html", context)


def coding_context(request: HttpRequest, interview: Interview) -> dict[str, object]:
    """What the transcript, its codes and the review panels show (interviews/_coding.html)."""
    turns = list(interview.turns.prefetch_related("statements__codes"))
    codebook = load_codebook()
    can_review = request.member.can(REVIEW_CODING)  # type: ignore[attr-defined]
    return {
        "interview": interview,
        "coverage": _coverage(interview) if turns else [],
        "feedback": interviewer_feedback(turns) if turns and interview.transcript_path else None,
        "turns": [(turn, _segments(turn)) for turn in turns],
        "reasons": [codebook.theme(t) for t in interview.primary_reasons if t in codebook.ids],
        "competitors": interview.competitor_mentions.select_related("competitor").order_by("-mentions"),
        "quotes": interview.quotes.select_related("turn") if can_review else interview.quotes.kept().select_related(
            "turn"),
        "themes": codebook.themes,
        "can_review": can_review,
        "polarities": POLARITIES,
        "vendors": vendor_choices() if can_review else [],
        "buyer_turns": [t for t in turns if t.role == "buyer"],
        "reason_slots": (interview.primary_reasons + [""] * MAX_REASONS)[:MAX_REASONS],
        "engine_reasons": [codebook.theme(t) for t in interview.engine_reasons if t in codebook.ids],
        "history": interview.review_events.select_related("by"),
    }


@require(CONDUCT_INTERVIEWS)
def status(request: HttpRequest, pk: int) -> HttpResponse:
    interview = _visible(request, pk)
    response = render(request, "interviews/_status.html", {"interview": interview})
    if interview.status not in (Interview.Status.PENDING, Interview.Status.CODING) and request.htmx:
        response["HX-Refresh"] = "true"
    return response


def _coverage(interview: Interview) -> list[AreaCoverage]:
    program = ProgramSettings.current()
    guide = (interview.guide_version or GuideVersion.current()).guide
    return guide_coverage(guide, interview.coded_turns(), names=[n for n in (program.company, *program.aliases) if n])


@dataclass(frozen=True)
class Segment:
    """A run of a turn's text covered by the same statements; `ending` are the statements that end with it."""

    start: int
    text: str
    covering: list[Statement]
    ending: list[Statement]

    @property
    def theme(self) -> str | None:
        """The theme to highlight the run in: the first code that counts of the narrowest statement over it."""
        for statement in sorted(self.covering, key=lambda s: s.end - s.start):
            for code in statement.codes.all():
                if not code.rejected:
                    return code.theme
        return None


def _segments(turn: Turn) -> list[Segment]:
    """The turn's text cut wherever a coded statement starts or ends, for highlighting (statements may overlap:
    an analyst can code part of a sentence the engine coded)."""
    statements = list(turn.statements.all())
    cuts = sorted({0, len(turn.text), *(s.start for s in statements), *(s.end for s in statements)})
    return [Segment(a, turn.text[a:b], [s for s in statements if s.start <= a and b <= s.end],
                    [s for s in statements if s.end == b]) for a, b in pairwise(cuts) if a < b]
