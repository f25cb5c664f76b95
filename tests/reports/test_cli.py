"""`winloss report` writes the report for an audience and a quarter in each format; bad input exits with 2."""

from __future__ import annotations

import io

import pytest
from click.testing import CliRunner
from pptx import Presentation
from pypdf import PdfReader

from tests.reports.builders import NAMED, REDACTED, make_quoted_interview
from winloss.cli import main


@pytest.fixture
def data(db):
    make_quoted_interview(theme="implementation")


def run(*args: str):
    return CliRunner().invoke(main, ["report", *args])


@pytest.mark.parametrize("format_name", ["html", "pdf", "pptx", "md"])
def test_it_writes_each_format_with_redacted_quotes(data, tmp_path, format_name):
    out = tmp_path / f"report.{format_name}"
    result = run("--audience", "cs", "--period", "2026Q3", "--format", format_name, "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.output == f"Wrote Win/loss report for customer success, 2026Q3 to {out}.\n"
    content = out.read_bytes()
    if format_name == "pdf":
        text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages).split())
    elif format_name == "pptx":
        deck = Presentation(io.BytesIO(content))
        text = "\n".join(s.text_frame.text for slide in deck.slides for s in slide.shapes if s.has_text_frame)
    else:
        text = content.decode()
    assert "Zoë" not in text and NAMED not in text
    assert REDACTED.split(",")[0] in text


def test_an_unknown_quarter_exits_with_2_and_says_why(data, tmp_path):
    result = run("--audience", "exec", "--period", "Q3", "--format", "md", "-o", str(tmp_path / "r.md"))
    assert result.exit_code == 2
    assert "Error: 'Q3' is not a quarter; write it like 2026Q3" in result.output
    assert not (tmp_path / "r.md").exists()


def test_an_unknown_audience_exits_with_2_and_lists_the_audiences(data, tmp_path):
    result = run("--audience", "board", "--period", "2026Q3", "--format", "md", "-o", str(tmp_path / "r.md"))
    assert result.exit_code == 2
    assert "'board' is not one of 'exec', 'sales', 'marketing', 'product', 'cs'" in result.output
