"""What the CSV importers share: finding columns once per file, reading cells, and whole-deal checks."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal

from winloss.core.crm.base import ImportOptions, SourceDocument
from winloss.core.crm.reader import iter_csv_rows
from winloss.core.crm.records import ContactRecord, DealRecord, ImportFileError
from winloss.core.crm.values import (
    DecimalMark,
    guess_decimal_mark,
    parse_amount,
    parse_bool,
    parse_date,
    resolve_date_format,
)

Row = Mapping[str, str]


def header_key(name: str) -> str:
    """How headers are compared: case-insensitive, whitespace-tolerant."""
    return " ".join(name.casefold().split())


class Columns:
    """The columns of one file that hold each field, found once so that each row is plain dict lookups.

    `spec` lists, per field, the header names it may go by, in order of preference. Where a file has
    several of them (say "Loss Reason Details" and "Next Step"), a row's value is the first non-empty one.
    """

    def __init__(self, doc: SourceDocument, spec: Mapping[str, Sequence[str]]):
        by_key: dict[str, str] = {}
        for name in doc.header:
            by_key.setdefault(header_key(name), name)
        self.doc = doc
        self.spec = spec
        self.found: dict[str, tuple[str, ...]] = {
            field: tuple(dict.fromkeys(by_key[header_key(n)] for n in names if header_key(n) in by_key))
            for field, names in spec.items()
        }
        self._items = tuple(self.found.items())

    def has(self, field: str) -> bool:
        return bool(self.found.get(field))

    def label(self, field: str) -> str:
        """The header to name in messages: the one in the file, else the first the field goes by."""
        found = self.found.get(field)
        return found[0] if found else (*self.spec.get(field, ()), field)[0]

    def require(self, *fields: str) -> None:
        for field in fields:
            if not self.has(field):
                label = self.label(field)
                raise ImportFileError(
                    self.doc.path, f"required column {label!r} is missing", self.doc.header_line, label
                )

    def values(self, row: Row) -> dict[str, str]:
        """Every field's text in one row; one call per row keeps a 100k-row file fast."""
        values = {}
        for field, found in self._items:
            value = ""
            for column in found:
                value = row[column]
                if value:
                    break
            values[field] = value
        return values

    def text(self, row: Row, field: str) -> str:
        for column in self.found.get(field, ()):
            value = row[column]
            if value:
                return value
        return ""

    def required(self, line: int, row: Row, field: str) -> str:
        value = self.text(row, field)
        if not value:
            label = self.label(field)
            raise ImportFileError(self.doc.path, f"required value {label!r} is empty", line, label)
        return value

    def column_of(self, row: Row, field: str) -> str:
        """The column a row's value for `field` came from, for messages."""
        for column in self.found.get(field, ()):
            if row[column]:
                return column
        return self.label(field)

    def samples(self, rows: Iterable[tuple[int, Row]], *fields: str) -> list[str]:
        columns = [c for f in fields for c in self.found.get(f, ())]
        return [row[c] for _, row in rows for c in columns if row[c]]


class CellReader:
    """Converts cells of one file, turning ValueError into ImportFileError with line and column.

    Day/month order and decimal mark are settled once from the whole file (see values.py), so that
    "03/04/2024" means the same day on every row.
    """

    def __init__(
        self,
        columns: Columns,
        rows: Sequence[tuple[int, Row]],
        options: ImportOptions,
        date_fields: Sequence[str],
        amount_field: str = "amount",
    ):
        self.columns = columns
        self.path = columns.doc.path
        self.date_format = resolve_date_format(options.date_format, columns.samples(rows, *date_fields))
        self.decimal_mark: DecimalMark = (
            options.decimal_mark if options.decimal_mark in (".", ",")
            else guess_decimal_mark(columns.samples(rows, amount_field))
        )
        self.default_currency = options.default_currency

    def date(self, line: int, row: Row, field: str) -> date | None:
        value = self.columns.text(row, field)
        if not value:
            return None
        try:
            return parse_date(value, self.date_format)
        except ValueError as exc:
            raise self._error(line, row, field, exc) from None

    def amount(self, line: int, row: Row, field: str = "amount") -> tuple[Decimal | None, str]:
        value = self.columns.text(row, field)
        if not value:
            return None, ""
        try:
            return parse_amount(value, self.decimal_mark)
        except ValueError as exc:
            raise self._error(line, row, field, exc) from None

    def flag(self, line: int, row: Row, field: str) -> bool | None:
        if not self.columns.has(field):
            return None
        try:
            return parse_bool(self.columns.text(row, field))
        except ValueError as exc:
            raise self._error(line, row, field, exc) from None

    def money(self, line: int, row: Row) -> tuple[Decimal | None, str]:
        """Amount and currency: a currency column wins over a code written in the amount."""
        amount, written = self.amount(line, row)
        return amount, self.columns.text(row, "currency").upper() or written or self.default_currency

    def _error(self, line: int, row: Row, field: str, exc: ValueError) -> ImportFileError:
        return ImportFileError(self.path, str(exc), line, self.columns.column_of(row, field))


class DealChecks:
    """Checks that need more than one cell: closed deals have a close date, IDs are unique in a file."""

    def __init__(self, path: str, unit: str = "line"):
        self.path = path
        self.unit = unit
        self.seen: dict[str, int] = {}

    def check(self, deal: DealRecord, *, id_field: str, date_field: str, duplicate_hint: str = "") -> None:
        if deal.outcome != "open" and deal.close_date is None:
            message = f"the deal is {deal.outcome.replace('_', ' ')} but has no close date"
            raise ImportFileError(self.path, message, deal.line, date_field)
        first = self.seen.setdefault(deal.crm_id, deal.line)
        if first != deal.line:
            message = (
                f"duplicate deal {deal.crm_id!r}: on {self.unit}s {first} and {deal.line}{duplicate_hint}"
            )
            raise ImportFileError(self.path, message, deal.line, id_field)


def descriptive_fields(v: Mapping[str, str]) -> dict[str, object]:
    """The deal fields every CSV export carries under its own column names, copied as written."""
    fields = ("owner", "account", "industry", "company_size", "region", "product_line", "deal_type",
              "primary_competitor")
    return {**{name: v[name] for name in fields}, "competitors": [v["competitors"]]}


def contact_from(v: Mapping[str, str]) -> list[ContactRecord]:
    """The buyer contact in a row's contact_* columns, if it names one."""
    name, email = v.get("contact_name", ""), v.get("contact_email", "")
    if not (name or email):
        return []
    return [ContactRecord(name=name or email, email=email, title=v.get("contact_title", ""),
                          phone=v.get("contact_phone", ""), decision_role=v.get("contact_role", ""))]


_NAME_AND_EMAIL = re.compile(r"^(?P<name>.*?)\s*[(<](?P<email>[^()<>\s]+@[^()<>\s]+)[)>]$")


def contacts_from_cell(text: str) -> list[ContactRecord]:
    """Contacts from an "Associated Contact" style cell: "Ana Ruiz (ana@x.com); Bo Li" and the like."""
    contacts = []
    for part in text.split(";"):
        part = part.strip()
        if not part:
            continue
        m = _NAME_AND_EMAIL.match(part)
        if m:
            contacts.append(ContactRecord(name=m["name"] or m["email"], email=m["email"]))
        elif "@" in part and " " not in part:
            contacts.append(ContactRecord(name=part, email=part))
        else:
            contacts.append(ContactRecord(name=part))
    return contacts


def read_rows(doc: SourceDocument) -> list[tuple[int, dict[str, str]]]:
    """All data rows of a CSV document. Importers need the whole file to settle date order first."""
    return list(iter_csv_rows(doc))


def require_csv(doc: SourceDocument, label: str) -> None:
    if doc.kind != "csv":
        raise ImportFileError(doc.path, f"the {label} importer reads CSV files; this file is JSON")
