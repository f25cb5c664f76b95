"""From what a CRM says about a deal (stage, flags, status, reason) to won, lost, no decision or open."""

from __future__ import annotations

import re
from functools import lru_cache

from winloss.core.crm.base import OutcomeMap
from winloss.core.crm.records import Outcome

DEFAULT_STAGE_OUTCOMES: dict[str, Outcome] = {
    "closed won": "won",
    "won": "won",
    "closedwon": "won",
    "closed lost": "lost",
    "lost": "lost",
    "closedlost": "lost",
    "no decision": "no_decision",
    "closed no decision": "no_decision",
    "closed - no decision": "no_decision",
    "no_decision": "no_decision",
    "closed/no decision": "no_decision",
}

PIPEDRIVE_STATUSES: dict[str, Outcome] = {"won": "won", "lost": "lost", "open": "open"}

# Orgs number their stages ("7 - Closed Won", "07. Closed Lost"); the number says nothing about outcome.
_NUMBER_PREFIX = re.compile(r"^\s*\d+\s*[-.):]?\s*")
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
_NO_DECISION = re.compile(r"\bno[ _-]?decision\b|\bd(?:id|o) nothing\b|\bstatus quo\b", re.IGNORECASE)


def _squash(stage: str) -> str:
    """ "Closed - Won", "closed_won" and "ClosedWon" all become "closedwon"."""
    return _NOT_ALNUM.sub("", stage.lower())


_DEFAULTS_SQUASHED: dict[str, Outcome] = {_squash(k): v for k, v in DEFAULT_STAGE_OUTCOMES.items()}


def stage_key(stage: str) -> str:
    """How stages are looked up in a user's OutcomeMap: lower-cased, whitespace collapsed."""
    return " ".join(stage.lower().split())


def outcome_for(
    stage: str,
    *,
    is_won: bool | None = None,
    is_closed: bool | None = None,
    reason: str = "",
    status: str = "",
    outcome_map: OutcomeMap = OutcomeMap(),  # noqa: B008 - frozen, so sharing the default is safe
) -> Outcome:
    """The outcome of one deal.

    The user's stage map comes first, then the CRM's own flags (Salesforce IsWon/IsClosed), then a
    Pipedrive status, then well-known stage names, then "won"/"lost" inside the stage name. A lost
    deal whose reason (or stage) says no decision, do nothing or status quo is "no_decision": CRMs
    have no such outcome, so reps file it as lost.
    """
    outcome = _user_outcome(stage, outcome_map) or _flag_outcome(is_won, is_closed)
    outcome = outcome or _status_outcome(status) or _stage_outcome(stage)
    if outcome == "lost" and (is_no_decision_reason(reason) or _stage_outcome(stage) == "no_decision"):
        return "no_decision"
    return outcome


def is_no_decision_reason(reason: str) -> bool:
    """Whether a loss reason means the buyer bought nothing: no decision, did nothing, status quo."""
    return bool(reason) and _NO_DECISION.search(reason) is not None


def _user_outcome(stage: str, outcome_map: OutcomeMap) -> Outcome | None:
    if not outcome_map.stages or not stage:
        return None
    key = stage_key(stage)
    return outcome_map.stages.get(key) or outcome_map.stages.get(_NUMBER_PREFIX.sub("", key))


def _flag_outcome(is_won: bool | None, is_closed: bool | None) -> Outcome | None:
    if is_won:
        return "won"
    if is_closed is None:
        return None
    return "lost" if is_closed else "open"


def _status_outcome(status: str) -> Outcome | None:
    if not status:
        return None
    key = status.strip().lower()
    if key == "deleted":
        raise ValueError("the deal is deleted")
    if key not in PIPEDRIVE_STATUSES:
        raise ValueError(f"{status!r} is not a deal status (expected won, lost or open)")
    return PIPEDRIVE_STATUSES[key]


@lru_cache(maxsize=1024)
def _stage_outcome(stage: str) -> Outcome:
    key = _squash(_NUMBER_PREFIX.sub("", stage))
    known = _DEFAULTS_SQUASHED.get(key)
    if known:
        return known
    if "won" in key and "closed" in key:
        return "won"
    if "lost" in key:
        return "lost"
    if "nodecision" in key:
        return "no_decision"
    return "open"
