"""The one conversation every synthetic transcript fixture in tests/fixtures/transcripts renders."""

from __future__ import annotations

from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "transcripts"
SHARED = Path(__file__).resolve().parents[2].parent / "shared"

INTERVIEWER = "Priya Raman (Halden)"
BUYER = "Arjun Mehta (Lochside)"
TABLET = "Kirsty's iPad"

# (speaker, text) for each turn, after cues by the same speaker are joined with single spaces
CONVERSATION = [
    (INTERVIEWER, "Thanks for making time today. Could you tell me how the evaluation started?"),
    (BUYER, "Sure. We had outgrown spreadsheets, and our renewal with Tallyhoo was due in March."),
    (TABLET, "Sorry, I joined from the warehouse, so there's some noise."),
    (INTERVIEWER, "No problem at all. What made you choose Brightline in the end?"),
    (BUYER, "Honestly, the price: it was about a third cheaper than Tallyhoo. And the onboarding plan was clear."),
    (TABLET, "Support answered within an hour during the pilot."),
    (INTERVIEWER, "That's really helpful. Thank you both."),
]

TIMED = [1.2, 6.0, 12.5, 17.0, 21.25, 28.0, 62.5]
UNTIMED = [None] * 7

# fixture -> (format, how its labels differ from the conversation's, turn starts)
CASES: dict[str, tuple[str, dict[str, str], list[float | None]]] = {
    "zoom.transcript.vtt": ("zoom-vtt", {}, TIMED),
    "interview.teams.vtt": ("teams-vtt", {TABLET: "Kirsty Doyle (Guest)"}, TIMED),
    "interview.srt": ("srt", {name: name.upper() for name in (INTERVIEWER, BUYER, TABLET)}, TIMED[:6] + [28.0]),
    "interview.otter.txt": ("otter", {}, [1.0, 6.0, 12.0, 17.0, 21.0, 28.0, 62.0]),
    "meet.txt": ("meet", {}, [0.0] * 6 + [300.0]),
    "meet.md": ("meet", {}, UNTIMED),
    "call.gong.json": ("gong-json", {}, TIMED),
    "plain-utf8-bom.txt": ("plain", {}, UNTIMED),
    "plain-utf16.txt": ("plain", {}, UNTIMED),
}
