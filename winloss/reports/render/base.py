from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from winloss.reports.document import Document


@dataclass(frozen=True)
class Renderer:
    name: str  # as the CLI's --format and the download links name it
    label: str
    content_type: str
    extension: str
    render: Callable[[Document], bytes]

    def filename(self, document: Document) -> str:
        return f"{document.slug}.{self.extension}"
