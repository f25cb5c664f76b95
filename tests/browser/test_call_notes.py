"""The interviewer's page during a call, in headless Chromium: a note typed into a question is saved as it is
typed, and is still there after a reload."""

from __future__ import annotations

import pytest

from tests.factory import PASSWORD, make_deal, make_user
from winloss.accounts.models import Role
from winloss.interviews.models import Answer, Interview, Stage

pytestmark = pytest.mark.django_db(transaction=True)


def an_interviewer_logged_in_with_a_call(page, live_server) -> tuple:
    interviewer = make_user("ian_interviewer", Role.INTERVIEWER)
    interview = Interview.objects.create(deal=make_deal(), interviewer=interviewer, stage=Stage.SCHEDULED)
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", interviewer.username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/overview/")
    return interviewer, interview


def test_a_note_typed_during_the_call_is_saved_and_survives_a_reload(page, live_server):
    interviewer, interview = an_interviewer_logged_in_with_a_call(page, live_server)

    page.goto(f"{live_server.url}/interviews/{interview.pk}/call/")
    page.locator("#note-process-trigger").press_sequentially("Our old tool was retired in March.", delay=20)
    page.wait_for_selector("#saved-process-trigger:has-text('saved')")
    key = f"winloss:notes:{interview.pk}:process-trigger"
    page.wait_for_function(f"window.localStorage.getItem('{key}') === null")  # cleared once saved

    page.reload()
    page.screenshot(path=str(page.screenshots / "call-notes.png"), full_page=True)
    assert page.input_value("#note-process-trigger") == "Our old tool was retired in March."
    assert page.inner_text("#saved-process-trigger").startswith("saved ")
    answer = Answer.objects.get(interview=interview, question="process-trigger")
    assert answer.text == "Our old tool was retired in March." and answer.updated_by == interviewer


def test_a_note_kept_in_the_browser_after_a_dropped_connection_is_restored_and_saved(page, live_server):
    interviewer, interview = an_interviewer_logged_in_with_a_call(page, live_server)
    url = f"{live_server.url}/interviews/{interview.pk}/call/"
    page.goto(url)
    # What the page keeps while the server cannot be reached: typed, never saved.
    page.evaluate(f"window.localStorage.setItem('winloss:notes:{interview.pk}:commercials-price', 'A third dearer.')")
    page.reload()
    assert page.input_value("#note-commercials-price") == "A third dearer."
    page.wait_for_selector("#saved-commercials-price:has-text('saved')")
    assert Answer.objects.get(interview=interview, question="commercials-price").text == "A third dearer."
