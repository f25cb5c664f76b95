"""The statement classifier: which themes a statement is about, and its polarity.

Both are logistic regressions over MiniLM sentence embeddings, trained by `winloss train` from the
labelled corpus (corpus/) and any corrections, and shipped as plain arrays in model/classifier.npz, so
coding needs only numpy at run time.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from winloss.analysis.codebook import POLARITIES

DEFAULT_MODEL = Path(__file__).resolve().parent / "model" / "classifier.npz"


class ModelMissingError(RuntimeError):
    """No trained classifier where one was expected."""


@dataclass(frozen=True)
class Classifier:
    themes: tuple[str, ...]
    theme_coef: np.ndarray  # (themes, dims)
    theme_intercept: np.ndarray  # (themes,)
    thresholds: np.ndarray  # (themes,) probability above which a theme is coded
    polarity_coef: np.ndarray  # (3, dims), rows in POLARITIES order
    polarity_intercept: np.ndarray  # (3,)
    info: dict

    @classmethod
    def load(cls, path: str | Path = DEFAULT_MODEL) -> Classifier:
        path = Path(path)
        if not path.is_file():
            raise ModelMissingError(f"{path} does not exist: train the classifier with `winloss train`")
        with np.load(path, allow_pickle=False) as data:
            info = json.loads(str(data["info"]))
            return cls(tuple(info["themes"]), data["theme_coef"], data["theme_intercept"], data["thresholds"],
                       data["polarity_coef"], data["polarity_intercept"], info)

    def save(self, path: str | Path) -> None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(path, theme_coef=self.theme_coef.astype(np.float32),
                            theme_intercept=self.theme_intercept.astype(np.float32),
                            thresholds=self.thresholds.astype(np.float32),
                            polarity_coef=self.polarity_coef.astype(np.float32),
                            polarity_intercept=self.polarity_intercept.astype(np.float32),
                            info=np.array(json.dumps({**self.info, "themes": list(self.themes)})))

    def theme_probabilities(self, vectors: np.ndarray) -> np.ndarray:
        return _sigmoid(vectors @ self.theme_coef.T + self.theme_intercept)

    def polarity_probabilities(self, vectors: np.ndarray) -> np.ndarray:
        """Columns in POLARITIES order: positive, negative, neutral."""
        logits = vectors @ self.polarity_coef.T + self.polarity_intercept
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return exp / exp.sum(axis=1, keepdims=True)


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(x, -30, 30)))


assert POLARITIES == ("positive", "negative", "neutral")
