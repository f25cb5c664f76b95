"""The owner previews the batch of invitations, edits it, and approves it; nothing goes out before, and a buyer who
opted out is never emailed."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from tests.factory import PASSWORD
from tests.program.invitation_factory import make_proposed, set_up_program
from winloss.interviews.models import Stage, StageEvent
from winloss.program import invitations
from winloss.program.models import Message, OptOut, ProgramSettings, SurveyLink

NOW = "2026-09-01 09:00Z"



@pytest.fixture
def owner_client(client, people):
    set_up_program()
    client.login(username=people["owner"].username, password=PASSWORD)
    return client


def _send(client, interviews, **edits):
    program = ProgramSettings.current()
    data = {"subject": program.invitation_subject, "body": program.invitation_body,
            "interviews": [i.pk for i in interviews], **edits}
    return client.post(reverse("program:invitations_send"), data)


def test_the_preview_shows_each_email_as_it_would_go_out_and_sends_nothing(owner_client, people):
    pat = make_proposed(people["interviewer"])
    kim = make_proposed(people["interviewer"], name="Kim Lee", email="kim@globex.example", account="Globex")
    response = owner_client.get(reverse("program:invitations"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Your view on the Acme Ltd decision" in page and "Your view on the Globex decision" in page
    assert "Hello Pat O&#x27;Brien," in page and "Hello Kim Lee," in page
    assert "Northwind Analytics recently learned of your decision" in page
    assert "a $50 donation to a charity you choose" in page
    assert mail.outbox == []
    assert Message.objects.count() == 0
    pat.refresh_from_db()
    kim.refresh_from_db()
    assert (pat.stage, kim.stage) == (Stage.PROPOSED, Stage.PROPOSED)


def test_the_preview_is_exactly_the_email_that_goes_out(owner_client, people):
    pat = make_proposed(people["interviewer"])
    page = owner_client.get(reverse("program:invitations")).content.decode()
    _send(owner_client, [pat])
    sent = mail.outbox[0]
    token = SurveyLink.objects.get(interview=pat).token
    assert token in page and token in sent.body
    assert invitations.opt_out_token("pat@acme.example") in page


@time_machine.travel(NOW, tick=False)
def test_approving_sends_the_ticked_invitations_and_moves_them_to_invited(owner_client, people):
    pat = make_proposed(people["interviewer"])
    kim = make_proposed(people["interviewer"], name="Kim Lee", email="kim@globex.example", account="Globex")
    response = _send(owner_client, [pat])
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["pat@acme.example"]
    assert sent.reply_to == ["winloss@northwind.example"]
    assert sent.subject == "Your view on the Acme Ltd decision"
    assert sent.body.startswith("Hello Pat O'Brien,\n")
    assert "The conversation is with ian_interviewer, who was not part of the sales team" in sent.body
    link = SurveyLink.objects.get(interview=pat)
    assert link.expires_at == timezone.now() + timedelta(days=21)
    try:
        assert reverse("program:survey", args=[link.token]) in sent.body
    except NoReverseMatch:
        assert link.token in sent.body
    opt_out_path = reverse("program:opt_out", args=[invitations.opt_out_token("pat@acme.example")])
    assert f"http://127.0.0.1:8000{opt_out_path}" in sent.body

    pat.refresh_from_db()
    kim.refresh_from_db()
    assert pat.stage == Stage.INVITED and pat.invited_at == timezone.now()
    assert kim.stage == Stage.PROPOSED and kim.invited_at is None
    event = StageEvent.objects.get(interview=pat)
    assert (event.before, event.after, event.by) == (Stage.PROPOSED, Stage.INVITED, people["owner"])
    message = Message.objects.get()
    assert (message.kind, message.to, message.interview, message.deal, message.sent_by) == (
        Message.Kind.INVITATION, "pat@acme.example", pat, pat.deal, people["owner"])
    assert (message.subject, message.body) == (sent.subject, sent.body)


def test_an_edited_subject_and_body_go_out_for_this_batch_only(owner_client, people):
    pat = make_proposed(people["interviewer"])
    _send(owner_client, [pat], subject="A question for you, {{ contact.name }}",
          body="Dear {{ contact.name }}, about {{ deal.name }}.\nOpt out: {{ opt_out_url }}")
    sent = mail.outbox[0]
    assert sent.subject == "A question for you, Pat O'Brien"
    assert sent.body.startswith(f"Dear Pat O'Brien, about {pat.deal.name}.\nOpt out: http://127.0.0.1:8000/program/")
    assert ProgramSettings.current().invitation_subject.startswith("Your view on the")


def test_editing_re_renders_the_preview_with_htmx_or_without_javascript(owner_client, people):
    pat = make_proposed(people["interviewer"])
    data = {"subject": "Hi {{ contact.name }}", "body": "Edited for {{ deal.account.name }}", "interviews": [pat.pk]}
    full = owner_client.post(reverse("program:invitations"), data)
    assert full.status_code == 200 and b"<html" in full.content and b"Edited for Acme Ltd" in full.content
    fragment = owner_client.post(reverse("program:invitations"), data, HTTP_HX_REQUEST="true")
    assert fragment.status_code == 200 and b"<html" not in fragment.content
    assert b"Edited for Acme Ltd" in fragment.content and b"Hi Pat O&#x27;Brien" in fragment.content
    assert mail.outbox == []


def test_a_deselected_interview_stays_unticked_in_the_re_rendered_preview(owner_client, people):
    pat = make_proposed(people["interviewer"])
    kim = make_proposed(people["interviewer"], name="Kim Lee", email="kim@globex.example", account="Globex")
    data = {"subject": "Hi", "body": "Text", "interviews": [kim.pk]}
    page = owner_client.post(reverse("program:invitations"), data).content.decode()
    assert f'value="{kim.pk}" checked' in page
    assert f'value="{pat.pk}" >' in page


def test_a_template_that_cannot_be_read_is_explained_and_nothing_is_sent(owner_client, people):
    pat = make_proposed(people["interviewer"])
    response = _send(owner_client, [pat], body="Hello {% if %}")
    assert response.status_code == 400
    assert b"This template cannot be read" in response.content
    assert mail.outbox == []
    pat.refresh_from_db()
    assert pat.stage == Stage.PROPOSED


def test_approving_with_nothing_ticked_sends_nothing(owner_client, people):
    make_proposed(people["interviewer"])
    response = _send(owner_client, [])
    assert response.status_code == 400
    assert b"Select at least one invitation." in response.content
    assert mail.outbox == []


def test_a_buyer_who_opted_out_after_the_preview_is_not_emailed(owner_client, people):
    pat = make_proposed(people["interviewer"])
    owner_client.get(reverse("program:invitations"))
    OptOut.objects.create(email="PAT@acme.example")
    response = _send(owner_client, [pat])
    assert response.status_code == 302
    assert mail.outbox == []
    assert Message.objects.count() == 0
    pat.refresh_from_db()
    assert pat.stage == Stage.OPTED_OUT
    assert StageEvent.objects.get(interview=pat).after == Stage.OPTED_OUT


def test_the_preview_says_which_buyers_will_not_be_sent_to(owner_client, people):
    make_proposed(people["interviewer"], email="")
    make_proposed(people["interviewer"], name="Kim Lee", email="kim@globex.example", account="Globex")
    OptOut.objects.create(email="kim@globex.example")
    page = owner_client.get(reverse("program:invitations")).content.decode()
    assert "The buyer has no email address we can use." in page
    assert "kim@globex.example opted out: it will not be sent." in page
    assert 'type="checkbox"' not in page


def test_an_interview_already_invited_is_not_invited_twice(owner_client, people):
    pat = make_proposed(people["interviewer"])
    _send(owner_client, [pat])
    assert _send(owner_client, [pat]).status_code == 400
    result = invitations.send_invitations([pat], "Hi", "Text", by=people["owner"])
    assert result.skipped == [(pat, "no longer waiting for an invitation")] and result.sent == []
    assert len(mail.outbox) == 1


def test_a_mail_server_that_cannot_be_reached_leaves_the_interview_proposed(owner_client, people, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 2
    pat = make_proposed(people["interviewer"])
    response = _send(owner_client, [pat])
    assert response.status_code == 302
    page = owner_client.get(response["Location"]).content.decode()
    assert "Could not send to pat@acme.example" in page
    pat.refresh_from_db()
    assert pat.stage == Stage.PROPOSED and pat.invited_at is None
    assert Message.objects.count() == 0


def test_the_health_response_rate_counts_interviews_that_were_invited_by_outcome(people):
    from winloss.program.health import quarter_health

    stages = [(Stage.SCHEDULED, "lost"), (Stage.CODED, "lost"), (Stage.DECLINED, "lost"), (Stage.INVITED, "lost"),
              (Stage.NO_RESPONSE, "won"), (Stage.COMPLETED, "won")]
    for n, (stage, outcome) in enumerate(stages):
        interview = make_proposed(None, email=f"b{n}@x.example", outcome=outcome, stage=stage)
        interview.invited_at = timezone.now()
        interview.save()
    never = make_proposed(None, email="never@x.example", stage=Stage.COMPLETED)  # a transcript upload, not invited
    rates = quarter_health(never.deal.quarter).response
    assert (rates["lost"].hits, rates["lost"].n) == (2, 3)
    assert (rates["won"].hits, rates["won"].n) == (1, 2)
    assert (rates["all"].hits, rates["all"].n) == (3, 5)


def test_the_preview_escapes_what_the_crm_put_in_a_name(owner_client, people):
    make_proposed(people["interviewer"], name="<script>alert(1)</script>")
    page = owner_client.get(reverse("program:invitations")).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "Hello &lt;script&gt;alert(1)&lt;/script&gt;," in page


def test_a_template_that_includes_a_file_is_refused_in_the_preview(owner_client, people):
    make_proposed(people["interviewer"])
    data = {"subject": "Hi", "body": '{% include "base.html" %}'}
    page = owner_client.post(reverse("program:invitations"), data).content.decode()
    assert "The template cannot be rendered: base.html" in page


def test_approving_a_template_that_fails_to_render_sends_nothing(owner_client, people):
    pat = make_proposed(people["interviewer"])
    response = _send(owner_client, [pat], body='{% include "base.html" %}')
    page = owner_client.get(response["Location"]).content.decode()
    assert "Could not send to pat@acme.example: the template cannot be rendered: base.html" in page
    assert mail.outbox == []
    pat.refresh_from_db()
    assert pat.stage == Stage.PROPOSED
