"""Importing from the web page: upload, preview with a dry-run diff, confirm, result."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.deals.test_import_cli import DEMO_EXPORT, HEADER
from tests.factory import PASSWORD, make_deal
from winloss.deals.models import Deal, ImportRun


@pytest.fixture
def owner_client(client, people):
    client.login(username=people["owner"].username, password=PASSWORD)
    return client


def upload(client, name: str, content: bytes, **fields: str):
    data = {"file": SimpleUploadedFile(name, content), "source": "", "date_format": "auto", "decimal_mark": "auto",
            **fields}
    return client.post(reverse("deals:imports"), data)


def test_an_upload_shows_a_preview_and_writes_nothing_until_confirmed(owner_client):
    response = upload(owner_client, "opps.csv", DEMO_EXPORT.read_bytes())
    run = ImportRun.objects.get()
    assert response.status_code == 302
    page = owner_client.get(reverse("deals:import_detail", args=[run.pk])).content.decode()
    assert "Detected <b>salesforce</b> export, 452 deals" in page
    assert Deal.objects.count() == 0

    owner_client.post(reverse("deals:import_confirm", args=[run.pk]))
    run.refresh_from_db()
    assert run.status == ImportRun.Status.DONE
    assert run.counts["created"] == 452
    assert Deal.objects.count() == 452
    assert "452 new, 0 updated, 0 unchanged" in owner_client.get(
        reverse("deals:import_detail", args=[run.pk])).content.decode()


def test_the_preview_shows_what_an_update_would_change(owner_client):
    make_deal(crm_id="006A", name="Acme - Renewal", outcome="open", stage="Negotiation/Review")
    content = HEADER + '"006A","Acme - Renewal","Acme","Closed Lost","USD 12,000.00","4/2/2026","Ana Diaz"\n'
    upload(owner_client, "newer.csv", content.encode())
    page = owner_client.get(reverse("deals:import_detail", args=[ImportRun.objects.get().pk])).content.decode()
    assert "What changes in deals you already have" in page
    assert "<del>Negotiation/Review</del> → <ins>Closed Lost</ins>" in page


def test_confirming_twice_imports_once(owner_client):
    upload(owner_client, "opps.csv", DEMO_EXPORT.read_bytes())
    run = ImportRun.objects.get()
    owner_client.post(reverse("deals:import_confirm", args=[run.pk]))
    owner_client.post(reverse("deals:import_confirm", args=[run.pk]))
    assert Deal.objects.count() == 452
    assert ImportRun.objects.get().counts["created"] == 452


def test_a_broken_file_is_explained_in_the_preview_and_cannot_change_anything(owner_client):
    content = HEADER + '"006A","Acme","Acme","Closed Won","USD 1.00","31/31/2026","Ana"\n'
    upload(owner_client, "broken.csv", content.encode())
    run = ImportRun.objects.get()
    page = owner_client.get(reverse("deals:import_detail", args=[run.pk])).content.decode()
    assert "This file cannot be imported" in page
    assert "broken.csv, line 2, field &#x27;Close Date&#x27;" in page
    owner_client.post(reverse("deals:import_confirm", args=[run.pk]))
    run.refresh_from_db()
    assert run.status == ImportRun.Status.FAILED
    assert run.error["line"] == 2
    assert Deal.objects.count() == 0


def test_an_upload_over_the_size_limit_is_refused(owner_client, settings):
    settings.WINLOSS_MAX_UPLOAD_MB = 1
    response = upload(owner_client, "huge.csv", b"x" * (1024 * 1024 + 1))
    assert response.status_code == 200
    assert "the limit is 1 MB" in response.content.decode()
    assert not ImportRun.objects.exists()


def test_a_generic_csv_gets_a_suggested_mapping_to_confirm(owner_client):
    content = b"opportunity_id,account,deal_stage,close_date,close_value\nX1,Acme,Won,2026-03-01,1200\n"
    upload(owner_client, "pipeline.csv", content, source="csv")
    run = ImportRun.objects.get()
    page = owner_client.get(reverse("deals:import_detail", args=[run.pk])).content.decode()
    assert "Column mapping" in page
    assert '<option value="opportunity_id" selected>' in page
    owner_client.post(reverse("deals:import_mapping", args=[run.pk]),
                      {"crm_id": "opportunity_id", "name": "account", "stage": "deal_stage",
                       "close_date": "close_date", "amount": "close_value"})
    page = owner_client.get(reverse("deals:import_detail", args=[run.pk])).content.decode()
    assert "Detected <b>csv</b> export, 1 deal," in page
    owner_client.post(reverse("deals:import_confirm", args=[run.pk]))
    assert Deal.objects.get().outcome == "won"


def test_progress_is_shown_while_the_import_runs(owner_client):
    run = ImportRun.objects.create(filename="big.csv", source="salesforce", status=ImportRun.Status.RUNNING)
    page = owner_client.get(reverse("deals:import_detail", args=[run.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in page
    fragment = owner_client.get(reverse("deals:import_progress", args=[run.pk])).content.decode()
    assert "deals written" in fragment
