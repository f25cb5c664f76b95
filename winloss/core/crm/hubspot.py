"""HubSpot deals: the UI export CSV (property labels) and CSVs with the API's internal property names.

crm_reason is the Closed Lost Reason of a lost deal and the Closed Won Reason of a won one; both stay in raw.
Owners arrive as names in the UI export but as numeric ids (hubspot_owner_id) in API-named files; either way
the text is kept as it is. Custom-pipeline stages are numeric ids: map them with an OutcomeMap.
"""

from __future__ import annotations

from collections.abc import Iterator

from winloss.core.crm.base import ImportOptions, SourceDocument
from winloss.core.crm.outcomes import outcome_for
from winloss.core.crm.records import DealRecord
from winloss.core.crm.tabular import (
    CellReader,
    Columns,
    DealChecks,
    Row,
    contacts_from_cell,
    descriptive_fields,
    header_key,
    read_rows,
    require_csv,
)

# Deal field -> UI label first, then the internal property name.
COLUMNS: dict[str, tuple[str, ...]] = {
    "crm_id": ("Record ID", "hs_object_id", "Deal ID", "dealId"),
    "name": ("Deal Name", "dealname"),
    "stage": ("Deal Stage", "dealstage"),
    "is_won": ("Is Closed Won", "hs_is_closed_won"),
    "is_closed": ("Is Deal Closed?", "Is Closed", "hs_is_closed"),
    "amount": ("Amount", "amount"),
    "currency": ("Currency", "deal_currency_code"),
    "close_date": ("Close Date", "closedate"),
    # Read only to settle the file's day/month order when every close date is ambiguous
    "created_date": ("Create Date", "createdate"),
    "owner": ("Deal owner", "hubspot_owner_id"),
    "account": ("Associated Company", "Associated Company (Primary)", "Company name", "Company"),
    "industry": ("Industry", "industry"),
    "company_size": ("Company size", "Number of Employees", "numberofemployees"),
    "region": ("Region", "region"),
    "product_line": ("Product Line", "Product", "product_line"),
    "deal_type": ("Deal Type", "dealtype"),
    "lost_reason": ("Closed Lost Reason", "closed_lost_reason"),
    "won_reason": ("Closed Won Reason", "closed_won_reason"),
    "note": ("Deal Description", "description"),
    "primary_competitor": ("Competitor", "Primary Competitor", "competitor"),
    "competitors": ("Competitors", "competitors"),
    "contacts": ("Associated Contact", "Associated Contacts"),
}
_MARKERS = {"deal name", "dealname", "deal stage", "dealstage", "hs_object_id", "closed lost reason"}


class HubSpotImporter:
    name = "hubspot"
    label = "HubSpot"

    def sniff(self, doc: SourceDocument) -> float:
        if doc.kind != "csv":
            return 0.0
        hits = len({header_key(h) for h in doc.header} & _MARKERS)
        return 0.9 if hits >= 2 else 0.4 if hits else 0.0

    def read(self, doc: SourceDocument, options: ImportOptions) -> Iterator[DealRecord]:
        require_csv(doc, self.label)
        rows = read_rows(doc)
        columns = Columns(doc, COLUMNS)
        columns.require("crm_id", "name", "stage", "close_date")
        cells = CellReader(columns, rows, options, date_fields=("close_date", "created_date"))
        checks = DealChecks(doc.path)
        for line, row in rows:
            deal = _deal(line, row, columns, cells, options)
            checks.check(deal, id_field=columns.label("crm_id"), date_field=columns.label("close_date"))
            yield deal


def _deal(line: int, row: Row, columns: Columns, cells: CellReader, options: ImportOptions) -> DealRecord:
    v = columns.values(row)
    stage = v["stage"]
    lost_reason = v["lost_reason"]
    outcome = outcome_for(
        stage,
        is_won=cells.flag(line, row, "is_won"),
        is_closed=cells.flag(line, row, "is_closed"),
        reason=lost_reason,
        outcome_map=options.outcome_map,
    )
    reason = v["won_reason"] if outcome == "won" else lost_reason if outcome != "open" else ""
    amount, currency = cells.money(line, row)
    return DealRecord(
        crm_id=columns.required(line, row, "crm_id"),
        name=columns.required(line, row, "name"),
        line=line,
        stage=stage,
        outcome=outcome,
        amount=amount,
        currency=currency,
        close_date=cells.date(line, row, "close_date"),
        **descriptive_fields(v),
        crm_reason=reason,
        crm_reason_note=v["note"] if outcome != "open" else "",
        contacts=contacts_from_cell(v["contacts"]),
        raw=row,
    )
