"""The pages that matter, opened in headless Chromium: they render, HTMX works, no JavaScript errors."""

from __future__ import annotations

import pytest

from winloss.demo.load import DEMO_PASSWORD, load_demo

pytestmark = pytest.mark.django_db(transaction=True)


def log_in(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/overview/")


def shot(page, name: str) -> None:
    page.screenshot(path=str(page.screenshots / f"{name}.png"), full_page=True)


def test_an_analyst_sees_the_overview_filters_deals_and_opens_one(page, live_server):
    load_demo()
    log_in(page, live_server, "analyst")
    assert page.locator("table.rates").first.is_visible()
    assert "2026Q3" in page.inner_text("table.rates >> nth=0")
    shot(page, "overview")

    page.goto(f"{live_server.url}/deals/")
    assert page.inner_text(".stat >> nth=0").endswith("465")
    page.select_option("#id_outcome", "won")  # HTMX swaps the table in place, no page load
    page.wait_for_function("document.querySelector('.stat b').textContent.trim() === '142'")
    assert "outcome=won" in page.url
    shot(page, "deals-won")

    page.click("table.deals tbody tr >> nth=0 >> a")
    page.wait_for_selector("text=What the rep entered in the CRM")
    assert page.locator("h1 .badge.won").is_visible()
    shot(page, "deal")


def test_an_owner_uploads_a_file_previews_it_and_confirms(page, live_server, tmp_path):
    load_demo()
    log_in(page, live_server, "owner")
    export = tmp_path / "newer.csv"
    export.write_text('"Opportunity ID","Opportunity Name","Account Name","Stage","Amount","Close Date"\n'
                      '"006NEW0000000001","Fresh deal","Fresh Co","Closed Won","USD 9,000.00","11/20/2026"\n')
    page.goto(f"{live_server.url}/imports/")
    page.set_input_files("#id_file", str(export))
    page.click("text=Upload and preview")
    page.wait_for_selector("#dry-run")
    assert "1 deal," in page.inner_text("main")
    shot(page, "import-preview")
    page.click("text=Confirm import")
    page.wait_for_selector("text=1 new, 0 updated, 0 unchanged")
    shot(page, "import-done")
