"""What every CRM importer produces: plain deal records, and errors that point at the bad spot."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import astuple, dataclass, field, fields
from datetime import date
from decimal import Decimal
from typing import Any, Literal

Outcome = Literal["won", "lost", "no_decision", "open"]
OUTCOMES: tuple[Outcome, ...] = ("won", "lost", "no_decision", "open")
# What reps type in a competitor field when there was none.
NO_COMPETITOR = frozenset({"none", "n/a", "na", "-", "--", "no competitor", "no one", "nobody", "unknown", "null"})
_NAME_SEPARATORS = re.compile(r"\s*[;,]\s*")


class ImportFileError(ValueError):
    """A file cannot be imported. Names the file, and where known the line and field."""

    def __init__(self, path: str, message: str, line: int | None = None, field: str | None = None):
        self.path = path
        self.line = line
        self.field = field
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f", line {self.line}"
        if self.field:
            where += f", field {self.field!r}"
        return f"{where}: {self.message}"

    def as_dict(self) -> dict[str, Any]:
        return {"file": self.path, "line": self.line, "field": self.field, "message": self.message}


@dataclass(frozen=True)
class ContactRecord:
    name: str
    title: str = ""
    email: str = ""
    phone: str = ""
    decision_role: str = ""


@dataclass(slots=True)
class DealRecord:
    """One deal as read from a CRM export, normalised but not yet stored."""

    crm_id: str
    name: str
    line: int  # line (or record number for JSON) in the source file, for messages
    stage: str = ""
    outcome: Outcome = "open"
    amount: Decimal | None = None
    currency: str = ""
    close_date: date | None = None
    owner: str = ""
    account: str = ""
    industry: str = ""
    company_size: str = ""
    region: str = ""
    product_line: str = ""
    deal_type: str = ""
    crm_reason: str = ""  # picklist-style loss/win reason as the rep chose it
    crm_reason_note: str = ""  # free text the rep wrote about why
    primary_competitor: str = ""
    competitors: list[str] = field(default_factory=list)
    contacts: list[ContactRecord] = field(default_factory=list)
    raw: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Reps write "Tessera, Northwind" or "None" in one cell: keep real names, each once, primary first.
        cells = [self.primary_competitor, *self.competitors]
        names = (name.strip() for cell in cells for name in _NAME_SEPARATORS.split(cell or ""))
        kept = list(dict.fromkeys(n for n in names if n and n.casefold() not in NO_COMPETITOR))
        self.primary_competitor = kept[0] if kept else ""
        self.competitors = kept

    def fingerprint(self) -> str:
        """A stable hash of everything stored, so a re-import can tell unchanged deals apart."""
        values = [getattr(self, name) for name in _FINGERPRINT_FIELDS]
        values[_FINGERPRINT_FIELDS.index("contacts")] = [astuple(c) for c in self.contacts]
        return hashlib.sha1(json.dumps(values, sort_keys=True, default=str).encode()).hexdigest()


_FINGERPRINT_FIELDS = [f.name for f in fields(DealRecord) if f.name != "line"]
