from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from winloss.accounts.models import READ_DEALS, UPLOAD_TRANSCRIPTS
from winloss.accounts.permissions import require
from winloss.deals.filters import SEGMENT_FIELDS, DealFilterForm
from winloss.deals.models import Deal
from winloss.deals.overview import rates_by_quarter, rates_by_segment
from winloss.interviews.views import TranscriptForm

PAGE_SIZE = 50


@require(READ_DEALS)
def deal_list(request: HttpRequest) -> HttpResponse:
    form = DealFilterForm(request.GET)
    deals = form.apply(Deal.objects.select_related("account", "owner", "primary_competitor"))
    page = Paginator(deals, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "counts": deals.outcome_counts(), "query": query.urlencode()}
    template = "deals/_deal_table.html" if request.htmx else "deals/deal_list.html"
    return render(request, template, context)


@require(READ_DEALS)
def deal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    deal = get_object_or_404(Deal.objects.select_related("account", "owner", "primary_competitor", "last_import"),
                             pk=pk)
    context = {
        "deal": deal,
        "contacts": deal.contacts.all(),
        "competitors": [link.competitor for link in deal.competitor_links.select_related("competitor")],
        "interviews": deal.interviews.all(),
        "transcript_form": TranscriptForm(),
        "can_upload_transcripts": request.member.can(UPLOAD_TRANSCRIPTS),
    }
    return render(request, "deals/deal_detail.html", context)


@require(READ_DEALS)
def overview(request: HttpRequest) -> HttpResponse:
    by = request.GET.get("by", "region")
    if by not in SEGMENT_FIELDS:
        by = "region"
    context = {
        "quarters": rates_by_quarter(Deal.objects.all()),
        "segments": rates_by_segment(Deal.objects.all(), by),
        "by": by,
        "segment_fields": SEGMENT_FIELDS,
    }
    return render(request, "deals/overview.html", context)
