"""Cohen's kappa and the engine-against-analyst agreement figures built from it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sklearn.metrics import cohen_kappa_score

from winloss.stats.agreement import ReviewedReasons, ReviewedStatement, coding_agreement, cohen_kappa


def test_a_hand_computed_two_by_two_table():
    # 20 both yes, 5 only the first, 10 only the second, 15 both no: po = 0.7, pe = 0.5*0.6 + 0.5*0.4 = 0.5.
    first = [1] * 20 + [1] * 5 + [0] * 10 + [0] * 15
    second = [1] * 20 + [0] * 5 + [1] * 10 + [0] * 15
    result = cohen_kappa(first, second)
    assert result.kappa == pytest.approx(0.4) and result.observed == pytest.approx(0.7) and result.n == 50


@given(st.lists(st.tuples(st.sampled_from("abc"), st.sampled_from("abc")), min_size=1, max_size=60))
def test_it_agrees_with_sklearn_on_categorical_labels(pairs):
    first, second = [a for a, _ in pairs], [b for _, b in pairs]
    ours = cohen_kappa(first, second)
    if len(set(first) | set(second)) == 1:
        assert ours.kappa is None and ours.observed == 1.0  # sklearn gives nan here
    else:
        assert ours.kappa == pytest.approx(cohen_kappa_score(first, second), abs=1e-9)


def test_perfect_agreement_is_one_and_perfect_disagreement_on_two_labels_is_minus_one():
    assert cohen_kappa(["x", "y", "x"], ["x", "y", "x"]).kappa == 1.0
    assert cohen_kappa([True, False], [False, True]).kappa == -1.0


def test_degenerate_cases_are_undefined_not_a_number():
    assert cohen_kappa([], []).kappa is None and cohen_kappa([], []).n == 0
    everything_absent = cohen_kappa([False] * 8, [False] * 8)
    assert everything_absent.kappa is None and everything_absent.observed == 1.0
    one_rater_constant = cohen_kappa([False] * 4, [False, False, False, True])  # pe < 1: defined, and 0
    assert one_rater_constant.kappa == 0.0 and one_rater_constant.observed == 0.75
    with pytest.raises(ValueError, match="same items"):
        cohen_kappa([1, 2], [1])


def statement(interview, engine, final):
    return ReviewedStatement(interview, frozenset(engine), frozenset(final))


def test_agreement_per_theme_pooled_polarity_and_first_reasons():
    price_neg_us, price_pos_us = ("price", "negative", "us"), ("price", "positive", "us")
    support_neg_us = ("support", "negative", "us")
    statements = [
        statement(1, [price_neg_us], [price_neg_us]),  # kept
        statement(1, [price_neg_us], [price_pos_us]),  # polarity changed
        statement(2, [support_neg_us], []),  # rejected
        statement(2, [], [support_neg_us]),  # added by an analyst
        statement(3, [price_neg_us, support_neg_us], [price_neg_us, support_neg_us]),
    ]
    reasons = [ReviewedReasons(("price", "support"), ("price",)), ReviewedReasons(("support",), ("price", "support")),
               ReviewedReasons((), ("price",))]
    result = coding_agreement(statements, reasons, ["price", "support", "reputation"])
    price, support, reputation = result.themes
    assert price.kappa.kappa == 1.0 and price.kappa.n == 5
    # support: engine yes,no? -> [F, F, T, F, T] vs [F, F, F, T, T]: po 0.6, pe 0.4*0.4 + 0.6*0.6 = 0.52
    assert support.kappa.kappa == pytest.approx((0.6 - 0.52) / 0.48)
    assert reputation.kappa.kappa is None and reputation.kappa.observed == 1.0
    assert result.overall.n == 15 and result.interviews == 3 and result.small and price.small
    # polarity over the four engine codes a kept code shares theme and vendor with: one of them changed
    assert result.polarity.n == 4 and result.polarity.observed == 0.75
    assert (result.first_reason_first.hits, result.first_reason_first.n) == (1, 2)
    assert (result.first_reason_kept.hits, result.first_reason_kept.n) == (2, 2)


def test_five_reviewed_interviews_are_no_longer_a_small_sample():
    statements = [statement(i, [("price", "negative", "")], [("price", "negative", "")]) for i in range(5)]
    assert not coding_agreement(statements, [], ["price"]).small
