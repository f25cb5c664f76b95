"""The neutral interviewer: never the deal's rep nor anyone above them, capacity respected, load balanced."""

from __future__ import annotations

import pytest

from winloss.core.program import AssignmentError, Interviewer, OrgChart, Rep, assign_batch, check, choose

# Sam Ortiz reports to Dana Reyes, who reports to Lee Park (the VP of sales).
CHART = OrgChart([Rep(1, "Sam Ortiz", "sam@corp.example", manager_id=2), Rep(2, "Dana Reyes", "dana@corp.example",
                                                                              manager_id=3),
                  Rep(3, "Lee Park", "lee@corp.example"), Rep(4, "Kim Wu", "kim@corp.example")])
SAM, DANA, LEE = 1, 2, 3


def person(id: int, name: str, **kwargs) -> Interviewer:
    return Interviewer(id, name, **kwargs)


def test_the_rep_who_owned_the_deal_is_never_chosen_even_when_least_loaded():
    sam = person(10, "Sam Ortiz", rep_id=SAM)
    busy = person(11, "Ivy Nolan", open=3, total=40)
    assert choose([sam, busy], SAM, CHART).interviewer == busy


def test_the_rep_is_recognised_by_email_without_regard_to_case():
    sam = person(10, "Sam O.", email="SAM@corp.example")
    assert choose([sam], SAM, CHART).interviewer is None
    with pytest.raises(AssignmentError, match="Sam O. cannot interview this deal: they are the rep who owned it"):
        check(sam, SAM, CHART)


def test_the_reps_manager_and_the_managers_manager_are_never_chosen():
    dana = person(12, "Dana Reyes", rep_id=DANA)
    lee = person(13, "Lee Park", email="lee@corp.example")
    other = person(14, "Ivy Nolan", open=4, total=99)
    assert choose([dana, lee, other], SAM, CHART).interviewer == other
    with pytest.raises(AssignmentError, match="Dana Reyes cannot interview this deal: they manage the rep who "
                                              "owned it, Sam Ortiz"):
        check(dana, SAM, CHART)
    with pytest.raises(AssignmentError, match="Lee Park cannot interview this deal: they are above the rep who "
                                              "owned it, Sam Ortiz, in the management chain"):
        check(lee, SAM, CHART)


def test_people_below_or_beside_the_owner_may_interview():
    sam = person(10, "Sam Ortiz", rep_id=SAM)
    kim = person(15, "Kim Wu", rep_id=4)
    check(sam, DANA, CHART)
    check(kim, SAM, CHART)


def test_when_nobody_qualifies_the_reason_names_each_person():
    result = choose([person(10, "Sam Ortiz", rep_id=SAM), person(12, "Dana Reyes", rep_id=DANA)], SAM, CHART)
    assert result.interviewer is None
    assert result.reason == ("Nobody can interview this deal: Dana Reyes (they manage the rep who owned it, Sam "
                             "Ortiz); Sam Ortiz (they are the rep who owned it)")
    assert "no interviewers" in choose([], SAM, CHART).reason


def test_a_loop_in_the_manager_chain_ends_the_walk():
    chart = OrgChart([Rep(1, "A", manager_id=2), Rep(2, "B", manager_id=3), Rep(3, "C", manager_id=1)])
    assert [rep.name for rep in chart.chain(1)] == ["A", "B", "C"]
    with pytest.raises(AssignmentError, match="above the rep"):
        check(person(9, "C", rep_id=3), 1, chart)
    assert choose([person(9, "C", rep_id=3), person(8, "D")], 1, chart).interviewer.name == "D"


def test_a_rep_who_manages_themselves_does_not_hang():
    chart = OrgChart([Rep(1, "A", manager_id=1)])
    assert [rep.name for rep in chart.chain(1)] == ["A"]


def test_without_an_owner_or_org_chart_only_capacity_and_activity_count():
    free = person(10, "Ivy Nolan")
    check(free, None, CHART)
    check(free, 99, CHART)


def test_capacity_is_respected():
    full = person(10, "Ivy Nolan", capacity=5, open=5)
    with pytest.raises(AssignmentError, match="Ivy Nolan cannot interview this deal: at capacity, 5 of 5 open "
                                              "assignments"):
        check(full, None, CHART)
    assert choose([full], None, CHART).interviewer is None
    assert choose([full, person(11, "Max Hill", capacity=5, open=4)], None, CHART).interviewer.name == "Max Hill"


def test_inactive_interviewers_are_not_chosen():
    resting = person(10, "Ivy Nolan", active=False)
    assert choose([resting], None, CHART).interviewer is None
    with pytest.raises(AssignmentError, match="not an active interviewer"):
        check(resting, None, CHART)


def test_the_least_loaded_is_chosen_then_fewest_overall_then_by_name():
    a = person(1, "Bea", open=1, total=1)
    b = person(2, "Cal", open=0, total=9)
    c = person(3, "Ann", open=0, total=9)
    d = person(4, "Dov", open=0, total=2)
    assert choose([a, b, c, d], None, CHART).interviewer == d
    assert choose([a, b, c], None, CHART).interviewer == c


def test_a_batch_spreads_deals_across_interviewers_and_stops_at_capacity():
    pool = [person(1, "Ann", capacity=2), person(2, "Bea", capacity=2), person(3, "Sam Ortiz", rep_id=SAM)]
    owners = [SAM, SAM, SAM, SAM, SAM]
    chosen = [a.interviewer.name if a.interviewer else None for a in assign_batch(owners, pool, CHART)]
    assert chosen == ["Ann", "Bea", "Ann", "Bea", None]
