"""The interview program's pure rules: which closed deals to ask about first (`ranking`) and who may interview
the buyer (`assignment`). Plain records in, plain records out; no Django."""

from __future__ import annotations

from winloss.core.program.assignment import (
    Assignment,
    AssignmentError,
    Interviewer,
    OrgChart,
    Rep,
    assign_batch,
    check,
    choose,
    objection,
)
from winloss.core.program.ranking import Candidate, Ranked, Reason, SegmentGap, rank, segment_gaps

__all__ = [
    "Assignment",
    "AssignmentError",
    "Candidate",
    "Interviewer",
    "OrgChart",
    "Ranked",
    "Reason",
    "Rep",
    "SegmentGap",
    "assign_batch",
    "check",
    "choose",
    "objection",
    "rank",
    "segment_gaps",
]
