"""Forms opened without login from a link in an email (the buyer's survey, the rep's form), and offering the survey
on an interview."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from winloss.accounts.models import READ_QUEUE
from winloss.accounts.permissions import require
from winloss.analysis import load_codebook
from winloss.analysis.guide import Question, fill
from winloss.deals.models import Competitor
from winloss.interviews.models import Interview
from winloss.program.models import ProgramSettings, RepView, SurveyLink
from winloss.program.rep_views import open_rep_view, submit_rep_view
from winloss.program.surveys import (
    Answers,
    LinkClosed,
    create_survey_link,
    open_survey,
    submit_survey,
    survey_closed,
    survey_questions,
    survey_url,
)

RATINGS = [(n, str(n)) for n in range(1, 6)]
NO_COMPETITOR, OTHER_COMPETITOR = "none", "other"


class SurveyForm(forms.Form):
    """One open answer per question, and a 1-5 rating for the questions that ask for one; nothing is required,
    but an empty form is refused."""

    def __init__(self, questions: list[Question], company: str, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        self.rows = []
        for q in questions:
            if q.rating:
                self.fields[f"{q.id}-rating"] = forms.TypedChoiceField(
                    choices=RATINGS, coerce=int, empty_value=None, required=False, widget=forms.RadioSelect)
            self.fields[f"{q.id}-text"] = forms.CharField(required=False, max_length=5000,
                                                          widget=forms.Textarea(attrs={"rows": 3}))
            self.rows.append((fill(q.text, company=company),
                              self[f"{q.id}-rating"] if q.rating else None, self[f"{q.id}-text"]))

    def clean(self) -> dict:
        if not self.answers():
            raise forms.ValidationError("Please answer at least one question before sending.")
        return self.cleaned_data

    def answers(self) -> Answers:
        given = {q.id: (self.cleaned_data.get(f"{q.id}-rating"), self.cleaned_data.get(f"{q.id}-text", "").strip())
                 for q in self.questions}
        return {qid: (rating, text) for qid, (rating, text) in given.items() if rating is not None or text}


class RepForm(forms.Form):
    main_reason = forms.ChoiceField(label="Main reason the deal went the way it did")
    main_competitor = forms.ChoiceField(label="Main competitor")
    sureness = forms.ChoiceField(label="How sure are you?", choices=RepView.Sureness.choices,
                                 widget=forms.RadioSelect)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["main_reason"].choices = [("", "Choose…")] + [(t.id, t.label) for t in load_codebook().themes]
        self.fields["main_competitor"].choices = [
            ("", "Choose…"), (NO_COMPETITOR, "None: no competitor in the running"),
            *((str(c.pk), c.name) for c in Competitor.objects.all()), (OTHER_COMPETITOR, "Another vendor")]

    def competitor(self) -> Competitor | None:
        choice = self.cleaned_data["main_competitor"]
        return None if choice in (NO_COMPETITOR, OTHER_COMPETITOR) else Competitor.objects.get(pk=choice)


def _posted(request: HttpRequest) -> object:
    return request.POST if request.method == "POST" else None


def _closed(request: HttpRequest, closed: LinkClosed) -> HttpResponse:
    return render(request, "program/link_closed.html", {"reason": closed.reason}, status=closed.status)


@never_cache
@require_http_methods(["GET", "POST"])
def survey(request: HttpRequest, token: str) -> HttpResponse:
    now = timezone.now()
    try:
        link = open_survey(token, now)
    except LinkClosed as closed:
        return _closed(request, closed)
    program = ProgramSettings.current()
    form = SurveyForm(survey_questions(link.interview), program.company or "us", _posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            submit_survey(link, form.answers(), now)
        except LinkClosed as closed:
            return _closed(request, closed)
        return render(request, "program/thanks.html", {"program": program, "survey": True})
    context = {"form": form, "program": program, "deal": link.interview.deal}
    return render(request, "program/survey.html", context, status=400 if form.errors else 200)


@never_cache
@require_http_methods(["GET", "POST"])
def rep_form(request: HttpRequest, token: str) -> HttpResponse:
    now = timezone.now()
    try:
        view = open_rep_view(token, now)
    except LinkClosed as closed:
        return _closed(request, closed)
    form = RepForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            submit_rep_view(view, main_reason=form.cleaned_data["main_reason"], main_competitor=form.competitor(),
                            no_competitor=form.cleaned_data["main_competitor"] == NO_COMPETITOR,
                            sureness=form.cleaned_data["sureness"], now=now)
        except LinkClosed as closed:
            return _closed(request, closed)
        return render(request, "program/thanks.html", {"survey": False})
    return render(request, "program/rep_form.html", {"form": form, "view": view},
                  status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
@require(READ_QUEUE)
def offer_survey(request: HttpRequest, pk: int) -> HttpResponse:
    interview = get_object_or_404(Interview.objects.select_related("deal", "contact"), pk=pk)
    if request.method == "POST":
        if survey_closed(interview):
            messages.error(request, "This buyer can no longer be surveyed: they opted out, or the interview is "
                                    "completed, declined or closed.")
        else:
            create_survey_link(interview, timezone.now())
            messages.success(request, "Survey link ready: send it to the buyer.")
        return redirect("program:offer_survey", pk=pk)
    link = SurveyLink.objects.filter(interview=interview).first()
    context = {"interview": interview, "link": link, "url": survey_url(link) if link else "",
               "expired": bool(link and link.expires_at <= timezone.now()), "closed": survey_closed(interview)}
    return render(request, "program/offer_survey.html", context)


urlpatterns = [
    path("p/survey/<str:token>/", survey, name="survey"),
    path("p/rep/<str:token>/", rep_form, name="rep_form"),
    path("interviews/<int:pk>/survey/", offer_survey, name="offer_survey"),
]
