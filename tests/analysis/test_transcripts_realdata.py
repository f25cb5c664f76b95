"""Every transcript-like file in ../shared/realdata either parses or is rejected with the right message."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.analysis.transcript_helpers import SHARED
from winloss.analysis.transcripts import NoSpeakersError, TranscriptError, read_transcript

REALDATA = SHARED / "realdata"
FOLDERS = ("zoomGroupStats-zoom", "webvtt-py-fixtures", "polygon-ppgc-googlemeet")
NO_SPEAKERS = (NoSpeakersError, "no speaker labels")
UNKNOWN = (TranscriptError, "cannot tell which transcript format this is")

# file -> the format it parses as, or (error class, a fragment of the message)
EXPECTED: dict[str, str | tuple[type[TranscriptError], str]] = {
    "zoomGroupStats-zoom/meeting001_transcript.vtt": "zoom-vtt",
    "zoomGroupStats-zoom/meeting001_chat.txt": UNKNOWN,  # a chat log, not a transcript
    "zoomGroupStats-zoom/meeting001_participants.csv": UNKNOWN,
    "webvtt-py-fixtures/teams_timeframe.vtt": "teams-vtt",
    "webvtt-py-fixtures/captions_with_bom.vtt": NO_SPEAKERS,
    "webvtt-py-fixtures/comments.vtt": NO_SPEAKERS,
    "webvtt-py-fixtures/cue_tags.vtt": NO_SPEAKERS,
    "webvtt-py-fixtures/metadata_headers.vtt": NO_SPEAKERS,
    "webvtt-py-fixtures/metadata_headers_multiline.vtt": NO_SPEAKERS,
    "webvtt-py-fixtures/missing_caption_text.vtt": NO_SPEAKERS,
    "webvtt-py-fixtures/one_caption.vtt": NO_SPEAKERS,
    "webvtt-py-fixtures/sample.srt": NO_SPEAKERS,
    "webvtt-py-fixtures/sample.vtt": NO_SPEAKERS,
    "webvtt-py-fixtures/styles.vtt": NO_SPEAKERS,
    "webvtt-py-fixtures/using_identifiers.vtt": NO_SPEAKERS,
    "webvtt-py-fixtures/youtube_dl.vtt": NO_SPEAKERS,
    "webvtt-py-fixtures/empty.vtt": (TranscriptError, "the file is empty"),
    "webvtt-py-fixtures/no_captions.vtt": (TranscriptError, "line 1: the file has a WEBVTT header but no cues"),
    "webvtt-py-fixtures/invalid.vtt": (TranscriptError, "line 1: not a WebVTT file"),
    "webvtt-py-fixtures/invalid_timeframe.vtt": (TranscriptError, "line 6: invalid cue timing '00:00:07.000 --> 00:"),
    "webvtt-py-fixtures/missing_timeframe.vtt": (TranscriptError, "line 6: missing cue timing"),
    "webvtt-py-fixtures/invalid_timeframe.srt": (TranscriptError, "line 6: invalid cue timing '00:00:07,000 --> 00:"),
    "webvtt-py-fixtures/missing_timeframe.srt": (TranscriptError, "line 6: missing cue timing"),
    "webvtt-py-fixtures/sample.sbv": UNKNOWN,  # YouTube .sbv: not a format we read, and it has no speakers
    "polygon-ppgc-googlemeet/12_PPGC_Transcript.md": "meet",
    "polygon-ppgc-googlemeet/27_PPGC_Transcripts.md": "meet",
    "polygon-ppgc-googlemeet/29_PPGC_Transcript.md": "meet",
}


@pytest.fixture
def realdata() -> Path:
    if not REALDATA.is_dir():
        pytest.skip("../shared/realdata is not beside this checkout")
    return REALDATA


def test_the_table_covers_every_file_in_the_transcript_folders(realdata: Path) -> None:
    on_disk = {
        f"{folder}/{path.name}"
        for folder in FOLDERS
        for path in (realdata / folder).iterdir()
        if path.name != "SOURCES.md"
    }
    assert on_disk == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_real_file_parses_or_is_rejected_as_expected(realdata: Path, name: str) -> None:
    expected = EXPECTED[name]
    path = realdata / name
    if isinstance(expected, str):
        assert read_transcript(path).format == expected
        return
    error_class, fragment = expected
    with pytest.raises(error_class) as error:
        read_transcript(path)
    assert type(error.value) is error_class
    assert fragment in str(error.value)
    assert str(error.value).startswith(str(path))


def test_the_real_zoom_transcript_keeps_its_speakers_and_speakerless_cues(realdata: Path) -> None:
    transcript = read_transcript(realdata / "zoomGroupStats-zoom/meeting001_transcript.vtt")
    assert transcript.speakers == ["Andrew Knight", "Paul McCartney", "George Harrison", "Ringo Starr", "John Lennon"]
    words = " ".join(turn.text for turn in transcript.turns)
    # The two cues Zoom wrote without a speaker are kept, in the previous speaker's turn.
    assert "And that" in words and "Yes. Okay." in words
    assert transcript.turns[0].start == pytest.approx(4.859)
    assert all(a.speaker != b.speaker for a, b in zip(transcript.turns, transcript.turns[1:], strict=False))


def test_the_real_teams_excerpt_reads_unpadded_times(realdata: Path) -> None:
    transcript = read_transcript(realdata / "webvtt-py-fixtures/teams_timeframe.vtt")
    assert [(t.speaker, t.text, t.start) for t in transcript.turns] == [
        ("Yuri Bakulin", "There you go.", 0.0),
        ("Adrian Petrescu", "Why hello there, Yuri.", 0.21),
    ]


@pytest.mark.parametrize(
    ("name", "first_speaker", "duration", "attendees"),
    [
        ("12_PPGC_Transcript.md", "Harry Rook", 843.0, 30),
        ("27_PPGC_Transcripts.md", "Harry Rook", 3032.0, 35),
        ("29_PPGC_Transcript.md", "Harry Rook", 1122.0, 23),
    ],
)
def test_the_real_meet_transcripts_keep_their_metadata(
    realdata: Path, name: str, first_speaker: str, duration: float, attendees: int
) -> None:
    transcript = read_transcript(realdata / "polygon-ppgc-googlemeet" / name)
    assert transcript.turns[0].speaker == first_speaker
    assert transcript.meta["title"] == "Polygon Protocol Governance Call"
    assert transcript.meta["duration"] == duration
    assert len(transcript.meta["attendees"]) == attendees  # type: ignore[arg-type]
    assert not any("editable transcript" in turn.text or "Meeting ended" in turn.text for turn in transcript.turns)
    assert all(":" not in turn.speaker and "*" not in turn.speaker for turn in transcript.turns)


def test_the_real_meet_markers_give_lower_bounds_for_starts(realdata: Path) -> None:
    transcript = read_transcript(realdata / "polygon-ppgc-googlemeet/27_PPGC_Transcripts.md")
    starts = [turn.start for turn in transcript.turns]
    assert starts[0] == 0.0 and starts[-1] == 2700.0
    assert starts == sorted(starts)  # type: ignore[type-var]
