"""Append-only history tables: every edit that matters is a row that is written once and never changed, so the
audit trail and the history come from one place. A row goes only with the object it is the history of."""

from __future__ import annotations

from django.db import models


class AppendOnlyError(ValueError):
    """An attempt to change or delete a history row."""


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs: object) -> int:
        raise AppendOnlyError(f"{self.model._meta.verbose_name_plural} are history: never rewritten")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError(f"{self.model._meta.verbose_name_plural} are history: never rewritten")


class AppendOnly(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: object, **kwargs: object) -> None:
        if not self._state.adding:
            raise AppendOnlyError(f"a {self._meta.verbose_name} is history: never rewritten")
        super().save(*args, **kwargs)

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError(f"a {self._meta.verbose_name} is history: never rewritten")
