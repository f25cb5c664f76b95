"""Amounts and dates as CRMs write them, into Decimal and date.

Every parser raises ValueError with a message fit to show the user; importers add the file, line and column.
Dates whose day/month order is ambiguous (03/04/2024) are resolved per file, not per value: call
`guess_date_order` over a whole column and pass its answer to `parse_date`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Literal

DateOrder = Literal["mdy", "dmy"]
DecimalMark = Literal[".", ","]

# "$" is shared by a dozen currencies; US dollars is by far the most common reading in CRM exports.
CURRENCY_SYMBOLS = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "CHF": "CHF"}

_AMOUNT = re.compile(
    r"""^(?P<neg1>-)?\s*
        (?:(?P<pre>[A-Za-z]{3}|US\$|[$€£¥₹])\s*)?
        (?P<neg2>-)?\s*
        (?P<num>\d[\d\s.,']*)
        \s*(?P<post>[A-Za-z]{3}|[$€£¥₹])?
        (?P<neg3>-)?$""",
    re.VERBOSE,
)
_US_AMOUNT = re.compile(r"^(?:(?P<cur>[A-Z]{3}|\$) ?)?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?)$")
_PLAIN_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$")
# Thousands separators: ASCII, no-break and narrow no-break spaces, and the Swiss apostrophe.
_GROUPING = str.maketrans("", "", " \u00a0\u202f\u2009'")

AMOUNT_EXAMPLES = "1500, $1,500.00, USD 12,000.00 or 1.234,56 €"


def parse_amount(text: object, decimal_mark: DecimalMark | None = None) -> tuple[Decimal | None, str]:
    """Read a money amount and the currency written with it ("" when none).

    `decimal_mark` settles "1.500" and "1,500" for a whole column (see `guess_decimal_mark`); without it a
    lone comma before exactly three digits groups thousands and a lone dot is a decimal point.
    """
    if text is None or isinstance(text, bool):
        return None, ""
    if isinstance(text, int | Decimal):
        return Decimal(text), ""
    if isinstance(text, float):
        return Decimal(repr(text)), ""
    raw = str(text).strip()
    if not raw:
        return None, ""
    return _parse_amount_text(raw, decimal_mark)


@lru_cache(maxsize=8192)
def _parse_amount_text(raw: str, decimal_mark: DecimalMark | None) -> tuple[Decimal, str]:
    # Decimal is immutable, so cached results are safe to share between deals.
    if _PLAIN_NUMBER.match(raw) and (decimal_mark != "," or "." not in raw):
        return Decimal(raw), ""
    m = _US_AMOUNT.match(raw) if decimal_mark != "," else None
    if m:  # the common report style, "USD 12,000.00" or "$1,500", without the general parser's cost
        return Decimal(m["num"].replace(",", "")), CURRENCY_SYMBOLS.get(m["cur"] or "", m["cur"] or "")
    negative, currency, number, symbol_after = _split_amount(raw)
    # "12.000 €": a symbol after the number is the continental habit, where the dot groups thousands.
    value = _number(raw, number, decimal_mark or ("," if symbol_after else None))
    return (-value if negative else value), currency


def _split_amount(raw: str) -> tuple[bool, str, str, bool]:
    negative = raw.startswith("(") and raw.endswith(")")
    inner = raw[1:-1].strip() if negative else raw
    m = _AMOUNT.match(inner)
    if not m or (m["pre"] and m["post"]):
        raise ValueError(f"{raw!r} is not an amount (expected e.g. {AMOUNT_EXAMPLES})")
    signs = sum(1 for key in ("neg1", "neg2", "neg3") if m[key])
    if signs > 1 or (signs and negative):
        raise ValueError(f"{raw!r} is not an amount (expected e.g. {AMOUNT_EXAMPLES})")
    symbol = m["pre"] or m["post"] or ""
    currency = CURRENCY_SYMBOLS.get(symbol, symbol.upper())
    symbol_after = bool(m["post"]) and not m["post"].isalpha()
    return negative or signs == 1, currency, m["num"].strip(), symbol_after


def _number(raw: str, number: str, decimal_mark: DecimalMark | None) -> Decimal:
    digits = number.translate(_GROUPING)
    mark = _decimal_mark_of(digits) or decimal_mark or "."
    grouping = "," if mark == "." else "."
    if digits.count(mark) > 1 or not _grouping_ok(digits.split(mark)[0], grouping):
        raise ValueError(f"{raw!r} is not an amount (expected e.g. {AMOUNT_EXAMPLES})")
    try:
        return Decimal(digits.replace(grouping, "").replace(mark, "."))
    except InvalidOperation:
        raise ValueError(f"{raw!r} is not an amount (expected e.g. {AMOUNT_EXAMPLES})") from None


def _grouping_ok(whole: str, grouping: str) -> bool:
    """Thousands groups must be three digits, so "1,2,3" is refused rather than read as 123."""
    groups = whole.split(grouping)
    return all(g.isdigit() for g in groups) and all(len(g) == 3 for g in groups[1:])


def _decimal_mark_of(digits: str) -> DecimalMark | None:
    """The decimal mark a single number proves, or None when it could be either ("1,500", "1.500")."""
    commas, dots = digits.count(","), digits.count(".")
    if commas and dots:
        return "," if digits.rfind(",") > digits.rfind(".") else "."
    if commas > 1:
        return "."
    if dots > 1:
        return ","
    if commas == 1:
        whole, fraction = digits.split(",")
        return None if len(fraction) == 3 and whole not in ("", "0") else ","
    if dots == 1:
        whole, fraction = digits.split(".")
        return None if len(fraction) == 3 and whole not in ("", "0") else "."
    return None


def guess_decimal_mark(samples: Iterable[object]) -> DecimalMark:
    """The decimal mark of a whole amount column: the first value that proves one decides, else "."."""
    for sample in samples:
        if not isinstance(sample, str) or not sample:
            continue
        m = _AMOUNT.match(sample.strip().strip("()"))
        if m:
            mark = _decimal_mark_of(m["num"].strip().translate(_GROUPING))
            if mark:
                return mark
    return "."


# --- dates ------------------------------------------------------------------------------------------------

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}

_TIME = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:[AaPp][Mm])?\s*(?:Z|UTC|GMT|[+-]\d{2}:?\d{2})?)?"
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})" + _TIME + "$")
_NUMERIC = re.compile(r"^(\d{1,4})([/.-])(\d{1,2})\2(\d{1,4})" + _TIME + "$")
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[ -]([A-Za-z]{3,9})\.?,?[ -](\d{2}|\d{4})" + _TIME + "$")
_MONTH_DAY_YEAR = re.compile(r"^([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{2}|\d{4})" + _TIME + "$")
_EPOCH = re.compile(r"^\d{9,13}$")
_BASIC_ISO = re.compile(r"^\d{8}$")

DATE_ORDERS = ("dmy", "mdy", "ymd")


def parse_date(text: object, date_format: str = "auto") -> date | None:
    """Read a date; `date_format` is "auto", "dmy", "mdy", "ymd" or a strftime format such as "%d.%m.%Y".

    Only the calendar date as written counts: "2024-03-31T23:30:00-05:00" is 31 March, because a close
    date is a day in the rep's calendar, not an instant. "auto" reads an ambiguous 03/04/2024 as
    month first; importers pass the order `guess_date_order` found for the whole column instead.
    """
    if text is None:
        return None
    if isinstance(text, datetime):
        return text.date()
    if isinstance(text, date):
        return text
    if isinstance(text, int) and not isinstance(text, bool):
        return _parse_date_cached(str(text), "auto")
    raw = str(text).strip()
    if not raw:
        return None
    if "%" in date_format:
        return _strptime(raw, date_format)
    if date_format not in ("auto", *DATE_ORDERS):
        raise ValueError(
            f"unknown date format {date_format!r} (use auto, dmy, mdy, ymd or a strftime format)"
        )
    return _parse_date_cached(raw, date_format)


@lru_cache(maxsize=4096)
def _parse_date_cached(raw: str, order: str) -> date:
    # Close dates repeat a lot in a column; caching makes a 100k-row file cost a few thousand parses.
    m = _ISO.match(raw)
    if m:
        return _make_date(raw, int(m[1]), int(m[2]), int(m[3]), order)
    m = _NUMERIC.match(raw)
    if m:
        return _numeric_date(raw, m, order)
    m = _DAY_MONTH_YEAR.match(raw)
    if m:
        return _make_date(raw, _year(m[3]), _month(raw, m[2], order), int(m[1]), order)
    m = _MONTH_DAY_YEAR.match(raw)
    if m:
        return _make_date(raw, _year(m[3]), _month(raw, m[1], order), int(m[2]), order)
    if _BASIC_ISO.match(raw):
        return _make_date(raw, int(raw[:4]), int(raw[4:6]), int(raw[6:]), order)
    if _EPOCH.match(raw):
        return _from_epoch(raw, order)
    raise ValueError(_not_a_date(raw, order))


def _numeric_date(raw: str, m: re.Match[str], order: str) -> date:
    first, sep, second, third = m[1], m[2], m[3], m[4]
    if len(first) == 4 or order == "ymd":
        return _make_date(raw, _year(first), int(second), int(third), order)
    if len(first) > 2 or len(third) not in (2, 4):
        raise ValueError(_not_a_date(raw, order))
    resolved = order
    if order == "auto":
        resolved = "dmy" if sep == "." or int(first) > 12 else "mdy"
    day, month = (first, second) if resolved == "dmy" else (second, first)
    return _make_date(raw, _year(third), int(month), int(day), order)


def _year(text: str) -> int:
    # POSIX %y pivot, as strptime uses: 69-99 are the 1900s, 00-68 the 2000s.
    if len(text) == 2:
        year = int(text)
        return year + (1900 if year >= 69 else 2000)
    return int(text)


def _month(raw: str, name: str, order: str) -> int:
    month = MONTHS.get(name.lower())
    if month is None:
        raise ValueError(_not_a_date(raw, order))
    return month


def _make_date(raw: str, year: int, month: int, day: int, order: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(_not_a_date(raw, order)) from None


def _from_epoch(raw: str, order: str) -> date:
    # HubSpot's v1 API writes epoch milliseconds (11 digits and up); 9 to 10 digits are seconds.
    seconds = int(raw) / 1000 if len(raw) >= 11 else int(raw)
    try:
        return datetime.fromtimestamp(seconds, tz=UTC).date()
    except (OverflowError, OSError, ValueError):
        raise ValueError(_not_a_date(raw, order)) from None


def _strptime(raw: str, fmt: str) -> date:
    try:
        return datetime.strptime(raw, fmt).date()
    except ValueError:
        example = date(2024, 3, 31).strftime(fmt)
        raise ValueError(f"{raw!r} is not a date in the format {fmt!r} (expected e.g. {example})") from None


def _not_a_date(raw: str, order: str) -> str:
    example = "31/03/2024" if order == "dmy" else "2024/03/31" if order == "ymd" else "03/31/2024"
    return f"{raw!r} is not a date (expected e.g. 2024-03-31 or {example})"


def guess_date_order(samples: Iterable[object]) -> DateOrder:
    """The day/month order of a whole date column.

    A first part over 12 (31/03/2024) or a dotted date means day first; a second part over 12 means month
    first; the first value that proves either decides. A column that never tells is read month first,
    the en_US default of Salesforce and HubSpot.
    """
    for sample in samples:
        if not isinstance(sample, str):
            continue
        m = _NUMERIC.match(sample.strip())
        if not m or len(m[1]) == 4:
            continue
        if m[2] == "." or int(m[1]) > 12:
            return "dmy"
        if int(m[3]) > 12:
            return "mdy"
    return "mdy"


def resolve_date_format(date_format: str, samples: Iterable[object]) -> str:
    """The format to parse a whole file with: the guessed order in "auto" mode, else the user's choice."""
    return guess_date_order(samples) if date_format == "auto" else date_format


def parse_bool(text: object) -> bool | None:
    """Read a CRM boolean ("true", "1", "yes", True); None when empty."""
    if text is None or isinstance(text, bool):
        return text
    raw = str(text).strip().lower()
    if not raw:
        return None
    if raw in ("true", "1", "yes", "y", "t"):
        return True
    if raw in ("false", "0", "no", "n", "f"):
        return False
    raise ValueError(f"{text!r} is not true or false")
