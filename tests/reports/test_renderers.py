"""Every format renders the same document: PDF and PowerPoint are opened and checked, Markdown and HTML read."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from pptx import Presentation
from pypdf import PdfReader

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
from winloss.reports.render import RENDERERS
from winloss.reports.render.pdf import FONT_DIR, FONTS

QUOTE = "Zoë’s team said the onboarding — all of it — took five months."
TREND = ChartSpec("line", "Win rate by quarter", ("2026Q2", "2026Q3"),
                  (Series("Win rate", (0.4, 0.55), ((0.3, 0.5), (0.42, 0.67))),), y_label="Won of decided deals")
REASONS = ChartSpec("bar", "Primary reasons in losses", ("Price & value", "Implementation & onboarding"),
                    (Series("Share of lost deals", (0.3, 0.2), ((0.2, 0.42), (0.12, 0.31))),))
DOCUMENT = Document(
    title="Win/loss report for executives, 2026Q3", subtitle="Deals closed in 2026Q3: 40",
    made_at=datetime(2026, 10, 2, 9, 0, tzinfo=UTC), slug="winloss-exec-2026Q3",
    sections=(
        Section("Win rate", (Paragraph("Win rate in 2026Q3: 55% (n=40)."), Chart(TREND),
                             Table(("Quarter", "Win rate"), (("2026Q2", "40%"), ("2026Q3", "55%")), note="n per row"))),
        Section("Top reasons", (Chart(REASONS),)),
        Section("Findings", (Findings((FindingItem(
            "Onboarding dates we cannot keep lose deals", "Detail.", ("Win rate 2026Q3: 55%",),
            (QuoteItem(QUOTE, "Lost deal"),), 2),)),)),
        Section("In buyers' words", (Quotes((QuoteItem(QUOTE, "Lost deal, 2026Q3", "Implementation"),)),)),
    ))


def test_the_registry_has_the_four_formats():
    assert set(RENDERERS) == {"html", "pdf", "pptx", "md"}
    assert RENDERERS["pdf"].filename(DOCUMENT) == "winloss-exec-2026Q3.pdf"


def test_the_pdf_font_is_a_unicode_ttf_shipped_with_a_package():
    for name in FONTS.values():
        assert (FONT_DIR / name).read_bytes()[:4] == b"\x00\x01\x00\x00"  # a TrueType file


def test_the_pdf_has_the_title_the_quote_in_full_unicode_and_a_picture_per_chart():
    reader = PdfReader(io.BytesIO(RENDERERS["pdf"].render(DOCUMENT)))
    assert reader.metadata.title == DOCUMENT.title
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert DOCUMENT.title in text
    assert "Zoë’s team said the onboarding — all of it" in " ".join(text.split())
    assert sum(len(page.images) for page in reader.pages) == 2
    assert 1 <= len(reader.pages) <= 4


def test_the_deck_has_a_title_slide_and_one_slide_per_section_with_charts_as_pictures():
    deck = Presentation(io.BytesIO(RENDERERS["pptx"].render(DOCUMENT)))
    slides = list(deck.slides)
    assert len(slides) == 1 + len(DOCUMENT.sections)
    assert slides[0].shapes.title.text == DOCUMENT.title
    assert [s.shapes.title.text for s in slides[1:]] == [s.title for s in DOCUMENT.sections]
    pictures = [[shape for shape in s.shapes if shape.shape_type == 13] for s in slides[1:]]  # 13: picture
    assert [len(p) for p in pictures] == [1, 1, 0, 0]
    words = "\n".join(shape.text_frame.text for s in slides for shape in s.shapes if shape.has_text_frame)
    assert QUOTE in words and "Onboarding dates we cannot keep lose deals" in words


def test_markdown_has_headings_tables_quotes_and_chart_values_with_intervals():
    text = RENDERERS["md"].render(DOCUMENT).decode()
    assert text.startswith("# Win/loss report for executives, 2026Q3\n")
    assert "## Top reasons" in text and "### Onboarding dates we cannot keep lose deals" in text
    assert "| Price & value | 30% (20%–42%) |" in text
    assert f"> “{QUOTE}”" in text
    assert "| 2026Q3 | 55% |\n\n_n per row_" in text


def test_html_is_a_standalone_page_with_inline_svg_charts():
    page = RENDERERS["html"].render(DOCUMENT).decode()
    assert page.startswith("<!doctype html>") and "<title>Win/loss report for executives, 2026Q3</title>" in page
    assert page.count("<svg") == 2
    assert "Zoë’s team" in page


@pytest.mark.parametrize("name", sorted(RENDERERS))
def test_a_notice_on_the_document_is_in_every_format(name):
    notice = "Quotes are unredacted: for analysts only."
    document = Document("T", "S", (Section("Words", (Paragraph("p"),)),), DOCUMENT.made_at, notice=notice)
    out = RENDERERS[name].render(document)
    if name == "pdf":
        text = PdfReader(io.BytesIO(out)).pages[0].extract_text()
    elif name == "pptx":
        text = Presentation(io.BytesIO(out)).slides[0].placeholders[1].text
    else:
        text = out.decode()
    assert notice in " ".join(text.split())
