"""Store deals read by the pure CRM importers: one transaction per file, updates by (source, CRM id)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import connection, models, transaction
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
        resolver = _Resolver(result.records)
        now = timezone.now()

        def values(record: DealRecord) -> dict[str, Any]:
            return {**resolver.fields(record), "fingerprint": record.fingerprint(), "last_import_id": run.pk,
                    "updated_at": now}

        todo, done = len(work.create) + len(work.update), 0
        for batch in _chunks(work.create, BATCH):
            _insert(Deal, [{"source": result.source, "crm_id": r.crm_id, "created_at": now, **values(r)}
                           for r in batch])
            _replace_children(result.source, batch, fresh=True, resolver=resolver)
            done += len(batch)
            _report(progress, done, todo)
        for batch in _chunks(work.update, BATCH):
            _update(Deal, [(pk, values(r)) for pk, r in batch])
            _replace_children(result.source, [r for _, r in batch], fresh=False, resolver=resolver)
            done += len(batch)
            _report(progress, done, todo)
        run.counts = work.summary()
        run.status = ImportRun.Status.DONE
        run.finished_at = timezone.now()
        run.save()
    return run.counts


# Django's bulk_create and bulk_update build SQL object by object (bulk_update with CASE WHEN per row),
# which takes most of a 100,000-deal import; one prepared statement run with executemany does not.
def _insert(model: type[models.Model], rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    fields = [model._meta.get_field(name) for name in rows[0]]
    quote = connection.ops.quote_name
    sql = (f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) "
           f"VALUES ({', '.join(['%s'] * len(fields))})")
    with connection.cursor() as cursor:
        cursor.executemany(sql, [[f.get_db_prep_save(row[f.attname], connection) for f in fields] for row in rows])


def _update(model: type[models.Model], rows: list[tuple[int, dict[str, Any]]]) -> None:
    if not rows:
        return
    fields = [model._meta.get_field(name) for name in rows[0][1]]
    quote = connection.ops.quote_name
    sql = (f"UPDATE {quote(model._meta.db_table)} SET {', '.join(f'{quote(f.column)} = %s' for f in fields)} "
           f"WHERE {quote(model._meta.pk.column)} = %s")
    with connection.cursor() as cursor:
        cursor.executemany(sql, [[*(f.get_db_prep_save(row[f.attname], connection) for f in fields), pk]
                                 for pk, row in rows])


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
    def _by_name(model: type, names: set[str], defaults: dict[str, dict[str, str]] | None = None) -> dict[str, int]:
        """Name -> primary key, creating the missing rows (with `defaults[name]` as their other fields)."""
        known = dict(model.objects.filter(name__in=names).values_list("name", "pk")) if names else {}
        missing = [model(name=name, **(defaults or {}).get(name, {})) for name in sorted(names - known.keys())]
        model.objects.bulk_create(missing, batch_size=BATCH)
        if missing:
            known.update(model.objects.filter(name__in=[m.name for m in missing]).values_list("name", "pk"))
        return known

    def _accounts(self, records: Sequence[DealRecord]) -> dict[str, int]:
        """Accounts by name; the last deal in the file that says something about an account wins."""
        latest: dict[str, dict[str, str]] = {}
        for r in records:
            if r.account:
                wanted = {"industry": r.industry, "size_band": r.company_size, "region": r.region}
                latest.setdefault(r.account, {}).update({k: v for k, v in wanted.items() if v})
        existing = {a.name: a for a in Account.objects.filter(name__in=latest)}
        changed = []
        for name, account in existing.items():
            wanted = latest[name]
            if any(getattr(account, k) != v for k, v in wanted.items()):
                for k, v in wanted.items():
                    setattr(account, k, v)
                changed.append(account)
        Account.objects.bulk_update(changed, ["industry", "size_band", "region"], batch_size=BATCH)
        return self._by_name(Account, set(latest), defaults=latest)


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
    """Make each deal's contacts and competitor links those of its record. Contacts are matched by name and
    updated in place, so interviews keep the buyer they were arranged with; contacts gone from the export go."""
    ids = dict(Deal.objects.filter(source=source, crm_id__in=[r.crm_id for r in records]).values_list("crm_id", "pk"))
    existing: dict[tuple[int, str], int] = {}
    if not fresh:
        existing = {(deal_id, name): pk for pk, deal_id, name in
                    Contact.objects.filter(deal_id__in=ids.values()).values_list("pk", "deal_id", "name")}
        DealCompetitor.objects.filter(deal_id__in=ids.values()).delete()
    new, changed, kept, links = [], [], set(), []
    for record in records:
        deal_id = ids[record.crm_id]
        seen: set[str] = set()
        for c in record.contacts:
            if c.name and c.name not in seen:
                seen.add(c.name)
                values = {"title": c.title, "email": c.email, "phone": c.phone, "decision_role": c.decision_role}
                pk = existing.get((deal_id, c.name))
                if pk is None:
                    new.append({"deal_id": deal_id, "name": c.name, **values})
                else:
                    kept.add(pk)
                    changed.append((pk, values))
        competitor_ids = {resolver.competitors.resolve(name) for name in record.competitors}
        links.extend({"deal_id": deal_id, "competitor_id": pk} for pk in competitor_ids if pk)
    gone = set(existing.values()) - kept
    for chunk in _chunks(sorted(gone), 500):
        Contact.objects.filter(pk__in=chunk).delete()
    _update(Contact, changed)
    _insert(Contact, new)
    _insert(DealCompetitor, links)


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
         date_format: str = "auto", decimal_mark: str = "auto", data: bytes | None = None) -> ReadResult:
    stages = outcome_map()
    if mapping_path is not None:
        mapping, file_map = load_mapping(mapping_path)
        stages = OutcomeMap(stages={**file_map.stages, **stages.stages})
    options = ImportOptions(date_format=date_format, decimal_mark=decimal_mark, mapping=mapping, outcome_map=stages)
    return read_deals(path, source=source, options=options, data=data)


def import_deals_file(path: Path, *, source: str | None = None, mapping_path: Path | None = None,
                      date_format: str = "auto", decimal_mark: str = "auto", dry_run: bool = False,
                      user: Any = None, progress: Progress | None = None) -> dict[str, int]:
    """Read a CRM export and store it (or, with dry_run, only count what would change)."""
    result = read(path, source=source, mapping_path=mapping_path, date_format=date_format,
                  decimal_mark=decimal_mark)
    if dry_run:
        return plan(result).summary()
    run = ImportRun(created_by=user, filename=path.name, stored_path=str(path), source=result.source,
                    date_format=date_format, decimal_mark=decimal_mark, status=ImportRun.Status.RUNNING)
    with transaction.atomic():
        run.save()
        return apply(result, run, progress)
