"""Reps versus buyers in headless Chromium on the demo: the figures render, the filters swap the page in place,
an analyst maps a CRM reason otherwise (the demo's analyst confirmed the suggested mappings)."""

from __future__ import annotations

import pytest

from tests.browser.test_pages_in_chromium import log_in, shot
from winloss.demo.load import load_demo
from winloss.insights.models import CrmReasonMapping

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_analyst_maps_crm_reasons_and_reads_reps_against_buyers(page, live_server):
    load_demo()
    log_in(page, live_server, "analyst")
    page.goto(f"{live_server.url}/insights/reps/mapping/")
    assert page.locator(".reps-mapping tbody tr").count() >= 5
    assert page.locator(".reps-history tbody tr").count() == 7
    shot(page, "reps-mapping")
    assert CrmReasonMapping.objects.current()["timing"] == "buyer_context"
    page.locator(".reps-mapping tbody tr", has_text="Timing").locator("select").select_option("responsiveness")
    page.click("text=Save mappings")
    page.wait_for_selector(".messages li")
    assert "1 mapping changed." in page.inner_text(".messages")
    assert page.locator(".reps-history tbody tr").count() == 8
    shot(page, "reps-mapping-saved")
    assert CrmReasonMapping.objects.current()["timing"] == "responsiveness"
    assert CrmReasonMapping.objects.current()["lost to competitor"] == ""

    page.goto(f"{live_server.url}/insights/reps/")
    assert page.locator(".reps-headline .stat").count() == 4
    assert page.locator("table.reps-deals tbody tr").count() >= 3
    shot(page, "reps")

    page.select_option("#id_outcome", "lost")  # HTMX swaps the page in place
    page.wait_for_url("**outcome=lost**")
    page.wait_for_selector("table.reps-deals")
    for badge in page.locator("table.reps-deals .badge").all():
        assert badge.inner_text() == "Lost"
    shot(page, "reps-lost")
