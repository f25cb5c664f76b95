"""One chart specification, drawn as SVG for the web page and as PNG for PDF and PowerPoint. No Django here.

Charts are drawn with matplotlib's Agg and SVG backends in this process: no browser, no JavaScript runtime,
the same drawing in every form. Whiskers show each value's 95% interval when the spec has intervals."""

from __future__ import annotations

import io
import threading
from dataclasses import dataclass, field
from typing import Literal

import matplotlib

matplotlib.use("Agg")
from matplotlib import pyplot as plt  # noqa: E402  (after choosing the backend)

Kind = Literal["bar", "stacked_bar", "line"]
COLOURS = ("#2f6f4f", "#b5472f", "#8a8f98", "#3d5a9e", "#c99a2e")
# pyplot keeps global state; reports may be drawn from several request threads at once.
_LOCK = threading.Lock()


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float, ...]
    # (low, high) per value, in the values' unit, or empty for none.
    intervals: tuple[tuple[float, float], ...] = ()


@dataclass(frozen=True)
class ChartSpec:
    """A chart: bars (side by side or stacked) or a line over categories; values as fractions when percent."""

    kind: Kind
    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    x_label: str = ""
    y_label: str = ""
    percent: bool = True
    notes: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        for s in self.series:
            if len(s.values) != len(self.categories):
                raise ValueError(f"series {s.name!r} has {len(s.values)} values for {len(self.categories)} categories")
            if s.intervals and len(s.intervals) != len(s.values):
                raise ValueError(f"series {s.name!r} has {len(s.intervals)} intervals for {len(s.values)} values")


def _draw(spec: ChartSpec):
    horizontal = spec.kind != "line" and len(spec.categories) > 6
    height = max(3.0, 0.38 * len(spec.categories) + 1.4) if horizontal else 3.4
    figure, axes = plt.subplots(figsize=(7.5, height), dpi=100)
    positions = list(range(len(spec.categories)))
    width = 0.8 / max(1, len(spec.series)) if spec.kind == "bar" else 0.6
    bottoms = [0.0] * len(positions)
    for i, series in enumerate(spec.series):
        colour = COLOURS[i % len(COLOURS)]
        errors = _errors(series) if series.intervals else None
        if spec.kind == "line":
            axes.errorbar(positions, series.values, yerr=errors, color=colour, marker="o", capsize=4,
                          label=series.name, linewidth=2)
            continue
        if spec.kind == "bar":
            at = [p - 0.4 + width * (i + 0.5) for p in positions]
            base = None
        else:
            at, base = positions, list(bottoms)
            bottoms = [b + v for b, v in zip(bottoms, series.values, strict=True)]
        draw = axes.barh if horizontal else axes.bar
        kwargs = {"xerr" if horizontal else "yerr": errors, ("left" if horizontal else "bottom"): base}
        draw(at, series.values, width, color=colour, label=series.name, capsize=3,
             error_kw={"ecolor": "#222", "elinewidth": 1}, **kwargs)
    _label_axes(axes, spec, positions, horizontal)
    figure.tight_layout()
    return figure


def _errors(series: Series) -> list[list[float]]:
    return [[max(0.0, v - low) for v, (low, _) in zip(series.values, series.intervals, strict=True)],
            [max(0.0, high - v) for v, (_, high) in zip(series.values, series.intervals, strict=True)]]


def _label_axes(axes, spec: ChartSpec, positions: list[int], horizontal: bool) -> None:
    axes.set_title(spec.title, loc="left", fontsize=12, fontweight="bold", pad=14)
    value_axis, category_axis = (axes.xaxis, axes.yaxis) if horizontal else (axes.yaxis, axes.xaxis)
    (axes.set_yticks if horizontal else axes.set_xticks)(positions, spec.categories)
    if horizontal:
        axes.invert_yaxis()
    elif len(spec.categories) > 4:
        plt.setp(axes.get_xticklabels(), rotation=30, ha="right")
    if spec.percent:
        (axes.set_xlim if horizontal else axes.set_ylim)(0, 1)
        value_axis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0, decimals=0))
    value_axis.set_label_text(spec.y_label)
    category_axis.set_label_text(spec.x_label)
    axes.grid(axis="x" if horizontal else "y", color="#ddd")
    axes.set_axisbelow(True)
    axes.spines[["top", "right"]].set_visible(False)
    if len(spec.series) > 1:  # beside the plot, never over the bars
        axes.legend(frameon=False, fontsize=9, loc="upper left", bbox_to_anchor=(1.01, 1.0))


def render_svg(spec: ChartSpec) -> str:
    """The chart as an SVG document for inline use in a page (fonts drawn as paths: no font needed to view)."""
    with _LOCK:
        figure = _draw(spec)
        out = io.StringIO()
        with matplotlib.rc_context({"svg.fonttype": "path"}):
            figure.savefig(out, format="svg", metadata={"Date": None}, bbox_inches="tight")
        plt.close(figure)
    text = out.getvalue()
    return text[text.index("<svg"):]


def render_png(spec: ChartSpec, dpi: int = 150) -> bytes:
    with _LOCK:
        figure = _draw(spec)
        out = io.BytesIO()
        figure.savefig(out, format="png", dpi=dpi, bbox_inches="tight")
        plt.close(figure)
    return out.getvalue()
