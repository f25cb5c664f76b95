"""Build the report document for an audience and a quarter from the stored data; every format renders it."""

from __future__ import annotations

from datetime import datetime
from functools import cache

from django.utils import timezone

from winloss.analysis.codebook import load_codebook
from winloss.core.quarters import QuarterError, parse_quarter, quarter_bounds, shift_quarter
from winloss.deals.models import Deal, Outcome
from winloss.deals.overview import rates_by_quarter
from winloss.interviews.models import Interview, Quote
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
from winloss.reports.figures import FigureError, rate_text, resolve
from winloss.reports.models import Audience, Finding

# The codebook themes each audience acts on; executives get the headline and every theme.
AUDIENCE_THEMES: dict[str, tuple[str, ...]] = {
    Audience.EXEC: (),
    Audience.SALES: ("sales_experience", "responsiveness", "price", "commercial_terms"),
    Audience.MARKETING: ("differentiation", "reputation", "price"),
    Audience.PRODUCT: ("product_fit", "ease_of_use", "integration", "security_compliance"),
    Audience.CS: ("implementation", "support", "relationship"),
}
TREND_QUARTERS = 4
QUOTES_PER_REPORT = 8
UNREDACTED_NOTICE = "Quotes are unredacted: for analysts only. Do not pass this report on."


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


def build_report(audience: str, period: str, *, redacted: bool = True, now: datetime | None = None) -> Document:
    """The report for this audience and quarter. Quotes are redacted unless `redacted` is False, which only
    analysts' own copies may ask for."""
    audience, period = check(audience, period)
    sections = [_headline(period)]
    sections += [s for s in (_findings(audience, period, redacted), _quotes(audience, period, redacted)) if s]
    return Document(
        title=f"Win/loss report for {Audience(audience).label.lower()}, {period}",
        subtitle=_scope(period),
        sections=tuple(sections),
        made_at=now or timezone.now(),
        notice="" if redacted else UNREDACTED_NOTICE,
        slug=f"winloss-{audience}-{period}",
    )


def period_deals(period: str):
    return Deal.objects.filter(close_date__range=quarter_bounds(period))


def _scope(period: str) -> str:
    deals = period_deals(period).closed().count()
    interviews = Interview.objects.filter(deal__in=period_deals(period), status=Interview.Status.CODED).count()
    return f"Deals closed in {period}: {deals}; buyer interviews coded: {interviews}"


def _headline(period: str) -> Section:
    first = shift_quarter(period, -(TREND_QUARTERS - 1))
    deals = Deal.objects.filter(close_date__range=(quarter_bounds(first)[0], quarter_bounds(period)[1]))
    rows = rates_by_quarter(deals)
    this = next((r for r in rows if r.label == period), None)
    text = (f"Win rate in {period}: {rate_text(this.rate)}." if this
            else f"No deals closed in {period}.")
    blocks: list = [Paragraph(text)]
    if rows:
        blocks.append(Chart(ChartSpec(
            kind="line", title="Win rate by quarter", categories=tuple(r.label for r in rows),
            series=(Series("Win rate", tuple(_share(r.rate) for r in rows),
                           tuple((r.rate.low, r.rate.high) for r in rows)),),
            y_label="Won of decided deals", notes=("Whiskers: 95% Wilson interval",))))
        blocks.append(Table(
            columns=("Quarter", "Won", "Lost", "No decision", "Win rate"),
            rows=tuple((r.label, str(r.won), str(r.lost), str(r.no_decision), rate_text(r.rate)) for r in rows),
            note="Win rate counts no-decisions as not won; intervals are 95% Wilson intervals."))
    return Section("Win rate", tuple(blocks))


def _share(rate) -> float:
    return rate.hits / rate.n if rate.n else 0.0


def _findings(audience: str, period: str, redacted: bool) -> Section | None:
    findings = (Finding.objects.published().for_audience(audience).for_period(period)
                .prefetch_related("quotes__interview__deal__primary_competitor", "interviews"))
    items = tuple(finding_item(f, redacted) for f in findings)
    return Section("Findings", (Findings(items),)) if items else None


def finding_item(finding: Finding, redacted: bool) -> FindingItem:
    return FindingItem(statement=finding.statement, detail=finding.detail,
                       evidence=tuple(_evidence(spec) for spec in finding.figures),
                       quotes=tuple(quote_item(q, redacted) for q in finding.quotes.all()),
                       interviews=len(finding.interviews.all()))


def _evidence(spec: dict) -> str:
    try:
        return resolve(spec)
    except FigureError as error:
        return f"(figure unavailable: {error})"


def _quotes(audience: str, period: str, redacted: bool) -> Section | None:
    quotes = Quote.objects.filter(interview__deal__in=period_deals(period), interview__status=Interview.Status.CODED)
    themes = AUDIENCE_THEMES[audience]
    if themes:
        quotes = quotes.filter(theme__in=themes)
    quotes = quotes.select_related("interview__deal__primary_competitor").order_by("-interview__date", "pk")
    items = tuple(quote_item(q, redacted) for q in quotes[:QUOTES_PER_REPORT])
    if not items:
        return None
    intro = ("What buyers said" + (f" about {', '.join(_labels(themes))}" if themes else "") + f" in {period}.")
    return Section("In buyers' words", (Paragraph(intro), Quotes(items)))


@cache
def _codebook():
    return load_codebook()


def _labels(themes: tuple[str, ...]) -> list[str]:
    codebook = _codebook()
    return [codebook.theme(t).label.lower() for t in themes]


def quote_item(quote: Quote, redacted: bool) -> QuoteItem:
    deal = quote.interview.deal
    source = [Outcome(deal.outcome).label + " deal", deal.quarter]
    if deal.primary_competitor:
        source.append(f"vs {deal.primary_competitor.name}")
    codebook = _codebook()
    theme = codebook.theme(quote.theme).label if quote.theme in codebook.ids else quote.theme
    return QuoteItem(text=quote.redacted if redacted else quote.text, source=", ".join(p for p in source if p),
                     theme=theme)
