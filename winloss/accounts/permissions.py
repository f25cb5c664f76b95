"""Permission helpers for views: outsiders get 404 (they learn nothing), members without the right 403."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from winloss.accounts.models import READ_INTERVIEWS, Membership, Role

View = Callable[..., HttpResponse]


def membership_of(request: HttpRequest) -> Membership | None:
    if not request.user.is_authenticated:
        return None
    try:
        return request.user.membership
    except Membership.DoesNotExist:
        return None


def require(permission: frozenset[str]) -> Callable[[View], View]:
    """Let a view run only for members whose role is in `permission`."""

    def decorate(view: View) -> View:
        @login_required
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            member = membership_of(request)
            if member is None:
                raise Http404("No such page")
            if not member.can(permission):
                raise PermissionDenied("Your role does not allow this")
            request.member = member  # type: ignore[attr-defined]
            return view(request, *args, **kwargs)

        return wrapper

    return decorate


def sees_interview(member: Membership, interview: Any) -> bool:
    """Owners, analysts and internal interviewers see every interview; an external interviewer (a partner
    firm's person) sees only the interviews assigned to them."""
    if member.role == Role.EXTERNAL_INTERVIEWER:
        return interview.interviewer_id is not None and interview.interviewer_id == member.user_id
    return member.can(READ_INTERVIEWS)


def arranges_interview(member: Membership, interview: Any) -> bool:
    """Who schedules a call, records how it went, takes its notes and uploads its transcript: the owner, an
    analyst, or the interview's own interviewer."""
    return member.role in (Role.OWNER, Role.ANALYST) or (
        interview.interviewer_id is not None and interview.interviewer_id == member.user_id)
