"""Interviewer feedback: open and closed questions, leading and defensive phrasing, and talk share."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from winloss.analysis.interviewing import (
    CLOSED,
    DEFENSIVE,
    LEADING,
    OPEN,
    interviewer_feedback,
    phrasing_flags,
    question_kind,
    summarise,
)


@dataclass
class Turn:
    role: str
    text: str
    start: float | None = None


@pytest.mark.parametrize(("sentence", "kind"), [
    ("What prompted you to look for a solution in the first place?", OPEN),
    ("How did pricing compare?", OPEN),
    ("Why was Novaclaim out?", OPEN),
    ("Tell me about the security review.", OPEN),
    ("So walk me through how the evaluation ran.", OPEN),
    ("Could you tell me a little about your role and the company?", OPEN),
    ("Describe the moment you knew.", OPEN),
    ("Talk me through the pilot.", OPEN),
    ("And what led you to look for a new IT provider?", OPEN),
    ("Did you check references for any of them?", CLOSED),
    ("Was the Type One a dealbreaker?", CLOSED),
    ("Would you consider Claimwise in the future?", CLOSED),
    ("So did price decide it?", CLOSED),
    ("Miriam, was it the upfront payment that was the issue, or the total?", CLOSED),
    ("Was it either the price or the timeline?", CLOSED),
    ("Is there anything Brightpath could do to be considered again?", CLOSED),
    ("Have the adjusters seen Horizon?", CLOSED),
    ("And Mabry?", None),
    ("Thanks for making the time.", None),
    ("Everything you tell me stays confidential.", None),
])
def test_questions_are_told_open_or_closed(sentence, kind):
    assert question_kind(sentence) == kind


@pytest.mark.parametrize(("sentence", "kind", "phrase"), [
    ("Don't you think the onboarding plan was stronger?", LEADING, "Don't you think"),
    ("Wouldn't you agree that price was secondary?", LEADING, "Wouldn't you agree"),
    ("Isn't it true that they undercut us?", LEADING, "Isn't it true"),
    ("Surely the support team made a difference?", LEADING, "Surely"),
    ("I assume the contract terms were fine.", LEADING, "I assume"),
    ("So you'd say it came down to price?", LEADING, "So you'd say"),
    ("Actually, we do integrate with Workday.", DEFENSIVE, "Actually, we do"),
    ("Well, that's not true, the module ships in March.", DEFENSIVE, "that's not true"),
    ("To be fair to us, the timeline moved twice.", DEFENSIVE, "To be fair to us"),
    ("Our product does handle multi-currency.", DEFENSIVE, "Our product does"),
    ("Let me explain why the price was higher.", DEFENSIVE, "Let me explain why"),
    ("We did send the security questionnaire back.", DEFENSIVE, "We did send"),
    ("I’m not sure, don’t you think it was the demo?", LEADING, "don't you think"),
])
def test_leading_and_defensive_phrasing_is_flagged_with_its_sentence(sentence, kind, phrase):
    flags = phrasing_flags(sentence)
    assert [(f.kind, f.phrase.lower(), f.sentence) for f in flags] == [(kind, phrase.lower(), sentence)]


@pytest.mark.parametrize("sentence", [
    "What did you think of the onboarding plan?",
    "How much did price factor into the final decision?",
    "What makes you say that?",
    "Was there anything difficult about leaving Greyfield?",
    "I think that's everything I wanted to ask.",
    "Did you send the questionnaire back to them?",
    "How did they explain why the price was higher?",
])
def test_neutral_questions_are_not_flagged(sentence):
    assert phrasing_flags(sentence) == []


def test_talk_share_counts_words_and_seconds_when_turns_have_start_times():
    turns = [Turn("interviewer", "How did you choose?", 0.0),
             Turn("buyer", "We compared three vendors on price and the onboarding plan they offered us.", 4.0),
             Turn("interviewer", "Did price decide it?", 34.0),
             Turn("buyer", "No.", 40.0)]
    feedback = interviewer_feedback(turns)
    assert (feedback.interviewer_words, feedback.words) == (8, 22)
    assert feedback.word_share == pytest.approx(8 / 22)
    # a turn lasts until the next begins; the last one has no end and is left out
    assert (feedback.interviewer_seconds, feedback.seconds) == (10.0, 40.0)
    assert (feedback.open, feedback.closed) == (1, 1)


def test_without_start_times_there_is_no_time_share():
    feedback = interviewer_feedback([Turn("interviewer", "Why?"), Turn("buyer", "Price.")])
    assert feedback.time_share is None and feedback.word_share == 0.5


def test_only_the_interviewers_sentences_are_judged():
    feedback = interviewer_feedback([Turn("buyer", "Surely you knew? Did you not read our brief?"),
                                     Turn("interviewer", "What happened next?")])
    assert feedback.flags == [] and (feedback.open, feedback.closed) == (1, 0)


def test_a_summary_pools_words_and_counts_over_interviews_with_n():
    a = interviewer_feedback([Turn("interviewer", "Surely price mattered?", 0.0), Turn("buyer", "It did, a lot.", 5.0),
                              Turn("interviewer", "Thanks.", 10.0)])
    b = interviewer_feedback([Turn("interviewer", "What mattered?"), Turn("buyer", "Support, mostly, and price.")])
    summary = summarise([a, b])
    assert summary.n == 2 and summary.timed == 1
    assert summary.word_share == pytest.approx((4 + 2) / (8 + 6))
    assert summary.time_share == pytest.approx(0.5)
    assert (summary.open, summary.closed, summary.leading, summary.defensive) == (1, 0, 1, 0)
    assert summarise([]).n == 0 and summarise([]).word_share is None
