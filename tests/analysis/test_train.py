"""`winloss train` learns from labelled statements (and corrections) and writes a classifier that codes."""

from __future__ import annotations

import json

from click.testing import CliRunner

from winloss.analysis.classify import Classifier
from winloss.analysis.codebook import load_codebook
from winloss.cli import main

PHRASES = {
    "price": "{COMP} was far cheaper than {US} for the same seats",
    "commercial_terms": "{US} insisted on a three year contract paid up front",
    "product_fit": "{US} had no way to handle our multi-currency consolidation",
    "ease_of_use": "our staff found the {US} screens confusing and cluttered",
    "integration": "the {US} connector to our warehouse kept failing",
    "security_compliance": "{US} could not show us a SOC 2 report",
    "differentiation": "I never understood how {US} was different from the rest",
    "sales_experience": "the {US} rep clearly had not listened to our needs",
    "responsiveness": "it took {US} three weeks to answer a simple question",
    "implementation": "the {US} onboarding plan would have taken nine months",
    "support": "{COMP} support tickets sat unanswered for days",
    "reputation": "two peers told us {US} was great to work with",
    "relationship": "we had been with {COMP} for ten years already",
    "buyer_context": "our budget was frozen after the reorganisation",
}


def write_corpus(folder, extra_word: str = "") -> None:
    lines = []
    for theme, phrase in PHRASES.items():
        for n in range(6):
            text = f"{phrase}{extra_word}, honestly, variant {n}."
            polarity = ("negative", "positive", "neutral")[n % 3]
            lines.append({"text": text, "codes": [{"theme": theme, "polarity": polarity, "vendor": "US"}]})
    lines += [{"text": f"Sure, happy to chat, give me {n} minutes.", "codes": []} for n in range(6)]
    (folder / "statements.jsonl").write_text("\n".join(json.dumps(line) for line in lines))


def test_train_writes_a_classifier_for_every_theme(tmp_path):
    write_corpus(tmp_path)
    output = tmp_path / "model.npz"
    result = CliRunner().invoke(main, ["train", "--corpus", str(tmp_path), "--output", str(output)])
    assert result.exit_code == 0, result.output
    classifier = Classifier.load(output)
    assert classifier.themes == load_codebook().ids
    assert classifier.info["statements"] == len(PHRASES) * 6 + 6


def test_extra_labelled_statements_change_what_is_learned(tmp_path):
    write_corpus(tmp_path)
    corrections = tmp_path.parent / f"{tmp_path.name}-corrections.jsonl"
    corrections.write_text("\n".join(json.dumps({"text": f"the zorblax gadget broke again, case {n}",
                                                  "codes": [{"theme": "support", "polarity": "negative",
                                                             "vendor": "us"}]}) for n in range(8)))
    without, with_extra = tmp_path / "a.npz", tmp_path / "b.npz"
    assert CliRunner().invoke(main, ["train", "--corpus", str(tmp_path), "--output", str(without)]).exit_code == 0
    assert CliRunner().invoke(main, ["train", "--corpus", str(tmp_path), "--extra", str(corrections),
                                     "--output", str(with_extra)]).exit_code == 0
    assert "zorblax" not in Classifier.load(without).vocabulary
    assert "zorblax" in Classifier.load(with_extra).vocabulary


def test_a_bad_corpus_line_is_named(tmp_path):
    (tmp_path / "bad.jsonl").write_text('{"text": "ok", "codes": [{"theme": "pricing", "polarity": "negative"}]}\n')
    result = CliRunner().invoke(main, ["train", "--corpus", str(tmp_path), "--output", str(tmp_path / "m.npz")])
    assert result.exit_code == 2
    assert "bad.jsonl, line 1: unknown theme 'pricing'" in result.stderr


def test_polarity_is_learned_per_code_so_mixed_judgements_of_one_vendor_both_teach():
    from winloss.analysis.target import aspect
    from winloss.analysis.train import polarity_targets

    codes = [{"theme": "product_fit", "polarity": "positive", "vendor": "COMP"},
             {"theme": "price", "polarity": "negative", "vendor": "COMP"},
             {"theme": "price", "polarity": "positive", "vendor": "US"},
             {"theme": "buyer_context", "polarity": "neutral", "vendor": None}]
    assert polarity_targets(codes, named={"COMP"}, you=False) == [
        ("product_fit", "COMP", "positive"), ("price", "COMP", "negative"), ("buyer_context", None, "neutral")]
    # "you" tells the reader we are judged, so our code teaches too
    assert ("price", "us", "positive") in polarity_targets(codes, named={"COMP"}, you=True)
    assert aspect("commercial_terms", "zztarget wanted 3 years.").startswith(
        "commercial terms: zztarget wanted 3 years.")


def test_the_word_view_computes_what_scikit_learn_computes():
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    from winloss.analysis.classify import WordView, words_and_pairs
    from winloss.analysis.target import aspect
    from winloss.analysis.train import corpus_files

    texts = [json.loads(line)["text"] for path in corpus_files() for line in path.read_text().splitlines()[:40]]
    texts += [aspect("price", "zztarget was about twelve percent more than zzother."), "", "Great great great, ok."] * 2
    ours = WordView.fit(texts)
    theirs = TfidfVectorizer(analyzer=words_and_pairs, min_df=2, sublinear_tf=True).fit(texts)
    assert ours.vocabulary == theirs.vocabulary_
    assert np.allclose(ours.idf, theirs.idf_)
    assert "zzpricemore" in ours.vocabulary
    probe = texts[::7] + ["Nothing here is in the vocabulary: qwxz.", "Cheaper, cheaper and cheaper."]
    assert np.allclose(ours.transform(probe).toarray(), theirs.transform(probe).toarray())
    # and the terms are those of scikit-learn's own analyser, which trained the models before WordView
    default = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True).fit(texts)
    assert ours.vocabulary == default.vocabulary_
    assert np.allclose(ours.transform(probe).toarray(), default.transform(probe).toarray())


def test_a_classifier_trained_by_an_older_version_is_refused_on_load(tmp_path):
    import dataclasses

    import pytest

    from winloss.analysis.classify import INPUTS, OutdatedModelError

    older = tmp_path / "older.npz"
    shipped = Classifier.load()
    dataclasses.replace(shipped, info={**shipped.info, "inputs": INPUTS - 1}).save(older)
    with pytest.raises(OutdatedModelError, match="older.npz was trained by an older version"):
        Classifier.load(older)
