"""Emails to buyers: invitations, reminders and calendar invitations, rendered from the program's templates; and
opt-outs. Every email to a buyer goes through `deliver`, which checks the opt-out list at the moment of sending
and logs what was sent as a Message."""

from __future__ import annotations

import logging
import smtplib
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.template import Context, Engine, TemplateDoesNotExist, TemplateSyntaxError
from django.template.loader import render_to_string
from django.utils import timezone

from winloss.core.calendar import MIMETYPE, Person, meeting_request
from winloss.interviews.models import NEXT_STAGES, Interview, Stage
from winloss.program.models import Message, OptOut, ProgramSettings, SurveyLink
from winloss.program.surveys import create_survey_link, public_url, survey_url

log = logging.getLogger(__name__)

OPT_OUT_SALT = "winloss.program.opt-out"
EMAILS = Engine()
# An interview the buyer's opt-out ends: any that may still become opted out.
OPEN_STAGES = frozenset(stage for stage, after in NEXT_STAGES.items() if Stage.OPTED_OUT in after)
SEND_ERRORS = (smtplib.SMTPException, OSError)


class TemplateError(ValueError):
    """An invitation template that Django's template engine cannot read."""


class ScheduleError(ValueError):
    """A call that cannot be scheduled (no buyer address, or the buyer opted out)."""


@dataclass(frozen=True)
class Draft:
    """One email as it would go out."""

    to: str
    subject: str
    body: str


@dataclass
class BatchResult:
    sent: list[Interview] = field(default_factory=list)
    opted_out: list[Interview] = field(default_factory=list)
    skipped: list[Interview] = field(default_factory=list)
    failed: list[tuple[Interview, str]] = field(default_factory=list)


# Links in emails


def opt_out_token(email: str) -> str:
    return signing.dumps(email.strip().lower(), salt=OPT_OUT_SALT)


def email_from_token(token: str) -> str | None:
    """The address an opt-out token was made for; None for a token we did not sign (or one altered)."""
    try:
        return signing.loads(token, salt=OPT_OUT_SALT)
    except signing.BadSignature:
        return None


def opt_out_url(email: str) -> str:
    return public_url("program:opt_out", opt_out_token(email))


# Rendering


def check_template(source: str) -> None:
    try:
        EMAILS.from_string(source)
    except TemplateSyntaxError as error:
        raise TemplateError(str(error)) from None


def render(source: str, context: dict[str, object]) -> str:
    try:
        # Plain-text emails: a buyer named O'Brien must not arrive as O&#x27;Brien.
        return plain(EMAILS.from_string(source).render(Context(context, autoescape=False)))
    except (TemplateSyntaxError, TemplateDoesNotExist) as error:  # an {% include %}: emails have no template folder
        raise TemplateError(str(error)) from None


def plain(text: str) -> str:
    """Drop the "safe for HTML" mark Django's templates put on what they render: an email's text is not HTML,
    and a page that shows it must escape it."""
    return str.__str__(text)


def interviewer_name(interview: Interview) -> str:
    if interview.interviewer:
        return interview.interviewer.get_full_name() or interview.interviewer.username
    return interview.interviewer_name or "an independent interviewer"


def draft(interview: Interview, subject: str, body: str) -> Draft:
    """The email to the interview's buyer from these templates (the program's, or a batch's edited ones)."""
    program = ProgramSettings.current()
    email = buyer_email(interview)
    context = {
        "deal": interview.deal, "contact": interview.contact, "company": program.company,
        "interviewer_name": interviewer_name(interview), "incentive": program.incentive,
        "survey_url": survey_url(create_survey_link(interview, timezone.now())), "opt_out_url": opt_out_url(email),
    }
    # A header cannot hold a line break.
    return Draft(to=email, subject=" ".join(render(subject, context).split()), body=render(body, context))


def buyer_email(interview: Interview) -> str:
    return interview.contact.email.strip() if interview.contact else ""


# Sending


def is_opted_out(email: str) -> bool:
    return OptOut.objects.filter(email=email.strip().lower()).exists()


def deliver(interview: Interview, kind: str, email: Draft, *, by: object = None,
            attachment: bytes | None = None) -> Message | None:
    """Send the email about `interview` and log it. A buyer who opted out is not emailed: the interview moves to
    opted out instead and the answer is None."""
    if is_opted_out(email.to):
        honour_opt_out(interview)
        return None
    return send(interview, kind, email, by=by, attachment=attachment)


def send(interview: Interview, kind: str, email: Draft, *, by: object = None,
         attachment: bytes | None = None) -> Message:
    """Send and log without the opt-out check: for our own people (an interviewer's copy), never for a buyer."""
    reply_to = ProgramSettings.current().reply_to
    message = EmailMessage(email.subject, email.body, to=[email.to], reply_to=[reply_to] if reply_to else None)
    if attachment is not None:
        message.attach("interview.ics", attachment.decode(), MIMETYPE)
    message.send()
    return Message.objects.create(kind=kind, interview=interview, deal=interview.deal, to=email.to,
                                  subject=email.subject, body=email.body, sent_by=by)


def honour_opt_out(interview: Interview) -> None:
    if interview.stage in OPEN_STAGES:
        interview.move(Stage.OPTED_OUT, note="The buyer had opted out; nothing was sent")


def locked(pk: int) -> Interview:
    """The interview, re-read and locked until the transaction ends, so two senders never both send."""
    return (Interview.objects.select_for_update(of=("self",))
            .select_related("deal", "deal__account", "contact", "interviewer").get(pk=pk))


def send_invitations(interviews: list[Interview], subject: str, body: str, *, by: object) -> BatchResult:
    """Invite each proposed interview's buyer with these templates; each invited interview moves to invited."""
    check_template(subject)
    check_template(body)
    result = BatchResult()
    for pk in [interview.pk for interview in interviews]:
        try:
            _invite(pk, subject, body, by, result)
        except SEND_ERRORS as error:
            result.failed.append((Interview.objects.get(pk=pk), str(error)))
    return result


def _invite(pk: int, subject: str, body: str, by: object, result: BatchResult) -> None:
    with transaction.atomic():
        interview = locked(pk)
        if interview.stage != Stage.PROPOSED or not buyer_email(interview):
            result.skipped.append(interview)
            return
        if deliver(interview, Message.Kind.INVITATION, draft(interview, subject, body), by=by) is None:
            result.opted_out.append(interview)
            return
        now = timezone.now()
        SurveyLink.objects.filter(interview=interview).update(
            expires_at=now + timedelta(days=ProgramSettings.current().survey_valid_days))
        interview.invited_at = now
        interview.save(update_fields=["invited_at"])
        interview.move(Stage.INVITED, by=by)
        result.sent.append(interview)


# Scheduled work (see tick.py)


def send_reminders(now: datetime) -> int:
    """Remind, once, each buyer invited `reminder_after_days` ago who has not answered, while their invitation is
    still inside its no-response window."""
    program = ProgramSettings.current()
    due = Interview.objects.filter(
        stage=Stage.INVITED, reminded_at__isnull=True,
        invited_at__lte=now - timedelta(days=program.reminder_after_days),
        invited_at__gt=now - timedelta(days=program.no_response_after_days))
    sent = 0
    for pk in due.values_list("pk", flat=True):
        try:
            sent += _remind(pk, now, program)
        except SEND_ERRORS as error:
            log.warning("reminder for interview %s not sent: %s", pk, error)
    return sent


def _remind(pk: int, now: datetime, program: ProgramSettings) -> int:
    with transaction.atomic():
        interview = locked(pk)
        if interview.stage != Stage.INVITED or interview.reminded_at is not None:
            return 0
        interview.reminded_at = now
        interview.save(update_fields=["reminded_at"])
        email = draft(interview, program.reminder_subject, program.reminder_body)
        return int(deliver(interview, Message.Kind.REMINDER, email) is not None)


def mark_no_response(now: datetime) -> int:
    """Move invitations unanswered for `no_response_after_days` to no response."""
    days = ProgramSettings.current().no_response_after_days
    late = Interview.objects.filter(stage=Stage.INVITED, invited_at__lte=now - timedelta(days=days))
    moved = 0
    for pk in late.values_list("pk", flat=True):
        with transaction.atomic():
            interview = locked(pk)
            if interview.stage == Stage.INVITED:
                interview.move(Stage.NO_RESPONSE, note=f"No answer {days} days after the invitation")
                moved += 1
    return moved


# Opt-out


def opt_out(email: str) -> int:
    """Record the opt-out and end every open interview with this buyer's address; the number ended. Safe to
    repeat."""
    email = email.strip().lower()
    with transaction.atomic():
        OptOut.objects.get_or_create(email=email)
        interviews = Interview.objects.select_for_update().filter(contact__email__iexact=email,
                                                                  stage__in=OPEN_STAGES)
        for interview in interviews:
            interview.move(Stage.OPTED_OUT, note="The buyer opted out")
        return len(interviews)


# Calendar invitations


def schedule(interview: Interview, start: datetime, minutes: int, *, by: object) -> None:
    """Set the call's time and send the buyer and the interviewer a calendar invitation. A new time for the same
    interview updates the same calendar event (same UID, higher SEQUENCE). Raises StageError when the interview
    cannot be scheduled from its stage, ScheduleError when the buyer cannot be emailed."""
    email = buyer_email(interview)
    if not email:
        raise ScheduleError("The buyer has no email address to send the calendar invitation to.")
    if not _schedule(interview.pk, start, minutes, by):
        raise ScheduleError(f"{email} opted out of being contacted; the interview is now opted out.")


def _schedule(pk: int, start: datetime, minutes: int, by: object) -> bool:
    with transaction.atomic():
        interview = locked(pk)
        if is_opted_out(buyer_email(interview)):
            honour_opt_out(interview)
            return False
        interview.move(Stage.SCHEDULED, by=by, note=f"{start.astimezone(UTC):%Y-%m-%d %H:%M} UTC, {minutes} minutes")
        interview.scheduled_for = start
        interview.save(update_fields=["scheduled_for"])
        sequence = interview.events.filter(after=Stage.SCHEDULED).count() - 1
        ics = calendar_invitation(interview, start, start + timedelta(minutes=minutes), sequence)
        subject = f"{'Updated: ' if sequence else ''}Interview on {start.astimezone(UTC):%d %b %Y %H:%M} UTC"
        body = plain(render_to_string("program/emails/schedule.txt", {
            "interview": interview, "start": start, "minutes": minutes, "updated": sequence > 0,
            "interviewer_name": interviewer_name(interview), "company": ProgramSettings.current().company}))
        deliver(interview, Message.Kind.SCHEDULE, Draft(buyer_email(interview), subject, body), by=by, attachment=ics)
        if interview.interviewer and interview.interviewer.email:
            send(interview, Message.Kind.SCHEDULE, Draft(interview.interviewer.email, subject, body), by=by,
                 attachment=ics)
        return True


def calendar_invitation(interview: Interview, start: datetime, end: datetime, sequence: int) -> bytes:
    program = ProgramSettings.current()
    host = urlsplit(settings.BASE_URL).hostname or "winloss"
    buyer = Person(interview.contact.name, buyer_email(interview))
    interviewer = (Person(interviewer_name(interview), interview.interviewer.email)
                   if interview.interviewer and interview.interviewer.email else None)
    organizer = interviewer or Person(program.company, program.reply_to or settings.DEFAULT_FROM_EMAIL)
    about = interview.deal.account.name if interview.deal.account else interview.deal.name
    return meeting_request(
        uid=f"interview-{interview.pk}@{host}", sequence=sequence, start=start, end=end,
        summary=f"Interview: your view on the {about} decision",
        description=f"A confidential conversation with {interviewer_name(interview)} about your decision.",
        organizer=organizer, attendees=[buyer, *([interviewer] if interviewer else [])], stamp=timezone.now())


# Stage changes from the interview page


MARKABLE = (Stage.DECLINED, Stage.COMPLETED, Stage.NO_RESPONSE)


def mark(interview: Interview, stage: str, *, by: object) -> None:
    """Record the buyer declined, the call was held, or no answer came; raises StageError when the stage may
    not follow the current one. A call held without a date takes today's (or its scheduled day). The interview
    passed in is brought up to date."""
    with transaction.atomic():
        current = locked(interview.pk)
        current.move(stage, by=by)
        if stage == Stage.COMPLETED and current.date is None:
            current.date = timezone.localdate(current.scheduled_for or timezone.now())
            current.save(update_fields=["date"])
    interview.refresh_from_db()


