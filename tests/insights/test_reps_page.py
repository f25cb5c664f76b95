"""The reps-versus-buyers page and the CRM reason mapping, on deals built for the purpose."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from tests.factory import PASSWORD, make_deal
from winloss.deals.models import Deal
from winloss.insights.models import CrmReasonMapping
from winloss.insights.reps import deal_rows, reason_rows
from winloss.insights.views import reps as reps_page
from winloss.interviews.models import Interview, Stage, Turn
from winloss.program.models import RepView

NOW = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def coded(deal: Deal, *reasons: str, on: date = date(2026, 9, 1), status: str = Interview.Status.CODED) -> Interview:
    return Interview.objects.create(deal=deal, stage=Stage.CODED, status=status, primary_reasons=list(reasons),
                                    date=on, coded_at=NOW)


def form(deal: Deal, reason: str) -> RepView:
    return RepView.objects.create(deal=deal, rep=deal.owner, token=f"t{deal.pk}", expires_at=NOW, submitted_at=NOW,
                                  main_reason=reason)


@pytest.fixture
def deals(people):
    """Four compared deals (two strict agreements), two unmapped, two left out. Worked out by hand:
    strict 2/4, lenient 2/4, unmapped 2; logged as price 3, price not named by the buyer 2 (relationship, support)."""
    CrmReasonMapping.objects.create(reason="Price", theme="price", by=people["analyst"])
    CrmReasonMapping.objects.create(reason="Lost to Competitor", theme="", by=people["analyst"])
    built = {
        "agree": make_deal(name="Agreeing deal", crm_reason="Price ", owner="Ana Rep"),
        "differ": make_deal(name="Differing deal", crm_reason="PRICE", owner="Ben Rep", region="NA"),
        "form": make_deal(name="Form deal", crm_reason="Price", owner="Ana Rep"),
        "ignored": make_deal(name="Ignored deal", crm_reason="Lost to Competitor", owner="Ben Rep"),
        "unmapped": make_deal(name="Unmapped deal", crm_reason="Timing", owner="Ben Rep"),
        "latest": make_deal(name="Latest deal", crm_reason="Price", owner="Ben Rep", close_date=date(2026, 5, 10)),
        "no interview": make_deal(name="Silent deal", crm_reason="Price", owner="Ana Rep"),
        "not coded": make_deal(name="Pending deal", crm_reason="Price", owner="Ana Rep"),
    }
    coded(built["agree"], "price", "product_fit")
    coded(built["differ"], "relationship")
    form(built["form"], "product_fit")
    coded(built["form"], "product_fit")
    coded(built["ignored"], "price")
    coded(built["unmapped"], "buyer_context")
    coded(built["latest"], "price", on=date(2026, 6, 1))
    coded(built["latest"], "support", on=date(2026, 6, 20))
    coded(built["not coded"], "price", status=Interview.Status.PENDING)
    return built


def get(client, person, name="insights:reps", **params):
    client.login(username=person.username, password=PASSWORD)
    return client.get(reverse(name), params)


def test_each_deal_has_the_reps_reason_from_the_form_else_the_mapped_crm_reason(deals):
    rows = {row.deal.name: row for row in deal_rows(Deal.objects.closed())}
    assert set(rows) == {"Agreeing deal", "Differing deal", "Form deal", "Ignored deal", "Unmapped deal", "Latest deal"}
    assert (rows["Form deal"].source, rows["Form deal"].sides.rep_theme) == ("form", "product_fit")
    assert (rows["Agreeing deal"].source, rows["Agreeing deal"].sides.rep_theme) == ("crm", "price")
    assert rows["Differing deal"].sides.rep_theme == "price"  # "PRICE" matches the mapping of "Price"
    assert (rows["Ignored deal"].sides.mapped, rows["Ignored deal"].decided) == (False, True)
    assert (rows["Unmapped deal"].sides.mapped, rows["Unmapped deal"].decided) == (False, False)


def test_the_buyers_side_is_the_latest_coded_interview(deals):
    rows = {row.deal.name: row for row in deal_rows(Deal.objects.closed())}
    assert rows["Latest deal"].sides.buyer_reasons == ("support",)


def test_the_page_shows_the_figures_worked_out_by_hand(client, people, deals):
    response = get(client, people["stakeholder"])
    assert response.status_code == 200
    overall, price = response.context["overall"], response.context["price"]
    assert (overall.strict.hits, overall.strict.n, overall.lenient.hits, overall.unmapped) == (2, 4, 2, 2)
    assert (price.not_named.hits, price.not_named.n) == (2, 3)
    assert price.instead == [("relationship", 1), ("support", 1)]
    by_rep = {g.label: (g.strict.hits, g.strict.n, g.unmapped) for g in response.context["by_rep"]}
    assert by_rep == {"Ana Rep": (2, 2, 0), "Ben Rep": (0, 2, 2)}
    assert [(q.label, q.strict.n) for q in response.context["by_quarter"]] == [("2026Q2", 1), ("2026Q3", 3)]
    html = response.content.decode()
    assert "2/4" in html and "2/3" in html
    assert 'class="small-n"' in html and "fewer than 5 deals" in html
    assert "not mapped yet" in html and "not a reason" in html
    assert "CRM: “PRICE”" in html and "rep's form" in html


def test_the_page_shows_no_buyers_words(client, people, deals):
    interview = deals["agree"].interviews.get()
    Turn.objects.create(interview=interview, index=0, speaker="Dana Buyer", role="buyer",
                        text="Honestly your price was twice what we had in mind.")
    html = get(client, people["stakeholder"]).content.decode()
    assert "twice what we had in mind" not in html and "Dana Buyer" not in html


def test_the_filters_narrow_every_figure(client, people, deals):
    ben = deals["differ"].owner
    response = get(client, people["analyst"], owner=ben.pk)
    overall = response.context["overall"]
    assert (overall.strict.hits, overall.strict.n, overall.unmapped) == (0, 2, 2)
    assert {row.deal.name for row in response.context["rows"]} == {
        "Differing deal", "Ignored deal", "Unmapped deal", "Latest deal"}
    region = get(client, people["analyst"], region="NA", by="region").context
    assert [(g.label, g.strict.n) for g in region["by_segment"]] == [("NA", 1)]
    assert get(client, people["analyst"], quarter="2026Q2").context["overall"].strict.n == 1


def test_an_empty_program_says_there_is_nothing_to_compare(client, people):
    html = get(client, people["owner"]).content.decode()
    assert "No closed deal here has both" in html


def test_the_mapping_page_lists_each_crm_reason_once_with_its_deals_and_a_suggestion(client, people, deals):
    response = get(client, people["analyst"], "insights:reps_mapping")
    rows = {row.reason.casefold().strip(): row for row, _ in response.context["rows"]}
    assert rows["price"].deals == 6  # "Price ", "PRICE" and "Price" are one value
    assert (rows["price"].theme, rows["lost to competitor"].theme, rows["timing"].theme) == ("price", "", None)
    assert rows["timing"].suggestion == "buyer_context"
    assert rows["lost to competitor"].suggestion == ""


def test_a_suggestion_is_preselected_but_not_saved_until_confirmed(client, people, deals):
    response = get(client, people["analyst"], "insights:reps_mapping")
    timing = next(form for row, form in response.context["rows"] if row.reason == "Timing")
    assert timing["theme"].value() == "buyer_context"
    assert CrmReasonMapping.objects.current().get("timing") is None


def _post_mappings(client, person, choices: dict[str, str]):
    client.login(username=person.username, password=PASSWORD)
    data = {"form-TOTAL_FORMS": len(choices), "form-INITIAL_FORMS": len(choices)}
    for i, (reason, theme) in enumerate(choices.items()):
        data[f"form-{i}-reason"], data[f"form-{i}-theme"] = reason, theme
    return client.post(reverse("insights:reps_mapping"), data)


def test_saving_mappings_records_only_the_changes_with_who_and_when(client, people, deals):
    with time_machine.travel(NOW + timedelta(days=1), tick=False):
        response = _post_mappings(client, people["owner"], {"Price": "price", "Timing": "buyer_context",
                                                            "Lost to Competitor": "-"})
    assert response.status_code == 302
    change = CrmReasonMapping.objects.get(reason_key="timing")
    assert (change.theme, change.by, change.at) == ("buyer_context", people["owner"], NOW + timedelta(days=1))
    assert CrmReasonMapping.objects.count() == 3  # the two unchanged mappings added nothing
    rows = {row.deal.name: row for row in deal_rows(Deal.objects.closed())}
    assert rows["Unmapped deal"].sides.strict  # the buyer named buyer_context first


def test_a_mapping_can_change_and_its_history_keeps_the_earlier_theme(client, people, deals):
    _post_mappings(client, people["analyst"], {"price": "commercial_terms"})
    assert CrmReasonMapping.objects.current()["price"] == "commercial_terms"
    html = get(client, people["analyst"], "insights:reps_mapping").content.decode()
    history = html[html.index("<h2>Changes</h2>"):]
    assert "Commercial terms" in history and "Price &amp; value" in history and "andy_analyst" in history
    assert [before for _, before in CrmReasonMapping.objects.history()] == ["price", None, None]


def test_a_choice_that_is_not_a_theme_saves_nothing(client, people, deals):
    response = _post_mappings(client, people["analyst"], {"Timing": "bribery", "Price": "product_fit"})
    assert response.status_code == 400
    assert CrmReasonMapping.objects.count() == 2
    assert CrmReasonMapping.objects.current()["price"] == "price"


def test_mapped_reasons_cannot_be_set_back_to_not_mapped(client, people, deals):
    response = get(client, people["analyst"], "insights:reps_mapping")
    choices = {row.reason: [value for value, _ in form.fields["theme"].choices]
               for row, form in response.context["rows"]}
    assert "" not in choices["Price"] and "" not in choices["Lost to Competitor"]
    assert "" in choices["Timing"]


def test_reason_rows_merge_values_that_differ_only_in_case_and_spaces(db):
    for reason in ("Missing feature", "missing  FEATURE", " Missing feature"):
        make_deal(crm_reason=reason)
    make_deal(crm_reason="   ")
    rows = reason_rows()
    assert [(r.deals, r.suggestion) for r in rows] == [(3, "product_fit")]


def test_the_deal_table_lists_the_latest_deals_and_the_figures_count_them_all(client, people, deals, monkeypatch):
    monkeypatch.setattr(reps_page, "DEALS_SHOWN", 2)
    response = get(client, people["analyst"])
    assert [row.deal.name for row in response.context["rows"]] == ["Agreeing deal", "Differing deal"]
    assert "The 2 most recently closed of 6 deals compared" in response.content.decode()
    overall = response.context["overall"]
    assert (overall.strict.n, overall.unmapped) == (4, 2)
