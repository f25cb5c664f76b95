"""The statement classifier: which themes a statement is about, and its polarity.

Both are logistic regressions over two views of a statement: its MiniLM sentence embedding (meaning) and
TF-IDF weights of its words and word pairs (the wording that carries judgement: "slow", "cheaper",
"never got back"). They are trained by `winloss train` from the labelled corpus (corpus/) and any
corrections, and shipped as plain arrays and a vocabulary in model/classifier.npz.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from winloss.analysis.codebook import POLARITIES

DEFAULT_MODEL = Path(__file__).resolve().parent / "model" / "classifier.npz"
# The version of what a classifier reads and holds: how its inputs are written (target.aspect, WordView) and the
# arrays its file carries (3: the polarity shares and pair prior). A classifier of another version, such as one
# retrained from analysts' corrections by an older Winloss, reads today's inputs wrongly or lacks arrays, and must
# not be used.
INPUTS = 3


class ModelMissingError(RuntimeError):
    """No trained classifier where one was expected."""


class OutdatedModelError(RuntimeError):
    """A classifier trained by another version of Winloss, for other inputs or with other arrays (INPUTS)."""


TOKEN = re.compile(r"(?u)\b\w\w+\b")  # scikit-learn's default token pattern


def words_and_pairs(text: str) -> list[str]:
    """The terms of a text: its words and word pairs, as scikit-learn's default analyser counts them."""
    words = TOKEN.findall(text.lower())
    return words + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]


@dataclass(frozen=True)
class Features:
    words: object  # scipy sparse matrix (texts x vocabulary), or None for a classifier without a word view
    vectors: np.ndarray  # (texts, 384) sentence embeddings


@dataclass(frozen=True)
class WordView:
    """Sublinear TF-IDF of a text's terms (`words_and_pairs`), each row of unit length: what scikit-learn's
    TfidfVectorizer(sublinear_tf=True, min_df=2) computes, written out so that coding does not import scikit-learn
    (about 70 MB of memory). Terms are in sorted order, as scikit-learn orders them."""

    vocabulary: dict[str, int]
    idf: np.ndarray

    MIN_DOCUMENTS = 2  # a term in fewer training texts than this is not kept

    @classmethod
    def fit(cls, texts: list[str]) -> WordView:
        documents: Counter[str] = Counter()
        for text in texts:
            documents.update(set(words_and_pairs(text)))
        terms = sorted(term for term, n in documents.items() if n >= cls.MIN_DOCUMENTS)
        if not terms:
            raise ValueError(f"no word occurs in {cls.MIN_DOCUMENTS} or more of the {len(texts)} training texts")
        counts = np.array([documents[term] for term in terms], dtype=np.float64)
        return cls({term: i for i, term in enumerate(terms)}, np.log((1 + len(texts)) / (1 + counts)) + 1)

    def transform(self, texts: list[str]):  # type: ignore[no-untyped-def]
        from scipy.sparse import csr_matrix

        indptr, indices, values = [0], [], []
        for text in texts:
            counts = Counter(k for k in map(self.vocabulary.get, words_and_pairs(text)) if k is not None)
            columns = np.fromiter(sorted(counts), dtype=np.int64, count=len(counts))
            weights = (1 + np.log([counts[k] for k in columns])) * self.idf[columns] if len(columns) else np.zeros(0)
            norm = np.linalg.norm(weights)
            indices.extend(columns.tolist())
            values.extend((weights / norm if norm else weights).tolist())
            indptr.append(len(indices))
        return csr_matrix((np.array(values, dtype=np.float64), np.array(indices, dtype=np.int64), indptr),
                          shape=(len(texts), len(self.idf)))


@dataclass(frozen=True)
class Classifier:
    """Coefficient rows are [word weights..., embedding weights...]."""

    themes: tuple[str, ...]
    theme_coef: np.ndarray  # (themes, dims)
    theme_intercept: np.ndarray  # (themes,)
    thresholds: np.ndarray  # (themes,) probability above which a theme is coded
    polarity_coef: np.ndarray  # (3, dims), rows in POLARITIES order
    polarity_intercept: np.ndarray  # (3,)
    polarity_prior: np.ndarray  # (3,) share of each polarity among the polarity model's training examples
    pair_prior: np.ndarray  # (3, 3) how our and a rival's polarities on one theme in one turn go together
    info: dict
    vocabulary: tuple[str, ...] = ()
    idf: np.ndarray = field(default_factory=lambda: np.zeros(0))

    def __post_init__(self) -> None:
        vocabulary = {term: i for i, term in enumerate(self.vocabulary)}
        object.__setattr__(self, "_words", WordView(vocabulary, self.idf) if vocabulary else None)

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
            if info.get("inputs") != INPUTS:
                raise OutdatedModelError(f"{path} was trained by an older version of Winloss: retrain it")
            return cls(tuple(info["themes"]), data["theme_coef"], data["theme_intercept"], data["thresholds"],
                       data["polarity_coef"], data["polarity_intercept"], data["polarity_prior"], data["pair_prior"],
                       info, tuple(json.loads(str(data["vocabulary"]))), data["idf"])

    def save(self, path: str | Path) -> None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(path, theme_coef=self.theme_coef.astype(np.float32),
                            theme_intercept=self.theme_intercept.astype(np.float32),
                            thresholds=self.thresholds.astype(np.float32),
                            polarity_coef=self.polarity_coef.astype(np.float32),
                            polarity_intercept=self.polarity_intercept.astype(np.float32),
                            polarity_prior=self.polarity_prior.astype(np.float64),
                            pair_prior=self.pair_prior.astype(np.float64),
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
