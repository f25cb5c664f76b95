"""The rep's side: when a deal closes, its rep is asked (once) for what they believe decided it, in a form that
takes under a minute and works without login. Reps' views are later set beside what buyers say."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from winloss.deals.models import Competitor, Deal
from winloss.program.invitations import JobResult, each, one_line
from winloss.program.models import Message, RepView
from winloss.program.surveys import LinkClosed, check_token_row, new_token, public_url

# A deal closed this many days ago or less gets a request, and the rep's link stays open this long.
REP_VIEW_DAYS = 14

REQUEST_SUBJECT = "Under a minute: what decided {deal}?"
REQUEST_BODY = """Hello {rep},

{deal} has closed ({outcome}). While it is fresh, tell us in under a minute what you believe decided it: the main
reason, the main competitor, and how sure you are. We set reps' views beside what buyers tell us.

{url}

The link works for {days} days.
"""


def request_rep_views(now: datetime) -> JobResult:
    """Ask the rep of every deal closed in the last REP_VIEW_DAYS days, who has an email and has not been asked
    yet, for their view. Safe to run again: a deal's rep is asked once."""
    today = timezone.localdate(now)
    deals = (Deal.objects.closed()
             .filter(close_date__range=(today - timedelta(days=REP_VIEW_DAYS), today), rep_view__isnull=True,
                     owner__isnull=False)
             .exclude(owner__email=""))
    return each(deals.values_list("pk", flat=True), "deal", lambda pk: _request(pk, now))


def _request(pk: int, now: datetime) -> int:
    """Claim the deal by creating its RepView (one per deal) and log the email, then send it last: a failed write
    sends nothing, and a failed email undoes both."""
    with transaction.atomic():
        deal = Deal.objects.select_related("owner").get(pk=pk)
        view, created = RepView.objects.get_or_create(
            deal=deal, defaults={"rep": deal.owner, "token": new_token(),
                                 "expires_at": now + timedelta(days=REP_VIEW_DAYS)})
        if not created:
            return 0
        subject = one_line(REQUEST_SUBJECT.format(deal=deal.name))
        body = REQUEST_BODY.format(rep=deal.owner.name, deal=deal.name, outcome=deal.get_outcome_display().lower(),
                                   url=public_url("program:rep_form", view.token), days=REP_VIEW_DAYS)
        Message.objects.create(kind=Message.Kind.REP_FORM, deal=deal, to=deal.owner.email, subject=subject, body=body)
        send_mail(subject, body, None, [deal.owner.email])
    return 1


def open_rep_view(token: str, now: datetime) -> RepView:
    """The rep's view for this token if the rep may answer now; raises LinkClosed otherwise."""
    view = RepView.objects.select_related("deal", "rep").filter(token=token).first()
    check_token_row(view, view.submitted_at if view else None, now)
    return view


def submit_rep_view(view: RepView, *, main_reason: str, main_competitor: Competitor | None, no_competitor: bool,
                    sureness: str, now: datetime) -> None:
    """Record the rep's answer; raises LinkClosed("used") when another submit got there first."""
    if not RepView.objects.filter(pk=view.pk, submitted_at__isnull=True).update(
            submitted_at=now, main_reason=main_reason, main_competitor=main_competitor, no_competitor=no_competitor,
            sureness=sureness):
        raise LinkClosed("used")
