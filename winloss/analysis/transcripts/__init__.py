"""Read interview transcripts into speaker turns: Zoom/Teams/WebVTT, SRT, Otter, Google Meet, Gong JSON,
Word documents and plain text.

    from winloss.analysis.transcripts import read_transcript
    transcript = read_transcript("interview.vtt")      # the format is detected
    for turn in transcript.turns: ...

Adding a format: write a module with a `Format` (a `name`, `sniff(text, filename) -> float` and
`parse(text, filename) -> list[Cue]`, optionally `meta(text)`), and add it to FORMATS.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from winloss.analysis.transcripts import docx, gong, meet, otter, plain, srt, webvtt
from winloss.analysis.transcripts.base import (
    Cue,
    Format,
    NoSpeakersError,
    Transcript,
    TranscriptError,
    Turn,
    build_turns,
)

__all__ = [
    "FORMATS",
    "Cue",
    "Format",
    "NoSpeakersError",
    "Transcript",
    "TranscriptError",
    "Turn",
    "detect_format",
    "parse_transcript",
    "read_transcript",
]

# Ties go to the earlier format, so the more specific ones come first.
FORMATS: dict[str, Format] = {
    fmt.name: fmt
    for fmt in (
        webvtt.TEAMS,
        webvtt.ZOOM,
        webvtt.WEBVTT,
        srt.FORMAT,
        otter.FORMAT,
        meet.FORMAT,
        gong.FORMAT,
        docx.FORMAT,
        plain.FORMAT,
    )
}


def read_transcript(path: str | Path, *, format: str | None = None, data: bytes | None = None) -> Transcript:
    """Read a transcript file (or `data`, its bytes, when it came as an upload)."""
    name = str(path)
    if data is None:
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise TranscriptError(name, f"cannot read the file: {exc.strerror or exc}") from None
    if data.startswith(docx.ZIP_MAGIC):
        return parse_transcript(docx.text_from_docx(data, name), filename=name, format=format or "docx")
    if format == "docx":
        raise TranscriptError(name, "not a Word document (.docx): it is not a zip file")
    return parse_transcript(decode(data), filename=name, format=format)


def parse_transcript(text: str, *, filename: str = "<text>", format: str | None = None) -> Transcript:
    """Read a transcript from text; `format` names one of FORMATS, or None to detect it."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise TranscriptError(filename, "the file is empty")
    fmt = _chosen(format, filename) if format else FORMATS[detect_format(text, filename)]
    turns = build_turns(fmt.parse(text, filename), filename, fmt.kind)
    return Transcript(format=fmt.name, turns=turns, meta=fmt.meta(text))


def detect_format(text: str, filename: str = "<text>") -> str:
    """The name of the format most sure it reads `text`."""
    scores = {name: fmt.sniff(text, filename) for name, fmt in FORMATS.items()}
    best = max(scores, key=lambda name: scores[name])
    if scores[best] <= 0:
        raise TranscriptError(
            filename,
            "cannot tell which transcript format this is; expected one of: " + ", ".join(FORMATS),
        )
    return best


def decode(data: bytes) -> str:
    """Text from bytes: UTF-8 with or without a BOM, UTF-16 with a BOM, else Windows-1252."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Windows tools save "ANSI"; cp1252 leaves five bytes undefined, which become U+FFFD.
        return data.decode("cp1252", errors="replace")


def _chosen(format: str, filename: str) -> Format:
    if format not in FORMATS:
        raise TranscriptError(filename, f"unknown transcript format {format!r}; known formats: " + ", ".join(FORMATS))
    return FORMATS[format]
