"""The deal list, a deal's page and the win-rate overview show the right deals and numbers."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from tests.factory import PASSWORD, make_deal
from winloss.deals.models import Contact


@pytest.fixture
def analyst(client, people):
    client.login(username=people["analyst"].username, password=PASSWORD)
    return client


def names(response) -> set[str]:
    return {deal.name for deal in response.context["page"]}


def test_the_list_filters_by_outcome_quarter_competitor_owner_and_segment(analyst):
    make_deal(name="Won in Q3", outcome="won", close_date=date(2026, 8, 1), primary_competitor="Tessera",
              owner="Ana Diaz", region="EMEA")
    make_deal(name="Lost in Q2", outcome="lost", close_date=date(2026, 5, 1), primary_competitor="Northwind",
              owner="Bo Chen", region="APAC")
    url = reverse("deals:list")
    assert names(analyst.get(url)) == {"Won in Q3", "Lost in Q2"}
    assert names(analyst.get(url, {"outcome": "won"})) == {"Won in Q3"}
    assert names(analyst.get(url, {"quarter": "2026Q2"})) == {"Lost in Q2"}
    tessera = analyst.get(url).context["form"].fields["competitor"].queryset.get(name="Tessera")
    assert names(analyst.get(url, {"competitor": tessera.pk})) == {"Won in Q3"}
    assert names(analyst.get(url, {"region": "APAC"})) == {"Lost in Q2"}
    assert names(analyst.get(url, {"q": "won in"})) == {"Won in Q3"}


def test_an_htmx_filter_request_gets_only_the_table(analyst):
    make_deal(name="Only deal")
    response = analyst.get(reverse("deals:list"), HTTP_HX_REQUEST="true")
    assert b"Only deal" in response.content
    assert b"<html" not in response.content


def test_a_deal_page_shows_what_the_rep_wrote_and_the_buyers(analyst):
    deal = make_deal(name="Acme - Expansion", crm_reason="Price", crm_reason_note="champion left, deal died")
    Contact.objects.create(deal=deal, name="Maya Ortiz", title="VP Finance", email="maya@acme.example")
    page = analyst.get(reverse("deals:detail", args=[deal.pk])).content.decode()
    assert "champion left, deal died" in page
    assert "Maya Ortiz" in page and "VP Finance" in page


def test_the_overview_shows_n_beside_every_win_rate_and_marks_small_samples(analyst):
    for outcome in ["won", "won", "lost", "no_decision"]:
        make_deal(outcome=outcome, close_date=date(2026, 8, 1), region="EMEA")
    make_deal(outcome="won", close_date=date(2026, 2, 1), region="APAC")
    response = analyst.get(reverse("deals:overview"))
    quarters = {row.label: row for row in response.context["quarters"]}
    assert (quarters["2026Q3"].rate.hits, quarters["2026Q3"].rate.n) == (2, 4)
    assert quarters["2026Q1"].rate.small
    page = response.content.decode()
    assert "small n" in page
    assert '<td class="num">4</td>' in page
