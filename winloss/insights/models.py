from __future__ import annotations

from django.conf import settings
from django.db import models

from winloss.events import AppendOnly, AppendOnlyQuerySet
from winloss.stats.agreement_reps import reason_key


class CrmReasonMappingQuerySet(AppendOnlyQuerySet):
    def current(self) -> dict[str, str]:
        """Reason key -> theme id ("" for not a reason), as the latest change of each reason left it."""
        return dict(self.order_by("at", "pk").values_list("reason_key", "theme"))

    def history(self, limit: int = 50) -> list[tuple[CrmReasonMapping, str | None]]:
        """The latest changes, newest first, each with the theme its reason had before (None: not mapped)."""
        before: dict[str, str] = {}
        changes = []
        for row in self.select_related("by").order_by("at", "pk"):
            changes.append((row, before.get(row.reason_key)))
            before[row.reason_key] = row.theme
        return changes[::-1][:limit]

    def change(self, reason: str, theme: str, by: object) -> CrmReasonMapping | None:
        """Map this CRM reason to a theme ("" for not a reason); a new row, unless it is mapped so already."""
        latest = self.filter(reason_key=reason_key(reason)).order_by("-at", "-pk").values_list("theme", flat=True)
        if latest.first() == theme:
            return None
        return self.create(reason=reason.strip(), theme=theme, by=by)


class CrmReasonMapping(AppendOnly):
    """One change to what a CRM reason value means: a codebook theme, or "" for not a reason (like "Lost to
    competitor"). Rows are only ever added; a reason's mapping is its latest row, and the rows are its history.
    A reason with no row is not mapped yet."""

    reason_key = models.CharField(max_length=255, db_index=True, help_text="The CRM value, trimmed, case ignored")
    reason = models.CharField(max_length=255, help_text="The CRM value as it was written when mapped")
    theme = models.CharField(max_length=64, blank=True, help_text="A codebook theme id; empty: not a reason")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                           related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    objects = CrmReasonMappingQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.reason} -> {self.theme or '(not a reason)'}"

    def save(self, *args: object, **kwargs: object) -> None:
        self.reason_key = reason_key(self.reason)
        super().save(*args, **kwargs)
