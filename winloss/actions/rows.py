"""An action as one flat row: the CSV export and `winloss actions list --json`."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.urls import reverse

from winloss.actions.models import Action

HEADER = ("id", "title", "team", "owner", "status", "due_date", "overdue", "done_on", "dropped_reason", "themes",
          "competitors", "segments", "quotes", "findings", "created_by", "created_at", "url")


def row(action: Action, today: date) -> dict[str, object]:
    """The action's fields as plain values; lists (themes, competitors, segments, finding statements) as lists,
    quotes as their count."""
    return {
        "id": action.pk, "title": action.title, "team": action.team,
        "owner": action.owner.username if action.owner else "", "status": action.status,
        "due_date": action.due_date.isoformat(), "overdue": action.is_overdue(today),
        "done_on": action.done_on.isoformat() if action.done_on else "", "dropped_reason": action.dropped_reason,
        "themes": list(action.themes), "competitors": sorted(c.name for c in action.competitors.all()),
        "segments": [f"{s['field']}={s['value']}" for s in action.segments], "quotes": len(action.quotes.all()),
        "findings": [f.statement for f in action.findings.all()],
        "created_by": action.created_by.username if action.created_by else "",
        "created_at": action.created_at.isoformat(timespec="seconds"),
        "url": settings.BASE_URL + reverse("actions:detail", args=[action.pk]),
    }


def csv_cells(values: dict[str, object]) -> list[str]:
    return ["; ".join(v) if isinstance(v, list) else str(v).lower() if isinstance(v, bool) else str(v)
            for v in (values[key] for key in HEADER)]
