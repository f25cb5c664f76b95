"""The demo's analysis: CRM reasons mapped, every transcript reviewed with some corrections, findings written,
so the insights, agreement, reps-versus-buyers and report pages show real figures."""

from __future__ import annotations

from datetime import UTC, datetime

import time_machine
from django.urls import reverse

from winloss.demo.load import DEMO_PASSWORD, load_demo
from winloss.insights.models import CrmReasonMapping
from winloss.interviews.models import Code, Interview, ReviewEvent
from winloss.interviews.review import agreement
from winloss.reports.models import Finding, FindingEvent

NOON = datetime(2027, 5, 20, 12, tzinfo=UTC)


def test_the_analyst_reviewed_mapped_and_wrote_findings(db, client):
    with time_machine.travel(NOON, tick=False):
        load_demo()
    transcripts = Interview.objects.exclude(transcript_path="")
    assert transcripts.count() == 12
    assert not transcripts.filter(reviewed_at=None).exists()
    assert Interview.objects.get(transcript_name="01-coppercombe-shipping.vtt").primary_reasons == [
        "implementation", "integration"]
    # The corrections in data/analysis.toml found the engine's codes they correct.
    assert Code.objects.filter(rejected=True, origin=Code.Origin.ENGINE).count() >= 5
    assert Code.objects.filter(origin=Code.Origin.ANALYST, rejected=False).count() >= 3
    assert ReviewEvent.objects.filter(action="reject").exists()
    measured = agreement()
    assert measured.interviews == 12 and measured.overall.kappa is not None and measured.overall.kappa < 1
    mapped = CrmReasonMapping.objects.current()
    assert mapped["price"] == "price" and mapped["lost to competitor"] == ""
    assert Finding.objects.published().count() == 2 and Finding.objects.count() == 3
    assert FindingEvent.objects.count() == 3
    price = Finding.objects.get(statement__startswith="Reps log price")
    assert price.quotes.exists() and price.interviews.count() == 4

    with time_machine.travel(NOON, tick=False):
        load_demo()
    assert ReviewEvent.objects.filter(action="reject").count() == Code.objects.filter(
        rejected=True, origin=Code.Origin.ENGINE).count() - Code.objects.filter(origin=Code.Origin.ANALYST).count()
    assert Finding.objects.count() == 3

    assert client.login(username="stakeholder", password=DEMO_PASSWORD)
    page = client.get(reverse("reports:report"), {"audience": "exec", "period": price.figures[0]["quarter"]})
    assert page.status_code == 200
    assert price.statement in page.content.decode()
