"""Any CSV of deals, read through a column mapping the user confirms (source name "csv").

A mapping file is TOML:

    [columns]
    crm_id = "Opportunity ID"
    name = "Opportunity"
    stage = "Deal Stage"
    close_date = "Closed On"

    [stages]          # optional: stage (any case) -> won, lost, no_decision or open
    "Signed" = "won"

Without a mapping the importer refuses, and its error carries a suggested mapping to start from: guessing
silently would file deals under the wrong outcome without anyone noticing.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from winloss.core.crm.base import ImportOptions, OutcomeMap, SourceDocument
from winloss.core.crm.outcomes import is_no_decision_reason, outcome_for, stage_key
from winloss.core.crm.records import OUTCOMES, DealRecord, ImportFileError, Outcome
from winloss.core.crm.tabular import (
    CellReader,
    Columns,
    DealChecks,
    Row,
    contact_from,
    descriptive_fields,
    header_key,
    read_rows,
)

DEAL_FIELDS: tuple[str, ...] = (
    "crm_id", "name", "stage", "outcome", "amount", "currency", "close_date", "owner", "account",
    "industry", "company_size", "region", "product_line", "deal_type", "crm_reason", "crm_reason_note",
    "primary_competitor", "competitors", "contact_name", "contact_email", "contact_title", "contact_phone",
    "contact_role",
)  # fmt: skip
REQUIRED_FIELDS = ("crm_id", "name", "close_date")  # and one of stage/outcome

# Header names each field commonly goes by, compared after `_suggest_key`. Exact matches only: a header
# merely containing "date" is as likely the created date as the close date.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "crm_id": ("opportunity id", "deal id", "id", "record id", "deal record id", "opportunity 18 digit id",
               "deal #", "deal number", "deal no", "opportunity #", "opportunity number", "#"),
    "name": ("opportunity name", "deal name", "name", "deal title", "title", "opportunity", "deal"),
    "stage": ("stage", "deal stage", "stage name", "stagename", "dealstage", "status", "deal status"),
    "outcome": ("outcome", "result", "win loss", "won lost", "win loss status"),
    "amount": ("amount", "value", "close value", "deal value", "deal amount", "revenue", "acv", "arr"),
    "currency": ("currency", "currency code", "currencyisocode", "amount currency", "deal currency"),
    "close_date": ("close date", "closed on", "closedate", "closed date", "date closed", "closed at",
                   "close time", "decision date"),
    "owner": ("owner", "sales rep", "sales agent", "deal owner", "opportunity owner", "rep", "owner name",
              "account executive", "salesperson", "sales person", "assigned to"),
    "account": ("account", "account name", "company", "company name", "organization", "organisation",
                "org name", "customer", "client", "associated company"),
    "industry": ("industry", "sector", "vertical"),
    "company_size": ("company size", "employees", "number of employees", "headcount", "size"),
    "region": ("region", "territory", "geo", "sales region", "regional office", "country"),
    "product_line": ("product", "product line", "product name", "product family"),
    "deal_type": ("type", "deal type", "opportunity type", "dealtype"),
    "crm_reason": ("loss reason", "lost reason", "closed lost reason", "reason", "win loss reason",
                   "reason lost", "win reason", "closed won reason", "why"),
    "crm_reason_note": ("loss reason details", "reason details", "reason notes", "notes", "note",
                        "comments", "next step", "description"),
    "primary_competitor": ("competitor", "primary competitor", "main competitor"),
    "competitors": ("competitors", "competitors involved", "competition"),
    "contact_name": ("contact", "contact name", "contact person", "primary contact", "associated contact"),
    "contact_email": ("contact email", "email", "email address"),
    "contact_title": ("contact title", "job title"),
    "contact_phone": ("contact phone", "phone", "phone number"),
    "contact_role": ("contact role", "role", "decision role", "buying role"),
}  # fmt: skip
OUTCOME_WORDS: dict[str, Outcome] = {
    "won": "won", "win": "won", "lost": "lost", "loss": "lost", "no decision": "no_decision",
    "no_decision": "no_decision", "nodecision": "no_decision", "open": "open", "pending": "open",
}  # fmt: skip
_SUGGEST_PUNCTUATION = re.compile(r"[\s_\-./:]+")
_PARENTHESES = re.compile(r"\(.*?\)")  # "Value (EUR)", "Probability (%)"
_TOML_LINE = re.compile(r"at line (\d+)")


class MappingNeeded(ImportFileError):
    """The generic importer was given no mapping; carries the suggestion for the user to confirm."""

    def __init__(self, path: str, message: str, suggested_mapping: dict[str, str], unmapped: list[str]):
        super().__init__(path, message)
        self.suggested_mapping = suggested_mapping
        self.unmapped = unmapped


class CsvImporter:
    name = "csv"
    label = "CSV with a column mapping"

    def sniff(self, doc: SourceDocument) -> float:
        # Any CSV might be deals, so vendor formats must win whenever they recognise the file.
        return 0.1 if doc.kind == "csv" else 0.0

    def read(self, doc: SourceDocument, options: ImportOptions) -> Iterator[DealRecord]:
        if doc.kind != "csv":
            raise ImportFileError(doc.path, "the CSV importer reads CSV files; this file is JSON")
        if options.mapping is None:
            raise _mapping_needed(doc)
        columns = Columns(doc, _checked_mapping(doc, options.mapping))
        rows = read_rows(doc)
        cells = CellReader(columns, rows, options, date_fields=("close_date",))
        checks = DealChecks(doc.path)
        for line, row in rows:
            deal = _deal(line, row, columns, cells, options)
            checks.check(deal, id_field=columns.label("crm_id"), date_field=columns.label("close_date"))
            yield deal


def _mapping_needed(doc: SourceDocument) -> MappingNeeded:
    suggested = suggest_mapping(doc.header)
    unmapped = [f for f in REQUIRED_FIELDS if f not in suggested]
    if "stage" not in suggested and "outcome" not in suggested:
        unmapped.append("stage (or outcome)")
    found = f"could not map {', '.join(unmapped)}" if unmapped else "every required field has a guess"
    message = (
        f"a plain CSV needs a column mapping ({found}). Check this suggestion, complete it, save it as a "
        f".toml file and import again with it:\n\n{mapping_as_toml(suggested)}"
    )
    return MappingNeeded(doc.path, message, suggested, unmapped)


def _checked_mapping(doc: SourceDocument, mapping: Mapping[str, str]) -> dict[str, tuple[str, ...]]:
    unknown = [f for f in mapping if f not in DEAL_FIELDS]
    if unknown:
        message = f"unknown deal field {unknown[0]!r} in the mapping; known fields: {', '.join(DEAL_FIELDS)}"
        raise ImportFileError(doc.path, message, field=unknown[0])
    missing = [f for f in REQUIRED_FIELDS if not mapping.get(f)]
    if not (mapping.get("stage") or mapping.get("outcome")):
        missing.append("stage")
    if missing:
        message = f"the mapping has no column for required field {missing[0]!r}"
        raise ImportFileError(doc.path, message, field=missing[0])
    keys = {header_key(h) for h in doc.header}
    for field, column in mapping.items():
        if column and header_key(column) not in keys:
            message = (
                f"column {column!r} (mapped to {field}) is not in the file; "
                f"the header has: {', '.join(doc.header)}"
            )
            raise ImportFileError(doc.path, message, doc.header_line, column)
    return {field: (mapping[field],) if mapping.get(field) else () for field in DEAL_FIELDS}


def _deal(line: int, row: Row, columns: Columns, cells: CellReader, options: ImportOptions) -> DealRecord:
    v = columns.values(row)
    stage = v["stage"]
    reason = v["crm_reason"]
    outcome = _outcome(line, v, columns, stage, reason, options.outcome_map)
    amount, currency = cells.money(line, row)
    return DealRecord(
        crm_id=columns.required(line, row, "crm_id"),
        name=columns.required(line, row, "name"),
        line=line,
        stage=stage or v["outcome"],
        outcome=outcome,
        amount=amount,
        currency=currency,
        close_date=cells.date(line, row, "close_date"),
        **descriptive_fields(v),
        crm_reason=reason,
        crm_reason_note=v["crm_reason_note"],
        contacts=contact_from(v),
        raw=row,
    )


def _outcome(
    line: int, v: dict[str, str], columns: Columns, stage: str, reason: str, outcome_map: OutcomeMap
) -> Outcome:
    """An outcome column is taken at its word; otherwise the stage decides as for any CRM."""
    written = v["outcome"]
    if not written:
        return outcome_for(stage, reason=reason, outcome_map=outcome_map)
    outcome = OUTCOME_WORDS.get(" ".join(written.lower().replace("-", " ").split()))
    if outcome is None:
        message = f"{written!r} is not an outcome (expected won, lost, no decision or open)"
        raise ImportFileError(columns.doc.path, message, line, columns.label("outcome"))
    return "no_decision" if outcome == "lost" and is_no_decision_reason(reason) else outcome


# --- suggestions and mapping files ------------------------------------------------------------------------


def _suggest_key(header: str) -> str:
    return _SUGGEST_PUNCTUATION.sub(" ", _PARENTHESES.sub(" ", header.casefold())).strip()


def suggest_mapping(header: Sequence[str]) -> dict[str, str]:
    """Guess {deal field: column header} from common header names; each column is used at most once."""
    by_key: dict[str, str] = {}
    for column in header:
        by_key.setdefault(_suggest_key(column), column)
    mapping: dict[str, str] = {}
    used: set[str] = set()
    for field, names in SYNONYMS.items():
        for name in names:
            column = by_key.get(name)
            if column is not None and column not in used:
                mapping[field] = column
                used.add(column)
                break
    return mapping


def mapping_as_toml(mapping: Mapping[str, str], outcome_map: OutcomeMap | None = None) -> str:
    """A mapping file's text, as `load_mapping` reads it."""
    lines = ["[columns]", *(f"{field} = {_toml_string(column)}" for field, column in mapping.items())]
    if outcome_map and outcome_map.stages:
        lines += [
            "",
            "[stages]",
            *(f"{_toml_string(s)} = {_toml_string(o)}" for s, o in outcome_map.stages.items()),
        ]
    return "\n".join(lines) + "\n"


def _toml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid TOML basic string


def load_mapping(path: str | Path) -> tuple[dict[str, str], OutcomeMap]:
    """Read a mapping file: [columns] field = "Header", optional [stages] "Stage" = "won"."""
    name = str(path)
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise ImportFileError(name, f"cannot read the mapping file: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        m = _TOML_LINE.search(str(exc))
        raise ImportFileError(name, f"not a valid TOML file: {exc}", int(m[1]) if m else None) from None
    for section in data:
        if section not in ("columns", "stages"):
            raise ImportFileError(
                name, f"unknown section [{section}] (expected [columns] and [stages])", field=section
            )
    return _mapping_columns(name, data.get("columns", {})), OutcomeMap(
        _mapping_stages(name, data.get("stages", {}))
    )


def _mapping_columns(name: str, columns: object) -> dict[str, str]:
    if not isinstance(columns, dict):
        raise ImportFileError(name, '[columns] must be a table of field = "column header"', field="columns")
    for field, column in columns.items():
        if field not in DEAL_FIELDS:
            message = f"unknown deal field {field!r} in [columns]; known fields: {', '.join(DEAL_FIELDS)}"
            raise ImportFileError(name, message, field=field)
        if not isinstance(column, str) or not column.strip():
            raise ImportFileError(name, f"[columns] {field} must be a column header in quotes", field=field)
    return {field: column.strip() for field, column in columns.items()}


def _mapping_stages(name: str, stages: object) -> dict[str, Outcome]:
    if not isinstance(stages, dict):
        raise ImportFileError(name, '[stages] must be a table of "stage" = "outcome"', field="stages")
    result: dict[str, Outcome] = {}
    for stage, outcome in stages.items():
        value = outcome.strip().lower().replace(" ", "_") if isinstance(outcome, str) else outcome
        if value not in OUTCOMES:
            message = f"[stages] {stage!r} = {outcome!r} is not an outcome (expected {', '.join(OUTCOMES)})"
            raise ImportFileError(name, message, field=stage)
        result[stage_key(stage)] = value
    return result
