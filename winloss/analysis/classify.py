"""The statement classifier: which themes a statement is about, and its polarity.

Both are logistic regressions over two views of a statement: its MiniLM sentence embedding (meaning) and
TF-IDF weights of its words and word pairs (the wording that carries judgement: "slow", "cheaper",
"never got back"). They are trained by `winloss train` from the labelled corpus (corpus/) and any
corrections, and shipped as plain arrays and a vocabulary in model/classifier.npz.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from winloss.analysis.codebook import POLARITIES

DEFAULT_MODEL = Path(__file__).resolve().parent / "model" / "classifier.npz"


class ModelMissingError(RuntimeError):
    """No trained classifier where one was expected."""


NGRAMS = (1, 2)


@dataclass(frozen=True)
class Features:
    words: object  # scipy sparse matrix (texts x vocabulary), or None for a classifier without a word view
    vectors: np.ndarray  # (texts, 384) sentence embeddings


def make_vectorizer(vocabulary: dict[str, int] | None = None, idf: np.ndarray | None = None):  # type: ignore[no-untyped-def]
    """The word view: sublinear TF-IDF of words and word pairs (fitted when no vocabulary is given)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(ngram_range=NGRAMS, min_df=2, sublinear_tf=True, vocabulary=vocabulary)
    if idf is not None:
        vectorizer.idf_ = idf
    return vectorizer


@dataclass(frozen=True)
class Classifier:
    """Coefficient rows are [word weights..., embedding weights...]."""

    themes: tuple[str, ...]
    theme_coef: np.ndarray  # (themes, dims)
    theme_intercept: np.ndarray  # (themes,)
    thresholds: np.ndarray  # (themes,) probability above which a theme is coded
    polarity_coef: np.ndarray  # (3, dims), rows in POLARITIES order
    polarity_intercept: np.ndarray  # (3,)
    info: dict
    vocabulary: tuple[str, ...] = ()
    idf: np.ndarray = field(default_factory=lambda: np.zeros(0))

    def __post_init__(self) -> None:
        vocabulary = {term: i for i, term in enumerate(self.vocabulary)}
        object.__setattr__(self, "_words", make_vectorizer(vocabulary, self.idf) if vocabulary else None)

    def features(self, texts: list[str], vectors: np.ndarray) -> Features:
        """Both views of each text; the word view stays sparse (a statement uses few of the words)."""
        words = self._words.transform(texts) if self._words is not None else None  # type: ignore[attr-defined]
        return Features(words, vectors)

    def _logits(self, features: Features, coef: np.ndarray, intercept: np.ndarray) -> np.ndarray:
        width = len(self.vocabulary)
        logits = features.vectors @ coef[:, width:].T + intercept
        if features.words is not None:
            logits += np.asarray(features.words @ coef[:, :width].T)
        return logits

    @classmethod
    def load(cls, path: str | Path = DEFAULT_MODEL) -> Classifier:
        path = Path(path)
        if not path.is_file():
            raise ModelMissingError(f"{path} does not exist: train the classifier with `winloss train`")
        with np.load(path, allow_pickle=False) as data:
            info = json.loads(str(data["info"]))
            return cls(tuple(info["themes"]), data["theme_coef"], data["theme_intercept"], data["thresholds"],
                       data["polarity_coef"], data["polarity_intercept"], info,
                       tuple(json.loads(str(data["vocabulary"]))), data["idf"])

    def save(self, path: str | Path) -> None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(path, theme_coef=self.theme_coef.astype(np.float32),
                            theme_intercept=self.theme_intercept.astype(np.float32),
                            thresholds=self.thresholds.astype(np.float32),
                            polarity_coef=self.polarity_coef.astype(np.float32),
                            polarity_intercept=self.polarity_intercept.astype(np.float32),
                            info=np.array(json.dumps({**self.info, "themes": list(self.themes)})),
                            vocabulary=np.array(json.dumps(list(self.vocabulary))), idf=self.idf.astype(np.float64))

    def theme_probabilities(self, features: Features) -> np.ndarray:
        return _sigmoid(self._logits(features, self.theme_coef, self.theme_intercept))

    def polarity_probabilities(self, features: Features) -> np.ndarray:
        """Columns in POLARITIES order: positive, negative, neutral."""
        logits = self._logits(features, self.polarity_coef, self.polarity_intercept)
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return exp / exp.sum(axis=1, keepdims=True)


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(x, -30, 30)))


assert POLARITIES == ("positive", "negative", "neutral")
