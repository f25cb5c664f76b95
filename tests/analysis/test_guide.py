"""The interview guide as data: the standard guide's shape, its variants by outcome, and bad guides refused."""

from __future__ import annotations

import pytest

from winloss.analysis.guide import Guide, GuideError, answers_transcript, guide_toml, load_guide, parse_guide


def test_the_standard_guide_has_the_five_areas_and_promises_confidentiality():
    guide = load_guide()
    assert [a.id for a in guide.areas] == ["process", "perceptions", "decision", "contenders", "commercials"]
    assert "confidential" in guide.opening
    assert all(q.probes for a in guide.areas for q in a.questions)  # every question has a probing follow-up
    assert Guide.from_dict(guide.as_dict()) == guide


@pytest.mark.parametrize(("outcome", "asked", "not_asked"), [
    ("won", "decision-won", "decision-lost"), ("lost", "decision-lost", "decision-none"),
    ("no_decision", "decision-none", "decision-won")])
def test_each_outcome_gets_its_own_decision_question(outcome, asked, not_asked):
    ids = [q.id for _, q in load_guide().questions_for(outcome)]
    assert asked in ids and not_asked not in ids


def test_answers_become_interviewer_and_buyer_turns_in_guide_order():
    guide = load_guide()
    transcript = answers_transcript(guide, {"commercials-price": "  Too   dear. ", "process-trigger": "Growth.",
                                            "process-who": ""}, "won", company="Acme")
    assert [(t.speaker, t.text) for t in transcript.turns] == [
        ("Interviewer", "What prompted you to look for a solution in the first place?"), ("Buyer", "Growth."),
        ("Interviewer", "How did our pricing and terms compare with the alternatives?"), ("Buyer", "Too dear.")]


@pytest.mark.parametrize(("data", "message"), [
    ({"areas": []}, "at least one area"),
    ({"areas": [{"id": "a", "title": "A", "questions": [{"id": "q", "text": "?"}, {"id": "q", "text": "?"}]}]},
     "question q: the id is used twice"),
    ({"areas": [{"id": "a", "title": "A", "questions": [{"id": "q", "text": "?", "outcomes": ["maybe"]}]}]},
     "unknown outcome 'maybe'"),
    ({"areas": [{"id": "a", "title": "A", "questions": [{"text": "?"}]}]}, "area a, question 1"),
])
def test_a_bad_guide_is_refused_with_where_it_is_wrong(data, message):
    with pytest.raises(GuideError, match=message):
        Guide.from_dict(data)


def test_the_guide_as_toml_text_reads_back_unchanged():
    guide = load_guide()
    assert parse_guide(guide_toml(guide)) == guide
    with pytest.raises(GuideError, match="not valid TOML"):
        parse_guide('name = "unterminated')
