from __future__ import annotations

from pathlib import Path

import pytest

from winloss.analysis.transcripts import NoSpeakersError, TranscriptError, parse_transcript, read_transcript


def test_an_empty_file_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "empty.vtt"
    path.write_bytes(b"\xef\xbb\xbf \r\n")
    with pytest.raises(TranscriptError, match="empty.vtt: the file is empty"):
        read_transcript(path)


def test_a_missing_file_is_rejected_with_its_name(tmp_path: Path) -> None:
    with pytest.raises(TranscriptError, match="nowhere.vtt: cannot read the file"):
        read_transcript(tmp_path / "nowhere.vtt")


def test_captions_without_speakers_cannot_be_coded_by_speaker() -> None:
    text = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHello there.\n\n00:00:02.000 --> 00:00:03.000\nHi.\n"
    with pytest.raises(NoSpeakersError) as error:
        parse_transcript(text, filename="GMT20240124_Recording.cc.vtt")
    assert str(error.value).startswith(
        "GMT20240124_Recording.cc.vtt: this caption track has no speaker labels, so it cannot be coded by speaker"
    )
    assert "Zoom's audio transcript rather than closed captions" in str(error.value)


def test_a_vtt_without_its_header_names_line_one() -> None:
    with pytest.raises(TranscriptError) as error:
        parse_transcript("00:00:01.000 --> 00:00:02.000\nAna: Hi.\n", filename="call.vtt")
    assert (error.value.line, error.value.path) == (1, "call.vtt")
    assert "first line must be 'WEBVTT'" in error.value.message


def test_an_invalid_timing_names_its_line() -> None:
    text = "WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\nAna: Hi.\n\n2\n00:00:02.000 --> 00:00:0x.000\nBen: Hey.\n"
    with pytest.raises(TranscriptError, match=r"call.vtt, line 8: invalid cue timing '00:00:02.000 --> 00:00:0x.000'"):
        parse_transcript(text, filename="call.vtt")


def test_a_cue_without_timing_names_its_line() -> None:
    text = "1\n00:00:01,000 --> 00:00:02,000\nAna: Hi.\n\n2\nBen: Hey.\n"
    with pytest.raises(TranscriptError, match=r"call.srt, line 6: missing cue timing.*found 'Ben: Hey.' after cue 2"):
        parse_transcript(text, filename="call.srt")


def test_srt_timings_need_commas() -> None:
    text = "1\n00:00:01,000 --> 00:00:02,000\nAna: Hi.\n\n2\n00:00:02,000 --> 00:00:03.000\nBen: Hey.\n"
    with pytest.raises(TranscriptError, match="line 6: invalid cue timing"):
        parse_transcript(text, filename="call.srt")


def test_bad_json_names_its_line() -> None:
    with pytest.raises(TranscriptError) as error:
        parse_transcript('{\n  "callTranscripts": [\n    {"callId": 1,}\n  ]\n}\n', filename="call.gong.json")
    assert error.value.line == 3
    assert error.value.message.startswith("not valid JSON")


def test_json_that_is_not_a_gong_transcript_is_rejected() -> None:
    with pytest.raises(TranscriptError, match='no "callTranscripts" list'):
        parse_transcript('{"records": []}', filename="export.json")


def test_a_gong_sentence_without_text_is_rejected_with_its_place() -> None:
    text = '{"callTranscripts": [{"transcript": [{"speakerId": "1", "sentences": [{"start": 0}]}]}]}'
    with pytest.raises(TranscriptError, match=r"callTranscripts\[0\]\.transcript\[0\]\.sentences\[0\]"):
        parse_transcript(text)


def test_an_unknown_format_name_lists_the_known_ones() -> None:
    with pytest.raises(TranscriptError, match="unknown transcript format 'rev'; known formats: teams-vtt, zoom-vtt"):
        parse_transcript("Ana: Hi.", format="rev")


def test_text_in_no_known_format_is_rejected() -> None:
    with pytest.raises(TranscriptError, match="cannot tell which transcript format this is"):
        parse_transcript("just some words\nwith no speakers at all\n", filename="notes.txt")


def test_docx_named_for_bytes_that_are_not_a_zip_is_rejected() -> None:
    with pytest.raises(TranscriptError, match="not a Word document"):
        read_transcript("call.docx", data=b"Ana: Hi.\n", format="docx")


def test_the_error_keeps_file_line_and_message_apart() -> None:
    error = TranscriptError("call.vtt", "invalid cue timing", line=7)
    assert (error.path, error.line, error.message, str(error)) == (
        "call.vtt",
        7,
        "invalid cue timing",
        "call.vtt, line 7: invalid cue timing",
    )
    assert isinstance(NoSpeakersError("x.vtt"), TranscriptError)
