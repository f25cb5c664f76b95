"""Read deals from CRM exports: Salesforce, HubSpot, Pipedrive, or any CSV with a column mapping.

    from winloss.core.crm import read_deals
    result = read_deals("opportunities.csv")      # the source is detected
    for deal in result.records: ...

Adding a CRM: write a module with a class that has `name`, `label`, `sniff(doc)` and `read(doc, options)`
(see base.Importer), and add an instance to IMPORTERS.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from winloss.core.crm.base import Importer, ImportOptions, OutcomeMap, SourceDocument
from winloss.core.crm.csvmap import CsvImporter, MappingNeeded, load_mapping, mapping_as_toml, suggest_mapping
from winloss.core.crm.hubspot import HubSpotImporter
from winloss.core.crm.outcomes import DEFAULT_STAGE_OUTCOMES, outcome_for
from winloss.core.crm.pipedrive import PipedriveImporter
from winloss.core.crm.reader import iter_csv_rows, load
from winloss.core.crm.records import OUTCOMES, ContactRecord, DealRecord, ImportFileError, Outcome
from winloss.core.crm.salesforce import SalesforceImporter
from winloss.core.crm.values import guess_date_order, parse_amount, parse_date

__all__ = [
    "DEFAULT_STAGE_OUTCOMES",
    "IMPORTERS",
    "OUTCOMES",
    "ContactRecord",
    "DealRecord",
    "ImportFileError",
    "ImportOptions",
    "Importer",
    "MappingNeeded",
    "Outcome",
    "OutcomeMap",
    "ReadResult",
    "SourceDocument",
    "detect_source",
    "guess_date_order",
    "iter_csv_rows",
    "load",
    "load_mapping",
    "mapping_as_toml",
    "outcome_for",
    "parse_amount",
    "parse_date",
    "read_deals",
    "suggest_mapping",
]

IMPORTERS: dict[str, Importer] = {
    importer.name: importer
    for importer in (SalesforceImporter(), HubSpotImporter(), PipedriveImporter(), CsvImporter())
}


@dataclass
class ReadResult:
    source: str
    encoding: str
    records: list[DealRecord]
    header: list[str] = field(default_factory=list)
    # For a CSV file: the guessed {deal field: column}, to offer as a starting mapping
    suggested_mapping: dict[str, str] = field(default_factory=dict)


def detect_source(doc: SourceDocument) -> str:
    """The name of the importer most sure it reads `doc`; ties go to the earlier one in IMPORTERS."""
    scores = {name: importer.sniff(doc) for name, importer in IMPORTERS.items()}
    best = max(scores, key=lambda name: scores[name])
    if scores[best] <= 0:
        if doc.kind == "json":
            raise ImportFileError(doc.path, "not a Salesforce export: no records with attributes.type")
        raise ImportFileError(doc.path, "not a deal export this app can read")
    return best


def read_deals(
    path: str | Path,
    *,
    source: str | None = None,
    options: ImportOptions = ImportOptions(),  # noqa: B008 - frozen, so sharing the default is safe
    data: bytes | None = None,
) -> ReadResult:
    """Read every deal of an export; raise ImportFileError naming file, line and field on bad input."""
    doc = load(path, data=data)
    name = source or detect_source(doc)
    importer = IMPORTERS.get(name)
    if importer is None:
        raise ImportFileError(doc.path, f"unknown source {name!r} (known: {', '.join(IMPORTERS)})")
    return ReadResult(
        source=name,
        encoding=doc.encoding,
        records=list(importer.read(doc, options)),
        header=list(doc.header),
        suggested_mapping=suggest_mapping(doc.header) if doc.kind == "csv" else {},
    )
