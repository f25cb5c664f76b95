"""Who may review coding: owners and analysts. Interviewers read the page but cannot change its coding, an external
interviewer gets nothing for an interview not theirs, an outsider learns nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factory import PASSWORD
from tests.interviews.review_data import make_coded_interview
from winloss.interviews.models import Code, ReviewEvent

# The interview is not the external interviewer's.
WRITERS = {"owner": 302, "analyst": 302, "interviewer": 403, "stakeholder": 403, "external": 404, "outsider": 404}
PAGES = {
    "interviews:review_code": ("post", WRITERS),
    "interviews:add_code": ("post", WRITERS),
    "interviews:review_quote": ("post", WRITERS),
    "interviews:add_quote": ("post", WRITERS),
    "interviews:reasons": ("post", WRITERS),
    "interviews:mark_reviewed": ("post", WRITERS),
    "interviews:agreement": ("get", {**WRITERS, "owner": 200, "analyst": 200, "external": 403}),
    "interviews:retrain": ("post", {**WRITERS, "external": 403}),
}


def _url(name, interview):
    code = Code.objects.filter(statement__turn__interview=interview).first()
    args = {"interviews:review_code": [interview.pk, code.pk, "reject"],
            "interviews:review_quote": [interview.pk, interview.quotes.first().pk, "drop"],
            "interviews:agreement": [], "interviews:retrain": []}.get(name, [interview.pk])
    return reverse(name, args=args)


@pytest.mark.parametrize("name", sorted(PAGES))
@pytest.mark.parametrize("person", sorted(WRITERS))
def test_each_role_gets_what_it_should(client, people, settings, name, person):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}  # no real retraining
    interview = make_coded_interview()
    method, expected = PAGES[name]
    client.login(username=people[person].username, password=PASSWORD)
    data = {"turn": 1, "start": 0, "end": 4, "theme": "price", "polarity": "negative", "vendor": "us",
            "reason": ["price"]}
    response = getattr(client, method)(_url(name, interview), data if method == "post" else None)
    assert response.status_code == expected[person]
    if expected[person] != 302:
        assert not ReviewEvent.objects.exists()


def test_an_external_interviewer_may_read_their_interview_but_not_review_it(client, people):
    interview = make_coded_interview(interviewer=people["external"])
    client.login(username=people["external"].username, password=PASSWORD)
    page = client.get(reverse("interviews:detail", args=[interview.pk])).content.decode()
    assert "Northwind" in page and "Code a passage" not in page and "Reject" not in page
    assert client.post(_url("interviews:mark_reviewed", interview)).status_code == 403


def test_an_interviewer_sees_the_coding_but_no_review_controls(client, people):
    interview = make_coded_interview()
    client.login(username=people["interviewer"].username, password=PASSWORD)
    page = client.get(reverse("interviews:detail", args=[interview.pk])).content.decode()
    assert 'class="coded theme-price"' in page
    assert "Code a passage" not in page and "/codes/" not in page and "review.js" not in page


def test_an_analyst_sees_review_controls(client, people):
    interview = make_coded_interview()
    client.login(username=people["analyst"].username, password=PASSWORD)
    page = client.get(reverse("interviews:detail", args=[interview.pk])).content.decode()
    assert "Code a passage" in page and "review.js" in page and page.count(">Reject<") == 3
