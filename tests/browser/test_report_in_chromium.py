"""Findings and reports in headless Chromium on the demo: an analyst writes a finding with a figure picked through
the picker, publishes it, and a stakeholder reads the executives' report with its charts."""

from __future__ import annotations

import pytest

from tests.browser.test_pages_in_chromium import log_in, shot
from winloss.demo.load import load_demo
from winloss.interviews.models import Quote
from winloss.reports.models import Finding

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_analyst_publishes_a_finding_and_a_stakeholder_reads_the_report(page, live_server):
    load_demo()
    log_in(page, live_server, "analyst")
    page.goto(f"{live_server.url}/reports/findings/new/")
    page.fill("#id_statement", "Onboarding dates we cannot keep cost us deals")
    page.fill("#id_detail", "Buyers who chose a competitor name the implementation plan.")
    page.check("input[name=audiences][value=exec]")
    page.select_option("#id_status", "published")
    page.select_option("#id_figure_quarter", "2026Q3")
    page.select_option("#id_figure_kind", "win_rate")  # HTMX lists the figures of that kind
    page.wait_for_selector("#figure-picker input[name=figures]")
    page.check("#figure-picker input[name=figures] >> nth=0")
    page.select_option("#id_theme", "implementation")  # and the quotes of a theme
    page.wait_for_selector("#quote-picker input[name=quotes]")
    page.check("#quote-picker input[name=quotes] >> nth=0")
    shot(page, "finding-form")
    page.click("text=Save finding")
    page.wait_for_selector("text=Finding saved.")
    finding = Finding.objects.get(statement="Onboarding dates we cannot keep cost us deals")
    assert finding.status == "published" and finding.figures == [{"kind": "win_rate", "quarter": "2026Q3"}]
    assert finding.quotes.count() == 1
    assert "Win rate 2026Q3:" in page.inner_text("main")
    shot(page, "finding")

    page.click("text=Log out")
    log_in(page, live_server, "stakeholder")
    page.goto(f"{live_server.url}/reports/?audience=exec&period=2026Q3")
    assert page.locator("figure.chart svg").count() >= 2
    report = page.inner_text("article.report")
    assert "Onboarding dates we cannot keep cost us deals" in report
    named = [q.text for q in Quote.objects.all() if q.text != q.redacted]
    assert named and not any(text in report for text in named)  # a stakeholder reads redacted quotes only
    shot(page, "report-exec")
    with page.expect_download() as download:
        page.click("text=PDF")
    assert download.value.suggested_filename == "winloss-exec-2026Q3.pdf"
