"""Builders for the invitation tests: a proposed interview as the candidate queue leaves it."""

from __future__ import annotations

from django.contrib.auth.models import User

from tests.factory import make_deal
from winloss.deals.models import Contact
from winloss.interviews.models import Interview, Stage
from winloss.program.models import ProgramSettings


def set_up_program() -> ProgramSettings:
    program = ProgramSettings.current()
    program.company = "Northwind Analytics"
    program.reply_to = "winloss@northwind.example"
    program.incentive = "a $50 donation to a charity you choose"
    program.save()
    return program


def make_proposed(interviewer: User | None, *, name: str = "Pat O'Brien", email: str = "pat@acme.example",
                  account: str = "Acme Ltd", stage: str = Stage.PROPOSED, **deal: object) -> Interview:
    deal_row = make_deal(account=account, **deal)
    contact = Contact.objects.create(deal=deal_row, name=name, email=email)
    return Interview.objects.create(deal=deal_row, contact=contact, interviewer=interviewer, stage=stage)
