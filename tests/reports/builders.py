"""Coded interviews with quotes, built straight into the tables (the coding engine has its own tests)."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from tests.factory import make_deal
from winloss.interviews.models import Code, Interview, Quote, Stage, Statement, Turn

# The unredacted quote names a person; its redacted form does not. Reports for non-analysts must never show it.
NAMED = "Zoë Hartmann, our rep’s manager, promised onboarding in six weeks — it took five months."
REDACTED = "[name], our rep’s manager, promised onboarding in six weeks — it took five months."


def make_quoted_interview(*, outcome: str = "lost", close_date: date = date(2026, 8, 15), theme: str = "implementation",
                         text: str = NAMED, redacted: str = REDACTED, competitor: str | None = "Northwind Systems",
                         interviewer=None) -> Interview:
    deal = make_deal(outcome=outcome, close_date=close_date, primary_competitor=competitor,
                     account="Coppercombe Schools")
    interview = Interview.objects.create(deal=deal, stage=Stage.CODED, status=Interview.Status.CODED,
                                         date=close_date, coded_at=timezone.now(), primary_reasons=[theme],
                                         interviewer=interviewer, interviewer_name="Nadia Brennan")
    turn = Turn.objects.create(interview=interview, index=0, speaker="Gregory Underwood", role="buyer", text=text)
    statement = Statement.objects.create(turn=turn, start=0, end=len(text), text=text)
    Code.objects.create(statement=statement, theme=theme, polarity="negative", vendor="us", confidence=0.9)
    interview.refresh_coded_themes()
    Quote.objects.create(interview=interview, turn=turn, theme=theme, text=text, redacted=redacted)
    return interview
