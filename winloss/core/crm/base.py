"""The shape every CRM importer has, and the options they all take."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

from winloss.core.crm.records import DealRecord, Outcome


@dataclass(frozen=True)
class OutcomeMap:
    """How CRM stages (and reasons) become outcomes. `stages` maps a lower-cased stage to an outcome."""

    stages: dict[str, Outcome] = field(default_factory=dict)


@dataclass(frozen=True)
class ImportOptions:
    # "auto", "dmy", "mdy", "ymd", or an explicit strftime format such as "%d.%m.%Y"
    date_format: str = "auto"
    # "auto" (settled per file from the amounts themselves), "." or ","
    decimal_mark: str = "auto"
    # For the generic CSV importer: deal field name -> column header in the file
    mapping: dict[str, str] | None = None
    outcome_map: OutcomeMap = field(default_factory=OutcomeMap)
    default_currency: str = ""


@dataclass
class SourceDocument:
    """A CRM export read into text once, shared by every importer's sniff and read."""

    path: str
    text: str
    encoding: str
    kind: str  # "json" or "csv"
    data: Any = None  # parsed JSON for kind "json"
    header: list[str] = field(default_factory=list)  # first CSV row for kind "csv"
    delimiter: str = ","
    header_line: int = 1  # physical line of the header: later when blank lines or Excel's "sep=;" come first


class Importer(Protocol):
    name: str
    label: str

    def sniff(self, doc: SourceDocument) -> float:
        """How sure this importer is that it reads `doc`, from 0 (not at all) to 1."""

    def read(self, doc: SourceDocument, options: ImportOptions) -> Iterator[DealRecord]:
        """Yield one record per deal; raise ImportFileError naming line and field on bad input."""
