"""Both sides of each deal from the tables: the rep's reason (their form, else the CRM reason through the mapping)
and the buyer's primary reasons from the deal's latest coded interview. The figures are in
winloss.stats.agreement_reps."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef

from winloss.analysis.codebook import load_codebook
from winloss.deals.filters import SEGMENT_FIELDS
from winloss.deals.models import Deal, DealQuerySet
from winloss.insights.models import CrmReasonMapping
from winloss.interviews.models import Interview
from winloss.stats.agreement_reps import CRM, FORM, DealSides, reason_key, suggest_theme


@dataclass(frozen=True)
class DealRow:
    """A compared deal for the deal-by-deal table: its sides, and what the rep said before mapping."""

    deal: Deal
    sides: DealSides
    source: str  # FORM or CRM
    said: str  # the form's theme id, or the CRM value as written
    decided: bool  # the rep's reason has a theme or was marked as not a reason (always so for a form)


def buyer_reasons(deals: DealQuerySet) -> dict[int, tuple[str, ...]]:
    """Deal id -> the primary reasons of its latest coded interview, for deals where those are not empty."""
    latest: dict[int, tuple[str, ...]] = {}
    interviews = (Interview.objects.filter(Exists(deals.order_by().filter(pk=OuterRef("deal_id"))),
                                           status=Interview.Status.CODED)
                  .order_by("deal_id", F("date").desc(nulls_last=True), F("coded_at").desc(nulls_last=True), "-pk")
                  .values_list("deal_id", "primary_reasons"))
    for deal_id, reasons in interviews:
        latest.setdefault(deal_id, tuple(reasons))
    return {deal_id: reasons for deal_id, reasons in latest.items() if reasons}


def deal_rows(deals: DealQuerySet) -> list[DealRow]:
    """Every deal among `deals` with a rep's reason and a buyer's reasons, most recently closed first."""
    buyers = buyer_reasons(deals)
    mapping = CrmReasonMapping.objects.current()
    themes = set(load_codebook().ids)
    rows = []
    interviewed = deals.filter(pk__in=Interview.objects.filter(status=Interview.Status.CODED).values("deal_id"))
    for deal in (interviewed.select_related("owner", "rep_view")
                 .only("name", "outcome", "close_date", "crm_reason", *SEGMENT_FIELDS, "owner__name",
                       "rep_view__submitted_at", "rep_view__main_reason")
                 .order_by(F("close_date").desc(nulls_last=True), "name")):
        if deal.pk not in buyers:
            continue
        view = getattr(deal, "rep_view", None)
        if view is not None and view.submitted_at is not None and view.main_reason:
            source, said, theme, decided = FORM, view.main_reason, view.main_reason, True
        elif deal.crm_reason.strip():
            key = reason_key(deal.crm_reason)
            source, said, theme, decided = CRM, deal.crm_reason, mapping.get(key, ""), key in mapping
        else:
            continue
        sides = DealSides(deal.pk, theme if theme in themes else "", buyers[deal.pk],
                          rep=deal.owner.name if deal.owner else "", quarter=deal.quarter,
                          segments={f: getattr(deal, f) for f in SEGMENT_FIELDS})
        rows.append(DealRow(deal, sides, source, said, decided))
    return rows


@dataclass(frozen=True)
class ReasonRow:
    """A CRM reason value in the data, for the mapping page."""

    reason: str
    deals: int
    theme: str | None  # the current mapping: a theme id, "" for not a reason, None when not mapped yet
    suggestion: str | None  # what the keyword rules suggest, on the same terms


def reason_rows() -> list[ReasonRow]:
    """Every distinct CRM reason in the deals (values differing only in case or spaces are one), most used first."""
    counts: dict[str, list] = {}
    for value, n in (Deal.objects.exclude(crm_reason="").values_list("crm_reason")
                     .annotate(n=Count("id")).order_by("-n", "crm_reason")):
        key = reason_key(value)
        if key:
            counts.setdefault(key, [value, 0])[1] += n
    mapping = CrmReasonMapping.objects.current()
    themes = load_codebook().ids
    rows = [ReasonRow(value, n, mapping.get(key), suggest_theme(value, themes)) for key, (value, n) in counts.items()]
    return sorted(rows, key=lambda r: (-r.deals, r.reason.casefold()))
