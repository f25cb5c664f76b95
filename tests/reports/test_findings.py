"""Analysts write findings with evidence; every change is an event; readers see the published ones."""

from __future__ import annotations

import json

from django.urls import reverse

from tests.factory import PASSWORD
from tests.reports.builders import NAMED, make_quoted_interview
from winloss.reports.models import Finding, FindingEvent

WIN_RATE = {"kind": "win_rate", "quarter": "2026Q3"}


def _post(client, url, **overrides):
    data = {"statement": "Onboarding dates we cannot keep lose deals", "detail": "Buyers doubt our dates.",
            "audiences": ["cs", "exec"], "status": "draft", "period": "2026q3", "figures": [json.dumps(WIN_RATE)]}
    data.update(overrides)
    return client.post(url, data)


def test_an_analyst_writes_a_finding_with_evidence_and_it_is_recorded(client, people):
    interview = make_quoted_interview()
    quote = interview.quotes.get()
    client.login(username=people["analyst"].username, password=PASSWORD)
    response = _post(client, reverse("reports:finding_new"), quotes=[quote.pk], interviews=[interview.pk])
    finding = Finding.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("reports:finding", args=[finding.pk])
    assert finding.period == "2026Q3" and finding.audiences == ["cs", "exec"] and finding.figures == [WIN_RATE]
    assert list(finding.quotes.all()) == [quote] and list(finding.interviews.all()) == [interview]
    assert finding.created_by == people["analyst"] and finding.updated_by == people["analyst"]
    event = FindingEvent.objects.get()
    assert event.by == people["analyst"] and event.before == {}
    assert event.after["statement"] == finding.statement and event.after["quotes"] == [quote.pk]

    page = client.get(reverse("reports:finding", args=[finding.pk])).content.decode()
    assert "Win rate 2026Q3: 0% (n=1" in page  # the figure, computed when shown
    assert NAMED in page  # analysts read quotes unredacted
    assert "History" in page


def test_an_edit_records_only_what_changed_with_before_and_after(client, people):
    make_quoted_interview()
    client.login(username=people["analyst"].username, password=PASSWORD)
    _post(client, reverse("reports:finding_new"))
    finding = Finding.objects.get()
    client.login(username=people["owner"].username, password=PASSWORD)
    response = _post(client, reverse("reports:finding_edit", args=[finding.pk]), status="published")
    assert response.status_code == 302
    finding.refresh_from_db()
    assert finding.status == "published" and finding.updated_by == people["owner"]
    last = finding.events.last()
    assert (last.what, last.before, last.after, last.by) == ("status", {"status": "draft"},
                                                             {"status": "published"}, people["owner"])
    _post(client, reverse("reports:finding_edit", args=[finding.pk]), status="published")
    assert finding.events.count() == 2  # saving without a change records nothing


def test_a_finding_needs_an_audience_and_a_real_quarter(client, people):
    client.login(username=people["analyst"].username, password=PASSWORD)
    response = _post(client, reverse("reports:finding_new"), audiences=[], period="Q3 2026")
    assert response.status_code == 400
    assert "not a quarter" in response.content.decode()
    assert not Finding.objects.exists() and not FindingEvent.objects.exists()


def test_the_list_filters_by_audience_and_status_and_readers_see_only_published(client, people):
    Finding.objects.create(statement="Price objections in sales", audiences=["sales"], status="published")
    Finding.objects.create(statement="Draft about product gaps", audiences=["product"], status="draft")
    client.login(username=people["analyst"].username, password=PASSWORD)
    page = client.get(reverse("reports:findings"), {"audience": "product"}).content.decode()
    assert "Draft about product gaps" in page and "Price objections" not in page
    page = client.get(reverse("reports:findings"), {"status": "published"}).content.decode()
    assert "Price objections" in page and "Draft about" not in page
    client.login(username=people["stakeholder"].username, password=PASSWORD)
    page = client.get(reverse("reports:findings")).content.decode()
    assert "Price objections" in page and "Draft about" not in page and "New finding" not in page


def test_the_quote_picker_lists_a_themes_quotes_and_keeps_those_ticked(client, people):
    kept = make_quoted_interview(theme="price", text="Their price was a third lower than yours, plain and simple.")
    make_quoted_interview(theme="implementation")
    client.login(username=people["analyst"].username, password=PASSWORD)
    fragment = client.get(reverse("reports:quote_picker"), {"theme": "implementation",
                                                            "quotes": [kept.quotes.get().pk]}).content.decode()
    assert "onboarding in six weeks" in fragment
    assert f'value="{kept.quotes.get().pk}" checked' in fragment


def test_a_reader_sees_a_published_findings_quotes_redacted(client, people):
    interview = make_quoted_interview()
    finding = Finding.objects.create(statement="Onboarding", audiences=["cs"], status="published")
    finding.quotes.set(interview.quotes.all())
    client.login(username=people["stakeholder"].username, password=PASSWORD)
    page = client.get(reverse("reports:finding", args=[finding.pk])).content.decode()
    assert "[name], our rep’s manager" in page and "Zoë" not in page and "History" not in page


def test_the_figure_picker_lists_a_kinds_figures_and_a_cited_driver_is_computed_when_shown(client, people):
    make_quoted_interview(theme="price")
    client.login(username=people["analyst"].username, password=PASSWORD)
    driver = {"kind": "driver", "theme": "price", "side": "weakness", "quarter": "2026Q3"}
    fragment = client.get(reverse("reports:figure_picker"), {"figure_kind": "driver", "figure_quarter": "2026Q3",
                                                             "figures": [json.dumps(WIN_RATE)]}).content.decode()
    assert "Judged weak on price &amp; value, lost vs won, 2026Q3" in fragment
    assert "Judged strong on support &amp; customer success, lost vs won, 2026Q3" in fragment
    assert "Win rate, 2026Q3</label>" in fragment and "checked> Win rate, 2026Q3" in fragment
    _post(client, reverse("reports:finding_new"), figures=[json.dumps(driver)])
    page = client.get(reverse("reports:finding", args=[Finding.objects.get().pk])).content.decode()
    assert ("Judged weak on price &amp; value, 2026Q3: 100% (n=1, 95% CI 21%–100%), small sample of lost "
            "interviews, no data (n=0) of won; too few interviews to tell") in page


def test_a_figure_that_names_no_theme_is_refused(client, people):
    make_quoted_interview()
    client.login(username=people["analyst"].username, password=PASSWORD)
    vibes = {"kind": "driver", "theme": "vibes", "side": "weakness", "quarter": "2026Q3"}
    response = _post(client, reverse("reports:finding_new"), figures=[json.dumps(vibes)])
    assert response.status_code == 400 and "no theme &#x27;vibes&#x27; in the codebook" in response.content.decode()
