"""The Wilson interval holds its proportion, with exact ends when every case (or none) is a hit."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from winloss.stats import wilson_interval


@given(st.integers(min_value=1, max_value=100_000).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
def test_the_interval_contains_the_observed_share(case):
    hits, n = case
    low, high = wilson_interval(hits, n)
    assert 0.0 <= low <= hits / n <= high <= 1.0


def test_all_hits_reach_one_and_no_hits_reach_zero_exactly():
    assert [wilson_interval(n, n)[1] for n in (1, 3, 7, 49, 1000)] == [1.0] * 5
    assert [wilson_interval(0, n)[0] for n in (1, 3, 7, 49, 1000)] == [0.0] * 5
