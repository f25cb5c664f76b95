"""WebVTT: Zoom's audio transcript (`Name: words` cues), MS Teams (`<v Name>` voices) and any other WebVTT.

The three share one reader; they differ only in how the file is recognised, so that a transcript
says where it came from.
"""

from __future__ import annotations

import re

from winloss.analysis.transcripts.base import Cue, Format, TranscriptError, split_speaker
from winloss.analysis.transcripts.captions import (
    caption_cues,
    collapse_rolling_lines,
    read_caption_cues,
    timing_pattern,
)

_HEADER = re.compile(r"^WEBVTT(?:[ \t]+(?P<title>.*))?$")
_BLOCKS = re.compile(r"^(?:NOTE|STYLE|REGION)(?:[ \t].*)?$")
_TEAMS_ID = re.compile(r"^[A-Za-z0-9-]+/\d+-\d+$")  # a GUID, "/", then N-N
_KARAOKE = re.compile(r"<\d{1,2}:\d{2}[\d:.]*>")
_TIMING = timing_pattern(".")
_SAMPLE_LINES = 3000


def parse(text: str, filename: str) -> list[Cue]:
    lines = text.split("\n")
    body = _header_end(lines, filename)
    raw = read_caption_cues(lines, body, separator=".", path=filename, skip_block=_is_block)
    if not raw:
        raise TranscriptError(filename, "the file has a WEBVTT header but no cues", line=1)
    if _KARAOKE.search(text):
        raw = collapse_rolling_lines(raw)
    return [cue for block in raw for cue in caption_cues(block)]


def meta(text: str) -> dict[str, object]:
    lines = text.split("\n")
    header = _HEADER.match(lines[0].strip()) if lines else None
    found: dict[str, object] = {}
    if header and header["title"] and header["title"].strip(" -"):
        found["title"] = header["title"].strip(" -")
    for line in lines[1:]:
        if not line.strip():
            break  # the header block ends at the first blank line
        key, _, value = line.partition(":")
        if key.strip().lower() in {"kind", "language"} and value.strip():
            found[key.strip().lower()] = value.strip()
    return found


def _header_end(lines: list[str], filename: str) -> int:
    """Check the WEBVTT line; the header block (Kind:, Language:, Style:) runs to the first blank line."""
    if not _HEADER.match(lines[0].strip()):
        raise TranscriptError(filename, f"not a WebVTT file: the first line must be 'WEBVTT', found {lines[0]!r}", 1)
    end = 1
    while end < len(lines) and lines[end].strip():
        end += 1
    return end


def _is_block(line: str) -> bool:
    return bool(_BLOCKS.match(line))


def _first_cue_lines(text: str) -> list[str]:
    """The first text line of each cue near the top of the file."""
    lines = text.split("\n", _SAMPLE_LINES)[:_SAMPLE_LINES]
    return [lines[i + 1].strip() for i in range(len(lines) - 1) if _TIMING.match(lines[i].strip())]


def _is_vtt(text: str) -> bool:
    return bool(_HEADER.match(text.split("\n", 1)[0].strip()))


def _sniff_generic(text: str, filename: str) -> float:
    if _is_vtt(text):
        return 0.7
    # Without the header: still ours to reject with a clear message if it looks like WebVTT.
    if filename.lower().endswith(".vtt") or _first_cue_lines(text):
        return 0.6
    return 0.0


def _sniff_zoom(text: str, filename: str) -> float:
    if not _is_vtt(text):
        return 0.0
    first = _first_cue_lines(text)
    named = sum(1 for line in first if split_speaker(line)[0])
    return 0.9 if first and named * 2 >= len(first) else 0.0


def _sniff_teams(text: str, filename: str) -> float:
    if not _is_vtt(text):
        return 0.0
    head = text[:200_000]
    if "<v " in head or any(_TEAMS_ID.match(line.strip()) for line in head.split("\n")):
        return 0.95
    return 0.0


ZOOM = Format(name="zoom-vtt", sniff=_sniff_zoom, parse=parse, meta=meta, kind="caption track")
TEAMS = Format(name="teams-vtt", sniff=_sniff_teams, parse=parse, meta=meta, kind="caption track")
WEBVTT = Format(name="webvtt", sniff=_sniff_generic, parse=parse, meta=meta, kind="caption track")
