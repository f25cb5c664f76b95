"""Figures of the interview program over plain counts. No Django here."""

from __future__ import annotations

from collections.abc import Mapping

from winloss.stats import Rate, rate

# Stages (by their stored names) of an invited interview whose buyer agreed to talk or answered the survey.
RESPONDED = frozenset({"scheduled", "completed", "coded"})
# Stages that end an invitation without a conversation: they count as asked, not as responded.
UNANSWERED = frozenset({"declined", "no_response", "opted_out"})


def response_rate(stages: Mapping[str, int]) -> Rate:
    """The share of invitations that led to a conversation.

    `stages` counts the interviews that were sent an invitation, by their current stage. Responded:
    scheduled, completed or coded. Asked (n): those plus declined, no response and opted out. Interviews still
    in "invited" are waiting for an answer inside their window and are left out of n, so a batch sent
    yesterday does not pull the rate down; they become "no_response" once the window passes. Stages not
    named here (proposed: never sent) are ignored.
    """
    hits = sum(stages.get(stage, 0) for stage in RESPONDED)
    asked = hits + sum(stages.get(stage, 0) for stage in UNANSWERED)
    return rate(hits, asked)


def response_rate_by_outcome(stages_by_outcome: Mapping[str, Mapping[str, int]]) -> dict[str, Rate]:
    """`response_rate` per deal outcome (won, lost, no_decision, ...), and over them all under "all"."""
    rates = {outcome: response_rate(stages) for outcome, stages in stages_by_outcome.items()}
    total: dict[str, int] = {}
    for stages in stages_by_outcome.values():
        for stage, count in stages.items():
            total[stage] = total.get(stage, 0) + count
    rates["all"] = response_rate(total)
    return rates
