"""Report formats: each renders a Document to bytes, with one registry, RENDERERS. Adding a format is one module
with a `RENDERER` and one line here."""

from __future__ import annotations

from winloss.reports.render import html, markdown, pdf, slides
from winloss.reports.render.base import Renderer

RENDERERS: dict[str, Renderer] = {r.name: r for r in (html.RENDERER, pdf.RENDERER, slides.RENDERER, markdown.RENDERER)}

__all__ = ["RENDERERS", "Renderer"]
