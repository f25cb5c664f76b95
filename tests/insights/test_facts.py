"""The insights data layer on built data with known answers: what counts, what is left out, how filters narrow."""

from __future__ import annotations

from datetime import date

import pytest
from django.http import QueryDict

from tests.factory import make_coded_interview, make_deal
from winloss.deals.filters import DealFilterForm
from winloss.deals.models import Competitor, Deal, DealCompetitor
from winloss.insights.facts import load, quote_facts, quotes
from winloss.interviews.models import Interview, Stage
from winloss.stats.insights import OutcomeCounts

pytestmark = pytest.mark.django_db


def filtered(query: str):
    return DealFilterForm(QueryDict(query)).apply(Deal.objects.all())


def test_a_positive_code_about_us_is_a_strength_and_a_negative_one_a_weakness():
    deal = make_deal(outcome="lost")
    make_coded_interview(deal, codes=[("price", "negative", "us"), ("support", "positive", "us"),
                                      ("support", "negative", "us")], reasons=["price"])
    [fact] = load(Deal.objects.all()).interviews
    assert fact.weaknesses == {"price", "support"}
    assert fact.strengths == {"support"}
    assert fact.primary_reasons == ("price",)
    assert (fact.outcome, fact.quarter, fact.segments["region"]) == ("lost", "2026Q3", "EMEA")


def test_rejected_codes_do_not_count():
    deal = make_deal()
    make_coded_interview(deal, codes=[("price", "negative", "us", True), ("support", "negative", "us")])
    [fact] = load(Deal.objects.all()).interviews
    assert fact.weaknesses == {"support"}
    assert "price" not in fact.mentions


def test_codes_about_no_vendor_and_neutral_codes_are_mentions_only():
    deal = make_deal()
    make_coded_interview(deal, codes=[("buyer_context", "negative", ""), ("integration", "neutral", "us")])
    [fact] = load(Deal.objects.all()).interviews
    assert fact.mentions == {"buyer_context", "integration"}
    assert fact.strengths == fact.weaknesses == frozenset()


def test_codes_about_a_competitor_are_their_strengths_and_weaknesses_and_involve_them():
    deal = make_deal()
    make_coded_interview(deal, codes=[("price", "positive", "Acme"), ("support", "negative", "Acme")])
    acme = Competitor.objects.get(name="Acme")
    [fact] = load(Deal.objects.all()).interviews
    assert fact.rival_strengths == {acme.pk: {"price"}}
    assert fact.rival_weaknesses == {acme.pk: {"support"}}
    assert fact.competitor_ids == {acme.pk}
    assert fact.strengths == fact.weaknesses == frozenset()


def test_only_interviews_whose_coding_finished_count():
    deal = make_deal()
    make_coded_interview(deal, codes=[("price", "negative", "us")])
    make_coded_interview(deal, codes=[("price", "negative", "us")], stage=Stage.COMPLETED,
                         status=Interview.Status.PENDING)
    make_coded_interview(deal, codes=[("price", "negative", "us")], status=Interview.Status.CODING)
    assert len(load(Deal.objects.all()).interviews) == 1


def test_the_deal_competitors_involve_every_interview_on_the_deal():
    deal = make_deal(primary_competitor="Acme")
    beta = Competitor.objects.create(name="Beta")
    DealCompetitor.objects.create(deal=deal, competitor=beta)
    make_coded_interview(deal)
    [fact] = load(Deal.objects.all()).interviews
    assert fact.competitor_ids == {deal.primary_competitor_id, beta.pk}


def test_win_rates_count_every_closed_deal_and_each_deal_once_per_competitor():
    acme = Competitor.objects.create(name="Acme")
    beta = Competitor.objects.create(name="Beta")
    both = make_deal(outcome="won", primary_competitor=acme, close_date=date(2026, 2, 1))
    DealCompetitor.objects.create(deal=both, competitor=acme)  # primary and linked: still one deal
    DealCompetitor.objects.create(deal=both, competitor=beta)
    make_deal(outcome="lost", primary_competitor=acme, close_date=date(2026, 5, 1))
    linked = make_deal(outcome="no_decision", close_date=date(2026, 5, 2))
    DealCompetitor.objects.create(deal=linked, competitor=acme)
    make_deal(outcome="open", primary_competitor=acme, close_date=date(2026, 5, 3))
    facts = load(Deal.objects.all())
    assert facts.interviews == []
    assert facts.deals == OutcomeCounts(won=1, lost=1, no_decision=1)
    assert facts.deals_by_competitor == {acme.pk: OutcomeCounts(1, 1, 1), beta.pk: OutcomeCounts(1, 0, 0)}
    assert facts.deals_by_quarter == {"2026Q1": OutcomeCounts(1, 0, 0), "2026Q2": OutcomeCounts(0, 1, 1)}
    assert facts.competitors == {acme.pk: "Acme", beta.pk: "Beta"}


def test_filters_narrow_interviews_and_deal_counts_alike():
    make_coded_interview(make_deal(outcome="won", region="EMEA", owner="Rita"), codes=[("price", "positive", "us")])
    make_coded_interview(make_deal(outcome="lost", region="Americas", owner="Sam", primary_competitor="Acme"))
    make_deal(outcome="lost", region="EMEA", owner="Rita")
    emea = load(filtered("region=EMEA"))
    assert [f.outcome for f in emea.interviews] == ["won"]
    assert emea.deals == OutcomeCounts(won=1, lost=1)
    acme = Competitor.objects.get(name="Acme")
    against_acme = load(filtered(f"competitor={acme.pk}"))
    assert [f.outcome for f in against_acme.interviews] == ["lost"]
    assert against_acme.deals_by_competitor == {acme.pk: OutcomeCounts(lost=1)}
    assert load(filtered("outcome=won&quarter=2026Q3")).deals == OutcomeCounts(won=1)
    assert load(filtered("quarter=2025Q1")).interviews == []


def test_quotes_carry_the_judgements_of_their_theme_in_their_turn():
    deal = make_deal(outcome="lost", industry="Education")
    make_coded_interview(deal, codes=[("price", "negative", "us"), ("price", "positive", "Acme"),
                                      ("support", "positive", "us")],
                         quotes=[("price", "Jane said Acme was a third cheaper.", "[name] said Acme was a third "
                                  "cheaper."), ("support", "Support was great.", "Support was great.")])
    acme = Competitor.objects.get(name="Acme")
    rows = quote_facts(quotes(Deal.objects.all(), theme="price"))
    [price] = rows
    assert [(j.vendor, j.polarity) for j in price.judgements] == [("us", "negative"), ("Acme", "positive")]
    assert price.about(acme.pk) and price.redacted.startswith("[name]")
    assert price.segments["industry"] == "Education" and price.outcome == "lost"
    assert [q.theme for q in quote_facts(quotes(Deal.objects.all(), about=acme.pk))] == ["price"]
    assert len(quotes(Deal.objects.all())) == 2


def test_a_quote_whose_competitor_code_was_rejected_is_not_about_them():
    deal = make_deal()
    make_coded_interview(deal, codes=[("price", "positive", "Acme", True)],
                         quotes=[("price", "Acme was cheaper by far.", "Acme was cheaper by far.")])
    acme = Competitor.objects.get(name="Acme")
    assert list(quotes(Deal.objects.all(), about=acme.pk)) == []
    [quote] = quote_facts(quotes(Deal.objects.all()))
    assert quote.judgements == ()


def test_loading_takes_a_fixed_number_of_queries_whatever_the_number_of_interviews(django_assert_max_num_queries):
    for k in range(12):
        make_coded_interview(make_deal(primary_competitor="Acme"), codes=[("price", "negative", "us")] * (k % 3),
                             quotes=[("price", "A quote long enough.", "A quote long enough.")])
    with django_assert_max_num_queries(8):
        facts = load(Deal.objects.all())
    with django_assert_max_num_queries(2):
        quote_facts(quotes(Deal.objects.all()))
    assert len(facts.interviews) == 12
