"""Whom to interview and who interviews: the candidate queue, proposing interviews, the pipeline of interviews
in flight with reassignment, and each interviewer's own assignments."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_POST

from winloss.accounts.models import CONDUCT_INTERVIEWS, MANAGE_PROGRAM, READ_QUEUE
from winloss.accounts.permissions import require
from winloss.core.program import AssignmentError
from winloss.deals.models import Deal, DealQuerySet, Outcome
from winloss.interviews.models import Interview, Stage
from winloss.program import queue as program_queue
from winloss.program.assigning import OPEN_STAGES, interviewer_pool, reassign
from winloss.program.models import SEGMENT_FIELDS, ProgramSettings


class QueueFilterForm(forms.Form):
    outcome = forms.ChoiceField(required=False, choices=[("", "Any"), *Outcome.choices[:3]])

    def __init__(self, data: object, *, deals: DealQuerySet) -> None:
        super().__init__(data)
        self.segment_fields = [f for f in ProgramSettings.current().segment_fields if f in SEGMENT_FIELDS]
        for name in self.segment_fields:
            values = deals.exclude(**{name: ""}).values_list(name, flat=True).distinct().order_by(name)
            self.fields[name] = forms.ChoiceField(required=False, choices=[("", "Any"), *((v, v) for v in values)],
                                                  label=Deal._meta.get_field(name).verbose_name.capitalize())

    def apply(self, deals: DealQuerySet) -> DealQuerySet:
        if not self.is_valid():
            return deals.none()
        chosen = {name: value for name, value in self.cleaned_data.items() if value}
        return deals.filter(**chosen)


@require(READ_QUEUE)
def queue(request: HttpRequest) -> HttpResponse:
    deals = program_queue.askable_deals()
    form = QueueFilterForm(request.GET, deals=deals)
    context = {"form": form, "queue": program_queue.build(form.apply(deals), timezone.localdate()),
               "settings": ProgramSettings.current(), "lookback_days": program_queue.LOOKBACK_DAYS,
               "can_manage": request.member.can(MANAGE_PROGRAM)}
    return render(request, "program/_queue.html" if request.htmx else "program/queue.html", context)


@require_POST
@require(MANAGE_PROGRAM)
def propose(request: HttpRequest) -> HttpResponse:
    deal_ids = [int(value) for value in request.POST.getlist("deal") if value.isdigit()]
    if not deal_ids:
        messages.error(request, "Select at least one deal to propose.")
        return redirect("program:queue")
    result = program_queue.propose(deal_ids, by=request.user, today=timezone.localdate())
    if result.created:
        n = len(result.created)
        messages.success(request, f"Proposed {n} interview{'s' if n > 1 else ''}; invitations go out once you "
                                  "approve them.")
    for text in result.refused:
        messages.warning(request, text)
    return redirect("program:queue")


@require(READ_QUEUE)
def pipeline(request: HttpRequest) -> HttpResponse:
    interviews = list(Interview.objects.filter(stage__in=OPEN_STAGES)
                      .select_related("deal", "deal__account", "deal__owner", "contact", "interviewer")
                      .order_by("deal__close_date", "pk"))
    can_manage = request.member.can(MANAGE_PROGRAM)
    context = {
        "stages": [(Stage(stage).label, [i for i in interviews if i.stage == stage]) for stage in OPEN_STAGES],
        "can_manage": can_manage,
        "pool": sorted(interviewer_pool(), key=lambda i: i.name.casefold()) if can_manage else [],
    }
    return render(request, "program/pipeline.html", context)


@require_POST
@require(MANAGE_PROGRAM)
def reassign_interview(request: HttpRequest, pk: int) -> HttpResponse:
    interview = get_object_or_404(Interview.objects.select_related("deal", "interviewer"), pk=pk)
    chosen = request.POST.get("interviewer", "")
    user = get_user_model().objects.filter(pk=chosen).first() if chosen.isdigit() else None
    if user is None:
        messages.error(request, "Choose the interviewer to give this interview to.")
        return redirect("program:pipeline")
    try:
        event = reassign(interview, user, by=request.user)
    except AssignmentError as refusal:
        messages.error(request, f"{interview.deal.name}: {refusal}.")
    else:
        messages.success(request, f"{interview.deal.name}: {event.note}.")
    return redirect("program:pipeline")


@require(CONDUCT_INTERVIEWS)
def my_assignments(request: HttpRequest) -> HttpResponse:
    interviews = list(Interview.objects.filter(interviewer=request.user)
                      .select_related("deal", "deal__account", "contact")
                      .order_by(F("scheduled_for").asc(nulls_last=True), "-created_at"))
    context = {
        "sections": [("To do", [i for i in interviews if i.stage in OPEN_STAGES]),
                     ("Done or closed", [i for i in interviews if i.stage not in OPEN_STAGES])],
    }
    return render(request, "program/my_assignments.html", context)


urlpatterns = [
    path("queue/", queue, name="queue"),
    path("queue/propose/", propose, name="propose"),
    path("pipeline/", pipeline, name="pipeline"),
    path("interviews/<int:pk>/reassign/", reassign_interview, name="reassign"),
    path("mine/", my_assignments, name="my_assignments"),
]
