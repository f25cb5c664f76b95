"""Background work for deals, run by `winloss worker` (django-tasks database backend)."""

from __future__ import annotations

from pathlib import Path

from django.core.cache import cache
from django.utils import timezone
from django_tasks import task

from winloss.core.crm import ImportFileError
from winloss.deals import importing
from winloss.deals.models import ImportRun


def progress_key(run_id: int) -> str:
    return f"import-progress-{run_id}"


@task()
def run_import(run_id: int) -> dict[str, int] | None:
    """Import a confirmed upload. The write is one transaction, so progress goes through the cache."""
    claimed = ImportRun.objects.filter(pk=run_id, status=ImportRun.Status.QUEUED).update(
        status=ImportRun.Status.RUNNING
    )
    if not claimed:
        return None
    run = ImportRun.objects.get(pk=run_id)
    try:
        result = importing.read(Path(run.stored_path), source=run.source, mapping=run.mapping,
                                date_format=run.date_format, decimal_mark=run.decimal_mark)
        return importing.apply(result, run, lambda done, total: cache.set(progress_key(run_id), (done, total), 3600))
    except ImportFileError as error:
        run.status = ImportRun.Status.FAILED
        run.error = {**error.as_dict(), "file": run.filename}
        run.finished_at = timezone.now()
        run.save(update_fields=["status", "error", "finished_at"])
        return None
    except Exception as error:
        ImportRun.objects.filter(pk=run_id).update(
            status=ImportRun.Status.FAILED, finished_at=timezone.now(),
            error={"file": run.filename, "line": None, "field": None, "message": f"internal error: {error}"},
        )
        raise
