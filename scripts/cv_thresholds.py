"""Per-theme coding thresholds from 4-fold cross-validation over the training interviews (corpus/interviews).

A development tool, not part of the engine: trains the classifier four times (the corpus statements plus three
quarters of the training interviews), codes the held-out quarter with every threshold at zero, and searches,
theme by theme, the threshold that gives the best held-out theme micro-F1. The development set is not used.
Prints the global figures, the per-theme optimum, the optimum halved back toward train.DEFAULT_THRESHOLD
(what train.THEME_THRESHOLDS holds), and the held-out figure with train.THEME_THRESHOLDS for several shares of the
strongest theme a turn's other themes must reach (coder.RUNNER_UP_SHARE). Takes several minutes on two cores.

    .venv/bin/python scripts/cv_thresholds.py
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np

import winloss.analysis.coder as coder_module
from winloss.analysis import train as T
from winloss.analysis.embed import shared_embedder
from winloss.analysis.evaluate import _norm
from winloss.analysis.program import load_program
from winloss.analysis.transcripts import read_transcript

FOLDS = 4


@contextmanager
def selection(most: int, runner_up_share: float) -> Iterator[None]:
    """The coder's choice of a turn's themes (coder._turn_themes) set for a while."""
    saved = coder_module.MAX_THEMES_PER_TURN, coder_module.RUNNER_UP_SHARE
    coder_module.MAX_THEMES_PER_TURN, coder_module.RUNNER_UP_SHARE = most, runner_up_share
    try:
        yield
    finally:
        coder_module.MAX_THEMES_PER_TURN, coder_module.RUNNER_UP_SHARE = saved


def held_out_scores() -> list[tuple[set[str], dict[str, float]]]:
    """(gold themes, {theme: score}) for every buyer turn of every training interview, scored by a classifier
    that did not see that interview."""
    embedder = shared_embedder()
    cases = T.corpus_interviews()
    out = []
    for fold in range(FOLDS):
        trained = T.train(T.corpus_files(), interviews=[c for k, c in enumerate(cases) if k % FOLDS != fold],
                          embedder=embedder)
        clf = dataclasses.replace(trained, thresholds=np.full(len(trained.themes), 1e-9))
        for case in cases[fold::FOLDS]:
            gold = json.loads((case / "gold.json").read_text(encoding="utf-8"))
            with selection(len(trained.themes), 0.0):  # every theme scored; `f1` chooses as the coder does
                coded = coder_module.Coder(load_program(case / "program.toml"), classifier=clf,
                                           embedder=embedder).code(read_transcript(next(case.glob("transcript.*"))),
                                                                   outcome=gold["outcome"])
            position = 0
            for wanted in gold["turns"]:
                start, match = _norm(wanted["text_start"]), None
                for k in range(position, len(coded.turns)):
                    turn = coded.turns[k]
                    if turn.speaker.casefold() == wanted["speaker"].casefold() and _norm(turn.text).startswith(start):
                        match, position = turn, k + 1
                        break
                scores: dict[str, float] = {}
                for code in match.codes if match else []:
                    scores[code.theme] = max(scores.get(code.theme, 0.0), code.confidence)
                out.append(({c["id"] for c in wanted["themes"]}, scores))
        print(f"fold {fold + 1} of {FOLDS} done", flush=True)
    return out


def f1(turns: list[tuple[set[str], dict[str, float]]], limits: dict[str, float],
       runner_up_share: float = coder_module.RUNNER_UP_SHARE) -> float:
    """Held-out theme micro-F1 with these thresholds, themes chosen as the coder chooses them."""
    themes = list(limits)
    thresholds = np.array([limits[t] for t in themes])
    tp = fp = fn = 0
    with selection(coder_module.MAX_THEMES_PER_TURN, runner_up_share):
        for gold, scores in turns:
            got = {themes[k] for k in coder_module._turn_themes(np.array([scores.get(t, 0.0) for t in themes]),
                                                                thresholds)}
            tp, fp, fn = tp + len(got & gold), fp + len(got - gold), fn + len(gold - got)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def main() -> None:
    turns = held_out_scores()
    themes = T.load_codebook().ids
    for value in (0.3, 0.35, 0.4, 0.45, 0.5):
        print(f"all themes at {value}: held-out micro-F1 {f1(turns, dict.fromkeys(themes, value)):.3f}")
    limits = dict.fromkeys(themes, T.DEFAULT_THRESHOLD)
    grid = np.arange(0.2, 0.75, 0.025)
    for _ in range(2):  # coordinate ascent, ties broken toward the default
        for theme in themes:
            limits[theme] = round(float(max(grid, key=lambda x: (f1(turns, {**limits, theme: x}),
                                                                  -abs(x - T.DEFAULT_THRESHOLD)))), 3)
    print("per-theme optimum", limits, f"{f1(turns, limits):.3f}")
    shrunk = {t: round((v + T.DEFAULT_THRESHOLD) / 2, 3) for t, v in limits.items()}
    print("halved toward the default", shrunk, f"{f1(turns, shrunk):.3f}")
    shipped = {t: T.THEME_THRESHOLDS.get(t, T.DEFAULT_THRESHOLD) for t in themes}
    for share in (0.0, 0.4, 0.5, 0.6, 0.7, 0.8):
        print(f"train.THEME_THRESHOLDS, runner-up share {share}: held-out micro-F1 {f1(turns, shipped, share):.3f}")


if __name__ == "__main__":
    main()
