"""Agreement between two raters (the coding engine and the analysts): Cohen's kappa, per theme and overall.

Plain data in, plain figures out; no Django here. A statement is described by the codes the engine gave it
and the codes that count after review, each code a (theme, polarity, vendor) triple.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

from winloss.stats import SMALL_SAMPLE, Rate, rate

CodeLabel = tuple[str, str, str]  # theme, polarity, vendor ("" for none)


@dataclass(frozen=True)
class Kappa:
    """Cohen's kappa over n paired labels, with the share of pairs that agree. `kappa` is None when it is
    undefined: no pairs, or both raters gave every item one and the same label (chance agreement is then 1 and
    kappa is 0/0; the observed agreement, 1.0, says what there is to say)."""

    kappa: float | None
    observed: float | None
    n: int


def cohen_kappa(first: Sequence[Hashable], second: Sequence[Hashable]) -> Kappa:
    """Cohen's kappa of two raters' labels for the same items, binary or categorical: (po - pe) / (1 - pe), where
    po is the share of items they label alike and pe the share expected by chance from each one's label counts."""
    if len(first) != len(second):
        raise ValueError(f"both raters must label the same items: {len(first)} and {len(second)} labels")
    n = len(first)
    if n == 0:
        return Kappa(None, None, 0)
    observed = sum(a == b for a, b in zip(first, second, strict=True)) / n
    counts_first, counts_second = Counter(first), Counter(second)
    expected = sum(counts_first[label] * counts_second[label] for label in counts_first) / (n * n)
    if expected == 1:
        return Kappa(None, observed, n)
    return Kappa((observed - expected) / (1 - expected), observed, n)


@dataclass(frozen=True)
class ReviewedStatement:
    """A statement of a reviewed interview: the engine's codes (rejected or not) and the codes that count."""

    interview: int
    engine: frozenset[CodeLabel]
    final: frozenset[CodeLabel]


@dataclass(frozen=True)
class ReviewedReasons:
    engine: tuple[str, ...]  # the primary reasons the engine found, most decisive first
    final: tuple[str, ...]  # the primary reasons after review


@dataclass(frozen=True)
class ThemeAgreement:
    theme: str
    kappa: Kappa
    interviews: int  # reviewed interviews the statements come from

    @property
    def small(self) -> bool:
        return self.interviews < SMALL_SAMPLE


@dataclass(frozen=True)
class Agreement:
    themes: list[ThemeAgreement]
    overall: Kappa  # pooled: every (statement, theme) pair of every theme as one binary rating
    polarity: Kappa  # over codes both kept: same statement, theme and vendor, engine's polarity against final
    first_reason_first: Rate  # the engine's first reason is still the first after review
    first_reason_kept: Rate  # ... or at least still among the primary reasons
    interviews: int

    @property
    def small(self) -> bool:
        return self.interviews < SMALL_SAMPLE


def coding_agreement(statements: Iterable[ReviewedStatement], reasons: Iterable[ReviewedReasons],
                     themes: Sequence[str]) -> Agreement:
    """Engine against analysts over reviewed interviews. Per theme, each statement is rated twice, theme present
    or not: by the engine's codes (a code later rejected still counts as the engine's) and by the codes that
    count after review."""
    statements = list(statements)
    interviews = len({s.interview for s in statements})
    per_theme, pooled_engine, pooled_final = [], [], []
    for theme in themes:
        engine = [any(c[0] == theme for c in s.engine) for s in statements]
        final = [any(c[0] == theme for c in s.final) for s in statements]
        per_theme.append(ThemeAgreement(theme, cohen_kappa(engine, final), interviews))
        pooled_engine += engine
        pooled_final += final
    return Agreement(per_theme, cohen_kappa(pooled_engine, pooled_final), polarity_agreement(statements),
                     *_first_reason(list(reasons)), interviews)


def polarity_agreement(statements: Iterable[ReviewedStatement]) -> Kappa:
    """Kappa of the engine's polarity against the final one, for each engine code whose theme and vendor a code
    that counts on the same statement shares (kept as it was, or changed only in polarity)."""
    engine_labels, final_labels = [], []
    for statement in statements:
        final = {(theme, vendor): polarity for theme, polarity, vendor in statement.final}
        for theme, polarity, vendor in statement.engine:
            if (theme, vendor) in final:
                engine_labels.append(polarity)
                final_labels.append(final[theme, vendor])
    return cohen_kappa(engine_labels, final_labels)


def _first_reason(reasons: list[ReviewedReasons]) -> tuple[Rate, Rate]:
    found = [r for r in reasons if r.engine]
    first = sum(bool(r.final) and r.final[0] == r.engine[0] for r in found)
    kept = sum(r.engine[0] in r.final for r in found)
    return rate(first, len(found)), rate(kept, len(found))
