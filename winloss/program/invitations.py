"""Emails to buyers: invitations, reminders and calendar invitations, rendered from the program's templates; and
opt-outs. Every email to a buyer goes through `outgoing_to_buyer`, which checks the opt-out list at the moment of
sending and logs the email as a Message. Each email is sent last, inside the transaction that made its database
writes: a failed write sends nothing, and a failed send undoes the writes."""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.core.validators import validate_email
from django.db import DatabaseError, transaction
from django.template import Context, Engine, TemplateDoesNotExist, TemplateSyntaxError, VariableDoesNotExist
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
# What one item of a batch or a scheduled job may fail with, without stopping the others: a bad address or header
# (BadHeaderError is a ValueError), a template that cannot be rendered (TemplateError too), the mail server, or the
# database (the item's transaction is rolled back, so the next one starts clean).
ITEM_ERRORS = (ValueError, smtplib.SMTPException, OSError, DatabaseError)


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
    skipped: list[tuple[Interview, str]] = field(default_factory=list)  # with why
    failed: list[tuple[Interview, str]] = field(default_factory=list)  # with the error


@dataclass
class JobResult:
    """What a scheduled job did: how many items, and one line for each item that failed."""

    done: int = 0
    failed: list[str] = field(default_factory=list)


def each(pks: Iterable[int], what: str, job: Callable[[int], int]) -> JobResult:
    """Run `job` on each item (an interview or a deal, named by `what`); an item that fails is logged and reported,
    and the next one still runs."""
    result = JobResult()
    for pk in list(pks):
        try:
            result.done += job(pk)
        except ITEM_ERRORS as error:
            log.exception("%s %s failed", what, pk)
            result.failed.append(f"{what} {pk}: {error}")
    return result


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
    """Raise TemplateError when the emails' engine cannot read `source`: the one check for the program settings'
    texts and a batch's edited ones."""
    try:
        EMAILS.from_string(source)
    except TemplateSyntaxError as error:
        raise TemplateError(str(error)) from None


def render(source: str, context: dict[str, object]) -> str:
    """Render an email text with the one engine the emails use (Django's built-in tags and filters only)."""
    try:
        # Plain-text emails: a buyer named O'Brien must not arrive as O&#x27;Brien.
        return plain(EMAILS.from_string(source).render(Context(context, autoescape=False)))
    # An {% include %} (emails have no template folder), or a filter's argument naming no field.
    except (TemplateSyntaxError, TemplateDoesNotExist, VariableDoesNotExist) as error:
        raise TemplateError(str(error)) from None


def plain(text: str) -> str:
    """Drop the "safe for HTML" mark Django's templates put on what they render: an email's text is not HTML,
    and a page that shows it must escape it."""
    return str.__str__(text)


def one_line(text: str) -> str:
    """A header cannot hold a line break: a subject built from CRM data is made one line."""
    return " ".join(text.split())


def is_address(text: str) -> bool:
    try:
        validate_email(text)
    except ValidationError:
        return False
    return True


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
    return Draft(to=email, subject=one_line(render(subject, context)), body=render(body, context))


def buyer_email(interview: Interview) -> str:
    """The buyer's address; empty when there is none we can email (a typo, a line break, two addresses)."""
    email = interview.contact.email.strip() if interview.contact else ""
    return email if is_address(email) else ""


# Sending


def is_opted_out(email: str) -> bool:
    return OptOut.objects.filter(email=email.strip().lower()).exists()


def outgoing_to_buyer(interview: Interview, kind: str, email: Draft, *, by: object = None,
                      attachment: bytes | None = None) -> EmailMessage | None:
    """Log the email about `interview` and return it for the caller to send last. A buyer who opted out is not
    emailed: the interview moves to opted out instead and the answer is None."""
    if is_opted_out(email.to):
        honour_opt_out(interview)
        return None
    return outgoing(interview, kind, email, by=by, attachment=attachment)


def outgoing(interview: Interview, kind: str, email: Draft, *, by: object = None,
             attachment: bytes | None = None) -> EmailMessage:
    """Log without the opt-out check: for our own people (an interviewer's copy), never for a buyer. The caller
    sends the answer as the last step of its transaction."""
    Message.objects.create(kind=kind, interview=interview, deal=interview.deal, to=email.to, subject=email.subject,
                           body=email.body, sent_by=by)
    reply_to = ProgramSettings.current().reply_to
    message = EmailMessage(email.subject, email.body, to=[email.to], reply_to=[reply_to] if reply_to else None)
    if attachment is not None:
        message.attach("interview.ics", attachment.decode(), MIMETYPE)
    return message


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
        except ITEM_ERRORS as error:
            log.exception("invitation for interview %s not sent", pk)
            why = f"the template cannot be rendered: {error}" if isinstance(error, TemplateError) else str(error)
            result.failed.append((Interview.objects.select_related("contact").get(pk=pk), why))
    return result


def _invite(pk: int, subject: str, body: str, by: object, result: BatchResult) -> None:
    with transaction.atomic():
        interview = locked(pk)
        if interview.stage != Stage.PROPOSED:
            result.skipped.append((interview, "no longer waiting for an invitation"))
            return
        if not buyer_email(interview):
            result.skipped.append((interview, "the buyer has no email address we can use"))
            return
        message = outgoing_to_buyer(interview, Message.Kind.INVITATION, draft(interview, subject, body), by=by)
        if message is None:
            result.opted_out.append(interview)
            return
        now = timezone.now()
        SurveyLink.objects.filter(interview=interview).update(
            expires_at=now + timedelta(days=ProgramSettings.current().survey_valid_days))
        interview.invited_at = now
        interview.save(update_fields=["invited_at"])
        interview.move(Stage.INVITED, by=by)
        message.send()
    result.sent.append(interview)


# Scheduled work (see tick.py)


def send_reminders(now: datetime) -> JobResult:
    """Remind, once, each buyer invited `reminder_after_days` ago who has not answered, while their invitation is
    still inside its no-response window."""
    program = ProgramSettings.current()
    due = Interview.objects.filter(
        stage=Stage.INVITED, reminded_at__isnull=True,
        invited_at__lte=now - timedelta(days=program.reminder_after_days),
        invited_at__gt=now - timedelta(days=program.no_response_after_days))
    return each(due.values_list("pk", flat=True), "interview", lambda pk: _remind(pk, now, program))


def _remind(pk: int, now: datetime, program: ProgramSettings) -> int:
    with transaction.atomic():
        interview = locked(pk)
        if interview.stage != Stage.INVITED or interview.reminded_at is not None:
            return 0
        if not buyer_email(interview):
            raise ValueError("the buyer has no email address we can use; not reminded")
        interview.reminded_at = now
        interview.save(update_fields=["reminded_at"])
        email = draft(interview, program.reminder_subject, program.reminder_body)
        message = outgoing_to_buyer(interview, Message.Kind.REMINDER, email)
        if message is None:
            return 0
        message.send()
        return 1


def mark_no_response(now: datetime) -> JobResult:
    """Move invitations unanswered for `no_response_after_days` to no response."""
    days = ProgramSettings.current().no_response_after_days
    late = Interview.objects.filter(stage=Stage.INVITED, invited_at__lte=now - timedelta(days=days))
    return each(late.values_list("pk", flat=True), "interview", lambda pk: _give_up(pk, days))


def _give_up(pk: int, days: int) -> int:
    with transaction.atomic():
        interview = locked(pk)
        if interview.stage != Stage.INVITED:
            return 0
        interview.move(Stage.NO_RESPONSE, note=f"No answer {days} days after the invitation")
        return 1


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
        interview.scheduled_for, interview.scheduled_minutes = start, minutes
        interview.save(update_fields=["scheduled_for", "scheduled_minutes"])
        return send_calendar(interview, by=by)


def send_calendar(interview: Interview, *, by: object) -> bool:
    """Send the buyer and the interviewer the calendar invitation for the interview's scheduled time, the same
    event updated each time (SEQUENCE counts the scheduled stage events before this one). Call it inside the
    transaction that changed the interview, after its writes; False when the buyer has opted out (the interview
    is then opted out and nothing is sent)."""
    start, minutes = interview.scheduled_for, interview.scheduled_minutes
    sequence = interview.events.filter(after=Stage.SCHEDULED).count() - 1
    ics = calendar_invitation(interview, start, start + timedelta(minutes=minutes), sequence)
    subject = f"{'Updated: ' if sequence else ''}Interview on {start.astimezone(UTC):%d %b %Y %H:%M} UTC"
    body = plain(render_to_string("program/emails/schedule.txt", {
        "interview": interview, "start": start, "minutes": minutes, "updated": sequence > 0,
        "interviewer_name": interviewer_name(interview), "company": ProgramSettings.current().company}))
    emails = []
    if address := buyer_email(interview):
        buyer = outgoing_to_buyer(interview, Message.Kind.SCHEDULE, Draft(address, subject, body), by=by,
                                  attachment=ics)
        if buyer is None:
            return False
        emails.append(buyer)
    if interview.interviewer and interview.interviewer.email:
        emails.append(outgoing(interview, Message.Kind.SCHEDULE, Draft(interview.interviewer.email, subject, body),
                               by=by, attachment=ics))
    get_connection().send_messages(emails)
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


