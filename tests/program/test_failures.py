"""What goes wrong while the program sends: every database write comes first and the email last, so a failed write
sends nothing and a failed send changes nothing; one bad item (a broken address, a line break in a name, a mail
server that is down) is reported and the next one still goes; one failing job does not stop the tick."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from click.testing import CliRunner
from django.core import mail
from django.db import DatabaseError, connection

from tests.factory import make_deal
from tests.program.invitation_factory import make_proposed, set_up_program
from winloss.cli import main
from winloss.deals.models import Contact, SalesRep
from winloss.interviews.models import Interview, Stage, StageEvent
from winloss.program import invitations, tick
from winloss.program.models import Message, RepView, SurveyLink
from winloss.program.queue import askable_deals, build

NOW = datetime(2026, 9, 1, 9, 0, tzinfo=UTC)
INVITED_AT = NOW - timedelta(days=5)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def message_log_fails(db):
    """The database refuses to log an email (as PostgreSQL refuses a value too long for its column)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("CREATE TRIGGER message_log_fails BEFORE INSERT ON program_message "
                           "BEGIN SELECT RAISE(ABORT, 'the message log refuses this row'); END")
        else:
            cursor.execute("CREATE FUNCTION message_log_fails() RETURNS trigger AS $$ BEGIN "
                           "RAISE EXCEPTION 'the message log refuses this row'; END $$ LANGUAGE plpgsql")
            cursor.execute("CREATE TRIGGER message_log_fails BEFORE INSERT ON program_message "
                           "FOR EACH ROW EXECUTE FUNCTION message_log_fails()")


@pytest.fixture
def mail_server_down(settings):
    settings.EMAIL_BACKEND = "tests.program.failing_email.MailServerDown"


@pytest.fixture
def rep(db):
    return SalesRep.objects.create(name="Marcus Hale", email="marcus@brightline.example")


def invited(interviewer, **buyer) -> Interview:
    interview = make_proposed(interviewer, stage=Stage.INVITED, **buyer)
    interview.invited_at = INVITED_AT
    interview.save()
    return interview


def assert_untouched(interview: Interview, stage: str = Stage.PROPOSED) -> None:
    interview.refresh_from_db()
    assert interview.stage == stage
    assert not StageEvent.objects.filter(interview=interview).exists()
    assert not Message.objects.exists()


# --- Write first, send last ---------------------------------------------------------------------------------


def test_a_failed_write_sends_no_invitation_and_changes_nothing(people, message_log_fails):
    set_up_program()
    pat = make_proposed(people["interviewer"])
    result = invitations.send_invitations([pat], "Hi", "Text {{ survey_url }}", by=people["owner"])
    assert mail.outbox == []
    [(failed, reason)] = result.failed  # PostgreSQL adds where in the trigger it was raised
    assert failed == pat and reason.startswith("the message log refuses this row") and result.sent == []
    assert_untouched(pat)
    assert pat.invited_at is None
    assert not SurveyLink.objects.exists()


def test_a_failed_write_sends_no_reminder_and_the_next_tick_tries_again(people, message_log_fails):
    set_up_program()
    pat = invited(people["interviewer"])
    result = tick.run(NOW)
    assert mail.outbox == []
    [failure] = result.failures
    assert failure.startswith(f"reminders: interview {pat.pk}: the message log refuses this row")
    assert result.done == {"reminders": 0, "no_response": 0, "rep_forms_requested": 0, "monthly_digest": 0,
                           "action_owners_reminded": 0}
    assert_untouched(pat, Stage.INVITED)
    assert pat.reminded_at is None


def test_a_failed_write_sends_the_rep_no_request_and_saves_no_rep_view(rep, message_log_fails):
    deal = make_deal(owner=rep, close_date=date(2026, 8, 30))
    for hour in range(3):
        result = tick.run(NOW + timedelta(hours=hour))
        [failure] = result.failures
        assert failure.startswith(f"rep_forms_requested: deal {deal.pk}: the message log refuses this row")
    assert mail.outbox == []
    assert not RepView.objects.exists()


def test_a_failed_write_sends_no_calendar_invitation(people, message_log_fails):
    set_up_program()
    pat = invited(people["interviewer"])
    with pytest.raises(DatabaseError):
        invitations.schedule(pat, NOW + timedelta(days=2), 45, by=people["interviewer"])
    assert mail.outbox == []
    assert_untouched(pat, Stage.INVITED)
    assert pat.scheduled_for is None


def test_a_failed_send_changes_nothing_and_is_reported(people, mail_server_down):
    set_up_program()
    pat = make_proposed(people["interviewer"])
    result = invitations.send_invitations([pat], "Hi", "Text {{ survey_url }}", by=people["owner"])
    assert result.failed == [(pat, "the mail server is down")] and result.sent == []
    assert_untouched(pat)
    assert not SurveyLink.objects.exists()


def test_a_failed_send_to_a_rep_saves_no_rep_view_and_the_other_jobs_still_run(people, rep, mail_server_down):
    set_up_program()
    pat = invited(people["interviewer"])
    pat.invited_at = NOW - timedelta(days=14)
    pat.save(update_fields=["invited_at"])
    deal = make_deal(owner=rep, close_date=date(2026, 8, 30))
    result = tick.run(NOW)
    assert result.failures == [f"rep_forms_requested: deal {deal.pk}: the mail server is down"]
    assert result.done["no_response"] == 1
    assert not RepView.objects.exists() and not Message.objects.exists()


# --- Subjects built from the CRM's names --------------------------------------------------------------------


def test_a_long_account_name_with_a_line_break_makes_a_one_line_subject_logged_whole(people):
    set_up_program()
    account = "Consolidated " + "Very Long Holdings " * 12 + "\nInternational"
    pat = make_proposed(people["interviewer"], account=account)
    result = invitations.send_invitations([pat], "Your view on the {{ deal.account.name }} decision", "Text",
                                          by=people["owner"])
    assert result.sent == [pat]
    [sent] = mail.outbox
    assert sent.subject == f"Your view on the {' '.join(account.split())} decision"
    message = Message.objects.get()
    assert message.subject == sent.subject and len(message.subject) > 255
    # PostgreSQL refuses a value longer than its column; SQLite does not, so check the column itself.
    assert len(message.subject) <= (Message._meta.get_field("subject").max_length or len(message.subject))


def test_a_deal_name_with_a_line_break_still_asks_its_rep(rep):
    deal = make_deal(owner=rep, close_date=date(2026, 8, 30), name="Coppercombe\nCore Analytics")
    result = tick.run(NOW)
    assert result.failures == [] and result.done["rep_forms_requested"] == 1
    [sent] = mail.outbox
    assert sent.subject == "Under a minute: what decided Coppercombe Core Analytics?"
    assert Message.objects.get().subject == sent.subject
    assert RepView.objects.get().deal == deal


# --- One bad item does not stop the others ------------------------------------------------------------------


@pytest.mark.parametrize("address", ["pat@acme.example\nBcc: all@acme.example", "pat@acme.example, kim@acme.example",
                                     "pat at acme"])
def test_a_buyer_whose_address_we_cannot_use_is_skipped_with_a_reason_and_the_batch_goes_on(people, address):
    set_up_program()
    pat = make_proposed(people["interviewer"], email=address)
    kim = make_proposed(people["interviewer"], name="Kim Lee", email="kim@globex.example", account="Globex")
    result = invitations.send_invitations([pat, kim], "Hi", "Text", by=people["owner"])
    assert result.skipped == [(pat, "the buyer has no email address we can use")]
    assert result.sent == [kim]
    assert [m.to for m in mail.outbox] == [["kim@globex.example"]]


def test_a_reminder_that_fails_is_reported_and_the_next_buyer_is_reminded(people, caplog):
    set_up_program()
    pat = invited(people["interviewer"], email="pat@acme.example\nBcc: all@acme.example")
    kim = invited(people["interviewer"], name="Kim Lee", email="kim@globex.example", account="Globex")
    result = tick.run(NOW)
    assert result.done["reminders"] == 1
    assert result.failures == [f"reminders: interview {pat.pk}: the buyer has no email address we can use; not "
                               "reminded"]
    assert [m.to for m in mail.outbox] == [["kim@globex.example"]]
    kim.refresh_from_db()
    pat.refresh_from_db()
    assert kim.reminded_at == NOW and pat.reminded_at is None
    assert f"interview {pat.pk} failed" in caplog.text


def test_a_reminder_text_that_cannot_be_rendered_is_reported_per_buyer(people):
    program = set_up_program()
    program.reminder_body = "{{ company|default:deal.nothing.here }}"
    program.save()
    pat = invited(people["interviewer"])
    result = tick.run(NOW)
    assert len(result.failures) == 1 and result.failures[0].startswith(f"reminders: interview {pat.pk}: ")
    assert mail.outbox == []
    assert_untouched(pat, Stage.INVITED)


def test_a_buyer_whose_address_we_cannot_use_is_not_in_the_queue(db):
    for name, email in [("Broken", "pat@acme.example\nx"), ("Two", "a@b.example, c@d.example"),
                        ("Good", "kim@globex.example")]:
        deal = make_deal(name=name, close_date=date(2026, 8, 20))
        Contact.objects.create(deal=deal, name=f"Buyer of {name}", email=email)
    both = make_deal(name="Both", close_date=date(2026, 8, 20))
    Contact.objects.create(deal=both, name="Aaron Broken", email="aaron at both")
    Contact.objects.create(deal=both, name="Zoe Fine", email="zoe@both.example")
    queue = build(askable_deals(), date(2026, 9, 1))
    assert sorted((entry.deal.name, entry.contact.email) for entry in queue.entries) == [
        ("Both", "zoe@both.example"), ("Good", "kim@globex.example")]


# --- One failing job does not stop the tick ------------------------------------------------------------------


def _job_that_fails(now: datetime) -> invitations.JobResult:
    raise RuntimeError("the job's table is missing")


def test_a_failing_job_reports_its_error_and_the_others_still_run(people, rep, monkeypatch):
    monkeypatch.setattr(tick, "JOBS", [("broken", _job_that_fails), *tick.JOBS])
    make_deal(owner=rep, close_date=date(2026, 8, 30))
    result = tick.run(NOW)
    assert result.failures == ["broken: the job's table is missing"]
    assert result.done == {"reminders": 0, "no_response": 0, "rep_forms_requested": 1, "monthly_digest": 0,
                           "action_owners_reminded": 0}
    assert len(mail.outbox) == 1


def test_the_tick_command_exits_non_zero_and_says_what_failed(people, rep, monkeypatch):
    monkeypatch.setattr(tick, "JOBS", [("broken", _job_that_fails), *tick.JOBS])
    result = CliRunner().invoke(main, ["program", "tick"])
    assert result.exit_code == 1
    assert "reminders: 0" in result.stdout
    assert "Failed: broken: the job's table is missing" in result.stderr


def test_the_tick_command_exits_zero_when_everything_went(people):
    result = CliRunner().invoke(main, ["program", "tick", "--json"])
    assert result.exit_code == 0
    assert result.stdout.strip() == ('{"reminders": 0, "no_response": 0, "rep_forms_requested": 0, '
                                     '"monthly_digest": 0, "action_owners_reminded": 0, "failures": []}')
