"""Plain text: `Name: words`, one turn per line; a line without a name continues the previous turn."""

from __future__ import annotations

from winloss.analysis.transcripts.base import Cue, Format, split_speaker


def parse(text: str, filename: str) -> list[Cue]:
    cues: list[Cue] = []
    for line in text.split("\n"):
        if line.strip():
            speaker, words = split_speaker(line)
            cues.append(Cue(speaker, words))
    return cues


def sniff(text: str, filename: str) -> float:
    content = [line for line in text.split("\n", 400)[:400] if line.strip()]
    named = sum(1 for line in content if split_speaker(line)[0])
    if not named:
        return 0.0
    # Below every format with a stronger signature, since most of them also have `Name: words` lines.
    return 0.2 + 0.3 * named / len(content)


FORMAT = Format(name="plain", sniff=sniff, parse=parse)
