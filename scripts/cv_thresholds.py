"""Per-theme coding thresholds from 4-fold cross-validation over the training interviews (corpus/interviews).

A development tool, not part of the engine: trains the classifier four times (the corpus statements plus three
quarters of the training interviews), codes the held-out quarter with every threshold at zero, and searches,
theme by theme, the threshold that gives the best held-out theme micro-F1. The development set is not used.
Prints the global figures, the per-theme optimum, and the optimum halved back toward train.DEFAULT_THRESHOLD
(what train.THEME_THRESHOLDS holds). Takes several minutes on two cores.

    .venv/bin/python scripts/cv_thresholds.py
"""

from __future__ import annotations

import json

import numpy as np

import winloss.analysis.coder as coder_module
from winloss.analysis import train as T
from winloss.analysis.classify import Classifier
from winloss.analysis.embed import shared_embedder
from winloss.analysis.evaluate import _norm
from winloss.analysis.program import load_program
from winloss.analysis.transcripts import read_transcript

FOLDS = 4


def held_out_scores() -> list[tuple[set[str], dict[str, float]]]:
    """(gold themes, {theme: score}) for every buyer turn of every training interview, scored by a classifier
    that did not see that interview."""
    coder_module.MAX_THEMES_PER_TURN = 14  # every theme scored; the cap is applied in `f1`
    embedder = shared_embedder()
    cases = T.corpus_interviews()
    out = []
    for fold in range(FOLDS):
        trained = T.train(T.corpus_files(), interviews=[c for k, c in enumerate(cases) if k % FOLDS != fold],
                          embedder=embedder)
        clf = Classifier(trained.themes, trained.theme_coef, trained.theme_intercept, np.zeros(len(trained.themes)),
                         trained.polarity_coef, trained.polarity_intercept, trained.info, trained.vocabulary,
                         trained.idf)
        for case in cases[fold::FOLDS]:
            gold = json.loads((case / "gold.json").read_text(encoding="utf-8"))
            coded = coder_module.Coder(load_program(case / "program.toml"), classifier=clf, embedder=embedder).code(
                read_transcript(next(case.glob("transcript.*"))), outcome=gold["outcome"])
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


def f1(turns: list[tuple[set[str], dict[str, float]]], limits: dict[str, float]) -> float:
    tp = fp = fn = 0
    for gold, scores in turns:
        ranked = sorted(scores, key=lambda t: -scores[t])[:4]
        got = {t for t in ranked if scores[t] >= limits[t]}
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


if __name__ == "__main__":
    main()
