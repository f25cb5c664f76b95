"""Load the plain facts insights are computed from, with a few bulk queries (no query per interview, no ORM
object per code). The statistics themselves are in `winloss.stats.insights`.

Public API (used by the insights pages and by reports):

- `load(deals) -> Facts`: for a filtered `DealQuerySet` (`DealFilterForm(...).apply(Deal.objects.all())`), one
  `InterviewFacts` per coded interview on those deals, and deal outcome counts (all closed deals, interviewed
  or not) in total, by close quarter and by competitor (these two are queried when first read).
- `quotes(deals, theme=..., about=...)`: the quotes of coded interviews on those deals, newest first, as a
  queryset of plain rows to slice or paginate; `quote_facts(rows)` turns rows into `QuoteFacts`, with the
  vendors and polarities the quote's turn was coded with for the quote's theme.
- `themes()`: the codebook's theme ids and labels, in codebook order.

What counts:

- A coded interview is one whose coding finished (status coded) and whose stage is coded.
- Only effective codes count (`Code.objects.effective()`: an analyst's rejection removes a code). They are read
  folded by theme from `Interview.coded_themes`, which every write to an interview's codes refreshes.
- A theme is a strength of ours in an interview when it has a positive code about us (vendor "us"), a weakness
  when it has a negative one; both can hold in one interview. A positive (negative) code about a competitor is
  a strength (weakness) buyers attribute to that competitor. Neutral codes, and codes about no vendor (the
  buyer's own situation, or a statement the engine could not attribute), count only as mentions of the theme.
  A code naming a vendor that is not a competitor on record counts only as a mention too.
- An interview involves a competitor when its deal lists them (primary or linked) or its codes judge them.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Count, Exists, OuterRef, QuerySet, TextField
from django.db.models.functions import Cast

from winloss.analysis.codebook import load_codebook
from winloss.analysis.program import US
from winloss.core.quarters import quarter_of
from winloss.deals.filters import SEGMENT_FIELDS
from winloss.deals.models import Competitor, DealCompetitor, DealQuerySet, Outcome
from winloss.interviews.models import Code, Interview, Quote, Stage
from winloss.stats.insights import InterviewFacts, OutcomeCounts
from winloss.stats.themes import ThemesReader

__all__ = ["Facts", "InterviewFacts", "OutcomeCounts", "QuoteFacts", "coded_interviews", "load", "quote_facts",
           "quotes", "themes"]

CLOSED_OUTCOMES = (Outcome.WON, Outcome.LOST, Outcome.NO_DECISION)


@dataclass(frozen=True)
class Facts:
    """What `load` read. The deal groupings by quarter and by competitor are queried when first read: not every
    page needs them."""

    interviews: list[InterviewFacts]  # one per coded interview on the deals, newest deal first
    deals: OutcomeCounts  # every closed deal
    competitors: dict[int, str]  # id -> name, every competitor on record
    selected: DealQuerySet = field(repr=False, compare=False)  # the deals, for the groupings queried when first read

    @cached_property
    def deals_by_quarter(self) -> dict[str, OutcomeCounts]:
        """By close quarter, oldest first (deals without a date left out)."""
        return _by_quarter(self.selected)

    @cached_property
    def deals_by_competitor(self) -> dict[int, OutcomeCounts]:
        """By competitor id: deals they were in, primary or linked."""
        return _by_competitor(self.selected)


@dataclass(frozen=True)
class Judgement:
    vendor: str  # "us", a competitor's name, or "" for none
    polarity: str  # positive | negative | neutral
    competitor_id: int | None


@dataclass(frozen=True)
class QuoteFacts:
    quote_id: int
    interview_id: int
    deal_id: int
    deal_name: str
    theme: str
    text: str  # as the buyer said it: only for people allowed unredacted text
    redacted: str  # personal names replaced by [name]
    outcome: str
    quarter: str
    segments: dict[str, str]
    judgements: tuple[Judgement, ...]  # the effective codes of the quote's theme in the quote's turn

    def about(self, competitor_id: int) -> bool:
        return any(j.competitor_id == competitor_id for j in self.judgements)


def themes() -> list[tuple[str, str]]:
    return [(t.id, t.label) for t in load_codebook().themes]


def coded_interviews(deals: DealQuerySet) -> QuerySet[Interview]:
    """The coded interviews on the deals. Each interview looks its deal up (there are far fewer interviews than
    deals), rather than the database listing the ids of every deal."""
    return Interview.objects.filter(Exists(deals.order_by().filter(pk=OuterRef("deal_id"))), stage=Stage.CODED,
                                    status=Interview.Status.CODED)


def load(deals: DealQuerySet) -> Facts:
    interviews = coded_interviews(deals)
    links: dict[int, set[int]] = defaultdict(set)
    for deal_id, competitor_id in DealCompetitor.objects.filter(deal__interviews__in=interviews).values_list(
            "deal_id", "competitor_id").distinct():
        links[deal_id].add(competitor_id)
    competitors = dict(Competitor.objects.values_list("pk", "name"))
    # The JSON fields come as text, decoded one row at a time: thousands of decoded rows held at once would have
    # the garbage collector walk the whole heap, more than once per page.
    rows = interviews.annotate(reasons_json=Cast("primary_reasons", TextField()),
                               themes_json=Cast("coded_themes", TextField())).order_by(
        "-deal__close_date", "-pk").values_list(
        "pk", "deal_id", "deal__outcome", "deal__close_date", "deal__owner_id", "deal__primary_competitor_id",
        "reasons_json", "themes_json", *(f"deal__{f}" for f in SEGMENT_FIELDS))
    read = ThemesReader(competitors)
    segments: dict[tuple[str, ...], dict[str, str]] = {}  # one dict per distinct combination, as for theme sets
    facts = []
    for pk, deal_id, outcome, close_date, rep_id, primary, reasons, coded, *values in rows:
        themes = read(json.loads(coded))
        judged = themes.rival_strengths.keys() | themes.rival_weaknesses.keys()
        if tuple(values) not in segments:
            segments[tuple(values)] = dict(zip(SEGMENT_FIELDS, values, strict=True))
        facts.append(InterviewFacts(
            interview_id=pk, deal_id=deal_id, outcome=outcome, quarter=quarter_of(close_date) if close_date else "",
            rep_id=rep_id, segments=segments[tuple(values)],
            competitor_ids=read.shared(sorted(links.get(deal_id, set()) | ({primary} - {None}) | judged)),
            primary_reasons=tuple(json.loads(reasons) or ()), strengths=themes.strengths, weaknesses=themes.weaknesses,
            mentions=themes.mentions, rival_strengths=themes.rival_strengths,
            rival_weaknesses=themes.rival_weaknesses,
        ))
    counts = deals.closed().outcome_counts()
    return Facts(facts, OutcomeCounts(counts["won"], counts["lost"], counts["no_decision"]), competitors, deals)


def _by_quarter(deals: DealQuerySet) -> dict[str, OutcomeCounts]:
    """Closed deals per close quarter, oldest first. Grouped by date in the database and folded into quarters
    here: SQLite extracts a date part with a Python function per row, which is slow on many deals. (Counts are
    COUNT(*) throughout: counting a column the index lacks would make PostgreSQL read the deals themselves.)"""
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for day, outcome, n in deals.closed().exclude(close_date=None).order_by().values("close_date", "outcome").annotate(
            n=Count("*")).values_list("close_date", "outcome", "n"):
        counts[quarter_of(day)][outcome] += n
    return {q: OutcomeCounts(c["won"], c["lost"], c["no_decision"]) for q, c in sorted(counts.items())}


def _by_competitor(deals: DealQuerySet) -> dict[int, OutcomeCounts]:
    """Closed deals per competitor, each deal once whether the competitor is its primary, linked, or both:
    the linked ones (counted per outcome, from the indexes alone), plus those whose primary competitor is not
    linked too."""
    counts: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    closed = deals.closed().order_by()
    for outcome in CLOSED_OUTCOMES:
        links = DealCompetitor.objects.filter(deal__in=closed.filter(outcome=outcome))
        for competitor_id, n in links.values_list("competitor_id").annotate(n=Count("*")):
            counts[competitor_id][outcome] += n
    primary_only = closed.exclude(primary_competitor=None).exclude(Exists(DealCompetitor.objects.filter(
        deal=OuterRef("pk"), competitor=OuterRef("primary_competitor"))))
    for competitor_id, outcome, n in primary_only.values_list("primary_competitor_id", "outcome").annotate(
            n=Count("*")):
        counts[competitor_id][outcome] += n
    return {k: OutcomeCounts(c["won"], c["lost"], c["no_decision"]) for k, c in counts.items()}


QUOTE_FIELDS = ("pk", "interview_id", "interview__deal_id", "interview__deal__name", "turn_id", "theme", "text",
                "redacted", "interview__deal__outcome", "interview__deal__close_date",
                *(f"interview__deal__{f}" for f in SEGMENT_FIELDS))


def quotes(deals: DealQuerySet, *, theme: str = "", about: int | None = None) -> QuerySet:
    """Quotes from coded interviews on the deals (of one theme; about one competitor id: the quote's turn has
    an effective code of the quote's theme judging them), newest deal first, as rows for `quote_facts`."""
    rows = Quote.objects.kept().filter(interview__in=coded_interviews(deals))
    if theme:
        rows = rows.filter(theme=theme)
    if about is not None:
        rows = rows.filter(Exists(Code.objects.effective().filter(
            statement__turn=OuterRef("turn"), theme=OuterRef("theme"), competitor_id=about)))
    return rows.order_by("-interview__deal__close_date", "-pk").values_list(*QUOTE_FIELDS)


def quote_facts(rows: Iterable[tuple]) -> list[QuoteFacts]:
    rows = list(rows)
    judgements: dict[tuple[int, str], list[Judgement]] = defaultdict(list)
    codes = Code.objects.effective().filter(statement__turn__in=[r[4] for r in rows]).values_list(
        "statement__turn_id", "theme", "vendor", "polarity", "competitor_id").distinct()
    for turn_id, theme, vendor, polarity, competitor_id in codes:
        judgements[turn_id, theme].append(Judgement(vendor, polarity, competitor_id))
    out = []
    for pk, interview_id, deal_id, deal_name, turn_id, theme, text, redacted, outcome, close_date, *segments in rows:
        out.append(QuoteFacts(pk, interview_id, deal_id, deal_name, theme, text, redacted, outcome,
                              quarter_of(close_date) if close_date else "", dict(zip(SEGMENT_FIELDS, segments,
                                                                                      strict=True)),
                              tuple(sorted(judgements[turn_id, theme], key=lambda j: (j.vendor != US, j.vendor)))))
    return out

