"""The guide's pages: versions and the editor, the interviewer's page during a call with notes saved as they type,
coding the notes, and who may open what."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import get_resolver, reverse

from tests.factory import PASSWORD, make_deal
from winloss.analysis.guide import guide_toml, load_guide
from winloss.deals.models import Competitor
from winloss.interviews.models import Answer, GuideVersion, Interview, Stage
from winloss.program.models import ProgramSettings


@pytest.fixture
def program(db):
    ProgramSettings.objects.create(pk=1, company="Brightline Analytics", aliases=["Brightline"])
    Competitor.objects.create(name="Northwind Systems", aliases=["Northwind"])


def log_in(client, person) -> None:
    client.login(username=person.username, password=PASSWORD)


def call_for(person, **overrides) -> Interview:
    values = {"deal": make_deal(account="Coppercombe"), "interviewer": person, "stage": Stage.SCHEDULED}
    values.update(overrides)
    return Interview.objects.create(**values)


def edited_toml(question_text: str) -> str:
    return guide_toml(load_guide()).replace("What prompted you to look for a solution in the first place?",
                                            question_text)


# --- versions -----------------------------------------------------------------------------------------------

def test_editing_the_guide_saves_version_2_and_an_interview_on_version_1_keeps_it(client, people, program):
    interview = call_for(people["interviewer"], guide_version=GuideVersion.current())
    log_in(client, people["owner"])
    response = client.post(reverse("interviews:guide_edit"),
                           {"text": edited_toml("What made you start looking?"), "note": "Shorter opener"})
    assert response.status_code == 302
    v2 = GuideVersion.objects.get(number=2)
    assert v2.guide.question("process-trigger").text == "What made you start looking?"
    assert v2.created_by == people["owner"] and v2.note == "Shorter opener"
    assert GuideVersion.objects.get(number=1).guide == load_guide()  # the old version is untouched
    assert GuideVersion.current() == v2

    log_in(client, people["interviewer"])
    page = client.get(reverse("interviews:call", args=[interview.pk])).content.decode()
    assert "What prompted you to look for a solution in the first place?" in page
    assert "What made you start looking?" not in page
    assert 'href="/guide/v1/"' in page
    assert "What made you start looking?" in client.get(reverse("interviews:guide")).content.decode()
    assert "What prompted you" in client.get(reverse("interviews:guide_version", args=[1])).content.decode()


def test_a_new_call_records_the_current_guide_version_when_its_page_opens(client, people, program):
    GuideVersion.current()
    GuideVersion.objects.create(number=2, content=load_guide().as_dict(), note="Same words")
    interview = call_for(people["interviewer"])
    log_in(client, people["interviewer"])
    client.get(reverse("interviews:call", args=[interview.pk]))
    interview.refresh_from_db()
    assert interview.guide_version.number == 2


@pytest.mark.parametrize(("text", "message"), [
    ('name = "Broken', "not valid TOML"),
    ("[[areas]]\nid = 'process'\ntitle = 'Process'\n[[areas.questions]]\nid = 'q1'\n", "area process, question 1"),
    (edited_toml("Why?").replace('outcomes = ["won"]', 'outcomes = ["maybe"]'),
     "question decision-won: unknown outcome"),
])
def test_a_bad_guide_is_refused_with_where_it_is_wrong_and_nothing_is_saved(client, people, program, text,
                                                                           message):
    GuideVersion.current()
    log_in(client, people["owner"])
    response = client.post(reverse("interviews:guide_edit"), {"text": text, "note": "Try"})
    assert response.status_code == 200
    assert "Nothing was saved" in response.content.decode() and message in response.content.decode()
    assert list(GuideVersion.objects.values_list("number", flat=True)) == [1]


# --- the interviewer's page during the call -------------------------------------------------------------------

def test_the_call_page_opens_with_the_promise_of_confidentiality_and_the_outcomes_questions(client, people,
                                                                                          program):
    people["interviewer"].first_name, people["interviewer"].last_name = "Ian", "Hale"
    people["interviewer"].save()
    interview = call_for(people["interviewer"], deal=make_deal(outcome="won"))
    log_in(client, people["interviewer"])
    page = client.get(reverse("interviews:call", args=[interview.pk])).content.decode()
    assert "I&#x27;m Ian Hale, and I work on Brightline Analytics&#x27;s win/loss program" in page
    assert "confidential" in page
    assert "What ultimately led you to choose Brightline Analytics?" in page
    assert "What ultimately led you to choose the vendor you went with?" not in page  # the lost variant
    assert "What makes you say that?" in page  # a probe
    assert 'hx-trigger="keyup changed delay:800ms"' in page and "winloss/notes.js" in page


def test_autosave_creates_then_updates_one_answer_and_records_who_typed_it(client, people, program):
    interview = call_for(people["external"])
    log_in(client, people["external"])
    url = reverse("interviews:autosave", args=[interview.pk, "process-trigger"])
    first = client.post(url, {"note-process-trigger": "Growth in the Nordics"}, HTTP_HX_REQUEST="true")
    client.post(url, {"note-process-trigger": "Growth in the Nordics, and a new CFO"}, HTTP_HX_REQUEST="true")
    answer = Answer.objects.get(interview=interview)
    assert answer.question == "process-trigger" and answer.text == "Growth in the Nordics, and a new CFO"
    assert answer.updated_by == people["external"]
    assert first.status_code == 200 and first.content.decode().strip().startswith("saved ")


def test_autosave_refuses_a_question_the_guide_does_not_have(client, people, program):
    interview = call_for(people["interviewer"])
    log_in(client, people["interviewer"])
    response = client.post(reverse("interviews:autosave", args=[interview.pk, "made-up"]), {"note-made-up": "x"})
    assert response.status_code == 404 and not Answer.objects.exists()


def test_the_plain_form_saves_every_note_without_javascript(client, people, program):
    interview = call_for(people["interviewer"])
    log_in(client, people["interviewer"])
    response = client.post(reverse("interviews:call", args=[interview.pk]), {
        "note-process-trigger": "Our old tool was retired.", "note-commercials-price": "About 20% dearer.",
        "note-process-who": "", "csrfmiddlewaretoken": "ignored", "note-unknown": "dropped"}, follow=True)
    assert "Notes saved" in response.content.decode()
    assert dict(interview.answers.values_list("question", "text")) == {
        "process-trigger": "Our old tool was retired.", "commercials-price": "About 20% dearer.", "process-who": ""}
    assert "About 20% dearer." in response.content.decode()  # the page shows what was saved


def test_finishing_codes_the_notes_like_a_transcript(client, people, program):
    interview = call_for(people["interviewer"], deal=make_deal(outcome="lost", primary_competitor="Northwind Systems"))
    log_in(client, people["interviewer"])
    client.post(reverse("interviews:finish", args=[interview.pk]), {
        "note-decision-lost": "Northwind was far cheaper and their onboarding plan had us live in six weeks.",
        "note-commercials-price": "Brightline's price was about a third higher than Northwind's."})
    interview.refresh_from_db()
    assert interview.status == Interview.Status.CODED, interview.error
    assert interview.stage == Stage.CODED and interview.date is not None
    assert interview.turns.filter(role="buyer").count() == 2
    # The notes are coded by the engine like a transcript's turns (how well is `winloss eval`'s business).
    pricing = interview.turns.get(role="buyer", text__startswith="Brightline's price")
    assert {c.theme for s in pricing.statements.all() for c in s.codes.all()} >= {"price"}
    assert 1 <= len(interview.primary_reasons) <= 3
    assert interview.events.filter(after=Stage.COMPLETED, by=people["interviewer"]).exists()


def test_finishing_without_notes_codes_nothing(client, people, program):
    interview = call_for(people["interviewer"])
    log_in(client, people["interviewer"])
    response = client.post(reverse("interviews:finish", args=[interview.pk]), follow=True)
    interview.refresh_from_db()
    assert "no notes to code" in response.content.decode()
    assert interview.stage == Stage.SCHEDULED and not interview.turns.exists()


def test_a_transcript_uploaded_from_the_call_page_is_coded_on_that_interview(client, people, program):
    interview = call_for(people["external"])
    log_in(client, people["external"])
    text = ("Erin Vale: What prompted you to look for a solution in the first place?\n"
            "Gregory Underwood: Our forecasting was all spreadsheets and the board wanted better numbers.\n"
            "Erin Vale: Which criteria mattered most when you compared the options?\n"
            "Gregory Underwood: Price, and how fast we could be live. Northwind promised six weeks.\n")
    client.post(reverse("interviews:transcript", args=[interview.pk]),
                {"transcript": SimpleUploadedFile("call.txt", text.encode()), "interviewer_name": "Erin Vale"})
    assert Interview.objects.count() == 1
    interview.refresh_from_db()
    assert interview.status == Interview.Status.CODED, interview.error
    assert interview.transcript_name == "call.txt" and interview.turns.count() == 4


def test_the_interview_page_shows_coverage_and_feedback_and_links_the_call_page(client, people, program):
    interview = call_for(people["interviewer"])
    log_in(client, people["interviewer"])
    text = ("Ian Hale: What prompted you to look for a solution in the first place?\n"
            "Gregory Underwood: Our forecasting was all spreadsheets and the board wanted better numbers.\n"
            "Ian Hale: Don't you think our forecasting module was the strongest?\n"
            "Gregory Underwood: It was good, yes, but Northwind was cheaper.\n")
    client.post(reverse("interviews:transcript", args=[interview.pk]),
                {"transcript": SimpleUploadedFile("call.txt", text.encode()), "interviewer_name": "Ian Hale"})
    page = client.get(reverse("interviews:detail", args=[interview.pk])).content.decode()
    assert reverse("interviews:call", args=[interview.pk]) in page
    assert "Guide coverage" in page and "Buying process and criteria</b>: asked" in page
    assert "Reasons for the final decision</b>: missed" in page or "Reasons for the final decision</b>: talked" in page
    assert "leading" in page and "Don&#x27;t you think our forecasting module" in page


def test_the_interviewers_page_sums_each_interviewers_coded_calls(client, people, program):
    for name in ("Ian Hale", "Ian Hale", "Nadia Brennan"):
        interview = call_for(people["interviewer"])
        log_in(client, people["interviewer"])
        text = (f"{name}: How did you choose?\nBuyer Person: On price, mostly, and the six week onboarding.\n"
                f"{name}: Did price decide it? Surely our support mattered too?\nBuyer Person: Not really.\n")
        client.post(reverse("interviews:transcript", args=[interview.pk]),
                    {"transcript": SimpleUploadedFile("c.txt", text.encode()), "interviewer_name": name})
    log_in(client, people["analyst"])
    page = client.get(reverse("interviews:interviewers")).content.decode()
    rows = {m.group(1): re.findall(r'<td class="num">([^<]*)', m.group(2))
            for m in re.finditer(r"<tr><td>([^<]+)</td>(.*?)</tr>", page, re.DOTALL)}
    # n, talk share by words, by time, open, closed, open share, leading, defensive
    assert rows["Ian Hale"][0] == "2" and rows["Ian Hale"][3:5] == ["2", "2"] and rows["Ian Hale"][6:] == ["2", "0"]
    assert rows["Nadia Brennan"][0] == "1" and rows["Nadia Brennan"][6] == "1"
    assert set(rows) == {"Ian Hale", "Nadia Brennan"}


# --- who may open what ----------------------------------------------------------------------------------------

CONDUCT = {"owner": 200, "analyst": 200, "interviewer": 200, "external": 200, "stakeholder": 403, "outsider": 404}
PAGES = {
    "interviews:guide": ("get", CONDUCT),
    "interviews:guide_version": ("get", CONDUCT),
    "interviews:guide_edit": ("get", {**CONDUCT, "analyst": 403, "interviewer": 403, "external": 403}),
    "interviews:call": ("get", CONDUCT),
    # The call belongs to the external interviewer: another interviewer may read it but not change it.
    "interviews:autosave": ("post", {**CONDUCT, "interviewer": 403}),
    "interviews:finish": ("post", {**CONDUCT, "owner": 302, "analyst": 302, "interviewer": 403, "external": 302}),
    "interviews:transcript": ("post", {**CONDUCT, "owner": 400, "analyst": 400, "interviewer": 403,
                                       "external": 400}),
    "interviews:interviewers": ("get", {**CONDUCT, "interviewer": 403, "external": 403}),
}


def _url(name: str, interview: Interview) -> str:
    if name == "interviews:guide_version":
        return reverse(name, args=[1])
    if name == "interviews:autosave":
        return reverse(name, args=[interview.pk, "process-trigger"])
    if name in ("interviews:call", "interviews:finish", "interviews:transcript"):
        return reverse(name, args=[interview.pk])
    return reverse(name)


def test_every_page_added_for_the_guide_is_in_the_permission_table():
    from tests.interviews.test_interviews import PAGES as INTERVIEW_PAGES
    from tests.interviews.test_review_permissions import PAGES as REVIEW_PAGES

    names = {f"interviews:{p.name}" for p in get_resolver().namespace_dict["interviews"][1].url_patterns}
    assert names - set(INTERVIEW_PAGES) - set(REVIEW_PAGES) == set(PAGES)


@pytest.mark.parametrize("name", sorted(PAGES))
@pytest.mark.parametrize("person", sorted(CONDUCT))
def test_each_role_gets_what_it_should(client, people, program, name, person):
    GuideVersion.current()
    interview = call_for(people["external"], deal=make_deal(name="Secret Deal Ltd"))
    Answer.objects.create(interview=interview, question="process-who", text="The CFO decided")
    method, expected = PAGES[name]
    log_in(client, people[person])
    response = getattr(client, method)(_url(name, interview), {"note-process-trigger": "Growth"} if method == "post"
                                       else None)
    assert response.status_code == expected[person]
    if expected[person] in (403, 404):
        assert b"Secret Deal" not in response.content and b"CFO" not in response.content
        assert not Answer.objects.filter(question="process-trigger").exists()


@pytest.mark.parametrize("name", ["interviews:call", "interviews:autosave", "interviews:finish",
                                  "interviews:transcript"])
def test_an_external_interviewer_gets_nothing_of_another_interviewers_call(client, people, program, name):
    interview = call_for(people["interviewer"], deal=make_deal(name="Secret Deal Ltd"))
    log_in(client, people["external"])
    method = PAGES[name][0]
    response = getattr(client, method)(_url(name, interview), {"note-process-trigger": "Growth"} if method == "post"
                                       else None)
    assert response.status_code == 404
    assert b"Secret Deal" not in response.content and not Answer.objects.exists()


@pytest.mark.parametrize("name", sorted(PAGES))
def test_anonymous_visitors_are_sent_to_log_in(client, db, name):
    interview = call_for(None)
    response = getattr(client, PAGES[name][0])(_url(name, interview))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_an_interviewer_reads_a_colleagues_call_without_fields_to_save(client, people, program):
    interview = call_for(people["external"])
    Answer.objects.create(interview=interview, question="process-who", text="The CFO decided")
    log_in(client, people["interviewer"])
    page = client.get(_url("interviews:call", interview)).content.decode()
    assert "The CFO decided" in page and "readonly" in page
    assert "Save notes" not in page and "Upload and code" not in page
    log_in(client, people["external"])
    assert "Save notes" in client.get(_url("interviews:call", interview)).content.decode()
