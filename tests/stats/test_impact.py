"""Before/after figures on data whose values are known exactly."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from winloss.stats import rate
from winloss.stats.impact import Comparison, DealRow, InterviewedDeal, impact, periods

DONE = date(2026, 3, 1)
AS_OF = date(2026, 3, 30)  # after: 1-30 March (30 days); before: 30 January - 28 February (30 days)
BEFORE_DAY, AFTER_DAY = date(2026, 2, 10), date(2026, 3, 10)


def deals(day: date, won: int, lost: int, **facts) -> list[DealRow]:
    return [DealRow(0, "won" if i < won else "lost", day, **facts) for i in range(won + lost)]


def lost_interviews(day: date, criticised: int, not_criticised: int, theme: str = "price") -> list[InterviewedDeal]:
    return ([InterviewedDeal(0, "lost", day, frozenset({theme})) for _ in range(criticised)]
            + [InterviewedDeal(0, "lost", day, frozenset()) for _ in range(not_criticised)])


def test_the_before_period_is_as_long_as_the_after_period_and_ends_the_day_before():
    before, after = periods(DONE, AS_OF)
    assert (after.start, after.end, after.days) == (DONE, AS_OF, 30)
    assert (before.start, before.end, before.days) == (date(2026, 1, 30), date(2026, 2, 28), 30)
    assert periods(DONE, DONE)[0].start == periods(DONE, DONE)[0].end == date(2026, 2, 28)


def test_figures_asked_for_before_the_action_was_done_are_refused():
    with pytest.raises(ValueError, match="before the action was done"):
        periods(DONE, DONE - timedelta(days=1))


def test_it_compares_the_win_rate_in_a_segment_before_and_after():
    emea = {"segments": {"region": "EMEA"}}
    rows = [*deals(BEFORE_DAY, 2, 6, **emea), *deals(AFTER_DAY, 6, 4, **emea),
            *deals(AFTER_DAY, 0, 9, segments={"region": "APAC"}),  # another segment
            *deals(date(2026, 1, 29), 5, 0, **emea), *deals(date(2026, 3, 31), 5, 0, **emea),  # outside both
            DealRow(0, "no_decision", AFTER_DAY, {"region": "EMEA"})]  # a stalled deal is not a win
    result = impact(DONE, AS_OF, deals=rows, interviewed=[], segments=[("region", "EMEA")], min_after=5)
    (c,) = result.comparisons
    assert (c.kind, c.label) == ("segment", "Win rate in region EMEA")
    assert (c.before.hits, c.before.n, c.after.hits, c.after.n) == (2, 8, 6, 11)
    assert c.before == rate(2, 8) and c.after == rate(6, 11)
    assert c.difference == pytest.approx(6 / 11 - 2 / 8)
    assert c.enough and result.enough


def test_a_deal_decided_on_the_day_the_action_was_done_counts_after_and_the_day_before_counts_before():
    rows = [*deals(DONE, 1, 0, competitors=frozenset({"Northwind"})),
            *deals(DONE - timedelta(days=1), 0, 1, competitors=frozenset({"Northwind"}))]
    (c,) = impact(DONE, AS_OF, deals=rows, interviewed=[], competitors=["Northwind"], min_after=1).comparisons
    assert (c.before.hits, c.before.n, c.after.hits, c.after.n) == (0, 1, 1, 1)
    assert c.label == "Win rate against Northwind"


def test_the_share_of_lost_deals_criticising_the_linked_themes_counts_lost_interviewed_deals_only():
    interviewed = [*lost_interviews(BEFORE_DAY, 4, 1), *lost_interviews(AFTER_DAY, 1, 3),
                   *lost_interviews(AFTER_DAY, 1, 0, theme="product_fit"),  # criticised, but not on a linked theme
                   InterviewedDeal(0, "won", AFTER_DAY, frozenset({"price"}))]  # a won deal is not a lost one
    result = impact(DONE, AS_OF, deals=[], interviewed=interviewed,
                    themes=[("price", "Price & value"), ("commercial_terms", "Commercial terms")], min_after=5)
    (c,) = result.comparisons
    assert c.label == "Lost deals whose buyers criticised Price & value or Commercial terms"
    assert (c.before.hits, c.before.n, c.after.hits, c.after.n) == (4, 5, 1, 5)
    assert c.difference == pytest.approx(-0.6)
    low, high = c.difference_interval
    assert -1 < low < -0.6 < 0 < high  # a fall of 60 points, yet five deals each side do not rule out none


def test_until_the_after_period_has_enough_data_it_says_so():
    rows = [*deals(BEFORE_DAY, 1, 3, competitors=frozenset({"Northwind"})),
            *deals(AFTER_DAY, 3, 1, competitors=frozenset({"Northwind"}))]
    result = impact(DONE, AS_OF, deals=rows, interviewed=[], competitors=["Northwind"], min_after=5)
    assert not result.comparisons[0].enough and not result.enough
    assert result.as_dict()["comparisons"][0]["enough"] is False
    assert impact(DONE, AS_OF, deals=rows, interviewed=[], competitors=["Northwind"], min_after=4).enough


def test_with_no_data_on_one_side_there_is_no_difference():
    (c,) = impact(DONE, AS_OF, deals=deals(AFTER_DAY, 1, 1, competitors=frozenset({"X"})), interviewed=[],
                  competitors=["X"], min_after=1).comparisons
    assert c.before.n == 0 and c.difference is None and c.difference_interval is None
    assert c.as_dict()["difference"] is None


def test_the_difference_interval_matches_newcombes_published_example():
    # Newcombe (1998), Statistics in Medicine 17:873, example (a): 56/70 - 48/80, method 10: 0.0524 to 0.3339.
    c = Comparison("segment", "x", before=rate(48, 80), after=rate(56, 70), enough=True)
    assert c.difference == pytest.approx(0.2)
    assert c.difference_interval == pytest.approx((0.0524, 0.3339), abs=5e-5)
    # example (h): 0/10 - 0/20 gives -0.1611 to 0.2775; here after minus before, so the signs swap.
    c = Comparison("segment", "x", before=rate(0, 10), after=rate(0, 20), enough=True)
    assert c.difference_interval == pytest.approx((-0.2775, 0.1611), abs=5e-5)


def test_the_plain_data_carries_every_figure():
    data = impact(DONE, AS_OF, deals=deals(AFTER_DAY, 1, 1, segments={"region": "EMEA"}), interviewed=[],
                  segments=[("region", "EMEA")], min_after=2).as_dict()
    assert data["before"] == {"start": "2026-01-30", "end": "2026-02-28"}
    assert data["after"] == {"start": "2026-03-01", "end": "2026-03-30"}
    assert data["comparisons"][0]["after"] == {"hits": 1, "n": 2, "share": 0.5, "low": 0.0945, "high": 0.9055,
                                               "small": True}
