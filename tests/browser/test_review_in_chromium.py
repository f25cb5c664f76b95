"""An analyst reviews coding in Chromium: selects words in a buyer's turn, codes them, rejects another code."""

from __future__ import annotations

import pytest

from tests.factory import PASSWORD, make_people
from tests.interviews.review_data import ANSWER, make_coded_interview
from winloss.interviews.models import Code, ReviewEvent

pytestmark = pytest.mark.django_db(transaction=True)

SELECT = """([words]) => {
  const run = [...document.querySelectorAll('#turn-1 p.text [data-start]')].find(e => e.textContent.includes(words));
  const node = run.firstChild, at = node.data.indexOf(words);
  const range = document.createRange();
  range.setStart(node, at);
  range.setEnd(node, at + words.length);
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
  run.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
}"""


def test_an_analyst_codes_a_selection_and_rejects_a_code(page, live_server):
    people = make_people()
    interview = make_coded_interview()
    support = Code.objects.get(theme="support")
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", people["analyst"].username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/interviews/{interview.pk}/")

    page.evaluate(SELECT, ["naïve café people"])
    assert page.locator("#passage.floating").is_visible()
    start = ANSWER.index("naïve café people")
    assert page.input_value("#passage [name=start]") == str(start) == "13"
    assert page.input_value("#passage [name=end]") == str(start + len("naïve café people"))
    assert page.inner_text("#passage [data-selected]") == "“naïve café people”"
    page.select_option("#passage [name=theme]", "buyer_context")
    page.select_option("#passage [name=polarity]", "neutral")
    page.select_option("#passage [name=vendor]", "")
    page.click("#passage button:text('Add code')")
    page.wait_for_selector("#turn-1 mark.coded.theme-buyer_context")
    assert page.inner_text("#turn-1 mark.coded.theme-buyer_context") == "naïve café people"
    runs = page.evaluate("[...document.querySelectorAll('#turn-1 p.text [data-start]')].map(e => e.textContent)")
    assert "".join(runs) == ANSWER  # the runs of text, less the code labels, are the stored turn text

    page.click(f"#code-{support.pk} button:text('Reject')")
    page.wait_for_selector(f"#code-{support.pk}.rejected")
    assert page.locator("#turn-3 p.text .code.theme-support.rejected").is_visible()  # struck through, still shown
    history = page.inner_text(".review-history")
    assert "added a code: buyer_context neutral" in history and "rejected a code: support negative" in history
    page.screenshot(path=str(page.screenshots / "review.png"), full_page=True)

    statement = Code.objects.get(theme="buyer_context").statement
    assert statement.text == "naïve café people" and statement.start == 13
    assert list(ReviewEvent.objects.values_list("action", flat=True)) == ["add", "reject"]


def test_the_agreement_page_shows_kappa_per_theme_and_the_retrain_button(page, live_server):
    from winloss.interviews import review

    people = make_people()
    for _ in range(2):
        interview = make_coded_interview()
        review.reject(Code.objects.filter(statement__turn__interview=interview, theme="support").get(),
                      people["analyst"])
        review.mark_reviewed(interview, people["analyst"])
    make_coded_interview()  # not reviewed
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", people["owner"].username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/interviews/agreement/")
    assert "2 coded interviews reviewed, 1 not yet reviewed" in page.inner_text("main")
    assert page.locator("text=small n").count() >= 2
    assert page.locator("button:text('Retrain with corrections')").is_enabled()
    page.screenshot(path=str(page.screenshots / "agreement.png"), full_page=True)
