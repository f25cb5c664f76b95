"""An action's before/after from stored deals and coded interviews, on data whose values are known; and the
section for reports and the digest."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from tests.actions.builders import make_action, make_quote
from tests.factory import make_coded_interview, make_deal
from winloss.actions.impact import SECTION_TITLE, action_impact, report_section, section_text
from winloss.actions.models import ActionSettings
from winloss.deals.models import Competitor, DealCompetitor

pytestmark = pytest.mark.django_db
DONE_AT = datetime(2026, 3, 1, 12, tzinfo=UTC)
AS_OF = date(2026, 3, 30)  # after: 1-30 March; before: 30 January - 28 February
BEFORE, AFTER = date(2026, 2, 10), date(2026, 3, 10)


@pytest.fixture
def known(people):
    """Win rate in EMEA 2/4 before and 3/4 after; against Northwind 0/2 before and 1/1 after; lost interviewed deals
    whose buyers criticised price 2/3 before and 0/1 after."""
    northwind, _ = Competitor.objects.get_or_create(name="Northwind")
    for outcome in ("won", "won"):
        make_deal(outcome=outcome, close_date=BEFORE, region="EMEA")
    for _ in range(2):
        lost = make_deal(outcome="lost", close_date=BEFORE, region="EMEA")
        make_coded_interview(lost, codes=[("price", "negative", "us")])
    linked = make_deal(outcome="lost", close_date=date(2026, 1, 30), region="APAC")
    DealCompetitor.objects.create(deal=linked, competitor=northwind)
    apac = make_deal(outcome="lost", close_date=BEFORE, region="APAC", primary_competitor=northwind)
    make_coded_interview(apac, codes=[("price", "negative", "us", True)])  # criticism an analyst rejected

    make_deal(outcome="won", close_date=AFTER, region="EMEA", primary_competitor=northwind)
    make_deal(outcome="won", close_date=AFTER, region="EMEA")
    won = make_deal(outcome="won", close_date=date(2026, 3, 1), region="EMEA")
    make_coded_interview(won, codes=[("price", "negative", "us")])  # a won deal's criticism is not a lost deal's
    lost = make_deal(outcome="lost", close_date=AFTER, region="EMEA")
    make_coded_interview(lost, codes=[("price", "negative", "Northwind")])  # price criticised, but Northwind's
    # A second interview on the same deal: the deal counts once.
    make_coded_interview(lost, codes=[("price", "positive", "us"), ("support", "negative", "us")])
    make_deal(outcome="open", close_date=AFTER, region="EMEA")
    make_deal(outcome="lost", close_date=date(2026, 3, 31), region="EMEA", primary_competitor=northwind)
    ActionSettings.objects.create(pk=1, min_after=1)
    action = make_action(people["analyst"], themes=["price"], segments=[{"field": "region", "value": "EMEA"}],
                         competitors=[northwind], status="done", done_at=DONE_AT,
                         created_at=datetime(2026, 1, 10, tzinfo=UTC))
    return action


def figures(found) -> list[tuple]:
    return [(c.kind, c.before.hits, c.before.n, c.after.hits, c.after.n, c.enough) for c in found.comparisons]


def test_the_before_and_after_figures_are_the_known_ones(known):
    found = action_impact(known, AS_OF)
    assert figures(found) == [("criticised", 2, 3, 0, 1, True), ("segment", 2, 4, 3, 4, True),
                              ("competitor", 0, 2, 1, 1, True)]
    assert found.comparisons[0].label == "Lost deals whose buyers criticised Price & value"
    assert found.comparisons[1].difference == pytest.approx(0.25)


def test_until_enough_interviews_come_in_the_after_period_is_not_shown(known):
    ActionSettings.objects.filter(pk=1).update(min_after=2)
    found = action_impact(known, AS_OF)
    assert [c.enough for c in found.comparisons] == [False, True, False]
    assert not found.enough


def test_an_action_not_done_has_no_before_and_after(known, people):
    assert action_impact(make_action(people["analyst"], status="in_progress"), AS_OF) is None
    assert action_impact(known, date(2026, 2, 28)) is None


def test_the_report_section_lists_actions_done_or_under_way_with_their_evidence_and_impact(known, people):
    known.quotes.add(make_quote(make_deal()))
    make_action(people["analyst"], title="Battlecard against Northwind", status="in_progress",
                created_at=datetime(2026, 2, 1, tzinfo=UTC))
    make_action(people["analyst"], title="Just an idea", created_at=datetime(2026, 2, 1, tzinfo=UTC))
    make_action(people["analyst"], title="Given up", status="dropped", dropped_reason="No budget",
                created_at=datetime(2026, 2, 1, tzinfo=UTC))
    done_later = make_action(people["analyst"], title="Done later", status="in_progress",
                             created_at=datetime(2026, 2, 1, tzinfo=UTC))
    done_later.move("done", at=datetime(2026, 4, 2, tzinfo=UTC))  # in progress on 30 March: shown as such
    accepted_later = make_action(people["analyst"], title="Accepted later",
                                 created_at=datetime(2026, 2, 1, tzinfo=UTC))
    accepted_later.move("accepted", at=datetime(2026, 4, 1, tzinfo=UTC))  # only proposed on 30 March
    make_action(people["analyst"], title="Not yet thought of", status="in_progress",
                created_at=datetime(2026, 4, 1, tzinfo=UTC))
    section = report_section(date(2026, 3, 1), AS_OF)
    assert section["title"] == SECTION_TITLE
    assert [(a["title"], a["status"]) for a in section["actions"]] == [
        ("Publish a pricing calculator", "done"), ("Battlecard against Northwind", "in_progress"),
        ("Done later", "in_progress")]
    done, under_way, _ = section["actions"]
    assert done["evidence"] == {"themes": ["Price & value"], "competitors": ["Northwind"],
                                "segments": ["region: EMEA"],
                                "quotes": ["[name] said the price was twice Northwind's."], "findings": []}
    assert done["impact"]["comparisons"][1]["after"]["hits"] == 3
    assert done["done_on"] == "2026-03-01" and under_way["impact"] is None


def test_the_digest_text_gives_each_action_and_its_figures(known, people):
    text = section_text(report_section(date(2026, 3, 1), AS_OF))
    assert text.startswith(SECTION_TITLE + "\n\nPublish a pricing calculator (done, Pricing)\nDone 2026-03-01.")
    assert "Win rate in region EMEA: before 50% (2/4; 95% 15-85%), after 75% (3/4; 95% 30-95%): +25.0 points" in text
    assert section_text(report_section(date(2025, 1, 1), date(2025, 3, 31))) == (
        SECTION_TITLE + ": no action accepted yet.")


def test_every_report_carries_the_section_as_it_stood_at_the_quarters_end(known):
    from winloss.reports.build import build_report
    from winloss.reports.document import Paragraph, Table

    for audience in ("exec", "sales", "product"):
        (section,) = [s for s in build_report(audience, "2026Q1").sections if s.title == SECTION_TITLE]
    first, table = section.blocks
    assert isinstance(first, Paragraph) and first.text.startswith(
        "Publish a pricing calculator (done; Pricing, andy_analyst; done 2026-03-01). On themes: Price & value;")
    assert isinstance(table, Table) and table.columns[0] == "Measure"
    # As of 31 March: the lost EMEA deal against Northwind decided that day now counts after.
    assert table.rows[1] == ("Win rate in region EMEA", "50% (2/4; 95% 15-85%)", "60% (3/5; 95% 23-88%)",
                             "+10.0 points (95% -40.9 to +55.0)")
    (empty,) = [s for s in build_report("exec", "2025Q4").sections if s.title == SECTION_TITLE]
    assert empty.blocks == (Paragraph("No action has been accepted yet."),)


def test_the_monthly_digest_carries_the_section(known):
    from winloss.reports.digest import digest_text

    text = digest_text(date(2026, 3, 1), date(2026, 3, 31))
    assert f"{SECTION_TITLE}\n\nPublish a pricing calculator (done, Pricing)" in text
