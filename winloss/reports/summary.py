"""The one-page summary of an interview: how the deal ended, why, what was said by theme, and quotes."""

from __future__ import annotations

from collections import Counter

from django.utils import timezone

from winloss.analysis.codebook import load_codebook
from winloss.deals.models import Outcome
from winloss.interviews.models import Code, Interview
from winloss.reports.build import quote_item
from winloss.reports.document import Document, Paragraph, Quotes, Section, Table

POLARITIES = ("positive", "negative", "neutral")


def build_summary(interview: Interview, *, redacted: bool) -> Document:
    deal = interview.deal
    codebook = load_codebook()
    facts = [Outcome(deal.outcome).label, f"closed {deal.close_date}" if deal.close_date else "",
             f"interviewed {interview.date}" if interview.date else "",
             f"by {interview.interviewer_name}" if interview.interviewer_name else "",
             f"vs {deal.primary_competitor.name}" if deal.primary_competitor else ""]
    reasons = [codebook.theme(t).label for t in interview.primary_reasons if t in codebook.ids]
    sections = [Section("Why they decided", (Paragraph(
        "Primary reasons, most decisive first: " + "; ".join(reasons) if reasons
        else "No primary reasons were coded."),))]
    counts = Counter(Code.objects.effective().filter(statement__turn__interview=interview)
                     .values_list("theme", "polarity"))
    themes = sorted({theme for theme, _ in counts}, key=lambda t: -sum(counts[t, p] for p in POLARITIES))
    if themes:
        sections.append(Section("What they talked about", (Table(
            columns=("Theme", "Positive", "Negative", "Neutral"),
            rows=tuple((codebook.theme(t).label if t in codebook.ids else t,
                        *(str(counts[t, p]) for p in POLARITIES)) for t in themes),
            note="Coded statements per theme, after analysts' review."),)))
    mentions = interview.competitor_mentions.select_related("competitor").order_by("-mentions")
    if mentions:
        sections.append(Section("Competitors mentioned", (Paragraph(
            "; ".join(f"{m.competitor.name} ({m.mentions}×)" for m in mentions)),)))
    quotes = interview.quotes.kept().select_related("interview__deal__primary_competitor")
    if quotes:
        sections.append(Section("In the buyer's words", (Quotes(tuple(quote_item(q, redacted) for q in quotes)),)))
    return Document(title=f"Interview summary: {deal.name}", subtitle=" · ".join(f for f in facts if f),
                    sections=tuple(sections), made_at=timezone.now(), slug=f"winloss-interview-{interview.pk}")
