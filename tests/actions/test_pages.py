"""The board, an action's page, creating and editing, the "what we changed" page and the settings."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.urls import reverse

from tests.actions.builders import make_action, make_quote
from tests.factory import PASSWORD, make_deal
from winloss.actions.models import Action, ActionSettings
from winloss.deals.models import Competitor

pytestmark = pytest.mark.django_db
TODAY = datetime(2026, 9, 15, 12, tzinfo=UTC)


def log_in(client, person) -> None:
    client.login(username=person.username, password=PASSWORD)


@time_machine.travel(TODAY)
def test_the_board_shows_columns_by_status_and_highlights_overdue_actions(client, people):
    make_action(people["analyst"], title="Late battlecard", due_date=date(2026, 9, 1), status="in_progress")
    make_action(people["analyst"], title="Finished pricing page", due_date=date(2026, 9, 1), status="done",
                done_at=TODAY)
    make_action(people["analyst"], title="Onboarding checklist", team="customer_success", due_date=date(2026, 10, 1))
    log_in(client, people["stakeholder"])
    page = client.get(reverse("actions:board")).content.decode()
    assert [label in page for label in ("Proposed", "Accepted", "In progress", "Done", "Dropped")] == [True] * 5
    assert "1 action overdue." in page
    late = page[page.index('id="action-'):]
    assert 'class="action-card overdue"' in page and "Late battlecard" in page
    assert page.count("action-card overdue") == 1  # a done action is never overdue
    assert "→" not in late  # the stakeholder owns none of them: no buttons to move them

    team_page = client.get(reverse("actions:board"), {"team": "customer_success"}).content.decode()
    assert "Onboarding checklist" in team_page and "Late battlecard" not in team_page
    assert "Actions · Customer success" in team_page


def test_without_javascript_a_plain_form_moves_an_action_and_comes_back_to_the_board(client, people):
    action = make_action(people["analyst"])
    log_in(client, people["analyst"])
    board = reverse("actions:board") + "?team=pricing"
    response = client.post(reverse("actions:move", args=[action.pk]), {"status": "accepted", "next": board})
    assert response.status_code == 302 and response["Location"] == board
    action.refresh_from_db()
    assert action.status == "accepted"
    assert "is now accepted" in client.get(board).content.decode()


def test_with_htmx_the_move_answers_with_the_board_to_swap_in(client, people):
    action = make_action(people["analyst"])
    log_in(client, people["analyst"])
    response = client.post(reverse("actions:move", args=[action.pk]), {"status": "in_progress",
                                                                       "next": reverse("actions:board")},
                           HTTP_HX_REQUEST="true", follow=True)
    assert response.status_code == 200 and 'id="board"' in response.content.decode()
    assert Action.objects.get(pk=action.pk).status == "in_progress"


def test_dropping_without_a_reason_changes_nothing_and_says_why(client, people):
    action = make_action(people["analyst"])
    log_in(client, people["owner"])
    response = client.post(reverse("actions:move", args=[action.pk]), {"status": "dropped"}, follow=True)
    assert "Say why the action is dropped" in response.content.decode()
    assert Action.objects.get(pk=action.pk).status == "proposed"
    client.post(reverse("actions:move", args=[action.pk]), {"status": "dropped", "reason": "Finance owns it"})
    assert Action.objects.get(pk=action.pk).dropped_reason == "Finance owns it"


def test_a_move_never_sends_anyone_to_another_site(client, people):
    action = make_action(people["analyst"])
    log_in(client, people["analyst"])
    response = client.post(reverse("actions:move", args=[action.pk]),
                           {"status": "accepted", "next": "https://evil.example/"})
    assert response["Location"] == reverse("actions:detail", args=[action.pk])


@pytest.mark.parametrize("query,themes", [("theme=integration", ["integration"]), ("theme=unknown", [])])
def test_an_action_created_from_a_theme_starts_with_that_theme(client, people, query, themes):
    log_in(client, people["analyst"])
    form = client.get(reverse("actions:new") + "?" + query).context["form"]
    assert form.initial["themes"] == themes


def test_an_action_created_from_a_quote_or_a_competitor_starts_linked_to_them(client, people):
    quote = make_quote(make_deal(region="EMEA"), theme="support")
    northwind = Competitor.objects.create(name="Northwind")
    log_in(client, people["analyst"])
    response = client.get(reverse("actions:new"), {"quote": quote.pk, "competitor": northwind.pk,
                                                   "segment": "region=EMEA"})
    page = response.content.decode()
    assert "[name] said the price was twice Northwind" in page and "Priya Shah" not in page
    form = response.context["form"]
    assert form.initial["themes"] == ["support"] and form.initial["quotes"] == [quote.pk]
    assert form.initial["competitors"] == [str(northwind.pk)] and form.initial["segments"] == ["region=EMEA"]
    assert 'value="region=EMEA" selected' in page


def test_creating_an_action_records_who_created_it(client, people):
    quote = make_quote(make_deal(region="EMEA"))
    northwind = Competitor.objects.create(name="Northwind")
    log_in(client, people["analyst"])
    response = client.post(reverse("actions:new"), {
        "title": "Pricing calculator on the website", "description": "Buyers could not tell what it costs.",
        "team": "marketing", "owner": people["stakeholder"].pk, "due_date": "2026-10-31",
        "themes": ["price", "commercial_terms"], "competitors": [northwind.pk], "segments": ["region=EMEA"],
        "quotes": [quote.pk]})
    action = Action.objects.get()
    assert response["Location"] == reverse("actions:detail", args=[action.pk])
    assert (action.team, action.owner, action.created_by) == ("marketing", people["stakeholder"], people["analyst"])
    assert action.themes == ["price", "commercial_terms"] and action.segments == [{"field": "region",
                                                                                   "value": "EMEA"}]
    assert list(action.competitors.all()) == [northwind] and list(action.quotes.all()) == [quote]
    assert [(e.kind, e.by) for e in action.events.all()] == [("created", people["analyst"])]


def test_an_action_needs_a_title_a_team_an_owner_and_a_due_date(client, people):
    log_in(client, people["analyst"])
    response = client.post(reverse("actions:new"), {"title": "", "team": "nobody"})
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"title", "team", "owner", "due_date"}
    assert not Action.objects.exists()


def test_editing_records_each_changed_field_before_and_after(client, people):
    action = make_action(people["analyst"], owner=people["analyst"])
    log_in(client, people["owner"])
    client.post(reverse("actions:edit", args=[action.pk]), {
        "title": action.title, "team": "product", "owner": people["analyst"].pk, "due_date": "2026-11-15",
        "themes": ["price"]})
    event = action.events.last()
    assert (event.kind, event.by) == ("edited", people["owner"])
    assert event.changes == {"team": ["pricing", "product"], "due_date": ["2026-09-30", "2026-11-15"]}
    page = client.get(reverse("actions:detail", args=[action.pk])).content.decode()
    assert "<del>2026-09-30</del> → <ins>2026-11-15</ins>" in page


def test_saving_without_a_change_adds_nothing_to_the_history(client, people):
    action = make_action(people["analyst"], owner=people["analyst"])
    log_in(client, people["owner"])
    client.post(reverse("actions:edit", args=[action.pk]), {
        "title": action.title, "team": "pricing", "owner": people["analyst"].pk, "due_date": "2026-09-30",
        "themes": ["price"]})
    assert action.events.count() == 1


def test_a_done_actions_page_shows_its_before_and_after_or_that_there_is_not_enough_yet(client, people):
    for day, outcome in [(date(2026, 2, 10), "lost"), (date(2026, 3, 10), "won"), (date(2026, 3, 11), "won")]:
        make_deal(outcome=outcome, close_date=day, region="EMEA")
    action = make_action(people["analyst"], status="done", done_at=datetime(2026, 3, 1, 12, tzinfo=UTC),
                         themes=[], segments=[{"field": "region", "value": "EMEA"}])
    ActionSettings.objects.create(pk=1, min_after=2)
    log_in(client, people["stakeholder"])
    with time_machine.travel(datetime(2026, 3, 30, 12, tzinfo=UTC)):
        page = client.get(reverse("actions:detail", args=[action.pk])).content.decode()
    assert "Win rate in region EMEA" in page and "+100.0 points" in page and "not that the action caused it" in page
    ActionSettings.objects.filter(pk=1).update(min_after=3)
    with time_machine.travel(datetime(2026, 3, 30, 12, tzinfo=UTC)):
        page = client.get(reverse("actions:detail", args=[action.pk])).content.decode()
    assert "Not enough decided deals yet: 2 of 3 needed" in page and "points" not in page


def test_the_changed_page_lists_what_we_changed_with_its_evidence(client, people):
    make_action(people["analyst"], title="Price list for partners", status="in_progress")
    make_action(people["analyst"], title="An idea nobody took up")
    log_in(client, people["stakeholder"])
    page = client.get(reverse("actions:changed")).content.decode()
    assert "What we changed because of what buyers told us" in page
    assert "Price list for partners" in page and "Price &amp; value" in page
    assert "An idea nobody took up" not in page


def test_the_program_owner_adds_a_team_and_sets_the_threshold(client, people):
    log_in(client, people["owner"])
    response = client.post(reverse("actions:settings"), {"teams": "Partner channel\n\nPartner channel\n",
                                                         "min_after": 8, "due_soon_days": 2})
    assert response.status_code == 302
    settings = ActionSettings.current()
    assert (settings.teams, settings.min_after, settings.due_soon_days) == (["Partner channel"], 8, 2)
    assert "Partner channel" in client.get(reverse("actions:board")).content.decode()


def test_a_quote_an_analyst_dropped_is_not_linked_to_a_new_action(client, people):
    quote = make_quote(make_deal())
    quote.dropped = True
    quote.save()
    log_in(client, people["analyst"])
    assert client.get(reverse("actions:new"), {"quote": quote.pk}).context["form"].initial["quotes"] == []
    response = client.post(reverse("actions:new"), {"title": "x", "team": "pricing", "owner": people["analyst"].pk,
                                                    "due_date": "2026-10-31", "quotes": [quote.pk]})
    assert response.status_code == 400 and "quotes" in response.context["form"].errors


def test_new_action_from_a_teams_board_starts_in_that_team(client, people):
    log_in(client, people["analyst"])
    page = client.get(reverse("actions:board"), {"team": "product"}).content.decode()
    assert reverse("actions:new") + "?team=product" in page
    assert client.get(reverse("actions:new"), {"team": "product"}).context["form"].initial["team"] == "product"
