"""Stages, flags, statuses and reasons into won, lost, no decision or open."""

from __future__ import annotations

import pytest

from winloss.core.crm.base import OutcomeMap
from winloss.core.crm.outcomes import DEFAULT_STAGE_OUTCOMES, outcome_for


@pytest.mark.parametrize(
    ("stage", "outcome"),
    [
        ("Closed Won", "won"),
        ("closedwon", "won"),
        ("Won", "won"),
        ("7 - Closed Won", "won"),
        ("07. Closed Lost", "lost"),
        ("Closed - Won", "won"),
        ("closed_lost", "lost"),
        ("Lost", "lost"),
        ("Closed - No Decision", "no_decision"),
        ("closed/no decision", "no_decision"),
        ("No_Decision", "no_decision"),
        ("Closed Won - Expansion", "won"),
        ("Lost to competitor", "lost"),
        ("Prospecting", "open"),
        ("Negotiation/Review", "open"),
        ("", "open"),
    ],
)
def test_it_knows_the_common_stage_names(stage: str, outcome: str) -> None:
    assert outcome_for(stage) == outcome


def test_every_default_stage_maps_to_itself() -> None:
    assert all(outcome_for(stage) == outcome for stage, outcome in DEFAULT_STAGE_OUTCOMES.items())


def test_the_users_stage_map_comes_first() -> None:
    stages = OutcomeMap({"signed": "won", "closed won": "lost"})
    assert outcome_for("  Signed ", outcome_map=stages) == "won"
    assert outcome_for("Closed Won", is_won=True, outcome_map=stages) == "lost"


def test_the_users_stage_map_ignores_a_numeric_prefix() -> None:
    assert outcome_for("3 - Signed", outcome_map=OutcomeMap({"signed": "won"})) == "won"


def test_salesforce_flags_beat_the_stage_name() -> None:
    assert outcome_for("Closed / Completed", is_won=True, is_closed=True) == "won"
    assert outcome_for("Closed / Completed", is_won=False, is_closed=True) == "lost"
    assert outcome_for("Closed Won", is_won=False, is_closed=False) == "open"


def test_a_won_flag_without_a_closed_flag_is_still_won() -> None:
    assert outcome_for("Weird", is_won=True) == "won"


def test_a_not_won_flag_alone_does_not_decide() -> None:
    assert outcome_for("Closed Lost", is_won=False) == "lost"


def test_a_pipedrive_status_decides_over_the_stage() -> None:
    assert outcome_for("Proposal Made", status="Won") == "won"
    assert outcome_for("Proposal Made", status="lost") == "lost"
    assert outcome_for("Proposal Made", status="open") == "open"


def test_a_deleted_or_unknown_pipedrive_status_is_an_error() -> None:
    with pytest.raises(ValueError, match="deleted"):
        outcome_for("Qualified", status="deleted")
    with pytest.raises(ValueError, match="'archived' is not a deal status"):
        outcome_for("Qualified", status="archived")


@pytest.mark.parametrize(
    "reason", ["No Decision", "no-decision", "No_decision: budget frozen", "Did nothing", "Chose status quo"]
)
def test_a_lost_deal_whose_reason_says_no_decision_is_no_decision(reason: str) -> None:
    assert outcome_for("Closed Lost", reason=reason) == "no_decision"
    assert outcome_for("Closed", is_closed=True, is_won=False, reason=reason) == "no_decision"


def test_a_closed_not_won_deal_in_a_no_decision_stage_is_no_decision() -> None:
    assert outcome_for("Closed - No Decision", is_won=False, is_closed=True) == "no_decision"


@pytest.mark.parametrize(
    "reason", ["Price", "couldn't reach their decision maker", "nodecisionmaker", "nothing"]
)
def test_other_loss_reasons_stay_lost(reason: str) -> None:
    assert outcome_for("Closed Lost", reason=reason) == "lost"


def test_a_no_decision_reason_does_not_touch_won_or_open_deals() -> None:
    assert outcome_for("Closed Won", reason="no decision") == "won"
    assert outcome_for("Prospecting", reason="no decision") == "open"
