"""Reviewing an interview's coding on its page, and the agreement between the engine and the analysts."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from winloss.accounts.models import CONDUCT_INTERVIEWS, REVIEW_CODING
from winloss.accounts.permissions import require
from winloss.analysis import load_codebook
from winloss.interviews import review
from winloss.interviews.corrections import coding_classifier, trained_model_path
from winloss.interviews.models import Code, Interview, Quote, ReviewEvent, Turn
from winloss.interviews.tasks import retrain_task
from winloss.interviews.views import _visible, coding_context


class CodeForm(forms.Form):
    theme = forms.CharField()
    polarity = forms.CharField()
    vendor = forms.CharField(required=False)


class PassageForm(forms.Form):
    """A passage of a buyer turn: character offsets into the turn's text."""

    turn = forms.IntegerField(min_value=0)
    start = forms.IntegerField(min_value=0)
    end = forms.IntegerField(min_value=1)
    theme = forms.CharField()
    polarity = forms.CharField(required=False)
    vendor = forms.CharField(required=False)


def _reviewable(request: HttpRequest, pk: int) -> Interview:
    """The interview, if this member may see it (else 404) and review its coding (else 403)."""
    interview = _visible(request, pk)
    if not request.member.can(REVIEW_CODING):  # type: ignore[attr-defined]
        raise PermissionDenied("Your role does not allow reviewing coding")
    return interview


def _done(request: HttpRequest, interview: Interview, error: str = "") -> HttpResponse:
    """HTMX gets the transcript and review panels again; a plain form post goes back to the page."""
    if request.htmx:
        return render(request, "interviews/_coding.html", {**coding_context(request, interview), "error": error})
    if error:
        messages.error(request, error)
    return redirect(reverse("interviews:detail", args=[interview.pk]) + "#coding")


def _run(request: HttpRequest, interview: Interview, change: Callable[[], object]) -> HttpResponse:
    try:
        change()
    except review.ReviewError as error:
        return _done(request, interview, str(error))
    return _done(request, interview)


def _invalid(form: forms.Form) -> str:
    return "; ".join(f"{field}: {' '.join(errors)}" for field, errors in form.errors.items())


@require_POST
@require(CONDUCT_INTERVIEWS)
def review_code(request: HttpRequest, pk: int, code_pk: int, action: str) -> HttpResponse:
    interview = _reviewable(request, pk)
    code = get_object_or_404(Code.objects.select_related("statement__turn__interview"), pk=code_pk,
                             statement__turn__interview=interview)
    if action == "accept":
        return _run(request, interview, lambda: review.accept(code, request.user))
    if action == "reject":
        return _run(request, interview, lambda: review.reject(code, request.user))
    if action != "change":
        raise Http404("No such action")
    form = CodeForm(request.POST)
    if not form.is_valid():
        return _done(request, interview, _invalid(form))
    return _run(request, interview, lambda: review.change(code, request.user, **form.cleaned_data))


@require_POST
@require(CONDUCT_INTERVIEWS)
def add_code(request: HttpRequest, pk: int) -> HttpResponse:
    return _passage(request, pk, lambda turn, data: review.add_code(
        turn, data["start"], data["end"], request.user, theme=data["theme"], polarity=data["polarity"],
        vendor=data["vendor"]))


@require_POST
@require(CONDUCT_INTERVIEWS)
def add_quote(request: HttpRequest, pk: int) -> HttpResponse:
    return _passage(request, pk, lambda turn, data: review.add_quote(
        turn, data["start"], data["end"], request.user, theme=data["theme"]))


def _passage(request: HttpRequest, pk: int, change: Callable[[Turn, dict], object]) -> HttpResponse:
    interview = _reviewable(request, pk)
    form = PassageForm(request.POST)
    if not form.is_valid():
        return _done(request, interview, _invalid(form))
    turn = interview.turns.filter(index=form.cleaned_data["turn"]).select_related("interview").first()
    if turn is None:
        return _done(request, interview, "No such turn in this interview.")
    return _run(request, interview, lambda: change(turn, form.cleaned_data))


@require_POST
@require(CONDUCT_INTERVIEWS)
def review_quote(request: HttpRequest, pk: int, quote_pk: int, action: str) -> HttpResponse:
    interview = _reviewable(request, pk)
    quote = get_object_or_404(Quote, pk=quote_pk, interview=interview)
    changes = {"choose": review.choose_quote, "drop": review.drop_quote}
    if action not in changes:
        raise Http404("No such action")
    return _run(request, interview, lambda: changes[action](quote, request.user))


@require_POST
@require(CONDUCT_INTERVIEWS)
def reasons(request: HttpRequest, pk: int) -> HttpResponse:
    interview = _reviewable(request, pk)
    return _run(request, interview, lambda: review.set_reasons(interview, request.POST.getlist("reason"),
                                                                request.user))


@require_POST
@require(CONDUCT_INTERVIEWS)
def mark_reviewed(request: HttpRequest, pk: int) -> HttpResponse:
    interview = _reviewable(request, pk)
    return _run(request, interview, lambda: review.mark_reviewed(interview, request.user))


@require(REVIEW_CODING)
def agreement(request: HttpRequest) -> HttpResponse:
    coded = Interview.objects.filter(status=Interview.Status.CODED)
    labels = {t.id: t.label for t in load_codebook().themes}
    result = review.agreement()
    return render(request, "interviews/agreement.html", {
        "agreement": result,
        "themes": [(labels[t.theme], t) for t in result.themes],
        "reviewed": coded.filter(reviewed_at__isnull=False).count(),
        "unreviewed": coded.filter(reviewed_at__isnull=True).count(),
        "analyst_codes": Code.objects.filter(origin=Code.Origin.ANALYST).count(),
        "changes": ReviewEvent.objects.filter(action__in=["reject", "change", "add"]).count(),
        "model": coding_classifier().info,
        "retrained": trained_model_path().is_file(),
    })


@require_POST
@require(REVIEW_CODING)
def retrain(request: HttpRequest) -> HttpResponse:
    retrain_task.enqueue()
    messages.success(request, "Retraining started: the coder uses the new model once it is saved (a few minutes).")
    return redirect("interviews:agreement")
