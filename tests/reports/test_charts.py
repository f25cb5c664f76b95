"""One chart spec, drawn as SVG for the page and PNG for files, whiskers included."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from winloss.reports.charts import ChartSpec, Series, render_png, render_svg

WITH = ChartSpec("bar", "Reasons", ("Price", "Support"), (Series("Lost", (0.3, 0.2), ((0.2, 0.4), (0.1, 0.3))),))
WITHOUT = ChartSpec("bar", "Reasons", ("Price", "Support"), (Series("Lost", (0.3, 0.2)),))


def test_a_spec_refuses_values_that_do_not_match_its_categories():
    with pytest.raises(ValueError, match="1 values for 2 categories"):
        ChartSpec("bar", "x", ("a", "b"), (Series("s", (1.0,)),))
    with pytest.raises(ValueError, match="1 intervals for 2 values"):
        ChartSpec("bar", "x", ("a", "b"), (Series("s", (1.0, 2.0), ((0.5, 1.5),)),))


@pytest.mark.parametrize("kind", ["bar", "stacked_bar", "line"])
def test_each_kind_draws_a_png_and_an_svg(kind):
    spec = ChartSpec(kind, "Win rate", ("2026Q2", "2026Q3"), (Series("Win rate", (0.4, 0.5), ((0.3, 0.5), (0.4, 0.6))),
                                                             Series("Other", (0.2, 0.3))))
    image = Image.open(io.BytesIO(render_png(spec)))
    assert image.format == "PNG" and image.width > 800
    assert render_svg(spec).startswith("<svg")


def test_whiskers_are_drawn_when_the_spec_has_intervals():
    # Matplotlib draws each whisker as its own line: the SVG with intervals has more paths than the one without.
    assert render_svg(WITH).count("<path") > render_svg(WITHOUT).count("<path") + 2
    assert render_png(WITH) != render_png(WITHOUT)
