"""A call's time: a calendar invitation to the buyer and the interviewer, updated in place when it moves; and the
stage changes recorded on an interview, with their history."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from icalendar import Calendar

from tests.factory import PASSWORD
from tests.program.invitation_factory import make_proposed, set_up_program
from winloss.interviews.models import Stage, StageEvent
from winloss.program.models import InterviewerProfile, Message, OptOut

NOW = "2026-08-25 09:00Z"


@pytest.fixture
def invited(people):
    set_up_program()
    return make_proposed(people["interviewer"], stage=Stage.INVITED)


def _login(client, user):
    client.login(username=user.username, password=PASSWORD)
    return client


def _schedule(client, interview, when="2026-09-01T14:00", minutes=45, **extra):
    return client.post(reverse("program:interview_schedule", args=[interview.pk]),
                       {"when": when, "minutes": minutes}, **extra)


def _calendar(message) -> tuple[Calendar, str]:
    (name, content, mimetype), = message.attachments
    assert name == "interview.ics"
    return Calendar.from_ical(content), mimetype


@time_machine.travel(NOW, tick=False)
def test_scheduling_sends_the_buyer_and_the_interviewer_a_calendar_invitation(client, people, invited):
    response = _schedule(_login(client, people["interviewer"]), invited)
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["pat@acme.example"], ["ian_interviewer@example.com"]]
    assert mail.outbox[0].reply_to == ["winloss@northwind.example"]
    assert "Hello Pat O'Brien," in mail.outbox[0].body and "for 45 minutes, with ian_interviewer" in mail.outbox[0].body
    calendar, mimetype = _calendar(mail.outbox[0])
    assert mimetype == "text/calendar; method=REQUEST"
    assert calendar["METHOD"] == "REQUEST"
    event, = calendar.events
    assert str(event["UID"]) == f"interview-{invited.pk}@127.0.0.1"
    assert event["SEQUENCE"] == 0
    assert event.start == datetime(2026, 9, 1, 14, 0, tzinfo=UTC)
    assert event.end == datetime(2026, 9, 1, 14, 45, tzinfo=UTC)
    assert "DTSTART:20260901T140000Z" in event.to_ical().decode()
    assert str(event["ORGANIZER"]) == "mailto:ian_interviewer@example.com"
    assert {str(a) for a in event["ATTENDEE"]} == {"mailto:pat@acme.example", "mailto:ian_interviewer@example.com"}
    assert _calendar(mail.outbox[1])[0].to_ical() == calendar.to_ical()

    invited.refresh_from_db()
    assert invited.stage == Stage.SCHEDULED
    assert invited.scheduled_for == datetime(2026, 9, 1, 14, 0, tzinfo=UTC)
    event = StageEvent.objects.get(interview=invited)
    assert (event.before, event.after, event.by) == (Stage.INVITED, Stage.SCHEDULED, people["interviewer"])
    assert Message.objects.filter(kind=Message.Kind.SCHEDULE, interview=invited).count() == 2


@time_machine.travel(NOW, tick=False)
def test_rescheduling_updates_the_same_calendar_event(client, people, invited):
    client = _login(client, people["owner"])
    _schedule(client, invited)
    _schedule(client, invited, when="2026-09-02T10:30", minutes=30)
    first, second = _calendar(mail.outbox[0])[0].events[0], _calendar(mail.outbox[2])[0].events[0]
    assert str(second["UID"]) == str(first["UID"])
    assert second["SEQUENCE"] == 1 > first["SEQUENCE"]
    assert second.start == datetime(2026, 9, 2, 10, 30, tzinfo=UTC)
    assert second.end == datetime(2026, 9, 2, 11, 0, tzinfo=UTC)
    assert mail.outbox[2].subject.startswith("Updated: ")
    invited.refresh_from_db()
    assert invited.scheduled_for == datetime(2026, 9, 2, 10, 30, tzinfo=UTC)


@time_machine.travel(NOW, tick=False)
def test_a_time_typed_in_the_local_zone_goes_out_in_utc(client, people, invited, settings):
    settings.TIME_ZONE = "Europe/Berlin"
    _schedule(_login(client, people["analyst"]), invited, when="2026-09-01T14:00")
    event = _calendar(mail.outbox[0])[0].events[0]
    assert event.start == datetime(2026, 9, 1, 12, 0, tzinfo=UTC)
    assert "DTSTART:20260901T120000Z" in event.to_ical().decode()


@time_machine.travel(NOW, tick=False)
def test_a_buyer_who_opted_out_gets_no_calendar_invitation(client, people, invited):
    OptOut.objects.create(email="pat@acme.example")
    response = _schedule(_login(client, people["owner"]), invited)
    assert mail.outbox == []
    invited.refresh_from_db()
    assert invited.stage == Stage.OPTED_OUT and invited.scheduled_for is None
    page = client.get(response["Location"]).content.decode()
    assert "pat@acme.example opted out of being contacted" in page


@time_machine.travel(NOW, tick=False)
def test_a_time_in_the_past_is_refused(client, people, invited):
    response = _schedule(_login(client, people["owner"]), invited, when="2026-08-20T10:00")
    assert "Pick a time that has not passed." in client.get(response["Location"]).content.decode()
    assert mail.outbox == []
    invited.refresh_from_db()
    assert invited.stage == Stage.INVITED


@time_machine.travel(NOW, tick=False)
def test_a_completed_interview_cannot_be_scheduled(client, people):
    set_up_program()
    done = make_proposed(people["interviewer"], stage=Stage.COMPLETED)
    response = _schedule(_login(client, people["owner"]), done)
    assert "An interview cannot go from completed to scheduled" in client.get(response["Location"]).content.decode()
    assert mail.outbox == []


@time_machine.travel(NOW, tick=False)
def test_only_the_assigned_interviewer_schedules_among_interviewers(client, people):
    set_up_program()
    theirs = make_proposed(people["external"], stage=Stage.INVITED)
    assert _schedule(_login(client, people["interviewer"]), theirs).status_code == 403
    client.logout()
    assert _schedule(_login(client, people["external"]), theirs).status_code == 302
    assert len(mail.outbox) == 2


@time_machine.travel(NOW, tick=False)
def test_with_htmx_the_panel_comes_back_with_the_new_stage(client, people, invited):
    response = _schedule(_login(client, people["owner"]), invited, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    page = response.content.decode()
    assert "<html" not in page and 'id="stage-panel"' in page
    assert "Scheduled; the calendar invitation is sent." in page and "Reschedule" in page


# Stage changes


def _mark(client, interview, stage, **extra):
    return client.post(reverse("program:interview_mark", args=[interview.pk]), {"stage": stage}, **extra)


@pytest.mark.parametrize("stage", [Stage.DECLINED, Stage.NO_RESPONSE, Stage.COMPLETED])
def test_an_invited_interview_can_be_marked(client, people, invited, stage):
    _mark(_login(client, people["interviewer"]), invited, stage)
    invited.refresh_from_db()
    assert invited.stage == stage
    event = StageEvent.objects.get(interview=invited)
    assert (event.before, event.after, event.by) == (Stage.INVITED, stage, people["interviewer"])


@time_machine.travel(NOW, tick=False)
def test_a_call_held_takes_its_scheduled_day_as_its_date(client, people, invited):
    client = _login(client, people["owner"])
    _schedule(client, invited)
    _mark(client, invited, Stage.COMPLETED)
    invited.refresh_from_db()
    assert invited.stage == Stage.COMPLETED and invited.date == date(2026, 9, 1)


def test_a_forbidden_change_is_explained_and_changes_nothing(client, people):
    set_up_program()
    done = make_proposed(people["interviewer"], stage=Stage.COMPLETED)
    response = _mark(_login(client, people["owner"]), done, Stage.NO_RESPONSE)
    page = client.get(response["Location"]).content.decode()
    assert "An interview cannot go from completed to no response." in page
    done.refresh_from_db()
    assert done.stage == Stage.COMPLETED
    assert not StageEvent.objects.filter(interview=done).exists()


def test_only_the_three_outcomes_of_an_invitation_can_be_marked(client, people, invited):
    response = _mark(_login(client, people["owner"]), invited, Stage.CODED)
    assert "Choose declined, completed or no response." in client.get(response["Location"]).content.decode()
    invited.refresh_from_db()
    assert invited.stage == Stage.INVITED


def test_the_panel_offers_only_the_changes_the_stage_allows(client, people):
    set_up_program()
    declined = make_proposed(people["interviewer"], stage=Stage.DECLINED)
    page = _login(client, people["owner"]).get(reverse("program:interview_stage", args=[declined.pk])).content
    assert b"Mark declined" not in page and b"Mark completed" not in page and b"Mark no response" not in page
    assert b">Schedule<" in page


def test_the_history_shows_each_change_with_who_and_when(client, people, invited):
    client = _login(client, people["owner"])
    _mark(client, invited, Stage.DECLINED)
    page = client.get(reverse("program:interview_stage", args=[invited.pk]), HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in page
    event = StageEvent.objects.get(interview=invited)
    assert f"<td class=\"date\">{event.at:%Y-%m-%d %H:%M}</td><td>invited → declined</td>" in page
    assert "<td>olivia_owner</td>" in page


def test_a_reader_without_the_assignment_sees_the_history_but_no_buttons(client, people):
    set_up_program()
    theirs = make_proposed(people["external"], stage=Stage.INVITED)
    page = _login(client, people["interviewer"]).get(reverse("program:interview_stage", args=[theirs.pk])).content
    assert b"History" in page
    assert b"Mark declined" not in page and b">Schedule<" not in page


# Reassigning a scheduled call


@time_machine.travel(NOW, tick=False)
def test_reassigning_a_scheduled_call_sends_the_updated_invitation_with_the_new_organizer(client, people, invited):
    InterviewerProfile.objects.create(user=people["interviewer"])
    InterviewerProfile.objects.create(user=people["external"])
    client = _login(client, people["owner"])
    _schedule(client, invited, minutes=30)
    first = _calendar(mail.outbox[0])[0].events[0]
    mail.outbox.clear()
    response = client.post(reverse("program:reassign", args=[invited.pk]), {"interviewer": people["external"].pk})
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["pat@acme.example"], [people["external"].email]]
    calendar, _ = _calendar(mail.outbox[0])
    event, = calendar.events
    assert str(event["UID"]) == str(first["UID"])
    assert event["SEQUENCE"] > first["SEQUENCE"]
    assert (event.start, event.end) == (first.start, first.end)
    assert str(event["ORGANIZER"]) == f"mailto:{people['external'].email}"
    assert {str(a) for a in event["ATTENDEE"]} == {"mailto:pat@acme.example", f"mailto:{people['external'].email}"}
    assert _calendar(mail.outbox[1])[0].to_ical() == calendar.to_ical()
    assert mail.outbox[0].subject.startswith("Updated: ")
    assert Message.objects.filter(kind=Message.Kind.SCHEDULE, interview=invited).count() == 4


@time_machine.travel(NOW, tick=False)
def test_reassigning_a_call_not_yet_scheduled_sends_nothing(client, people, invited):
    InterviewerProfile.objects.create(user=people["external"])
    client = _login(client, people["owner"])
    client.post(reverse("program:reassign", args=[invited.pk]), {"interviewer": people["external"].pk})
    invited.refresh_from_db()
    assert invited.interviewer == people["external"]
    assert mail.outbox == []


@time_machine.travel(NOW, tick=False)
def test_a_reassignment_whose_invitation_cannot_be_sent_changes_nothing(client, people, invited, settings):
    InterviewerProfile.objects.create(user=people["external"])
    client = _login(client, people["owner"])
    _schedule(client, invited)
    settings.EMAIL_BACKEND = "tests.program.failing_email.MailServerDown"
    response = client.post(reverse("program:reassign", args=[invited.pk]), {"interviewer": people["external"].pk})
    assert "the updated calendar invitation could not be sent (the mail server is down); nothing changed" in \
        client.get(response["Location"]).content.decode()
    invited.refresh_from_db()
    assert invited.interviewer == people["interviewer"]
    assert Message.objects.filter(interview=invited).count() == 2
