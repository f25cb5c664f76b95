"""Who may interview a deal's buyer: never the rep who owned the deal, nor anyone above that rep in the
management chain (when the org chart is known); only active interviewers below their capacity. Among those
allowed, the least loaded is chosen: fewest open assignments, then fewest assignments overall, then by name.

A person is recognised as a rep when their interviewer profile links to that rep, or when their email is the
rep's email (case ignored).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace


class AssignmentError(ValueError):
    """This interviewer may not take this deal; the message says why, for the person who tried."""


@dataclass(frozen=True)
class Rep:
    id: int
    name: str
    email: str = ""
    manager_id: int | None = None


@dataclass(frozen=True)
class Interviewer:
    """`id` is the user's id; `open` counts assignments not yet held (proposed, invited, scheduled)."""

    id: int
    name: str
    email: str = ""
    rep_id: int | None = None
    capacity: int = 5
    active: bool = True
    open: int = 0
    total: int = 0

    def is_rep(self, rep: Rep) -> bool:
        return self.rep_id == rep.id or bool(self.email and rep.email
                                              and self.email.casefold() == rep.email.casefold())


@dataclass(frozen=True)
class Assignment:
    """The interviewer chosen, or None with the reason nobody qualifies."""

    interviewer: Interviewer | None
    reason: str = ""


class OrgChart:
    """The sales reps and who manages whom, as far as the CRM says."""

    def __init__(self, reps: Iterable[Rep]) -> None:
        self.reps: Mapping[int, Rep] = {rep.id: rep for rep in reps}

    def chain(self, rep_id: int | None) -> list[Rep]:
        """The rep, then their manager, that manager's manager and so on; a loop in the data stops the walk."""
        chain: list[Rep] = []
        seen: set[int] = set()
        while rep_id is not None and rep_id in self.reps and rep_id not in seen:
            seen.add(rep_id)
            chain.append(self.reps[rep_id])
            rep_id = self.reps[rep_id].manager_id
        return chain


def objection(interviewer: Interviewer, owner_id: int | None, chart: OrgChart) -> str | None:
    """Why this interviewer may not take a deal owned by `owner_id`, or None when they may."""
    chain = chart.chain(owner_id)
    for level, rep in enumerate(chain):
        if not interviewer.is_rep(rep):
            continue
        if level == 0:
            return "they are the rep who owned it"
        if level == 1:
            return f"they manage the rep who owned it, {chain[0].name}"
        return f"they are above the rep who owned it, {chain[0].name}, in the management chain"
    if not interviewer.active:
        return "they are not an active interviewer"
    if interviewer.open >= interviewer.capacity:
        return f"at capacity, {interviewer.open} of {interviewer.capacity} open assignments"
    return None


def check(interviewer: Interviewer, owner_id: int | None, chart: OrgChart) -> None:
    """Raise AssignmentError when the interviewer may not take the deal."""
    reason = objection(interviewer, owner_id, chart)
    if reason:
        raise AssignmentError(f"{interviewer.name} cannot interview this deal: {reason}")


def choose(pool: Iterable[Interviewer], owner_id: int | None, chart: OrgChart) -> Assignment:
    pool = sorted(pool, key=lambda i: (i.open, i.total, i.name.casefold(), i.id))
    if not pool:
        return Assignment(None, "There are no interviewers: add them in the program settings")
    refusals = []
    for interviewer in pool:
        reason = objection(interviewer, owner_id, chart)
        if reason is None:
            return Assignment(interviewer)
        refusals.append(f"{interviewer.name} ({reason})")
    return Assignment(None, "Nobody can interview this deal: " + "; ".join(refusals))


def assign_batch(owner_ids: Sequence[int | None], pool: Iterable[Interviewer],
                 chart: OrgChart) -> list[Assignment]:
    """Choose for several deals in order, counting each choice in the chosen interviewer's load."""
    load = {interviewer.id: interviewer for interviewer in pool}
    assignments = []
    for owner_id in owner_ids:
        assignment = choose(load.values(), owner_id, chart)
        if assignment.interviewer is not None:
            chosen = assignment.interviewer
            load[chosen.id] = replace(chosen, open=chosen.open + 1, total=chosen.total + 1)
        assignments.append(assignment)
    return assignments
