"""Salesforce opportunities: REST/SOQL and sfdx tree JSON, report CSV and Data Loader CSV.

Reasons. Salesforce has no standard loss-reason field, so orgs add their own; we read the common ones.
- crm_reason: the first non-empty of Loss_Reason__c, Lost_Reason__c, Closed_Lost_Reason__c, Win_Reason__c,
  Reason__c (or their report labels).
- crm_reason_note: the first non-empty of Loss_Reason_Details__c, Details_of_Lost_Opportunity__c, then, for
  closed deals only, NextStep and Description: reps often write why they lost in Next Step, but on an open
  deal that text is a plan, not a reason.

A report CSV without an Opportunity ID column gets crm_id "sf-name-" plus a hash of opportunity name and
account name, which stays the same across exports as long as those two do.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from winloss.core.crm.base import ImportOptions, SourceDocument
from winloss.core.crm.outcomes import outcome_for
from winloss.core.crm.records import ContactRecord, DealRecord, ImportFileError
from winloss.core.crm.tabular import (
    CellReader,
    Columns,
    DealChecks,
    Row,
    contact_from,
    descriptive_fields,
    header_key,
    read_rows,
)
from winloss.core.crm.values import (
    DecimalMark,
    guess_decimal_mark,
    parse_amount,
    parse_bool,
    parse_date,
    resolve_date_format,
)

REASON_FIELDS = ("Loss_Reason__c", "Lost_Reason__c", "Closed_Lost_Reason__c", "Win_Reason__c", "Reason__c")
REASON_NOTE_FIELDS = ("Loss_Reason_Details__c", "Details_of_Lost_Opportunity__c")
CLOSED_NOTE_FIELDS = ("NextStep", "Description")

# Deal field -> (API names, as in Data Loader files and JSON; report labels), each in order of preference.
CSV_COLUMNS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "crm_id": (("Id",), ("Opportunity ID", "Opportunity 18 Digit ID")),
    "name": (("Name",), ("Opportunity Name",)),
    "stage": (("StageName",), ("Stage",)),
    "is_won": (("IsWon",), ("Won",)),
    "is_closed": (("IsClosed",), ("Closed",)),
    "amount": (("Amount",), ("Amount",)),
    "currency": (("CurrencyIsoCode",), ("Amount Currency", "Opportunity Currency", "Currency")),
    "close_date": (("CloseDate",), ("Close Date",)),
    # Read only to settle the file's day/month order when every close date is ambiguous
    "created_date": (("CreatedDate",), ("Created Date",)),
    "owner": (("Owner.Name",), ("Opportunity Owner", "Owner Name", "Owner")),
    "account": (("Account.Name",), ("Account Name",)),
    "industry": (("Account.Industry",), ("Industry",)),
    "company_size": (("Account.NumberOfEmployees",), ("Employees", "Number of Employees")),
    "region": (("Region__c",), ("Region", "Sales Region")),
    "product_line": (("Product_Line__c", "Product__c"), ("Product Line", "Product", "Product Name")),
    "deal_type": (("Type",), ("Type", "Opportunity Type")),
    "reason": (REASON_FIELDS, ("Loss Reason", "Lost Reason", "Closed Lost Reason", "Win Reason", "Reason")),
    "reason_note": (REASON_NOTE_FIELDS, ("Loss Reason Details", "Details of Lost Opportunity")),
    "closed_note": (CLOSED_NOTE_FIELDS, ("Next Step", "Description")),
    "primary_competitor": (("Competitor__c", "Primary_Competitor__c"), ("Competitor", "Primary Competitor")),
    "competitors": (("Competitors__c",), ("Competitors",)),
    "contact_name": (("Contact.Name",), ("Primary Contact", "Contact Name", "Contact: Full Name", "Contact")),
    "contact_title": (("Contact.Title",), ("Contact Title", "Title")),
    "contact_email": (("Contact.Email",), ("Contact Email", "Email")),
    "contact_phone": (("Contact.Phone",), ("Contact Phone", "Phone")),
    "contact_role": (("OpportunityContactRole.Role",), ("Contact Role",)),
}
_MARKERS = {"stagename", "opportunity name", "opportunity id", "closedate", "iswon", "opportunity owner"}


class SalesforceImporter:
    name = "salesforce"
    label = "Salesforce"

    def sniff(self, doc: SourceDocument) -> float:
        if doc.kind == "json":
            types = [r["attributes"].get("type") for r in _records(doc.data) if _has_attributes(r)]
            return 1.0 if "Opportunity" in types else 0.6 if types else 0.0
        keys = {header_key(h) for h in doc.header}
        hits = len(keys & _MARKERS)
        if hits >= 2 or "stagename" in keys:
            return 0.9
        return 0.5 if hits else 0.0

    def read(self, doc: SourceDocument, options: ImportOptions) -> Iterator[DealRecord]:
        if doc.kind == "json":
            return _read_json(doc, options)
        return _read_csv(doc, options)


# --- JSON -------------------------------------------------------------------------------------------------


def _records(data: Any) -> list[Any]:
    """The records list of a REST/SOQL response, an sfdx tree export or `sf data query --json` output."""
    if isinstance(data, list):
        return data
    if not isinstance(data, dict):
        return []
    if isinstance(data.get("result"), dict):
        data = data["result"]
    records = data.get("records")
    return records if isinstance(records, list) else []


def _has_attributes(record: Any) -> bool:
    return isinstance(record, dict) and isinstance(record.get("attributes"), dict)


def _get(record: Mapping[str, Any], path: str) -> Any:
    value: Any = record
    for part in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def _text(record: Mapping[str, Any], *paths: str) -> str:
    for path in paths:
        value = _get(record, path)
        if value is not None and value != "":
            return str(value).strip()
    return ""


def _read_json(doc: SourceDocument, options: ImportOptions) -> Iterator[DealRecord]:
    numbered = [
        (number, record)
        for number, record in enumerate(_records(doc.data), start=1)
        if _has_attributes(record) and record["attributes"].get("type") == "Opportunity"
    ]
    if not numbered:
        types = sorted({str(r["attributes"].get("type")) for r in _records(doc.data) if _has_attributes(r)})
        found = f" (it has {', '.join(types)} records)" if types else ""
        raise ImportFileError(doc.path, f"no Opportunity records in this file{found}")
    date_format = resolve_date_format(options.date_format, (r.get("CloseDate") for _, r in numbered))
    decimal_mark = (
        options.decimal_mark if options.decimal_mark in (".", ",")
        else guess_decimal_mark(r.get("Amount") for _, r in numbered)
    )
    checks = DealChecks(doc.path, unit="record")
    for number, record in numbered:
        cells = _JsonCells(doc.path, number, record, date_format, decimal_mark)
        deal = _json_deal(cells, options)
        checks.check(deal, id_field="Id", date_field="CloseDate")
        yield deal


class _JsonCells:
    """Reads one Opportunity record; errors say "record N", N counting from 1 in the file's records."""

    def __init__(
        self, path: str, number: int, record: dict[str, Any], date_format: str, decimal_mark: DecimalMark
    ):
        self.path, self.number, self.record = path, number, record
        self.date_format, self.decimal_mark = date_format, decimal_mark

    def text(self, *paths: str) -> str:
        return _text(self.record, *paths)

    def required(self, key: str, *fallbacks: str) -> str:
        value = self.text(key, *fallbacks)
        if not value:
            raise self.error(key, f"the record has no {key}")
        return value

    def amount(self) -> tuple[Decimal | None, str]:
        try:
            return parse_amount(self.record.get("Amount"), self.decimal_mark)
        except ValueError as exc:
            raise self.error("Amount", str(exc)) from None

    def date(self) -> date | None:
        try:
            return parse_date(self.record.get("CloseDate"), self.date_format)
        except ValueError as exc:
            raise self.error("CloseDate", str(exc)) from None

    def flag(self, key: str) -> bool | None:
        try:
            return parse_bool(self.record.get(key))
        except ValueError as exc:
            raise self.error(key, str(exc)) from None

    def error(self, key: str, message: str) -> ImportFileError:
        return ImportFileError(self.path, f"record {self.number}: {message}", self.number, key)


def _json_deal(cells: _JsonCells, options: ImportOptions) -> DealRecord:
    stage, reason = cells.text("StageName"), cells.text(*REASON_FIELDS)
    outcome = outcome_for(
        stage,
        is_won=cells.flag("IsWon"),
        is_closed=cells.flag("IsClosed"),
        reason=reason,
        outcome_map=options.outcome_map,
    )
    amount, written = cells.amount()
    primary = cells.text("Competitor__c", "Primary_Competitor__c")
    note_fields = REASON_NOTE_FIELDS + (CLOSED_NOTE_FIELDS if outcome != "open" else ())
    return DealRecord(
        crm_id=cells.required("Id", "attributes.referenceId"),
        name=cells.required("Name"),
        line=cells.number,
        stage=stage,
        outcome=outcome,
        amount=amount,
        currency=cells.text("CurrencyIsoCode").upper() or written or options.default_currency,
        close_date=cells.date(),
        owner=cells.text("Owner.Name"),
        account=cells.text("Account.Name"),
        industry=cells.text("Account.Industry", "Industry"),
        company_size=cells.text("Account.NumberOfEmployees", "NumberOfEmployees"),
        region=cells.text("Region__c"),
        product_line=cells.text("Product_Line__c", "Product__c"),
        deal_type=cells.text("Type"),
        crm_reason=reason,
        crm_reason_note=cells.text(*note_fields),
        primary_competitor=primary,
        competitors=_json_competitors(cells.record),
        contacts=_json_contacts(cells.record),
        raw=cells.record,
    )


def _json_competitors(record: Mapping[str, Any]) -> list[str]:
    """Competitors__c (a multi-select, ";"-separated) and an OpportunityCompetitors subquery."""
    names = _text(record, "Competitors__c").split(";")
    nested = _get(record, "OpportunityCompetitors.records") or []
    names += [str(c.get("CompetitorName") or "") for c in nested if isinstance(c, dict)]
    return names


def _json_contacts(record: Mapping[str, Any]) -> list[ContactRecord]:
    """Contacts from an OpportunityContactRoles subquery, when the query had one."""
    roles = _get(record, "OpportunityContactRoles.records") or []
    contacts = []
    for role in roles:
        if not isinstance(role, dict):
            continue
        name = _text(role, "Contact.Name") or _text(role, "Contact.Email")
        if name:
            contacts.append(
                ContactRecord(
                    name=name,
                    title=_text(role, "Contact.Title"),
                    email=_text(role, "Contact.Email"),
                    phone=_text(role, "Contact.Phone"),
                    decision_role=_text(role, "Role"),
                )
            )
    return contacts


# --- CSV --------------------------------------------------------------------------------------------------


def _read_csv(doc: SourceDocument, options: ImportOptions) -> Iterator[DealRecord]:
    rows = read_rows(doc)
    columns = Columns(doc, _columns_for(doc))
    columns.require("name", "close_date")
    if not (columns.has("stage") or columns.has("is_closed")):
        columns.require("stage")
    cells = CellReader(columns, rows, options, date_fields=("close_date", "created_date"))
    checks = DealChecks(doc.path)
    # Without an ID column the ID comes from the name, so a duplicate is the name column's fault.
    id_field = columns.label("crm_id" if columns.has("crm_id") else "name")
    hint = "" if columns.has("crm_id") else " (the file has no Opportunity ID column: add it to the report)"
    for line, row in rows:
        deal = _csv_deal(line, row, columns, cells, options)
        checks.check(deal, id_field=id_field, date_field=columns.label("close_date"), duplicate_hint=hint)
        yield deal


def _columns_for(doc: SourceDocument) -> dict[str, tuple[str, ...]]:
    """Name missing columns the way this file would: API names for Data Loader, else report labels."""
    keys = {header_key(h) for h in doc.header}
    api_first = "stagename" in keys or "id" in keys
    return {
        field: (*api, *labels) if api_first else (*labels, *api)
        for field, (api, labels) in CSV_COLUMNS.items()
    }


def _csv_deal(line: int, row: Row, columns: Columns, cells: CellReader, options: ImportOptions) -> DealRecord:
    v = columns.values(row)
    name = columns.required(line, row, "name")
    account = v["account"]
    crm_id = columns.required(line, row, "crm_id") if columns.has("crm_id") else _name_hash(name, account)
    stage = v["stage"]
    reason = v["reason"]
    outcome = outcome_for(
        stage,
        is_won=cells.flag(line, row, "is_won"),
        is_closed=cells.flag(line, row, "is_closed"),
        reason=reason,
        outcome_map=options.outcome_map,
    )
    amount, currency = cells.money(line, row)
    note = v["reason_note"] or (v["closed_note"] if outcome != "open" else "")
    return DealRecord(
        crm_id=crm_id,
        name=name,
        line=line,
        stage=stage,
        outcome=outcome,
        amount=amount,
        currency=currency,
        close_date=cells.date(line, row, "close_date"),
        **descriptive_fields(v),
        crm_reason=reason,
        crm_reason_note=note,
        contacts=contact_from(v),
        raw=row,
    )


def _name_hash(name: str, account: str) -> str:
    digest = hashlib.sha1(f"{name}\x1f{account}".encode()).hexdigest()[:16]
    return f"sf-name-{digest}"
