"""The public surface: one registry, source detection, read_deals, and no Django in the core."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import winloss.core.crm as crm
from winloss.core.crm import IMPORTERS, ImportFileError, detect_source, load, read_deals

Fixture = Callable[[str], Path]
WriteExport = Callable[..., Path]


def test_the_registry_lists_the_importers_in_order() -> None:
    assert list(IMPORTERS) == ["salesforce", "hubspot", "pipedrive", "csv"]
    assert all(name == importer.name and importer.label for name, importer in IMPORTERS.items())


@pytest.mark.parametrize(
    ("fixture", "source"),
    [
        ("salesforce_report_en_GB.csv", "salesforce"),
        ("salesforce_dataloader.csv", "salesforce"),
        ("salesforce_rest.json", "salesforce"),
        ("salesforce_report_cp1252.csv", "salesforce"),
        ("excel_unicode_text_utf16.txt", "salesforce"),
        ("hubspot_deals.csv", "hubspot"),
        ("hubspot_utf8_bom.csv", "hubspot"),
        ("pipedrive_deals.csv", "pipedrive"),
        ("generic_deals.csv", "csv"),
    ],
)
def test_it_detects_the_source_of_each_export(crm_fixture: Fixture, fixture: str, source: str) -> None:
    assert detect_source(load(crm_fixture(fixture))) == source


def test_read_deals_reports_source_encoding_header_and_suggestion(crm_fixture: Fixture) -> None:
    result = read_deals(crm_fixture("hubspot_deals.csv"))
    assert (result.source, result.encoding, result.header[0], len(result.records)) == (
        "hubspot", "utf-8", "Record ID", 4
    )  # fmt: skip
    assert result.suggested_mapping["crm_id"] == "Record ID"


def test_json_results_have_no_header_or_suggestion(crm_fixture: Fixture) -> None:
    result = read_deals(crm_fixture("salesforce_rest.json"))
    assert (result.header, result.suggested_mapping) == ([], {})


def test_uploaded_bytes_are_read_without_a_file(crm_fixture: Fixture) -> None:
    data = crm_fixture("pipedrive_deals.csv").read_bytes()
    result = read_deals("upload.csv", data=data)
    assert (result.source, len(result.records)) == ("pipedrive", 4)


def test_a_named_source_overrides_detection(crm_fixture: Fixture) -> None:
    with pytest.raises(ImportFileError, match="required column 'Record ID' is missing"):
        read_deals(crm_fixture("pipedrive_deals.csv"), source="hubspot")


def test_an_unknown_source_is_refused(crm_fixture: Fixture) -> None:
    with pytest.raises(ImportFileError, match="unknown source 'zoho'"):
        read_deals(crm_fixture("pipedrive_deals.csv"), source="zoho")


def test_every_record_carries_its_raw_row(crm_fixture: Fixture) -> None:
    deal = read_deals(crm_fixture("pipedrive_deals.csv")).records[0]
    assert deal.raw["Deal - Title"] == "Vireo Studio deal"
    assert all(isinstance(value, str) for value in deal.raw.values())


def test_the_public_names_are_exported() -> None:
    for name in (
        "ImportFileError",
        "DealRecord",
        "ImportOptions",
        "OutcomeMap",
        "load_mapping",
        "suggest_mapping",
    ):
        assert name in crm.__all__


def test_the_core_never_imports_django() -> None:
    code = (
        "import sys, winloss.core.crm\n"
        "from winloss.core.crm import read_deals\n"
        "assert not [m for m in sys.modules if m.split('.')[0] == 'django'], 'django was imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
