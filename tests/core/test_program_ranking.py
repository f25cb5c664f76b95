"""The candidate ranking: every point comes with its reason, and the order is the same every time."""

from __future__ import annotations

from winloss.core.program import Candidate, SegmentGap, rank, segment_gaps

RULES = {"lost": 30, "no_decision": 25, "won": 0, "amount_per_10k": 1, "amount_cap": 20,
         "strategic_competitor": 15, "segment_gap": 20}


def reasons(ranked) -> list[str]:
    return [str(r) for r in ranked.reasons]


def test_each_rule_gives_its_points_with_a_reason():
    gaps = {("region", "EMEA"): SegmentGap("region", "Region", "EMEA", 0.6, "Q3")}
    deal = Candidate(1, "lost", amount=84_000, competitors=("Tessera", "Northwind"), segments={"region": "EMEA"})
    [ranked] = rank([deal], RULES, strategic={"Northwind"}, gaps=gaps)
    assert reasons(ranked) == ["Lost deal +30", "Deal size 84,000 +8", "Strategic competitor Northwind +15",
                               "Region EMEA is 60% behind its Q3 target +12"]
    assert ranked.score == 65


def test_a_won_deal_without_anything_else_scores_nothing_and_lists_no_reason():
    [ranked] = rank([Candidate(1, "won")], RULES)
    assert ranked.score == 0 and ranked.reasons == ()


def test_deal_size_counts_full_tens_of_thousands_up_to_the_cap():
    small, big = rank([Candidate(1, "won", amount=9_999), Candidate(2, "won", amount=2_500_000)], RULES)[::-1]
    assert small.score == 0
    assert reasons(big) == ["Deal size 2,500,000 +20"]


def test_losses_and_no_decisions_come_before_wins_of_the_same_size():
    order = rank([Candidate(1, "won", amount=50_000), Candidate(2, "no_decision", amount=50_000),
                  Candidate(3, "lost", amount=50_000)], RULES)
    assert [r.candidate.id for r in order] == [3, 2, 1]


def test_only_the_segment_furthest_behind_counts():
    gaps = {("region", "EMEA"): SegmentGap("region", "Region", "EMEA", 0.25, "Q3"),
            ("product_line", "Core"): SegmentGap("product_line", "Product line", "Core", 0.5, "Q3")}
    [ranked] = rank([Candidate(1, "won", segments={"region": "EMEA", "product_line": "Core"})], RULES, gaps=gaps)
    assert reasons(ranked) == ["Product line Core is 50% behind its Q3 target +10"]


def test_strategic_competitors_are_matched_without_regard_to_case_and_named_once():
    [ranked] = rank([Candidate(1, "won", competitors=("northwind", "Tessera", "northwind"))], RULES,
                    strategic={"Northwind", "TESSERA"})
    assert reasons(ranked) == ["Strategic competitors northwind, Tessera +15"]


def test_edited_rules_change_the_order():
    deals = [Candidate(1, "lost"), Candidate(2, "won", amount=200_000)]
    assert [r.candidate.id for r in rank(deals, RULES)] == [1, 2]
    assert [r.candidate.id for r in rank(deals, {**RULES, "lost": 5})] == [2, 1]


def test_a_rule_missing_from_the_weights_gives_no_points():
    [ranked] = rank([Candidate(1, "lost", amount=90_000)], {"lost": 30})
    assert reasons(ranked) == ["Lost deal +30"]


def test_ties_go_to_the_older_decision_then_the_lower_id():
    deals = [Candidate(5, "lost", days_since_decision=8), Candidate(3, "lost", days_since_decision=8),
             Candidate(9, "lost", days_since_decision=20)]
    assert [r.candidate.id for r in rank(deals, RULES)] == [9, 3, 5]
    assert [r.candidate.id for r in rank(reversed(deals), RULES)] == [9, 3, 5]


def test_segment_gaps_are_the_share_of_the_target_not_done_or_in_flight():
    targets = [("region", "Region", "EMEA", 10), ("region", "Region", "APAC", 4), ("region", "Region", "NA", 0)]
    gaps = segment_gaps(targets, {("region", "EMEA"): 4, ("region", "APAC"): 5}, "Q3")
    assert set(gaps) == {("region", "EMEA")}
    assert str(gaps["region", "EMEA"]) == "Region EMEA is 60% behind its Q3 target"
