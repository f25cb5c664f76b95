"""The cue-block reader that WebVTT and SRT share, and the rules for finding speakers in cue text."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass

from winloss.analysis.transcripts.base import Cue, TranscriptError, split_speaker


@dataclass(frozen=True)
class CaptionCue:
    start: float
    lines: list[str]
    line: int  # where its timing line is, 1-based


def timing_pattern(separator: str) -> re.Pattern[str]:
    """A cue timing line; hours optional and digits unpadded, as MS Teams writes `0:0:0.210`."""
    stamp = rf"(?:\d+:)?\d{{1,2}}:\d{{1,2}}{re.escape(separator)}\d{{1,3}}"
    return re.compile(rf"^({stamp})[ \t]+-->[ \t]+({stamp})(?:[ \t]+.*)?$")


def read_caption_cues(
    lines: list[str],
    first: int,
    *,
    separator: str,
    path: str,
    skip_block: Callable[[str], bool] = lambda line: False,
) -> list[CaptionCue]:
    """Read the cue blocks in lines[first:]: an optional id line, a timing line, text lines."""
    pattern = timing_pattern(separator)
    cues: list[CaptionCue] = []
    i = first
    while i < len(lines):
        line = lines[i].strip()
        if not line:
            i += 1
        elif skip_block(line):
            i = _end_of_block(lines, i)
        elif "-->" in line:
            cue, i = _read_cue(lines, i, pattern, separator, path)
            cues.append(cue)
        elif i + 1 < len(lines) and "-->" in lines[i + 1]:
            i += 1  # a cue identifier: numeric (Zoom, SRT), text, or a Teams GUID like 3f1c.../12-0
        else:
            raise _missing_timing(lines, i, separator, path)
    return cues


def _missing_timing(lines: list[str], i: int, separator: str, path: str) -> TranscriptError:
    following = lines[i + 1].strip() if i + 1 < len(lines) else ""
    if lines[i].strip().isdigit() and following:
        # "2" then text: the cue number is there, its timing line is not
        found, where = f"{following!r} after cue {lines[i].strip()}", i + 2
    else:
        found, where = repr(lines[i].strip()), i + 1
    return TranscriptError(
        path, f"missing cue timing: expected a line like {_example(separator)}, found {found}", line=where
    )


def _read_cue(lines: list[str], i: int, pattern: re.Pattern[str], separator: str, path: str) -> tuple[CaptionCue, int]:
    timing = lines[i].strip()
    match = pattern.match(timing)
    if not match:
        raise TranscriptError(
            path, f"invalid cue timing {timing!r}: expected a line like {_example(separator)}", line=i + 1
        )
    start = _seconds(match[1])
    text: list[str] = []
    j = i + 1
    # A cue ends at a blank line; YouTube also starts the next cue straight after the text.
    while j < len(lines) and lines[j].strip() and "-->" not in lines[j] and not _is_next_cue_id(lines, j):
        text.append(lines[j])
        j += 1
    return CaptionCue(start=start, lines=text, line=i + 1), j


def _is_next_cue_id(lines: list[str], j: int) -> bool:
    # SRT written by hand often lacks the blank line before the next cue number.
    return lines[j].strip().isdigit() and j + 1 < len(lines) and "-->" in lines[j + 1]


def _end_of_block(lines: list[str], i: int) -> int:
    while i < len(lines) and lines[i].strip():
        i += 1
    return i


def _seconds(stamp: str) -> float:
    *rest, last = stamp.replace(",", ".").split(":")
    hours, minutes = (int(rest[0]), int(rest[1])) if len(rest) == 2 else (0, int(rest[0]))
    return hours * 3600 + minutes * 60 + float(last)


def _example(separator: str) -> str:
    return f"'00:00:01{separator}000 --> 00:00:04{separator}000'"


# --- speakers in cue text ------------------------------------------------------------------------

_VOICE = re.compile(r"<v(?:\.[^\s>]*)?[ \t]+([^>]*)>")
_TAG = re.compile(r"</?[a-zA-Z][^>]*>|<\d[\d:.]*>")


def caption_cues(cue: CaptionCue) -> list[Cue]:
    """Split a cue's text into speaker cues: `<v Name>` voice spans, or `Name: words` prefixes."""
    text = "\n".join(cue.lines)
    pieces = _VOICE.split(text)
    if len(pieces) > 1:
        cues = [Cue(None, _clean(pieces[0]), cue.start)] if _clean(pieces[0]) else []
        for name, words in zip(pieces[1::2], pieces[2::2], strict=True):
            cues.append(Cue(name.strip() or None, _clean(words), cue.start))
        return cues
    return _prefixed_cues([_clean(line) for line in cue.lines], cue.start)


def _prefixed_cues(lines: list[str], start: float) -> list[Cue]:
    cues: list[Cue] = []
    for position, line in enumerate(lines):
        dashed = line.startswith("- ")
        if dashed:
            line = line[2:]
        # A speaker prefix opens a cue, or a dialogue line: "- Name: words" in SRT.
        speaker, words = split_speaker(line) if position == 0 or dashed else (None, line)
        if cues and speaker is None and not dashed:
            cues[-1] = Cue(cues[-1].speaker, f"{cues[-1].text} {words}", start)
        else:
            cues.append(Cue(speaker, words, start))
    return cues


def _clean(text: str) -> str:
    return html.unescape(_TAG.sub("", text)).strip()


def collapse_rolling_lines(cues: list[CaptionCue]) -> list[CaptionCue]:
    """Drop lines repeated from the previous cue, as YouTube's rolling auto-captions write them."""
    collapsed: list[CaptionCue] = []
    previous: set[str] = set()
    for cue in cues:
        cleaned = [_clean(line) for line in cue.lines]
        kept = [line for line, text in zip(cue.lines, cleaned, strict=True) if text and text not in previous]
        previous = {text for text in cleaned if text}
        collapsed.append(CaptionCue(cue.start, kept, cue.line))
    return collapsed
