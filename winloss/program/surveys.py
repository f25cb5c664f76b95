"""Buyer self-serve surveys: a link with an unguessable token, usable once until it expires, whose answers are
stored on the interview (now a survey) and coded like a transcript. The token rules here serve every public link
(the rep's form too): an unknown token is a 404, an expired, used or closed one a 410, and none changes anything."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from winloss.analysis.guide import Question
from winloss.interviews.models import NEXT_STAGES, Answer, GuideVersion, Interview, Stage, StageError
from winloss.interviews.tasks import code_interview_task
from winloss.program.models import OptOut, ProgramSettings, RepView, SurveyLink

# Survey answers by question id: (rating 1-5 or None, open answer).
Answers = dict[str, tuple[int | None, str]]


class LinkClosed(Exception):
    """A public link that cannot be used: `reason` is unknown, expired, used or closed (the buyer opted out, or
    the interview went where a survey cannot complete it); `status` is the HTTP status to answer with."""

    STATUS = {"unknown": 404, "expired": 410, "used": 410, "closed": 410}

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.status = self.STATUS[reason]


def new_token() -> str:
    return secrets.token_urlsafe(32)


def public_url(view_name: str, token: str) -> str:
    """The address, for an email, of a page opened without login."""
    return settings.BASE_URL + reverse(view_name, args=[token])


def create_survey_link(interview: Interview, now: datetime) -> SurveyLink:
    """The interview's survey link, made the first time; an unused link that expired gets a new token and a new
    expiry (the old token stops working)."""
    expires_at = now + timedelta(days=ProgramSettings.current().survey_valid_days)
    link, created = SurveyLink.objects.get_or_create(interview=interview,
                                                     defaults={"token": new_token(), "expires_at": expires_at})
    if not created and link.used_at is None and link.expires_at <= now:
        link.token, link.expires_at = new_token(), expires_at
        link.save(update_fields=["token", "expires_at"])
    return link


def survey_url(link: SurveyLink) -> str:
    return public_url("program:survey", link.token)


def survey_closed(interview: Interview) -> bool:
    """Whether the buyer may no longer answer: they opted out, or the interview cannot be completed any more."""
    email = interview.contact.email.strip().lower() if interview.contact else ""
    if email and OptOut.objects.filter(email=email).exists():
        return True
    return Stage.COMPLETED not in NEXT_STAGES[interview.stage]


def check_token_row(row: SurveyLink | RepView | None, used_at: datetime | None, now: datetime) -> None:
    """The rules every public link follows: it must exist, not have been used, and not have expired."""
    if row is None:
        raise LinkClosed("unknown")
    if used_at is not None:
        raise LinkClosed("used")
    if now >= row.expires_at:
        raise LinkClosed("expired")


def open_survey(token: str, now: datetime) -> SurveyLink:
    """The link for this token if the buyer may answer now; raises LinkClosed otherwise."""
    link = SurveyLink.objects.select_related("interview__deal", "interview__contact").filter(token=token).first()
    check_token_row(link, link.used_at if link else None, now)
    if survey_closed(link.interview):
        raise LinkClosed("closed")
    return link


def survey_guide(interview: Interview) -> GuideVersion:
    return interview.guide_version or GuideVersion.current()


def survey_questions(interview: Interview) -> list[Question]:
    """The guide's survey questions for the deal's outcome, in guide order."""
    outcome = interview.deal.outcome if interview.deal.outcome != "open" else None
    return [q for _, q in survey_guide(interview).guide.questions_for(outcome) if q.survey]


def submit_survey(link: SurveyLink, answers: Answers, now: datetime) -> None:
    """Store the buyer's answers, complete the interview as a survey and queue its coding, in one transaction;
    raises LinkClosed("used") when another submit of the same link got there first."""
    interview = link.interview
    with transaction.atomic():
        if not SurveyLink.objects.filter(pk=link.pk, used_at__isnull=True).update(used_at=now):
            raise LinkClosed("used")
        for question, (rating, text) in answers.items():
            Answer.objects.update_or_create(interview=interview, question=question,
                                            defaults={"rating": rating, "text": text})
        interview.kind = Interview.Kind.SURVEY
        interview.guide_version = survey_guide(interview)
        interview.date = timezone.localdate(now)
        interview.status = Interview.Status.PENDING
        interview.save(update_fields=["kind", "guide_version", "date", "status"])
        if interview.contact is not None:
            interview.buyers.add(interview.contact)
        try:
            interview.move(Stage.COMPLETED, note="Survey answered")
        except StageError:  # the buyer opted out, or the interview ended, since the page was opened
            raise LinkClosed("closed") from None
        code_interview_task.enqueue(interview.pk)
