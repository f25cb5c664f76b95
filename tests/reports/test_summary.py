"""A one-page summary per interview: on the web and as PDF, redacted for stakeholders."""

from __future__ import annotations

import io

from django.urls import reverse
from pypdf import PdfReader

from tests.factory import PASSWORD
from tests.reports.builders import NAMED, REDACTED, make_quoted_interview
from winloss.deals.models import Competitor
from winloss.interviews.models import Code, CompetitorMention


def _interview():
    interview = make_quoted_interview(theme="implementation")
    statement = Code.objects.get().statement
    Code.objects.create(statement=statement, theme="price", polarity="positive", vendor="us", confidence=0.8)
    Code.objects.create(statement=statement, theme="support", polarity="negative", vendor="us", confidence=0.8,
                        rejected=True)
    CompetitorMention.objects.create(interview=interview, competitor=Competitor.objects.get(), mentions=3)
    return interview


def test_an_analyst_reads_the_summary_with_reasons_themes_competitors_and_quotes(client, people):
    interview = _interview()
    client.login(username=people["analyst"].username, password=PASSWORD)
    page = client.get(reverse("reports:interview_summary", args=[interview.pk])).content.decode()
    assert "Primary reasons, most decisive first: Implementation &amp; onboarding" in page
    assert "Price &amp; value" in page and "Support &amp; customer success" not in page  # rejected codes do not count
    assert "Northwind Systems (3×)" in page
    assert NAMED in page


def test_a_stakeholder_reads_it_redacted_on_the_web_and_in_the_pdf(client, people):
    interview = _interview()
    client.login(username=people["stakeholder"].username, password=PASSWORD)
    page = client.get(reverse("reports:interview_summary", args=[interview.pk])).content.decode()
    assert REDACTED in page and "Zoë" not in page
    response = client.get(reverse("reports:interview_summary", args=[interview.pk]), {"format": "pdf"})
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="winloss-interview-{interview.pk}.pdf"'
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    assert "Interview summary: " in text and "[name], our rep’s manager" in text and "Zoë" not in text


def test_an_unknown_format_is_not_found(client, people):
    interview = _interview()
    client.login(username=people["analyst"].username, password=PASSWORD)
    assert client.get(reverse("reports:interview_summary", args=[interview.pk]), {"format": "docx"}).status_code == 404
