"""Analysts' corrections as labelled examples, and the classifier retrained from them.

Every statement of a reviewed interview is an example, labelled with the codes that count after review; a
statement whose codes were all rejected is an example of nothing to code. The retrained classifier is kept
under WINLOSS_DATA_DIR, and the web app's coder uses it in preference to the shipped one.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from pathlib import Path

from django.conf import settings

from winloss.analysis.classify import DEFAULT_MODEL, Classifier, OutdatedModelError
from winloss.analysis.text import sentence_spans
from winloss.analysis.train import corpus_files, corpus_interviews, statement_context, train
from winloss.interviews.models import Statement, Turn
from winloss.program.models import ProgramSettings

logger = logging.getLogger(__name__)


def trained_model_path() -> Path:
    """Where the classifier retrained with corrections is kept."""
    return Path(settings.DATA_DIR) / "model" / "classifier.npz"


def corrections_path() -> Path:
    """The corrections the retrained classifier learned from, kept beside it."""
    return Path(settings.DATA_DIR) / "model" / "corrections.jsonl"


def coding_classifier() -> Classifier:
    """The classifier the app codes with: the one retrained with corrections when there is one and it was trained
    for the inputs this version writes (classify.INPUTS), else the shipped one."""
    path = trained_model_path()
    if path.is_file():
        try:
            return Classifier.load(path)
        except OutdatedModelError:
            logger.warning("%s was trained by an older version of Winloss; coding with the shipped classifier until "
                           "it is retrained", path)
    return Classifier.load(DEFAULT_MODEL)


def correction_rows() -> list[dict]:
    """The statements of reviewed interviews with the codes that count, in the corpus's format (corpus/README.md)
    with real vendor names: our company's name for "us", the competitor's for a competitor, null for none."""
    us = ProgramSettings.current().company or "us"
    statements = (Statement.objects.filter(turn__interview__reviewed_at__isnull=False)
                  .select_related("turn").prefetch_related("codes").order_by("turn__interview", "turn__index", "start"))
    rows, previous = [], None
    for statement in statements:
        codes = [{"theme": c.theme, "polarity": c.polarity, "vendor": us if c.vendor == "us" else (c.vendor or None)}
                 for c in statement.codes.all() if not c.rejected]
        row: dict = {"text": statement.text, "codes": codes, "interview": statement.turn.interview_id}
        first, previous = statement.turn_id != previous, statement.turn_id
        # A short answer is read with the question it answers, as the coder reads it (train.statement_context).
        if first and (context := statement_context(0, statement.text, _question(statement.turn))):
            row["context"] = context
        rows.append(row)
    return rows


def _question(turn: Turn) -> str:
    before = Turn.objects.filter(interview_id=turn.interview_id, index__lt=turn.index).exclude(
        role="buyer").order_by("-index").values_list("text", flat=True).first() or ""
    spans = sentence_spans(before)
    return before[spans[-1][0]:spans[-1][1]] if spans else ""


def write_corrections(path: Path) -> int:
    """Write the corrections as JSON lines; how many statements."""
    rows = correction_rows()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    return len(rows)


def retrain(corpus_dir: Path | None = None, extra: Sequence[Path] = (), output: Path | None = None) -> Classifier:
    """Train the classifier on the labelled corpus (the shipped one by default), any extra files and the
    analysts' corrections, and save it where the app's coder loads it (or to `output`)."""
    write_corrections(corrections_path())
    files = [*(corpus_files(corpus_dir) if corpus_dir else corpus_files()), *extra, corrections_path()]
    interviews = corpus_interviews(corpus_dir / "interviews") if corpus_dir else corpus_interviews()
    classifier = train(files, interviews=interviews)
    target = output or trained_model_path()
    partial = target.with_name(target.stem + ".partial.npz")
    classifier.save(partial)
    partial.replace(target)  # a coder loading the model meanwhile reads the old file or the new, never half of one
    return classifier
