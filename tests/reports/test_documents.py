"""One document per audience and quarter, built from findings, win rates and quotes; redacted unless asked."""

from __future__ import annotations

from datetime import date

import pytest

from tests.factory import make_coded_interview, make_deal
from tests.reports.builders import NAMED, REDACTED, make_quoted_interview
from winloss.interviews.models import Quote
from winloss.reports.build import ReportError, build_report
from winloss.reports.document import Chart, Findings, Quotes, Table
from winloss.reports.models import Audience, Finding


@pytest.fixture
def quarter(db):
    for _ in range(3):
        make_deal(outcome="won", close_date=date(2026, 8, 1))
        make_deal(outcome="lost", close_date=date(2026, 5, 1))
    for _ in range(4):
        make_coded_interview(make_deal(outcome="lost", close_date=date(2026, 9, 1), primary_competitor="Northwind"),
                             codes=[("price", "negative", "us"), ("support", "positive", "Northwind")],
                             reasons=["price"])
    for _ in range(2):
        make_coded_interview(make_deal(outcome="won", close_date=date(2026, 9, 2)),
                             codes=[("product_fit", "positive", "us")], reasons=["product_fit", "price"])
    interview = make_quoted_interview(theme="implementation")
    make_quoted_interview(theme="price", outcome="won", text="Their price was fine, we paid for value — Kai agreed.",
                         redacted="Their price was fine, we paid for value — [name] agreed.")
    finding = Finding.objects.create(statement="Onboarding we cannot keep loses deals", audiences=["cs", "exec"],
                                     status="published", period="2026Q3",
                                     figures=[{"kind": "win_rate", "quarter": "2026Q3"}])
    finding.quotes.set(interview.quotes.all())
    Finding.objects.create(statement="A draft nobody may read yet", audiences=["cs"], status="draft")
    Finding.objects.create(statement="Last year's finding", audiences=["cs"], status="published", period="2025Q3")
    return finding


@pytest.mark.parametrize("audience", Audience.values)
def test_every_audience_gets_the_headline_win_rate_with_its_trend(quarter, audience):
    document = build_report(audience, "2026q3")
    assert document.slug == f"winloss-{audience}-2026Q3"
    headline = document.sections[0]
    assert headline.title == "Win rate"
    assert headline.blocks[0].text == ("Win rate in 2026Q3: 55% (n=11, 95% CI 28%–79%). "
                                       "Against 2026Q2: no clear change.")
    chart = next(b for b in headline.blocks if isinstance(b, Chart)).spec
    assert chart.categories == ("2026Q2", "2026Q3")
    assert chart.series[0].intervals and chart.series[0].values == (0.0, 6 / 11)


def sections(audience):
    return {s.title: s for s in build_report(audience, "2026Q3").sections}


def test_executives_get_the_top_reasons_and_what_separates_wins_from_losses(quarter):
    report = sections("exec")
    assert list(report) == ["Win rate", "Top reasons", "What separates wins from losses", "Findings",
                            "What we changed because of what buyers told us", "In buyers' words"]
    table = next(b for b in report["Top reasons"].blocks if isinstance(b, Table))
    assert table.rows[0] == ("Price & value", "7", "5", "80% (n=5, 95% CI 38%–96%)", "100% (n=3, 95% CI 44%–100%), "
                             "small sample")
    assert [row[0] for row in table.rows] == ["Price & value", "Product capabilities", "Implementation & onboarding"]
    chart = next(b for b in report["Top reasons"].blocks if isinstance(b, Chart)).spec
    assert [s.name for s in chart.series] == ["Lost deals", "Won deals"] and all(s.intervals for s in chart.series)


def test_sales_get_competitors_head_to_head_and_objections_on_their_themes(quarter):
    report = sections("sales")
    assert list(report)[:3] == ["Win rate", "Competitors head to head", "Objections: what buyers held against us"]
    head_to_head = next(b for b in report["Competitors head to head"].blocks if isinstance(b, Table))
    assert head_to_head.rows[0] == ("Northwind", "0% (n=4, 95% CI 0%–49%), small sample", "4",
                                    "Support & customer success (4)", "—")
    objections = next(b for b in report["Objections: what buyers held against us"].blocks if isinstance(b, Table))
    assert [row[0] for row in objections.rows] == ["Sales experience", "Responsiveness & sales cycle",
                                                   "Price & value", "Commercial terms"]
    assert objections.rows[2][1:3] == ("80% (n=5, 95% CI 38%–96%)", "33% (n=3, 95% CI 6%–79%), small sample")


@pytest.mark.parametrize(("audience", "title", "first"), [
    ("marketing", "Perception and differentiation", "Differentiation & messaging"),
    ("product", "Product strengths and gaps", "Product capabilities"),
    ("cs", "Implementation, support and relationships", "Implementation & onboarding")])
def test_each_other_audience_gets_the_drivers_of_its_themes(quarter, audience, title, first):
    report = sections(audience)
    assert "Top reasons" not in report and "Competitors head to head" not in report
    table = next(b for b in report[title].blocks if isinstance(b, Table))
    assert table.rows[0][0] == first


def test_an_audience_gets_its_published_findings_for_the_quarter_only(quarter):
    findings = [f for s in build_report("cs", "2026Q3").sections for b in s.blocks if isinstance(b, Findings)
                for f in b.items]
    assert [f.statement for f in findings] == ["Onboarding we cannot keep loses deals"]
    assert findings[0].evidence == ("Win rate 2026Q3: 55% (n=11, 95% CI 28%–79%)",)
    assert not any(isinstance(b, Findings) for s in build_report("sales", "2026Q3").sections for b in s.blocks)


def test_quotes_follow_the_audiences_themes(quarter):
    def quotes(audience):
        return [q.theme for s in build_report(audience, "2026Q3").sections for b in s.blocks
                if isinstance(b, Quotes) for q in b.items]

    assert quotes("cs") == ["Implementation & onboarding"]
    assert quotes("sales") == ["Price & value"]
    assert sorted(quotes("exec")) == ["Implementation & onboarding", "Price & value"]
    assert quotes("product") == []


def test_reports_are_redacted_unless_an_analyst_asks_otherwise(quarter):
    redacted = build_report("cs", "2026Q3")
    texts = [q.text for q in redacted.quotes()]
    assert REDACTED in texts and NAMED not in texts and not redacted.notice
    unredacted = build_report("cs", "2026Q3", redacted=False)
    assert NAMED in [q.text for q in unredacted.quotes()]
    assert "unredacted" in unredacted.notice


@pytest.mark.parametrize(("audience", "period", "message"), [
    ("board", "2026Q3", "'board' is not an audience"), ("exec", "2026-3", "'2026-3' is not a quarter")])
def test_an_unknown_audience_or_quarter_is_refused_by_name(db, audience, period, message):
    with pytest.raises(ReportError, match=message):
        build_report(audience, period)


def test_a_quarter_without_deals_still_makes_a_report(db):
    document = build_report("exec", "2031Q1")
    assert document.sections[0].blocks[0].text == "No deals closed in 2031Q1."
    assert document.charts() == []


def test_a_quote_an_analyst_dropped_is_in_no_report(quarter):
    Quote.objects.filter(text=NAMED).update(dropped=True)
    assert all(q.theme != "Implementation & onboarding" for q in build_report("cs", "2026Q3", redacted=False).quotes())
