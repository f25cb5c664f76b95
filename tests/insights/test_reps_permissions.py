"""Who sees reps versus buyers and who edits the CRM reason mapping; the outsider gets nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factory import PASSWORD, make_deal
from winloss.insights.models import CrmReasonMapping
from winloss.insights.views.reps import urlpatterns

READERS = {"owner": 200, "analyst": 200, "interviewer": 200, "stakeholder": 200, "external": 403, "outsider": 404}
EDITORS = {"owner": 200, "analyst": 200, "interviewer": 403, "stakeholder": 403, "external": 403, "outsider": 404}

# (url name, method) -> expected status per person. A saved mapping redirects (302).
PAGES = {
    ("insights:reps", "get"): READERS,
    ("insights:reps_mapping", "get"): EDITORS,
    ("insights:reps_mapping", "post"): {**EDITORS, "owner": 302, "analyst": 302},
}
SECRET_DEAL = "Zanzibar Holdings renewal"


def test_every_reps_page_is_in_the_permission_table():
    assert {f"insights:{p.name}" for p in urlpatterns} == {name for name, _ in PAGES}


@pytest.mark.parametrize(("name", "method"), sorted(PAGES))
@pytest.mark.parametrize("person", sorted(READERS))
def test_each_role_gets_what_it_should(client, people, name, method, person):
    make_deal(name=SECRET_DEAL, crm_reason="Zanzibar pricing")
    expected = PAGES[name, method]
    client.login(username=people[person].username, password=PASSWORD)
    data = {"form-TOTAL_FORMS": 1, "form-INITIAL_FORMS": 1, "form-0-reason": "Zanzibar pricing",
            "form-0-theme": "price"} if method == "post" else {}
    response = getattr(client, method)(reverse(name), data)
    assert response.status_code == expected[person]
    if expected[person] == 404:
        assert b"Zanzibar" not in response.content
    if method == "post":
        assert CrmReasonMapping.objects.exists() == (expected[person] == 302)


@pytest.mark.parametrize(("name", "method"), sorted(PAGES))
def test_anonymous_visitors_are_sent_to_log_in(client, db, name, method):
    response = getattr(client, method)(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert not CrmReasonMapping.objects.exists()


@pytest.mark.parametrize(("person", "sees_link"), [("analyst", True), ("stakeholder", False)])
def test_only_those_who_edit_the_mapping_are_linked_to_it(client, people, person, sees_link):
    client.login(username=people[person].username, password=PASSWORD)
    html = client.get(reverse("insights:reps")).content.decode()
    assert (reverse("insights:reps_mapping") in html) == sees_link
