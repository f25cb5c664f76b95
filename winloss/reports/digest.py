"""The monthly digest: last month's win rate against the month before, coded interviews, top reasons, newly
published findings and what we changed because of what buyers told us (winloss.actions), by email to members who
asked for it (and WINLOSS_DIGEST_TO), and optionally to a chat webhook."""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from winloss.actions.impact import report_section, section_text
from winloss.analysis.codebook import load_codebook
from winloss.deals.models import Deal
from winloss.insights import facts as insights_facts
from winloss.interviews.models import Interview
from winloss.program.invitations import JobResult
from winloss.reports.figures import rate_text
from winloss.reports.models import DigestRun, FindingEvent
from winloss.stats import win_rate
from winloss.stats.insights import primary_reasons
from winloss.webhooks import post_json

log = logging.getLogger(__name__)
WEBHOOK_TIMEOUT = 10  # seconds
TOP_REASONS = 3


def month_bounds(day: date) -> tuple[date, date]:
    """The first and last day of the month of `day`."""
    first = day.replace(day=1)
    after = (first + timedelta(days=32)).replace(day=1)
    return first, after - timedelta(days=1)


def digest_text(first: date, last: date) -> str:
    """The digest for the month from `first` to `last`."""
    previous = month_bounds(first - timedelta(days=1))
    interviews = Interview.objects.filter(status=Interview.Status.CODED, coded_at__date__range=(first, last))
    published = (FindingEvent.objects.filter(after__status="published", at__date__range=(first, last))
                 .select_related("finding").order_by("at"))
    findings = list(dict.fromkeys(e.finding for e in published if e.finding.status == "published"))
    lines = [f"Win/loss digest for {first:%B %Y}", "",
             f"Win rate: {_month_rate(first, last)} (month before: {_month_rate(*previous)})",
             f"Interviews coded: {interviews.count()}", ""]
    reasons = _top_reasons(first, last)
    if reasons:
        lines += ["Top reasons buyers gave:", *reasons, ""]
    if findings:
        lines += ["New findings:", *(f"- {f.statement}" for f in findings), ""]
    lines += [section_text(report_section(first, last)), ""]
    lines.append(f"Reports: {settings.BASE_URL}{reverse('reports:report')}")
    return "\n".join(lines)


def _top_reasons(first: date, last: date) -> list[str]:
    """The month's most named primary reasons, over interviews on deals closed in the month."""
    codebook = load_codebook()
    interviews = insights_facts.load(Deal.objects.filter(close_date__range=(first, last))).interviews
    return [f"- {codebook.theme(r.theme).label}: {r.count} of {len(interviews)} interviews"
            for r in primary_reasons(interviews, codebook.ids)[:TOP_REASONS]]


def _month_rate(first: date, last: date) -> str:
    counts = Deal.objects.filter(close_date__range=(first, last)).outcome_counts()
    return rate_text(win_rate(counts["won"], counts["lost"], counts["no_decision"]))


def recipients() -> list[str]:
    """Members who asked for the digest, and the addresses in WINLOSS_DIGEST_TO."""
    members = get_user_model().objects.filter(digest__isnull=False, membership__isnull=False, is_active=True)
    return sorted({*(u.email for u in members if u.email), *settings.WINLOSS_DIGEST_TO})


def send_monthly_digest(now: datetime) -> JobResult:
    """Send last month's digest once: a DigestRun row per month claims it, so running again sends nothing."""
    first, last = month_bounds(month_bounds(timezone.localdate(now))[0] - timedelta(days=1))
    month = f"{first:%Y-%m}"
    to, webhook = recipients(), settings.WINLOSS_DIGEST_WEBHOOK_URL
    if DigestRun.objects.filter(month=month).exists() or not (to or webhook):
        return JobResult()
    text = digest_text(first, last)
    try:
        with transaction.atomic():  # an email that fails rolls the claim back, so the next tick tries again
            run = DigestRun.objects.create(month=month, recipients=to, text=text)
            _email(to, f"Win/loss digest for {first:%B %Y}", text)
    except IntegrityError:  # another worker sent it meanwhile
        return JobResult()
    result = JobResult(done=1)
    if webhook:
        run.webhook_status = post_to_webhook(webhook, text)
        run.save(update_fields=["webhook_status"])
        if run.webhook_status != "sent":
            result.failed.append(f"digest {month}: chat webhook {run.webhook_status}")
    return result


def _email(to: list[str], subject: str, text: str) -> None:
    with get_connection() as connection:
        for address in to:
            EmailMessage(subject, text, to=[address], connection=connection).send()


def post_to_webhook(url: str, text: str) -> str:
    """Post {"text": ...} (Slack-compatible) to the webhook; "sent", or what went wrong."""
    _, error = post_json(url, {"text": text}, WEBHOOK_TIMEOUT)
    if error:
        log.warning("digest webhook failed: %s", error)
        return f"failed: {error}"[:200]
    return "sent"
