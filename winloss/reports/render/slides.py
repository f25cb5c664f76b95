"""A report as a PowerPoint deck for quarterly business reviews: a title slide, then one slide per section, its
chart as a picture on the left and its words on the right."""

from __future__ import annotations

import io

from pptx import Presentation
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.util import Inches, Pt

from winloss.reports.charts import render_png
from winloss.reports.document import Chart, Document, Findings, Paragraph, Quotes, Section, Table
from winloss.reports.render.base import Renderer

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
TITLE_LAYOUT, TITLE_ONLY_LAYOUT = 0, 5


def render(document: Document) -> bytes:
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    cover = deck.slides.add_slide(deck.slide_layouts[TITLE_LAYOUT])
    cover.shapes.title.text = document.title
    cover.placeholders[1].text = "\n".join(t for t in (document.subtitle, document.notice) if t)
    for section in document.sections:
        _section_slide(deck, section)
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def _section_slide(deck: Presentation, section: Section) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY_LAYOUT])
    slide.shapes.title.text = section.title
    title = slide.shapes.title
    title.left, title.top, title.width, title.height = Inches(0.5), Inches(0.3), WIDTH - Inches(1), Inches(1)
    charts = [b for b in section.blocks if isinstance(b, Chart)]
    top, left = Inches(1.4), Inches(0.5)
    for i, chart in enumerate(charts):
        slide.shapes.add_picture(io.BytesIO(render_png(chart.spec)), left, top + Inches(2.9) * i,
                                 width=Inches(7.2) if len(charts) == 1 else Inches(5.6))
    text_left = Inches(8.0) if charts else left
    box = slide.shapes.add_textbox(text_left, top, WIDTH - text_left - Inches(0.5), HEIGHT - top - Inches(0.4))
    frame = box.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE
    lines = [line for block in section.blocks for line in _lines(block)]
    for i, (text, size, bold, italic) in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        run = paragraph.add_run()
        run.text = text
        run.font.size, run.font.bold, run.font.italic = Pt(size), bold, italic
        paragraph.space_after = Pt(4)


def _lines(block: object) -> list[tuple[str, int, bool, bool]]:
    """The block as lines of text: (text, points, bold, italic). Charts are pictures, not lines."""
    if isinstance(block, Paragraph):
        return [(block.text, 16, False, False)]
    if isinstance(block, Table):
        return [(" · ".join(row), 12, i == 0, False) for i, row in enumerate((block.columns, *block.rows))]
    if isinstance(block, Quotes):
        return [(f"“{q.text}” — {q.source}", 13, False, True) for q in block.items]
    if isinstance(block, Findings):
        lines = []
        for f in block.items:
            lines.append((f.statement, 16, True, False))
            lines += [(f"• {e}", 12, False, False) for e in f.evidence]
            lines += [(f"“{q.text}” — {q.source}", 12, False, True) for q in f.quotes[:2]]
        return lines
    if isinstance(block, Chart):
        return []
    raise TypeError(f"unknown block {block!r}")


RENDERER = Renderer("pptx", "PowerPoint", "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                    "pptx", render)
