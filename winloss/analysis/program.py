"""The program being coded for: our company, its aliases, and the competitors buyers may name."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

US = "us"


class ProgramError(ValueError):
    """A program file that cannot be used; names the file and the key."""


@dataclass(frozen=True)
class Competitor:
    name: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Program:
    company: str = ""
    aliases: tuple[str, ...] = ()
    competitors: tuple[Competitor, ...] = ()
    interviewers: tuple[str, ...] = field(default=())

    def vendor_names(self) -> dict[str, tuple[str, ...]]:
        """Vendor key ("us" or a competitor's canonical name) -> every name it goes by."""
        names = {US: tuple(n for n in (self.company, *self.aliases) if n)} if self.company else {}
        for competitor in self.competitors:
            names[competitor.name] = (competitor.name, *competitor.aliases)
        return names


def load_program(path: str | Path) -> Program:
    """Read a program TOML (company, aliases, [[competitors]] name/aliases), as in eval/FORMAT.md."""
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8-sig"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ProgramError(f"{path}: {error}") from None
    return program_from_dict(data, str(path))


def program_from_dict(data: dict, source: str = "program") -> Program:
    def strings(value: object, key: str) -> tuple[str, ...]:
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ProgramError(f"{source}: '{key}' must be a list of strings")
        return tuple(v.strip() for v in value if v.strip())

    competitors = []
    for i, entry in enumerate(data.get("competitors", [])):
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or not entry["name"].strip():
            raise ProgramError(f"{source}: competitors[{i}] needs a name")
        aliases = strings(entry.get("aliases"), f"competitors[{i}].aliases")
        competitors.append(Competitor(entry["name"].strip(), aliases))
    company = data.get("company", "")
    if not isinstance(company, str):
        raise ProgramError(f"{source}: 'company' must be a string")
    return Program(company=company.strip(), aliases=strings(data.get("aliases"), "aliases"),
                   competitors=tuple(competitors), interviewers=strings(data.get("interviewers"), "interviewers"))


@dataclass(frozen=True)
class Mention:
    vendor: str
    start: int
    end: int


class VendorMatcher:
    """Finds vendor names in text as whole words, in any case, possessives included.

    Two exceptions keep ordinary words from counting as mentions: a short all-capitals alias ("BL")
    must be written in capitals, and a name that is also a common English word ("Canopy", "Scholarly")
    must start with a capital letter.
    """

    def __init__(self, program: Program, common_words: frozenset[str] = frozenset()):
        self._patterns: list[tuple[re.Pattern[str], str]] = []
        entries = [(name, vendor) for vendor, names in program.vendor_names().items() for name in names]
        for name, vendor in sorted(entries, key=lambda e: -len(e[0])):
            self._patterns.append((_name_pattern(name, common_words), vendor))

    def find(self, text: str) -> list[Mention]:
        taken: list[tuple[int, int]] = []
        found: list[Mention] = []
        for pattern, vendor in self._patterns:  # longest names first, so "Blue Otter Networks" beats "Blue Otter"
            for match in pattern.finditer(text):
                span = match.span(1)
                if any(s < span[1] and span[0] < e for s, e in taken):
                    continue
                taken.append(span)
                found.append(Mention(vendor, *span))
        return sorted(found, key=lambda m: m.start)


def _name_pattern(name: str, common_words: frozenset[str]) -> re.Pattern[str]:
    words = [re.escape(w) for w in name.split()]
    body = r"[\s-]+".join(words)
    flags = re.IGNORECASE
    if name.isupper() and len(name) <= 4:
        flags = 0
    elif name.lower() in common_words:
        first = name[0]
        body = f"[{first.upper()}]{re.escape(name[1:])}" if len(words) == 1 else body
        flags = 0 if len(words) == 1 else flags
    return re.compile(rf"(?<![\w@.-])({body})(?:['’]s|s['’])?(?![\w-])", flags)
