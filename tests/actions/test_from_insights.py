"""The insights pages offer to act on a theme, a competitor or a quote, to those who may create actions."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factory import PASSWORD, make_coded_interview, make_deal
from winloss.deals.models import Competitor

pytestmark = pytest.mark.django_db


@pytest.fixture
def evidence(people):
    deal = make_deal(outcome="lost", primary_competitor="Northwind")
    interview = make_coded_interview(deal, codes=[("price", "negative", "us")],
                                     quotes=[("price", "Too dear, said Priya Shah.", "Too dear, said [name].")])
    return Competitor.objects.get(name="Northwind"), interview.quotes.get()


@pytest.mark.parametrize("person,offered", [("analyst", True), ("owner", True), ("stakeholder", False),
                                            ("interviewer", False)])
def test_each_kind_of_evidence_links_to_a_new_action_started_from_it(client, people, evidence, person, offered):
    competitor, quote = evidence
    client.login(username=people[person].username, password=PASSWORD)
    links = {
        "insights:drivers": (reverse("insights:drivers"), "?theme=price"),
        "insights:competitor": (reverse("insights:competitor", args=[competitor.pk]),
                                f"?competitor={competitor.pk}"),
        "insights:quotes": (reverse("insights:quotes"), f"?quote={quote.pk}"),
    }
    for name, (url, query) in links.items():
        page = client.get(url).content.decode()
        assert (reverse("actions:new") + query in page) == offered, name
    if offered:
        form = client.get(reverse("actions:new") + f"?quote={quote.pk}").context["form"]
        assert form.initial["quotes"] == [quote.pk] and form.initial["themes"] == ["price"]
