"""Word exports, written here with python-docx the way Teams, Otter and Meet lay them out."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest

from tests.analysis.transcript_helpers import CONVERSATION, INTERVIEWER
from winloss.analysis.transcripts import TranscriptError, read_transcript

OTTER_STARTS = ["0:01", "0:06", "0:12", "0:17", "0:21", "0:28", "1:02"]


def write_docx(path: Path, paragraphs: list[str]) -> Path:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(str(path))
    return path


def teams_layout() -> list[str]:
    # Teams: a title, the date and length, then "Name   0:03" and the words, no blank paragraphs.
    paragraphs = [
        "Lochside win-loss interview",
        "March 4, 2025, 2:00PM",
        "1m 5s",
        f"{INTERVIEWER} started transcription",
    ]
    for (speaker, text), start in zip(CONVERSATION, OTTER_STARTS, strict=True):
        paragraphs += [f"{speaker}   {start}", text]
    return paragraphs + [f"{INTERVIEWER} stopped transcription"]


def test_a_teams_word_export_is_read_by_its_headers(tmp_path: Path) -> None:
    transcript = read_transcript(write_docx(tmp_path / "interview.docx", teams_layout()))
    assert transcript.format == "docx"
    assert [(t.speaker, t.text) for t in transcript.turns] == CONVERSATION
    assert transcript.turns[-1].start == 62.0
    assert transcript.meta["layout"] == "otter"
    assert transcript.meta["preamble"] == [
        "Lochside win-loss interview",
        "March 4, 2025, 2:00PM",
        "1m 5s",
        f"{INTERVIEWER} started transcription",
    ]


def test_a_word_export_of_name_colon_lines_is_read(tmp_path: Path) -> None:
    paragraphs = [f"{speaker}: {text}" for speaker, text in CONVERSATION]
    transcript = read_transcript(write_docx(tmp_path / "interview.docx", paragraphs))
    assert (transcript.format, transcript.meta["layout"]) == ("docx", "plain")
    assert [(t.speaker, t.text) for t in transcript.turns] == CONVERSATION


def test_an_otter_word_export_with_soft_line_breaks_is_read(tmp_path: Path) -> None:
    document = docx.Document()
    for (speaker, text), start in zip(CONVERSATION, OTTER_STARTS, strict=True):
        paragraph = document.add_paragraph(f"{speaker}  {start}")
        paragraph.add_run().add_break()
        paragraph.add_run(text)
    buffer = io.BytesIO()
    document.save(buffer)
    transcript = read_transcript("upload.bin", data=buffer.getvalue())  # recognised by its bytes, not its name
    assert transcript.format == "docx"
    assert [(t.speaker, t.text) for t in transcript.turns] == CONVERSATION


def test_a_google_meet_word_export_is_read(tmp_path: Path) -> None:
    paragraphs = [
        "Lochside win-loss interview - 2025/03/04 14:00 GMT - Transcript",
        "Attendees",
        "Arjun Mehta (Lochside), Priya Raman (Halden), Kirsty's iPad",
        "Transcript",
        "This editable transcript was computer generated and might contain errors.",
        *[f"{speaker}: {text}" for speaker, text in CONVERSATION],
        "Meeting ended after 00:05:42 👋",
    ]
    transcript = read_transcript(write_docx(tmp_path / "meet.docx", paragraphs))
    assert (transcript.format, transcript.meta["layout"], transcript.meta["duration"]) == ("docx", "meet", 342.0)
    assert [(t.speaker, t.text) for t in transcript.turns] == CONVERSATION


def test_a_word_document_that_is_not_a_transcript_is_rejected(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "memo.docx", ["Quarterly memo", "Sales were up."])
    with pytest.raises(TranscriptError, match="memo.docx: this Word document does not look like a transcript"):
        read_transcript(path)


def test_a_zip_that_is_not_a_word_document_is_rejected(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(TranscriptError, match="upload.docx: cannot read this as a Word document"):
        read_transcript("upload.docx", data=buffer.getvalue())
