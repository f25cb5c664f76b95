"""What every transcript format shares: cues, turns, errors, the speaker-name rule and clock times."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

UNKNOWN_SPEAKER = "Unknown Speaker"


@dataclass(frozen=True)
class Cue:
    """One piece of a transcript as a format writes it: a caption cue, an Otter block, a line."""

    speaker: str | None  # None: the format gave no speaker, so the cue continues the previous one
    text: str
    start: float | None = None
    affiliation: str | None = None


@dataclass(frozen=True)
class Turn:
    index: int
    speaker: str  # the label exactly as written, e.g. "Arjun Mehta (Lochside)", "Kirsty's iPad"
    text: str  # the cues of this turn joined with single spaces, whitespace normalised
    start: float | None  # seconds from the start, when the format has times
    affiliation: str | None = None  # "internal"/"external" when the format says (Gong)


@dataclass(frozen=True)
class Transcript:
    format: str
    turns: list[Turn]
    meta: dict[str, object] = field(default_factory=dict)

    @property
    def speakers(self) -> list[str]:
        """Each speaker label once, in order of first appearance."""
        return list(dict.fromkeys(turn.speaker for turn in self.turns))


class TranscriptError(ValueError):
    """A transcript cannot be read. Names the file, the line when known, and what is wrong."""

    def __init__(self, path: str, message: str, line: int | None = None) -> None:
        self.path = path
        self.line = line
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}, line {self.line}"
        return f"{where}: {self.message}"


class NoSpeakersError(TranscriptError):
    """A transcript without any speaker labels: it cannot be coded by speaker."""

    def __init__(self, path: str, kind: str = "transcript") -> None:
        super().__init__(
            path,
            f"this {kind} has no speaker labels, so it cannot be coded by speaker (export the transcript with "
            "speaker names, e.g. Zoom's audio transcript rather than closed captions)",
        )


def _no_meta(text: str) -> dict[str, object]:
    return {}


@dataclass(frozen=True)
class Format:
    """A transcript format: how sure it is that it reads a text, and how to read it into cues."""

    name: str
    sniff: Callable[[str, str], float]  # (text, filename) -> 0..1
    parse: Callable[[str, str], list[Cue]]  # (text, filename) -> cues; raises TranscriptError
    meta: Callable[[str], dict[str, object]] = _no_meta
    kind: str = "transcript"  # what NoSpeakersError calls it: "caption track" for subtitle formats


def build_turns(cues: list[Cue], path: str, kind: str = "transcript") -> list[Turn]:
    """Merge cues into turns: a turn is a maximal run of cues by one speaker."""
    if not any(normalise(cue.text) for cue in cues):
        raise TranscriptError(path, "no transcript text found")
    if not any(cue.speaker for cue in cues):
        raise NoSpeakersError(path, kind)
    runs: list[tuple[str, float | None, str | None, list[str]]] = []
    speaker: str | None = None
    for cue in cues:
        # A cue without a speaker continues the previous speaker (Zoom drops the prefix now and then).
        speaker = cue.speaker or speaker
        text = normalise(cue.text)
        if not text:
            continue
        label = speaker or UNKNOWN_SPEAKER
        if runs and runs[-1][0] == label:
            runs[-1][3].append(text)
        else:
            runs.append((label, cue.start, cue.affiliation, [text]))
    return [
        Turn(index=i, speaker=label, text=" ".join(parts), start=start, affiliation=affiliation)
        for i, (label, start, affiliation, parts) in enumerate(runs)
    ]


def normalise(text: str) -> str:
    return " ".join(text.split())


# --- speaker names -------------------------------------------------------------------------------

_PLAIN_PREFIX = re.compile(r"^\s*(?P<name>[^:]+?)\s*:(?:\s+(?P<rest>.*)|\s*$)", re.DOTALL)
_BOLD_PREFIX = re.compile(r"^\s*\*\*(?P<name>[^*]+?)\s*(?::\*\*|\*\*\s*:)(?:\s+(?P<rest>.*)|\s*$)", re.DOTALL)
# Sentence punctuation and markup never appear in a name someone typed into Zoom or Teams.
_NOT_IN_NAMES = set('?!;:"“”<>[]{}=*#|\\/~^')
_TITLES = {"dr", "mr", "mrs", "ms", "mx", "prof", "st", "jr", "sr", "rev", "fr", "hon", "capt", "col", "gen", "lt"}
_FINAL_ABBREVIATIONS = {"jr", "sr", "inc", "ltd", "co", "corp", "phd", "md", "esq"}
_PARTICLES = {"de", "da", "di", "du", "del", "der", "den", "van", "von", "la", "le", "al", "bin", "el", "y", "of"}


def split_speaker(line: str) -> tuple[str | None, str]:
    """Split `Name: words` (or `**Name:** words`) into the name and the words; (None, line) when no name."""
    match = _BOLD_PREFIX.match(line) or _PLAIN_PREFIX.match(line)
    if match and looks_like_name(match["name"]):
        return match["name"].strip(), (match["rest"] or "").strip()
    return None, line


def looks_like_name(candidate: str) -> bool:
    """Whether text before a colon is a speaker name rather than the start of a sentence."""
    name = candidate.strip()
    words = name.split()
    if not words or len(words) > 6 or len(name) > 60 or not any(ch.isalpha() for ch in name):
        return False
    if _NOT_IN_NAMES.intersection(name) or name.count(",") > 1 or not _dots_are_abbreviations(words):
        return False
    if "," in name and not all(word[:1].isupper() for word in words):
        return False  # "Knight, Andrew" is a name; "So, basically" is not
    # Real names have at most one lower-case word ("staking 4all"), apart from particles ("de", "van").
    lower = [w for w in words if w[:1].islower() and w.lower() not in _PARTICLES]
    return len(words) < 3 or len(lower) < 2


def _dots_are_abbreviations(words: list[str]) -> bool:
    # "Dr. Melissa Ko" and "Fireflies.ai Notetaker" are names; "Right. So the question" is a sentence.
    for position, word in enumerate(words):
        if not word.endswith("."):
            continue
        stem = word.rstrip(".").replace(".", "").lower()
        allowed = _FINAL_ABBREVIATIONS if position == len(words) - 1 else _TITLES
        if len(stem) > 1 and stem not in allowed:
            return False
    return True


# --- clock times ---------------------------------------------------------------------------------

_CLOCK = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d{1,2})(?:[.,](\d{1,3}))?$")


def parse_clock(value: str) -> float | None:
    """Seconds in `H:MM:SS`, `M:SS` or `HH:MM:SS.mmm`; None when `value` is not a clock time."""
    match = _CLOCK.match(value.strip())
    if not match:
        return None
    hours, minutes, seconds, fraction = match.groups()
    if int(seconds) >= 60 or (hours is not None and int(minutes) >= 60):
        return None
    total = int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds)
    return total + (float(f"0.{fraction}") if fraction else 0.0)
