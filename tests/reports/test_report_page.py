"""The report page shows the document for the chosen audience and quarter, with the files to download."""

from __future__ import annotations

import io

from django.urls import reverse
from pptx import Presentation

from tests.factory import PASSWORD
from tests.reports.builders import NAMED, REDACTED, make_quoted_interview
from winloss.reports.models import Finding


def test_a_stakeholders_report_page_and_files_hold_no_unredacted_quote(client, people):
    finding = Finding.objects.create(statement="Onboarding dates lose deals", audiences=["cs"], status="published")
    finding.quotes.set(make_quoted_interview().quotes.all())
    client.login(username=people["stakeholder"].username, password=PASSWORD)
    query = {"audience": "cs", "period": "2026Q3"}
    page = client.get(reverse("reports:report"), query).content.decode()
    assert "Win/loss report for customer success, 2026Q3" in page and "Onboarding dates lose deals" in page
    assert REDACTED in page and "Zoë" not in page and "<svg" in page
    assert f'{reverse("reports:report_file", args=["pdf"])}?audience=cs&amp;period=2026Q3' in page
    for format_name in ("html", "md"):
        body = client.get(reverse("reports:report_file", args=[format_name]), query).content.decode()
        assert REDACTED in body and "Zoë" not in body
    deck = client.get(reverse("reports:report_file", args=["pptx"]), query)
    assert deck["Content-Disposition"] == 'attachment; filename="winloss-cs-2026Q3.pptx"'
    slides = Presentation(io.BytesIO(deck.content)).slides
    assert "Zoë" not in "".join(s.text_frame.text for slide in slides for s in slide.shapes if s.has_text_frame)


def test_an_analyst_reads_quotes_unredacted_with_a_warning_in_the_file_too(client, people):
    make_quoted_interview()
    client.login(username=people["analyst"].username, password=PASSWORD)
    query = {"audience": "cs", "period": "2026Q3"}
    page = client.get(reverse("reports:report"), query).content.decode()
    assert NAMED in page and "Quotes are unredacted: for analysts only" in page
    markdown = client.get(reverse("reports:report_file", args=["md"]), query).content.decode()
    assert NAMED in markdown and "Quotes are unredacted: for analysts only" in markdown


def test_a_quarter_not_offered_or_an_unknown_format_is_refused(client, people):
    make_quoted_interview()
    client.login(username=people["analyst"].username, password=PASSWORD)
    assert client.get(reverse("reports:report"), {"audience": "cs", "period": "1999Q1"}).status_code == 400
    assert client.get(reverse("reports:report_file", args=["docx"]),
                      {"audience": "cs", "period": "2026Q3"}).status_code == 404
