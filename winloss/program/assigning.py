"""The interviewer pool and the org chart as the neutral-assignment rules see them, and manual reassignment."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Count, Q

from winloss.accounts.models import CONDUCT_INTERVIEWS
from winloss.core.program import AssignmentError, Interviewer, OrgChart, Rep, check
from winloss.deals.models import SalesRep
from winloss.interviews.models import Interview, Stage, StageEvent
from winloss.program import invitations
from winloss.program.models import InterviewerProfile

# An interviewer's open assignments: interviews not yet held. They count against the interviewer's capacity.
OPEN_STAGES = (Stage.PROPOSED, Stage.INVITED, Stage.SCHEDULED)


def person_name(user: AbstractBaseUser | None) -> str:
    if user is None:
        return "nobody"
    return user.get_full_name() or user.get_username()


def interviewer_pool() -> list[Interviewer]:
    """Everyone with an interviewer profile and a role that may conduct interviews, with their current load."""
    profiles = (InterviewerProfile.objects.filter(user__membership__role__in=CONDUCT_INTERVIEWS)
                .select_related("user")
                .annotate(open=Count("user__interviews", filter=Q(user__interviews__stage__in=OPEN_STAGES)),
                          total=Count("user__interviews")))
    return [Interviewer(p.user_id, person_name(p.user), p.user.email, p.sales_rep_id, p.capacity, p.active,
                        p.open, p.total) for p in profiles]


def org_chart() -> OrgChart:
    return OrgChart(Rep(r.pk, r.name, r.email, r.manager_id) for r in SalesRep.objects.all())


def reassign(interview: Interview, user: AbstractBaseUser, *, by: AbstractBaseUser) -> StageEvent:
    """Give the interview to `user` under the same neutrality and capacity rules as the queue; raises
    AssignmentError, changing nothing, when the rules forbid it. A scheduled call's calendar invitation is sent
    again, updated, to the buyer and the new interviewer, who becomes its organizer."""
    if interview.stage not in OPEN_STAGES:
        raise AssignmentError(f"This interview is {interview.get_stage_display().lower()}; only interviews not "
                              "yet held can be reassigned")
    if interview.interviewer_id == user.pk:
        raise AssignmentError(f"{person_name(user)} already has this interview")
    pool = {interviewer.id: interviewer for interviewer in interviewer_pool()}
    if user.pk not in pool:
        raise AssignmentError(f"{person_name(user)} is not an interviewer")
    check(pool[user.pk], interview.deal.owner_id, org_chart())
    before = person_name(interview.interviewer)
    try:
        with transaction.atomic():
            interview.interviewer = user
            interview.save(update_fields=["interviewer"])
            event = StageEvent.objects.create(interview=interview, before=interview.stage, after=interview.stage,
                                              by=by, note=f"reassigned from {before} to {person_name(user)}")
            if interview.stage == Stage.SCHEDULED:
                invitations.send_calendar(interview, by=by)
            return event
    except invitations.ITEM_ERRORS as error:
        interview.refresh_from_db()
        raise AssignmentError(f"the updated calendar invitation could not be sent ({error}); nothing changed") \
            from error
