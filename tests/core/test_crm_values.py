"""Amounts and dates as CRMs write them."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from winloss.core.crm.values import (
    guess_date_order,
    guess_decimal_mark,
    parse_amount,
    parse_bool,
    parse_date,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("$1,500", (Decimal("1500"), "USD")),
        ("USD 12,000.00", (Decimal("12000.00"), "USD")),
        ("12,000.00 USD", (Decimal("12000.00"), "USD")),
        ("1.234,56 €", (Decimal("1234.56"), "EUR")),
        ("€1 234,56", (Decimal("1234.56"), "EUR")),
        ("€1\u202f234,56", (Decimal("1234.56"), "EUR")),
        ("£950", (Decimal("950"), "GBP")),
        ("CHF 1'250.50", (Decimal("1250.50"), "CHF")),
        ("1500", (Decimal("1500"), "")),
        ("1500.25", (Decimal("1500.25"), "")),
        ("(1,200)", (Decimal("-1200"), "")),
        ("-$75", (Decimal("-75"), "USD")),
        (8000, (Decimal("8000"), "")),
        (39500.5, (Decimal("39500.5"), "")),
        ("", (None, "")),
        ("   ", (None, "")),
        (None, (None, "")),
    ],
)
def test_it_reads_amounts_in_the_styles_crms_write(
    text: object, expected: tuple[Decimal | None, str]
) -> None:
    assert parse_amount(text) == expected


def test_a_symbol_after_the_number_reads_the_dot_as_thousands() -> None:
    assert parse_amount("12.000 €") == (Decimal("12000"), "EUR")


def test_a_lone_comma_before_three_digits_groups_thousands_unless_the_column_says_otherwise() -> None:
    assert parse_amount("1,500") == (Decimal("1500"), "")
    assert parse_amount("1,500", ",") == (Decimal("1.500"), "")
    assert parse_amount("1.500", ",") == (Decimal("1500"), "")


def test_it_guesses_the_decimal_mark_from_the_first_value_that_proves_it() -> None:
    assert guess_decimal_mark(["1.000", "2.500.000"]) == ","
    assert guess_decimal_mark(["1,000", "2,5"]) == ","
    assert guess_decimal_mark(["1,000", "2,500"]) == "."
    assert guess_decimal_mark(["", "12,000.00"]) == "."


@pytest.mark.parametrize("text", ["abc", "1,2,3", "1.2.3,4.5", "12 apples", "$", "USD 5 EUR", "--5", "NaN"])
def test_it_rejects_text_that_is_not_an_amount(text: str) -> None:
    with pytest.raises(ValueError, match=re.escape(f"{text!r} is not an amount")):
        parse_amount(text)


@pytest.mark.parametrize(
    "text",
    [
        "2024-03-31",
        "2024-03-31T23:30:00Z",
        "2024-03-31T23:30:00.000+00:00",
        "2024-03-31T23:30:00-05:00",
        "2024-03-31 14:05:00",
        "2024-03-31 14:05",
        "1711843200000",
        "3/31/2024",
        "03/31/2024",
        "31/03/2024",
        "31.03.2024",
        "Mar 31, 2024",
        "March 31, 2024",
        "31 Mar 2024",
        "31-Mar-24",
        "3/31/24",
        "20240331",
        "3/31/2024 2:05 PM",
    ],
)
def test_it_reads_dates_in_the_styles_crms_write(text: str) -> None:
    assert parse_date(text) == date(2024, 3, 31)


def test_the_calendar_date_as_written_counts_not_the_instant() -> None:
    assert parse_date("2024-03-31T23:30:00-05:00") == date(2024, 3, 31)


def test_an_ambiguous_slash_date_is_month_first_unless_told() -> None:
    assert parse_date("03/04/2024") == date(2024, 3, 4)
    assert parse_date("03/04/2024", "dmy") == date(2024, 4, 3)
    assert parse_date("03/04/2024", "mdy") == date(2024, 3, 4)


def test_it_takes_explicit_orders_and_strftime_formats() -> None:
    assert parse_date("2024/03/31", "ymd") == date(2024, 3, 31)
    assert parse_date("31|03|2024", "%d|%m|%Y") == date(2024, 3, 31)
    with pytest.raises(ValueError, match="not a date in the format '%d|%m|%Y'"):
        parse_date("2024-03-31x", "%d|%m|%Y")


def test_nine_or_ten_digits_are_epoch_seconds() -> None:
    assert parse_date("1711843200") == date(2024, 3, 31)


def test_two_digit_years_pivot_like_strptime() -> None:
    assert parse_date("1/2/68") == date(2068, 1, 2)
    assert parse_date("1/2/69") == date(1969, 1, 2)


def test_empty_text_is_no_date() -> None:
    assert parse_date("") is None
    assert parse_date("  ") is None
    assert parse_date(None) is None


def test_it_rejects_an_impossible_date_with_an_example() -> None:
    with pytest.raises(ValueError) as raised:
        parse_date("31/31/2024")
    assert str(raised.value) == "'31/31/2024' is not a date (expected e.g. 2024-03-31 or 03/31/2024)"


@pytest.mark.parametrize(
    "text", ["yesterday", "2024-02-30", "13/13/2024", "3/31/5", "Smarch 3, 2024", "12:30"]
)
def test_it_rejects_text_that_is_not_a_date(text: str) -> None:
    with pytest.raises(ValueError, match="is not a date"):
        parse_date(text)


def test_it_rejects_an_unknown_date_format_name() -> None:
    with pytest.raises(ValueError, match="unknown date format 'european'"):
        parse_date("31/03/2024", "european")


@pytest.mark.parametrize(
    ("samples", "order"),
    [
        (["03/04/2024", "13/04/2024"], "dmy"),
        (["03/04/2024", "04/13/2024"], "mdy"),
        (["03/04/2024", "05/06/2024"], "mdy"),
        (["", "2024-03-31", "31.01.2024"], "dmy"),
        ([], "mdy"),
    ],
)
def test_it_guesses_the_day_month_order_of_a_whole_column(samples: list[str], order: str) -> None:
    assert guess_date_order(samples) == order


def test_it_reads_crm_booleans() -> None:
    assert [parse_bool(v) for v in ("true", "FALSE", "1", "0", "", None, True)] == [
        True, False, True, False, None, None, True
    ]  # fmt: skip
    with pytest.raises(ValueError, match="not true or false"):
        parse_bool("maybe")


# --- round trips ------------------------------------------------------------------------------------------

amounts = st.decimals(min_value=0, max_value=10**10, places=2, allow_nan=False, allow_infinity=False)


def _en(value: Decimal) -> str:
    return f"{value:,.2f}"


def _continental(value: Decimal, group: str) -> str:
    return _en(value).replace(",", "\0").replace(".", ",").replace("\0", group)


AMOUNT_STYLES = {
    "plain": lambda v: f"{v:.2f}",
    "dollar": lambda v: f"${_en(v)}",
    "code before": lambda v: f"USD {_en(v)}",
    "code after": lambda v: f"{_en(v)} USD",
    "german": lambda v: f"{_continental(v, '.')} €",
    "french": lambda v: f"€{_continental(v, ' ')}",
    "accounting negative": lambda v: f"({_en(v)})",
}


@pytest.mark.parametrize("style", AMOUNT_STYLES)
@given(value=amounts)
def test_an_amount_survives_every_style_it_can_be_written_in(style: str, value: Decimal) -> None:
    parsed, _ = parse_amount(AMOUNT_STYLES[style](value))
    assert parsed == (-value if style == "accounting negative" else value)


@given(value=st.integers(min_value=0, max_value=10**12))
def test_a_whole_amount_survives_thousands_groups_once_the_column_decides(value: int) -> None:
    assert parse_amount(f"{value:,}", ".")[0] == value
    assert parse_amount(f"{value:,}".replace(",", "."), ",")[0] == value


dates = st.dates(min_value=date(1970, 1, 2), max_value=date(2068, 12, 31))
DATE_STYLES = {
    "iso": ("auto", lambda d: d.isoformat()),
    "iso datetime Z": ("auto", lambda d: f"{d.isoformat()}T12:34:56.000Z"),
    "iso offset": ("auto", lambda d: f"{d.isoformat()}T08:00:00+00:00"),
    "pipedrive": ("auto", lambda d: f"{d.isoformat()} 23:59:59"),
    "mdy": ("mdy", lambda d: f"{d.month}/{d.day}/{d.year}"),
    "dmy": ("dmy", lambda d: f"{d.day:02}/{d.month:02}/{d.year}"),
    "dmy two-digit year": ("dmy", lambda d: f"{d.day:02}/{d.month:02}/{d.year % 100:02}"),
    "dotted": ("auto", lambda d: f"{d.day:02}.{d.month:02}.{d.year}"),
    "month name first": ("auto", lambda d: d.strftime("%b %d, %Y")),
    "day first month name": ("auto", lambda d: d.strftime("%d %b %Y")),
    "strftime": ("%Y%j", lambda d: d.strftime("%Y%j")),
}


@pytest.mark.parametrize("style", DATE_STYLES)
@given(day=dates)
def test_a_date_survives_every_style_it_can_be_written_in(style: str, day: date) -> None:
    date_format, write = DATE_STYLES[style]
    assert parse_date(write(day), date_format) == day


@given(day=st.dates(min_value=date(1974, 1, 1), max_value=date(2099, 12, 31)), seconds=st.integers(0, 86_399))
def test_a_date_survives_epoch_milliseconds(day: date, seconds: int) -> None:
    # From March 1973 on, milliseconds have 11+ digits; fewer digits are read as seconds or as 20240331.
    instant = datetime.combine(day, time(), tzinfo=UTC).timestamp() + seconds
    assert parse_date(str(int(instant * 1000))) == day


@given(days=st.lists(dates, min_size=1, max_size=30))
def test_a_whole_column_of_day_first_dates_reads_back_once_its_order_is_guessed(days: list[date]) -> None:
    column = [f"{d.day:02}/{d.month:02}/{d.year}" for d in days]
    order = guess_date_order(column)
    if any(d.day > 12 for d in days):
        assert order == "dmy"
    if order == "dmy" or all(d.day == d.month for d in days):
        assert [parse_date(text, order) for text in column] == days
