"""Uploading a transcript on a deal's page codes it in the background and stores the result in tables."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factory import PASSWORD, make_deal
from winloss.deals.models import Competitor
from winloss.interviews.models import Code, Interview, Quote, Turn
from winloss.program.models import ProgramSettings

TRANSCRIPT = """Nadia Brennan: Thanks for making time. Everything you say stays confidential. How did the decision go?
Gregory Underwood: We went with Northwind in the end. Honestly the price was close, that wasn't the reason.
Nadia Brennan: What made the difference?
Gregory Underwood: Their onboarding plan had us live in six weeks, and Brightline's implementation team could \
not commit to a date at all. Marcus, our rep, kept saying he would check with the services team.
Nadia Brennan: And the product itself?
Gregory Underwood: Brightline's forecasting module was stronger, I will say that. Our finance people loved the \
scenario planning in the demo.
"""


@pytest.fixture
def program(db):
    ProgramSettings.objects.create(pk=1, company="Brightline Analytics", aliases=["Brightline", "BL"])
    Competitor.objects.create(name="Northwind Systems", aliases=["Northwind", "NW"])


def upload(client, deal, content: str, name: str = "call.txt"):
    return client.post(reverse("interviews:upload", args=[deal.pk]),
                       {"transcript": SimpleUploadedFile(name, content.encode()), "interviewer_name": "Nadia Brennan"})


def test_an_uploaded_transcript_is_coded_and_stored(client, people, program):
    deal = make_deal(name="Coppercombe - Core Analytics", primary_competitor="Northwind Systems")
    client.login(username=people["interviewer"].username, password=PASSWORD)
    response = upload(client, deal, TRANSCRIPT)
    interview = Interview.objects.get()
    assert response.status_code == 302
    assert interview.status == Interview.Status.CODED, interview.error
    assert interview.format == "plain"
    assert list(Turn.objects.filter(interview=interview).values_list("role", flat=True)) == [
        "interviewer", "buyer", "interviewer", "buyer", "interviewer", "buyer"]
    assert Code.objects.filter(statement__turn__interview=interview).exists()
    assert interview.competitor_mentions.get().competitor.name == "Northwind Systems"
    for quote in Quote.objects.filter(interview=interview):
        assert "Marcus" not in quote.redacted and "Gregory" not in quote.redacted
    page = client.get(reverse("interviews:detail", args=[interview.pk])).content.decode()
    assert "Primary reasons" in page and 'class="coded theme-' in page


def test_a_caption_track_without_speakers_is_refused_with_a_reason(client, people, program):
    deal = make_deal()
    client.login(username=people["analyst"].username, password=PASSWORD)
    upload(client, deal, "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nHello there.\n\n"
                         "00:00:03.500 --> 00:00:05.000\nWe chose the other one.\n", name="captions.vtt")
    interview = Interview.objects.get()
    assert interview.status == Interview.Status.FAILED
    assert "captions.vtt" in interview.error and "speaker" in interview.error
    assert not interview.turns.exists()


# An external interviewer sees only interviews assigned to them: this one is not.
READERS = {"owner": 200, "analyst": 200, "interviewer": 200, "stakeholder": 403, "external": 404, "outsider": 404}
PAGES = {
    "interviews:detail": ("get", READERS),
    "interviews:status": ("get", READERS),
    "interviews:upload": ("post", {**READERS, "owner": 400, "analyst": 400, "interviewer": 400, "external": 403}),
}


def test_every_interviews_page_is_in_the_permission_table():
    from django.urls import get_resolver

    from tests.interviews.test_guide_pages import PAGES as GUIDE_PAGES
    from tests.interviews.test_review_permissions import PAGES as REVIEW_PAGES

    names = {f"interviews:{p.name}" for p in get_resolver().namespace_dict["interviews"][1].url_patterns}
    assert names - set(GUIDE_PAGES) - set(REVIEW_PAGES) == set(PAGES)


@pytest.mark.parametrize("name", sorted(PAGES))
@pytest.mark.parametrize("person", sorted(READERS))
def test_each_role_gets_what_it_should(client, people, name, person):
    deal = make_deal()
    interview = Interview.objects.create(deal=deal, transcript_name="x.txt", transcript_path="/nonexistent")
    method, expected = PAGES[name]
    client.login(username=people[person].username, password=PASSWORD)
    url = reverse(name, args=[deal.pk if name == "interviews:upload" else interview.pk])
    response = getattr(client, method)(url)
    assert response.status_code == expected[person]


def test_an_external_interviewer_sees_the_interviews_assigned_to_them_and_no_other(client, people):
    mine = Interview.objects.create(deal=make_deal(), interviewer=people["external"])
    theirs = Interview.objects.create(deal=make_deal(name="Someone else's deal"), interviewer=people["interviewer"])
    client.login(username=people["external"].username, password=PASSWORD)
    assert client.get(reverse("interviews:detail", args=[mine.pk])).status_code == 200
    response = client.get(reverse("interviews:detail", args=[theirs.pk]))
    assert response.status_code == 404 and b"Someone else" not in response.content


def test_the_demo_program_has_a_dozen_coded_interviews_in_mixed_formats(db):
    from winloss.demo.load import load_demo

    load_demo()
    interviews = Interview.objects.exclude(transcript_path="")  # the program's calls and surveys are tested in demo
    assert interviews.count() == 12
    assert set(interviews.values_list("status", flat=True)) == {Interview.Status.CODED}
    assert len(set(interviews.values_list("format", flat=True))) >= 5
    assert all(i.primary_reasons for i in interviews)
    assert Quote.objects.filter(interview__in=interviews).count() >= 36
    total = Interview.objects.count()
    load_demo()  # idempotent
    assert interviews.count() == 12 and Interview.objects.count() == total


def test_notes_typed_against_the_guide_are_coded_like_a_transcript(program):
    from winloss.interviews.coding import code_interview
    from winloss.interviews.models import Answer, GuideVersion, Stage

    deal = make_deal(outcome="lost", primary_competitor="Northwind Systems")
    interview = Interview.objects.create(deal=deal, guide_version=GuideVersion.current(), stage=Stage.SCHEDULED)
    Answer.objects.create(interview=interview, question="decision-lost",
                          text="Northwind had us live in six weeks; Brightline's implementation team could not "
                               "commit to a date at all.")
    Answer.objects.create(interview=interview, question="decision-won", text="(not asked in a loss)")
    code_interview(interview)
    interview.refresh_from_db()
    assert interview.status == Interview.Status.CODED and interview.stage == Stage.CODED
    turns = list(interview.turns.values_list("role", "text"))
    assert turns[0] == ("interviewer", "What ultimately led you to choose the vendor you went with?")
    assert [role for role, _ in turns] == ["interviewer", "buyer"]  # the won-deal question is not part of a loss
    assert Code.objects.filter(statement__turn__interview=interview, theme="implementation").exists()
    assert [(e.before, e.after) for e in interview.events.all()] == [("scheduled", "completed"),
                                                                      ("completed", "coded")]


def test_a_forbidden_stage_change_is_refused_and_leaves_no_record(db):
    from winloss.interviews.models import Stage, StageError

    interview = Interview.objects.create(deal=make_deal(), stage=Stage.OPTED_OUT)
    with pytest.raises(StageError, match="opted out to invited"):
        interview.move(Stage.INVITED)
    interview.refresh_from_db()
    assert interview.stage == Stage.OPTED_OUT and not interview.events.exists()


def test_a_transcript_on_the_deals_page_completes_its_interview_in_flight(client, people, program):
    from winloss.interviews.models import Stage

    deal = make_deal(primary_competitor="Northwind Systems")
    invited = Interview.objects.create(deal=deal, stage=Stage.INVITED, interviewer=people["interviewer"])
    client.login(username=people["interviewer"].username, password=PASSWORD)
    upload(client, deal, TRANSCRIPT)
    assert list(Interview.objects.values_list("pk", flat=True)) == [invited.pk]  # no second interview
    invited.refresh_from_db()
    assert invited.stage == Stage.CODED and invited.transcript_name == "call.txt"
    assert [(e.before, e.after, e.by) for e in invited.events.all()] == [
        ("invited", "completed", people["interviewer"]), ("completed", "coded", None)]


def test_a_new_interview_from_the_deals_page_records_who_uploaded_it(client, people, program):
    deal = make_deal()
    client.login(username=people["analyst"].username, password=PASSWORD)
    upload(client, deal, TRANSCRIPT)
    interview = Interview.objects.get()
    assert [(e.before, e.after, e.by) for e in interview.events.all()][0] == ("", "completed", people["analyst"])


def test_a_transcript_is_not_kept_for_an_interview_the_buyer_declined(client, people, program):
    from winloss.interviews.models import Stage

    interview = Interview.objects.create(deal=make_deal(), stage=Stage.DECLINED, interviewer=people["interviewer"])
    client.login(username=people["interviewer"].username, password=PASSWORD)
    response = client.post(reverse("interviews:transcript", args=[interview.pk]),
                           {"transcript": SimpleUploadedFile("call.txt", TRANSCRIPT.encode())}, follow=True)
    assert "cannot go from declined to completed" in response.content.decode()
    interview.refresh_from_db()
    assert interview.stage == Stage.DECLINED and interview.transcript_path == "" and not interview.turns.exists()


def test_a_stale_copy_cannot_move_an_interview_someone_else_moved(db):
    from winloss.interviews.models import Stage, StageError

    interview = Interview.objects.create(deal=make_deal(), stage=Stage.INVITED)
    stale = Interview.objects.get(pk=interview.pk)
    interview.move(Stage.OPTED_OUT)
    with pytest.raises(StageError, match="now opted out"):
        stale.move(Stage.COMPLETED)
    interview.refresh_from_db()
    assert interview.stage == Stage.OPTED_OUT and interview.events.count() == 1
