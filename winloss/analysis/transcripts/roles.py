"""Who is the interviewer and who are the buyers in a transcript.

Names decide when we have them (the interviewer of the assignment, the program's interviewers, Gong's
Internal/External); otherwise the interviewer is the one who asks: questions, opening the call, short turns.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from winloss.analysis.transcripts.base import Transcript, Turn

INTERVIEWER = "interviewer"
BUYER = "buyer"
OTHER = "other"

# Notetaker bots join calls under names like these; they never speak for either side.
_BOT = re.compile(
    r"\b(?:notetaker|note taker|otter\.ai|fireflies(?:\.ai)?|read\.ai|fathom|tl;?dv|gong|chorus(?:\.ai)?|"
    r"avoma|grain|recorder|bot)\b",
    re.IGNORECASE,
)
_QUESTION_OPENING = re.compile(
    r"^(?:so,?\s+|and\s+|okay,?\s+|great,?\s+|right,?\s+)?(?:who|what|when|where|why|how|which|could|would|can|"
    r"did|do|does|is|are|was|were|have|has|tell me|walk me|talk me)\b",
    re.IGNORECASE,
)
_PARENTHETICAL = re.compile(r"\s*\(.*\)\s*$")


def assign_roles(
    transcript: Transcript, *, interviewer: str | None = None, known_interviewers: Sequence[str] = ()
) -> dict[str, str]:
    """Map each speaker label to "interviewer", "buyer" or "other" (notetaker bots)."""
    speakers = [label for label in transcript.speakers if not _BOT.search(label)]
    interviewers = (
        _matching(speakers, [interviewer] if interviewer else [])
        or _matching(speakers, list(known_interviewers))
        or _internal(transcript.turns)
        or _likeliest_interviewer(transcript.turns, speakers)
    )
    return {
        label: OTHER if label not in speakers else INTERVIEWER if label in interviewers else BUYER
        for label in transcript.speakers
    }


def _matching(labels: list[str], names: list[str]) -> set[str]:
    """Labels that name one of `names`: in full, as a prefix ("Priya Raman (Halden)"), or by first name."""
    found: set[str] = set()
    for name in names:
        full = {label for label in labels if _same_person(label, name)}
        found |= full or {label for label in labels if _same_first_name(label, name)}
    return found


def _same_person(label: str, name: str) -> bool:
    label_, name_ = label.casefold().strip(), name.casefold().strip()
    core = _PARENTHETICAL.sub("", label_)
    return bool(name_) and (core == name_ or label_ == name_ or re.match(rf"{re.escape(name_)}\b", label_) is not None)


def _same_first_name(label: str, name: str) -> bool:
    label_words = _PARENTHETICAL.sub("", label).casefold().split()
    name_words = name.casefold().split()
    if not label_words or not name_words or label_words[0] != name_words[0]:
        return False
    return len(label_words) == 1 or len(name_words) == 1


def _internal(turns: list[Turn]) -> set[str]:
    return {turn.speaker for turn in turns if turn.affiliation == "internal"}


@dataclass
class _Tally:
    turns: int = 0
    questions: float = 0.0
    words: int = 0


def _likeliest_interviewer(turns: list[Turn], speakers: list[str]) -> set[str]:
    """The one speaker who asks the most, opens the call and keeps turns short. None with a lone speaker."""
    if len(speakers) < 2:
        return set()
    tallies = {label: _Tally() for label in speakers}
    for turn in turns:
        if turn.speaker in tallies:
            tally = tallies[turn.speaker]
            tally.turns += 1
            tally.questions += _question_weight(turn.text)
            tally.words += len(turn.text.split())
    opener = next((turn.speaker for turn in turns if turn.speaker in tallies), None)
    total_questions = sum(t.questions for t in tallies.values()) or 1.0
    longest = max(t.words / t.turns for t in tallies.values() if t.turns) or 1.0

    def score(label: str) -> float:
        tally = tallies[label]
        rate = tally.questions / (tally.turns + 1)  # smoothed: one question in one turn is weak evidence
        share = tally.questions / total_questions
        brevity = 1 - (tally.words / tally.turns) / longest if tally.turns else 0.0
        return 2 * share + 2 * rate + 0.5 * (label == opener) + 0.5 * brevity

    return {max(speakers, key=score)}


def _question_weight(text: str) -> float:
    """1 for a turn that ends in a question, 0.5 for one with a question inside or a question opening."""
    stripped = text.rstrip(" \"'”’)")
    if stripped.endswith("?"):
        return 1.0
    last_sentence = re.split(r"(?<=[.!?])\s+", stripped)[-1]
    if "?" in stripped or _QUESTION_OPENING.match(last_sentence):
        return 0.5
    return 0.0
