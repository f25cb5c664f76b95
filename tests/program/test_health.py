"""Program health, on the page and from `winloss program status`: figures from a small known program."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
import time_machine
from click.testing import CliRunner
from django.urls import reverse

from tests.factory import PASSWORD, make_deal
from winloss.cli import main
from winloss.interviews.models import Interview
from winloss.program.models import InterviewerProfile, ProgramSettings, Target

READERS = {"owner": 200, "analyst": 200, "stakeholder": 200, "interviewer": 403, "external": 403, "outsider": 404}
MID_Q3 = datetime(2026, 9, 15, 12, tzinfo=UTC)


@pytest.fixture
def program(people):
    """Four deals decided in 2026Q3 (one won, two lost, one no decision) plus an open one and one from Q2; two
    interviews held, one open, one declined."""
    ProgramSettings.objects.create(pk=1, company="Acme", segment_fields=["region"])
    won = make_deal(outcome="won", close_date=date(2026, 7, 1), region="EMEA", primary_competitor="Northwind")
    lost = make_deal(outcome="lost", close_date=date(2026, 7, 15), region="APAC", primary_competitor="Northwind")
    lost_again = make_deal(outcome="lost", close_date=date(2026, 8, 1), region="EMEA")
    stalled = make_deal(outcome="no_decision", close_date=date(2026, 8, 20), region="APAC")
    make_deal(outcome="open", close_date=date(2026, 9, 1), region="EMEA")
    earlier = make_deal(outcome="lost", close_date=date(2026, 6, 20), region="EMEA")
    Interview.objects.create(deal=earlier, stage="coded", date=date(2026, 7, 2), interviewer=people["interviewer"])

    asked = datetime(2026, 7, 3, 9, tzinfo=UTC)  # invitations sent; the Q2 interview was uploaded, never asked
    held_by_owner = Interview.objects.create(deal=won, stage="scheduled", interviewer=people["owner"], invited_at=asked)
    with time_machine.travel(datetime(2026, 7, 9, 10, tzinfo=UTC)):
        held_by_owner.move("completed", by=people["owner"])  # 8 days after the decision, dated by the move
    Interview.objects.create(deal=lost, stage="coded", date=date(2026, 8, 10), interviewer=people["interviewer"],
                             invited_at=asked)
    Interview.objects.create(deal=lost_again, stage="invited", interviewer=people["external"], invited_at=asked)
    Interview.objects.create(deal=stalled, stage="declined", invited_at=asked)

    Target.objects.create(quarter="2026Q3", interviews=4)
    Target.objects.create(quarter="2026Q3", field="region", value="EMEA", interviews=2)
    InterviewerProfile.objects.create(user=people["interviewer"], capacity=2)
    InterviewerProfile.objects.create(user=people["external"], capacity=1)
    return people


def _shares(rows: list[dict]) -> list[tuple]:
    return [(r["label"], r["deals"]["hits"], r["deals"]["n"], r["interviews"]["hits"], r["interviews"]["n"])
            for r in rows]


def check_figures(data: dict) -> None:
    assert data["quarter"] == "2026Q3"
    assert [(t["field"], t["value"], t["target"], t["completed"]) for t in data["targets"]] == [
        ("", "", 4, 2), ("region", "APAC", None, 1), ("region", "EMEA", 2, 1)]
    assert _shares(data["coverage"]["outcome"]) == [("won", 1, 4, 1, 2), ("lost", 2, 4, 1, 2),
                                                    ("no_decision", 1, 4, 0, 2)]
    assert [r["desired_percent"] for r in data["coverage"]["outcome"]] == [30, 50, 20]
    assert _shares(data["coverage"]["region"]) == [("APAC", 2, 4, 1, 2), ("EMEA", 2, 4, 1, 2)]
    assert _shares(data["coverage"]["competitor"]) == [("Northwind", 2, 4, 2, 2), ("", 2, 4, 0, 2)]
    assert {k: (r["hits"], r["n"]) for k, r in data["response_rate"].items()} == {
        "won": (1, 1), "lost": (1, 1), "no_decision": (0, 1), "all": (2, 3)}  # one lost buyer still deciding
    assert data["days_to_interview"] == {"median": 17, "n": 2, "window": [7, 21], "inside_window": {
        "hits": 1, "n": 2, "share": 0.5, "low": 0.0945, "high": 0.9055, "small": True}}
    assert data["interviewers"] == [
        {"name": "erin_external", "open": 1, "completed": 0, "capacity": 1, "active": True},
        {"name": "ian_interviewer", "open": 0, "completed": 1, "capacity": 2, "active": True},
        {"name": "olivia_owner", "open": 0, "completed": 1, "capacity": None, "active": True}]


@time_machine.travel(MID_Q3)
def test_the_page_shows_the_quarters_figures(client, program, django_assert_max_num_queries):
    client.login(username=program["stakeholder"].username, password=PASSWORD)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("program:health"))
    assert response.status_code == 200
    check_figures(response.context["health"].as_dict())
    page = response.content.decode()
    assert "50% <span class=\"muted\">(1/2; 95% 9–91%)</span> <span class=\"small-n\">small n</span>" in page
    assert "Median <b>17 days</b> (n=2)" in page


@time_machine.travel(MID_Q3)
def test_the_command_prints_the_same_figures_as_json(program):
    result = CliRunner().invoke(main, ["program", "status", "--json"])
    assert result.exit_code == 0, result.output
    check_figures(json.loads(result.stdout))


def test_the_command_reads_any_quarter_and_prints_tables(program):
    result = CliRunner().invoke(main, ["program", "status", "--quarter", "2026Q2"])
    assert result.exit_code == 0
    assert "Program health, 2026Q2" in result.stdout
    lines = [" ".join(line.split()) for line in result.stdout.splitlines()]
    assert "whole program 1 no target" in lines
    assert "lost 100% (1/1; 95% 21–100%) small n | 100% (1/1; 95% 21–100%) small n | desired 50%" in lines
    assert "Days from decision to interview: median 12 days (n=1); inside the 7–21 day window: 100% (1/1; 95% " \
           "21–100%) small n" in lines
    assert "erin_external open 1 held 0 capacity 1 FULL" in lines


@pytest.mark.django_db
@pytest.mark.parametrize("quarter", ["2026Q5", "Q3", "2026-07"])
def test_a_malformed_quarter_exits_with_2_and_says_how_to_write_it(quarter):
    result = CliRunner().invoke(main, ["program", "status", "--quarter", quarter])
    assert result.exit_code == 2
    assert f"Error: '{quarter}' is not a quarter; write it like 2026Q3" in result.stderr


def test_the_page_refuses_a_malformed_quarter(client, people):
    client.login(username=people["owner"].username, password=PASSWORD)
    response = client.get(reverse("program:health"), {"quarter": "2026Q9"})
    assert response.status_code == 400
    assert "write it like 2026Q3" in response.content.decode()


@pytest.mark.parametrize("person", sorted(READERS))
def test_figures_only_for_owner_analyst_and_stakeholders(client, people, person):
    make_deal(name="Secret Deal", primary_competitor="Hidden Rival")
    client.login(username=people[person].username, password=PASSWORD)
    response = client.get(reverse("program:health"), {"quarter": "2026Q3"})
    assert response.status_code == READERS[person]
    if READERS[person] != 200:
        assert b"Hidden Rival" not in response.content


def test_anonymous_visitors_are_sent_to_log_in(client, db):
    response = client.get(reverse("program:health"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
