"""Every actions page checks permissions: each role gets what it should, the outsider gets nothing."""

from __future__ import annotations

import pytest
from django.urls import get_resolver, reverse

from tests.actions.builders import make_action
from tests.factory import PASSWORD

READERS = {"owner": 200, "analyst": 200, "interviewer": 200, "stakeholder": 200, "external": 403, "outsider": 404}
MANAGERS = {**READERS, "interviewer": 403, "stakeholder": 403}
PROGRAM_OWNER = {**MANAGERS, "analyst": 403}
# Moving an action: the program's owner and analysts, or the action's own owner (here the stakeholder).
MOVERS = {**MANAGERS, "owner": 302, "analyst": 302, "stakeholder": 302}

# url name -> (method, expected status per person)
PAGES = {
    "actions:board": ("get", READERS),
    "actions:changed": ("get", READERS),
    "actions:detail": ("get", READERS),
    "actions:export": ("get", READERS),
    "actions:new": ("get", MANAGERS),
    "actions:edit": ("get", MANAGERS),
    "actions:settings": ("get", PROGRAM_OWNER),
    "actions:move": ("post", MOVERS),
}


def test_every_actions_page_is_in_the_permission_table():
    names = {f"actions:{p.name}" for p in get_resolver().namespace_dict["actions"][1].url_patterns}
    assert names == set(PAGES)


@pytest.mark.parametrize("name", sorted(PAGES))
@pytest.mark.parametrize("person", sorted(READERS))
def test_each_role_gets_what_it_should(client, people, name, person):
    action = make_action(people["analyst"], title="Rework the Northwind battlecard", owner=people["stakeholder"])
    method, expected = PAGES[name]
    client.login(username=people[person].username, password=PASSWORD)
    url = reverse(name, args=[action.pk]) if name in ("actions:detail", "actions:edit", "actions:move") \
        else reverse(name)
    response = getattr(client, method)(url, {"status": "accepted"} if method == "post" else None)
    assert response.status_code == expected[person]
    if expected[person] >= 400:
        assert b"Northwind battlecard" not in response.content
    if name == "actions:move":
        action.refresh_from_db()
        assert action.status == ("accepted" if expected[person] == 302 else "proposed")


def test_a_member_moves_only_the_actions_they_own(client, people):
    theirs = make_action(people["analyst"], owner=people["interviewer"])
    other = make_action(people["analyst"], owner=people["stakeholder"])
    client.login(username=people["interviewer"].username, password=PASSWORD)
    assert client.post(reverse("actions:move", args=[theirs.pk]), {"status": "accepted"}).status_code == 302
    assert client.post(reverse("actions:move", args=[other.pk]), {"status": "accepted"}).status_code == 403
    theirs.refresh_from_db(), other.refresh_from_db()
    assert (theirs.status, other.status) == ("accepted", "proposed")


@pytest.mark.parametrize("name", sorted(PAGES))
def test_anonymous_visitors_are_sent_to_log_in(client, people, name):
    action = make_action(people["analyst"])
    method, _ = PAGES[name]
    url = reverse(name, args=[action.pk]) if name in ("actions:detail", "actions:edit", "actions:move") \
        else reverse(name)
    response = getattr(client, method)(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
