"""The quotes wall: what buyers said, redacted, by theme, outcome, competitor and segment."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from winloss.accounts.models import READ_INSIGHTS, READ_UNREDACTED
from winloss.accounts.permissions import require
from winloss.insights import facts
from winloss.insights.views import page_context

PAGE_SIZE = 40


@require(READ_INSIGHTS)
def quote_wall(request: HttpRequest) -> HttpResponse:
    selected, context = page_context(request, "quotes")
    theme = request.GET.get("theme", "")
    if theme not in context["labels"]:
        theme = ""
    page = Paginator(facts.quotes(selected.deals, theme=theme), PAGE_SIZE).get_page(request.GET.get("page"))
    can_unredact = request.member.can(READ_UNREDACTED)
    context.update(page=page, quotes=facts.quote_facts(page.object_list), theme=theme, can_unredact=can_unredact,
                   unredacted=can_unredact and request.GET.get("unredacted") == "1")
    return render(request, "insights/quotes.html", context)


urlpatterns = [path("quotes/", quote_wall, name="quotes")]
