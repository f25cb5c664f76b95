"""Store deals read by the pure CRM importers: one transaction per file, updates by (source, CRM id)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from winloss.core.crm import DealRecord, ImportOptions, OutcomeMap, ReadResult, load_mapping, read_deals
from winloss.core.crm.records import OUTCOMES
from winloss.deals.models import (
    Account,
    Competitor,
    Contact,
    Deal,
    DealCompetitor,
    ImportRun,
    SalesRep,
    StageOutcome,
)

BATCH = 2000
Progress = Callable[[int, int], None]

# Deal fields copied as they are from a record; foreign keys are resolved separately.
PLAIN_FIELDS = (
    "name", "amount", "currency", "stage", "outcome", "close_date", "product_line", "region", "industry",
    "company_size", "deal_type", "crm_reason", "crm_reason_note", "raw",
)


@dataclass
class Plan:
    """What importing a file would do, worked out before anything is written."""

    source: str
    create: list[DealRecord] = field(default_factory=list)
    update: list[tuple[int, DealRecord]] = field(default_factory=list)
    unchanged: int = 0
    outcomes: dict[str, int] = field(default_factory=lambda: dict.fromkeys(OUTCOMES, 0))

    def summary(self) -> dict[str, int]:
        return {
            "created": len(self.create),
            "updated": len(self.update),
            "unchanged": self.unchanged,
            **self.outcomes,
        }


def plan(result: ReadResult) -> Plan:
    existing = dict(
        (crm_id, (pk, fingerprint))
        for crm_id, pk, fingerprint in Deal.objects.filter(source=result.source).values_list(
            "crm_id", "pk", "fingerprint"
        ).iterator(chunk_size=BATCH)
    )
    out = Plan(source=result.source)
    for record in result.records:
        out.outcomes[record.outcome] += 1
        found = existing.get(record.crm_id)
        if found is None:
            out.create.append(record)
        elif found[1] != record.fingerprint():
            out.update.append((found[0], record))
        else:
            out.unchanged += 1
    return out


def changed_fields(deal: Deal, record: DealRecord) -> dict[str, tuple[Any, Any]]:
    """Field -> (stored value, value in the file), for a preview of what an update changes."""
    changes: dict[str, tuple[Any, Any]] = {}
    for name in PLAIN_FIELDS:
        if name == "raw":
            continue
        old, new = getattr(deal, name), getattr(record, name)
        if (old or None) != (new or None):
            changes[name] = (old, new)
    for name, old in (
        ("owner", deal.owner.name if deal.owner else ""),
        ("account", deal.account.name if deal.account else ""),
        ("primary_competitor", deal.primary_competitor.name if deal.primary_competitor else ""),
    ):
        if old != getattr(record, name):
            changes[name] = (old, getattr(record, name))
    return changes


def apply(result: ReadResult, run: ImportRun, progress: Progress | None = None) -> dict[str, int]:
    """Write the whole file in one transaction; any error leaves the database as it was."""
    with transaction.atomic():
        work = plan(result)
        todo = len(work.create) + len(work.update)
        resolver = _Resolver(result.records)
        done = 0
        for batch in _chunks(work.create, BATCH):
            deals = [Deal(source=result.source, crm_id=r.crm_id, last_import=run, fingerprint=r.fingerprint(),
                          **resolver.fields(r)) for r in batch]
            Deal.objects.bulk_create(deals, batch_size=BATCH)
            _replace_children(result.source, batch, fresh=True, resolver=resolver)
            done += len(batch)
            _report(progress, done, todo)
        update_fields = [*PLAIN_FIELDS, "account", "owner", "primary_competitor", "fingerprint", "last_import",
                         "updated_at"]
        now = timezone.now()
        for batch in _chunks(work.update, BATCH):
            deals = [Deal(pk=pk, source=result.source, crm_id=r.crm_id, last_import=run, updated_at=now,
                          fingerprint=r.fingerprint(), **resolver.fields(r)) for pk, r in batch]
            Deal.objects.bulk_update(deals, update_fields, batch_size=BATCH)
            _replace_children(result.source, [r for _, r in batch], fresh=False, resolver=resolver)
            done += len(batch)
            _report(progress, done, todo)
        counts = work.summary()
        run.counts = counts
        run.total = len(result.records)
        run.processed = len(result.records)
        run.status = ImportRun.Status.DONE
        run.finished_at = timezone.now()
        run.save()
    return counts


class _Resolver:
    """Turns names in records into Account, SalesRep and Competitor rows, creating the missing ones."""

    def __init__(self, records: Sequence[DealRecord]):
        self.accounts = self._accounts(records)
        self.reps = self._by_name(SalesRep, {r.owner for r in records if r.owner})
        self.competitors = _CompetitorIndex()

    def fields(self, record: DealRecord) -> dict[str, Any]:
        values = {name: getattr(record, name) for name in PLAIN_FIELDS}
        values["account_id"] = self.accounts.get(record.account)
        values["owner_id"] = self.reps.get(record.owner)
        values["primary_competitor_id"] = self.competitors.resolve(record.primary_competitor)
        return values

    @staticmethod
    def _by_name(model: type, names: set[str]) -> dict[str, int]:
        known = dict(model.objects.filter(name__in=names).values_list("name", "pk")) if names else {}
        missing = [model(name=name) for name in sorted(names - known.keys())]
        model.objects.bulk_create(missing, batch_size=BATCH)
        if missing:
            known.update(model.objects.filter(name__in=[m.name for m in missing]).values_list("name", "pk"))
        return known

    def _accounts(self, records: Sequence[DealRecord]) -> dict[str, int]:
        latest: dict[str, DealRecord] = {}
        for record in records:
            if record.account:
                latest[record.account] = record
        ids = self._by_name(Account, set(latest))
        changed = []
        for account in Account.objects.filter(pk__in=ids.values()):
            record = latest[account.name]
            wanted = (record.industry or account.industry, record.company_size or account.size_band,
                      record.region or account.region)
            if wanted != (account.industry, account.size_band, account.region):
                account.industry, account.size_band, account.region = wanted
                changed.append(account)
        Account.objects.bulk_update(changed, ["industry", "size_band", "region"], batch_size=BATCH)
        return ids


class _CompetitorIndex:
    """Matches competitor names as reps type them to canonical competitors, case-insensitively."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        for competitor in Competitor.objects.all():
            for alias in [competitor.name, *competitor.aliases]:
                self.index.setdefault(alias.strip().casefold(), competitor.pk)

    def resolve(self, name: str) -> int | None:
        key = name.strip().casefold()
        if not key:
            return None
        if key not in self.index:
            self.index[key] = Competitor.objects.create(name=name.strip()).pk
        return self.index[key]


def _replace_children(source: str, records: list[DealRecord], *, fresh: bool, resolver: _Resolver) -> None:
    ids = dict(Deal.objects.filter(source=source, crm_id__in=[r.crm_id for r in records]).values_list("crm_id", "pk"))
    if not fresh:
        Contact.objects.filter(deal_id__in=ids.values()).delete()
        DealCompetitor.objects.filter(deal_id__in=ids.values()).delete()
    contacts, links = [], []
    for record in records:
        deal_id = ids[record.crm_id]
        seen: set[str] = set()
        for c in record.contacts:
            if c.name and c.name not in seen:
                seen.add(c.name)
                contacts.append(Contact(deal_id=deal_id, name=c.name, title=c.title, email=c.email, phone=c.phone,
                                        decision_role=c.decision_role))
        competitor_ids = {resolver.competitors.resolve(name) for name in record.competitors}
        links.extend(DealCompetitor(deal_id=deal_id, competitor_id=pk) for pk in competitor_ids if pk)
    Contact.objects.bulk_create(contacts, batch_size=BATCH)
    DealCompetitor.objects.bulk_create(links, batch_size=BATCH)


def _chunks(items: list, size: int) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _report(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None:
        progress(done, total)


def outcome_map() -> OutcomeMap:
    """The program's own stage rules, which win over the built-in ones."""
    return OutcomeMap(stages=dict(StageOutcome.objects.values_list("stage", "outcome")))


def read(path: Path, *, source: str | None = None, mapping_path: Path | None = None, mapping: dict | None = None,
         date_format: str = "auto", data: bytes | None = None) -> ReadResult:
    stages = outcome_map()
    if mapping_path is not None:
        mapping, file_map = load_mapping(mapping_path)
        stages = OutcomeMap(stages={**file_map.stages, **stages.stages})
    options = ImportOptions(date_format=date_format, mapping=mapping, outcome_map=stages)
    return read_deals(path, source=source, options=options, data=data)


def import_deals_file(path: Path, *, source: str | None = None, mapping_path: Path | None = None,
                      date_format: str = "auto", dry_run: bool = False, user: Any = None,
                      progress: Progress | None = None) -> dict[str, int]:
    """Read a CRM export and store it (or, with dry_run, only count what would change)."""
    result = read(path, source=source, mapping_path=mapping_path, date_format=date_format)
    if dry_run:
        return plan(result).summary()
    run = ImportRun(created_by=user, filename=path.name, stored_path=str(path), source=result.source,
                    date_format=date_format, status=ImportRun.Status.RUNNING, total=len(result.records))
    with transaction.atomic():
        run.save()
        return apply(result, run, progress)
