"""Guide coverage: which areas of the guide an interview asked about, which the buyer only talked about, and
which were missed."""

from __future__ import annotations

import json

import pytest

from winloss.analysis import read_transcript
from winloss.analysis.coverage import CodedTurn, guide_coverage, interviewer_questions, neutral
from winloss.analysis.guide import answers_transcript, load_guide
from winloss.analysis.transcripts.roles import assign_roles


def by_area(coverage) -> dict[str, str]:
    return {c.area.id: c.evidence for c in coverage}


def test_notes_typed_under_the_guides_questions_cover_exactly_their_areas():
    guide = load_guide()
    transcript = answers_transcript(guide, {"process-trigger": "Growth.", "commercials-price": "Too dear."}, "lost",
                                    company="Brightline")
    turns = [CodedTurn("interviewer" if t.speaker == "Interviewer" else "buyer", t.text) for t in transcript.turns]
    coverage = guide_coverage(guide, turns, names=["Brightline"])
    assert by_area(coverage) == {"process": "asked", "perceptions": "missed", "decision": "missed",
                                 "contenders": "missed", "commercials": "asked"}
    assert coverage[0].asked == "What prompted you to look for a solution in the first place?"
    assert coverage[0].similarity > 0.99


INTERVIEW = [
    CodedTurn("interviewer", "Thanks for making the time. Everything you tell me stays confidential."),
    CodedTurn("interviewer", "What started the search for a new system?"),
    CodedTurn("buyer", "Our old ERP was twenty years old and nobody could maintain it.", ("buyer_context",)),
    CodedTurn("interviewer", "Which criteria mattered most to you going in?"),
    CodedTurn("buyer", "Staying inside the budget the board set, and a vendor who answered quickly.",
              ("price", "responsiveness")),
    CodedTurn("interviewer", "How did Ironbark's pricing compare with the others? "
                             "How responsive were they during the process?"),
    CodedTurn("buyer", "Ironbark was about fifteen percent more, and the terms were rigid.",
              ("price", "commercial_terms")),
]


def test_questions_asked_in_the_interviewers_own_words_count_and_unasked_areas_are_missed():
    coverage = by_area(guide_coverage(load_guide(), INTERVIEW, names=["Ironbark", "Ironbark Systems"]))
    assert coverage["process"] == "asked"
    assert coverage["commercials"] == "asked"
    assert coverage["contenders"] == "missed"  # no question about the contenders, and no theme of theirs


def test_an_area_the_buyer_spoke_of_unasked_is_reported_as_talked_about_with_the_themes():
    turns = [*INTERVIEW, CodedTurn("buyer", "Vandermeer's security review was far easier.", ("security_compliance",))]
    contenders = next(c for c in guide_coverage(load_guide(), turns) if c.area.id == "contenders")
    assert contenders.evidence == "talked about" and contenders.covered
    assert contenders.themes == ("security_compliance",) and contenders.asked == ""


def test_the_interviewers_statements_are_not_taken_for_questions():
    assert interviewer_questions(INTERVIEW[:1]) == []
    assert interviewer_questions([CodedTurn("interviewer", "Let's talk about price. Tell me how it compared.")]) == [
        "Tell me how it compared."]


def test_our_company_names_are_replaced_whole_words_only():
    assert neutral("How did Brightline and BL compare to BLT?", ["Brightline", "BL"]) == (
        "How did the company and the company compare to BLT?")


def test_a_real_interview_asks_about_the_areas_its_interviewer_covered(shared):
    case = shared / "eval" / "examples" / "ex2-northstack-managed-it"
    gold = json.loads((case / "gold.json").read_text())
    transcript = read_transcript(case / "transcript.txt")
    roles = assign_roles(transcript, interviewer=gold["interviewer"])
    turns = [CodedTurn(roles[t.speaker], t.text) for t in transcript.turns]
    coverage = guide_coverage(load_guide(), turns, names=["Northstack"])
    asked = {c.area.id: c.asked for c in coverage if c.asked}
    # "So what made you choose Northstack in the end?", "How did pricing compare?", "Any weaknesses so far?"...
    assert {"decision", "commercials"} <= set(asked)
    assert asked["commercials"] in {"How did pricing compare?",
                                    "If you had to give Northstack one piece of advice, what would it be?"}


@pytest.mark.parametrize("role", ["buyer", "other"])
def test_only_the_interviewers_questions_are_evidence_of_asking(role):
    turns = [CodedTurn(role, "What ultimately led you to choose the vendor you went with?")]
    assert all(c.evidence == "missed" for c in guide_coverage(load_guide(), turns))
