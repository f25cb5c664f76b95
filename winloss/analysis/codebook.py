"""The codebook: themes a buyer statement can be coded with. The default one is data (codebook.toml)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

DEFAULT_CODEBOOK = Path(__file__).resolve().parent / "codebook.toml"
POLARITIES = ("positive", "negative", "neutral")


@dataclass(frozen=True)
class Theme:
    id: str
    label: str
    description: str
    examples: tuple[str, ...] = ()


@dataclass(frozen=True)
class Codebook:
    name: str
    themes: tuple[Theme, ...]

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(t.id for t in self.themes)

    def theme(self, theme_id: str) -> Theme:
        for theme in self.themes:
            if theme.id == theme_id:
                return theme
        raise KeyError(theme_id)


def load_codebook(path: str | Path = DEFAULT_CODEBOOK) -> Codebook:
    """Read a codebook TOML: name, and [[themes]] with id, label, description and optional examples."""
    data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    themes = []
    for i, entry in enumerate(data.get("themes", [])):
        missing = [k for k in ("id", "label", "description") if not entry.get(k)]
        if missing:
            raise ValueError(f"{path}: themes[{i}] lacks {', '.join(missing)}")
        themes.append(Theme(entry["id"], entry["label"], entry["description"], tuple(entry.get("examples", []))))
    ids = [t.id for t in themes]
    if len(set(ids)) != len(ids) or not ids:
        raise ValueError(f"{path}: theme ids must be present and unique")
    return Codebook(data.get("name", Path(path).stem), tuple(themes))
