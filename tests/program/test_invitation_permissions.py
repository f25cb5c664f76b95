"""Every invitations and scheduling page checks permissions: each role gets what it should, the outsider nothing.
The interview here is assigned to the internal interviewer, so the external interviewer does not see it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factory import PASSWORD
from tests.program.invitation_factory import make_proposed, set_up_program
from winloss.interviews.models import Stage
from winloss.program import invitations
from winloss.program.views import invitations as views

OWNER_ONLY = {"owner": 200, "analyst": 403, "interviewer": 403, "stakeholder": 403, "external": 403, "outsider": 404}
READS_STAGE = {"owner": 200, "analyst": 200, "interviewer": 200, "stakeholder": 403, "external": 404,
               "outsider": 404}
ARRANGES = {**READS_STAGE, "owner": 302, "analyst": 302, "interviewer": 302}
PUBLIC = dict.fromkeys(OWNER_ONLY, 200)

# url name -> (method, expected status per person). POSTs that succeed redirect (302).
PAGES = {
    "program:invitations": ("get", OWNER_ONLY),
    "program:invitations_send": ("post", {**OWNER_ONLY, "owner": 302}),
    "program:interview_stage": ("get", READS_STAGE),
    "program:interview_schedule": ("post", ARRANGES),
    "program:interview_mark": ("post", ARRANGES),
    "program:opt_out": ("get", PUBLIC),
}



def _request(client, name, people):
    set_up_program()
    interview = make_proposed(people["interviewer"], stage=Stage.INVITED)
    proposed = make_proposed(people["interviewer"], account="Globex", email="kim@globex.example")
    args, data = {
        "program:invitations": ([], {}),
        "program:invitations_send": ([], {"subject": "Hi", "body": "Text", "interviews": [proposed.pk]}),
        "program:interview_stage": ([interview.pk], {}),
        "program:interview_schedule": ([interview.pk], {"when": "2099-09-01T14:00", "minutes": 45}),
        "program:interview_mark": ([interview.pk], {"stage": Stage.DECLINED}),
        "program:opt_out": ([invitations.opt_out_token("pat@acme.example")], {}),
    }[name]
    method, _ = PAGES[name]
    return getattr(client, method)(reverse(name, args=args), data), interview


def test_every_page_of_the_area_is_in_the_permission_table():
    assert {f"program:{p.name}" for p in views.urlpatterns} == set(PAGES)


@pytest.mark.parametrize("name", sorted(PAGES))
@pytest.mark.parametrize("person", sorted(OWNER_ONLY))
def test_each_role_gets_what_it_should(client, people, name, person):
    client.login(username=people[person].username, password=PASSWORD)
    response, interview = _request(client, name, people)
    assert response.status_code == PAGES[name][1][person]
    if response.status_code == 404:
        assert interview.deal.name.encode() not in response.content
        assert b"Acme" not in response.content


@pytest.mark.parametrize("name", sorted(set(PAGES) - {"program:opt_out"}))
def test_anonymous_visitors_are_sent_to_log_in(client, people, name):
    response, _ = _request(client, name, people)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_opt_out_page_needs_no_login(client, people):
    response, _ = _request(client, "program:opt_out", people)
    assert response.status_code == 200


def test_an_external_interviewer_sees_their_own_assignment(client, people):
    set_up_program()
    theirs = make_proposed(people["external"], stage=Stage.INVITED)
    client.login(username=people["external"].username, password=PASSWORD)
    assert client.get(reverse("program:interview_stage", args=[theirs.pk])).status_code == 200


def test_every_program_page_belongs_to_an_area_whose_permission_table_covers_it():
    from django.urls import get_resolver

    from winloss.program.views import health, invitations, queue, settings, surveys

    areas = [health, invitations, queue, settings, surveys]  # each area's tests check its own table
    names = {p.name for p in get_resolver().namespace_dict["program"][1].url_patterns}
    assert names == {p.name for area in areas for p in area.urlpatterns}
