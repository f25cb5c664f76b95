"""Builders for actions and for the quotes they rest on."""

from __future__ import annotations

from datetime import date
from typing import Any

from tests.factory import make_coded_interview
from winloss.actions.models import Action, ActionEvent
from winloss.interviews.models import Quote


def make_action(by: Any = None, **overrides: Any) -> Action:
    values: dict[str, Any] = {"title": "Publish a pricing calculator", "team": "pricing", "due_date": date(2026, 9, 30),
                              "themes": ["price"], "created_by": by, "owner": by}
    competitors = overrides.pop("competitors", [])
    values.update(overrides)
    action = Action.objects.create(**values)
    action.competitors.set(competitors)
    ActionEvent.objects.create(action=action, kind=ActionEvent.Kind.CREATED, by=by)
    return action


def make_quote(deal: Any, theme: str = "price") -> Quote:
    """A buyer's quote naming a person; its redacted form does not."""
    interview = make_coded_interview(deal, quotes=[(theme, "Priya Shah said the price was twice Northwind's.",
                                                    "[name] said the price was twice Northwind's.")])
    return interview.quotes.get()
