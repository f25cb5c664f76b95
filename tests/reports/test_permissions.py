"""Every reports page checks permissions: each role gets what it should, the outsider gets nothing."""

from __future__ import annotations

import pytest
from django.urls import get_resolver, reverse

from tests.factory import PASSWORD
from tests.reports.builders import make_quoted_interview
from winloss.reports.models import Finding

PEOPLE = ("owner", "analyst", "interviewer", "external", "stakeholder", "outsider")
READERS = {"owner": 200, "analyst": 200, "interviewer": 200, "stakeholder": 200, "external": 403, "outsider": 404}
WRITERS = {"owner": 200, "analyst": 200, "interviewer": 403, "stakeholder": 403, "external": 403, "outsider": 404}
# The external interviewer did not hold this interview, so it does not exist for them.
SUMMARY = {"owner": 200, "analyst": 200, "interviewer": 200, "stakeholder": 200, "external": 404, "outsider": 404}

# url name -> (method, query, expected status per person). POSTs that succeed redirect (302).
PAGES = {
    "reports:report": ("get", "?audience=exec&period=2026Q3", READERS),
    "reports:report_file": ("get", "?audience=sales&period=2026Q3", READERS),
    "reports:interview_summary": ("get", "", SUMMARY),
    "reports:digest_subscription": ("post", "", {**READERS, **{p: 302 for p in READERS if READERS[p] == 200}}),
    "reports:findings": ("get", "", READERS),
    "reports:finding": ("get", "", READERS),
    "reports:finding_new": ("get", "", WRITERS),
    "reports:finding_edit": ("get", "", WRITERS),
    "reports:quote_picker": ("get", "?theme=implementation", WRITERS),
    "reports:figure_picker": ("get", "?figure_kind=driver&figure_quarter=2026Q3", WRITERS),
}


def _url(name: str, interview, finding) -> str:
    if name == "reports:report_file":
        return reverse(name, args=["md"])
    if name == "reports:interview_summary":
        return reverse(name, args=[interview.pk])
    if name in ("reports:finding", "reports:finding_edit"):
        return reverse(name, args=[finding.pk])
    return reverse(name)


def test_every_reports_page_is_in_the_permission_table():
    names = {f"reports:{p.name}" for p in get_resolver().namespace_dict["reports"][1].url_patterns}
    assert names == set(PAGES)


@pytest.mark.parametrize("name", sorted(PAGES))
@pytest.mark.parametrize("person", PEOPLE)
def test_each_role_gets_what_it_should(client, people, name, person):
    interview = make_quoted_interview()
    finding = Finding.objects.create(statement="Slow onboarding loses renewals", audiences=["cs"],
                                     status=Finding.Status.PUBLISHED)
    method, query, expected = PAGES[name]
    client.login(username=people[person].username, password=PASSWORD)
    response = getattr(client, method)(_url(name, interview, finding) + query)
    assert response.status_code == expected[person]
    if expected[person] == 404:
        assert b"Slow onboarding" not in response.content and b"Coppercombe" not in response.content


@pytest.mark.parametrize("name", sorted(PAGES))
def test_anonymous_visitors_are_sent_to_log_in(client, db, name):
    interview = make_quoted_interview()
    finding = Finding.objects.create(statement="x", audiences=["cs"], status=Finding.Status.PUBLISHED)
    method, query, _ = PAGES[name]
    response = getattr(client, method)(_url(name, interview, finding) + query)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("person", ["interviewer", "stakeholder"])
def test_readers_cannot_open_a_draft_finding(client, people, person):
    draft = Finding.objects.create(statement="Not yet checked", audiences=["exec"])
    client.login(username=people[person].username, password=PASSWORD)
    assert client.get(reverse("reports:finding", args=[draft.pk])).status_code == 404
    assert b"Not yet checked" not in client.get(reverse("reports:findings")).content


def test_an_external_interviewer_opens_the_summary_of_their_own_interview(client, people):
    interview = make_quoted_interview(interviewer=people["external"])
    client.login(username=people["external"].username, password=PASSWORD)
    response = client.get(reverse("reports:interview_summary", args=[interview.pk]))
    assert response.status_code == 200
    assert "Zoë Hartmann" in response.content.decode()  # they held the interview, so they heard the name
