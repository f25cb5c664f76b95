"""Bytes of an export into text, JSON or CSV rows: encodings, delimiters, footers, broken lines."""

from __future__ import annotations

import codecs
from collections.abc import Callable
from pathlib import Path

import pytest

from winloss.core.crm.reader import detect_encoding, iter_csv_rows, load
from winloss.core.crm.records import ImportFileError

WriteExport = Callable[..., Path]


def rows_of(path: Path) -> list[tuple[int, dict[str, str]]]:
    return list(iter_csv_rows(load(path)))


def test_it_reads_a_utf16_tab_separated_excel_export(crm_fixture: Callable[[str], Path]) -> None:
    doc = load(crm_fixture("excel_unicode_text_utf16.txt"))
    assert (doc.encoding, doc.delimiter, doc.kind) == ("utf-16", "\t", "csv")
    assert doc.header[:3] == ["Opportunity Owner", "Account Name", "Opportunity Name"]
    accounts = [row["Account Name"] for _, row in iter_csv_rows(doc)]
    assert accounts == ["Søndergaard A/S", "Łódź Textiles", "Nakamura 商事"]


def test_it_reads_utf16_without_a_bom_from_its_nul_bytes() -> None:
    data = "Name\tStage\nAcme\tClosed Won\n".encode("utf-16-le")
    doc = load("x.txt", data=data)
    assert doc.encoding == "utf-16-le"
    assert list(iter_csv_rows(doc)) == [(2, {"Name": "Acme", "Stage": "Closed Won"})]


def test_it_falls_back_to_windows_1252(crm_fixture: Callable[[str], Path]) -> None:
    doc = load(crm_fixture("salesforce_report_cp1252.csv"))
    assert (doc.encoding, doc.delimiter) == ("cp1252", ";")
    first = next(iter_csv_rows(doc))[1]
    assert first["Account Name"] == "Café Müller"
    assert first["Amount"] == "12.500,00 €"


def test_it_strips_a_utf8_bom_from_the_first_header(crm_fixture: Callable[[str], Path]) -> None:
    doc = load(crm_fixture("hubspot_utf8_bom.csv"))
    assert doc.encoding == "utf-8-sig"
    assert doc.header[0] == "Record ID"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (b"plain ascii", "utf-8"),
        ("Zoë".encode(), "utf-8"),
        (codecs.BOM_UTF8 + b"x", "utf-8-sig"),
        (codecs.BOM_UTF16_BE + "x".encode("utf-16-be"), "utf-16"),
        ("Café €".encode("cp1252"), "cp1252"),
        (b"\x81\xe9", "latin-1"),
    ],
)
def test_it_detects_the_encoding_from_the_bytes(data: bytes, encoding: str) -> None:
    assert detect_encoding(data) == encoding


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_it_sniffs_the_delimiter_from_the_header(delimiter: str) -> None:
    text = delimiter.join(["Id", "Name", "Amount"]) + "\n" + delimiter.join(["1", "Acme, Inc.", "5"]) + "\n"
    doc = load("x.csv", data=text.encode())
    assert doc.delimiter == delimiter
    assert doc.header == ["Id", "Name", "Amount"]


def test_a_quoted_comma_in_the_header_does_not_fool_the_delimiter_sniffing() -> None:
    doc = load("x.csv", data=b'"Amount, USD";"Name"\n"5";"Acme"\n')
    assert doc.delimiter == ";"


def test_it_honours_excels_sep_line() -> None:
    doc = load("x.csv", data=b"sep=;\r\nId;Name\r\n1;Acme\r\n")
    assert (doc.delimiter, doc.header, doc.header_line) == (";", ["Id", "Name"], 2)
    assert list(iter_csv_rows(doc)) == [(3, {"Id": "1", "Name": "Acme"})]


def test_it_normalises_crlf_and_strips_values(write_export: WriteExport) -> None:
    path = write_export("Id , Name\r\n 1 ,  Acme Corp  \r\n")
    assert rows_of(path) == [(2, {"Id": "1", "Name": "Acme Corp"})]


def test_line_numbers_are_physical_lines_even_after_a_multi_line_value(write_export: WriteExport) -> None:
    path = write_export('Id,Note\n1,"two\nlines"\n\n2,after a blank\n')
    assert [line for line, _ in rows_of(path)] == [2, 5]


def test_it_names_blank_and_repeated_header_cells() -> None:
    doc = load("x.csv", data=b"Amount,,Amount,\n1,2,3,\n")
    assert doc.header == ["Amount", "column 2", "Amount (2)"]


def test_it_skips_the_salesforce_report_footer(crm_fixture: Callable[[str], Path]) -> None:
    rows = rows_of(crm_fixture("salesforce_report_en_GB.csv"))
    assert len(rows) == 7
    assert rows[-1][1]["Opportunity Name"] == "Thistle - Renewal"


def test_it_drops_a_localised_footer_made_of_single_cells_after_a_blank_line(
    write_export: WriteExport,
) -> None:
    path = write_export('Id,Name\n1,Acme\n\n"Totales generales (1 registro)"\n"Información confidencial"\n')
    assert [row["Id"] for _, row in rows_of(path)] == ["1"]


def test_a_single_cell_row_followed_by_more_data_is_a_broken_row_not_a_footer(
    write_export: WriteExport,
) -> None:
    path = write_export("Id,Name\n1,Acme\n\n2\n3,Beta\n")
    with pytest.raises(ImportFileError) as raised:
        rows_of(path)
    assert raised.value.line == 4
    assert raised.value.message == "row has 1 fields, the header has 2 (truncated or broken line?)"


def test_a_full_width_row_after_a_blank_line_is_data_even_if_mostly_empty(write_export: WriteExport) -> None:
    path = write_export("Id,Name\n1,Acme\n\n2,\n")
    assert [line for line, _ in rows_of(path)] == [2, 4]


def test_a_deal_whose_name_starts_with_total_is_not_a_footer(write_export: WriteExport) -> None:
    path = write_export("Name,Id\nTotal Wine & More - Renewal,7\n")
    assert rows_of(path) == [(2, {"Name": "Total Wine & More - Renewal", "Id": "7"})]


def test_trailing_empty_cells_from_excel_are_tolerated(write_export: WriteExport) -> None:
    path = write_export("Id,Name\n1,Acme,,\n")
    assert rows_of(path) == [(2, {"Id": "1", "Name": "Acme"})]


def test_it_rejects_a_truncated_last_line(write_export: WriteExport) -> None:
    path = write_export("Id,Name,Stage\n1,Acme,Closed Won\n2,Beta")
    with pytest.raises(ImportFileError) as raised:
        rows_of(path)
    assert (raised.value.line, raised.value.path) == (3, str(path))
    assert "row has 2 fields, the header has 3" in str(raised.value)


def test_it_rejects_an_unterminated_quote_naming_the_line_it_opens_on(write_export: WriteExport) -> None:
    path = write_export('Id,Name,Stage\n1,Acme,Closed Won\n2,"Beta, Inc,Closed Lost\n3,Gamma,Closed Won\n')
    with pytest.raises(ImportFileError) as raised:
        rows_of(path)
    assert raised.value.line == 3
    assert "never closed" in raised.value.message


def test_it_rejects_a_stray_quote_after_a_quoted_field(write_export: WriteExport) -> None:
    path = write_export('Id,Name\n1,"Acme" Corp\n')
    with pytest.raises(ImportFileError) as raised:
        rows_of(path)
    assert raised.value.line == 2


@pytest.mark.parametrize("content", [b"", b"   \n\r\n", codecs.BOM_UTF8])
def test_it_rejects_an_empty_file(content: bytes) -> None:
    with pytest.raises(ImportFileError, match="the file is empty"):
        load("empty.csv", data=content)


def test_it_reads_json_and_reports_the_line_of_bad_json() -> None:
    assert load("x.json", data=b' {"records": []}').data == {"records": []}
    with pytest.raises(ImportFileError) as raised:
        load("x.json", data=b'{\n  "records": [\n    {"Name": "A",}\n  ]\n}')
    assert raised.value.line == 3
    assert "not valid JSON" in raised.value.message


def test_it_names_a_missing_file() -> None:
    with pytest.raises(ImportFileError, match="cannot read the file"):
        load("/nonexistent/deals.csv")


def test_iterating_rows_of_a_json_document_is_refused() -> None:
    with pytest.raises(ImportFileError, match="expected a CSV file"):
        list(iter_csv_rows(load("x.json", data=b"[]")))
