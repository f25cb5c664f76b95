"""Status changes are POSTed to the configured webhook, here a real HTTP server on this machine; a failing tracker
is recorded and shown, and the status change stands."""

from __future__ import annotations

import socket

import pytest
from django.urls import reverse

from tests.actions.builders import make_action
from tests.factory import PASSWORD
from winloss.actions.models import Action, WebhookDelivery

pytestmark = pytest.mark.django_db


@pytest.fixture
def tracker(settings, receiver):
    settings.WINLOSS_ACTIONS_WEBHOOK_URL = receiver.url
    return receiver


def test_a_status_change_is_posted_as_json_once_committed(tracker, people, client,
                                                          django_capture_on_commit_callbacks):
    action = make_action(people["analyst"], title="Battlecard", team="sales_enablement", owner=people["stakeholder"])
    client.login(username=people["stakeholder"].username, password=PASSWORD)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("actions:move", args=[action.pk]), {"status": "accepted"})
    ((content_type, body),) = tracker.received
    assert content_type == "application/json"
    assert body["event"] == "action.status_changed"
    assert (body["before"], body["after"], body["by"]) == ("proposed", "accepted", "sam_stakeholder")
    assert body["action"]["id"] == action.pk and body["action"]["team"] == "sales_enablement"
    assert body["action"]["status"] == "accepted" and body["action"]["owner"] == "sam_stakeholder"
    assert body["action"]["url"].endswith(f"/actions/{action.pk}/")
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status_code, delivery.error) == (200, "")


def test_nothing_is_posted_when_the_change_is_rolled_back(tracker, people, django_capture_on_commit_callbacks):
    action = make_action(people["analyst"])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        action.move("accepted")
    assert len(callbacks) == 1 and tracker.received == []  # it waits for the commit


@pytest.mark.django_db(transaction=True)  # commits as in production: the page learns how the delivery went
def test_a_tracker_answering_an_error_is_recorded_and_shown_and_the_change_stands(tracker, people, client):
    tracker.answer = 503
    action = make_action(people["analyst"])
    client.login(username=people["analyst"].username, password=PASSWORD)
    response = client.post(reverse("actions:move", args=[action.pk]), {"status": "accepted"}, follow=True)
    assert Action.objects.get(pk=action.pk).status == "accepted"
    assert "the webhook failed: the tracker answered HTTP 503" in response.content.decode()
    assert WebhookDelivery.objects.get().status_code == 503
    assert tracker.received[0][1]["action"]["status"] == "accepted"  # sent after the commit, with the new status
    page = client.get(reverse("actions:detail", args=[action.pk])).content.decode()
    assert "failed" in page and "HTTP 503" in page


def test_an_unreachable_tracker_is_recorded_and_the_change_stands(settings, people,
                                                                  django_capture_on_commit_callbacks):
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    settings.WINLOSS_ACTIONS_WEBHOOK_URL = f"http://127.0.0.1:{port}/"  # nobody listens there any more
    action = make_action(people["analyst"])
    with django_capture_on_commit_callbacks(execute=True):
        action.move("accepted")
    assert Action.objects.get(pk=action.pk).status == "accepted"
    assert WebhookDelivery.objects.get().error.startswith("could not reach the tracker")


def test_without_a_webhook_url_nothing_is_sent_or_recorded(settings, people, django_capture_on_commit_callbacks):
    settings.WINLOSS_ACTIONS_WEBHOOK_URL = ""
    with django_capture_on_commit_callbacks(execute=True):
        make_action(people["analyst"]).move("accepted")
    assert not WebhookDelivery.objects.exists()
