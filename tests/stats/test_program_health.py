"""Program health figures over plain facts, checked against values worked out by hand."""

from __future__ import annotations

from datetime import date

import pytest

from winloss.core.quarters import QuarterError, parse_quarter, quarter_bounds, quarter_of, shift_quarter
from winloss.stats import wilson_interval
from winloss.stats.program import (
    DealFacts,
    InterviewerFacts,
    InterviewFacts,
    TargetFacts,
    TargetRow,
    coverage,
    days_to_interview,
    health_text,
    interviewer_load,
    program_health,
    response_rates_by_outcome,
    targets_progress,
)


def deal(id: int, outcome: str, day: tuple[int, int], region: str, competitor: str = "") -> DealFacts:
    return DealFacts(id, outcome, date(2026, *day), {"region": region}, competitor)


# Ten deals closed in 2026Q3: 3 won, 5 lost, 2 no decision.
DEALS = [
    deal(1, "won", (7, 1), "EMEA", "Northwind"), deal(2, "won", (7, 10), "EMEA"),
    deal(3, "lost", (7, 15), "APAC", "Northwind"), deal(4, "lost", (8, 1), "APAC", "Tessera"),
    deal(5, "lost", (8, 10), "EMEA", "Tessera"), deal(6, "no_decision", (8, 20), "EMEA"),
    deal(7, "lost", (9, 1), "APAC", "Northwind"), deal(8, "lost", (9, 5), "EMEA"),
    deal(9, "won", (9, 10), "APAC"), deal(10, "no_decision", (9, 20), "APAC"),
]
# Four held (deals 1, 3, 4, 5), the fourth without a date; the rest at every other stage.
# Every one but deal 5's (a transcript uploaded without an invitation) and deal 9's (proposed) was invited.
INTERVIEWS = [
    InterviewFacts(1, "coded", 1, date(2026, 7, 8), True),  # 7 days
    InterviewFacts(3, "completed", 1, date(2026, 8, 5), True),  # 21 days
    InterviewFacts(4, "coded", 2, date(2026, 8, 31), True),  # 30 days
    InterviewFacts(5, "completed", 2, None),
    InterviewFacts(6, "declined", invited=True),
    InterviewFacts(7, "scheduled", 1, invited=True),
    InterviewFacts(8, "invited", 2, invited=True),
    InterviewFacts(9, "proposed"),
    InterviewFacts(10, "no_response", invited=True),
]


def test_the_wilson_interval_for_3_of_10_is_the_textbook_one():
    low, high = wilson_interval(3, 10)
    assert low == pytest.approx(0.1078, abs=1e-4)
    assert high == pytest.approx(0.6032, abs=1e-4)


def test_interviews_held_are_counted_against_the_whole_program_and_each_segment_target():
    targets = [TargetFacts("", "", 6), TargetFacts("region", "EMEA", 3), TargetFacts("region", "APAC", 2),
               TargetFacts("region", "LATAM", 1)]
    assert targets_progress(targets, DEALS, INTERVIEWS, ["region"]) == [
        TargetRow("", "", 6, 4), TargetRow("region", "APAC", 2, 2), TargetRow("region", "EMEA", 3, 2),
        TargetRow("region", "LATAM", 1, 0)]
    assert [r.percent for r in targets_progress(targets, DEALS, INTERVIEWS, ["region"])] == [67, 100, 67, 0]


def test_a_segment_with_interviews_but_no_target_is_shown_without_one():
    rows = targets_progress([], DEALS, INTERVIEWS, ["region"])
    assert [(r.value, r.target, r.completed, r.percent) for r in rows] == [
        ("", None, 4, None), ("APAC", None, 2, None), ("EMEA", None, 2, None)]


def test_coverage_by_outcome_sets_interview_shares_beside_deal_shares_and_the_desired_mix():
    rows = coverage(DEALS, INTERVIEWS, lambda d: d.outcome, {"won": 30, "lost": 50, "no_decision": 20})
    assert [(r.label, r.deals.hits, r.deals.n, r.interviews.hits, r.interviews.n, r.desired, r.gap) for r in rows] == [
        ("won", 3, 10, 1, 4, 30, -5), ("lost", 5, 10, 3, 4, 50, 25), ("no_decision", 2, 10, 0, 4, 20, -20)]
    assert (rows[0].deals.low, rows[0].deals.high) == wilson_interval(3, 10)
    assert rows[0].interviews.small and not rows[0].deals.small


def test_coverage_by_competitor_lists_the_most_common_first_and_no_competitor_too():
    rows = coverage(DEALS, INTERVIEWS, lambda d: d.competitor)
    assert [(r.label, r.deals.hits, r.interviews.hits) for r in rows] == [
        ("", 5, 0), ("Northwind", 3, 2), ("Tessera", 2, 2)]


def test_open_deals_count_in_no_coverage_share():
    rows = coverage([*DEALS, deal(11, "open", (9, 30), "EMEA")], INTERVIEWS, lambda d: d.outcome)
    assert rows[0].deals.n == 10


def test_the_response_rate_counts_invited_buyers_who_answered_and_those_who_said_yes():
    # Deal 8's buyer is still deciding (left out); deal 5's interview was never asked for (left out).
    rates = response_rates_by_outcome(DEALS, INTERVIEWS)
    assert {k: (r.hits, r.n) for k, r in rates.items()} == {
        "won": (1, 1), "lost": (3, 3), "no_decision": (0, 2), "all": (4, 6)}
    assert (rates["all"].low, rates["all"].high) == wilson_interval(4, 6)


def test_days_from_decision_give_the_median_and_the_share_inside_the_window_ends_included():
    timing = days_to_interview(DEALS, INTERVIEWS, (7, 21))
    assert timing.days == (7, 21, 30)
    assert timing.median == 21
    assert (timing.inside.hits, timing.inside.n) == (2, 3)
    assert days_to_interview(DEALS, INTERVIEWS[:2], (7, 21)).median == 14


def test_no_interview_held_gives_no_median_and_an_empty_rate():
    timing = days_to_interview(DEALS, INTERVIEWS[4:], (7, 21))
    assert timing.median is None and timing.inside.n == 0


def test_interviewer_load_counts_open_assignments_and_interviews_held_against_capacity():
    people = [InterviewerFacts(1, "Ian", 2, True), InterviewerFacts(2, "Erin", 1, True),
              InterviewerFacts(3, "Old Hand", 3, False), InterviewerFacts(4, "Owner", None, True)]
    rows = interviewer_load(people, INTERVIEWS, open_assignments=[1, 2])
    assert [(r.name, r.open, r.completed, r.capacity, r.full) for r in rows] == [
        ("Erin", 1, 2, 1, True), ("Ian", 1, 2, 2, False), ("Owner", 0, 0, None, False)]


def test_the_whole_health_serialises_with_every_rate_and_its_n():
    health = program_health("2026Q3", DEALS, INTERVIEWS, segment_fields=["region"],
                            outcome_mix={"won": 30, "lost": 50, "no_decision": 20})
    data = health.as_dict()
    assert list(data["coverage"]) == ["outcome", "region", "competitor"]
    low, high = wilson_interval(4, 6)
    assert data["response_rate"]["all"] == {"hits": 4, "n": 6, "share": round(4 / 6, 4), "low": round(low, 4),
                                            "high": round(high, 4), "small": False}
    assert data["days_to_interview"]["median"] == 21
    text = health_text(health)
    assert "whole program" in text and "no target" in text
    lines = [" ".join(line.split()) for line in text.splitlines()]
    assert "lost 50% (5/10; 95% 24–76%) | 75% (3/4; 95% 30–95%) small n | desired 50%" in lines


@pytest.mark.parametrize(("label", "bounds"), [
    ("2026Q1", (date(2026, 1, 1), date(2026, 3, 31))),
    ("2026q3", (date(2026, 7, 1), date(2026, 9, 30))),
    (" 2024Q4 ", (date(2024, 10, 1), date(2024, 12, 31))),
])
def test_a_quarter_label_gives_its_first_and_last_day(label, bounds):
    assert quarter_bounds(label) == bounds


@pytest.mark.parametrize("label", ["2026Q5", "2026-Q3", "Q3 2026", "26Q3", ""])
def test_a_malformed_quarter_is_refused_with_the_expected_form(label):
    with pytest.raises(QuarterError, match="write it like 2026Q3"):
        parse_quarter(label)


def test_quarters_follow_each_other_across_years():
    assert quarter_of(date(2026, 12, 31)) == "2026Q4"
    assert shift_quarter("2026Q4", 1) == "2027Q1"
    assert shift_quarter("2026Q1", -1) == "2025Q4"
