"""The monthly digest goes once per month to members who asked and to WINLOSS_DIGEST_TO, and to a chat webhook."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from tests.factory import PASSWORD, make_deal
from tests.reports.builders import make_quoted_interview
from winloss.program import tick
from winloss.reports.digest import month_bounds
from winloss.reports.models import DigestRun, DigestSubscription, Finding

NOV_2 = datetime(2026, 11, 2, 7, 0, tzinfo=UTC)


@pytest.fixture
def webhook(settings, receiver):
    settings.WINLOSS_DIGEST_WEBHOOK_URL = receiver.url
    return receiver


@pytest.fixture
def october(people):
    with time_machine.travel(datetime(2026, 10, 20, tzinfo=UTC), tick=False):
        make_quoted_interview(close_date=date(2026, 10, 5))
        finding = Finding.objects.create(statement="Onboarding dates we cannot keep lose deals", audiences=["cs"])
        finding.set_status("published", by=people["analyst"])
        Finding.objects.create(statement="Still a draft", audiences=["cs"])
    for outcome in ("won", "won", "lost"):
        make_deal(outcome=outcome, close_date=date(2026, 9, 10))
    DigestSubscription.objects.create(user=people["stakeholder"])
    DigestSubscription.objects.create(user=people["outsider"])  # no longer a member: gets nothing


def test_month_bounds_handle_every_month_length():
    assert month_bounds(date(2026, 2, 14)) == (date(2026, 2, 1), date(2026, 2, 28))
    assert month_bounds(date(2026, 12, 31)) == (date(2026, 12, 1), date(2026, 12, 31))


def test_the_digest_goes_once_to_subscribers_and_the_list_and_to_the_webhook(october, webhook, settings):
    settings.WINLOSS_DIGEST_TO = ["board@example.com"]
    assert tick.run(NOV_2).done["monthly_digest"] == 1
    assert sorted(m.to[0] for m in mail.outbox) == ["board@example.com", "sam_stakeholder@example.com"]
    body = mail.outbox[0].body
    assert mail.outbox[0].subject == "Win/loss digest for October 2026"
    assert ("Win rate: 0% (n=1, 95% CI 0%–79%), small sample "
            "(month before: 67% (n=3, 95% CI 21%–94%), small sample)") in body
    assert "Interviews coded: 1" in body
    assert "Top reasons buyers gave:\n- Implementation & onboarding: 1 of 1 interviews" in body
    assert "- Onboarding dates we cannot keep lose deals" in body and "Still a draft" not in body
    assert "http://127.0.0.1:8000/reports/" in body
    assert webhook.received == [("application/json", {"text": body})]
    run = DigestRun.objects.get()
    assert (run.month, run.webhook_status) == ("2026-10", "sent")

    assert tick.run(NOV_2.replace(day=20)).done["monthly_digest"] == 0  # the same month again: nothing
    assert len(mail.outbox) == 2 and len(webhook.received) == 1
    assert tick.run(datetime(2026, 12, 1, 6, tzinfo=UTC)).done["monthly_digest"] == 1  # November's
    assert DigestRun.objects.count() == 2


def test_a_webhook_that_refuses_is_reported_and_the_emails_are_not_sent_again(october, webhook):
    webhook.answer = 500
    result = tick.run(NOV_2)
    assert result.failures == ["monthly_digest: digest 2026-10: chat webhook failed: HTTP 500"]
    assert len(mail.outbox) == 1
    tick.run(NOV_2)
    assert len(mail.outbox) == 1


def test_with_nobody_to_tell_nothing_is_recorded(db):
    assert tick.run(NOV_2).done["monthly_digest"] == 0
    assert not DigestRun.objects.exists()


def test_a_member_starts_and_stops_the_digest_from_the_reports_page(client, people):
    client.login(username=people["interviewer"].username, password=PASSWORD)
    response = client.post(reverse("reports:digest_subscription"),
                           {"subscribe": "yes", "next": "/reports/?audience=cs"})
    assert response["Location"] == "/reports/?audience=cs"
    assert DigestSubscription.objects.filter(user=people["interviewer"]).exists()
    response = client.post(reverse("reports:digest_subscription"), {"subscribe": "no", "next": "https://evil.example/"})
    assert response["Location"] == reverse("reports:report")
    assert not DigestSubscription.objects.filter(user=people["interviewer"]).exists()
