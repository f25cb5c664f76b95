"""Owners are reminded by email of their actions overdue or due soon, at most once a day."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from django.core import mail

from tests.actions.builders import make_action
from tests.factory import make_user
from winloss.actions.models import Reminder
from winloss.actions.reminders import remind_owners
from winloss.program.tick import run

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 9, 15, 8, tzinfo=UTC)  # due soon: by 18 September (three days, the default)


def test_each_owner_gets_one_email_listing_their_overdue_and_due_soon_actions(people):
    stakeholder, analyst = people["stakeholder"], people["analyst"]
    make_action(analyst, title="Late battlecard", owner=stakeholder, due_date=date(2026, 9, 10))
    make_action(analyst, title="Pricing page", owner=stakeholder, due_date=date(2026, 9, 18))
    make_action(analyst, title="Far off", owner=stakeholder, due_date=date(2026, 9, 19))
    make_action(analyst, title="Already done", owner=stakeholder, due_date=date(2026, 9, 1), status="done")
    make_action(analyst, title="Analyst's own", owner=analyst, due_date=date(2026, 9, 14))
    nobody = make_user("no_mail", "stakeholder")
    nobody.email = ""
    nobody.save()
    make_action(analyst, title="No address", owner=nobody, due_date=date(2026, 9, 1))

    result = run(NOW)  # as `winloss program tick` does
    assert result.done["action_owners_reminded"] == 2 and result.failures == []
    emails = {m.to[0]: m for m in mail.outbox}
    assert set(emails) == {"sam_stakeholder@example.com", "andy_analyst@example.com"}
    body = emails["sam_stakeholder@example.com"].body
    assert "Late battlecard (overdue since 10 Sep 2026)" in body and "Pricing page (due 18 Sep 2026)" in body
    assert "Far off" not in body and "Already done" not in body
    assert emails["sam_stakeholder@example.com"].subject == "Actions to follow up: 2 overdue or due soon"
    assert sorted(Reminder.objects.values_list("action__title", "overdue")) == [
        ("Analyst's own", True), ("Late battlecard", True), ("Pricing page", False)]


def test_running_again_the_same_day_or_within_a_week_sends_nothing_more(people):
    make_action(people["analyst"], owner=people["stakeholder"], due_date=date(2026, 9, 10))
    assert remind_owners(NOW).done == 1
    assert remind_owners(NOW + timedelta(hours=5)).done == 0
    assert remind_owners(NOW + timedelta(days=6)).done == 0
    assert len(mail.outbox) == 1
    assert remind_owners(NOW + timedelta(days=7)).done == 1  # still overdue a week later: reminded again
    assert len(mail.outbox) == 2
