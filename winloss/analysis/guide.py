"""The interview guide as data: areas with open questions and probes, variants by outcome, and the opening words
that promise confidentiality. Guides are plain dicts when stored (the web app keeps versions of them) and
`Guide` objects when used.

    guide = load_guide()                     # the standard guide shipped with Winloss
    for question in guide.questions_for("lost"): ...
    transcript = answers_transcript(guide, {"decision-lost": "They were cheaper."}, "lost")
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass
from pathlib import Path

from winloss.analysis.transcripts import Transcript, Turn

DEFAULT_GUIDE = Path(__file__).resolve().parent / "guide.toml"
OUTCOMES = ("won", "lost", "no_decision")
INTERVIEWER, BUYER = "Interviewer", "Buyer"


class GuideError(ValueError):
    """A guide that cannot be used; names the area or question."""


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    probes: tuple[str, ...] = ()
    outcomes: tuple[str, ...] = ()  # empty: asked whatever the outcome
    rating: bool = False  # the survey asks for a 1-5 rating beside the open answer
    survey: bool = True  # the question is part of the buyer's self-serve survey

    def asked_for(self, outcome: str | None) -> bool:
        return not self.outcomes or outcome is None or outcome in self.outcomes


@dataclass(frozen=True)
class Area:
    id: str
    title: str
    themes: tuple[str, ...]
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class Guide:
    name: str
    opening: str
    closing: str
    areas: tuple[Area, ...]

    @classmethod
    def from_dict(cls, data: dict) -> Guide:
        seen: set[str] = set()
        areas = []
        for n, area in enumerate(data.get("areas", []), start=1):
            if not area.get("id") or not area.get("title"):
                raise GuideError(f"area {n}: needs an id and a title")
            questions = []
            for m, q in enumerate(area.get("questions", []), start=1):
                if not q.get("id") or not q.get("text"):
                    raise GuideError(f"area {area['id']}, question {m}: needs an id and a text")
                if q["id"] in seen:
                    raise GuideError(f"question {q['id']}: the id is used twice")
                bad = set(q.get("outcomes", [])) - set(OUTCOMES)
                if bad:
                    raise GuideError(f"question {q['id']}: unknown outcome {sorted(bad)[0]!r}")
                seen.add(q["id"])
                questions.append(Question(q["id"], q["text"], tuple(q.get("probes", [])), tuple(q.get("outcomes", [])),
                                          bool(q.get("rating", False)), bool(q.get("survey", True))))
            areas.append(Area(area["id"], area["title"], tuple(area.get("themes", [])), tuple(questions)))
        if not areas:
            raise GuideError("a guide needs at least one area")
        return cls(data.get("name", "Interview guide"), data.get("opening", ""), data.get("closing", ""),
                   tuple(areas))

    def as_dict(self) -> dict:
        return {"name": self.name, "opening": self.opening, "closing": self.closing,
                "areas": [{"id": a.id, "title": a.title, "themes": list(a.themes),
                           "questions": [{"id": q.id, "text": q.text, "probes": list(q.probes),
                                          "outcomes": list(q.outcomes), "rating": q.rating, "survey": q.survey}
                                         for q in a.questions]} for a in self.areas]}

    def questions_for(self, outcome: str | None) -> list[tuple[Area, Question]]:
        """The questions for a deal with this outcome (won, lost, no_decision), in guide order."""
        return [(a, q) for a in self.areas for q in a.questions if q.asked_for(outcome)]

    def question(self, question_id: str) -> Question:
        for area in self.areas:
            for q in area.questions:
                if q.id == question_id:
                    return q
        raise KeyError(question_id)


def load_guide(path: str | Path = DEFAULT_GUIDE) -> Guide:
    return Guide.from_dict(tomllib.loads(Path(path).read_text(encoding="utf-8")))


def parse_guide(text: str) -> Guide:
    """A guide from TOML text (as the guide editor takes it); GuideError names the line or the area/question."""
    try:
        return Guide.from_dict(tomllib.loads(text))
    except tomllib.TOMLDecodeError as error:
        raise GuideError(f"not valid TOML: {error}") from error


def guide_toml(guide: Guide) -> str:
    """The guide as TOML text that parse_guide reads back unchanged."""
    def s(value: str) -> str:  # a JSON string is a valid TOML basic string
        return json.dumps(value, ensure_ascii=False)

    lines = [f"name = {s(guide.name)}", f"opening = {s(guide.opening)}", f"closing = {s(guide.closing)}"]
    for area in guide.areas:
        lines += ["", "[[areas]]", f"id = {s(area.id)}", f"title = {s(area.title)}",
                  f"themes = [{', '.join(s(t) for t in area.themes)}]"]
        for q in area.questions:
            lines += ["", "[[areas.questions]]", f"id = {s(q.id)}", f"text = {s(q.text)}",
                      f"probes = [{', '.join(s(p) for p in q.probes)}]"]
            lines += [f"outcomes = [{', '.join(s(o) for o in q.outcomes)}]"] if q.outcomes else []
            lines += ["rating = true"] if q.rating else []
            lines += ["survey = false"] if not q.survey else []
    return "\n".join(lines) + "\n"


def fill(text: str, **names: str) -> str:
    """Put the company's and interviewer's names into a question ("What led you to choose {company}?")."""
    for key, value in names.items():
        text = text.replace("{" + key + "}", value)
    return text


def answers_transcript(guide: Guide, answers: dict[str, str], outcome: str | None = None, *, company: str = "us",
                       buyer: str = BUYER) -> Transcript:
    """Notes or survey answers as a transcript the coder reads like a call: each answered question becomes an
    interviewer turn and its answer a buyer turn."""
    turns: list[Turn] = []
    for _, question in guide.questions_for(outcome):
        answer = " ".join(answers.get(question.id, "").split())
        if not answer:
            continue
        turns.append(Turn(len(turns), INTERVIEWER, fill(question.text, company=company), None))
        turns.append(Turn(len(turns), buyer, answer, None))
    return Transcript("guide-answers", turns)
