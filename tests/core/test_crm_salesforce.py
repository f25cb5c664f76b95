"""Salesforce: REST and tree JSON, report CSV with its footer, Data Loader CSV."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from winloss.core.crm import ContactRecord, ImportFileError, ImportOptions, read_deals

Fixture = Callable[[str], Path]
WriteExport = Callable[..., Path]

REAL_TREE_EXPORT = (
    Path(__file__).resolve().parents[2]
    / ".."
    / "shared"
    / "realdata"
    / "salesforce-event-monitoring-demo"
    / "Opportunitys.json"
)


def salesforce_json(*records: dict[str, object]) -> str:
    return json.dumps({"totalSize": len(records), "done": True, "records": list(records)})


def opportunity(**fields: object) -> dict[str, object]:
    base = {
        "attributes": {"type": "Opportunity"},
        "Id": "006A",
        "Name": "Acme - Platform",
        "StageName": "Closed Won",
        "CloseDate": "2024-03-31",
    }
    return {**base, **fields}


# --- JSON -------------------------------------------------------------------------------------------------


def test_it_reads_rest_json_with_nested_owner_and_account(crm_fixture: Fixture) -> None:
    result = read_deals(crm_fixture("salesforce_rest.json"))
    assert result.source == "salesforce"
    won, lost, open_ = result.records
    assert (won.crm_id, won.outcome, won.amount, won.close_date) == (
        "0065g00000QrS01AAA", "won", Decimal("84000.0"), date(2024, 5, 31)
    )  # fmt: skip
    assert (won.owner, won.account, won.industry, won.company_size) == (
        "Grace Lindqvist", "Helix Labs", "Biotechnology", "420"
    )  # fmt: skip
    assert (won.crm_reason, won.crm_reason_note) == ("Integrations", "Chose us for the Snowflake connector.")
    assert won.competitors == ["Forecastly"]
    assert won.raw["Owner"]["Name"] == "Grace Lindqvist"
    assert lost.crm_reason == "Missing feature"
    assert lost.crm_reason_note == "Needed on-prem deployment, we only offer cloud."
    assert lost.contacts == [
        ContactRecord("Hannah Berg", "VP Claims", "hannah.berg@orchard.example", "", "Decision Maker")
    ]
    assert (open_.outcome, open_.amount, open_.crm_reason_note) == ("open", None, "")


def test_json_records_are_numbered_from_one(crm_fixture: Fixture) -> None:
    assert [d.line for d in read_deals(crm_fixture("salesforce_rest.json")).records] == [1, 2, 3]


def test_a_tree_export_uses_the_reference_id_when_there_is_no_id(write_export: WriteExport) -> None:
    record = opportunity(attributes={"type": "Opportunity", "referenceId": "OpportunityRef7"})
    del record["Id"]
    path = write_export(json.dumps({"records": [record]}), "tree.json")
    assert read_deals(path).records[0].crm_id == "OpportunityRef7"


def test_records_of_other_types_are_skipped(write_export: WriteExport) -> None:
    account = {"attributes": {"type": "Account", "referenceId": "AccountRef1"}, "Name": "Acme"}
    path = write_export(salesforce_json(account, opportunity()), "mixed.json")
    deals = read_deals(path).records
    assert [(d.name, d.line) for d in deals] == [("Acme - Platform", 2)]


def test_a_file_of_other_records_says_what_it_holds(write_export: WriteExport) -> None:
    account = {"attributes": {"type": "Account", "referenceId": "AccountRef1"}, "Name": "Acme"}
    path = write_export(json.dumps({"records": [account]}), "accounts.json")
    with pytest.raises(
        ImportFileError, match=r"no Opportunity records in this file \(it has Account records\)"
    ):
        read_deals(path)


def test_it_reads_sf_cli_query_output(write_export: WriteExport) -> None:
    payload = {"status": 0, "result": {"records": [opportunity()], "totalSize": 1, "done": True}}
    path = write_export(json.dumps(payload), "query.json")
    assert len(read_deals(path).records) == 1


def test_a_bad_json_date_names_the_record_and_field(write_export: WriteExport) -> None:
    path = write_export(
        salesforce_json(opportunity(), opportunity(Id="006B", CloseDate="2024-31-03")), "x.json"
    )
    with pytest.raises(ImportFileError) as raised:
        read_deals(path)
    assert (raised.value.line, raised.value.field) == (2, "CloseDate")
    assert "record 2" in raised.value.message


def test_a_json_record_without_a_name_is_rejected(write_export: WriteExport) -> None:
    path = write_export(salesforce_json(opportunity(Name="")), "x.json")
    with pytest.raises(ImportFileError) as raised:
        read_deals(path)
    assert (raised.value.line, raised.value.field) == (1, "Name")


def test_a_closed_json_deal_without_close_date_is_rejected(write_export: WriteExport) -> None:
    path = write_export(salesforce_json(opportunity(CloseDate=None)), "x.json")
    with pytest.raises(ImportFileError, match="won but has no close date") as raised:
        read_deals(path)
    assert (raised.value.line, raised.value.field) == (1, "CloseDate")


def test_duplicate_json_ids_name_both_records(write_export: WriteExport) -> None:
    path = write_export(salesforce_json(opportunity(), opportunity()), "x.json")
    with pytest.raises(ImportFileError, match="on records 1 and 2") as raised:
        read_deals(path)
    assert (raised.value.line, raised.value.field) == (2, "Id")


def test_json_that_is_not_salesforce_shaped_is_refused(write_export: WriteExport) -> None:
    path = write_export(json.dumps({"deals": [{"id": 1}]}), "x.json")
    with pytest.raises(ImportFileError, match="not a Salesforce export: no records with attributes.type"):
        read_deals(path)


def test_it_reads_the_real_event_monitoring_demo_export() -> None:
    if not REAL_TREE_EXPORT.is_file():
        pytest.skip("the shared real-data folder is not beside this checkout")
    deals = read_deals(REAL_TREE_EXPORT).records
    assert len(deals) == 278
    assert Counter(d.outcome for d in deals) == {"won": 112, "lost": 17, "open": 149}
    raw = json.loads(REAL_TREE_EXPORT.read_text())["records"]
    lost = [(d, raw[d.line - 1]) for d in deals if d.outcome == "lost"]
    assert all(deal.crm_reason_note == (record.get("NextStep") or "") for deal, record in lost)
    assert "had some price concerns" in {deal.crm_reason_note for deal, _ in lost}


# --- report CSV -------------------------------------------------------------------------------------------


def test_it_reads_a_report_csv_with_en_gb_dates_and_a_footer(crm_fixture: Fixture) -> None:
    result = read_deals(crm_fixture("salesforce_report_en_GB.csv"))
    deals = {d.crm_id: d for d in result.records}
    assert result.source == "salesforce"
    assert len(deals) == 7
    penrose = deals["0065g00000AbC02"]
    # 03/04/2024 is 3 April: other rows (28/03/2024) show the file is day first.
    assert penrose.close_date == date(2024, 4, 3)
    assert (penrose.amount, penrose.currency, penrose.outcome) == (Decimal("22500.00"), "GBP", "lost")
    assert (penrose.crm_reason, penrose.crm_reason_note) == (
        "Price",
        "Went with incumbent, revisit at renewal",
    )
    assert (penrose.owner, penrose.account, penrose.deal_type) == (
        "Priya Nair",
        "Penrose Foods",
        "New Business",
    )
    assert penrose.primary_competitor == "Forecastly"
    assert penrose.raw["Lead Source"] == "Trade Show"


def test_report_stage_and_reason_rules_apply(crm_fixture: Fixture) -> None:
    deals = {d.crm_id: d for d in read_deals(crm_fixture("salesforce_report_en_GB.csv")).records}
    assert deals["0065g00000AbC03"].outcome == "no_decision"
    assert deals["0065g00000AbC06"].outcome == "won"
    assert deals["0065g00000AbC06"].name == 'Ockham - Claims Insights "Phase 2"'
    assert deals["0065g00000AbC04"].crm_reason_note == ""  # an open deal's next step is a plan
    thistle = deals["0065g00000AbC07"]
    assert (thistle.outcome, thistle.close_date, thistle.amount) == ("open", None, None)


def test_created_dates_settle_the_order_when_close_dates_cannot(write_export: WriteExport) -> None:
    header = '"Opportunity Name","Stage","Close Date","Created Date","Opportunity ID"\n'
    path = write_export(header + '"Acme","Closed Won","03/04/2024","25/01/2024","006A"\n')
    assert read_deals(path).records[0].close_date == date(2024, 4, 3)


def test_an_explicit_date_format_overrides_the_guess(crm_fixture: Fixture) -> None:
    with pytest.raises(ImportFileError) as raised:
        read_deals(crm_fixture("salesforce_report_en_GB.csv"), options=ImportOptions(date_format="mdy"))
    assert (raised.value.line, raised.value.field) == (2, "Close Date")
    assert "'28/03/2024' is not a date" in raised.value.message


def test_a_report_read_from_cp1252_with_german_numbers(crm_fixture: Fixture) -> None:
    result = read_deals(crm_fixture("salesforce_report_cp1252.csv"))
    cafe = result.records[0]
    assert (result.encoding, cafe.account, cafe.amount, cafe.currency) == (
        "cp1252", "Café Müller", Decimal("12500.00"), "EUR"
    )  # fmt: skip
    assert cafe.close_date == date(2024, 3, 28)


def test_a_report_from_an_excel_unicode_text_export(crm_fixture: Fixture) -> None:
    deals = read_deals(crm_fixture("excel_unicode_text_utf16.txt")).records
    assert [d.close_date for d in deals] == [date(2024, 4, 2), date(2024, 4, 19), date(2024, 7, 31)]
    assert deals[1].crm_reason_note == "Lost to a local reseller"


REPORT_HEADER = '"Opportunity Name","Account Name","Stage","Close Date","Amount"\n'


def test_a_report_without_an_id_column_gets_a_stable_id_from_name_and_account(
    write_export: WriteExport,
) -> None:
    row = '"Acme - Platform","Acme","Closed Won","31/03/2024","1,000"\n'
    first = read_deals(write_export(REPORT_HEADER + row)).records[0].crm_id
    again = read_deals(write_export(REPORT_HEADER + row.replace("1,000", "2,000"), "again.csv")).records[0]
    assert first.startswith("sf-name-")
    assert again.crm_id == first


def test_same_name_and_account_without_an_id_column_is_a_duplicate(write_export: WriteExport) -> None:
    row = '"Acme - Platform","Acme","Closed Won","31/03/2024","1,000"\n'
    with pytest.raises(ImportFileError, match="lines 2 and 3.*no Opportunity ID column") as raised:
        read_deals(write_export(REPORT_HEADER + row + row))
    assert raised.value.field == "Opportunity Name"


def test_it_rejects_a_report_without_close_date_column(write_export: WriteExport) -> None:
    path = write_export('"Opportunity Name","Stage","Opportunity ID"\n"Acme","Closed Won","006A"\n')
    with pytest.raises(ImportFileError) as raised:
        read_deals(path)
    assert (raised.value.line, raised.value.field) == (1, "Close Date")
    assert raised.value.message == "required column 'Close Date' is missing"


def test_it_rejects_a_row_without_close_date(write_export: WriteExport) -> None:
    path = write_export(
        REPORT_HEADER + '"Acme","Acme","Closed Won","31/03/2024","5"\n"Beta","B","Closed Lost","",""\n'
    )
    with pytest.raises(ImportFileError, match="lost but has no close date") as raised:
        read_deals(path)
    assert (raised.value.line, raised.value.field) == (3, "Close Date")


def test_it_rejects_a_bad_amount_naming_line_and_column(write_export: WriteExport) -> None:
    path = write_export(REPORT_HEADER + '"Acme","Acme","Closed Won","31/03/2024","lots"\n')
    with pytest.raises(ImportFileError, match="'lots' is not an amount") as raised:
        read_deals(path)
    assert (raised.value.line, raised.value.field) == (2, "Amount")


def test_it_rejects_a_row_without_a_name(write_export: WriteExport) -> None:
    path = write_export(REPORT_HEADER + '"","Acme","Closed Won","31/03/2024","5"\n')
    with pytest.raises(ImportFileError, match="required value 'Opportunity Name' is empty") as raised:
        read_deals(path)
    assert (raised.value.line, raised.value.field) == (2, "Opportunity Name")


def test_headers_match_whatever_their_case_and_spacing(write_export: WriteExport) -> None:
    path = write_export(
        "opportunity  NAME,stage,CLOSE DATE , opportunity id\nAcme,Closed Won,2024-03-31,006A\n"
    )
    deal = read_deals(path).records[0]
    assert (deal.crm_id, deal.name, deal.close_date) == ("006A", "Acme", date(2024, 3, 31))


# --- Data Loader CSV --------------------------------------------------------------------------------------


def test_it_reads_a_data_loader_csv_with_api_names(crm_fixture: Fixture) -> None:
    deals = {d.crm_id: d for d in read_deals(crm_fixture("salesforce_dataloader.csv")).records}
    corvid = deals["0065g00000XyZ02AAA"]
    assert (corvid.outcome, corvid.crm_reason, corvid.crm_reason_note) == (
        "lost", "Timing", "Champion left in February"
    )  # fmt: skip
    assert (corvid.owner, corvid.account, corvid.industry) == ("Luis Ortega", "Corvid Retail", "Retail")
    assert deals["0065g00000XyZ03AAA"].outcome == "no_decision"
    assert (deals["0065g00000XyZ03AAA"].currency, deals["0065g00000XyZ04AAA"].outcome) == ("EUR", "won")
    assert deals["0065g00000XyZ05AAA"].outcome == "open"


def test_a_data_loader_file_names_missing_columns_by_api_name(write_export: WriteExport) -> None:
    with pytest.raises(ImportFileError) as raised:
        read_deals(write_export("Id,Name,StageName\n006A,Acme,Closed Won\n"))
    assert raised.value.field == "CloseDate"


def test_a_bad_boolean_names_its_column(write_export: WriteExport) -> None:
    path = write_export("Id,Name,StageName,IsWon,CloseDate\n006A,Acme,Closed Won,perhaps,2024-03-31\n")
    with pytest.raises(ImportFileError, match="'perhaps' is not true or false") as raised:
        read_deals(path)
    assert (raised.value.line, raised.value.field) == (2, "IsWon")


def test_duplicate_ids_in_a_csv_name_both_lines(write_export: WriteExport) -> None:
    rows = [
        "Id,Name,StageName,CloseDate",
        "006A,Acme,Prospecting,",
        "006B,Beta,Prospecting,",
        "006A,Acme 2,Prospecting,",
    ]
    path = write_export("\n".join(rows) + "\n")
    with pytest.raises(ImportFileError, match="duplicate deal '006A': on lines 2 and 4") as raised:
        read_deals(path)
    assert (raised.value.line, raised.value.field) == (4, "Id")
