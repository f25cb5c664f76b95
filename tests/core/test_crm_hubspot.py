"""HubSpot deal exports: UI labels and API property names."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from winloss.core.crm import ContactRecord, ImportFileError, ImportOptions, OutcomeMap, read_deals

Fixture = Callable[[str], Path]
WriteExport = Callable[..., Path]


def test_it_reads_the_ui_export(crm_fixture: Fixture) -> None:
    result = read_deals(crm_fixture("hubspot_deals.csv"))
    assert result.source == "hubspot"
    won, lost, no_decision, open_ = result.records
    assert (won.crm_id, won.name, won.outcome, won.amount) == (
        "9876543210", "Brightwater Clinics - Scheduling", "won", Decimal("24000")
    )  # fmt: skip
    assert (won.close_date, won.owner, won.account) == (
        date(2024, 3, 15),
        "Noor Rahman",
        "Brightwater Clinics",
    )
    assert won.crm_reason == "Best calendar sync we saw"
    assert lost.crm_reason == "Too expensive, went with Loyalti"
    assert lost.raw["Closed Won Reason"] == ""
    assert no_decision.outcome == "no_decision"
    assert (open_.stage, open_.outcome, open_.crm_reason) == ("Contract Sent", "open", "")


def test_associated_contacts_become_contact_records(crm_fixture: Fixture) -> None:
    deals = read_deals(crm_fixture("hubspot_deals.csv")).records
    assert deals[1].contacts == [
        ContactRecord(name="Rick Moreno", email="rick@sable.example"),
        ContactRecord(name="Jo Tan"),
    ]
    assert deals[2].contacts == []


def test_it_reads_a_utf8_bom_export(crm_fixture: Fixture) -> None:
    result = read_deals(crm_fixture("hubspot_utf8_bom.csv"))
    assert (result.source, result.encoding) == ("hubspot", "utf-8-sig")
    assert [d.name for d in result.records] == ["Zoë's Bakery – POS", "Ærø Ferries – Ticketing"]


API_HEADER = (
    "hs_object_id,dealname,dealstage,closedate,amount,hubspot_owner_id,closed_lost_reason,closed_won_reason\n"
)


def test_it_reads_api_property_names_with_stage_ids_and_epoch_dates(write_export: WriteExport) -> None:
    path = write_export(
        API_HEADER
        + "11,Acme,closedwon,1711843200000,1500.50,4242,,Speed\n"
        + "12,Beta,closedlost,2024-04-01T00:00:00Z,,4242,Price,\n"
        + "13,Gamma,appointmentscheduled,,900,77,,\n"
    )
    won, lost, open_ = read_deals(path).records
    assert (won.outcome, won.close_date, won.amount, won.owner) == (
        "won",
        date(2024, 3, 31),
        Decimal("1500.50"),
        "4242",
    )
    assert (lost.outcome, lost.crm_reason, lost.close_date) == ("lost", "Price", date(2024, 4, 1))
    assert (open_.outcome, open_.close_date) == ("open", None)


def test_custom_pipeline_stage_ids_map_through_an_outcome_map(write_export: WriteExport) -> None:
    path = write_export(API_HEADER + "11,Acme,98765432,2024-03-31,,,,\n")
    options = ImportOptions(outcome_map=OutcomeMap({"98765432": "won"}))
    assert read_deals(path, options=options).records[0].outcome == "won"


def test_the_closed_won_flag_beats_the_stage_label(write_export: WriteExport) -> None:
    path = write_export(
        "Record ID,Deal Name,Deal Stage,Close Date,Is Closed Won\n1,Acme,Signed,2024-03-31,true\n"
    )
    assert read_deals(path).records[0].outcome == "won"


def test_it_rejects_an_export_without_deal_stage(write_export: WriteExport) -> None:
    path = write_export("Record ID,Deal Name,Close Date,Closed Lost Reason\n1,Acme,2024-03-31,\n")
    with pytest.raises(ImportFileError) as raised:
        read_deals(path)
    assert (raised.value.line, raised.value.field) == (1, "Deal Stage")


def test_it_rejects_a_bad_close_date_naming_line_and_column(write_export: WriteExport) -> None:
    path = write_export(API_HEADER + "11,Acme,closedwon,2024-03-31,,,,\n12,Beta,closedwon,soon,,,,\n")
    with pytest.raises(ImportFileError, match="'soon' is not a date") as raised:
        read_deals(path)
    assert (raised.value.line, raised.value.field) == (3, "closedate")


def test_it_rejects_a_row_without_record_id(write_export: WriteExport) -> None:
    path = write_export(API_HEADER + ",Acme,closedwon,2024-03-31,,,,\n")
    with pytest.raises(ImportFileError) as raised:
        read_deals(path)
    assert (raised.value.line, raised.value.field) == (2, "hs_object_id")
