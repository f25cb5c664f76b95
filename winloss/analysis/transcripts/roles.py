"""Who is the interviewer and who are the buyers in a transcript.

Names decide when we have them (the interviewer of the assignment, the program's interviewers, Gong's
Internal/External). Otherwise the interviewer is the one speaker who asks (questions, prompts like "tell me
about"), says "you" where buyers say "we", hosts (recording, confidentiality), opens the call and keeps
turns short.
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
    r"\b(?:notetaker|note taker|otter\.ai|fireflies(?:\.ai)?|read\.ai|fathom|tl;?dv|gong\.io|chorus\.ai|"
    r"avoma|recorder|bot)\b",
    re.IGNORECASE,
)
_LEAD_IN = r"(?:(?:so|and|okay|ok|great|right|well|now|thanks|thank you|got it|makes sense)[,.]?\s+)*"
_QUESTION_OPENING = re.compile(
    _LEAD_IN + r"(?:who|what|when|where|why|how|which|could|would|can|did|do|does|is|are|was|were|have|has|any|"
    r"anything|tell me|walk me|talk me)\b",
    re.IGNORECASE,
)
# Asking without a question mark, as speech-to-text often writes it.
_PROMPT = re.compile(
    r"\b(?:tell me|walk me through|talk me through|help me understand|say more|i'm curious|"
    r"let's (?:start|talk|move))\b",
    re.IGNORECASE,
)
# "..., right?", "..., isn't it?", "does that make sense?": a buyer checking in, not asking.
_TAG = re.compile(r",\s*(?P<tag>[^,?.!]{1,25})\?$")
_CHECK_IN = re.compile(r"\b(?:does that make sense|if that makes sense|you know what i mean|make sense)\?$", re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_WORD = re.compile(r"[a-z']+")
_FILLER = re.compile(r"\b(?:you know|thank you|you see|see you|mind you)\b")
_YOU = set("you your yours yourself yourselves you're you've you'd you'll".split())
_US = set("i i'm i've i'd i'll me my mine we we're we've we'd we'll us our ours".split())
_HOSTING = re.compile(
    r"\b(?:confidential|anonymi[sz]\w*|on behalf of|interviews?|(?:started|start|begin) (?:the )?recording|to record|"
    r"thanks? (?:you )?for (?:joining|making (?:the )?time|taking (?:the )?time|squeezing)|asked (?:me|us) to)\b",
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
    you: int = 0  # "you", "your": the interviewer talks about the buyer's company and decision
    us: int = 0  # "we", "our", "I": the buyer talks about their own
    hosting: int = 0  # what only the interviewer says: recording, confidential, thanks for making time

    def add(self, text: str) -> None:
        self.turns += 1
        self.questions += _question_weight(text)
        self.words += len(text.split())
        words = _WORD.findall(_FILLER.sub(" ", text.lower()))
        self.you += sum(word in _YOU for word in words)
        self.us += sum(word in _US for word in words)
        self.hosting += len(_HOSTING.findall(text))


def _likeliest_interviewer(turns: list[Turn], speakers: list[str]) -> set[str]:
    """The one speaker who asks the most, says "you" more than "we", opens the call and keeps turns short.
    Nobody when there is a lone speaker."""
    if len(speakers) < 2:
        return set()
    tallies = {label: _Tally() for label in speakers}
    for turn in turns:
        if turn.speaker in tallies:
            tallies[turn.speaker].add(turn.text)
    opener = next((turn.speaker for turn in turns if turn.speaker in tallies), None)
    total_questions = sum(t.questions for t in tallies.values()) or 1.0
    longest = max(t.words / t.turns for t in tallies.values() if t.turns) or 1.0

    def score(label: str) -> float:
        tally = tallies[label]
        rate = tally.questions / (tally.turns + 1)  # smoothed: one question in one turn is weak evidence
        share = tally.questions / total_questions
        brevity = 1 - (tally.words / tally.turns) / longest if tally.turns else 0.0
        addressing = (tally.you + 0.5) / (tally.you + tally.us + 1)
        hosting = 0.5 * min(tally.hosting, 2)
        return 2 * share + 2 * rate + addressing + hosting + 0.5 * (label == opener) + 0.5 * brevity

    return {max(speakers, key=score)}


def _question_weight(text: str) -> float:
    """How much a turn asks: 1 for a question at the end, less for a tag or check-in question, a question
    inside the turn, or a question without its question mark."""
    stripped = text.rstrip(" \"'”’)")
    sentences = _SENTENCE_END.split(stripped)
    last = sentences[-1]
    if stripped.endswith("?"):
        return 0.3 if _is_tag(last) else 1.0
    if "?" in stripped:
        return 0.3
    unpunctuated = not last.endswith((".", "!"))
    if _PROMPT.search(last) or (unpunctuated and any(_QUESTION_OPENING.match(s) for s in sentences[-2:])):
        return 0.5
    return 0.0


def _is_tag(sentence: str) -> bool:
    if _CHECK_IN.search(sentence):
        return True
    tag = _TAG.search(sentence)
    return tag is not None and len(tag["tag"].split()) <= 4 and not _QUESTION_OPENING.match(tag["tag"].strip())
