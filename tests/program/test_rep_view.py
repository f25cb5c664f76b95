"""The rep's side: when a deal closes its rep is asked once, by email, for what they believe decided it, in a
form without login; the form's link follows the same rules as the buyer's survey."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse

from tests.factory import make_deal
from winloss.deals.models import Competitor, Deal, SalesRep
from winloss.program import tick
from winloss.program.models import Message, RepView

NOW = datetime(2026, 9, 1, 9, 0, tzinfo=UTC)
TODAY = date(2026, 9, 1)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def rep(db):
    Competitor.objects.create(name="Northwind Systems")
    return SalesRep.objects.create(name="Marcus Hale", email="marcus@brightline.example")


def close(rep: SalesRep, days_ago: int, **overrides: object):
    return make_deal(owner=rep, close_date=TODAY - timedelta(days=days_ago), **overrides)


def asked(deal) -> RepView:
    tick.run(NOW)
    return RepView.objects.get(deal=deal)


def snapshot() -> list[dict]:
    return list(RepView.objects.order_by("pk").values())


def url(token: str) -> str:
    return reverse("program:rep_form", args=[token])


def test_the_rep_of_a_deal_that_just_closed_is_asked_once(rep):
    deal = close(rep, 3, name="Coppercombe - Core Analytics", outcome="lost")
    assert tick.run(NOW).done["rep_forms_requested"] == 1
    assert tick.run(NOW + timedelta(hours=1)).done["rep_forms_requested"] == 0
    view = RepView.objects.get()
    assert view.deal == deal and view.rep == rep and view.expires_at == NOW + timedelta(days=14)
    [email] = mail.outbox
    assert email.to == ["marcus@brightline.example"]
    assert "Coppercombe - Core Analytics" in email.subject
    assert f"http://127.0.0.1:8000/program/p/rep/{view.token}/" in email.body
    message = Message.objects.get()
    assert (message.kind, message.deal, message.to, message.body) == (Message.Kind.REP_FORM, deal, email.to[0],
                                                                       email.body)


def test_only_deals_closed_in_the_last_fourteen_days_with_a_rep_who_has_an_email_are_asked(rep):
    close(rep, 0, outcome="won")
    close(rep, 14, outcome="no_decision")
    close(rep, 15, outcome="lost")  # too long ago
    close(rep, -1, outcome="lost")  # dated tomorrow
    close(rep, 2, outcome="open")
    make_deal(close_date=TODAY, outcome="lost")  # no owner
    close(SalesRep.objects.create(name="No Email"), 2, outcome="lost")
    assert tick.run(NOW).done["rep_forms_requested"] == 2
    assert sorted(RepView.objects.values_list("deal__outcome", flat=True)) == ["no_decision", "won"]
    assert len(mail.outbox) == 2


def test_the_rep_answers_in_three_choices(client, rep):
    view = asked(close(rep, 3))
    page = client.get(url(view.token)).content.decode()
    assert "Price" in page and "Northwind Systems" in page and "Fairly sure" in page
    northwind = Competitor.objects.get()
    response = client.post(url(view.token), {"main_reason": "implementation", "main_competitor": str(northwind.pk),
                                              "sureness": "fairly"})
    assert response.status_code == 200 and "Thank you" in response.content.decode()
    view.refresh_from_db()
    assert (view.main_reason, view.main_competitor, view.no_competitor, view.sureness) == (
        "implementation", northwind, False, "fairly")
    assert view.submitted_at == NOW


@pytest.mark.parametrize(("choice", "no_competitor", "label"), [("none", True, "None"),
                                                                ("other", False, "Another vendor")])
def test_no_competitor_and_another_vendor_are_told_apart(client, rep, choice, no_competitor, label):
    deal = close(rep, 3)
    view = asked(deal)
    client.post(url(view.token), {"main_reason": "price", "main_competitor": choice, "sureness": "guess"})
    view.refresh_from_db()
    assert view.main_competitor is None and view.no_competitor is no_competitor
    shown = render_to_string("program/_rep_view.html", {"deal": deal})
    assert label in shown and "Price" in shown and "A guess" in shown


def test_the_deal_page_include_says_when_the_rep_was_not_asked_or_has_not_answered(rep):
    deal = close(rep, 30)
    assert "Not asked" in render_to_string("program/_rep_view.html", {"deal": deal})
    RepView.objects.create(deal=deal, rep=rep, token="t", expires_at=NOW)
    deal = Deal.objects.get(pk=deal.pk)
    assert "no answer yet" in render_to_string("program/_rep_view.html", {"deal": deal})


def test_an_incomplete_form_is_refused_and_stores_nothing(client, rep):
    view = asked(close(rep, 3))
    before = snapshot()
    response = client.post(url(view.token), {"main_reason": "price", "main_competitor": "", "sureness": "sure"})
    assert response.status_code == 400 and "Please answer all three" in response.content.decode()
    assert client.post(url(view.token), {"main_reason": "not-a-theme", "main_competitor": "none",
                                         "sureness": "sure"}).status_code == 400
    assert snapshot() == before


def test_an_unknown_or_tampered_token_is_not_found(client, rep):
    view = asked(close(rep, 3))
    before = snapshot()
    for token in ("no-such-token", view.token[:-1] + ("A" if view.token[-1] != "A" else "B"), view.token + "x"):
        for response in (client.get(url(token)), client.post(url(token), {"main_reason": "price",
                                                                           "main_competitor": "none",
                                                                           "sureness": "sure"})):
            assert response.status_code == 404
    assert snapshot() == before


def test_the_link_expires_to_the_second(client, rep):
    view = asked(close(rep, 3))
    with time_machine.travel(view.expires_at - timedelta(seconds=1), tick=False):
        assert client.get(url(view.token)).status_code == 200
    before = snapshot()
    with time_machine.travel(view.expires_at + timedelta(seconds=1), tick=False):
        for response in (client.get(url(view.token)), client.post(url(view.token), {
                "main_reason": "price", "main_competitor": "none", "sureness": "sure"})):
            assert response.status_code == 410 and "expired" in response.content.decode()
    assert snapshot() == before


def test_the_form_is_submitted_once(client, rep):
    view = asked(close(rep, 3))
    assert client.post(url(view.token), {"main_reason": "price", "main_competitor": "none",
                                         "sureness": "sure"}).status_code == 200
    before = snapshot()
    for response in (client.get(url(view.token)), client.post(url(view.token), {
            "main_reason": "support", "main_competitor": "other", "sureness": "guess"})):
        assert response.status_code == 410 and "already used" in response.content.decode()
    assert snapshot() == before


def test_csrf_is_enforced_for_the_anonymous_rep(rep):
    view = asked(close(rep, 3))
    client = Client(enforce_csrf_checks=True)
    data = {"main_reason": "price", "main_competitor": "none", "sureness": "sure"}
    assert client.post(url(view.token), data).status_code == 403
    assert RepView.objects.get().submitted_at is None
    client.get(url(view.token))
    assert client.post(url(view.token), {**data, "csrfmiddlewaretoken": client.cookies["csrftoken"].value}
                       ).status_code == 200
    assert RepView.objects.get().submitted_at is not None


def test_two_submits_of_one_rep_form_keep_the_first_answer(rep):
    from winloss.program.rep_views import open_rep_view, submit_rep_view
    from winloss.program.surveys import LinkClosed

    view = asked(close(rep, 3, outcome="lost"))
    first, second = open_rep_view(view.token, NOW), open_rep_view(view.token, NOW)
    submit_rep_view(first, main_reason="price", main_competitor=None, no_competitor=True, sureness="sure", now=NOW)
    with pytest.raises(LinkClosed) as closed:
        submit_rep_view(second, main_reason="support", main_competitor=None, no_competitor=True, sureness="guess",
                        now=NOW)
    assert closed.value.reason == "used"
    view.refresh_from_db()
    assert (view.main_reason, view.sureness) == ("price", "sure")
