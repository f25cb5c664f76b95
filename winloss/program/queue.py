"""Whom to interview: the closed deals inside the interview window that can still be asked, ranked by the
program's rules, each with a neutral interviewer proposed; plus the deals that left the window unasked and those
not yet in it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Prefetch, QuerySet
from django.db.models.functions import Lower

from winloss.core.program import Assignment, Candidate, Ranked, SegmentGap, assign_batch, rank, segment_gaps
from winloss.deals.filters import quarter_bounds
from winloss.deals.models import Contact, Deal, DealQuerySet
from winloss.interviews.models import GuideVersion, Interview, Stage, StageEvent
from winloss.program.assigning import OPEN_STAGES, interviewer_pool, org_chart
from winloss.program.invitations import is_address
from winloss.program.models import SEGMENT_FIELDS, OptOut, ProgramSettings, Target, default_ranking

# How far back "left the window unasked" looks.
LOOKBACK_DAYS = 90
# Interviews that count towards a segment's target: done or on their way.
COUNTED_STAGES = (*OPEN_STAGES, Stage.COMPLETED, Stage.CODED)


def askable_contacts() -> QuerySet[Contact]:
    """Buyer contacts with an email address who have not opted out (opt-outs are stored lower-case). Whether the
    address is one we can email is checked on the rows (`askable`)."""
    opted_out = OptOut.objects.filter(email=Lower(OuterRef("email")))
    return Contact.objects.exclude(email="").exclude(Exists(opted_out)).order_by("name", "pk")


def askable_deals() -> DealQuerySet:
    """Closed deals never asked about (no interview in any stage) with a buyer who can be asked."""
    return (Deal.objects.closed()
            .filter(Exists(askable_contacts().filter(deal=OuterRef("pk"))))
            .exclude(Exists(Interview.objects.filter(deal=OuterRef("pk")))))


@dataclass(frozen=True)
class Entry:
    deal: Deal
    contact: Contact
    ranked: Ranked
    assignment: Assignment


@dataclass(frozen=True)
class Queue:
    entries: list[Entry]
    left_unasked: list[Deal]
    too_fresh: int
    first: date  # earliest close date inside the window
    last: date  # latest close date inside the window
    gaps: list[SegmentGap]


def build(deals: DealQuerySet, today: date) -> Queue:
    """The queue from `deals` (askable deals, perhaps filtered), as of `today`."""
    settings = ProgramSettings.current()
    first = today - timedelta(days=settings.window_end_days)
    last = today - timedelta(days=settings.window_start_days)
    gaps = current_gaps(today)
    in_window = askable(deals.filter(close_date__range=(first, last))
                        .select_related("account", "owner", "primary_competitor")
                        .prefetch_related("competitor_links__competitor",
                                          Prefetch("contacts", queryset=askable_contacts(), to_attr="askable")))
    by_id = {deal.pk: deal for deal in in_window}
    strategic = set(settings.strategic_competitors.values_list("name", flat=True))
    ranked = rank((_candidate(deal, today, settings.segment_fields) for deal in in_window),
                  {**default_ranking(), **settings.ranking}, strategic=strategic, gaps=gaps)
    assignments = assign_batch([by_id[r.candidate.id].owner_id for r in ranked], interviewer_pool(), org_chart())
    entries = [Entry(by_id[r.candidate.id], by_id[r.candidate.id].askable[0], r, a)
               for r, a in zip(ranked, assignments, strict=True)]
    left = deals.filter(close_date__range=(today - timedelta(days=LOOKBACK_DAYS), first - timedelta(days=1)))
    return Queue(entries, list(left.select_related("account").order_by("-close_date", "pk")),
                 deals.filter(close_date__gt=last).count(), first, last,
                 sorted(gaps.values(), key=lambda g: (-g.share, g.label, g.value)))


def askable(deals: DealQuerySet) -> list[Deal]:
    """The deals with a buyer whose address we can email; each deal's `askable` keeps only those buyers."""
    rows = list(deals)
    for deal in rows:
        deal.askable = [contact for contact in deal.askable if is_address(contact.email.strip())]
    return [deal for deal in rows if deal.askable]


def current_gaps(today: date) -> dict[tuple[str, str], SegmentGap]:
    """How far each segment with a target this quarter is behind it. An interview counts for the quarter in which
    its deal was decided."""
    quarter = f"{today.year}Q{(today.month - 1) // 3 + 1}"
    targets = list(Target.objects.filter(quarter=quarter, field__in=SEGMENT_FIELDS))
    counted = Interview.objects.filter(stage__in=COUNTED_STAGES, deal__close_date__range=quarter_bounds(quarter))
    done: dict[tuple[str, str], int] = {}
    for field in {t.field for t in targets}:
        for row in counted.values(f"deal__{field}").annotate(n=Count("id")):
            done[field, row[f"deal__{field}"]] = row["n"]
    rows = [(t.field, Deal._meta.get_field(t.field).verbose_name.capitalize(), t.value, t.interviews)
            for t in targets]
    return segment_gaps(rows, done, quarter[4:])


def _candidate(deal: Deal, today: date, segment_fields: list[str]) -> Candidate:
    competitors = [link.competitor.name for link in deal.competitor_links.all()]
    if deal.primary_competitor:
        competitors.insert(0, deal.primary_competitor.name)
    return Candidate(id=deal.pk, outcome=deal.outcome, amount=float(deal.amount) if deal.amount else None,
                     competitors=tuple(competitors),
                     segments={f: getattr(deal, f) for f in segment_fields if f in SEGMENT_FIELDS},
                     days_since_decision=(today - deal.close_date).days)


@dataclass(frozen=True)
class Proposal:
    created: list[Interview]
    refused: list[str]  # one message per deal not proposed, saying why


def propose(deal_ids: list[int], *, by: AbstractBaseUser, today: date) -> Proposal:
    """Create a proposed call interview for each deal still in the queue, with the interviewer the queue chose.
    A deal already asked about is refused, so proposing twice creates nothing."""
    queue = build(askable_deals().filter(pk__in=deal_ids), today)
    listed = {entry.deal.pk for entry in queue.entries}
    refused = [_why_not_in_queue(deal) for deal in Deal.objects.filter(pk__in=set(deal_ids) - listed)]
    created = []
    guide = GuideVersion.current()
    for entry in queue.entries:
        if entry.assignment.interviewer is None:
            refused.append(f"{entry.deal.name} was not proposed. {entry.assignment.reason}.")
            continue
        with transaction.atomic():
            # Locking the deal makes a second, simultaneous proposal wait and then see the first one's interview.
            Deal.objects.select_for_update().filter(pk=entry.deal.pk).first()
            if Interview.objects.filter(deal=entry.deal).exists():
                refused.append(_why_not_in_queue(entry.deal))
                continue
            interview = Interview.objects.create(
                deal=entry.deal, contact=entry.contact, kind=Interview.Kind.CALL, stage=Stage.PROPOSED,
                interviewer_id=entry.assignment.interviewer.id, guide_version=guide, created_by=by)
            StageEvent.objects.create(interview=interview, after=Stage.PROPOSED, by=by,
                                      note=f"proposed with {entry.assignment.interviewer.name} as interviewer")
            created.append(interview)
    return Proposal(created, refused)


def _why_not_in_queue(deal: Deal) -> str:
    interview = Interview.objects.filter(deal=deal).order_by("created_at").first()
    if interview is not None:
        return f"{deal.name} already has an interview ({interview.get_stage_display().lower()}); nothing was added."
    return f"{deal.name} is not in the queue (outside the window, or no buyer who can be asked)."
