"""Any CSV read through a column mapping; mapping suggestions and mapping files."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from winloss.core.crm import (
    ContactRecord,
    ImportFileError,
    ImportOptions,
    MappingNeeded,
    OutcomeMap,
    load_mapping,
    mapping_as_toml,
    read_deals,
    suggest_mapping,
)

Fixture = Callable[[str], Path]
WriteExport = Callable[..., Path]

MAPPING = {"crm_id": "ID", "name": "Deal", "stage": "Stage", "close_date": "Closed"}
HEADER = "ID,Deal,Stage,Closed\n"


def read_with(path: Path, mapping: dict[str, str] = MAPPING, **options: object):  # noqa: ANN201
    return read_deals(path, source="csv", options=ImportOptions(mapping=mapping, **options))  # type: ignore[arg-type]


def test_it_reads_a_csv_through_a_mapping_file(crm_fixture: Fixture) -> None:
    mapping, stages = load_mapping(crm_fixture("generic_mapping.toml"))
    result = read_with(crm_fixture("generic_deals.csv"), mapping, outcome_map=stages)
    atlas, beacon, cobalt, delta = result.records
    assert result.source == "csv"
    assert (atlas.outcome, atlas.amount, atlas.close_date) == ("won", Decimal("18000"), date(2024, 1, 31))
    assert atlas.competitors == ["Routewise", "Forecastly"]
    assert (atlas.owner, atlas.account, atlas.company_size) == ("Ines Duarte", "Atlas Freight", "Mid-market")
    assert (beacon.outcome, beacon.crm_reason) == ("lost", "Price")
    assert (cobalt.outcome, cobalt.crm_reason_note) == ("no_decision", "They kept their spreadsheets")
    assert (delta.outcome, delta.close_date) == ("open", None)


def test_load_mapping_returns_columns_and_stage_outcomes(crm_fixture: Fixture) -> None:
    mapping, stages = load_mapping(crm_fixture("generic_mapping.toml"))
    assert mapping["crm_id"] == "Deal #"
    assert stages == OutcomeMap({"signed": "won", "stalled": "no_decision", "in progress": "open"})


def test_a_mapping_written_out_reads_back(tmp_path: Path) -> None:
    mapping = {"crm_id": 'Deal "#"', "name": "Déal"}
    stages = OutcomeMap({"signed": "won"})
    path = tmp_path / "m.toml"
    path.write_text(mapping_as_toml(mapping, stages), encoding="utf-8")
    assert load_mapping(path) == (mapping, stages)


@pytest.mark.parametrize(
    ("toml", "field", "message"),
    [
        ('[columns]\nclosing_date = "Closed"\n', "closing_date", "unknown deal field 'closing_date'"),
        ("[columns]\nname = 3\n", "name", "must be a column header"),
        ('[stages]\n"Signed" = "victory"\n', "Signed", "is not an outcome"),
        ("[options]\nx = 1\n", "options", "unknown section [options]"),
    ],
)
def test_a_bad_mapping_file_names_the_key(tmp_path: Path, toml: str, field: str, message: str) -> None:
    path = tmp_path / "m.toml"
    path.write_text(toml, encoding="utf-8")
    with pytest.raises(ImportFileError, match=message.replace("[", r"\[").replace("]", r"\]")) as raised:
        load_mapping(path)
    assert (raised.value.path, raised.value.field) == (str(path), field)


def test_a_mapping_file_that_is_not_toml_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "m.toml"
    path.write_text('[columns]\nname = "Deal\n', encoding="utf-8")
    with pytest.raises(ImportFileError, match="not a valid TOML file") as raised:
        load_mapping(path)
    assert raised.value.line == 2


def test_without_a_mapping_it_refuses_and_suggests_one(crm_fixture: Fixture) -> None:
    with pytest.raises(MappingNeeded) as raised:
        read_deals(crm_fixture("generic_deals.csv"), source="csv")
    error = raised.value
    assert error.suggested_mapping == {
        "crm_id": "Deal #",
        "name": "Deal",
        "outcome": "Result",
        "amount": "Value (EUR)",
        "close_date": "Closed On",
        "owner": "Rep",
        "account": "Customer",
        "crm_reason": "Why",
        "crm_reason_note": "Notes",
        "competitors": "Competition",
    }
    assert error.unmapped == []
    assert "every required field has a guess" in error.message
    assert '\n[columns]\ncrm_id = "Deal #"\nname = "Deal"\n' in error.message


def test_a_csv_nobody_recognises_is_read_as_plain_csv_and_needs_a_mapping(write_export: WriteExport) -> None:
    path = write_export(
        "opportunity_id,sales_agent,deal_stage,close_date,close_value\nA1,Moses,Won,2017-03-01,1054\n"
    )
    with pytest.raises(MappingNeeded) as raised:
        read_deals(path)
    assert raised.value.suggested_mapping == {
        "crm_id": "opportunity_id",
        "stage": "deal_stage",
        "amount": "close_value",
        "close_date": "close_date",
        "owner": "sales_agent",
    }
    assert raised.value.unmapped == ["name"]


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Opportunity ID", "crm_id"),
        ("Deal ID", "crm_id"),
        ("id", "crm_id"),
        ("Close Date", "close_date"),
        ("closed_on", "close_date"),
        ("close_date", "close_date"),
        ("Stage", "stage"),
        ("deal_stage", "stage"),
        ("Status", "stage"),
        ("Amount", "amount"),
        ("Value", "amount"),
        ("close_value", "amount"),
        ("Owner", "owner"),
        ("Sales Rep", "owner"),
        ("sales_agent", "owner"),
        ("Account", "account"),
        ("Company", "account"),
        ("Organization", "account"),
        ("Loss Reason", "crm_reason"),
        ("Reason", "crm_reason"),
        ("Competitor", "primary_competitor"),
        ("Product", "product_line"),
    ],
)
def test_it_suggests_a_field_for_common_headers(header: str, field: str) -> None:
    assert suggest_mapping(["Something else", header]) == {field: header}


def test_each_column_is_suggested_for_one_field_only() -> None:
    assert suggest_mapping(["Status", "Stage"]) == {"stage": "Stage"}
    assert suggest_mapping(["Name", "Title"]) == {"name": "Name"}


def test_a_mapped_column_missing_from_the_file_is_named(write_export: WriteExport) -> None:
    path = write_export(HEADER + "1,Acme,Won,2024-03-31\n")
    with pytest.raises(ImportFileError) as raised:
        read_with(path, {**MAPPING, "close_date": "Close Date"})
    assert raised.value.field == "Close Date"
    assert raised.value.message == (
        "column 'Close Date' (mapped to close_date) is not in the file; "
        "the header has: ID, Deal, Stage, Closed"
    )


def test_a_mapping_without_a_required_field_is_refused(write_export: WriteExport) -> None:
    path = write_export(HEADER + "1,Acme,Won,2024-03-31\n")
    mapping = {k: v for k, v in MAPPING.items() if k != "close_date"}
    with pytest.raises(ImportFileError, match="no column for required field 'close_date'"):
        read_with(path, mapping)


def test_a_mapping_with_an_unknown_field_is_refused(write_export: WriteExport) -> None:
    path = write_export(HEADER + "1,Acme,Won,2024-03-31\n")
    with pytest.raises(ImportFileError, match="unknown deal field 'closing'"):
        read_with(path, {**MAPPING, "closing": "Closed"})


def test_mapped_headers_match_whatever_their_case(write_export: WriteExport) -> None:
    path = write_export("id,DEAL,stage,closed\n1,Acme,Won,2024-03-31\n")
    assert read_with(path).records[0].name == "Acme"


def test_it_rejects_a_row_without_close_date(write_export: WriteExport) -> None:
    path = write_export(HEADER + "1,Acme,Won,2024-03-31\n2,Beta,Lost,\n")
    with pytest.raises(ImportFileError, match="lost but has no close date") as raised:
        read_with(path)
    assert (raised.value.line, raised.value.field) == (3, "Closed")


def test_it_rejects_a_bad_date_naming_line_and_column(write_export: WriteExport) -> None:
    path = write_export(HEADER + "1,Acme,Won,02/30/2024\n")
    with pytest.raises(ImportFileError) as raised:
        read_with(path)
    assert (raised.value.line, raised.value.field) == (2, "Closed")
    assert raised.value.message == "'02/30/2024' is not a date (expected e.g. 2024-03-31 or 03/31/2024)"


def test_day_first_dates_are_settled_for_the_whole_file(write_export: WriteExport) -> None:
    path = write_export(HEADER + "1,Acme,Won,03/04/2024\n2,Beta,Won,25/04/2024\n")
    assert [d.close_date for d in read_with(path).records] == [date(2024, 4, 3), date(2024, 4, 25)]


def test_an_outcome_column_is_taken_at_its_word(write_export: WriteExport) -> None:
    path = write_export(
        "ID,Deal,Result,Closed,Why\n1,Acme,Win,2024-03-31,\n2,Beta,Loss,2024-03-31,Did nothing\n"
    )
    mapping = {
        "crm_id": "ID",
        "name": "Deal",
        "outcome": "Result",
        "close_date": "Closed",
        "crm_reason": "Why",
    }
    assert [d.outcome for d in read_with(path, mapping).records] == ["won", "no_decision"]


def test_an_unknown_outcome_is_rejected(write_export: WriteExport) -> None:
    path = write_export("ID,Deal,Result,Closed\n1,Acme,Victory,2024-03-31\n")
    mapping = {"crm_id": "ID", "name": "Deal", "outcome": "Result", "close_date": "Closed"}
    with pytest.raises(ImportFileError, match="'Victory' is not an outcome") as raised:
        read_with(path, mapping)
    assert (raised.value.line, raised.value.field) == (2, "Result")


def test_contact_columns_become_a_contact(write_export: WriteExport) -> None:
    path = write_export(
        HEADER.strip() + ",Who,Mail,Role\n1,Acme,Won,2024-03-31,Ana Ruiz,ana@acme.example,Champion\n"
    )
    mapping = {**MAPPING, "contact_name": "Who", "contact_email": "Mail", "contact_role": "Role"}
    contact = read_with(path, mapping).records[0].contacts
    assert contact == [ContactRecord(name="Ana Ruiz", email="ana@acme.example", decision_role="Champion")]


def test_competitors_always_include_the_primary_once(write_export: WriteExport) -> None:
    path = write_export(HEADER.strip() + ",Main,All\n1,Acme,Won,2024-03-31,Beta; Gamma,Gamma;Beta ; Delta\n")
    mapping = {**MAPPING, "primary_competitor": "Main", "competitors": "All"}
    with_semicolon = read_with(path, mapping).records[0]
    assert with_semicolon.primary_competitor == "Beta"
    assert with_semicolon.competitors == ["Beta", "Gamma", "Delta"]
    path = write_export(HEADER.strip() + ",Main,All\n1,Acme,Won,2024-03-31,Beta,Gamma;Beta\n", "b.csv")
    assert read_with(path, mapping).records[0].competitors == ["Beta", "Gamma"]


def test_the_json_importer_is_not_the_csv_importer(write_export: WriteExport) -> None:
    path = write_export('{"records": []}', "x.json")
    with pytest.raises(ImportFileError, match="reads CSV files"):
        read_with(path)


def test_a_competitor_cell_with_several_names_or_none_is_cleaned(write_export: WriteExport) -> None:
    rows = '1,Acme,Won,2024-03-31,"Tessera, Northwind"\n2,Beta,Lost,2024-03-31,None\n'
    path = write_export(HEADER.strip() + ",Main\n" + rows)
    first, second = read_with(path, {**MAPPING, "primary_competitor": "Main"}).records
    assert (first.primary_competitor, first.competitors) == ("Tessera", ["Tessera", "Northwind"])
    assert (second.primary_competitor, second.competitors) == ("", [])
