"""Import a CRM export from the web: upload, preview with a dry-run diff, confirm, watch progress."""

from __future__ import annotations

from pathlib import Path

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from winloss.accounts.models import IMPORT_DEALS
from winloss.accounts.permissions import require
from winloss.core.crm import IMPORTERS, ImportFileError, suggest_mapping
from winloss.core.crm.csvmap import DEAL_FIELDS
from winloss.core.crm.reader import load
from winloss.deals import importing
from winloss.deals.models import Deal, ImportRun
from winloss.deals.tasks import progress_key, run_import
from winloss.uploads import save_upload

PREVIEW_ROWS = 10
PREVIEW_UPDATES = 20


class UploadForm(forms.Form):
    file = forms.FileField(label="CRM export (CSV or JSON)")
    source = forms.ChoiceField(
        choices=[("", "Detect automatically"), *((name, imp.label) for name, imp in IMPORTERS.items())],
        required=False,
    )
    date_format = forms.ChoiceField(
        choices=[("auto", "Detect"), ("mdy", "Month/day/year"), ("dmy", "Day/month/year"), ("ymd", "Year-month-day")],
        initial="auto",
    )
    decimal_mark = forms.ChoiceField(
        choices=[("auto", "Detect"), (".", "1,234.56"), (",", "1.234,56")], initial="auto", label="Amounts are written"
    )

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        limit = settings.WINLOSS_MAX_UPLOAD_MB
        if upload.size > limit * 1024 * 1024:
            raise forms.ValidationError(f"The file is {upload.size / 1048576:.1f} MB; the limit is {limit} MB.")
        return upload


@require(IMPORT_DEALS)
def import_list(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        run = _store_upload(request, form)
        return redirect("deals:import_detail", pk=run.pk)
    return render(request, "deals/import_list.html", {"form": form, "runs": ImportRun.objects.all()[:50]})


def _store_upload(request: HttpRequest, form: UploadForm) -> ImportRun:
    upload = form.cleaned_data["file"]
    path = save_upload(upload, "crm")
    return ImportRun.objects.create(
        created_by=request.user, filename=upload.name, stored_path=str(path), source=form.cleaned_data["source"],
        date_format=form.cleaned_data["date_format"], decimal_mark=form.cleaned_data["decimal_mark"],
        status=ImportRun.Status.PREVIEW,
    )


@require(IMPORT_DEALS)
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(ImportRun, pk=pk)
    context: dict[str, object] = {"run": run}
    if run.status == ImportRun.Status.PREVIEW:
        context.update(_preview(run))
    return render(request, "deals/import_detail.html", context)


def _preview(run: ImportRun) -> dict[str, object]:
    path = Path(run.stored_path)
    try:
        result = importing.read(path, source=run.source or None, mapping=run.mapping, date_format=run.date_format,
                                decimal_mark=run.decimal_mark)
    except ImportFileError as error:
        error.path = run.filename
        return {"error": error, **_mapping_context(run, path)}
    if not run.source:
        run.source = result.source
        run.save(update_fields=["source"])
    work = importing.plan(result)
    stored = Deal.objects.select_related("owner", "account", "primary_competitor").in_bulk(
        [pk for pk, _ in work.update[:PREVIEW_UPDATES]]
    )
    return {
        "result": result,
        "summary": work.summary(),
        "sample": result.records[:PREVIEW_ROWS],
        "updates": [(r, importing.changed_fields(stored[pk], r)) for pk, r in work.update[:PREVIEW_UPDATES]],
        **_mapping_context(run, path),
    }


def _mapping_context(run: ImportRun, path: Path) -> dict[str, object]:
    if run.source != "csv":
        return {}
    try:
        header = load(str(path)).header
    except ImportFileError:
        return {}
    current = run.mapping or suggest_mapping(header)
    rows = [(field, current.get(field, "")) for field in DEAL_FIELDS]
    return {"header": header, "mapping_rows": rows}


@require_POST
@require(IMPORT_DEALS)
def import_mapping(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(ImportRun, pk=pk, status=ImportRun.Status.PREVIEW)
    run.source = "csv"
    run.mapping = {f: request.POST[f] for f in DEAL_FIELDS if request.POST.get(f)}
    run.save(update_fields=["source", "mapping"])
    return redirect("deals:import_detail", pk=run.pk)


@require_POST
@require(IMPORT_DEALS)
def import_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    updated = ImportRun.objects.filter(pk=pk, status=ImportRun.Status.PREVIEW).update(
        status=ImportRun.Status.QUEUED
    )
    if updated:
        run_import.enqueue(pk)
    return redirect("deals:import_detail", pk=pk)


@require(IMPORT_DEALS)
def import_progress(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(ImportRun, pk=pk)
    done, total = cache.get(progress_key(run.pk), (0, 0))
    context = {"run": run, "done": done, "total": total, "percent": int(100 * done / total) if total else 0}
    response = render(request, "deals/_import_progress.html", context)
    if run.status not in (ImportRun.Status.QUEUED, ImportRun.Status.RUNNING) and request.htmx:
        response["HX-Refresh"] = "true"
    return response
