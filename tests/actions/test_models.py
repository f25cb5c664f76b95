"""An action's statuses change through one method that records who and when; the history is never rewritten."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine

from tests.actions.builders import make_action
from winloss.actions.models import Action, ActionEvent, ActionSettings, StatusError

pytestmark = pytest.mark.django_db


def test_an_action_moves_through_its_statuses_and_each_change_is_recorded(people):
    with time_machine.travel(datetime(2026, 9, 1, 10, tzinfo=UTC)):
        action = make_action(people["analyst"])
        action.move("accepted", by=people["owner"])
        action.move("in_progress", by=people["analyst"])
    with time_machine.travel(datetime(2026, 9, 20, 16, tzinfo=UTC)):
        action.move("done", by=people["analyst"])
    stored = Action.objects.get(pk=action.pk)
    assert stored.status == "done" and stored.done_at == datetime(2026, 9, 20, 16, tzinfo=UTC)
    assert stored.done_on == date(2026, 9, 20)
    changes = [(e.kind, e.changes.get("status"), e.by.username) for e in stored.events.all()]
    assert changes == [("created", None, "andy_analyst"), ("status", ["proposed", "accepted"], "olivia_owner"),
                       ("status", ["accepted", "in_progress"], "andy_analyst"),
                       ("status", ["in_progress", "done"], "andy_analyst")]


def test_dropping_needs_a_reason_and_keeps_it(people):
    action = make_action(people["analyst"])
    with pytest.raises(StatusError, match="Say why"):
        action.move("dropped", by=people["owner"], reason="  ")
    assert Action.objects.get(pk=action.pk).status == "proposed"
    event = action.move("dropped", by=people["owner"], reason="Pricing is being reworked by finance anyway")
    stored = Action.objects.get(pk=action.pk)
    assert (stored.status, stored.dropped_reason) == ("dropped", "Pricing is being reworked by finance anyway")
    assert event.note == "Pricing is being reworked by finance anyway"


def test_reopening_clears_the_done_date_and_proposing_again_clears_the_reason(people):
    action = make_action(people["analyst"], status="in_progress")
    action.move("done")
    action.move("in_progress")
    assert Action.objects.get(pk=action.pk).done_at is None
    dropped = make_action(people["analyst"])
    dropped.move("dropped", reason="Not now")
    dropped.move("proposed")
    assert Action.objects.get(pk=dropped.pk).dropped_reason == ""


def test_a_change_the_program_forbids_is_refused(people):
    action = make_action(people["analyst"])
    with pytest.raises(StatusError, match="cannot go from proposed to done"):
        action.move("done")
    assert action.events.count() == 1


def test_a_stale_copy_cannot_move_an_action_someone_else_moved(people):
    action = make_action(people["analyst"])
    stale = Action.objects.get(pk=action.pk)
    action.move("accepted")
    with pytest.raises(StatusError, match="was proposed but is now accepted"):
        stale.move("dropped", reason="duplicate")
    assert Action.objects.get(pk=action.pk).status == "accepted"


def test_the_history_is_never_rewritten(people):
    event = make_action(people["analyst"]).events.get()
    event.note = "changed"
    with pytest.raises(ValueError, match="never rewritten"):
        event.save()
    with pytest.raises(ValueError, match="never rewritten"):
        event.delete()
    assert ActionEvent.objects.get(pk=event.pk).note == ""


def test_only_open_actions_past_their_due_date_are_overdue(people):
    late = make_action(people["analyst"], due_date=date(2026, 9, 1))
    make_action(people["analyst"], due_date=date(2026, 9, 1), status="done")
    make_action(people["analyst"], due_date=date(2026, 9, 2))
    assert list(Action.objects.overdue(date(2026, 9, 2))) == [late]
    assert late.is_overdue(date(2026, 9, 2)) and not late.is_overdue(date(2026, 9, 1))


def test_a_program_adds_its_own_teams_beside_the_standard_ones(db):
    settings = ActionSettings.current()
    settings.teams = ["Partner channel", "Pricing"]
    settings.save()
    choices = ActionSettings.current().team_choices()
    assert choices[0] == ("sales_enablement", "Sales enablement")
    assert choices[-1] == ("partner_channel", "Partner channel")
    assert [value for value, _ in choices].count("pricing") == 1
