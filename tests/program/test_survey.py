"""The buyer's self-serve survey: a link usable once until it expires, without login; the answers become a survey
interview coded like a transcript; a bad, expired or used link gets a clear page and changes nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factory import PASSWORD, make_deal
from winloss.deals.models import Competitor, Contact
from winloss.interviews.models import Answer, Code, Interview, Stage, StageEvent, Turn
from winloss.program.models import OptOut, ProgramSettings, SurveyLink
from winloss.program.surveys import create_survey_link
from winloss.program.views import surveys as survey_views

NOW = datetime(2026, 9, 1, 9, 0, tzinfo=UTC)
ANSWER = ("Northwind had us live in six weeks; Brightline's implementation team could not commit to a date at all, "
          "and that decided it.")


@pytest.fixture
def program(db):
    ProgramSettings.objects.create(pk=1, company="Brightline Analytics", aliases=["Brightline"], survey_valid_days=21)
    Competitor.objects.create(name="Northwind Systems", aliases=["Northwind"])


def make_interview(stage: str = Stage.INVITED, email: str = "greg@coppercombe.example") -> Interview:
    deal = make_deal(name="Coppercombe - Core Analytics", outcome="lost", primary_competitor="Northwind Systems")
    contact = Contact.objects.create(deal=deal, name="Gregory Underwood", email=email)
    return Interview.objects.create(deal=deal, contact=contact, stage=stage)


def snapshot() -> dict[str, list[dict]]:
    """Every row the survey could touch, to show that a refused request changed nothing."""
    return {model.__name__: list(model.objects.order_by("pk").values())
            for model in (Interview, SurveyLink, Answer, StageEvent, Turn, Code)}


def url(token: str) -> str:
    return reverse("program:survey", args=[token])


def answers(**extra: str) -> dict[str, str]:
    return {"decision-lost-text": ANSWER, "perceptions-product-rating": "2",
            "perceptions-product-text": "It fitted well enough.", **extra}


def test_the_survey_asks_the_guides_survey_questions_for_the_outcome_and_promises_confidentiality(client, program):
    link = create_survey_link(make_interview(), timezone.now())
    page = client.get(url(link.token)).content.decode()
    assert "What ultimately led you to choose the vendor you went with?" in page  # the lost-deal variant
    assert "What ultimately led you to choose Brightline Analytics?" not in page  # the won-deal one is not asked
    assert "Who was involved in the decision" not in page  # survey = false: a call-only question
    assert page.count('type="radio" name="perceptions-product-rating"') == 5
    assert 'name="decision-lost-rating"' not in page  # open answer only
    assert "confidential" in page and "without your name" in page
    assert "Gregory" not in page and "Coppercombe" not in page


def test_the_answers_are_stored_as_a_survey_interview_and_coded(client, program):
    interview = make_interview()
    link = create_survey_link(interview, timezone.now())
    response = client.post(url(link.token), answers())
    assert response.status_code == 200 and "Thank you" in response.content.decode()
    interview.refresh_from_db()
    assert interview.kind == Interview.Kind.SURVEY
    assert dict(interview.answers.values_list("question", "rating")) == {"decision-lost": None,
                                                                         "perceptions-product": 2}
    assert interview.answers.get(question="decision-lost").text == ANSWER
    assert interview.status == Interview.Status.CODED, interview.error
    assert interview.stage == Stage.CODED
    assert [(e.before, e.after) for e in interview.events.all()] == [("invited", "completed"), ("completed", "coded")]
    assert interview.competitor_mentions.get().competitor.name == "Northwind Systems"
    assert Code.objects.filter(statement__turn__interview=interview, theme="implementation").exists()
    assert interview.guide_version is not None and list(interview.buyers.all()) == [interview.contact]
    assert SurveyLink.objects.get().used_at is not None


@pytest.mark.parametrize("stage", [Stage.PROPOSED, Stage.SCHEDULED, Stage.NO_RESPONSE])
def test_a_survey_completes_an_interview_from_any_stage_that_allows_it(client, program, stage):
    interview = make_interview(stage=stage)
    link = create_survey_link(interview, timezone.now())
    assert client.post(url(link.token), answers()).status_code == 200
    assert interview.events.first().before == stage and interview.events.first().after == Stage.COMPLETED


def test_csrf_is_enforced_for_the_anonymous_buyer(program):
    link = create_survey_link(make_interview(), timezone.now())
    client = Client(enforce_csrf_checks=True)
    before = snapshot()
    assert client.post(url(link.token), answers()).status_code == 403
    assert snapshot() == before
    client.get(url(link.token))
    token = client.cookies["csrftoken"].value
    response = client.post(url(link.token), answers(csrfmiddlewaretoken=token))
    assert response.status_code == 200
    assert Interview.objects.get().kind == Interview.Kind.SURVEY


def test_an_unknown_or_tampered_token_is_not_found_and_changes_nothing(client, program):
    link = create_survey_link(make_interview(), timezone.now())
    tampered = link.token[:-1] + ("A" if link.token[-1] != "A" else "B")
    before = snapshot()
    for token in ("no-such-token", tampered, link.token + "x"):
        for response in (client.get(url(token)), client.post(url(token), answers())):
            assert response.status_code == 404
            assert "not valid" in response.content.decode()
    assert snapshot() == before


def test_a_link_expires_to_the_second_and_then_changes_nothing(client, program):
    link = create_survey_link(make_interview(), NOW)
    assert link.expires_at == NOW + timedelta(days=21)
    with time_machine.travel(link.expires_at - timedelta(seconds=1), tick=False):
        assert client.get(url(link.token)).status_code == 200
    before = snapshot()
    with time_machine.travel(link.expires_at + timedelta(seconds=1), tick=False):
        for response in (client.get(url(link.token)), client.post(url(link.token), answers())):
            assert response.status_code == 410
            assert "expired" in response.content.decode()
    assert snapshot() == before


def test_a_link_is_usable_once(client, program):
    link = create_survey_link(make_interview(), timezone.now())
    assert client.post(url(link.token), answers()).status_code == 200
    before = snapshot()
    for response in (client.get(url(link.token)), client.post(url(link.token), answers(**{
            "decision-lost-text": "Second thoughts"}))):
        assert response.status_code == 410
        assert "already used" in response.content.decode()
    assert snapshot() == before
    assert Answer.objects.get(question="decision-lost").text == ANSWER


def test_a_buyer_who_opted_out_finds_the_link_no_longer_valid(client, program):
    link = create_survey_link(make_interview(email="Greg@Coppercombe.example"), timezone.now())
    OptOut.objects.create(email="greg@coppercombe.example")
    before = snapshot()
    for response in (client.get(url(link.token)), client.post(url(link.token), answers())):
        assert response.status_code == 410
        assert "no longer valid" in response.content.decode()
    assert snapshot() == before


def test_an_empty_survey_is_refused_with_a_message(client, program):
    link = create_survey_link(make_interview(), timezone.now())
    before = snapshot()
    response = client.post(url(link.token), {"decision-lost-text": "   ", "perceptions-product-text": ""})
    assert response.status_code == 400
    assert "Please answer at least one question" in response.content.decode()
    assert snapshot() == before


def test_a_rating_out_of_range_is_refused(client, program):
    link = create_survey_link(make_interview(), timezone.now())
    before = snapshot()
    assert client.post(url(link.token), answers(**{"perceptions-product-rating": "6"})).status_code == 400
    assert snapshot() == before


def test_an_interview_has_one_link_and_an_expired_one_is_renewed(program):
    interview = make_interview()
    first = create_survey_link(interview, NOW)
    assert create_survey_link(interview, NOW + timedelta(days=1)).token == first.token
    renewed = create_survey_link(interview, first.expires_at)
    assert renewed.pk == first.pk and renewed.token != first.token
    assert renewed.expires_at == first.expires_at + timedelta(days=21)
    assert len(renewed.token) >= 43  # 32 random bytes


def test_the_owner_offers_the_survey_and_sees_the_link(client, people, program):
    interview = make_interview()
    client.login(username=people["owner"].username, password=PASSWORD)
    page = reverse("program:offer_survey", args=[interview.pk])
    assert "Offer the survey" in client.get(page).content.decode()
    assert client.post(page).status_code == 302
    link = SurveyLink.objects.get(interview=interview)
    shown = client.get(page).content.decode()
    assert f"http://127.0.0.1:8000/program/p/survey/{link.token}/" in shown
    client.post(page)
    assert SurveyLink.objects.get().token == link.token  # offering again shows the same link


def test_a_survey_is_not_offered_to_a_buyer_who_opted_out_or_declined(client, people, program):
    declined = make_interview(stage=Stage.DECLINED)
    opted_out = make_interview(email="ann@elsewhere.example")
    OptOut.objects.create(email="ann@elsewhere.example")
    client.login(username=people["analyst"].username, password=PASSWORD)
    for interview in (declined, opted_out):
        response = client.post(reverse("program:offer_survey", args=[interview.pk]), follow=True)
        assert "can no longer be surveyed" in response.content.decode()
    assert not SurveyLink.objects.exists()


QUEUE_READERS = {"owner": 200, "analyst": 200, "interviewer": 403, "stakeholder": 403, "external": 403,
                 "outsider": 404}
PAGES = {
    "program:offer_survey": ("get", QUEUE_READERS),
    "program:offer_survey#post": ("post", {**QUEUE_READERS, "owner": 302, "analyst": 302}),
}
PUBLIC = {"program:survey", "program:rep_form"}


def test_every_page_of_the_survey_area_is_in_a_permission_table():
    names = {f"program:{p.name}" for p in survey_views.urlpatterns}
    assert names == {name.split("#")[0] for name in PAGES} | PUBLIC


@pytest.mark.parametrize("name", sorted(PAGES))
@pytest.mark.parametrize("person", sorted(QUEUE_READERS))
def test_each_role_gets_what_it_should(client, people, program, name, person):
    interview = make_interview()
    method, expected = PAGES[name]
    client.login(username=people[person].username, password=PASSWORD)
    response = getattr(client, method)(reverse(name.split("#")[0], args=[interview.pk]))
    assert response.status_code == expected[person]
    if expected[person] == 404:
        assert b"Coppercombe" not in response.content and b"Gregory" not in response.content
    if method == "post":
        assert SurveyLink.objects.exists() == (expected[person] == 302)


def test_anonymous_visitors_are_sent_to_log_in_for_the_offer(client, program):
    interview = make_interview()
    response = client.post(reverse("program:offer_survey", args=[interview.pk]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert not SurveyLink.objects.exists()


def test_two_submits_of_one_link_store_the_first_answers_only(program):
    from winloss.program.surveys import LinkClosed, open_survey, submit_survey

    link = create_survey_link(make_interview(), NOW)
    first, second = open_survey(link.token, NOW), open_survey(link.token, NOW)  # two tabs, both opened in time
    submit_survey(first, {"decision-lost": (None, "Northwind's onboarding was faster.")}, NOW)
    with pytest.raises(LinkClosed) as closed:
        submit_survey(second, {"decision-lost": (None, "Something else entirely.")}, NOW)
    assert closed.value.reason == "used"
    assert list(Answer.objects.values_list("text", flat=True)) == ["Northwind's onboarding was faster."]
    assert StageEvent.objects.filter(after=Stage.COMPLETED).count() == 1


def test_a_buyer_who_opts_out_while_the_survey_is_open_cannot_then_submit_it(program):
    from winloss.program.invitations import opt_out
    from winloss.program.surveys import LinkClosed, open_survey, submit_survey

    interview = make_interview()
    link = open_survey(create_survey_link(interview, NOW).token, NOW)
    opt_out("greg@coppercombe.example")  # in another tab, from the invitation's opt-out link
    before = snapshot()
    with pytest.raises(LinkClosed) as closed:
        submit_survey(link, {"decision-lost": (None, "Northwind's onboarding was faster.")}, NOW)
    assert closed.value.reason == "closed"
    assert snapshot() == before
    interview.refresh_from_db()
    assert interview.stage == Stage.OPTED_OUT


def test_the_buyers_survey_answers_cannot_be_edited_on_the_call_page(client, people, program):
    interview = make_interview()
    interview.interviewer = people["interviewer"]
    interview.save()
    submit = create_survey_link(interview, timezone.now())
    client.post(url(submit.token), answers())
    client.login(username=people["interviewer"].username, password=PASSWORD)
    response = client.post(reverse("interviews:autosave", args=[interview.pk, "decision-lost"]),
                           {"note-decision-lost": "Rewritten by us"})
    assert response.status_code == 403
    assert Answer.objects.get(question="decision-lost").text == ANSWER
