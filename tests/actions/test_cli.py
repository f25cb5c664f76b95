"""`winloss actions list` and `winloss actions impact`."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
import time_machine
from click.testing import CliRunner

from tests.actions.builders import make_action
from tests.factory import make_deal
from winloss.actions.models import ActionSettings
from winloss.cli import main

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 3, 30, 12, tzinfo=UTC)


@pytest.fixture
def actions(people):
    for day, outcome in [(date(2026, 2, 10), "lost"), (date(2026, 2, 11), "won"), (date(2026, 3, 10), "won"),
                         (date(2026, 3, 11), "won")]:
        make_deal(outcome=outcome, close_date=day, region="EMEA")
    ActionSettings.objects.create(pk=1, min_after=2)
    done = make_action(people["analyst"], title="EMEA pricing", team="pricing", status="done", themes=[],
                       done_at=datetime(2026, 3, 1, 12, tzinfo=UTC), segments=[{"field": "region", "value": "EMEA"}])
    late = make_action(people["analyst"], title="Battlecard", team="sales_enablement", due_date=date(2026, 3, 1),
                       status="in_progress", owner=people["stakeholder"])
    return done, late


@time_machine.travel(NOW)
def test_it_lists_actions_filtered_by_team_and_status(actions):
    done, late = actions
    out = CliRunner().invoke(main, ["actions", "list"]).output
    assert "Battlecard  OVERDUE" in out and "EMEA pricing" in out
    out = CliRunner().invoke(main, ["actions", "list", "--team", "sales_enablement", "--json"]).output
    assert [(r["id"], r["status"], r["owner"], r["overdue"]) for r in json.loads(out)] == [
        (late.pk, "in_progress", "sam_stakeholder", True)]
    out = CliRunner().invoke(main, ["actions", "list", "--status", "done", "--json"]).output
    assert [r["title"] for r in json.loads(out)] == ["EMEA pricing"]


@time_machine.travel(NOW)
def test_it_prints_a_done_actions_before_and_after(actions):
    done, late = actions
    data = json.loads(CliRunner().invoke(main, ["actions", "impact", str(done.pk), "--json"]).output)
    (c,) = data["impact"]["comparisons"]
    assert (c["before"]["hits"], c["before"]["n"], c["after"]["hits"], c["after"]["n"]) == (1, 2, 2, 2)
    assert c["difference"] == 0.5 and c["enough"] is True
    text = CliRunner().invoke(main, ["actions", "impact", str(done.pk)]).output
    assert "Win rate in region EMEA: before 50% (1/2; 95% 9-91%), after 100% (2/2; 95% 34-100%): +50.0 points" in text
    assert "What changed, not why." in text
    assert "No before/after yet" in CliRunner().invoke(main, ["actions", "impact", str(late.pk)]).output


def test_an_unknown_action_is_an_error(db):
    result = CliRunner().invoke(main, ["actions", "impact", "999"])
    assert result.exit_code == 2 and "no action 999" in result.output
