"""Word (.docx) transcripts, as Zoom, Teams, Otter and Google Meet export them.

The paragraphs are read with python-docx and joined into text, which is then read by whichever text
layout fits best: Teams and Otter write "Name   0:03" headers, Meet and others write `Name: words` lines.
"""

from __future__ import annotations

import io
import zipfile

import docx
from docx.opc.exceptions import PackageNotFoundError

from winloss.analysis.transcripts import meet, otter, plain, srt, webvtt
from winloss.analysis.transcripts.base import Cue, Format, TranscriptError

ZIP_MAGIC = b"PK\x03\x04"
LAYOUTS: tuple[Format, ...] = (webvtt.TEAMS, webvtt.ZOOM, srt.FORMAT, otter.FORMAT, meet.FORMAT, plain.FORMAT)


def text_from_docx(data: bytes, path: str) -> str:
    """The document's paragraphs, one a line (a soft line break inside a paragraph stays a line break)."""
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as exc:
        raise TranscriptError(path, f"cannot read this as a Word document (.docx): {exc}") from None
    return "\n".join(paragraph.text for paragraph in document.paragraphs)


def layout(text: str, filename: str) -> Format:
    """The text layout that reads this document's text best."""
    best = max(LAYOUTS, key=lambda fmt: fmt.sniff(text, filename))
    if best.sniff(text, filename) <= 0:
        raise TranscriptError(
            filename,
            "this Word document does not look like a transcript: expected 'Name  0:00' header lines "
            "or 'Name: words' lines",
        )
    return best


def parse(text: str, filename: str) -> list[Cue]:
    return layout(text, filename).parse(text, filename)


def meta(text: str) -> dict[str, object]:
    try:
        found = layout(text, "")
    except TranscriptError:
        return {}
    return {"layout": found.name, **found.meta(text)}


def sniff(text: str, filename: str) -> float:
    return 0.0  # a Word document is recognised from its bytes (a zip), never from text


FORMAT = Format(name="docx", sniff=sniff, parse=parse, meta=meta, kind="document")
