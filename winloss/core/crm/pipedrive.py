"""Pipedrive deals: the UI spreadsheet export ("Deal - Title", ...) and CSVs with API field names.

The status (won, lost, open) decides the outcome; deleted deals are skipped without a word, as Pipedrive
itself hides them. The close date is the won time of a won deal, the lost time of a lost one (falling back
to close_time), and the expected close date of an open one. Times are UTC "YYYY-MM-DD HH:MM:SS"; the date
part is kept as written.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from winloss.core.crm.base import ImportOptions, SourceDocument
from winloss.core.crm.outcomes import outcome_for
from winloss.core.crm.records import DealRecord, ImportFileError, Outcome
from winloss.core.crm.tabular import (
    CellReader,
    Columns,
    DealChecks,
    Row,
    contact_from,
    descriptive_fields,
    header_key,
    read_rows,
    require_csv,
)

# Deal field -> UI export label first, then the API field name.
COLUMNS: dict[str, tuple[str, ...]] = {
    "crm_id": ("Deal - ID", "id"),
    "name": ("Deal - Title", "title"),
    "status": ("Deal - Status", "status"),
    "stage": ("Deal - Stage", "stage_name", "stage"),
    "amount": ("Deal - Value", "value"),
    "currency": ("Deal - Currency", "currency"),
    "owner": ("Deal - Owner", "owner_name"),
    "account": ("Deal - Organization", "org_name", "Organization - Name"),
    "industry": ("Organization - Industry", "Deal - Industry"),
    "company_size": ("Organization - Number of employees", "Organization - Employees"),
    "region": ("Deal - Region", "Organization - Region"),
    "product_line": ("Deal - Product", "Deal - Product line", "Product - Name"),
    "deal_type": ("Deal - Type", "Deal - Deal type"),
    "lost_reason": ("Deal - Lost reason", "lost_reason"),
    "won_time": ("Deal - Won time", "won_time"),
    "lost_time": ("Deal - Lost time", "lost_time"),
    "close_time": ("Deal - Deal closed on", "Deal - Close time", "close_time"),
    "expected_close_date": ("Deal - Expected close date", "expected_close_date"),
    "primary_competitor": ("Deal - Competitor", "Deal - Primary competitor"),
    "competitors": ("Deal - Competitors",),
    "contact_name": ("Deal - Contact person", "person_name"),
    "contact_email": ("Person - Email", "Person - Email - Work"),
    "contact_phone": ("Person - Phone", "Person - Phone - Work"),
    "contact_title": ("Person - Job title", "Person - Title"),
}
DATE_FIELDS = ("won_time", "lost_time", "close_time", "expected_close_date")
_CLOSE_DATE_FIELDS = {
    "won": ("won_time", "close_time"),
    "lost": ("lost_time", "close_time"),
    "no_decision": ("lost_time", "close_time"),
    "open": ("close_time", "expected_close_date"),
}


class PipedriveImporter:
    name = "pipedrive"
    label = "Pipedrive"

    def sniff(self, doc: SourceDocument) -> float:
        if doc.kind != "csv":
            return 0.0
        keys = {header_key(h) for h in doc.header}
        if {"deal - title", "deal - status"} & keys:
            return 0.95
        api = {"title", "status", "won_time", "lost_time", "lost_reason", "owner_name", "org_name"}
        return 0.8 if len(keys & api) >= 3 else 0.0

    def read(self, doc: SourceDocument, options: ImportOptions) -> Iterator[DealRecord]:
        require_csv(doc, self.label)
        rows = read_rows(doc)
        columns = Columns(doc, COLUMNS)
        columns.require("crm_id", "name", "status")
        cells = CellReader(columns, rows, options, date_fields=DATE_FIELDS)
        checks = DealChecks(doc.path)
        for line, row in rows:
            if columns.text(row, "status").lower() == "deleted":
                continue
            deal = _deal(line, row, columns, cells, options)
            date_field = _CLOSE_DATE_FIELDS[deal.outcome][0]
            checks.check(deal, id_field=columns.label("crm_id"), date_field=columns.label(date_field))
            yield deal


def _deal(line: int, row: Row, columns: Columns, cells: CellReader, options: ImportOptions) -> DealRecord:
    v = columns.values(row)
    reason = v["lost_reason"]
    status = columns.required(line, row, "status")
    try:
        outcome = outcome_for(v["stage"], status=status, reason=reason, outcome_map=options.outcome_map)
    except ValueError as exc:
        raise ImportFileError(columns.doc.path, str(exc), line, columns.label("status")) from None
    amount, currency = cells.money(line, row)
    return DealRecord(
        crm_id=columns.required(line, row, "crm_id"),
        name=columns.required(line, row, "name"),
        line=line,
        stage=v["stage"] or status.lower(),
        outcome=outcome,
        amount=amount,
        currency=currency,
        close_date=_close_date(line, row, cells, outcome),
        **descriptive_fields(v),
        crm_reason=reason if outcome in ("lost", "no_decision") else "",
        contacts=contact_from(v),
        raw=row,
    )


def _close_date(line: int, row: Row, cells: CellReader, outcome: Outcome) -> date | None:
    for field in _CLOSE_DATE_FIELDS[outcome]:
        value = cells.date(line, row, field)
        if value:
            return value
    return None
