"""An interview's coding folded by theme: what the insights need of its codes, small enough to store with the
interview (`Interview.coded_themes`) so that the insights read one row per interview, not every code.
No Django here."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from winloss.analysis.program import US


@dataclass(frozen=True)
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

    @classmethod
    def from_json(cls, data: Mapping[str, object], competitors: Iterable[int]) -> CodedThemes:
        """Read back what `as_json` stored; judgements of competitors not among `competitors` (removed since)
        are left out, as the codes of a removed competitor no longer name one."""
        known = set(competitors)

        def rivals(judged: Mapping[str, list[str]]) -> dict[int, frozenset[str]]:
            return {int(k): frozenset(v) for k, v in judged.items() if int(k) in known}

        return cls(frozenset(data.get("mentions", ())), frozenset(data.get("strengths", ())),
                   frozenset(data.get("weaknesses", ())), rivals(data.get("rival_strengths", {})),
                   rivals(data.get("rival_weaknesses", {})))
