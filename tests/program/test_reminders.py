"""The tick reminds an unanswered buyer once, after the set number of days, and marks an invitation unanswered for
too long as no response. Running it again does nothing more."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail

from tests.program.invitation_factory import make_proposed, set_up_program
from winloss.interviews.models import Stage, StageEvent
from winloss.program import tick
from winloss.program.models import Message, OptOut, ProgramSettings

INVITED_AT = datetime(2026, 9, 1, 9, 0, tzinfo=UTC)



@pytest.fixture
def invited(people):
    set_up_program()
    interview = make_proposed(people["interviewer"], stage=Stage.INVITED)
    interview.invited_at = INVITED_AT
    interview.save()
    return interview


def _tick_at(days: float) -> dict[str, int]:
    with time_machine.travel(INVITED_AT + timedelta(days=days), tick=False):
        result = tick.run()
    assert result.failures == []
    return result.done


def test_no_reminder_before_the_set_number_of_days(invited):
    assert _tick_at(4.9) == {"reminders": 0, "no_response": 0, "rep_forms_requested": 0, "monthly_digest": 0,
                             "action_owners_reminded": 0}
    assert mail.outbox == []


def test_one_reminder_after_the_set_number_of_days_and_only_one(invited):
    assert _tick_at(5)["reminders"] == 1
    assert _tick_at(5.1)["reminders"] == 0
    assert _tick_at(9)["reminders"] == 0
    reminder, = mail.outbox
    assert reminder.to == ["pat@acme.example"]
    assert reminder.subject == "A reminder: your view on the Acme Ltd decision"
    assert reminder.body.startswith("Hello Pat O'Brien,\n\nA short reminder")
    assert reminder.reply_to == ["winloss@northwind.example"]
    invited.refresh_from_db()
    assert invited.reminded_at == INVITED_AT + timedelta(days=5)
    assert invited.stage == Stage.INVITED
    assert Message.objects.get().kind == Message.Kind.REMINDER


def test_the_reminder_uses_the_program_settings_days(invited):
    ProgramSettings.objects.filter(pk=1).update(reminder_after_days=2)
    assert _tick_at(2)["reminders"] == 1


def test_an_invitation_unanswered_for_the_set_days_becomes_no_response(invited):
    _tick_at(5)
    assert _tick_at(13.9)["no_response"] == 0
    assert _tick_at(14) == {"reminders": 0, "no_response": 1, "rep_forms_requested": 0, "monthly_digest": 0,
                             "action_owners_reminded": 0}
    assert _tick_at(15) == {"reminders": 0, "no_response": 0, "rep_forms_requested": 0, "monthly_digest": 0,
                             "action_owners_reminded": 0}
    invited.refresh_from_db()
    assert invited.stage == Stage.NO_RESPONSE
    event = StageEvent.objects.get(interview=invited)
    assert (event.before, event.after, event.by) == (Stage.INVITED, Stage.NO_RESPONSE, None)
    assert event.note == "No answer 14 days after the invitation"


def test_an_invitation_found_late_is_closed_without_a_reminder(invited):
    assert _tick_at(20) == {"reminders": 0, "no_response": 1, "rep_forms_requested": 0, "monthly_digest": 0,
                             "action_owners_reminded": 0}
    assert mail.outbox == []


def test_a_scheduled_interview_gets_no_reminder_and_stays_scheduled(invited):
    invited.move(Stage.SCHEDULED)
    assert _tick_at(5) == {"reminders": 0, "no_response": 0, "rep_forms_requested": 0, "monthly_digest": 0,
                             "action_owners_reminded": 0}
    assert _tick_at(30) == {"reminders": 0, "no_response": 0, "rep_forms_requested": 0, "monthly_digest": 0,
                             "action_owners_reminded": 0}
    assert mail.outbox == []


def test_a_buyer_who_opted_out_is_not_reminded(invited):
    OptOut.objects.create(email="pat@acme.example")
    assert _tick_at(5)["reminders"] == 0
    assert mail.outbox == []
    invited.refresh_from_db()
    assert invited.stage == Stage.OPTED_OUT
