"""Actions for the demo program, for the demo's loader to call once the deals, interviews and findings are in:
five actions across teams and statuses, each resting on a quote (and a published finding) of its themes when the
demo has one. One was done on 1 July 2026 and has a visible before/after in the shipped export (the EMEA win rate
and the win rate against QuantaCloud rose; too few interviews yet for the share of lost deals criticising
security); one is overdue and one dropped with its reason. Running it again changes nothing."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from winloss.actions.models import Action, ActionEvent
from winloss.deals.models import Competitor
from winloss.interviews.models import Quote
from winloss.reports.models import Finding

DONE_ON = date(2026, 7, 1)


def add_demo_actions(analyst: Any, stakeholder: Any, today: date | None = None) -> int:
    """Create the demo's actions, by the analyst, owned by the analyst or the stakeholder; how many were made."""
    if Action.objects.exists():
        return 0
    today = today or timezone.localdate()
    with transaction.atomic():
        done = _action(analyst, stakeholder, "Security and compliance pack for EMEA deals", "sales_enablement",
                       "EMEA buyers told us we could not answer their security questionnaires in time; QuantaCloud "
                       "could. Give reps a ready pack: certifications, data residency, a filled-in questionnaire.",
                       due=date(2026, 6, 30), themes=["security_compliance"], segments=[("region", "EMEA")],
                       competitors=["QuantaCloud"], created=datetime(2026, 5, 12, 9, tzinfo=UTC))
        for status, day in (("accepted", date(2026, 5, 14)), ("in_progress", date(2026, 5, 26)),
                            ("done", DONE_ON)):
            if day <= today:
                done.move(status, by=stakeholder, at=datetime.combine(day, datetime.min.time(), UTC)
                          + timedelta(hours=15))
        recent = datetime.combine(today - timedelta(days=20), datetime.min.time(), UTC) + timedelta(hours=10)
        battlecard = _action(analyst, analyst, "Northwind battlecard: answer the integration objection",
                             "sales_enablement", "Buyers who chose Northwind say its integrations looked "
                             "ready-made and ours looked like a project.", due=today + timedelta(days=10),
                             themes=["integration", "differentiation"], competitors=["Northwind Systems"],
                             created=recent)
        battlecard.move("accepted", by=analyst, at=recent + timedelta(days=1))
        battlecard.move("in_progress", by=analyst, at=recent + timedelta(days=3))
        prices = _action(analyst, stakeholder, "Publish list prices for Forecasting", "pricing",
                         "Buyers could not tell what Forecasting would cost without a call.",
                         due=today - timedelta(days=5), themes=["price"], segments=[("product_line", "Forecasting")],
                         created=recent)
        prices.move("accepted", by=stakeholder, at=recent + timedelta(days=2))
        _action(analyst, stakeholder, "A named onboarding lead in the first week", "customer_success",
                "Won and lost buyers alike worry about the first weeks after signing.", due=today + timedelta(days=30),
                themes=["implementation"], created=recent)
        dropped = _action(analyst, analyst, "Discount ladder for APAC", "pricing", "", due=today + timedelta(days=20),
                          themes=["commercial_terms"], segments=[("region", "APAC")], created=recent)
        dropped.move("dropped", by=analyst, reason="Finance is reworking APAC pricing for next year",
                     at=recent + timedelta(days=4))
    return 5


def _action(by: Any, owner: Any, title: str, team: str, description: str, *, due: date, themes: list[str],
            created: datetime, segments: list[tuple[str, str]] = (), competitors: list[str] = ()) -> Action:
    action = Action.objects.create(title=title, team=team, description=description, owner=owner, due_date=due,
                                   themes=themes, segments=[{"field": f, "value": v} for f, v in segments],
                                   created_by=by, created_at=created)
    action.competitors.set(Competitor.objects.filter(name__in=competitors))
    action.quotes.set(Quote.objects.kept().filter(theme__in=themes).order_by("pk")[:1])
    action.findings.set(Finding.objects.published().filter(quotes__theme__in=themes).distinct().order_by("pk")[:1])
    ActionEvent.objects.create(action=action, kind=ActionEvent.Kind.CREATED, by=by, at=created)
    return action
