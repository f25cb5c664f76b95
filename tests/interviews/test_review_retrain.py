"""Retraining with analysts' corrections writes a model under WINLOSS_DATA_DIR, which the app's coder then uses."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from tests.factory import make_deal
from tests.interviews.review_data import make_coded_interview
from winloss.analysis.classify import INPUTS, Classifier
from winloss.analysis.train import CORPUS_DIR
from winloss.deals.models import Competitor
from winloss.interviews import review
from winloss.interviews.coding import code_interview
from winloss.interviews.corrections import coding_classifier, corrections_path, trained_model_path
from winloss.interviews.models import Answer, Code, GuideVersion, Interview, Stage
from winloss.interviews.tasks import retrain_task
from winloss.program.models import ProgramSettings


@pytest.fixture
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    return tmp_path


def notes_interview() -> Interview:
    ProgramSettings.objects.update_or_create(pk=1, defaults={"company": "Brightline", "aliases": []})
    Competitor.objects.get_or_create(name="Northwind", defaults={"aliases": []})
    interview = Interview.objects.create(deal=make_deal(outcome="lost"), guide_version=GuideVersion.current(),
                                         stage=Stage.SCHEDULED)
    Answer.objects.create(interview=interview, question="decision-lost",
                          text="Northwind had us live in six weeks; Brightline's implementation team could not "
                               "commit to a date at all. The price was also far too high.")
    return interview


def test_the_coder_uses_the_retrained_model_when_there_is_one(db, data_dir):
    shipped = coding_classifier()
    assert shipped.info == Classifier.load().info
    codes_nothing = dataclasses.replace(shipped, thresholds=np.full(len(shipped.themes), 2.0))
    codes_nothing.save(trained_model_path())
    interview = code_interview(notes_interview())
    assert interview.status == Interview.Status.CODED and not Code.objects.filter(
        statement__turn__interview=interview).exists()
    trained_model_path().unlink()
    interview = code_interview(notes_interview())
    assert Code.objects.filter(statement__turn__interview=interview).exists()


def test_a_model_retrained_by_an_older_version_for_other_inputs_is_not_used(db, data_dir, caplog):
    shipped = coding_classifier()
    older = dataclasses.replace(shipped, thresholds=np.full(len(shipped.themes), 2.0),
                                info={**shipped.info, "inputs": INPUTS - 1})
    older.save(trained_model_path())
    assert coding_classifier().thresholds.max() < 1
    assert "trained by an older version" in caplog.text


def test_the_retrain_task_learns_from_the_corrections_and_the_coder_loads_it(people, data_dir):
    corpus = data_dir / "corpus"
    corpus.mkdir()
    lines = 0
    for path in sorted(CORPUS_DIR.glob("statements-*.jsonl")):  # a few of each file: enough to learn every theme
        head = path.read_text(encoding="utf-8").splitlines()[:6]
        (corpus / path.name).write_text("\n".join(head) + "\n", encoding="utf-8")
        lines += len(head)
    interview = make_coded_interview()
    review.reject(Code.objects.get(theme="support"), people["analyst"])
    review.mark_reviewed(interview, people["analyst"])
    result = retrain_task.enqueue(corpus_dir=str(corpus))
    assert result.return_value["statements"] == lines + 3
    assert trained_model_path().is_file() and not list(trained_model_path().parent.glob("*.partial.npz"))
    assert len(corrections_path().read_text(encoding="utf-8").splitlines()) == 3
    assert coding_classifier().info["corpus_sha256"] == result.return_value["corpus_sha256"]
    assert code_interview(notes_interview()).status == Interview.Status.CODED


def test_winloss_train_with_corrections_writes_the_apps_model(people, data_dir):
    from click.testing import CliRunner

    from winloss.cli import main

    corpus = data_dir / "corpus"
    corpus.mkdir()
    for path in sorted(CORPUS_DIR.glob("statements-*.jsonl")):
        (corpus / path.name).write_text("\n".join(path.read_text(encoding="utf-8").splitlines()[:6]) + "\n",
                                        encoding="utf-8")
    interview = make_coded_interview()
    review.mark_reviewed(interview, people["analyst"])
    result = CliRunner().invoke(main, ["train", "--corpus", str(corpus), "--corrections"])
    assert result.exit_code == 0, result.output
    assert str(trained_model_path()) in result.output and trained_model_path().is_file()
    assert f'"interview": {interview.pk}' in corrections_path().read_text(encoding="utf-8")
