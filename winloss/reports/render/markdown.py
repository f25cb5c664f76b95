"""A report as Markdown: charts become the table of their values and intervals."""

from __future__ import annotations

from winloss.reports.charts import ChartSpec
from winloss.reports.document import Chart, Document, Findings, Paragraph, Quotes, Table
from winloss.reports.render.base import Renderer


def render(document: Document) -> bytes:
    lines = [f"# {document.title}", "", document.subtitle, ""]
    if document.notice:
        lines += [f"> **{document.notice}**", ""]
    for section in document.sections:
        lines += [f"## {section.title}", ""]
        for block in section.blocks:
            lines += _block(block) + [""]
    lines.append(f"_Made {document.made_at:%Y-%m-%d %H:%M} UTC by Winloss._")
    return ("\n".join(lines) + "\n").encode()


def _block(block: object) -> list[str]:
    if isinstance(block, Paragraph):
        return [block.text]
    if isinstance(block, Table):
        return _table(block.columns, block.rows) + (["", f"_{block.note}_"] if block.note else [])
    if isinstance(block, Chart):
        return _chart(block.spec)
    if isinstance(block, Quotes):
        return [line for q in block.items for line in (f"> “{q.text}”", f"> — {q.source}", "")][:-1]
    if isinstance(block, Findings):
        return [line for f in block.items for line in _finding(f)]
    raise TypeError(f"unknown block {block!r}")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _table(columns: tuple[str, ...], rows: tuple[tuple[str, ...], ...]) -> list[str]:
    return ["| " + " | ".join(map(_cell, columns)) + " |", "|" + "---|" * len(columns),
            *("| " + " | ".join(map(_cell, row)) + " |" for row in rows)]


def _chart(spec: ChartSpec) -> list[str]:
    def value(v: float) -> str:
        return f"{v:.0%}" if spec.percent else f"{v:g}"

    rows = []
    for i, category in enumerate(spec.categories):
        cells = []
        for s in spec.series:
            interval = f" ({value(s.intervals[i][0])}–{value(s.intervals[i][1])})" if s.intervals else ""
            cells.append(value(s.values[i]) + interval)
        rows.append((category, *cells))
    return [f"**{spec.title}**", "", *_table((spec.x_label or "", *(s.name for s in spec.series)), tuple(rows)),
            *(line for n in spec.notes for line in ("", f"_{n}_"))]


def _finding(finding) -> list[str]:
    lines = [f"### {finding.statement}", ""]
    if finding.detail:
        lines += [finding.detail, ""]
    lines += [f"- {line}" for line in finding.evidence]
    if finding.interviews:
        lines.append(f"- Interviews cited: {finding.interviews}")
    lines += [f"> “{q.text}” — {q.source}" for q in finding.quotes]
    return [*lines, ""]


RENDERER = Renderer("md", "Markdown", "text/markdown; charset=utf-8", "md", render)
