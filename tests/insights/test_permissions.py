"""Every insights page checks permissions: readers of insights get it, the outsider gets nothing."""

from __future__ import annotations

import pytest
from django.urls import get_resolver, reverse

from tests.factory import PASSWORD, make_coded_interview, make_deal

READERS = {"owner": 200, "analyst": 200, "interviewer": 200, "stakeholder": 200, "external": 403, "outsider": 404}

PAGES = {
    "insights:drivers": READERS,
    "insights:competitors": READERS,
    "insights:competitor": READERS,
    "insights:trends": READERS,
    "insights:quotes": READERS,
}
SECRET = "Quentin Buyer said the Acme price was hard to beat for us"


def _url(name: str, competitor_id: int) -> str:
    return reverse(name, args=[competitor_id]) if name == "insights:competitor" else reverse(name)


def test_every_page_of_mine_is_in_the_permission_table():
    names = {f"insights:{p.name}" for p in get_resolver().namespace_dict["insights"][1].url_patterns}
    assert set(PAGES) <= names


@pytest.mark.parametrize("name", sorted(PAGES))
@pytest.mark.parametrize("person", sorted(READERS))
def test_each_role_gets_what_it_should(client, people, name, person):
    deal = make_deal(name="Northwind renewal", primary_competitor="Acme")
    make_coded_interview(deal, codes=[("price", "positive", "Acme")],
                         quotes=[("price", SECRET, SECRET.replace("Quentin Buyer", "[name]"))])
    client.login(username=people[person].username, password=PASSWORD)
    response = client.get(_url(name, deal.primary_competitor_id))
    assert response.status_code == PAGES[name][person]
    if response.status_code == 404:
        assert b"Northwind" not in response.content and b"Acme" not in response.content


@pytest.mark.parametrize("name", sorted(PAGES))
def test_anonymous_visitors_are_sent_to_log_in(client, db, name):
    response = client.get(_url(name, make_deal(primary_competitor="Acme").primary_competitor_id))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


UNREDACTED = {"owner": True, "analyst": True, "interviewer": True, "stakeholder": False}


@pytest.mark.parametrize("name", ["insights:quotes", "insights:competitor"])
@pytest.mark.parametrize("person", sorted(UNREDACTED))
def test_only_roles_that_read_interviews_may_see_unredacted_quotes(client, people, name, person):
    deal = make_deal(primary_competitor="Acme")
    make_coded_interview(deal, codes=[("price", "positive", "Acme")],
                         quotes=[("price", SECRET, SECRET.replace("Quentin Buyer", "[name]"))])
    client.login(username=people[person].username, password=PASSWORD)
    url = _url(name, deal.primary_competitor_id)
    redacted = client.get(url).content.decode()
    assert "[name] said the Acme price" in redacted and "Quentin" not in redacted
    unredacted = client.get(url + "?unredacted=1").content.decode()
    assert ("Quentin Buyer said" in unredacted) is UNREDACTED[person]
    assert ("Show unredacted" in redacted) is UNREDACTED[person]
