"""The demo program at work: a live queue, neutral interviewers, invitations, a call with notes, a survey, a rep's
view and program health with real figures, all through the program's own functions; loading again is a no-op.

"Today" is pinned to a day long after the shipped export's last close (24 November 2026), so the queue and the
quarter hold only the recent closes the demo writes relative to today."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from winloss.deals.models import Deal, ImportRun
from winloss.demo.load import DEMO_PASSWORD, RECENT_PREFIX, load_demo, recent_id
from winloss.interviews.models import Answer, Code, Interview, Stage
from winloss.program.health import quarter_health
from winloss.program.models import InterviewerProfile, Message, RepView, SurveyLink, Target
from winloss.program.queue import askable_deals, build

TODAY = date(2027, 5, 20)
NOON = datetime(2027, 5, 20, 12, tzinfo=UTC)


@pytest.fixture
def demo(db):
    with time_machine.travel(NOON, tick=False):
        load_demo()
    return Interview.objects.filter(deal__crm_id__startswith=RECENT_PREFIX).select_related(
        "deal__owner__manager", "interviewer__interviewer__sales_rep")


def recent(days: int) -> Deal:
    return Deal.objects.get(crm_id__startswith=RECENT_PREFIX, close_date=TODAY - timedelta(days=days))


def test_the_queue_is_live_around_today(demo):
    queue = build(askable_deals(), TODAY)
    assert (queue.first, queue.last) == (TODAY - timedelta(days=21), TODAY - timedelta(days=7))
    assert [e.deal.close_date for e in queue.entries] == [TODAY - timedelta(days=20), TODAY - timedelta(days=7)]
    assert all(e.assignment.interviewer is not None and e.contact.email for e in queue.entries)
    assert [(TODAY - d.close_date).days for d in queue.left_unasked] == [24, 31, 38]
    assert queue.too_fresh == 2
    assert Deal.objects.filter(crm_id__startswith=RECENT_PREFIX).count() == 13


def test_proposed_interviews_go_to_neutral_interviewers(demo):
    assert demo.count() == 6
    for interview in demo:
        profile = interview.interviewer.interviewer
        chain, rep = [], interview.deal.owner
        while rep is not None:
            chain.append(rep)
            rep = rep.manager
        assert len(chain) >= 2, "every demo rep has a manager"
        assert profile.sales_rep not in chain
        assert interview.interviewer.email.lower() not in {r.email.lower() for r in chain}
    henrik = InterviewerProfile.objects.get(user__username="analyst")
    team = {r.name for r in henrik.sales_rep.reports.all()}
    assert team == {"Sophie Lindqvist", "Tomasz Wierzbicki"}
    his_team = [i for i in demo if i.deal.owner.name in team]
    assert len(his_team) == 2 and all(i.interviewer != henrik.user for i in his_team)  # the rule had to act
    assert any(i.interviewer == henrik.user for i in demo)  # he is in the pool and took others
    assert {i.interviewer.get_full_name() for i in demo} == {"Henrik Dahl", "Nadia Brennan", "Tom Okafor"}


def test_invitations_went_out_and_were_logged(demo):
    invited = [i for i in demo if i.invited_at is not None]
    assert len(invited) == 5
    logged = Message.objects.filter(kind=Message.Kind.INVITATION)
    assert sorted(logged.values_list("to", flat=True)) == sorted(i.contact.email for i in invited)
    sent = [m for m in mail.outbox if m.subject.startswith("Your view on")]
    assert sorted(to for m in sent for to in m.to) == sorted(logged.values_list("to", flat=True))
    assert all("/program/p/" in m.body for m in sent)  # survey and opt-out links
    scheduled = demo.get(stage=Stage.SCHEDULED)
    assert scheduled.scheduled_for == datetime(2027, 5, 22, 15, tzinfo=UTC)
    ics = [m for m in mail.outbox if m.attachments and scheduled.contact.email in m.to]
    assert len(ics) == 1 and "BEGIN:VCALENDAR" in ics[0].attachments[0][1]
    assert demo.get(stage=Stage.DECLINED).deal == recent(15)
    assert demo.get(stage=Stage.PROPOSED).invited_at is None


def test_a_call_held_with_notes_is_coded_from_them(demo):
    call = demo.get(deal=recent(8))
    assert (call.kind, call.stage, call.status) == (Interview.Kind.CALL, Stage.CODED, Interview.Status.CODED)
    assert call.date == TODAY and call.guide_version is not None
    asked = [q.id for _, q in call.guide_version.guide.questions_for("lost")]
    notes = dict(call.answers.values_list("question", "text"))
    assert set(notes) <= set(asked) and len(notes) >= len(asked) * 3 // 4
    assert all(a.updated_by == call.interviewer for a in call.answers.all())
    buyer_said = " ".join(call.turns.filter(role="buyer").values_list("text", flat=True))
    assert notes["decision-lost"] in buyer_said
    assert Code.objects.filter(statement__turn__interview=call, theme="implementation").exists()
    assert call.primary_reasons[0] == "implementation"
    assert call.competitor_mentions.filter(competitor__name="Northwind Systems").exists()
    assert [e.after for e in call.events.all()] == ["proposed", "invited", "completed", "coded"]


def test_a_survey_answer_is_coded(demo):
    survey = demo.get(kind=Interview.Kind.SURVEY)
    assert survey.deal == recent(9)
    assert (survey.stage, survey.status) == (Stage.CODED, Interview.Status.CODED)
    assert survey.survey_link.used_at is not None
    assert Answer.objects.filter(interview=survey, rating__isnull=False).count() >= 4
    assert Code.objects.filter(statement__turn__interview=survey).exists()
    assert survey.competitor_mentions.filter(competitor__name="Tessera").exists()


def test_the_rep_gave_a_view_of_a_deal_whose_buyer_was_heard(demo):
    view = RepView.objects.get(submitted_at__isnull=False)
    assert view.deal == recent(8) and view.deal.interviews.get().stage == Stage.CODED
    assert (view.main_reason, view.main_competitor.name, view.sureness) == ("price", "Northwind Systems", "fairly")
    asked = Message.objects.filter(kind=Message.Kind.REP_FORM)
    assert asked.count() == RepView.objects.count() >= 5
    assert set(asked.values_list("to", flat=True)) <= set(Deal.objects.values_list("owner__email", flat=True))


def test_the_transcripts_are_linked_to_their_interviewers(demo):
    transcripts = Interview.objects.exclude(transcript_path="").select_related("interviewer")
    assert transcripts.count() == 12
    assert all(i.interviewer.get_full_name() == i.interviewer_name for i in transcripts)


def test_program_health_has_real_figures(demo, client):
    assert Target.objects.filter(quarter="2027Q2").count() == 5
    health = quarter_health("2027Q2")
    whole, *regions = health.targets[:1] + [t for t in health.targets if t.field == "region"]
    assert (whole.target, whole.completed) == (12, 2)
    assert {t.value: (t.target, t.completed) for t in regions} == {
        "North America": (5, 1), "EMEA": (4, 1), "APAC": (2, 0), "LATAM": (1, 0)}
    outcome = {row.label: row for row in health.coverage["outcome"]}
    assert outcome["lost"].deals.n == 13 and outcome["lost"].interviews.hits == 2
    assert (health.response["all"].hits, health.response["all"].n) == (3, 4)  # held, answered, scheduled; declined
    assert sorted(health.timing.days) == [8, 9] and health.timing.inside.hits == 2
    assert {r.name: (r.open, r.completed, r.capacity) for r in health.load} == {
        "Henrik Dahl": (1, 1, 3), "Nadia Brennan": (1, 1, 6), "Tom Okafor": (1, 0, 4)}

    with time_machine.travel(NOON, tick=False):  # the page's default quarter is today's
        client.login(username="stakeholder", password=DEMO_PASSWORD)
        page = client.get(reverse("program:health"))
    assert page.status_code == 200
    text = " ".join(page.content.decode().split())
    assert "<b>2 / 12</b>interviews held" in text
    assert "<b>75%</b>response rate (n=4)" in text
    assert "<b>8.5 days</b>median decision to interview (n=2)" in text
    assert "<td>Henrik Dahl</td> <td class=\"num\">1</td> <td class=\"num\">3</td> <td class=\"num\">1</td>" in text


def test_loading_again_changes_nothing(demo):
    counts = {model: model.objects.count() for model in (Interview, Message, Answer, SurveyLink, RepView, Deal)}
    outbox = len(mail.outbox)
    with time_machine.travel(NOON + timedelta(hours=3), tick=False):
        summary = load_demo()
    assert {model: model.objects.count() for model in counts} == counts
    assert summary.endswith("0 new this run), 14 coded interviews, 2 candidates in the interview window, "
                            "3 deals left it unasked, 5 buyers invited")
    assert ImportRun.objects.count() == 2  # the shipped export and the recent closes, once each
    assert len(mail.outbox) == outbox


def test_a_later_day_moves_the_queue_along_and_keeps_what_was_asked(demo):
    call = demo.get(kind=Interview.Kind.CALL, stage=Stage.CODED)
    interviews = Interview.objects.count()
    with time_machine.travel(NOON + timedelta(days=10), tick=False):
        load_demo()
        queue = build(askable_deals(), TODAY + timedelta(days=10))
    assert Interview.objects.count() == interviews
    call.refresh_from_db()
    assert call.deal.close_date == TODAY - timedelta(days=8) and call.contact is not None  # left as it was
    moved = Deal.objects.get(crm_id=recent_id(10))  # closed 20 days before the first load, never asked about
    assert moved.close_date == TODAY + timedelta(days=10) - timedelta(days=20)
    assert len(queue.entries) == 2
