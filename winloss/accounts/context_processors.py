from django.http import HttpRequest

from winloss.accounts.models import IMPORT_DEALS, READ_DEALS
from winloss.accounts.permissions import membership_of


def membership(request: HttpRequest) -> dict[str, object]:
    member = membership_of(request)
    return {
        "member": member,
        "can_read_deals": bool(member and member.can(READ_DEALS)),
        "can_import_deals": bool(member and member.can(IMPORT_DEALS)),
    }
