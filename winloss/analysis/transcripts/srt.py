"""SubRip (.srt): numbered cues, `HH:MM:SS,mmm --> HH:MM:SS,mmm`, speakers as `Name:`, `NAME:` or `- Name:`."""

from __future__ import annotations

from winloss.analysis.transcripts.base import Cue, Format, TranscriptError
from winloss.analysis.transcripts.captions import caption_cues, read_caption_cues, timing_pattern

_TIMING = timing_pattern(",")


def parse(text: str, filename: str) -> list[Cue]:
    raw = read_caption_cues(text.split("\n"), 0, separator=",", path=filename)
    if not raw:
        raise TranscriptError(filename, "no subtitle cues found")
    return [cue for block in raw for cue in caption_cues(block)]


def sniff(text: str, filename: str) -> float:
    lines = [line.strip() for line in text.split("\n", 200)[:200]]
    content = [line for line in lines if line]
    if len(content) >= 2 and content[0].isdigit() and _TIMING.match(content[1]):
        return 0.9
    if any(_TIMING.match(line) for line in content):
        return 0.6
    # Ours to reject with a clear message even when the first timing line is broken.
    return 0.4 if filename.lower().endswith(".srt") else 0.0


FORMAT = Format(name="srt", sniff=sniff, parse=parse, kind="caption track")
