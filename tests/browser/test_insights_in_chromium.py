"""The insights pages on the demo company, in headless Chromium: they render without errors, and screenshots."""

from __future__ import annotations

import pytest

from tests.browser.test_pages_in_chromium import log_in, shot
from winloss.demo.load import load_demo

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_analyst_reads_drivers_a_competitor_trends_and_quotes(page, live_server):
    load_demo()
    log_in(page, live_server, "analyst")
    page.goto(f"{live_server.url}/insights/")
    assert page.locator("table.drivers tbody tr").count() == 14
    assert page.locator(".figure.small").count() > 0  # a dozen interviews: many figures rest on fewer than five
    shot(page, "insights-drivers")

    page.click("nav.subnav >> text=Competitors")
    page.wait_for_selector("table.head-to-head")
    page.click("table.head-to-head tbody tr >> nth=0 >> a")
    page.wait_for_selector("text=Strengths buyers gave them")
    assert "Our win rate against them" in page.inner_text("main")
    shot(page, "insights-competitor")

    page.goto(f"{live_server.url}/insights/trends/?measure=weaknesses")
    assert page.locator("table.trends tr.win-rate td .figure").count() >= 2
    shot(page, "insights-trends")

    page.goto(f"{live_server.url}/insights/quotes/")
    assert page.locator("figure.quote").count() > 0
    shot(page, "insights-quotes")


def test_a_stakeholder_sees_redacted_quotes_and_no_toggle(page, live_server):
    load_demo()
    log_in(page, live_server, "stakeholder")
    page.goto(f"{live_server.url}/insights/quotes/?unredacted=1")
    assert "Show unredacted" not in page.inner_text("main")
    assert page.locator("figure.quote").count() > 0
