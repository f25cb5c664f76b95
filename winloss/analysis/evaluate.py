"""Score the coder on labelled cases (eval/FORMAT.md): `winloss eval DIR`."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from winloss.analysis.coder import CodedInterview, Coder
from winloss.analysis.program import load_program
from winloss.analysis.transcripts import read_transcript


@dataclass
class Tally:
    """Counts summed over cases, from which every figure is computed."""

    roles_right: int = 0
    roles: int = 0
    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)
    vendor_right: int = 0
    polarity_right: int = 0
    found: int = 0
    reason_hits: int = 0
    cases: int = 0
    competitor_tp: int = 0
    competitor_fp: int = 0
    competitor_fn: int = 0
    name_leaks: int = 0

    def add(self, other: Tally) -> None:
        for name, value in vars(other).items():
            if isinstance(value, Counter):
                getattr(self, name).update(value)
            else:
                setattr(self, name, getattr(self, name) + value)

    def figures(self) -> dict[str, float | int]:
        tp, fp, fn = sum(self.tp.values()), sum(self.fp.values()), sum(self.fn.values())
        themes = set(self.tp) | set(self.fp) | set(self.fn)
        return {
            "cases": self.cases,
            "roles": _ratio(self.roles_right, self.roles),
            "theme_micro_f1": _f1(tp, fp, fn),
            "theme_macro_f1": sum(_f1(self.tp[t], self.fp[t], self.fn[t]) for t in themes) / len(themes)
            if themes else 0.0,
            "vendor": _ratio(self.vendor_right, self.found),
            "polarity": _ratio(self.polarity_right, self.found),
            "first_reason_in_top3": _ratio(self.reason_hits, self.cases),
            "competitor_f1": _f1(self.competitor_tp, self.competitor_fp, self.competitor_fn),
            "name_leaks": self.name_leaks,
        }


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def _f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def case_dirs(path: Path) -> list[Path]:
    if (path / "gold.json").is_file():
        return [path]
    return sorted(p for p in path.iterdir() if (p / "gold.json").is_file())


def score_case(case: Path) -> tuple[Tally, CodedInterview]:
    gold = json.loads((case / "gold.json").read_text(encoding="utf-8"))
    program = load_program(case / "program.toml")
    transcript = read_transcript(next(case.glob("transcript.*")))
    coded = Coder(program).code(transcript, outcome=gold.get("outcome"))  # the CRM knows the outcome
    tally = Tally(cases=1)
    _score_roles(tally, gold, coded)
    _score_turns(tally, gold, coded)
    tally.reason_hits = int(bool(gold["primary_reasons"]) and gold["primary_reasons"][0] in coded.primary_reasons[:3])
    found = {c["name"] for c in coded.competitors}
    wanted = set(gold.get("competitors_mentioned", []))
    tally.competitor_tp, tally.competitor_fp, tally.competitor_fn = (
        len(found & wanted), len(found - wanted), len(wanted - found))
    for quote in coded.quotes:
        for name in gold.get("names_to_redact", []):
            if re.search(rf"\b{re.escape(name)}\b", quote.redacted, re.IGNORECASE):
                tally.name_leaks += 1
    return tally, coded


def _score_roles(tally: Tally, gold: dict, coded: CodedInterview) -> None:
    # Labels are compared without case: an SRT may write "DENISE HOLLOWAY" where gold says "Denise Holloway".
    predicted = {t.speaker.casefold(): t.role for t in coded.turns}
    expected = {gold["interviewer"]: "interviewer", **dict.fromkeys(gold["buyers"], "buyer")}
    tally.roles = len(expected)
    tally.roles_right = sum(predicted.get(s.casefold()) == r for s, r in expected.items())


def _norm(text: str) -> str:
    return " ".join(re.findall(r"[\w']+", text.lower()))


def _score_turns(tally: Tally, gold: dict, coded: CodedInterview) -> None:
    position = 0
    for gold_turn in gold["turns"]:
        start = _norm(gold_turn["text_start"])
        match = None
        for k in range(position, len(coded.turns)):
            turn = coded.turns[k]
            if turn.speaker.casefold() == gold_turn["speaker"].casefold() and _norm(turn.text).startswith(start):
                match, position = turn, k + 1
                break
        predicted = match.codes if match is not None and match.role == "buyer" else []
        wanted = {c["id"] for c in gold_turn["themes"]}
        got = {c.theme for c in predicted}
        for theme in wanted | got:
            counter = tally.tp if theme in wanted and theme in got else tally.fp if theme in got else tally.fn
            counter[theme] += 1
        for code in gold_turn["themes"]:
            if code["id"] not in got:
                continue
            tally.found += 1
            same_theme = [c for c in predicted if c.theme == code["id"]]
            same_vendor = [c for c in same_theme if c.vendor == code["vendor"]]
            tally.vendor_right += bool(same_vendor)
            tally.polarity_right += (same_vendor or same_theme)[0].polarity == code["polarity"]


def evaluate(path: Path) -> tuple[dict[str, float | int], list[tuple[str, dict[str, float | int]]]]:
    total = Tally()
    per_case = []
    for case in case_dirs(path):
        tally, _ = score_case(case)
        per_case.append((case.name, tally.figures()))
        total.add(tally)
    return total.figures(), per_case
