"""Pipedrive deal exports: UI "Deal - X" labels and API field names."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from winloss.core.crm import ContactRecord, ImportFileError, read_deals

Fixture = Callable[[str], Path]
WriteExport = Callable[..., Path]


def test_it_reads_the_ui_export(crm_fixture: Fixture) -> None:
    result = read_deals(crm_fixture("pipedrive_deals.csv"))
    assert result.source == "pipedrive"
    deals = {d.crm_id: d for d in result.records}
    won, lost = deals["101"], deals["102"]
    assert (won.outcome, won.amount, won.currency, won.close_date) == (
        "won",
        Decimal("3400"),
        "EUR",
        date(2024, 2, 20),
    )
    assert (won.owner, won.account, won.contacts) == (
        "Marta Kowalski",
        "Vireo Studio",
        [ContactRecord("Lena Vogel")],
    )
    assert (lost.outcome, lost.crm_reason, lost.close_date) == (
        "lost",
        "Chose a cheaper tool",
        date(2024, 3, 1),
    )


def test_an_open_deal_takes_its_expected_close_date(crm_fixture: Fixture) -> None:
    deals = {d.crm_id: d for d in read_deals(crm_fixture("pipedrive_deals.csv")).records}
    assert (deals["103"].outcome, deals["103"].close_date) == ("open", date(2024, 8, 30))


def test_deleted_deals_are_skipped(crm_fixture: Fixture) -> None:
    assert [d.crm_id for d in read_deals(crm_fixture("pipedrive_deals.csv")).records] == [
        "101",
        "102",
        "103",
        "105",
    ]


def test_a_lost_deal_that_kept_the_status_quo_is_no_decision(crm_fixture: Fixture) -> None:
    deals = {d.crm_id: d for d in read_deals(crm_fixture("pipedrive_deals.csv")).records}
    assert (deals["105"].outcome, deals["105"].currency) == ("no_decision", "GBP")


API_HEADER = ",".join(
    ["id", "title", "status", "value", "currency", "owner_name", "org_name", "person_name", "lost_reason"]
    + ["won_time", "lost_time", "close_time\n"]
)


def test_it_reads_api_field_names(write_export: WriteExport) -> None:
    path = write_export(
        API_HEADER + "7,Acme deal,won,1500,USD,Ann,Acme,Bo,,2024-03-31 23:59:59,,2024-03-31 23:59:59\n"
    )
    deal = read_deals(path).records[0]
    assert (deal.crm_id, deal.outcome, deal.close_date, deal.stage) == ("7", "won", date(2024, 3, 31), "won")


def test_a_lost_deal_falls_back_to_close_time(write_export: WriteExport) -> None:
    path = write_export(API_HEADER + "7,Acme deal,lost,1500,USD,Ann,Acme,,Price,,,2024-03-30 10:00:00\n")
    assert read_deals(path).records[0].close_date == date(2024, 3, 30)


def test_it_rejects_a_won_deal_without_won_time(write_export: WriteExport) -> None:
    path = write_export(API_HEADER + "7,Acme deal,won,1500,USD,Ann,Acme,,,,,\n")
    with pytest.raises(ImportFileError, match="won but has no close date") as raised:
        read_deals(path)
    assert (raised.value.line, raised.value.field) == (2, "won_time")


def test_it_rejects_an_unknown_status(write_export: WriteExport) -> None:
    path = write_export(API_HEADER + "7,Acme deal,archived,1500,USD,Ann,Acme,,,,,\n")
    with pytest.raises(ImportFileError, match="'archived' is not a deal status") as raised:
        read_deals(path)
    assert (raised.value.line, raised.value.field) == (2, "status")


def test_it_rejects_an_export_without_status(write_export: WriteExport) -> None:
    path = write_export("Deal - ID,Deal - Title,Deal - Value\n1,Acme,5\n")
    with pytest.raises(ImportFileError) as raised:
        read_deals(path)
    assert (raised.value.line, raised.value.field) == (1, "Deal - Status")
