"""Agreement between reps and buyers, on hand-made deals whose figures are worked out by hand."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from winloss.analysis.codebook import load_codebook
from winloss.stats.agreement_reps import (
    DealSides,
    agreement,
    agreement_by_quarter,
    agreement_by_rep,
    agreement_by_segment,
    price_gap,
    reason_key,
    suggest_theme,
)

THEMES = load_codebook().ids


def sides(deal_id: int, rep_theme: str, *buyer: str, rep: str = "Ana", quarter: str = "2026Q3",
          region: str = "EMEA") -> DealSides:
    return DealSides(deal_id, rep_theme, tuple(buyer), rep=rep, quarter=quarter, segments={"region": region})


# Five deals: two strict agreements, one lenient only, one disagreement, one unmapped.
DEALS = [
    sides(1, "price", "price", "product_fit"),
    sides(2, "product_fit", "product_fit"),
    sides(3, "price", "product_fit", "price", rep="Ben", region="NA"),
    sides(4, "price", "relationship", "support", rep="Ben", quarter="2026Q2", region="NA"),
    sides(5, "", "price", rep="Ben", quarter="2026Q2"),
]


def test_strict_agreement_needs_the_buyers_first_reason_and_lenient_any_of_them():
    assert [(d.strict, d.lenient) for d in DEALS[:4]] == [(True, True), (True, True), (False, True), (False, False)]


def test_an_unmapped_rep_reason_agrees_with_nothing_and_is_counted_apart():
    summary = agreement(DEALS)
    assert summary.unmapped == 1
    assert (summary.strict.hits, summary.strict.n) == (2, 4)
    assert (summary.lenient.hits, summary.lenient.n) == (3, 4)


def test_the_rates_carry_the_wilson_interval_worked_out_by_hand():
    # 3 of 4: p = .75, z = 1.96; centre (.75 + z²/8) / (1 + z²/4) = .6275, half-width .3269.
    lenient = agreement(DEALS).lenient
    assert lenient.low == pytest.approx(0.3006, abs=1e-4)
    assert lenient.high == pytest.approx(0.9544, abs=1e-4)
    assert lenient.small


def test_agreement_by_rep_puts_the_largest_group_first():
    ben, ana = agreement_by_rep(DEALS)
    assert (ben.label, ben.strict.hits, ben.strict.n, ben.lenient.hits, ben.unmapped) == ("Ben", 0, 2, 1, 1)
    assert (ana.label, ana.strict.hits, ana.strict.n, ana.lenient.hits, ana.unmapped) == ("Ana", 2, 2, 2, 0)


def test_agreement_by_segment_and_by_quarter_oldest_first():
    by_region = {row.label: (row.strict.hits, row.strict.n, row.unmapped)
                 for row in agreement_by_segment(DEALS, "region")}
    assert by_region == {"EMEA": (2, 2, 1), "NA": (0, 2, 0)}
    assert [(q.label, q.lenient.hits, q.lenient.n) for q in agreement_by_quarter(DEALS)] == [
        ("2026Q2", 0, 1), ("2026Q3", 3, 3)]


def test_a_deal_without_the_segment_is_grouped_as_not_set():
    rows = agreement_by_segment([DealSides(1, "price", ("price",))], "industry")
    assert [r.label for r in rows] == ["(not set)"]


def test_price_gap_counts_price_logged_where_the_buyer_named_something_else():
    gap = price_gap(DEALS)
    # Three deals logged as price; only deal 4's buyer left price out entirely.
    assert (gap.not_named.hits, gap.not_named.n) == (1, 3)
    assert gap.instead == [("relationship", 1), ("support", 1)]


def test_price_gap_ranks_what_buyers_named_instead_by_how_many_deals():
    deals = [sides(i, "price", *buyer) for i, buyer in enumerate(
        [("product_fit", "support"), ("support",), ("support", "product_fit"), ("relationship",), ("price",)])]
    gap = price_gap(deals)
    assert (gap.not_named.hits, gap.not_named.n) == (4, 5)
    assert gap.instead == [("support", 3), ("product_fit", 2), ("relationship", 1)]


def test_no_deals_give_empty_rates_not_errors():
    summary = agreement([])
    assert (summary.strict.n, summary.unmapped, summary.strict.low, summary.strict.high) == (0, 0, 0.0, 1.0)
    assert price_gap([]).not_named.n == 0 and price_gap([]).instead == []


@pytest.mark.parametrize("value", ["Price", "  price ", "PRICE", "Price\t"])
def test_reason_keys_ignore_case_and_surrounding_spaces(value):
    assert reason_key(value) == "price"


def test_reason_keys_collapse_inner_spaces():
    assert reason_key("Price  -   too expensive") == reason_key("price - Too Expensive")


@pytest.mark.parametrize(("value", "theme"), [
    ("Price", "price"),
    ("Too expensive", "price"),
    ("Budget", "price"),
    ("Price - too expensive", "price"),
    ("Budget freeze", "buyer_context"),
    ("Product - Missing Feature", "product_fit"),
    ("Missing feature", "product_fit"),
    ("Timing", "buyer_context"),
    ("No Decision / Status Quo", "buyer_context"),
    ("Security review failed", "security_compliance"),
    ("Poor support", "support"),
    ("Lost to competitor", ""),
    ("Other", ""),
    ("Went dark", None),
])
def test_suggestions_follow_the_keyword_rules(value, theme):
    assert suggest_theme(value, THEMES) == theme


def test_only_themes_the_codebook_has_are_suggested():
    assert suggest_theme("Price", ["product_fit"]) is None


theme_ids = st.sampled_from(THEMES[:5])
any_sides = st.builds(DealSides, deal_id=st.integers(), rep_theme=st.one_of(st.just(""), theme_ids),
                      buyer_reasons=st.lists(theme_ids, min_size=1, max_size=3, unique=True).map(tuple),
                      rep=st.sampled_from(["Ana", "Ben", ""]), quarter=st.sampled_from(["2026Q2", "2026Q3"]))


@given(st.lists(any_sides, max_size=30))
def test_groups_add_up_to_the_whole_and_strict_never_exceeds_lenient(deals):
    whole = agreement(deals)
    assert whole.strict.hits <= whole.lenient.hits <= whole.lenient.n == whole.strict.n
    assert whole.strict.n + whole.unmapped == len(deals)
    for groups in (agreement_by_rep(deals), agreement_by_quarter(deals)):
        assert sum(g.strict.hits for g in groups) == whole.strict.hits
        assert sum(g.lenient.hits for g in groups) == whole.lenient.hits
        assert sum(g.unmapped for g in groups) == whole.unmapped
    gap = price_gap(deals)
    assert gap.not_named.n <= whole.strict.n
    assert all(theme != "price" and 0 < count <= gap.not_named.hits for theme, count in gap.instead)
