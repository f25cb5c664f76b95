"""The insights and findings pages offer to act on a theme, a competitor, a quote or a finding, to those who may
create actions."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factory import PASSWORD, make_coded_interview, make_deal
from winloss.actions.models import Action
from winloss.deals.models import Competitor
from winloss.reports.models import Finding

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


def test_an_action_created_from_a_published_finding_rests_on_it_and_its_quotes(client, people, evidence):
    _, quote = evidence
    finding = Finding.objects.create(statement="Lost buyers found us dear against Northwind", status="published")
    finding.quotes.add(quote)
    draft = Finding.objects.create(statement="A hunch", status="draft")
    client.login(username=people["analyst"].username, password=PASSWORD)
    page = client.get(reverse("reports:finding", args=[finding.pk])).content.decode()
    assert reverse("actions:new") + f"?finding={finding.pk}" in page
    assert "?finding=" not in client.get(reverse("reports:finding", args=[draft.pk])).content.decode()

    form = client.get(reverse("actions:new"), {"finding": [finding.pk, draft.pk]}).context["form"]
    assert form.initial["findings"] == [finding.pk]  # a draft is not evidence yet
    assert form.initial["quotes"] == [quote.pk] and form.initial["themes"] == ["price"]
    client.post(reverse("actions:new"), {"title": "Price sheet against Northwind", "team": "pricing",
                                         "owner": people["analyst"].pk, "due_date": "2026-10-31",
                                         "findings": [finding.pk], "quotes": [quote.pk], "themes": ["price"]})
    action = Action.objects.get()
    assert list(action.findings.all()) == [finding]
    page = client.get(reverse("actions:detail", args=[action.pk])).content.decode()
    assert "Lost buyers found us dear against Northwind" in page
    assert client.post(reverse("actions:new"), {"title": "x", "team": "pricing", "owner": people["analyst"].pk,
                                                "due_date": "2026-10-31", "findings": [draft.pk]}).status_code == 400
