"""An interview's coding folded by theme: what the insights need of its codes, small enough to store with the
interview (`Interview.coded_themes`) so that the insights read one row per interview, not every code.
No Django here."""

from __future__ import annotations

from collections.abc import Container, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from winloss.analysis.program import US


@dataclass(frozen=True, slots=True)
class CodedThemes:
    """What an interview's effective codes say, folded by theme. A theme is our strength when a code judges us
    positively on it, our weakness when one judges us negatively (both can hold); a competitor's, when a code
    judges that competitor (by id). Neutral codes, and codes about no vendor or a vendor that is not a competitor
    on record, count only as mentions."""

    mentions: frozenset[str] = frozenset()
    strengths: frozenset[str] = frozenset()
    weaknesses: frozenset[str] = frozenset()
    rival_strengths: Mapping[int, frozenset[str]] = field(default_factory=dict)
    rival_weaknesses: Mapping[int, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, codes: Iterable[tuple[str, str, str, int | None]]) -> CodedThemes:
        """From effective codes as (theme, polarity, vendor, competitor id or None)."""
        mentions: set[str] = set()
        ours: dict[str, set[str]] = {"positive": set(), "negative": set()}
        rivals: dict[str, dict[int, set[str]]] = {"positive": {}, "negative": {}}
        for theme, polarity, vendor, competitor_id in codes:
            mentions.add(theme)
            if polarity not in ours:
                continue
            if vendor == US:
                ours[polarity].add(theme)
            elif competitor_id is not None:
                rivals[polarity].setdefault(competitor_id, set()).add(theme)
        return cls(frozenset(mentions), frozenset(ours["positive"]), frozenset(ours["negative"]),
                   {k: frozenset(v) for k, v in rivals["positive"].items()},
                   {k: frozenset(v) for k, v in rivals["negative"].items()})

    def as_json(self) -> dict[str, object]:
        """As JSON values (sorted lists; competitor ids as strings), for storing."""
        return {"mentions": sorted(self.mentions), "strengths": sorted(self.strengths),
                "weaknesses": sorted(self.weaknesses),
                "rival_strengths": {str(k): sorted(v) for k, v in sorted(self.rival_strengths.items())},
                "rival_weaknesses": {str(k): sorted(v) for k, v in sorted(self.rival_weaknesses.items())}}


class ThemesReader:
    """Reads many stored `CodedThemes` back (see `CodedThemes.as_json`). Equal sets among them are one shared object:
    thousands of interviews hold far fewer distinct theme sets, and fewer objects are quicker to build and for the
    garbage collector to walk. Judgements of competitors not among `competitors` (removed since) are left out, as
    the codes of a removed competitor no longer name one."""

    def __init__(self, competitors: Container[int]) -> None:
        self.competitors = competitors
        self._sets: dict[tuple, frozenset] = {}

    def shared(self, values: Iterable[Hashable]) -> frozenset:
        """The one frozenset of these values, given in a canonical (sorted) order."""
        key = tuple(values)
        found = self._sets.get(key)
        if found is None:
            found = self._sets[key] = frozenset(key)
        return found

    def __call__(self, data: Mapping[str, Any]) -> CodedThemes:
        return CodedThemes(self.shared(data.get("mentions", ())), self.shared(data.get("strengths", ())),
                           self.shared(data.get("weaknesses", ())), self._rivals(data.get("rival_strengths", {})),
                           self._rivals(data.get("rival_weaknesses", {})))

    def _rivals(self, judged: Mapping[str, list[str]]) -> dict[int, frozenset[str]]:
        return {int(k): self.shared(v) for k, v in judged.items() if int(k) in self.competitors}
