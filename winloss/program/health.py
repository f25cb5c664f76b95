"""Gather a quarter's plain facts from the database for `winloss.stats.program` (a handful of queries)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Min
from django.utils import timezone

from winloss.core.quarters import parse_quarter, quarter_bounds
from winloss.deals.models import Deal
from winloss.interviews.models import Interview, Stage, StageEvent
from winloss.program.models import InterviewerProfile, ProgramSettings, Target
from winloss.stats.program import (
    OPEN,
    DealFacts,
    Health,
    InterviewerFacts,
    InterviewFacts,
    TargetFacts,
    program_health,
)


def quarter_health(quarter: str) -> Health:
    """The program's health for a quarter like '2026Q3'; raises QuarterError for a malformed label."""
    quarter = parse_quarter(quarter)
    settings = ProgramSettings.current()
    fields = list(settings.segment_fields)
    deals = _deals(quarter, fields)
    interviews = _interviews([d.id for d in deals])
    open_assignments = list(Interview.objects.filter(stage__in=OPEN, interviewer__isnull=False)
                            .values_list("interviewer_id", flat=True))
    ids = {i.interviewer_id for i in interviews if i.interviewer_id} | set(open_assignments)
    targets = [TargetFacts(**t) for t in Target.objects.filter(quarter=quarter).values("field", "value", "interviews")]
    return program_health(quarter, deals, interviews, targets=targets, segment_fields=fields,
                          outcome_mix=settings.outcome_mix,
                          window=(settings.window_start_days, settings.window_end_days),
                          people=_people(ids), open_assignments=open_assignments)


def _deals(quarter: str, fields: list[str]) -> list[DealFacts]:
    rows = (Deal.objects.closed().filter(close_date__range=quarter_bounds(quarter))
            .values("id", "outcome", "close_date", "primary_competitor__name", *fields))
    return [DealFacts(r["id"], r["outcome"], r["close_date"], {f: r[f] for f in fields},
                      r["primary_competitor__name"] or "") for r in rows]


def _interviews(deal_ids: list[int]) -> list[InterviewFacts]:
    """The interviews on these deals; one held is dated by its interview date, else by the day it was marked
    completed."""
    rows = list(Interview.objects.filter(deal_id__in=deal_ids).values("id", "deal_id", "stage", "interviewer_id",
                                                                      "date", "invited_at"))
    marked = dict(StageEvent.objects.filter(interview_id__in=[r["id"] for r in rows], after=Stage.COMPLETED)
                  .values("interview_id").annotate(first=Min("at")).values_list("interview_id", "first"))
    return [InterviewFacts(r["deal_id"], r["stage"], r["interviewer_id"],
                           r["date"] or (timezone.localdate(marked[r["id"]]) if r["id"] in marked else None),
                           r["invited_at"] is not None)
            for r in rows]


def _people(assigned: set[int]) -> list[InterviewerFacts]:
    """The interviewer pool, and anyone else holding an interview in the figures."""
    pool = {p["user_id"]: p for p in InterviewerProfile.objects.values("user_id", "capacity", "active")}
    users = get_user_model().objects.filter(pk__in=set(pool) | assigned).values("id", "username", "first_name",
                                                                               "last_name")
    people = []
    for u in users:
        name = f"{u['first_name']} {u['last_name']}".strip() or u["username"]
        profile = pool.get(u["id"])
        people.append(InterviewerFacts(u["id"], name, profile["capacity"] if profile else None,
                                       profile["active"] if profile else True))
    return people
