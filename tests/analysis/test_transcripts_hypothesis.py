"""Render random conversations in each text format, read them back, and get the same turns."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from winloss.analysis.transcripts import parse_transcript

NAMES = [
    "Priya Raman (Halden)",
    "Arjun Mehta (Lochside)",
    "Kirsty's iPad",
    "Dr. Melissa Ko",
    "Knight, Andrew",
    "Speaker 1",
    "Zoë Brandt",
    "staking 4all",
]
WORD = st.tuples(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'’éß", min_size=1, max_size=9),
    st.sampled_from(["", "", "", ".", ",", "?", "!", ":"]),
).map("".join)
TEXT = st.lists(WORD, min_size=1, max_size=12).map(" ".join)
CONVERSATIONS = st.lists(st.tuples(st.sampled_from(NAMES), TEXT), min_size=1, max_size=10)
Conversation = list[tuple[str, str]]


def clock(seconds: int, separator: str) -> str:
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}{separator}000"


def zoom_vtt(turns: Conversation) -> str:
    cues = [f"{i + 1}\n{clock(90 * i, '.')} --> {clock(90 * i + 5, '.')}\n{s}: {t}" for i, (s, t) in enumerate(turns)]
    return "WEBVTT\n\n" + "\n\n".join(cues) + "\n"


def srt(turns: Conversation) -> str:
    cues = [f"{i + 1}\n{clock(90 * i, ',')} --> {clock(90 * i + 5, ',')}\n{s}: {t}" for i, (s, t) in enumerate(turns)]
    return "\n\n".join(cues) + "\n"


def otter(turns: Conversation) -> str:
    blocks = [f"{s}  {90 * i // 60}:{90 * i % 60:02d}  \n{t}" for i, (s, t) in enumerate(turns)]
    return "\n\n".join(blocks) + "\n\n\nTranscribed by https://otter.ai\n"


def plain(turns: Conversation) -> str:
    return "\n".join(f"{s}: {t}" for s, t in turns) + "\n"


RENDERERS: dict[str, Callable[[Conversation], str]] = {"zoom-vtt": zoom_vtt, "srt": srt, "otter": otter, "plain": plain}


def merged(turns: Conversation) -> list[tuple[str, str, int]]:
    """Consecutive turns by one speaker become one, starting at the first (at 90 s a turn)."""
    runs: list[tuple[str, str, int]] = []
    for i, (speaker, text) in enumerate(turns):
        if runs and runs[-1][0] == speaker:
            runs[-1] = (speaker, f"{runs[-1][1]} {text}", runs[-1][2])
        else:
            runs.append((speaker, text, 90 * i))
    return runs


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
@given(turns=CONVERSATIONS)
def test_a_rendered_conversation_reads_back_the_same(fmt: str, turns: Conversation) -> None:
    transcript = parse_transcript(RENDERERS[fmt](turns), filename=f"random.{fmt}")
    assert transcript.format == fmt
    assert [(t.speaker, t.text) for t in transcript.turns] == [(s, text) for s, text, _ in merged(turns)]
    if fmt != "plain":
        assert [t.start for t in transcript.turns] == [float(start) for _, _, start in merged(turns)]
