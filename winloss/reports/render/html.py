"""A report as one standalone HTML file; the web page shows the same partial inside the site's layout."""

from __future__ import annotations

from django.template.loader import render_to_string

from winloss.reports.document import Document
from winloss.reports.render.base import Renderer


def render(document: Document) -> bytes:
    return render_to_string("reports/document.html", {"document": document}).encode()


RENDERER = Renderer("html", "Web page", "text/html; charset=utf-8", "html", render)
