from __future__ import annotations

from django.conf import settings
from django.db import models


class Role(models.TextChoices):
    OWNER = "owner", "Program owner"
    ANALYST = "analyst", "Analyst"
    INTERVIEWER = "interviewer", "Interviewer"
    EXTERNAL_INTERVIEWER = "external_interviewer", "External interviewer"
    STAKEHOLDER = "stakeholder", "Stakeholder"


# Who may do what. A user without a membership is an outsider and sees nothing.
READ_DEALS = frozenset({Role.OWNER, Role.ANALYST, Role.INTERVIEWER, Role.STAKEHOLDER})
IMPORT_DEALS = frozenset({Role.OWNER, Role.ANALYST})
# Transcripts name buyers and colleagues, so stakeholders read redacted reports instead.
READ_INTERVIEWS = frozenset({Role.OWNER, Role.ANALYST, Role.INTERVIEWER})
UPLOAD_TRANSCRIPTS = frozenset({Role.OWNER, Role.ANALYST, Role.INTERVIEWER})
# Running the interview program: settings, targets, interviewers, approving invitations, reassigning.
MANAGE_PROGRAM = frozenset({Role.OWNER})
# The candidate queue and the interviews in flight.
READ_QUEUE = frozenset({Role.OWNER, Role.ANALYST})
# Program health: figures only, no buyer's words.
READ_PROGRAM_HEALTH = frozenset({Role.OWNER, Role.ANALYST, Role.STAKEHOLDER})
# Conducting interviews: an external interviewer only ever sees their own assignments (see permissions.py).
CONDUCT_INTERVIEWS = frozenset({Role.OWNER, Role.ANALYST, Role.INTERVIEWER, Role.EXTERNAL_INTERVIEWER})
# Insights pages: figures and redacted quotes. Reports for an audience: every member.
READ_INSIGHTS = frozenset({Role.OWNER, Role.ANALYST, Role.INTERVIEWER, Role.STAKEHOLDER})
READ_REPORTS = frozenset({Role.OWNER, Role.ANALYST, Role.INTERVIEWER, Role.STAKEHOLDER})
# Reviewing the engine's coding, writing findings, building reports.
REVIEW_CODING = frozenset({Role.OWNER, Role.ANALYST})
WRITE_FINDINGS = frozenset({Role.OWNER, Role.ANALYST})
# Unredacted quotes (names of buyers and colleagues) are for those who may read transcripts.
READ_UNREDACTED = READ_INTERVIEWS
# Actions taken because of what buyers said: everyone inside the company follows them (a partner firm's interviewer
# does not); the owner and analysts create and run them, and an action's own owner moves it along (see
# winloss/actions/models.py).
READ_ACTIONS = frozenset({Role.OWNER, Role.ANALYST, Role.INTERVIEWER, Role.STAKEHOLDER})
MANAGE_ACTIONS = frozenset({Role.OWNER, Role.ANALYST})


class Membership(models.Model):
    """A user's role in the win/loss program. An external interviewer belongs to a partner organisation."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership")
    role = models.CharField(max_length=32, choices=Role.choices)
    organisation = models.CharField(max_length=200, blank=True, help_text="Partner firm, for external interviewers")

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"

    def can(self, permission: frozenset[str]) -> bool:
        return self.role in permission


def set_up_user(username: str, role: str, *, password: str, email: str = "", organisation: str = "",
                ) -> tuple[models.Model, bool]:
    """Create the user with this role, or give an existing one this role and password."""
    from django.contrib.auth import get_user_model

    user, created = get_user_model().objects.get_or_create(username=username, defaults={"email": email})
    user.set_password(password)
    if email:
        user.email = email
    user.is_staff = role == Role.OWNER
    user.is_superuser = role == Role.OWNER
    user.save()
    Membership.objects.update_or_create(user=user, defaults={"role": role, "organisation": organisation})
    return user, created
