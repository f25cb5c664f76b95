"""A report as plain data: the one source every format (web page, PDF, PowerPoint, Markdown) is rendered from.
No Django here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from winloss.reports.charts import ChartSpec


@dataclass(frozen=True)
class Paragraph:
    kind: ClassVar[str] = "paragraph"
    text: str


@dataclass(frozen=True)
class Table:
    """Figures in rows; `note` says what the numbers are (n, intervals, small samples)."""

    kind: ClassVar[str] = "table"
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    note: str = ""


@dataclass(frozen=True)
class Chart:
    kind: ClassVar[str] = "chart"
    spec: ChartSpec


@dataclass(frozen=True)
class QuoteItem:
    text: str
    source: str  # which deal, without naming the buyer: "Lost deal, 2026Q3, vs Northwind"
    theme: str = ""


@dataclass(frozen=True)
class Quotes:
    kind: ClassVar[str] = "quotes"
    items: tuple[QuoteItem, ...]


@dataclass(frozen=True)
class FindingItem:
    statement: str
    detail: str = ""
    evidence: tuple[str, ...] = ()  # figures, one line each
    quotes: tuple[QuoteItem, ...] = ()
    interviews: int = 0


@dataclass(frozen=True)
class Findings:
    kind: ClassVar[str] = "findings"
    items: tuple[FindingItem, ...]


Block = Paragraph | Table | Chart | Quotes | Findings


@dataclass(frozen=True)
class Section:
    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Document:
    title: str
    subtitle: str
    sections: tuple[Section, ...]
    made_at: datetime
    # Said in every form so a file passed on shows who may read it.
    notice: str = ""
    slug: str = "report"  # file name without extension

    def charts(self) -> list[ChartSpec]:
        return [b.spec for s in self.sections for b in s.blocks if isinstance(b, Chart)]

    def quotes(self) -> list[QuoteItem]:
        out: list[QuoteItem] = []
        for section in self.sections:
            for block in section.blocks:
                if isinstance(block, Quotes):
                    out += block.items
                elif isinstance(block, Findings):
                    out += [q for f in block.items for q in f.quotes]
        return out
