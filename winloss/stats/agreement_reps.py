"""What reps say against what buyers say, over plain data. No Django here.

A deal is compared when both sides are known: the rep's reason as one codebook theme (their form, or the CRM
reason through the program's mapping) and the buyer's primary reasons (one to three themes, most decisive
first). They agree *strictly* when the rep's theme is the buyer's first reason, and *leniently* when it is any of
the buyer's reasons. A deal whose rep reason maps to no theme (not yet mapped, or marked as not a reason, like
"Lost to competitor") is counted apart as unmapped, never as a disagreement."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from winloss.stats import Rate, rate

PRICE = "price"
FORM, CRM = "form", "crm"  # where the rep's reason came from

# Words a CRM reason is written with, by codebook theme; the longest match wins, so "budget freeze" is the buyer's
# situation while "budget" alone is price.
KEYWORDS: dict[str, tuple[str, ...]] = {
    "price": ("price", "pricing", "pricey", "expensive", "cost", "budget", "cheap", "discount"),
    "commercial_terms": ("contract", "terms", "payment", "procurement", "legal"),
    "product_fit": ("product", "feature", "functionality", "capabilit", "roadmap", "requirement"),
    "ease_of_use": ("usability", "ease of use", "easy to use", "too complex", "complexity", "user experience"),
    "integration": ("integration", "integrate", "api", "technical", "data migration", "scalab", "performance"),
    "security_compliance": ("security", "compliance", "gdpr", "privacy", "certification", "data residency"),
    "differentiation": ("differentiat", "messaging", "value proposition"),
    "sales_experience": ("sales experience", "demo", "proposal", "sales process"),
    "responsiveness": ("responsive", "slow follow", "sales cycle", "momentum"),
    "implementation": ("implementation", "onboarding", "deployment", "time to value"),
    "support": ("support", "customer success", "service level"),
    "reputation": ("reputation", "reference", "brand", "review", "viability"),
    "relationship": ("incumbent", "existing vendor", "relationship", "switching", "renewal"),
    "buyer_context": ("timing", "status quo", "no decision", "priorit", "reorg", "budget freeze", "champion",
                      "in-house", "do nothing"),
}
# Values that name no reason at all: who won, or a catch-all.
NOT_REASONS = ("competitor", "other", "unknown", "none", "n/a", "not specified")


def reason_key(value: str) -> str:
    """The form a CRM reason is matched in: trimmed, inner spaces collapsed, case ignored."""
    return " ".join(value.split()).casefold()


def _matches(key: str, word: str) -> bool:
    return re.search(rf"(?<![a-z]){re.escape(word)}", key) is not None


def suggest_theme(value: str, themes: Iterable[str]) -> str | None:
    """A theme id for this CRM reason, "" when it names no reason (so it should be ignored), or None when no rule
    fits. Only ids in `themes` (the codebook's) are suggested."""
    key = reason_key(value)
    known = set(themes)
    hits = [(len(word), theme) for theme, words in KEYWORDS.items() if theme in known
            for word in words if _matches(key, word)]
    if hits:
        return max(hits)[1]
    return "" if any(_matches(key, word) for word in NOT_REASONS) else None


@dataclass(frozen=True)
class DealSides:
    """One deal with both sides: the rep's theme ("" when unmapped) and the buyer's reasons, most decisive first."""

    deal_id: int
    rep_theme: str
    buyer_reasons: tuple[str, ...]
    rep: str = ""
    quarter: str = ""
    segments: Mapping[str, str] = field(default_factory=dict)

    @property
    def mapped(self) -> bool:
        return bool(self.rep_theme)

    @property
    def strict(self) -> bool:
        return self.mapped and self.buyer_reasons[:1] == (self.rep_theme,)

    @property
    def lenient(self) -> bool:
        return self.mapped and self.rep_theme in self.buyer_reasons


@dataclass(frozen=True)
class Agreement:
    """Agreement over a set of deals: strict and lenient rates over the mapped deals, and how many were unmapped."""

    label: str
    strict: Rate
    lenient: Rate
    unmapped: int

    @property
    def small(self) -> bool:
        return self.strict.small


@dataclass(frozen=True)
class PriceGap:
    """Of the deals whose rep reason is price, those where the buyer did not name price, and what buyers named
    instead: each theme with the number of those deals naming it (at any rank), most named first."""

    not_named: Rate
    instead: list[tuple[str, int]]


def agreement(sides: Sequence[DealSides], label: str = "All deals") -> Agreement:
    mapped = [s for s in sides if s.mapped]
    return Agreement(label, rate(sum(s.strict for s in mapped), len(mapped)),
                     rate(sum(s.lenient for s in mapped), len(mapped)), len(sides) - len(mapped))


def agreement_by(sides: Sequence[DealSides], key: Callable[[DealSides], str]) -> list[Agreement]:
    """Agreement per value of `key`, the largest groups first (then by label)."""
    groups: dict[str, list[DealSides]] = {}
    for side in sides:
        groups.setdefault(key(side), []).append(side)
    rows = [agreement(group, label) for label, group in groups.items()]
    return sorted(rows, key=lambda r: (-r.strict.n - r.unmapped, r.label))


def agreement_by_rep(sides: Sequence[DealSides]) -> list[Agreement]:
    return agreement_by(sides, lambda s: s.rep or "(no rep)")


def agreement_by_segment(sides: Sequence[DealSides], segment: str) -> list[Agreement]:
    return agreement_by(sides, lambda s: s.segments.get(segment) or "(not set)")


def agreement_by_quarter(sides: Sequence[DealSides]) -> list[Agreement]:
    """Per quarter, oldest first: the rates with their intervals and n, and no call of a trend."""
    return sorted(agreement_by(sides, lambda s: s.quarter or "(no date)"), key=lambda r: r.label)


def price_gap(sides: Sequence[DealSides], price: str = PRICE) -> PriceGap:
    logged = [s for s in sides if s.rep_theme == price]
    elsewhere = [s for s in logged if price not in s.buyer_reasons]
    named = Counter(theme for s in elsewhere for theme in dict.fromkeys(s.buyer_reasons))
    return PriceGap(rate(len(elsewhere), len(logged)), sorted(named.items(), key=lambda item: (-item[1], item[0])))
