"""The insights pages show the right figures, mark small samples, keep filters in links and say what to do
when there is nothing yet."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from tests.factory import PASSWORD, make_coded_interview, make_deal
from winloss.deals.models import Competitor
from winloss.stats.insights import SEPARATES

pytestmark = pytest.mark.django_db


@pytest.fixture
def analyst(client, people):
    client.login(username=people["analyst"].username, password=PASSWORD)
    return client


def build_losses_on_price(lost: int = 10, won: int = 12) -> None:
    for _ in range(lost):
        make_coded_interview(make_deal(outcome="lost", primary_competitor="Acme"),
                             codes=[("price", "negative", "us"), ("price", "positive", "Acme")], reasons=["price"])
    for _ in range(won):
        make_coded_interview(make_deal(outcome="won", primary_competitor="Acme"),
                             codes=[("support", "positive", "us"), ("support", "negative", "Acme")],
                             reasons=["support"])


def test_the_drivers_page_shows_each_share_with_its_n_and_which_theme_separates(analyst):
    build_losses_on_price()
    response = analyst.get(reverse("insights:drivers"))
    rows = {r.theme: r for r in response.context["rows"]}
    assert (rows["price"].weakness_lost.hits, rows["price"].weakness_lost.n) == (10, 10)
    assert (rows["price"].weakness_won.hits, rows["price"].weakness_won.n) == (0, 12)
    assert rows["price"].weakness_test.verdict == SEPARATES
    html = response.content.decode()
    assert "10 of 10" in html and "0 of 12" in html and "n=12" in html
    assert "Separates: more in lost" in html and "Separates: more in won" in html  # support as a strength
    assert [r.theme for r in response.context["reasons"]] == ["support", "price"]
    assert "Holm" in html


def test_figures_on_fewer_than_five_interviews_are_marked(analyst):
    build_losses_on_price(lost=3, won=6)
    html = analyst.get(reverse("insights:drivers")).content.decode()
    assert 'class="figure small"' in html and "n&lt;5" in html
    assert "Too few to tell" in html and "Separates" not in html


def test_without_coded_interviews_the_page_says_what_to_do(analyst):
    make_deal(outcome="lost")
    make_coded_interview(make_deal(outcome="won"), status="pending", stage="completed")
    html = analyst.get(reverse("insights:drivers")).content.decode()
    assert "No coded interviews yet" in html and reverse("program:queue") in html
    html = analyst.get(reverse("insights:drivers") + "?region=Nowhere").content.decode()
    assert "No coded interviews match these filters" in html


def test_filters_narrow_the_figures_and_stay_in_the_links(analyst):
    build_losses_on_price(lost=5, won=5)
    make_coded_interview(make_deal(outcome="lost", region="APAC"), codes=[("integration", "negative", "us")])
    response = analyst.get(reverse("insights:drivers") + "?region=APAC&outcome=lost")
    assert response.context["interviews"] == 1
    html = response.content.decode()
    assert f'{reverse("insights:trends")}?outcome=lost&amp;region=APAC' in html
    assert f'{reverse("insights:quotes")}?outcome=lost&amp;region=APAC' in html


def test_the_competitor_list_shows_our_win_rate_against_each_from_every_closed_deal(analyst):
    build_losses_on_price(lost=4, won=2)
    make_deal(outcome="won", primary_competitor="Acme")  # not interviewed, still counts
    make_deal(outcome="open", primary_competitor="Acme")  # open: not in a win rate
    response = analyst.get(reverse("insights:competitors"))
    [row] = response.context["rows"]
    assert (row["name"], row["deals"].won, row["deals"].lost, row["interviews"]) == ("Acme", 3, 4, 6)
    html = response.content.decode()
    assert "43%" in html and "n=7" in html
    assert reverse("insights:competitor", args=[Competitor.objects.get(name="Acme").pk]) in html


def test_the_competitor_page_shows_what_buyers_said_of_them_and_their_quotes(analyst):
    build_losses_on_price(lost=5, won=5)
    acme = Competitor.objects.get(name="Acme")
    deal = make_deal(outcome="lost", primary_competitor=acme)
    make_coded_interview(deal, codes=[("price", "positive", "Acme"), ("support", "negative", "us")],
                         quotes=[("price", "Acme came in at half our budget, which ended it.", "Acme came in at half "
                                  "our budget, which ended it."),
                                 ("support", "Your support desk never called back once.", "Your support desk never "
                                  "called back once.")])
    response = analyst.get(reverse("insights:competitor", args=[acme.pk]))
    h2h = response.context["h2h"]
    assert (h2h.interviews, h2h.win_rate.hits, h2h.win_rate.n) == (11, 5, 11)
    assert [(s.theme, s.share.hits) for s in h2h.strengths] == [("price", 6)]
    assert [(s.theme, s.share.hits) for s in h2h.weaknesses] == [("support", 5)]
    html = response.content.decode()
    assert "half our budget" in html and "support desk" not in html  # only quotes judging Acme
    assert "Positive on Acme" in html


def test_the_trends_page_calls_out_a_supported_change_and_nothing_else(analyst):
    support = ("support", "positive", "us")
    for k in range(10):
        make_coded_interview(make_deal(outcome="lost", close_date=date(2026, 2, 1)), codes=[support])
        make_coded_interview(make_deal(outcome="lost" if k < 8 else "won", close_date=date(2026, 5, 1)),
                             codes=[("price", "negative" if k < 8 else "positive", "us"), support])
    response = analyst.get(reverse("insights:trends") + "?measure=weaknesses")
    assert response.context["quarters"] == ["2026Q1", "2026Q2"]
    rows = {r.label: r for r in response.context["rows"]}
    assert rows["price"].change.supported and not rows["support"].change.supported
    html = response.content.decode()
    assert "up from 0% in 2026Q1 to 80% in 2026Q2" in html
    assert "no clear change" in html  # the win rate: 0/10 then 2/10


def test_the_quote_wall_filters_by_theme_and_pages(analyst):
    for k in range(45):
        make_coded_interview(make_deal(), codes=[("price", "negative", "us")],
                             quotes=[("price" if k % 3 else "support", f"Quote number {k} said something long.",
                                      f"Quote number {k} said something long.")])
    response = analyst.get(reverse("insights:quotes"))
    assert response.context["page"].paginator.count == 45 and len(response.context["quotes"]) == 40
    assert "Older" in response.content.decode()
    response = analyst.get(reverse("insights:quotes") + "?theme=support")
    assert {q.theme for q in response.context["quotes"]} == {"support"} and len(response.context["quotes"]) == 15
    assert analyst.get(reverse("insights:quotes") + "?theme=nonsense").context["theme"] == ""
