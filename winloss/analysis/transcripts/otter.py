"""Otter.ai text export: a `Name  M:SS` header line, the words on the following lines, a blank line.

MS Teams Word exports have the same shape ("Name   0:03" then the words), so their text is read here too.
"""

from __future__ import annotations

import re

from winloss.analysis.transcripts.base import Cue, Format, looks_like_name, parse_clock

_HEADER = re.compile(r"^\s*(?:\*\*(?P<bold>[^*]+)\*\*|(?P<name>\S.*?))[ \t]+(?P<time>\d{1,2}(?::\d{2}){1,2})[ \t]*$")
_FOOTER = re.compile(r"^\s*Transcribed by\s+(?:https?://)?(?:www\.)?otter\.ai\b", re.IGNORECASE)
# Teams writes who started and stopped the transcription between the turns.
_TEAMS_EVENT = re.compile(r"^\s*(?P<name>.+?) (?:started|stopped) transcription\s*$")


def header(line: str) -> tuple[str, float] | None:
    """The speaker and start of a block header line, or None."""
    match = _HEADER.match(line)
    if not match:
        return None
    name = (match["bold"] or match["name"]).strip()
    start = parse_clock(match["time"])
    if start is None or not looks_like_name(name):
        return None
    return name, start


def parse(text: str, filename: str) -> list[Cue]:
    cues: list[Cue] = []
    speaker: tuple[str, float] | None = None
    words: list[str] = []
    for line in text.split("\n"):
        found = header(line)
        if found:
            if speaker:
                cues.append(Cue(speaker[0], " ".join(words), speaker[1]))
            speaker, words = found, []
        elif speaker and line.strip() and not _FOOTER.match(line) and not _is_teams_event(line):
            words.append(line.strip())
    if speaker:
        cues.append(Cue(speaker[0], " ".join(words), speaker[1]))
    return cues


def _is_teams_event(line: str) -> bool:
    event = _TEAMS_EVENT.match(line)
    return event is not None and looks_like_name(event["name"])


def meta(text: str) -> dict[str, object]:
    # Lines before the first header: Teams puts the meeting title, date and length there.
    preamble: list[str] = []
    for line in text.split("\n"):
        if header(line):
            break
        if line.strip():
            preamble.append(line.strip())
    return {"preamble": preamble} if preamble else {}


def sniff(text: str, filename: str) -> float:
    content = [line for line in text.split("\n", 400)[:400] if line.strip()]
    headers = sum(1 for line in content if header(line))
    if headers == 0:
        return 0.0
    if any(_FOOTER.match(line) for line in text.split("\n")[-5:]):
        return 1.0
    return 0.9 if headers >= 2 or header(content[0]) else 0.2


FORMAT = Format(name="otter", sniff=sniff, parse=parse, meta=meta)
