"""Actions as CSV."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime

import pytest
import time_machine
from django.urls import reverse

from tests.actions.builders import make_action
from tests.factory import PASSWORD
from winloss.deals.models import Competitor

pytestmark = pytest.mark.django_db


@time_machine.travel(datetime(2026, 10, 5, 9, tzinfo=UTC))
def test_the_csv_has_one_row_per_action_with_its_links(client, people):
    northwind = Competitor.objects.create(name="Northwind")
    make_action(people["analyst"], title="Battlecard, \"v2\"", team="sales_enablement", competitors=[northwind],
                themes=["differentiation", "price"], segments=[{"field": "region", "value": "EMEA"}],
                owner=people["stakeholder"], due_date=date(2026, 10, 1))
    make_action(people["analyst"], title="Dropped idea", status="dropped", dropped_reason="No budget")
    client.login(username=people["stakeholder"].username, password=PASSWORD)
    response = client.get(reverse("actions:export"), {"team": "sales_enablement"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="actions-2026-10-05.csv"' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 1
    row = rows[0]
    assert (row["title"], row["team"], row["owner"], row["status"], row["overdue"]) == (
        'Battlecard, "v2"', "sales_enablement", "sam_stakeholder", "proposed", "true")
    assert (row["themes"], row["competitors"], row["segments"]) == ("differentiation; price", "Northwind",
                                                                    "region=EMEA")
    assert row["url"].endswith(f"/actions/{row['id']}/")
    dropped = list(csv.DictReader(io.StringIO(client.get(reverse("actions:export"), {"status": "dropped"})
                                              .content.decode())))
    assert [(r["title"], r["dropped_reason"]) for r in dropped] == [("Dropped idea", "No budget")]
