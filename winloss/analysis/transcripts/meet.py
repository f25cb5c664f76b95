"""Google Meet transcripts (the Google Doc as text, or a Markdown copy of it).

`Name: words` turns, bare `00:05:00` markers every five minutes, a title line, an Attendees list, a
disclaimer, and `Meeting ended after 00:50:32` at the end. Meet gives no other times, so a turn starts
at the last marker before it: a lower bound, and None in a file without markers.
"""

from __future__ import annotations

import re

from winloss.analysis.transcripts.base import Cue, Format, parse_clock, split_speaker

_TITLE = re.compile(
    r"^(?P<title>.+?)\s+(?:-\s+(?P<date>\d{4}/\d{2}/\d{2} \d{2}:\d{2}(?: \w+)?)|\((?P<old>\d{4}-\d{2}-\d{2} \d{2}:\d{2}"
    r"(?: \w+)?)\))\s+-\s+Transcript$"
)
_MARKER = re.compile(r"^\d{1,2}:\d{2}:\d{2}$")
_END = re.compile(r"^(?:Meeting|Transcription) ended after (?P<time>\d{1,2}:\d{2}:\d{2})\b")
_DISCLAIMER = "This editable transcript was computer generated"
_ATTENDEES = re.compile(r"^Attendees(?:\s*:\s*(?P<names>.+))?\s*$", re.IGNORECASE)
_SECTION = re.compile(r"^(?:📖\s*)?Transcript$")
_DECORATION = re.compile(r"^#+\s*|^>\s*")


def parse(text: str, filename: str) -> list[Cue]:
    lines = [_undecorate(line) for line in text.split("\n")]
    has_markers = any(_MARKER.match(line) for line in lines)
    start: float | None = 0.0 if has_markers else None
    cues: list[Cue] = []
    for line in lines[_transcript_start(lines) :]:
        if _END.match(line):
            break  # Meet repeats the disclaimer after the end marker, and nothing else follows
        if _MARKER.match(line):
            start = parse_clock(line)
        elif line and not _is_furniture(line):
            speaker, words = split_speaker(line)
            cues.append(Cue(speaker, words, start))
    return cues


def meta(text: str) -> dict[str, object]:
    lines = [_undecorate(line) for line in text.split("\n")]
    found: dict[str, object] = {}
    for i, line in enumerate(lines):
        if (title := _TITLE.match(line)) and "title" not in found:
            found["title"] = title["title"]
            found["date"] = title["date"] or title["old"]
        elif (attendees := _ATTENDEES.match(line)) and "attendees" not in found:
            names = attendees["names"] or next((later for later in lines[i + 1 :] if later), "")
            found["attendees"] = [name.strip() for name in names.rstrip(".").split(",") if name.strip()]
        elif end := _END.match(line):
            found["duration"] = parse_clock(end["time"])
    return found


def _transcript_start(lines: list[str]) -> int:
    """Where the turns begin: after a "Transcript" heading (Gemini notes come before it), else after the
    Attendees list."""
    for i, line in enumerate(lines):
        if _SECTION.match(line):
            return i + 1
    for i, line in enumerate(lines):
        if attendees := _ATTENDEES.match(line):
            return i + 1 if attendees["names"] else _next_content(lines, i + 1) + 1
    return 0


def _next_content(lines: list[str], i: int) -> int:
    while i < len(lines) and not lines[i]:
        i += 1
    return i


def _is_furniture(line: str) -> bool:
    return line.startswith(_DISCLAIMER) or bool(_TITLE.match(line)) or bool(_ATTENDEES.match(line))


def _undecorate(line: str) -> str:
    """Strip the Markdown people add when they paste a Meet transcript: headings and wrapping emphasis."""
    line = _DECORATION.sub("", line.strip())
    for mark in ("**", "__", "_", "*"):
        inner = line[len(mark) : -len(mark)]
        # "**Harry Rook:** words" is a bold name, not a bold line; "**a** and **b**" is two bold words.
        if line.startswith(mark) and line.endswith(mark) and inner.strip() and mark not in inner:
            return inner.strip()
    return line


def sniff(text: str, filename: str) -> float:
    lines = [_undecorate(line) for line in text.split("\n", 2000)[:2000]]
    signs = [
        any(_TITLE.match(line) for line in lines[:10]),
        any(line.startswith(_DISCLAIMER) for line in lines),
        any(_END.match(line) for line in lines),
        any(_ATTENDEES.match(line) for line in lines[:20]),
    ]
    if not any(split_speaker(line)[0] for line in lines):
        return 0.0
    return min(1.0, 0.3 * sum(signs) + (0.35 if any(signs) else 0.0))


FORMAT = Format(name="meet", sniff=sniff, parse=parse, meta=meta)
