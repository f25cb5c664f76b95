"""A report as PDF, drawn with fpdf2 (pure Python: no browser). Charts are PNGs of the same chart spec.

PDF's built-in fonts only cover Latin-1, so buyers' names and curly quotes (Zoë, ’, —) need a Unicode TTF: we
use the DejaVu Sans files that ship inside matplotlib, the package that draws the charts, so the font is
always there wherever Winloss is installed."""

from __future__ import annotations

import io
from pathlib import Path

import matplotlib
from fpdf import FPDF
from fpdf.fonts import FontFace

from winloss.reports.charts import render_png
from winloss.reports.document import Chart, Document, FindingItem, Findings, Paragraph, QuoteItem, Quotes, Table
from winloss.reports.render.base import Renderer

FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
FONTS = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf"}
FAMILY = "DejaVu"
GREY = (90, 90, 90)


class _Pdf(FPDF):
    footer_text = ""

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FAMILY, size=8)
        self.set_text_color(*GREY)
        self.cell(0, 6, f"{self.footer_text}    page {self.page_no()}/{{nb}}", align="R")
        self.set_text_color(0)


def render(document: Document) -> bytes:
    pdf = _Pdf(format="A4")
    for style, name in FONTS.items():
        pdf.add_font(FAMILY, style, str(FONT_DIR / name))
    pdf.set_title(document.title)
    pdf.set_creator("Winloss")
    pdf.footer_text = f"{document.title} · made {document.made_at:%Y-%m-%d}"
    pdf.set_auto_page_break(auto=True, margin=16)
    pdf.add_page()
    pdf.set_font(FAMILY, "B", 18)
    pdf.multi_cell(0, 9, document.title, new_x="LMARGIN", new_y="NEXT")
    _text(pdf, document.subtitle, colour=GREY)
    if document.notice:
        pdf.set_text_color(160, 30, 30)
        _text(pdf, document.notice, style="B")
        pdf.set_text_color(0)
    for section in document.sections:
        pdf.ln(3)
        if pdf.will_page_break(40):
            pdf.add_page()
        pdf.set_font(FAMILY, "B", 14)
        pdf.multi_cell(0, 8, section.title, new_x="LMARGIN", new_y="NEXT")
        for block in section.blocks:
            _block(pdf, block)
    return bytes(pdf.output())


def _text(pdf: FPDF, text: str, *, style: str = "", size: float = 10.5, colour: tuple[int, ...] = (0,)) -> None:
    pdf.set_font(FAMILY, style, size)
    pdf.set_text_color(*colour)
    pdf.multi_cell(0, 5.5, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0)
    pdf.ln(1.5)


def _block(pdf: FPDF, block: object) -> None:
    if isinstance(block, Paragraph):
        _text(pdf, block.text)
    elif isinstance(block, Table):
        _table(pdf, block)
    elif isinstance(block, Chart):
        png = render_png(block.spec)
        if pdf.will_page_break(85):
            pdf.add_page()
        pdf.image(io.BytesIO(png), w=pdf.epw)
        for note in block.spec.notes:
            _text(pdf, note, size=8.5, colour=GREY)
    elif isinstance(block, Quotes):
        for quote in block.items:
            _quote(pdf, quote)
    elif isinstance(block, Findings):
        for finding in block.items:
            _finding(pdf, finding)
    else:
        raise TypeError(f"unknown block {block!r}")


def _table(pdf: FPDF, block: Table) -> None:
    pdf.set_font(FAMILY, size=9)
    with pdf.table(headings_style=FontFace(emphasis="BOLD", fill_color=(235, 235, 235)), line_height=5.5,
                   first_row_as_headings=True) as table:
        for row in (block.columns, *block.rows):
            cells = table.row()
            for value in row:
                cells.cell(value)
    if block.note:
        _text(pdf, block.note, size=8.5, colour=GREY)
    pdf.ln(2)


def _quote(pdf: FPDF, quote: QuoteItem) -> None:
    pdf.set_x(pdf.l_margin + 4)
    pdf.set_font(FAMILY, "I", 10.5)
    pdf.multi_cell(pdf.epw - 4, 5.5, f"“{quote.text}”", new_x="LMARGIN", new_y="NEXT")
    pdf.set_x(pdf.l_margin + 4)
    _text(pdf, f"— {quote.source}" + (f" · {quote.theme}" if quote.theme else ""), size=8.5, colour=GREY)


def _finding(pdf: FPDF, finding: FindingItem) -> None:
    _text(pdf, finding.statement, style="B", size=11.5)
    if finding.detail:
        _text(pdf, finding.detail)
    for line in finding.evidence:
        _text(pdf, f"• {line}", size=9.5)
    if finding.interviews:
        _text(pdf, f"• Interviews cited: {finding.interviews}", size=9.5)
    for quote in finding.quotes:
        _quote(pdf, quote)
    pdf.ln(2)


RENDERER = Renderer("pdf", "PDF", "application/pdf", "pdf", render)
