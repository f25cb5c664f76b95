"""The program owner's settings: company, segments, window, mix, ranking, thank-you and surveys on one page;
competitors, quarterly targets, the invitation texts and the interviewers (with the reps' org chart) on their own.
Each section is its own small form; an invalid one is shown again with its errors and nothing is saved."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from winloss.accounts.models import MANAGE_PROGRAM
from winloss.accounts.permissions import require
from winloss.core.quarters import QuarterError, parse_quarter, quarter_of, shift_quarter
from winloss.deals.models import Account, Competitor, Contact, Deal, SalesRep
from winloss.program import invitations
from winloss.program.models import InterviewerProfile, ProgramSettings, Target
from winloss.program.settings_forms import (
    CompanyForm,
    CompetitorForm,
    ExternalPersonForm,
    ExtrasForm,
    ManagerForm,
    MixForm,
    PoolAddForm,
    ProfileForm,
    RankingForm,
    SegmentsForm,
    TargetsForm,
    TextsForm,
    TimingForm,
)

PAGE_SECTIONS = {"company": CompanyForm, "segments": SegmentsForm, "timing": TimingForm, "mix": MixForm,
                 "ranking": RankingForm, "extras": ExtrasForm}
SECTIONS = {**PAGE_SECTIONS, "texts": TextsForm}

Form = forms.BaseForm


def _form(bound: Form | None, prefix: str, make: Callable[[], Form]) -> Form:
    """The bound form that failed validation when it is this one, else a fresh form."""
    return bound if bound is not None and bound.prefix == prefix else make()


@require(MANAGE_PROGRAM)
def settings_page(request: HttpRequest) -> HttpResponse:
    return _settings_page(request)


def _settings_page(request: HttpRequest, bound: Form | None = None, status: int = 200) -> HttpResponse:
    settings = ProgramSettings.current()
    sections = [(name, _form(bound, name, lambda cls=cls, name=name: cls(instance=settings, prefix=name)))
                for name, cls in PAGE_SECTIONS.items()]
    return render(request, "program/settings.html", {"sections": sections}, status=status)


@require(MANAGE_PROGRAM)
@require_POST
def save_section(request: HttpRequest, section: str) -> HttpResponse:
    if section not in SECTIONS:
        raise Http404("No such section")
    form = SECTIONS[section](request.POST, instance=ProgramSettings.current(), prefix=section)
    if not form.is_valid():
        if section == "texts":
            return _texts_page(request, form, status=400)
        return _settings_page(request, form, status=400)
    form.save()
    messages.success(request, f"{form.title} saved.")
    return redirect("program:texts") if section == "texts" else redirect(f"{reverse('program:settings')}#{section}")


@require(MANAGE_PROGRAM)
def texts(request: HttpRequest) -> HttpResponse:
    return _texts_page(request)


def _texts_page(request: HttpRequest, form: Form | None = None, preview: dict[str, Any] | None = None,
                status: int = 200) -> HttpResponse:
    form = form or TextsForm(instance=ProgramSettings.current(), prefix="texts")
    return render(request, "program/settings_texts.html", {"form": form, "preview": preview}, status=status)


@require(MANAGE_PROGRAM)
@require_POST
def texts_preview(request: HttpRequest) -> HttpResponse:
    """The texts as typed (not saved), rendered for a sample deal."""
    form = TextsForm(request.POST, instance=ProgramSettings.current(), prefix="texts")
    preview = None
    if form.is_valid():
        try:
            preview = _preview(form)
        except invitations.TemplateError as error:
            form.add_error(None, f"Template error: {error}")
    if request.htmx:
        return render(request, "program/_texts_preview.html", {"form": form, "preview": preview})
    return _texts_page(request, form, preview, status=200 if preview else 400)


def _preview(form: TextsForm) -> dict[str, Any]:
    context = _sample_context(form.instance)
    data = form.cleaned_data
    return {"deal": context["deal"], "contact": context["contact"],
            "invitation": (_subject(data["invitation_subject"], context),
                           invitations.render(data["invitation_body"], context)),
            "reminder": (_subject(data["reminder_subject"], context),
                         invitations.render(data["reminder_body"], context))}


def _subject(text: str, context: dict[str, Any]) -> str:
    return invitations.one_line(invitations.render(text, context))


def _sample_context(settings: ProgramSettings) -> dict[str, Any]:
    """What a text is rendered with: the latest closed deal with a buyer's email, or a made-up one."""
    deal = (Deal.objects.closed().filter(contacts__email__gt="").select_related("account")
            .order_by("-close_date", "pk").first())
    if deal is None:
        deal, contact = Deal(name="Example Industries renewal", account=Account(name="Example Industries"),
                             outcome="lost"), Contact(name="Alex Example", email="alex@example.com")
    else:
        contact = deal.contacts.exclude(email="").first()
    interviewer = InterviewerProfile.objects.filter(active=True).select_related("user").first()
    return {"deal": deal, "contact": contact, "company": settings.company or "Our company",
            "interviewer_name": str(interviewer) if interviewer else "Your interviewer",
            "incentive": settings.incentive, "survey_url": "[the buyer's survey link]",
            "opt_out_url": "[the buyer's opt-out link]"}


@require(MANAGE_PROGRAM)
def competitors(request: HttpRequest) -> HttpResponse:
    return _competitors_page(request)


def _competitors_page(request: HttpRequest, bound: Form | None = None, status: int = 200) -> HttpResponse:
    settings = ProgramSettings.current()
    strategic = set(settings.strategic_competitors.values_list("pk", flat=True))
    rows = [(c, _form(bound, f"c{c.pk}", lambda c=c: CompetitorForm(
        instance=c, prefix=f"c{c.pk}", settings=settings, initial={"strategic": c.pk in strategic})))
        for c in Competitor.objects.annotate(deals=Count("primary_deals"))]
    add_form = _form(bound, "add", lambda: CompetitorForm(prefix="add", settings=settings))
    context = {"rows": rows, "add_form": add_form, "strategic": strategic}
    return render(request, "program/settings_competitors.html", context, status=status)


@require(MANAGE_PROGRAM)
@require_POST
def competitor_add(request: HttpRequest) -> HttpResponse:
    form = CompetitorForm(request.POST, prefix="add", settings=ProgramSettings.current())
    if not form.is_valid():
        return _competitors_page(request, form, status=400)
    competitor = form.save()
    messages.success(request, f"Added {competitor}.")
    return redirect("program:competitors")


@require(MANAGE_PROGRAM)
@require_POST
def competitor_edit(request: HttpRequest, pk: int) -> HttpResponse:
    competitor = get_object_or_404(Competitor, pk=pk)
    form = CompetitorForm(request.POST, instance=competitor, prefix=f"c{pk}", settings=ProgramSettings.current())
    if not form.is_valid():
        return _competitors_page(request, form, status=400)
    form.save()
    messages.success(request, f"Saved {competitor}.")
    return redirect("program:competitors")


@require(MANAGE_PROGRAM)
@require_POST
def competitor_remove(request: HttpRequest, pk: int) -> HttpResponse:
    competitor = get_object_or_404(Competitor, pk=pk)
    competitor.delete()
    messages.success(request, f"Removed {competitor}.")
    return redirect("program:competitors")


@require(MANAGE_PROGRAM)
def targets(request: HttpRequest) -> HttpResponse:
    """A quarter's targets (GET ?quarter=2026Q3, the current quarter by default); POST saves them."""
    try:
        quarter = parse_quarter(request.GET.get("quarter") or quarter_of(timezone.localdate()))
    except QuarterError as error:
        return render(request, "program/settings_targets.html", {"error": str(error)}, status=400)
    settings = ProgramSettings.current()
    form = TargetsForm(request.POST or None, quarter=quarter, segments=_segments(settings.segment_fields, quarter))
    if form.is_bound and form.is_valid():
        form.save()
        messages.success(request, f"Targets for {quarter} saved.")
        return redirect(f"{reverse('program:targets')}?quarter={quarter}")
    context = {"form": form, "quarter": quarter, "previous": shift_quarter(quarter, -1),
               "next": shift_quarter(quarter, 1)}
    return render(request, "program/settings_targets.html", context, status=400 if form.is_bound else 200)


def _segments(fields: list[str], quarter: str) -> list[tuple[str, str]]:
    """The whole program, then every value each segment field takes in the deals or in the quarter's targets."""
    segments = [("", "")]
    for field in fields:
        values = set(Deal.objects.exclude(**{field: ""}).values_list(field, flat=True).distinct())
        values |= set(Target.objects.filter(quarter=quarter, field=field).values_list("value", flat=True))
        segments += [(field, v) for v in sorted(values)]
    return segments


@require(MANAGE_PROGRAM)
def interviewers(request: HttpRequest) -> HttpResponse:
    return _interviewers_page(request)


def _interviewers_page(request: HttpRequest, bound: Form | None = None, status: int = 200) -> HttpResponse:
    pool = [(p, _form(bound, f"p{p.pk}", lambda p=p: ProfileForm(instance=p, prefix=f"p{p.pk}")))
            for p in InterviewerProfile.objects.select_related("user__membership", "sales_rep")
            .order_by("user__username")]
    everyone = _reps()
    reps = [(r, _form(bound, f"r{r.pk}", lambda r=r: ManagerForm(instance=r, prefix=f"r{r.pk}", reps=everyone)))
            for r in everyone.values()]
    context = {"pool": pool, "reps": reps, "add_form": _form(bound, "add", lambda: PoolAddForm(prefix="add")),
               "external_form": _form(bound, "ext", lambda: ExternalPersonForm(prefix="ext"))}
    return render(request, "program/settings_interviewers.html", context, status=status)


def _reps() -> dict[int, SalesRep]:
    """Every rep by id, in name order: one query for the whole org chart."""
    return {rep.pk: rep for rep in SalesRep.objects.all()}


@require(MANAGE_PROGRAM)
@require_POST
def interviewer_add(request: HttpRequest) -> HttpResponse:
    form = PoolAddForm(request.POST, prefix="add")
    if not form.is_valid():
        return _interviewers_page(request, form, status=400)
    profile = form.save()
    messages.success(request, f"{profile} is in the interviewer pool.")
    return redirect("program:interviewers")


@require(MANAGE_PROGRAM)
@require_POST
def interviewer_edit(request: HttpRequest, pk: int) -> HttpResponse:
    profile = get_object_or_404(InterviewerProfile.objects.select_related("user"), pk=pk)
    form = ProfileForm(request.POST, instance=profile, prefix=f"p{pk}")
    if not form.is_valid():
        return _interviewers_page(request, form, status=400)
    form.save()
    messages.success(request, f"Saved {profile}.")
    return redirect("program:interviewers")


@require(MANAGE_PROGRAM)
@require_POST
def external_add(request: HttpRequest) -> HttpResponse:
    """Create a partner firm's interviewer and show their initial password, this once."""
    form = ExternalPersonForm(request.POST, prefix="ext")
    if not form.is_valid():
        return _interviewers_page(request, form, status=400)
    user, password = form.save()
    response = render(request, "program/person_added.html", {"person": user, "password": password})
    response["Cache-Control"] = "no-store"
    return response


@require(MANAGE_PROGRAM)
@require_POST
def rep_manager(request: HttpRequest, pk: int) -> HttpResponse:
    reps = _reps()
    if pk not in reps:
        raise Http404("No such rep")
    rep = reps[pk]
    form = ManagerForm(request.POST, instance=rep, prefix=f"r{pk}", reps=reps)
    if not form.is_valid():
        return _interviewers_page(request, form, status=400)
    form.save()
    messages.success(request, f"{rep}'s manager saved.")
    return redirect(f"{reverse('program:interviewers')}#reps")


urlpatterns = [
    path("settings/", settings_page, name="settings"),
    path("settings/texts/", texts, name="texts"),
    path("settings/texts/preview/", texts_preview, name="texts_preview"),
    path("settings/competitors/", competitors, name="competitors"),
    path("settings/competitors/add/", competitor_add, name="competitor_add"),
    path("settings/competitors/<int:pk>/", competitor_edit, name="competitor_edit"),
    path("settings/competitors/<int:pk>/remove/", competitor_remove, name="competitor_remove"),
    path("settings/targets/", targets, name="targets"),
    path("settings/interviewers/", interviewers, name="interviewers"),
    path("settings/interviewers/add/", interviewer_add, name="interviewer_add"),
    path("settings/interviewers/external/", external_add, name="external_add"),
    path("settings/interviewers/<int:pk>/", interviewer_edit, name="interviewer_edit"),
    path("settings/reps/<int:pk>/manager/", rep_manager, name="rep_manager"),
    path("settings/<slug:section>/save/", save_section, name="settings_save"),
]
