"""Plain builders for test data: make_deal(**overrides) and friends."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User

from winloss.accounts.models import Role, set_up_user
from winloss.deals.models import Account, Competitor, Deal, SalesRep
from winloss.interviews.models import Code, Interview, Quote, Stage, Statement, Turn

_ids = itertools.count(1)
PASSWORD = "correct horse battery staple"


def make_user(username: str, role: str | None) -> User:
    if role is None:
        return User.objects.create_user(username, f"{username}@example.com", PASSWORD)
    return set_up_user(username, role, password=PASSWORD, email=f"{username}@example.com")[0]


def make_people() -> dict[str, User]:
    """One named user per role, and an outsider with no role at all."""
    return {
        "owner": make_user("olivia_owner", Role.OWNER),
        "analyst": make_user("andy_analyst", Role.ANALYST),
        "interviewer": make_user("ian_interviewer", Role.INTERVIEWER),
        "external": make_user("erin_external", Role.EXTERNAL_INTERVIEWER),
        "stakeholder": make_user("sam_stakeholder", Role.STAKEHOLDER),
        "outsider": make_user("oscar_outsider", None),
    }


def make_deal(**overrides: Any) -> Deal:
    n = next(_ids)
    values: dict[str, Any] = {
        "source": "salesforce",
        "crm_id": f"006TEST{n:08d}",
        "name": f"Test deal {n}",
        "outcome": "lost",
        "stage": "Closed Lost",
        "close_date": date(2026, 8, 15),
        "amount": Decimal("25000.00"),
        "currency": "USD",
        "region": "EMEA",
        "product_line": "Core Analytics",
    }
    values.update(overrides)
    if isinstance(values.get("account"), str):
        values["account"], _ = Account.objects.get_or_create(name=values["account"])
    if isinstance(values.get("owner"), str):
        values["owner"], _ = SalesRep.objects.get_or_create(name=values["owner"])
    if isinstance(values.get("primary_competitor"), str):
        values["primary_competitor"], _ = Competitor.objects.get_or_create(name=values["primary_competitor"])
    return Deal.objects.create(**values)


def make_coded_interview(deal: Deal, codes: Iterable[tuple] = (), reasons: Iterable[str] = (),
                         quotes: Iterable[tuple[str, str, str]] = (), **overrides: Any) -> Interview:
    """A coded interview on the deal, as coding would store it: one buyer turn holding a statement per code.
    codes: (theme, polarity, vendor) or (theme, polarity, vendor, rejected); vendor is "us", "" or a competitor's
    name (created if new). quotes: (theme, text, redacted) on that turn. reasons: primary reason theme ids."""
    values: dict[str, Any] = {"stage": Stage.CODED, "status": Interview.Status.CODED,
                              "primary_reasons": list(reasons), "date": deal.close_date}
    values.update(overrides)
    interview = Interview.objects.create(deal=deal, **values)
    turn = Turn.objects.create(interview=interview, index=0, speaker="Buyer", role="buyer", text="")
    for k, (theme, polarity, vendor, *rejected) in enumerate(codes):
        statement = Statement.objects.create(turn=turn, start=k, end=k + 1, text=f"{theme} {polarity} {vendor}")
        competitor = None
        if vendor not in ("", "us"):
            competitor, _ = Competitor.objects.get_or_create(name=vendor)
        Code.objects.create(statement=statement, theme=theme, polarity=polarity, vendor=vendor, competitor=competitor,
                            confidence=0.9, rejected=bool(rejected and rejected[0]))
    interview.refresh_coded_themes()
    for theme, text, redacted in quotes:
        Quote.objects.create(interview=interview, turn=turn, theme=theme, text=text, redacted=redacted)
    return interview
