"""With the database task backend, a confirmed upload waits for `winloss worker`, which imports it."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.deals.test_import_cli import DEMO_EXPORT
from tests.factory import PASSWORD
from winloss.cli import main
from winloss.deals.models import Deal, ImportRun


@pytest.mark.django_db(transaction=True)
def test_a_confirmed_upload_is_queued_and_the_worker_imports_it(client, settings):
    from tests.factory import make_people

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    people = make_people()
    client.login(username=people["analyst"].username, password=PASSWORD)
    client.post(reverse("deals:imports"), {"file": SimpleUploadedFile("opps.csv", DEMO_EXPORT.read_bytes()),
                                           "source": "", "date_format": "auto", "decimal_mark": "auto"})
    run = ImportRun.objects.get()
    client.post(reverse("deals:import_confirm", args=[run.pk]))
    run.refresh_from_db()
    assert run.status == ImportRun.Status.QUEUED
    assert "Waiting for a worker" in client.get(reverse("deals:import_detail", args=[run.pk])).content.decode()
    assert Deal.objects.count() == 0

    result = CliRunner().invoke(main, ["worker", "--batch"])
    assert result.exit_code == 0, result.output
    run.refresh_from_db()
    assert run.status == ImportRun.Status.DONE
    assert Deal.objects.count() == 452
    assert run.created_by == people["analyst"]
