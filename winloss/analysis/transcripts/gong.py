"""Gong call transcripts (`POST /v2/calls/transcript` JSON) with the speakers' names and affiliations.

The transcript holds only speaker ids; names and Internal/External come from a `parties` list, either
at the top level or per call in `calls[].parties` (the shape of `/v2/calls/extensive`).
"""

from __future__ import annotations

import json
from typing import Any

from winloss.analysis.transcripts.base import Cue, Format, TranscriptError

_AFFILIATIONS = {"internal", "external"}


def parse(text: str, filename: str) -> list[Cue]:
    data = _load(text, filename)
    calls = _call_transcripts(data, filename)
    parties = _parties(data)
    cues: list[Cue] = []
    for c, call in enumerate(calls):
        for m, monologue in enumerate(_list(call, "transcript", f"callTranscripts[{c}]", filename)):
            where = f"callTranscripts[{c}].transcript[{m}]"
            speaker_id = _speaker_id(monologue, where, filename)
            name, affiliation = parties.get(speaker_id, (f"Speaker {speaker_id}", None))
            for s, sentence in enumerate(_list(monologue, "sentences", where, filename)):
                text_, start = _sentence(sentence, f"{where}.sentences[{s}]", filename)
                cues.append(Cue(name, text_, start, affiliation))
    return cues


def meta(text: str) -> dict[str, object]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        return {}
    calls = data.get("callTranscripts") if isinstance(data, dict) else None
    ids = [str(call["callId"]) for call in calls or [] if isinstance(call, dict) and "callId" in call]
    return {"call_ids": ids} if ids else {}


def sniff(text: str, filename: str) -> float:
    head = text.lstrip()[:1]
    if head not in ("{", "["):
        return 0.0
    if '"callTranscripts"' in text or filename.lower().endswith(".gong.json"):
        return 1.0
    return 0.5  # some other JSON: ours to reject with a message about JSON


def _load(text: str, filename: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise TranscriptError(filename, f"not valid JSON: {exc.msg} (column {exc.colno})", line=exc.lineno) from None


def _call_transcripts(data: Any, filename: str) -> list[Any]:
    if not isinstance(data, dict) or not isinstance(data.get("callTranscripts"), list):
        raise TranscriptError(filename, 'not a Gong transcript: no "callTranscripts" list at the top level')
    return data["callTranscripts"]


def _parties(data: dict[str, Any]) -> dict[str, tuple[str, str | None]]:
    """speakerId -> (name, "internal"/"external"/None), from `parties` and every `calls[].parties`."""
    lists = [data.get("parties")] + [call.get("parties") for call in data.get("calls") or [] if isinstance(call, dict)]
    found: dict[str, tuple[str, str | None]] = {}
    for party in (p for parties in lists if isinstance(parties, list) for p in parties):
        if isinstance(party, dict) and party.get("speakerId") is not None:
            name = party.get("name") or party.get("emailAddress") or f"Speaker {party['speakerId']}"
            affiliation = str(party.get("affiliation") or "").lower()
            found[str(party["speakerId"])] = (str(name), affiliation if affiliation in _AFFILIATIONS else None)
    return found


def _list(parent: Any, key: str, where: str, filename: str) -> list[Any]:
    value = parent.get(key) if isinstance(parent, dict) else None
    if not isinstance(value, list):
        raise TranscriptError(filename, f'{where}: expected a "{key}" list')
    return value


def _speaker_id(monologue: Any, where: str, filename: str) -> str:
    speaker_id = monologue.get("speakerId") if isinstance(monologue, dict) else None
    if not isinstance(speaker_id, str | int) or isinstance(speaker_id, bool):
        raise TranscriptError(filename, f'{where}: "speakerId" is missing or not a string')
    return str(speaker_id)


def _sentence(sentence: Any, where: str, filename: str) -> tuple[str, float | None]:
    if not isinstance(sentence, dict) or not isinstance(sentence.get("text"), str):
        raise TranscriptError(filename, f'{where}: expected an object with a "text" string')
    start = sentence.get("start")
    seconds = start / 1000 if isinstance(start, int | float) and not isinstance(start, bool) else None
    return sentence["text"], seconds


FORMAT = Format(name="gong-json", sniff=sniff, parse=parse, meta=meta)
