"""What wins and loses deals, from plain facts: decision drivers, primary reasons, head to head, trends.

The input is plain data, built from the database by `winloss.insights.facts` (or by hand in tests):

- `InterviewFacts`, one per coded interview: its deal's outcome and close quarter, and the themes the buyer
  judged us on (`strengths`, `weaknesses`), mentioned at all (`mentions`), judged each competitor on
  (`rival_strengths`, `rival_weaknesses`) and named as primary reasons.
- `OutcomeCounts`: won / lost / no-decision deal counts, for win rates (from every closed deal, not only the
  interviewed ones).

Every figure is a `winloss.stats.Rate` (hits, n, 95% Wilson interval; `.small` when n < 5). Tests of a
difference between two shares are Fisher's exact test, two-sided; across the themes of a codebook the p-values
are Holm-adjusted (family-wise error at 5%), because with 14 themes some raw p < 0.05 happen by chance.
No Django here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from scipy.stats import fisher_exact as _scipy_fisher_exact

from winloss.stats import SMALL_SAMPLE, Rate, rate, win_rate

ALPHA = 0.05  # a difference is called out when its (adjusted) p-value is below this
MEASURES = ("mentions", "strengths", "weaknesses")  # what a theme's prevalence can count in `theme_trends`

# Verdicts of a separation test or a change, in plain words.
TOO_FEW = "too few interviews to tell"
NO_CLEAR_DIFFERENCE = "no clear difference"
SUGGESTIVE = "suggestive only: p < 0.05 before adjusting for the number of themes"
SEPARATES = "separates wins from losses"
NO_CLEAR_CHANGE = "no clear change"


@dataclass(frozen=True)
class InterviewFacts:
    """One coded interview, as plain values. Themes are codebook ids; competitors are ids."""

    interview_id: int
    deal_id: int
    outcome: str  # the deal's: won | lost | no_decision | open
    quarter: str  # the deal's close quarter, like "2026Q3"; "" when the deal has no close date
    rep_id: int | None
    segments: Mapping[str, str]  # segment field -> the deal's value ("" when not set)
    competitor_ids: frozenset[int]  # on the deal (primary or linked) or judged in the interview
    primary_reasons: tuple[str, ...]  # most decisive first
    strengths: frozenset[str]  # themes with a positive code about us
    weaknesses: frozenset[str]  # themes with a negative code about us
    mentions: frozenset[str]  # themes with any code, whatever its polarity or vendor
    rival_strengths: Mapping[int, frozenset[str]] = field(default_factory=dict)  # competitor id -> themes praised
    rival_weaknesses: Mapping[int, frozenset[str]] = field(default_factory=dict)  # competitor id -> criticised


@dataclass(frozen=True)
class OutcomeCounts:
    """Closed deals by outcome."""

    won: int = 0
    lost: int = 0
    no_decision: int = 0

    @property
    def n(self) -> int:
        return self.won + self.lost + self.no_decision

    @property
    def win_rate(self) -> Rate:
        return win_rate(self.won, self.lost, self.no_decision)

    def __add__(self, other: OutcomeCounts) -> OutcomeCounts:
        return OutcomeCounts(self.won + other.won, self.lost + other.lost, self.no_decision + other.no_decision)


@dataclass(frozen=True)
class Separation:
    """Does a share differ between lost and won interviews? Fisher's exact test, two-sided."""

    p: float | None  # None when a side has no interviews
    p_adjusted: float | None  # Holm-adjusted across the themes tested together
    more_in: str  # "lost", "won" or "" (equal shares, or untested)
    verdict: str

    @property
    def separates(self) -> bool:
        return self.verdict == SEPARATES


@dataclass(frozen=True)
class DriverRow:
    """One theme: the share of won and of lost interviews that judge us strong, and weak, on it."""

    theme: str
    strength_won: Rate
    strength_lost: Rate
    weakness_won: Rate
    weakness_lost: Rate
    strength_test: Separation
    weakness_test: Separation


@dataclass(frozen=True)
class ReasonRow:
    """A theme as a primary reason: in how many interviews, first-named in how many, by outcome."""

    theme: str
    count: int
    first: int  # interviews that name it as the most decisive reason
    share: Rate  # of all coded interviews
    won: Rate  # of won interviews
    lost: Rate  # of lost interviews


@dataclass(frozen=True)
class ThemeShare:
    theme: str
    share: Rate


@dataclass(frozen=True)
class HeadToHead:
    """Us against one competitor: our win rate on the deals they were in, and how buyers judged them."""

    competitor_id: int
    deals: OutcomeCounts  # closed deals the competitor was in (primary or linked)
    win_rate: Rate  # ours, on those deals
    interviews: int  # coded interviews on those deals or judging the competitor
    strengths: tuple[ThemeShare, ...]  # themes buyers praised them on, most often first (only themes seen)
    weaknesses: tuple[ThemeShare, ...]  # themes buyers criticised them on


@dataclass(frozen=True)
class Change:
    """The latest quarter against the one before it."""

    before_quarter: str
    after_quarter: str
    before: Rate
    after: Rate
    p: float | None  # Fisher's exact test; None when a side is smaller than SMALL_SAMPLE
    p_adjusted: float | None
    supported: bool  # n >= 5 on both sides and (adjusted) p < ALPHA
    text: str  # "up from 20% to 60%", "down from ...", or NO_CLEAR_CHANGE

    @property
    def direction(self) -> str:
        if not self.supported:
            return ""
        return "up" if self.after.hits / self.after.n > self.before.hits / self.before.n else "down"


@dataclass(frozen=True)
class TrendRow:
    """A series by quarter (every quarter of the trend, in order) and the change it ends with, if any."""

    label: str  # "win rate" or a theme id
    rates: tuple[Rate, ...]
    change: Change | None  # None with fewer than two quarters


def fisher_exact(a: int, b: int, c: int, d: int) -> float:
    """Two-sided p-value of Fisher's exact test on the table [[a, b], [c, d]] (SciPy's, which sums the
    probabilities of every table with the same margins that is no more likely than the one observed)."""
    if min(a, b, c, d) < 0:
        raise ValueError(f"counts must be >= 0, got {(a, b, c, d)}")
    return float(_scipy_fisher_exact([[a, b], [c, d]], alternative="two-sided").pvalue)


def holm(pvalues: Sequence[float | None]) -> list[float | None]:
    """Holm's step-down adjustment, in the input's order; None (untested) stays None and is not counted."""
    tested = sorted((p, i) for i, p in enumerate(pvalues) if p is not None)
    m = len(tested)
    adjusted: list[float | None] = [None] * len(pvalues)
    running = 0.0
    for k, (p, i) in enumerate(tested):
        running = max(running, min(1.0, (m - k) * p))  # never below the adjusted value of a smaller p
        adjusted[i] = running
    return adjusted


def compare(first: Rate, second: Rate) -> float | None:
    """Fisher's p for first.hits/first.n against second.hits/second.n; None when either n is 0."""
    if first.n == 0 or second.n == 0:
        return None
    return fisher_exact(first.hits, first.n - first.hits, second.hits, second.n - second.hits)


def drivers(interviews: list[InterviewFacts], themes: Sequence[str]) -> list[DriverRow]:
    """Per theme, strength and weakness shares among won and among lost interviews, and whether each share
    separates losses from wins (Fisher, Holm-adjusted across themes separately for strengths and
    weaknesses). No-decision and open deals' interviews are not in either column."""
    won = [i for i in interviews if i.outcome == "won"]
    lost = [i for i in interviews if i.outcome == "lost"]
    counted = [(_holding(group, kind), len(group)) for kind in ("strengths", "weaknesses") for group in (won, lost)]
    shares = {theme: [rate(counts[theme], n) for counts, n in counted] for theme in themes}
    strength_tests = _separations([(s[1], s[0]) for s in shares.values()])
    weakness_tests = _separations([(s[3], s[2]) for s in shares.values()])
    return [DriverRow(theme, *shares[theme], strength_tests[k], weakness_tests[k]) for k, theme in enumerate(themes)]


def _holding(interviews: Iterable[InterviewFacts], kind: str) -> Counter[str]:
    """Theme -> how many of the interviews hold it in their `kind` (strengths, weaknesses, mentions, ...)."""
    return Counter(theme for i in interviews for theme in getattr(i, kind))


def _separations(pairs: list[tuple[Rate, Rate]]) -> list[Separation]:
    """(lost share, won share) per theme -> a Separation per theme, Holm-adjusted across them."""
    raw = [compare(lost, won) for lost, won in pairs]
    adjusted = holm(raw)
    out = []
    for (lost, won), p, p_adj in zip(pairs, raw, adjusted, strict=True):
        more = "" if p is None else _more_in(lost, won)
        out.append(Separation(p, p_adj, more, _verdict(lost, won, p, p_adj)))
    return out


def _more_in(lost: Rate, won: Rate) -> str:
    difference = lost.hits * won.n - won.hits * lost.n  # compare hits/n without rounding
    return "lost" if difference > 0 else "won" if difference < 0 else ""


def _verdict(lost: Rate, won: Rate, p: float | None, p_adjusted: float | None) -> str:
    if p is None or p_adjusted is None or lost.small or won.small:
        return TOO_FEW
    if p_adjusted < ALPHA:
        return SEPARATES
    return SUGGESTIVE if p < ALPHA else NO_CLEAR_DIFFERENCE


def primary_reasons(interviews: list[InterviewFacts], themes: Sequence[str]) -> list[ReasonRow]:
    """Themes named as primary reasons, most often first (ties in codebook order); themes never named are
    left out. Shares are of all coded interviews given, and of the won and the lost among them."""
    won = [i for i in interviews if i.outcome == "won"]
    lost = [i for i in interviews if i.outcome == "lost"]

    def named(group: list[InterviewFacts]) -> Counter[str]:
        return Counter(theme for i in group for theme in set(i.primary_reasons))

    counts, won_counts, lost_counts = named(interviews), named(won), named(lost)
    first = Counter(i.primary_reasons[0] for i in interviews if i.primary_reasons)
    rows = [ReasonRow(theme, counts[theme], first[theme], rate(counts[theme], len(interviews)),
                      rate(won_counts[theme], len(won)), rate(lost_counts[theme], len(lost)))
            for theme in themes if counts[theme]]
    return sorted(rows, key=lambda r: -r.count)  # sorted() is stable: ties keep codebook order


def head_to_head(competitor_id: int, deals: OutcomeCounts, interviews: list[InterviewFacts],
                 themes: Sequence[str]) -> HeadToHead:
    """Our win rate on the deals a competitor was in, and the share of the interviews involving them
    (`competitor_ids`) that praise and criticise them on each theme."""
    involved = [i for i in interviews if competitor_id in i.competitor_ids]
    n = len(involved)

    def shares(kind: str) -> tuple[ThemeShare, ...]:
        judged = Counter(t for i in involved for t in getattr(i, kind).get(competitor_id, ()))
        counts = {t: judged[t] for t in themes}
        return tuple(sorted((ThemeShare(t, rate(c, n)) for t, c in counts.items() if c), key=lambda s: -s.share.hits))

    return HeadToHead(competitor_id, deals, deals.win_rate, n, shares("rival_strengths"), shares("rival_weaknesses"))


def interviews_by_competitor(interviews: Iterable[InterviewFacts]) -> Counter[int]:
    """How many interviews involve each competitor (`competitor_ids`)."""
    return Counter(pk for i in interviews for pk in i.competitor_ids)


def change(before_quarter: str, before: Rate, after_quarter: str, after: Rate,
           p_adjusted: float | None = None) -> Change:
    """Call out a change only when both quarters have at least SMALL_SAMPLE cases and the p-value (the
    adjusted one when given) is below ALPHA; otherwise it is "no clear change"."""
    p = compare(before, after) if not (before.small or after.small) else None
    decisive = p_adjusted if p_adjusted is not None else p
    supported = decisive is not None and decisive < ALPHA
    text = NO_CLEAR_CHANGE
    if supported:
        up = after.hits * before.n > before.hits * after.n
        text = (f"{'up' if up else 'down'} from {round(100 * before.hits / before.n)}% in {before_quarter} "
                f"to {round(100 * after.hits / after.n)}% in {after_quarter}")
    return Change(before_quarter, after_quarter, before, after, p, p_adjusted if p is not None else None,
                  supported, text)


def trend_quarters(deals_by_quarter: Mapping[str, OutcomeCounts], interviews: Iterable[InterviewFacts]) -> list[str]:
    """Every quarter with a closed deal or a coded interview, oldest first."""
    return sorted({q for q in deals_by_quarter if q} | {i.quarter for i in interviews if i.quarter})


def win_rate_trend(deals_by_quarter: Mapping[str, OutcomeCounts], quarters: Sequence[str]) -> TrendRow:
    """Our win rate per quarter (all closed deals), and the last quarter against the one before."""
    rates = tuple(deals_by_quarter.get(q, OutcomeCounts()).win_rate for q in quarters)
    return TrendRow("win rate", rates, _last_change(quarters, rates))


def theme_trends(interviews: list[InterviewFacts], themes: Sequence[str], quarters: Sequence[str],
                 measure: str = "mentions") -> list[TrendRow]:
    """Per theme, the share of each quarter's coded interviews whose `measure` (mentions, strengths or
    weaknesses) holds it; the last quarter's change is Holm-adjusted across the themes."""
    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {MEASURES}, got {measure!r}")
    by_quarter: dict[str, list[InterviewFacts]] = {q: [] for q in quarters}
    for interview in interviews:
        if interview.quarter in by_quarter:
            by_quarter[interview.quarter].append(interview)
    counted = [(_holding(group, measure), len(group)) for group in by_quarter.values()]
    series = {theme: tuple(rate(counts[theme], n) for counts, n in counted) for theme in themes}
    if len(quarters) < 2:
        return [TrendRow(theme, rates, None) for theme, rates in series.items()]
    raw = [_last_change(quarters, rates) for rates in series.values()]
    adjusted = holm([c.p if c else None for c in raw])
    return [TrendRow(theme, rates, change(quarters[-2], rates[-2], quarters[-1], rates[-1], p_adj))
            for (theme, rates), p_adj in zip(series.items(), adjusted, strict=True)]


def _last_change(quarters: Sequence[str], rates: Sequence[Rate]) -> Change | None:
    if len(quarters) < 2:
        return None
    return change(quarters[-2], rates[-2], quarters[-1], rates[-1])


__all__ = [
    "ALPHA", "MEASURES", "SMALL_SAMPLE", "Change", "DriverRow", "HeadToHead", "InterviewFacts", "OutcomeCounts",
    "ReasonRow", "Separation", "ThemeShare", "TrendRow", "change", "compare", "drivers", "fisher_exact", "head_to_head",
    "holm", "interviews_by_competitor", "primary_reasons", "theme_trends", "trend_quarters", "win_rate_trend",
]
