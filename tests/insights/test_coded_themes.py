"""The insights read each interview's codes folded by theme (`Interview.coded_themes`): every write that changes an
interview's codes refreshes it in the same transaction, so the insights show the change at once."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factory import PASSWORD, make_coded_interview, make_deal
from tests.interviews.review_data import ANSWER
from tests.interviews.review_data import make_coded_interview as make_reviewable_interview
from winloss.deals.models import Competitor, Deal
from winloss.insights.facts import load
from winloss.interviews import review
from winloss.interviews.models import Code, Interview
from winloss.program.models import ProgramSettings
from winloss.stats.themes import CodedThemes

TRANSCRIPT = """Nadia Brennan: Thanks for making time. How did the decision go?
Gregory Underwood: We went with Northwind in the end. Your support team was slow to answer our tickets during \
the trial.
"""


def facts_of(interview):
    [fact] = [f for f in load(Deal.objects.all()).interviews if f.interview_id == interview.pk]
    return fact


def folded(interview):
    """What the interview's effective codes say now, folded afresh."""
    return CodedThemes.of(Code.objects.effective().filter(statement__turn__interview=interview).values_list(
        "theme", "polarity", "vendor", "competitor_id"))


@pytest.fixture
def interview(db):
    return make_reviewable_interview()  # Northwind praised on implementation; we are criticised on price, support


def engine_code(interview, theme):
    return Code.objects.get(statement__turn__interview=interview, theme=theme, origin="engine")


def test_coding_a_transcript_stores_its_themes_and_the_insights_show_them(client, people):
    ProgramSettings.objects.create(pk=1, company="Brightline Analytics", aliases=["Brightline"])
    Competitor.objects.create(name="Northwind Systems", aliases=["Northwind"])
    deal = make_deal(outcome="lost", primary_competitor="Northwind Systems")
    client.login(username=people["analyst"].username, password=PASSWORD)
    transcript = SimpleUploadedFile("call.txt", TRANSCRIPT.encode())
    client.post(reverse("interviews:upload", args=[deal.pk]), {"transcript": transcript, "interviewer_name": "Nadia"})
    interview = Interview.objects.get(deal=deal)
    fact = facts_of(interview)
    assert "support" in fact.weaknesses
    assert (fact.mentions, fact.strengths, fact.weaknesses, fact.rival_strengths, fact.rival_weaknesses) == (
        folded(interview).mentions, folded(interview).strengths, folded(interview).weaknesses,
        folded(interview).rival_strengths, folded(interview).rival_weaknesses)


def test_rejecting_a_code_takes_its_theme_out_and_accepting_it_again_puts_it_back(interview, people):
    assert "price" in facts_of(interview).weaknesses
    code = engine_code(interview, "price")
    review.reject(code, people["analyst"])
    fact = facts_of(interview)
    assert "price" not in fact.weaknesses and "price" not in fact.mentions
    review.accept(code, people["analyst"])
    assert "price" in facts_of(interview).weaknesses


def test_changing_a_code_shows_the_analysts_theme_instead(interview, people):
    review.change(engine_code(interview, "price"), people["analyst"], theme="commercial_terms", polarity="positive",
                  vendor="us")
    fact = facts_of(interview)
    assert "commercial_terms" in fact.strengths and "price" not in fact.weaknesses | fact.mentions


def test_adding_a_code_shows_its_theme(interview, people):
    turn = interview.turns.get(index=1)
    start = ANSWER.index("Marcus")
    review.add_code(turn, start, len(ANSWER), people["analyst"], theme="responsiveness", polarity="negative",
                    vendor="us")
    assert "responsiveness" in facts_of(interview).weaknesses


def test_a_removed_competitors_judgements_count_only_as_mentions(interview):
    northwind = Competitor.objects.get(name="Northwind")
    assert facts_of(interview).rival_strengths == {northwind.pk: {"implementation"}}
    northwind.delete()
    fact = facts_of(interview)
    assert fact.rival_strengths == {} and fact.competitor_ids == frozenset() and "implementation" in fact.mentions


def test_the_migration_folds_the_codes_of_existing_interviews(db):
    one = make_coded_interview(make_deal(), codes=[("price", "negative", "us"), ("support", "positive", "Acme"),
                                                   ("integration", "positive", "us", True)])
    two = make_coded_interview(make_deal(), codes=[("support", "neutral", "")])
    Interview.objects.update(coded_themes={})
    importlib.import_module("winloss.interviews.migrations.0007_interview_coded_themes").fill(apps, None)
    acme = Competitor.objects.get(name="Acme").pk
    assert Interview.objects.get(pk=one.pk).coded_themes == {
        "mentions": ["price", "support"], "strengths": [], "weaknesses": ["price"],
        "rival_strengths": {str(acme): ["support"]}, "rival_weaknesses": {}}
    assert Interview.objects.get(pk=two.pk).coded_themes == CodedThemes(frozenset({"support"})).as_json()
