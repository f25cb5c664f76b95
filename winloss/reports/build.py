"""Build the report document for an audience and a quarter from the stored data; every format renders it.

Figures come from the insights layer (`winloss.insights.facts` loads, `winloss.stats.insights` computes); this
module only chooses which figures each audience gets and lays them out."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from functools import cache

from django.utils import timezone

from winloss.actions.impact import IMPACT_COLUMNS, IMPACT_NOTE, action_line, comparison_cells, report_section
from winloss.analysis.codebook import Codebook, load_codebook
from winloss.core.quarters import QuarterError, parse_quarter, quarter_bounds, shift_quarter
from winloss.deals.filters import DealFilterForm
from winloss.deals.models import Deal, DealQuerySet, Outcome
from winloss.deals.overview import rates_by_quarter
from winloss.insights import facts as insights_facts
from winloss.interviews.models import Quote
from winloss.reports.charts import ChartSpec, Series
from winloss.reports.document import (
    Chart,
    Document,
    FindingItem,
    Findings,
    Paragraph,
    QuoteItem,
    Quotes,
    Section,
    Table,
)
from winloss.reports.figures import FactsByQuarter, FigureError, rate_text, resolve, share
from winloss.reports.models import Audience, Finding
from winloss.stats import Rate
from winloss.stats.insights import (
    SEPARATES,
    SUGGESTIVE,
    DriverRow,
    OutcomeCounts,
    drivers,
    head_to_head,
    primary_reasons,
    win_rate_trend,
)

# The codebook themes each audience acts on; executives get every theme.
AUDIENCE_THEMES: dict[str, tuple[str, ...]] = {
    Audience.EXEC: (),
    Audience.SALES: ("sales_experience", "responsiveness", "price", "commercial_terms"),
    Audience.MARKETING: ("differentiation", "reputation", "price"),
    Audience.PRODUCT: ("product_fit", "ease_of_use", "integration", "security_compliance"),
    Audience.CS: ("implementation", "support", "relationship"),
}
DRIVER_TITLES = {
    Audience.SALES: "Objections: what buyers held against us",
    Audience.MARKETING: "Perception and differentiation",
    Audience.PRODUCT: "Product strengths and gaps",
    Audience.CS: "Implementation, support and relationships",
}
TREND_QUARTERS = 4
TOP_REASONS = 6
TOP_COMPETITORS = 6
QUOTES_PER_REPORT = 8
UNREDACTED_NOTICE = "Quotes are unredacted: for analysts only. Do not pass this report on."
INTERVAL_NOTE = "Whiskers: 95% Wilson interval"


class ReportError(ValueError):
    """An audience or a period we cannot make a report for."""


def check(audience: str, period: str) -> tuple[str, str]:
    """The audience and the quarter, normalised; ReportError naming what is wrong otherwise."""
    if audience not in Audience.values:
        raise ReportError(f"'{audience}' is not an audience; use one of {', '.join(Audience.values)}")
    try:
        return audience, parse_quarter(period)
    except QuarterError as error:
        raise ReportError(str(error)) from None


def period_deals(period: str) -> DealQuerySet:
    """The deals closed in the quarter, through the product's one filter form."""
    return DealFilterForm({"quarter": period}).apply(Deal.objects.all())


def build_report(audience: str, period: str, *, redacted: bool = True, now: datetime | None = None) -> Document:
    """The report for this audience and quarter. Quotes are redacted unless `redacted` is False, which only
    analysts' own copies may ask for."""
    audience, period = check(audience, period)
    facts = FactsByQuarter()
    period_facts = facts(period)
    codebook = _codebook()
    sections = [_headline(period)]
    if audience == Audience.EXEC:
        sections += [_reasons(period_facts, codebook), _separating(period_facts, codebook)]
    else:
        if audience == Audience.SALES:
            sections.append(_competitors(period_facts, codebook))
        sections.append(_drivers(period_facts, codebook, AUDIENCE_THEMES[audience], DRIVER_TITLES[audience]))
    sections += [_findings(audience, period, redacted, facts), _actions(period), _quotes(audience, period, redacted)]
    interviews = len(period_facts.interviews)
    return Document(
        title=f"Win/loss report for {Audience(audience).label.lower()}, {period}",
        subtitle=f"Deals closed in {period}: {period_facts.deals.n}; buyer interviews coded: {interviews}",
        sections=tuple(s for s in sections if s),
        made_at=now or timezone.now(),
        notice="" if redacted else UNREDACTED_NOTICE,
        slug=f"winloss-{audience}-{period}",
    )


@cache
def _codebook() -> Codebook:
    return load_codebook()


def _label(codebook: Codebook, theme: str) -> str:
    return codebook.theme(theme).label if theme in codebook.ids else theme


def _headline(period: str) -> Section:
    quarters = [shift_quarter(period, k) for k in range(-(TREND_QUARTERS - 1), 1)]
    deals = Deal.objects.filter(close_date__range=(quarter_bounds(quarters[0])[0], quarter_bounds(period)[1]))
    counts = {r.label: OutcomeCounts(r.won, r.lost, r.no_decision) for r in rates_by_quarter(deals)}
    quarters = [q for q in quarters if q in counts or q == period]
    trend = win_rate_trend(counts, quarters)
    this = trend.rates[-1]
    text = f"Win rate in {period}: {rate_text(this)}." if this.n else f"No deals closed in {period}."
    if trend.change and this.n:
        text += f" Against {trend.change.before_quarter}: {trend.change.text}."
    blocks: list = [Paragraph(text)]
    if any(r.n for r in trend.rates):
        blocks.append(Chart(ChartSpec(
            kind="line", title="Win rate by quarter", categories=tuple(quarters),
            series=(_series("Win rate", trend.rates),),
            y_label="Won of decided deals", notes=(INTERVAL_NOTE,))))
        blocks.append(Table(
            columns=("Quarter", "Won", "Lost", "No decision", "Win rate"),
            rows=tuple((q, str(counts[q].won), str(counts[q].lost), str(counts[q].no_decision), rate_text(r))
                       for q, r in zip(quarters, trend.rates, strict=True) if q in counts),
            note="No-decisions count as not won; a change is called out only when Fisher's test supports it."))
    return Section("Win rate", tuple(blocks))


def _series(name: str, rates: Sequence[Rate]) -> Series:
    """A chart series of rates, with their 95% intervals as whiskers."""
    return Series(name, tuple(share(r) for r in rates), tuple((r.low, r.high) for r in rates))


def _reasons(facts: insights_facts.Facts, codebook: Codebook) -> Section | None:
    rows = primary_reasons(facts.interviews, codebook.ids)[:TOP_REASONS]
    if not rows:
        return None
    labels = tuple(_label(codebook, r.theme) for r in rows)
    chart = ChartSpec(kind="bar", title="Primary reasons: share of interviews naming each", categories=labels,
                      series=(_series("Lost deals", [r.lost for r in rows]),
                              _series("Won deals", [r.won for r in rows])),
                      notes=(INTERVAL_NOTE,))
    table = Table(columns=("Reason", "Interviews", "Named first", "Of lost", "Of won"),
                  rows=tuple((label, str(r.count), str(r.first), rate_text(r.lost), rate_text(r.won))
                             for label, r in zip(labels, rows, strict=True)))
    return Section("Top reasons", (Paragraph("The reasons buyers named as deciding, most often first."),
                                   Chart(chart), table))


def _separating(facts: insights_facts.Facts, codebook: Codebook) -> Section | None:
    """The themes whose weakness or strength share differs between lost and won interviews."""
    rows = drivers(facts.interviews, codebook.ids)
    lines = []
    for row in rows:
        for side, test, lost, won in (("weak", row.weakness_test, row.weakness_lost, row.weakness_won),
                                      ("strong", row.strength_test, row.strength_lost, row.strength_won)):
            if test.verdict in (SEPARATES, SUGGESTIVE):
                lines.append((_label(codebook, row.theme), f"judged {side}", rate_text(lost), rate_text(won),
                              test.verdict))
    if not lines:
        return Section("What separates wins from losses", (Paragraph(
            "No theme separates won from lost deals clearly this quarter (Fisher's exact test, Holm-adjusted "
            "across themes)."),))
    return Section("What separates wins from losses", (Table(
        columns=("Theme", "Buyers", "In lost deals", "In won deals", "Verdict"), rows=tuple(lines),
        note="Fisher's exact test, two-sided, Holm-adjusted across the codebook's themes."),))


def _drivers(facts: insights_facts.Facts, codebook: Codebook, themes: tuple[str, ...], title: str) -> Section:
    rows = drivers(facts.interviews, themes)
    labels = tuple(_label(codebook, r.theme) for r in rows)
    chart = ChartSpec(
        kind="bar", title="Judged weak: share of interviews", categories=labels,
        series=(_series("Lost deals", [r.weakness_lost for r in rows]),
                _series("Won deals", [r.weakness_won for r in rows])),
        notes=(INTERVAL_NOTE,))
    return Section(title, (Chart(chart), Table(
        columns=("Theme", "Weak, lost", "Weak, won", "Strong, lost", "Strong, won", "Verdict (weak)"),
        rows=tuple(_driver_row(label, r) for label, r in zip(labels, rows, strict=True)),
        note="Share of won and of lost interviews judging us weak (or strong) on the theme; verdicts by "
             "Fisher's exact test, Holm-adjusted across these themes.")))


def _driver_row(label: str, row: DriverRow) -> tuple[str, ...]:
    return (label, rate_text(row.weakness_lost), rate_text(row.weakness_won), rate_text(row.strength_lost),
            rate_text(row.strength_won), row.weakness_test.verdict)


def _competitors(facts: insights_facts.Facts, codebook: Codebook) -> Section | None:
    rows = sorted((head_to_head(cid, counts, facts.interviews, codebook.ids)
                   for cid, counts in facts.deals_by_competitor.items()), key=lambda h: -h.deals.n)[:TOP_COMPETITORS]
    if not rows:
        return None
    names = tuple(facts.competitors.get(h.competitor_id, "?") for h in rows)
    chart = ChartSpec(kind="bar", title="Our win rate against each competitor", categories=names,
                      series=(_series("Win rate", [h.win_rate for h in rows]),), notes=(INTERVAL_NOTE,))

    def themes(shares) -> str:
        return ", ".join(f"{_label(codebook, s.theme)} ({s.share.hits})" for s in shares[:3]) or "—"

    table = Table(columns=("Competitor", "Win rate", "Interviews", "Praised for", "Criticised for"),
                  rows=tuple((name, rate_text(h.win_rate), str(h.interviews), themes(h.strengths),
                              themes(h.weaknesses)) for name, h in zip(names, rows, strict=True)),
                  note="Deals each competitor was in (primary or linked); themes with the number of interviews.")
    return Section("Competitors head to head", (Chart(chart), table))


def _findings(audience: str, period: str, redacted: bool, facts: FactsByQuarter) -> Section | None:
    findings = (Finding.objects.published().for_audience(audience).for_period(period)
                .prefetch_related("quotes__interview__deal__primary_competitor", "interviews"))
    items = tuple(finding_item(f, redacted, facts) for f in findings)
    return Section("Findings", (Findings(items),)) if items else None


def finding_item(finding: Finding, redacted: bool, facts: FactsByQuarter | None = None) -> FindingItem:
    facts = facts or FactsByQuarter()
    return FindingItem(statement=finding.statement, detail=finding.detail,
                       evidence=tuple(_evidence(spec, facts) for spec in finding.figures),
                       quotes=tuple(quote_item(q, redacted) for q in finding.quotes.all() if not q.dropped),
                       interviews=len(finding.interviews.all()))


def _evidence(spec: dict, facts: FactsByQuarter) -> str:
    try:
        return resolve(spec, facts)
    except FigureError as error:
        return f"(figure unavailable: {error})"


def _actions(period: str) -> Section:
    """What we changed because of what buyers told us, as it stood at the quarter's end (see winloss.actions)."""
    section = report_section(*quarter_bounds(period))
    blocks: list[Paragraph | Table] = []
    for action in section["actions"]:
        blocks.append(Paragraph(action_line(action)))
        if action["impact"]:
            found = action["impact"]
            blocks.append(Table(IMPACT_COLUMNS, tuple(comparison_cells(c, found["min_after"])
                                                      for c in found["comparisons"]), note=IMPACT_NOTE))
    return Section(section["title"], tuple(blocks) or (Paragraph("No action has been accepted yet."),))


def _quotes(audience: str, period: str, redacted: bool) -> Section | None:
    quotes = Quote.objects.kept().filter(interview__in=insights_facts.coded_interviews(period_deals(period)))
    themes = AUDIENCE_THEMES[audience]
    if themes:
        quotes = quotes.filter(theme__in=themes)
    # Quotes an analyst chose come first.
    quotes = quotes.select_related("interview__deal__primary_competitor").order_by("-chosen", "-interview__date",
                                                                                    "-pk")
    items = tuple(quote_item(q, redacted) for q in quotes[:QUOTES_PER_REPORT])
    if not items:
        return None
    about = f" about {', '.join(_label(_codebook(), t).lower() for t in themes)}" if themes else ""
    return Section("In buyers' words", (Paragraph(f"What buyers said{about} in {period}."), Quotes(items)))


def quote_item(quote: Quote, redacted: bool) -> QuoteItem:
    deal = quote.interview.deal
    source = [Outcome(deal.outcome).label + " deal", deal.quarter]
    if deal.primary_competitor:
        source.append(f"vs {deal.primary_competitor.name}")
    return QuoteItem(text=quote.redacted if redacted else quote.text, source=", ".join(p for p in source if p),
                     theme=_label(_codebook(), quote.theme))
