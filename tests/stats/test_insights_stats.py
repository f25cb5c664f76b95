"""Insight statistics against known values: Wilson by hand, Fisher by hand and by SciPy, Holm, call-out rules."""

from __future__ import annotations

from math import comb

import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.stats import fisher_exact as scipy_fisher

from winloss.stats import rate
from winloss.stats.insights import (
    NO_CLEAR_CHANGE,
    NO_CLEAR_DIFFERENCE,
    SEPARATES,
    SUGGESTIVE,
    TOO_FEW,
    InterviewFacts,
    OutcomeCounts,
    change,
    drivers,
    fisher_exact,
    head_to_head,
    holm,
    primary_reasons,
    theme_trends,
    trend_quarters,
    win_rate_trend,
)


def interview(outcome: str = "won", quarter: str = "2026Q1", *, strengths=(), weaknesses=(), mentions=(),
              reasons=(), competitors=(), rival_strengths=None, rival_weaknesses=None, n: int = 0) -> InterviewFacts:
    return InterviewFacts(
        interview_id=n, deal_id=n, outcome=outcome, quarter=quarter, rep_id=None, segments={},
        competitor_ids=frozenset(competitors), primary_reasons=tuple(reasons), strengths=frozenset(strengths),
        weaknesses=frozenset(weaknesses), mentions=frozenset({*mentions, *strengths, *weaknesses}),
        rival_strengths={k: frozenset(v) for k, v in (rival_strengths or {}).items()},
        rival_weaknesses={k: frozenset(v) for k, v in (rival_weaknesses or {}).items()},
    )


def many(count: int, **kwargs) -> list[InterviewFacts]:
    return [interview(**kwargs) for _ in range(count)]


# --- known values ---------------------------------------------------------------------------------------------

def test_the_wilson_interval_of_three_in_ten_matches_the_hand_computation():
    # p = .3, z² = 3.8415: centre = (.3 + z²/20) / (1 + z²/10) = .35551; half = z·√(.021 + z²/400) / 1.38415 = .24772
    share = rate(3, 10)
    assert (share.low, share.high) == (pytest.approx(0.10779, abs=1e-5), pytest.approx(0.60322, abs=1e-5))


def test_fisher_on_the_tea_tasting_table_is_thirty_four_seventieths():
    # Margins 4/4: P(a=k) = C(4,k)²/70 = 1, 16, 36, 16, 1 (/70); tables no likelier than a=3: 1+16+16+1
    assert fisher_exact(3, 1, 1, 3) == pytest.approx(34 / 70, rel=1e-12)


def test_fisher_on_a_perfect_split_of_ten_is_two_in_two_hundred_fifty_two():
    assert fisher_exact(0, 5, 5, 0) == pytest.approx(2 / comb(10, 5), rel=1e-12)


@given(st.tuples(*[st.integers(0, 40)] * 4))
def test_fisher_agrees_with_scipy_and_is_a_probability(table):
    a, b, c, d = table
    p = fisher_exact(a, b, c, d)
    assert p == scipy_fisher([[a, b], [c, d]]).pvalue
    assert 0.0 <= p <= 1.0


def test_fisher_refuses_negative_counts():
    with pytest.raises(ValueError):
        fisher_exact(1, -1, 2, 3)


def test_holm_multiplies_the_sorted_p_values_and_keeps_them_monotone():
    # sorted: .005×4 = .02, .01×3 = .03, .03×2 = .06, .04×1 = .04 -> raised to .06 to stay monotone
    assert holm([0.01, 0.04, 0.03, 0.005]) == pytest.approx([0.03, 0.06, 0.06, 0.02])


def test_holm_leaves_untested_themes_out_of_the_count():
    assert holm([0.02, None, 0.5]) == [pytest.approx(0.04), None, pytest.approx(0.5)]


@given(st.lists(st.one_of(st.none(), st.floats(0, 1)), max_size=30))
def test_holm_never_lowers_a_p_value_nor_passes_one(pvalues):
    for raw, adjusted in zip(pvalues, holm(pvalues), strict=True):
        assert (raw is None) == (adjusted is None)
        if raw is not None:
            assert raw <= adjusted <= 1.0


# --- decision drivers -----------------------------------------------------------------------------------------

def test_drivers_count_shares_within_won_and_within_lost_interviews():
    interviews = [*many(2, outcome="won", strengths={"support"}), *many(2, outcome="won"),
                  *many(3, outcome="lost", weaknesses={"price"}), interview("lost", weaknesses={"support"}),
                  interview("no_decision", weaknesses={"price"})]
    rows = {r.theme: r for r in drivers(interviews, ["price", "support"])}
    assert (rows["support"].strength_won.hits, rows["support"].strength_won.n) == (2, 4)
    assert (rows["price"].weakness_lost.hits, rows["price"].weakness_lost.n) == (3, 4)
    assert (rows["price"].weakness_won.hits, rows["price"].weakness_won.n) == (0, 4)  # no-decision left out
    assert rows["price"].weakness_test.more_in == "lost"
    assert rows["price"].weakness_test.verdict == TOO_FEW  # four a side is below five


def test_a_weakness_found_in_most_losses_and_no_wins_separates_them_after_adjustment():
    interviews = [*many(12, outcome="won"), *many(10, outcome="lost", weaknesses={"price"}), *many(2, outcome="lost")]
    themes = ["price", "support", "integration"]
    price = drivers(interviews, themes)[0]
    assert price.weakness_test.p == pytest.approx(fisher_exact(10, 2, 0, 12))
    # only price is testable with a difference, but all three themes are tested: Holm multiplies by 3
    assert price.weakness_test.p_adjusted == pytest.approx(min(1, 3 * fisher_exact(10, 2, 0, 12)))
    assert price.weakness_test.verdict == SEPARATES
    assert drivers(interviews, themes)[1].weakness_test.verdict == NO_CLEAR_DIFFERENCE


def test_a_difference_that_does_not_survive_the_adjustment_is_only_suggestive():
    # 7/10 lost vs 1/10 won: raw p ≈ .020; Holm across 14 themes multiplies it by 14
    interviews = [*many(7, outcome="lost", weaknesses={"price"}), *many(3, outcome="lost"),
                  interview("won", weaknesses={"price"}), *many(9, outcome="won")]
    themes = ["price", *[f"t{k}" for k in range(13)]]
    test = drivers(interviews, themes)[0].weakness_test
    assert test.p == pytest.approx(scipy_fisher([[7, 3], [1, 9]]).pvalue)
    assert test.p < 0.05 <= test.p_adjusted
    assert test.verdict == SUGGESTIVE


# --- primary reasons ------------------------------------------------------------------------------------------

def test_primary_reasons_are_ranked_by_how_many_interviews_name_them():
    interviews = [interview("lost", reasons=("price", "support")), interview("lost", reasons=("support",)),
                  interview("won", reasons=("support", "price")), interview("won", reasons=())]
    rows = primary_reasons(interviews, ["price", "support", "integration"])
    assert [(r.theme, r.count, r.first) for r in rows] == [("support", 3, 2), ("price", 2, 1)]
    support = rows[0]
    assert (support.share.hits, support.share.n) == (3, 4)
    assert (support.lost.hits, support.lost.n, support.won.hits, support.won.n) == (2, 2, 1, 2)


# --- head to head ---------------------------------------------------------------------------------------------

def test_head_to_head_shares_are_of_the_interviews_involving_the_competitor():
    interviews = [interview("lost", competitors={7}, rival_strengths={7: {"price"}}),
                  interview("lost", competitors={7}, rival_strengths={7: {"price"}}, rival_weaknesses={7: {"support"}}),
                  interview("won", competitors={7}),
                  interview("won", competitors={8}, rival_strengths={8: {"price"}})]
    h2h = head_to_head(7, OutcomeCounts(won=3, lost=6, no_decision=1), interviews, ["price", "support"])
    assert h2h.interviews == 3
    assert (h2h.win_rate.hits, h2h.win_rate.n) == (3, 10)
    assert [(s.theme, s.share.hits, s.share.n) for s in h2h.strengths] == [("price", 2, 3)]
    assert [(s.theme, s.share.hits, s.share.n) for s in h2h.weaknesses] == [("support", 1, 3)]


# --- trends ---------------------------------------------------------------------------------------------------

def test_a_change_is_called_out_when_both_quarters_have_enough_and_fisher_supports_it():
    result = change("2026Q1", rate(2, 20), "2026Q2", rate(15, 20))
    assert result.p == pytest.approx(scipy_fisher([[2, 18], [15, 5]]).pvalue)
    assert result.supported and result.direction == "up"
    assert result.text == "up from 10% in 2026Q1 to 75% in 2026Q2"


def test_a_big_swing_on_four_interviews_is_no_clear_change():
    result = change("2026Q1", rate(0, 4), "2026Q2", rate(4, 4))
    assert (result.supported, result.p, result.text) == (False, None, NO_CLEAR_CHANGE)


def test_a_difference_fisher_does_not_support_is_no_clear_change():
    result = change("2026Q1", rate(5, 10), "2026Q2", rate(7, 10))
    assert result.p > 0.05
    assert not result.supported and result.text == NO_CLEAR_CHANGE and result.direction == ""


def test_the_win_rate_trend_covers_every_quarter_and_compares_the_last_two():
    counts = {"2026Q1": OutcomeCounts(won=30, lost=60, no_decision=10), "2026Q3": OutcomeCounts(won=70, lost=30)}
    quarters = trend_quarters(counts, [interview(quarter="2026Q2")])
    assert quarters == ["2026Q1", "2026Q2", "2026Q3"]
    row = win_rate_trend(counts, quarters)
    assert [(r.hits, r.n) for r in row.rates] == [(30, 100), (0, 0), (70, 100)]
    assert row.change.before.n == 0 and not row.change.supported  # an empty quarter never supports a change


def test_theme_trends_adjust_the_last_change_across_themes():
    interviews = [*many(10, quarter="2026Q1"), *many(8, quarter="2026Q2", weaknesses={"price"}),
                  *many(2, quarter="2026Q2")]
    rows = theme_trends(interviews, ["price", "support"], ["2026Q1", "2026Q2"], "weaknesses")
    price = rows[0]
    assert [(r.hits, r.n) for r in price.rates] == [(0, 10), (8, 10)]
    assert price.change.p_adjusted == pytest.approx(min(1, 2 * scipy_fisher([[0, 10], [8, 2]]).pvalue))
    assert price.change.supported and price.change.direction == "up"
    assert not rows[1].change.supported


def test_theme_trends_refuse_an_unknown_measure():
    with pytest.raises(ValueError):
        theme_trends([], ["price"], ["2026Q1"], "vibes")


# --- invariants -----------------------------------------------------------------------------------------------

facts = st.builds(
    interview,
    outcome=st.sampled_from(["won", "lost", "no_decision"]),
    quarter=st.sampled_from(["2025Q4", "2026Q1", "2026Q2"]),
    strengths=st.sets(st.sampled_from(["price", "support", "integration"])),
    weaknesses=st.sets(st.sampled_from(["price", "support", "integration"])),
    reasons=st.lists(st.sampled_from(["price", "support", "integration"]), max_size=3, unique=True),
)


@given(st.lists(facts, max_size=40))
def test_every_share_is_a_proportion_inside_its_interval(interviews):
    themes = ["price", "support", "integration"]
    rates = [r for row in drivers(interviews, themes)
             for r in (row.strength_won, row.strength_lost, row.weakness_won, row.weakness_lost)]
    rates += [r for row in primary_reasons(interviews, themes) for r in (row.share, row.won, row.lost)]
    rates += [r for row in theme_trends(interviews, themes, ["2025Q4", "2026Q1", "2026Q2"]) for r in row.rates]
    for r in rates:
        assert 0 <= r.hits <= r.n
        assert 0.0 <= r.low <= (r.hits / r.n if r.n else r.low) <= r.high <= 1.0
    for row in drivers(interviews, themes):
        for test in (row.strength_test, row.weakness_test):
            assert test.p is None or 0.0 <= test.p <= test.p_adjusted <= 1.0
            assert test.verdict != SEPARATES or not (row.weakness_won.small or row.weakness_lost.small)
