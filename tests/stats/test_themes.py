"""An interview's codes folded by theme, stored as JSON and read back."""

from __future__ import annotations

from winloss.stats.themes import CodedThemes, ThemesReader

CODES = [("price", "negative", "us", None), ("price", "positive", "us", None), ("support", "neutral", "us", None),
         ("implementation", "positive", "Northwind", 7), ("integration", "negative", "Northwind", 7),
         ("reputation", "negative", "Tessera", 9), ("relationship", "positive", "", None),
         ("ease_of_use", "negative", "Someone unknown", None)]


def test_codes_fold_into_strengths_weaknesses_rivals_and_mentions():
    themes = CodedThemes.of(CODES)
    assert themes.strengths == {"price"} and themes.weaknesses == {"price"}  # both can hold in one interview
    assert themes.rival_strengths == {7: {"implementation"}}
    assert themes.rival_weaknesses == {7: {"integration"}, 9: {"reputation"}}
    assert themes.mentions == {"price", "support", "implementation", "integration", "reputation", "relationship",
                               "ease_of_use"}  # neutral, no vendor, not a competitor: mentions only


def test_stored_themes_read_back_the_same_and_equal_sets_are_shared():
    stored = CodedThemes.of(CODES).as_json()
    assert stored["rival_weaknesses"] == {"7": ["integration"], "9": ["reputation"]}
    read = ThemesReader({7: "Northwind", 9: "Tessera"})
    assert read(stored) == CodedThemes.of(CODES)
    again = read(CodedThemes.of(CODES).as_json())
    assert again.strengths is read(stored).strengths


def test_judgements_of_a_competitor_no_longer_on_record_are_left_out():
    read = ThemesReader({7: "Northwind"})(CodedThemes.of(CODES).as_json())
    assert read.rival_weaknesses == {7: {"integration"}} and "reputation" in read.mentions
    assert ThemesReader({})({}) == CodedThemes()
