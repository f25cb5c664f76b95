"""Every page checks permissions: each role gets what it should, the outsider gets nothing."""

from __future__ import annotations

import pytest
from django.urls import get_resolver, reverse

from tests.factory import PASSWORD, make_deal
from winloss.deals.models import ImportRun

READERS = {"owner": 200, "analyst": 200, "interviewer": 200, "stakeholder": 200, "external": 403, "outsider": 404}
IMPORTERS = {"owner": 200, "analyst": 200, "interviewer": 403, "stakeholder": 403, "external": 403, "outsider": 404}

# url name -> (method, expected status per person). POSTs that succeed redirect (302).
PAGES = {
    "deals:list": ("get", READERS),
    "deals:detail": ("get", READERS),
    "deals:overview": ("get", READERS),
    "deals:imports": ("get", IMPORTERS),
    "deals:import_detail": ("get", IMPORTERS),
    "deals:import_progress": ("get", IMPORTERS),
    "deals:import_mapping": ("post", {**IMPORTERS, "owner": 302, "analyst": 302}),
    "deals:import_confirm": ("post", {**IMPORTERS, "owner": 302, "analyst": 302}),
}


def _url(name: str, deal, run) -> str:
    if name == "deals:detail":
        return reverse(name, args=[deal.pk])
    if name.startswith("deals:import_"):
        return reverse(name, args=[run.pk])
    return reverse(name)


def test_every_deals_page_is_in_the_permission_table():
    names = {f"deals:{p.name}" for p in get_resolver().namespace_dict["deals"][1].url_patterns}
    assert names == set(PAGES)


@pytest.mark.parametrize("name", sorted(PAGES))
@pytest.mark.parametrize("person", sorted(READERS))
def test_each_role_gets_what_it_should(client, people, tmp_path, name, person):
    deal = make_deal()
    upload = tmp_path / "empty.csv"
    upload.write_text("")
    run = ImportRun.objects.create(filename="x.csv", stored_path=str(upload), source="salesforce",
                                   status=ImportRun.Status.PREVIEW)
    method, expected = PAGES[name]
    client.login(username=people[person].username, password=PASSWORD)
    response = getattr(client, method)(_url(name, deal, run))
    assert response.status_code == expected[person]
    if expected[person] == 404:
        assert deal.name.encode() not in response.content


@pytest.mark.parametrize("name", sorted(PAGES))
def test_anonymous_visitors_are_sent_to_log_in(client, db, name):
    deal = make_deal()
    run = ImportRun.objects.create(filename="x.csv", source="salesforce")
    method, _ = PAGES[name]
    response = getattr(client, method)(_url(name, deal, run))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("person", sorted(READERS))
def test_only_the_program_owner_gets_into_the_admin(client, people, person):
    client.login(username=people[person].username, password=PASSWORD)
    response = client.get(reverse("admin:index"))
    assert response.status_code == (200 if person == "owner" else 302)


def test_the_login_page_is_open_to_everyone(client, db):
    assert client.get(reverse("login")).status_code == 200
