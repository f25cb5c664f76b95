"""Calendar quarters named like '2026Q3'. No Django here."""

from __future__ import annotations

import re
from datetime import date, timedelta

_LABEL = re.compile(r"(\d{4})Q([1-4])")


class QuarterError(ValueError):
    """A quarter label that is not like 2026Q3."""


def quarter_of(day: date) -> str:
    return f"{day.year}Q{(day.month - 1) // 3 + 1}"


def parse_quarter(label: str) -> str:
    """' 2026q3' -> '2026Q3'; raises QuarterError for anything else."""
    normal = label.strip().upper()
    if _LABEL.fullmatch(normal) is None:
        raise QuarterError(f"'{label}' is not a quarter; write it like 2026Q3")
    return normal


def quarter_bounds(label: str) -> tuple[date, date]:
    """'2026Q3' -> (2026-07-01, 2026-09-30)."""
    year, quarter = (int(part) for part in parse_quarter(label).split("Q"))
    start = date(year, 3 * quarter - 2, 1)
    after = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
    return start, after - timedelta(days=1)


def shift_quarter(label: str, by: int) -> str:
    """The quarter `by` quarters after (or before, when negative) this one."""
    year, quarter = (int(part) for part in parse_quarter(label).split("Q"))
    index = year * 4 + quarter - 1 + by
    return f"{index // 4}Q{index % 4 + 1}"
