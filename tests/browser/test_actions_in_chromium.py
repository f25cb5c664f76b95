"""The action board and a done action's before/after, in headless Chromium, on the demo program."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from tests.browser.test_pages_in_chromium import log_in, shot
from winloss.actions.models import Action
from winloss.demo.actions import add_demo_actions
from winloss.demo.load import load_demo

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_analyst_moves_an_action_on_the_board_and_reads_a_done_actions_impact(page, live_server):
    load_demo()
    add_demo_actions(User.objects.get(username="analyst"), User.objects.get(username="stakeholder"))
    log_in(page, live_server, "analyst")
    page.goto(f"{live_server.url}/actions/")
    assert page.locator(".action-card.overdue").count() == 1
    shot(page, "actions-board")

    late = Action.objects.get(title="Publish list prices for Forecasting")
    card = f"#action-{late.pk}"
    page.click(f"{card} >> text=→ In progress")  # HTMX swaps the board in place
    page.wait_for_selector(f".status-in_progress {card}")
    assert "is now in progress" in page.inner_text(".messages")
    shot(page, "actions-board-moved")

    done = Action.objects.get(status="done")
    page.goto(f"{live_server.url}/actions/{done.pk}/")
    impact = page.inner_text("table.impact")
    assert "Win rate in region EMEA" in impact and "points" in impact and "Not enough interviews yet" in impact
    shot(page, "action-impact")

    page.goto(f"{live_server.url}/actions/changed/")
    assert page.locator("section.changed").count() == 3  # done, in progress (two now); not proposed nor dropped
    shot(page, "actions-changed")

    page.goto(f"{live_server.url}/reports/?audience=product&period=2026Q3")
    assert "What we changed because of what buyers told us" in page.inner_text("main")
    assert "Win rate in region EMEA" in page.inner_text("main")
    shot(page, "report-with-actions")

    page.goto(f"{live_server.url}/actions/new/?theme=price")
    assert page.is_checked("input[name=themes][value=price]")
    shot(page, "action-new")
