"""The opt-out link works without login, asks before acting (a mail scanner opening it opts no one out), ends every
open request to that address, and is honoured by every later email."""

from __future__ import annotations

import re

import pytest
from django.core import mail, signing
from django.urls import reverse

from tests.factory import PASSWORD
from tests.program.invitation_factory import make_proposed, set_up_program
from winloss.interviews.models import Stage, StageEvent
from winloss.program import invitations
from winloss.program.models import OptOut


@pytest.fixture
def pat(people):
    set_up_program()
    return make_proposed(people["interviewer"], stage=Stage.INVITED)


def _url(email: str) -> str:
    return reverse("program:opt_out", args=[invitations.opt_out_token(email)])


def test_opening_the_link_asks_first_and_changes_nothing(client, pat):
    response = client.get(_url("pat@acme.example"))
    assert response.status_code == 200
    assert b"pat@acme.example" in response.content and b"Yes, stop all requests" in response.content
    assert not OptOut.objects.exists()
    pat.refresh_from_db()
    assert pat.stage == Stage.INVITED


def test_confirming_ends_every_open_request_to_that_address(client, people, pat):
    elsewhere = make_proposed(None, email="Pat@ACME.example", account="Acme Group")
    scheduled = make_proposed(None, email="pat@acme.example", account="Acme Inc", stage=Stage.SCHEDULED)
    held = make_proposed(None, email="pat@acme.example", account="Acme GmbH", stage=Stage.COMPLETED)
    someone_else = make_proposed(None, email="kim@acme.example", account="Acme SA")
    response = client.post(_url("pat@acme.example"))
    assert response.status_code == 200 and b"We will not contact" in response.content
    assert list(OptOut.objects.values_list("email", flat=True)) == ["pat@acme.example"]
    for interview in (pat, elsewhere, scheduled):
        interview.refresh_from_db()
        assert interview.stage == Stage.OPTED_OUT
        event = StageEvent.objects.get(interview=interview)
        assert (event.after, event.by, event.note) == (Stage.OPTED_OUT, None, "The buyer opted out")
    held.refresh_from_db()
    someone_else.refresh_from_db()
    assert (held.stage, someone_else.stage) == (Stage.COMPLETED, Stage.PROPOSED)


def test_using_the_link_again_is_harmless(client, pat):
    client.post(_url("pat@acme.example"))
    again = client.post(_url("pat@acme.example"))
    assert again.status_code == 200
    assert OptOut.objects.count() == 1
    assert StageEvent.objects.filter(interview=pat).count() == 1


@pytest.mark.parametrize("token", [
    "tampered",
    signing.dumps("pat@acme.example"),  # signed, but not as an opt-out
])
def test_a_link_we_did_not_make_gets_a_clear_page_and_changes_nothing(client, pat, token):
    for method in ("get", "post"):
        response = getattr(client, method)(reverse("program:opt_out", args=[token]))
        assert response.status_code == 400
        assert b"This link is not recognised" in response.content
    assert not OptOut.objects.exists()


def test_an_altered_link_changes_nothing(client, pat):
    token = invitations.opt_out_token("pat@acme.example")
    value, rest = token.split(":", 1)
    forged = signing.b64_encode(b'"kim@acme.example"').decode() + ":" + rest
    assert client.post(reverse("program:opt_out", args=[forged])).status_code == 400
    assert not OptOut.objects.exists()


def test_the_link_in_an_invitation_opts_the_buyer_out(client, people):
    set_up_program()
    proposed = make_proposed(people["interviewer"])
    client.login(username=people["owner"].username, password=PASSWORD)
    client.post(reverse("program:invitations_send"), {"subject": "Hi", "body": "Stop: {{ opt_out_url }}",
                                                      "interviews": [proposed.pk]})
    client.logout()
    path = re.search(r"http://127.0.0.1:8000(\S+)", mail.outbox[0].body).group(1)
    assert client.post(path).status_code == 200
    proposed.refresh_from_db()
    assert proposed.stage == Stage.OPTED_OUT


def test_after_opting_out_the_buyer_is_not_invited_on_another_deal(client, people, pat):
    client.post(_url("pat@acme.example"))
    later = make_proposed(people["interviewer"], account="Acme Holdings")
    result = invitations.send_invitations([later], "Hi", "Text", by=people["owner"])
    assert result.opted_out == [later] and result.sent == []
    assert mail.outbox == []
