"""The response rate: invitations that led to a conversation, out of those answered one way or another."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from winloss.stats.program import response_rate

STAGES = ["proposed", "invited", "scheduled", "completed", "coded", "declined", "no_response", "opted_out"]


def test_scheduled_completed_and_coded_count_as_responses():
    rate = response_rate({"scheduled": 1, "completed": 2, "coded": 3, "declined": 2, "no_response": 1,
                          "opted_out": 1})
    assert (rate.hits, rate.n) == (6, 10)
    assert rate.low < 0.6 < rate.high


def test_invitations_still_waiting_and_never_sent_are_left_out():
    assert response_rate({"invited": 40, "proposed": 7, "declined": 1}).n == 1
    assert (response_rate({"invited": 3}).hits, response_rate({"invited": 3}).n) == (0, 0)


def test_no_invitation_answered_yet_gives_no_figure_but_the_widest_interval():
    rate = response_rate({})
    assert (rate.n, rate.low, rate.high, rate.small) == (0, 0.0, 1.0, True)


@given(st.dictionaries(st.sampled_from(STAGES), st.integers(min_value=0, max_value=500)))
def test_the_rate_is_a_proportion_inside_its_interval(stages):
    rate = response_rate(stages)
    assert 0 <= rate.hits <= rate.n
    assert rate.n == sum(v for k, v in stages.items() if k not in ("proposed", "invited"))
    if rate.n:
        assert rate.low <= rate.hits / rate.n <= rate.high
