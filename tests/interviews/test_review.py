"""Reviewing coding: every change writes its event and the right state; events are never changed; offsets are
characters of the stored turn text, non-ASCII included; reviewed interviews become labelled examples."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from tests.factory import PASSWORD
from tests.interviews.review_data import ANSWER, make_coded_interview
from winloss.analysis.codebook import load_codebook
from winloss.analysis.train import read_statements
from winloss.events import AppendOnlyError
from winloss.interviews import review
from winloss.interviews.corrections import correction_rows, write_corrections
from winloss.interviews.models import Code, Quote, ReviewEvent, Statement


@pytest.fixture
def interview(db):
    return make_coded_interview()


def code_of(interview, theme):
    return Code.objects.get(statement__turn__interview=interview, theme=theme, origin="engine")


def test_accepting_a_code_marks_it_and_records_who(interview, people):
    code = code_of(interview, "price")
    event = review.accept(code, people["analyst"])
    code.refresh_from_db()
    assert code.accepted and not code.rejected
    assert (event.action, event.by, event.code, event.interview) == ("accept", people["analyst"], code, interview)
    assert event.before["accepted"] is False and event.after["accepted"] is True and event.at


def test_rejecting_a_code_keeps_it_flagged_and_out_of_the_effective_codes(interview, people):
    code = code_of(interview, "support")
    review.reject(code, people["analyst"])
    code.refresh_from_db()
    assert code.rejected and code.theme == "support"
    assert not Code.objects.effective().filter(pk=code.pk).exists()
    assert ReviewEvent.objects.get().action == "reject"
    review.accept(code, people["owner"])  # taken back: it counts again
    assert Code.objects.effective().filter(pk=code.pk).exists()
    assert list(ReviewEvent.objects.values_list("action", flat=True)) == ["reject", "accept"]


def test_changing_a_code_rejects_the_engines_and_adds_the_analysts_in_one_event(interview, people):
    code = code_of(interview, "price")
    new = review.change(code, people["analyst"], theme="commercial_terms", polarity="negative", vendor="us")
    code.refresh_from_db()
    assert code.rejected and code.theme == "price" and code.origin == "engine"  # the engine's code is not edited
    assert (new.origin, new.theme, new.statement_id, new.rejected) == ("analyst", "commercial_terms",
                                                                       code.statement_id, False)
    event = ReviewEvent.objects.get()
    assert event.action == "change" and event.code == code
    assert event.before["theme"] == "price" and event.after["theme"] == "commercial_terms"
    assert event.after["replaces"] == code.pk and event.after["id"] == new.pk


def test_an_analysts_code_can_itself_be_changed(interview, people):
    first = review.change(code_of(interview, "price"), people["analyst"], theme="commercial_terms",
                          polarity="negative", vendor="us")
    second = review.change(first, people["owner"], theme="price", polarity="neutral", vendor="Northwind")
    first.refresh_from_db()
    assert first.rejected and second.competitor.name == "Northwind"
    assert [c.theme for c in Code.objects.effective().filter(statement=first.statement)] == ["price"]


def test_a_change_with_a_bad_value_changes_nothing(interview, people):
    code = code_of(interview, "price")
    for values in ({"theme": "vibes", "polarity": "negative", "vendor": "us"},
                   {"theme": "price", "polarity": "angry", "vendor": "us"},
                   {"theme": "price", "polarity": "negative", "vendor": "Nobody Inc"}):
        with pytest.raises(review.ReviewError):
            review.change(code, people["analyst"], **values)
    code.refresh_from_db()
    assert not code.rejected and Code.objects.count() == 3 and not ReviewEvent.objects.exists()


def test_a_code_added_on_a_non_ascii_passage_uses_character_offsets(interview, people):
    turn = interview.turns.get(index=1)
    start = ANSWER.index("naïve café")
    code = review.add_code(turn, start, start + len("naïve café"), people["analyst"], theme="buyer_context",
                           polarity="neutral", vendor="")
    statement = code.statement
    assert statement.text == "naïve café" == turn.text[statement.start:statement.end]
    assert statement.start == 13  # "Zoë’s team — " is 13 characters, 18 bytes in UTF-8
    event = ReviewEvent.objects.get()
    assert event.action == "add" and event.after["text"] == "naïve café" and event.after["start"] == 13


def test_a_code_added_on_an_existing_statement_joins_it_and_spaces_are_trimmed(interview, people):
    turn = interview.turns.get(index=1)
    price = Statement.objects.get(text="Honestly the price was too high for us.")
    code = review.add_code(turn, price.start - 1, price.end + 1, people["analyst"], theme="commercial_terms",
                           polarity="negative", vendor="us")
    assert code.statement == price and Statement.objects.count() == 3


@pytest.mark.parametrize("turn_index,start,end,message", [
    (0, 0, 5, "buyer"), (1, 5, 500, "not within"), (1, 10, 10, "not within"), (1, 12, 13, "empty")])
def test_a_passage_outside_a_buyer_turn_is_refused(interview, people, turn_index, start, end, message):
    with pytest.raises(review.ReviewError, match=message):
        review.add_code(interview.turns.get(index=turn_index), start, end, people["analyst"], theme="price",
                        polarity="negative", vendor="us")
    assert not ReviewEvent.objects.exists()


def test_primary_reasons_are_one_to_three_themes_and_the_engines_are_kept(interview, people):
    event = review.set_reasons(interview, ["support", "price", "support", ""], people["analyst"])
    interview.refresh_from_db()
    assert interview.primary_reasons == ["support", "price"]
    assert interview.engine_reasons == ["price", "implementation"]
    assert event.before == {"reasons": ["price", "implementation"]} and event.after == {"reasons": ["support", "price"]}
    for wrong in ([], ["price", "support", "implementation", "reputation"], ["vibes"]):
        with pytest.raises(review.ReviewError):
            review.set_reasons(interview, wrong, people["analyst"])
    assert ReviewEvent.objects.count() == 1


def test_quotes_are_chosen_dropped_and_made_from_a_passage_redacted(interview, people):
    quote = interview.quotes.get()
    review.drop_quote(quote, people["analyst"])
    assert not Quote.objects.kept().exists()
    review.choose_quote(quote, people["analyst"])
    quote.refresh_from_db()
    assert quote.chosen and not quote.dropped
    turn = interview.turns.get(index=1)
    made = review.add_quote(turn, ANSWER.index("Honestly"), len(ANSWER), people["analyst"], theme="relationship")
    assert made.text.endswith("Marcus never called back.")
    assert "Marcus" not in made.redacted and "[name] never called back." in made.redacted
    assert (made.origin, made.chosen) == ("analyst", True)
    assert list(ReviewEvent.objects.values_list("action", flat=True)) == ["quote_drop", "quote_choose", "quote_add"]


def test_marking_reviewed_records_who_and_when(interview, people):
    review.mark_reviewed(interview, people["owner"])
    interview.refresh_from_db()
    assert interview.reviewed_by == people["owner"] and interview.reviewed_at
    assert ReviewEvent.objects.get().action == "reviewed"


def test_review_events_are_never_changed_or_deleted(interview, people):
    event = review.accept(code_of(interview, "price"), people["analyst"])
    event.action = "reject"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        ReviewEvent.objects.update(action="reject")
    with pytest.raises(AppendOnlyError):
        ReviewEvent.objects.all().delete()
    assert ReviewEvent.objects.get().action == "accept"


def test_coding_again_keeps_the_events_and_clears_the_review(interview, people):
    from winloss.analysis.coder import CodedInterview
    from winloss.interviews.coding import store

    review.reject(code_of(interview, "price"), people["analyst"])
    review.mark_reviewed(interview, people["analyst"])
    store(interview, CodedInterview("plain", [], ["support"], [], []))
    interview.refresh_from_db()
    assert interview.reviewed_at is None and interview.engine_reasons == ["support"]
    assert ReviewEvent.objects.count() == 2 and ReviewEvent.objects.first().code is None  # the code went with it


def test_the_page_takes_plain_posts_and_htmx_posts(client, people, interview):
    client.login(username=people["analyst"].username, password=PASSWORD)
    code = code_of(interview, "support")
    response = client.post(reverse("interviews:review_code", args=[interview.pk, code.pk, "reject"]))
    assert response.status_code == 302 and response.url.endswith(f"/interviews/{interview.pk}/#coding")
    start = ANSWER.index("Zoë")
    response = client.post(reverse("interviews:add_code", args=[interview.pk]),
                           {"turn": 1, "start": start, "end": start + 3, "theme": "relationship",
                            "polarity": "positive", "vendor": ""}, HTTP_HX_REQUEST="true")
    fragment = response.content.decode()
    assert response.status_code == 200 and fragment.startswith('<div class="columns" id="coding">')
    assert '<mark class="coded theme-relationship" data-start="0">Zoë</mark>' in fragment
    assert 'class="code theme-support negative rejected' in fragment  # struck through, not hidden
    assert "added a code" in fragment and "rejected a code" in fragment  # the history panel


def test_a_bad_post_says_why_and_changes_nothing(client, people, interview):
    client.login(username=people["analyst"].username, password=PASSWORD)
    url = reverse("interviews:add_code", args=[interview.pk])
    response = client.post(url, {"turn": 0, "start": 0, "end": 3, "theme": "price"}, HTTP_HX_REQUEST="true")
    assert "Only what a buyer said is coded." in response.content.decode()
    response = client.post(url, {"turn": 1, "start": "x", "end": 3, "theme": "price"}, follow=True)
    assert "start: Enter a whole number." in response.content.decode()
    assert not ReviewEvent.objects.exists()


def test_reviewed_interviews_export_as_labelled_statements_that_train_reads(interview, people, tmp_path):
    make_coded_interview()  # not reviewed: not exported
    review.reject(code_of(interview, "support"), people["analyst"])
    review.change(code_of(interview, "price"), people["analyst"], theme="commercial_terms", polarity="negative",
                  vendor="us")
    review.mark_reviewed(interview, people["analyst"])
    path = tmp_path / "corrections.jsonl"
    assert write_corrections(path) == 3
    rows = read_statements([path], load_codebook())
    assert rows == correction_rows()
    by_text = {r["text"]: r for r in rows}
    assert by_text["Honestly the price was too high for us."]["codes"] == [
        {"theme": "commercial_terms", "polarity": "negative", "vendor": "Brightline"}]
    assert by_text["Support at Brightline was slow, everyone said so."]["codes"] == []  # an example of nothing
    # A short first sentence is read with the question it answers, as the coder reads it; a later one is not.
    assert by_text["Support at Brightline was slow, everyone said so."]["context"] == "And support?"
    assert "context" not in by_text["Honestly the price was too high for us."]
    onboarding = next(r for r in rows if r["text"].startswith("Zoë"))
    assert onboarding["codes"] == [{"theme": "implementation", "polarity": "positive", "vendor": "Northwind"}]
    assert "Zoë’s team — naïve café" in path.read_text(encoding="utf-8")  # real characters, not escapes
    assert all(json.loads(line)["interview"] == interview.pk for line in path.read_text().splitlines())


def test_agreement_compares_the_engine_with_the_review(interview, people):
    review.reject(code_of(interview, "support"), people["analyst"])
    review.set_reasons(interview, ["implementation"], people["analyst"])
    assert review.agreement().interviews == 0  # nothing reviewed yet
    review.mark_reviewed(interview, people["analyst"])
    result = review.agreement()
    themes = {t.theme: t for t in result.themes}
    assert result.interviews == 1 and result.small
    assert themes["price"].kappa.kappa == 1.0 and themes["price"].kappa.n == 3
    assert themes["support"].kappa.observed == pytest.approx(2 / 3)
    assert result.first_reason_first.hits == 0 and result.first_reason_kept.hits == 0
    assert result.polarity.n == 2 and result.polarity.observed == 1.0
