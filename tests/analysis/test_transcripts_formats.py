from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.analysis.transcript_helpers import BUYER, CASES, CONVERSATION, FIXTURES, INTERVIEWER, TABLET
from winloss.analysis.transcripts import FORMATS, Transcript, parse_transcript, read_transcript


@pytest.fixture(params=sorted(CASES))
def case(request: pytest.FixtureRequest) -> tuple[Transcript, str, dict[str, str], list[float | None]]:
    fmt, labels, starts = CASES[request.param]
    return read_transcript(FIXTURES / request.param), fmt, labels, starts


def test_every_fixture_is_in_the_table() -> None:
    on_disk = {path.name for path in FIXTURES.iterdir() if path.name != "README.md"}
    assert on_disk == set(CASES)


def test_every_text_format_has_a_fixture() -> None:
    covered = {fmt for fmt, _, _ in CASES.values()} | {"docx", "webvtt"}  # docx and webvtt: own tests
    assert covered == set(FORMATS)


def test_it_detects_the_format(case: tuple[Transcript, str, dict[str, str], list[float | None]]) -> None:
    transcript, fmt, _, _ = case
    assert transcript.format == fmt


def test_it_reads_the_speakers_as_written(case: tuple[Transcript, str, dict[str, str], list[float | None]]) -> None:
    transcript, _, labels, _ = case
    assert [turn.speaker for turn in transcript.turns] == [labels.get(s, s) for s, _ in CONVERSATION]


def test_it_joins_the_cues_of_a_turn_with_single_spaces(
    case: tuple[Transcript, str, dict[str, str], list[float | None]],
) -> None:
    transcript, _, _, _ = case
    assert [turn.text for turn in transcript.turns] == [text for _, text in CONVERSATION]


def test_a_turn_starts_at_its_first_cue(case: tuple[Transcript, str, dict[str, str], list[float | None]]) -> None:
    transcript, _, _, starts = case
    assert [turn.start for turn in transcript.turns] == pytest.approx(starts)


def test_turns_are_numbered_in_order(case: tuple[Transcript, str, dict[str, str], list[float | None]]) -> None:
    transcript, _, _, _ = case
    assert [turn.index for turn in transcript.turns] == list(range(len(CONVERSATION)))


def test_the_zoom_fixture_really_has_crlf_and_a_cue_without_a_speaker() -> None:
    data = (FIXTURES / "zoom.transcript.vtt").read_bytes()
    assert b"\r\n" in data
    assert b"\r\nand our renewal with Tallyhoo" in data


def test_the_encoding_fixtures_really_are_encoded_so() -> None:
    assert (FIXTURES / "plain-utf8-bom.txt").read_bytes().startswith(b"\xef\xbb\xbf")
    assert (FIXTURES / "plain-utf16.txt").read_bytes().startswith(b"\xff\xfe")


def test_gong_turns_carry_the_affiliation_from_parties() -> None:
    transcript = read_transcript(FIXTURES / "call.gong.json")
    assert {turn.speaker: turn.affiliation for turn in transcript.turns} == {
        INTERVIEWER: "internal",
        BUYER: "external",
        TABLET: "external",
    }
    assert transcript.meta == {"call_ids": ["7782342274025937895"]}


def test_gong_names_an_unknown_speaker_id_by_its_id() -> None:
    call = {
        "callTranscripts": [
            {"callId": "1", "transcript": [{"speakerId": "42", "sentences": [{"start": 500, "text": "Hello."}]}]}
        ],
        "calls": [{"parties": [{"speakerId": "7", "name": "Nobody", "affiliation": "Internal"}]}],
    }
    transcript = parse_transcript(json.dumps(call), filename="call.json")
    assert [(t.speaker, t.start, t.affiliation) for t in transcript.turns] == [("Speaker 42", 0.5, None)]


def test_gong_reads_parties_from_calls_when_there_is_no_top_level_list() -> None:
    call = {
        "callTranscripts": [{"transcript": [{"speakerId": 7, "sentences": [{"start": 0, "text": "Hi."}]}]}],
        "calls": [
            {"metaData": {"id": "1"}, "parties": [{"speakerId": "7", "name": "Dana", "affiliation": "External"}]}
        ],
    }
    turn = parse_transcript(json.dumps(call), filename="call.json").turns[0]
    assert (turn.speaker, turn.affiliation) == ("Dana", "external")


def test_meet_keeps_title_date_attendees_and_duration() -> None:
    meta = read_transcript(FIXTURES / "meet.txt").meta
    assert meta["title"] == "Lochside win-loss interview"
    assert meta["date"] == "2025/03/04 14:00 GMT"
    assert meta["duration"] == 342.0
    assert meta["attendees"] == [
        BUYER,
        "Fireflies.ai Notetaker Bruno",
        TABLET,
        INTERVIEWER,
        "Priya Raman (Halden)'s Presentation",
    ]


def test_meet_markdown_is_read_without_its_decoration() -> None:
    transcript = read_transcript(FIXTURES / "meet.md")
    assert transcript.meta["date"] == "2025-03-04 14:00 GMT"
    assert not any("*" in turn.text or "*" in turn.speaker for turn in transcript.turns)
    assert not any("editable transcript" in turn.text for turn in transcript.turns)


def test_meet_skips_gemini_notes_before_the_transcript_heading() -> None:
    text = (
        "Weekly sync - 2025/03/04 14:00 GMT - Notes by Gemini\n📝 Notes\nSummary: they chose us on price.\n"
        "📖 Transcript\nAna Ruiz: Hello.\nBen Ode: Hi.\nMeeting ended after 00:01:00 👋\n"
    )
    transcript = parse_transcript(text, format="meet")
    assert [(t.speaker, t.text) for t in transcript.turns] == [("Ana Ruiz", "Hello."), ("Ben Ode", "Hi.")]


def test_teams_splits_a_cue_with_two_voices() -> None:
    text = "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Ana Ruiz>Ready?</v>\n<v.loud Ben Ode>Yes.</v>\n"
    transcript = parse_transcript(text)
    assert (transcript.format, [(t.speaker, t.text) for t in transcript.turns]) == (
        "teams-vtt",
        [("Ana Ruiz", "Ready?"), ("Ben Ode", "Yes.")],
    )


def test_generic_webvtt_strips_tags_and_keeps_header_metadata() -> None:
    text = (
        "WEBVTT - Lochside call\nKind: captions\nLanguage: en\n\nSTYLE\n::cue { color: red; }\n\n"
        "intro\n00:05.000 --> 00:07.500 align:start position:0%\n- <b>Ana</b>: <i>Hello</i> &amp; welcome.\n"
    )
    transcript = parse_transcript(text, format="webvtt")
    assert [(t.speaker, t.text, t.start) for t in transcript.turns] == [("Ana", "Hello & welcome.", 5.0)]
    assert transcript.meta == {"title": "Lochside call", "kind": "captions", "language": "en"}


def test_youtube_rolling_lines_are_collapsed() -> None:
    text = (
        "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nAna: so<00:00:01.500><c> what</c>\n\n"
        "00:00:02.000 --> 00:00:03.000\nAna: so what\nhappened next\n"
    )
    assert parse_transcript(text).turns[0].text == "so what happened next"


def test_otter_reads_bold_names_and_hour_times() -> None:
    text = "**Ana Ruiz**  1:02:03\nHello there.\n\n**Ben Ode**  1:02:09  \nHi.\n"
    transcript = parse_transcript(text)
    assert transcript.format == "otter"
    assert [(t.speaker, t.start) for t in transcript.turns] == [("Ana Ruiz", 3723.0), ("Ben Ode", 3729.0)]


def test_plain_text_in_windows_1252_is_read(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes("Zoë Brandt: The café’s Wi-Fi was awful.\r\nPriya: Sorry?\r\n".encode("cp1252"))
    transcript = read_transcript(path)
    assert [(t.speaker, t.text) for t in transcript.turns] == [
        ("Zoë Brandt", "The café’s Wi-Fi was awful."),
        ("Priya", "Sorry?"),
    ]


def test_a_line_that_only_starts_like_a_sentence_is_not_a_speaker() -> None:
    text = "Ana Ruiz: What mattered?\nBen Ode: Two things.\nThe main one was this: price.\nRight. So: support.\n"
    transcript = parse_transcript(text)
    assert [t.speaker for t in transcript.turns] == ["Ana Ruiz", "Ben Ode"]
    assert transcript.turns[1].text == "Two things. The main one was this: price. Right. So: support."


@pytest.mark.parametrize(
    "label",
    ["Dr. Melissa Ko", "Kirsty's iPad", "Arjun Mehta (Lochside)", "Knight, Andrew", "Tiago - Stakin", "staking 4all"],
)
def test_names_people_type_survive_as_labels(label: str) -> None:
    transcript = parse_transcript(f"{label}: Hello.\nAna: Hi.\n", format="plain")
    assert transcript.turns[0].speaker == label


def test_a_format_can_be_named_instead_of_detected() -> None:
    text = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nAna: Hi.\n"
    assert parse_transcript(text, format="webvtt").format == "webvtt"
    assert parse_transcript(text).format == "zoom-vtt"


def test_read_transcript_takes_uploaded_bytes() -> None:
    data = (FIXTURES / "zoom.transcript.vtt").read_bytes()
    transcript = read_transcript("upload.vtt", data=data)
    assert transcript.format == "zoom-vtt" and len(transcript.turns) == len(CONVERSATION)
