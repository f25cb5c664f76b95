from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.analysis.transcript_helpers import BUYER, CASES, FIXTURES, INTERVIEWER, SHARED, TABLET
from winloss.analysis.transcripts import parse_transcript, read_transcript
from winloss.analysis.transcripts.roles import assign_roles

EXAMPLES = SHARED / "eval" / "examples"


def roles_of(text: str, **hints: object) -> dict[str, str]:
    return assign_roles(parse_transcript(text, format="plain"), **hints)  # type: ignore[arg-type]


def example_cases() -> list[Path]:
    return sorted(EXAMPLES.iterdir()) if EXAMPLES.is_dir() else []


@pytest.mark.parametrize("case", example_cases(), ids=lambda path: path.name)
def test_roles_match_the_labelled_examples(case: Path) -> None:
    gold = json.loads((case / "gold.json").read_text())
    transcript = read_transcript(next(case.glob("transcript.*")))
    expected = {gold["interviewer"]: "interviewer"} | {buyer: "buyer" for buyer in gold["buyers"]}
    assert assign_roles(transcript) == expected


def test_the_labelled_examples_are_there_or_skipped() -> None:
    if not example_cases():
        pytest.skip("../shared/eval/examples is not beside this checkout")
    assert len(example_cases()) >= 2


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_interviewer_of_every_fixture_is_found_without_hints(name: str) -> None:
    labels = CASES[name][1]
    expected = {
        labels.get(INTERVIEWER, INTERVIEWER): "interviewer",
        labels.get(BUYER, BUYER): "buyer",
        labels.get(TABLET, TABLET): "buyer",
    }
    assert assign_roles(read_transcript(FIXTURES / name)) == expected


def test_the_named_interviewer_wins_over_the_heuristic() -> None:
    transcript = read_transcript(FIXTURES / "zoom.transcript.vtt")
    roles = assign_roles(transcript, interviewer="kirsty's ipad")
    assert roles == {INTERVIEWER: "buyer", BUYER: "buyer", TABLET: "interviewer"}


def test_the_interviewer_is_matched_by_first_name_or_as_a_prefix() -> None:
    transcript = read_transcript(FIXTURES / "zoom.transcript.vtt")
    assert assign_roles(transcript, interviewer="Priya")[INTERVIEWER] == "interviewer"
    assert assign_roles(transcript, interviewer="priya raman")[INTERVIEWER] == "interviewer"
    text = "Priya: What happened?\nPriya Shah: We left.\n"
    assert roles_of(text, interviewer="Priya Raman") == {"Priya": "interviewer", "Priya Shah": "buyer"}


def test_known_interviewers_are_used_when_none_is_named() -> None:
    text = "Ana Ruiz: Tell me more?\nBen Ode: Sure, it was price.\nCara Lim: Any other reason?\n"
    roles = roles_of(text, known_interviewers=["Cara Lim", "Dev Patel"])
    assert roles == {"Ana Ruiz": "buyer", "Ben Ode": "buyer", "Cara Lim": "interviewer"}


def test_a_named_interviewer_who_is_not_in_the_call_falls_back_to_the_others() -> None:
    text = "Ana Ruiz: Why did you leave?\nBen Ode: Price, mostly.\n"
    assert roles_of(text, interviewer="Zed", known_interviewers=["Ben Ode"]) == {
        "Ana Ruiz": "buyer",
        "Ben Ode": "interviewer",
    }


def test_gong_internal_speakers_are_the_interviewers() -> None:
    transcript = read_transcript(FIXTURES / "call.gong.json")
    assert assign_roles(transcript) == {INTERVIEWER: "interviewer", BUYER: "buyer", TABLET: "buyer"}


def test_notetaker_bots_are_neither_side() -> None:
    text = (
        "Fireflies.ai Notetaker Bruno: This meeting is being recorded.\nAna Ruiz: How did the decision go?\n"
        "Ben Ode: We went with Tallyhoo.\nAna Ruiz: Why?\nBen Ode: Cheaper.\n"
    )
    assert roles_of(text) == {"Fireflies.ai Notetaker Bruno": "other", "Ana Ruiz": "interviewer", "Ben Ode": "buyer"}


def test_a_buyer_who_opens_with_a_question_is_still_a_buyer() -> None:
    text = """Ben Ode: Hi, can you hear me okay?
Ana Ruiz: Yes, perfectly. Thanks for joining. How did the evaluation start?
Ben Ode: Our contract was ending, so we looked at three vendors and ran a pilot with two of them over six weeks.
Ana Ruiz: Which ones?
Ben Ode: Tallyhoo and you. Tallyhoo was cheaper, and their support team answered every ticket within the hour.
Ana Ruiz: What would have changed your mind?
Ben Ode: A better price, honestly. Does that make sense?
Ana Ruiz: It does. Anything else?
Ben Ode: No, that is the whole story really, nothing more to add from my side today.
"""
    assert roles_of(text) == {"Ben Ode": "buyer", "Ana Ruiz": "interviewer"}


def test_a_long_introduction_does_not_hide_the_interviewer() -> None:
    intro = " ".join(["I run these interviews for Halden and nothing you say is shared with your name."] * 6)
    text = f"""Ana Ruiz: {intro} Shall we start?
Ben Ode: Sure.
Cara Lim: Fine by me.
Ana Ruiz: Who was on the shortlist?
Ben Ode: Tallyhoo and Brightline.
Cara Lim: And a homegrown option, for a week.
Ana Ruiz: Why Tallyhoo in the end?
Ben Ode: Integration with our ERP.
Cara Lim: Was it the ERP, or the price? I thought price.
Ben Ode: Both.
"""
    assert roles_of(text) == {"Ana Ruiz": "interviewer", "Ben Ode": "buyer", "Cara Lim": "buyer"}


def test_otter_speaker_numbers_are_told_apart_by_who_asks() -> None:
    text = (
        "Speaker 1  0:00\nSo we lost to Tallyhoo.\n\nSpeaker 2  0:04\nWhat do you think tipped it?\n\n"
        "Speaker 1  0:07\nTheir onboarding plan was clearer and the price was lower.\n\n"
        "Speaker 2  0:15\nHow much lower?\n\nSpeaker 1  0:17\nAbout a third.\n"
    )
    assert assign_roles(parse_transcript(text)) == {"Speaker 1": "buyer", "Speaker 2": "interviewer"}


def test_a_lone_speaker_is_a_buyer() -> None:
    assert roles_of("Ben Ode: We chose Tallyhoo because it was cheaper.\n") == {"Ben Ode": "buyer"}


def test_a_buyer_tagging_answers_with_right_is_not_asking() -> None:
    text = """Ana Ruiz: thanks for joining today so tell me about how the evaluation started
Ben Ode: well we had three vendors in the mix, right? and the budget was tight, you know?
Ana Ruiz: and walk me through the pilot
Ben Ode: the pilot ran six weeks, everyone liked the dashboards, but the admin console was confusing, right?
Ana Ruiz: what tipped it in the end
Ben Ode: price, honestly. They came in thirty percent lower, and that's hard to argue with, isn't it?
"""
    assert roles_of(text) == {"Ana Ruiz": "interviewer", "Ben Ode": "buyer"}


def test_an_interviewer_who_prompts_rather_than_asks_is_found() -> None:
    text = """Ana Ruiz: Hi Ben, I'm Ana. I'm running interviews for Brightline. Everything is confidential.
Ben Ode: Sounds good, happy to help. Where do you want to start?
Ana Ruiz: Let's start with your role and how the project began.
Ben Ode: I'm the CFO. We needed to replace our billing system because the old one could not handle usage pricing.
Ana Ruiz: Got it. And the vendors you looked at.
Ben Ode: Brightline, Tallyhoo and Corvid. Corvid was out early.
Ana Ruiz: Tell me about the final decision.
Ben Ode: We chose Tallyhoo. Their implementation plan was concrete and they had references in our industry.
Ana Ruiz: That's useful. Thank you, Ben.
Ben Ode: You're welcome. Will Brightline see my name?
Ana Ruiz: No, they only see the anonymised summary.
"""
    assert roles_of(text) == {"Ana Ruiz": "interviewer", "Ben Ode": "buyer"}
