"""Builders for actions and for coded interviews whose criticisms are known."""

from __future__ import annotations

from datetime import date
from typing import Any

from winloss.actions.models import Action, ActionEvent
from winloss.interviews.models import Code, Interview, Quote, Statement, Turn


def make_action(by: Any = None, **overrides: Any) -> Action:
    values: dict[str, Any] = {"title": "Publish a pricing calculator", "team": "pricing", "due_date": date(2026, 9, 30),
                              "themes": ["price"], "created_by": by, "owner": by}
    competitors = overrides.pop("competitors", [])
    values.update(overrides)
    action = Action.objects.create(**values)
    action.competitors.set(competitors)
    ActionEvent.objects.create(action=action, kind=ActionEvent.Kind.CREATED, by=by)
    return action


def make_coded_interview(deal: Any, *, criticised: tuple[str, ...] = (), praised: tuple[str, ...] = (),
                         about_competitor: tuple[str, ...] = (), rejected: tuple[str, ...] = ()) -> Interview:
    """A coded interview on `deal` whose buyer criticised us on `criticised` themes, praised us on `praised`,
    criticised a competitor on `about_competitor`, and was coded negative about us on `rejected` by the engine
    but an analyst rejected those codes."""
    interview = Interview.objects.create(deal=deal, stage="coded", status=Interview.Status.CODED)
    turn = Turn.objects.create(interview=interview, index=0, speaker="Buyer", role="buyer",
                               text="What the buyer said.")
    statement = Statement.objects.create(turn=turn, start=0, end=len(turn.text), text=turn.text)
    for theme in criticised:
        Code.objects.create(statement=statement, theme=theme, polarity="negative", vendor="us", confidence=0.9)
    for theme in praised:
        Code.objects.create(statement=statement, theme=theme, polarity="positive", vendor="us", confidence=0.9)
    for theme in about_competitor:
        Code.objects.create(statement=statement, theme=theme, polarity="negative", vendor="Northwind",
                            confidence=0.9)
    for theme in rejected:
        Code.objects.create(statement=statement, theme=theme, polarity="negative", vendor="us", confidence=0.9,
                            rejected=True)
    return interview


def make_quote(deal: Any, theme: str = "price", text: str = "Priya Shah said the price was twice Northwind's.",
               redacted: str = "[name] said the price was twice Northwind's.") -> Quote:
    interview = make_coded_interview(deal)
    return Quote.objects.create(interview=interview, turn=interview.turns.first(), theme=theme, text=text,
                                redacted=redacted)
