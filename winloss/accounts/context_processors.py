from django.http import HttpRequest

from winloss.accounts.models import (
    CONDUCT_INTERVIEWS,
    IMPORT_DEALS,
    MANAGE_ACTIONS,
    MANAGE_PROGRAM,
    READ_ACTIONS,
    READ_DEALS,
    READ_INSIGHTS,
    READ_PROGRAM_HEALTH,
    READ_QUEUE,
    READ_REPORTS,
    REVIEW_CODING,
    WRITE_FINDINGS,
)
from winloss.accounts.permissions import membership_of


def membership(request: HttpRequest) -> dict[str, object]:
    member = membership_of(request)
    return {
        "member": member,
        "can_read_deals": bool(member and member.can(READ_DEALS)),
        "can_import_deals": bool(member and member.can(IMPORT_DEALS)),
        "can_read_queue": bool(member and member.can(READ_QUEUE)),
        "can_read_program_health": bool(member and member.can(READ_PROGRAM_HEALTH)),
        "can_conduct_interviews": bool(member and member.can(CONDUCT_INTERVIEWS)),
        "can_manage_program": bool(member and member.can(MANAGE_PROGRAM)),
        "can_read_insights": bool(member and member.can(READ_INSIGHTS)),
        "can_read_reports": bool(member and member.can(READ_REPORTS)),
        "can_review_coding": bool(member and member.can(REVIEW_CODING)),
        "can_write_findings": bool(member and member.can(WRITE_FINDINGS)),
        "can_read_actions": bool(member and member.can(READ_ACTIONS)),
        "can_manage_actions": bool(member and member.can(MANAGE_ACTIONS)),
    }
