"""A coded interview built directly (no engine run), with a buyer turn in non-ASCII text."""

from __future__ import annotations

from tests.factory import make_deal
from winloss.deals.models import Competitor
from winloss.interviews.models import Code, Interview, Quote, Statement, Turn
from winloss.program.models import ProgramSettings

ANSWER = ("Zoë’s team — naïve café people — loved Northwind’s onboarding. Honestly the price was too high for us. "
          "Marcus never called back.")
SECOND = "Support at Brightline was slow, everyone said so."


def make_coded_interview(**overrides: object) -> Interview:
    ProgramSettings.objects.update_or_create(pk=1, defaults={"company": "Brightline", "aliases": []})
    northwind, _ = Competitor.objects.get_or_create(name="Northwind", defaults={"aliases": []})
    interview = Interview.objects.create(deal=make_deal(), status=Interview.Status.CODED, stage="coded",
                                         primary_reasons=["price", "implementation"],
                                         engine_reasons=["price", "implementation"], transcript_name="call.txt",
                                         transcript_path="/nonexistent/call.txt", **overrides)
    Turn.objects.create(interview=interview, index=0, speaker="Nadia Brennan", role="interviewer",
                        text="Thanks. What made the difference in the end?")
    answer = Turn.objects.create(interview=interview, index=1, speaker="Gregory Underwood", role="buyer", text=ANSWER)
    Turn.objects.create(interview=interview, index=2, speaker="Nadia Brennan", role="interviewer",
                        text="And support?")
    second = Turn.objects.create(interview=interview, index=3, speaker="Gregory Underwood", role="buyer", text=SECOND)
    onboarding = _statement(answer, "Zoë’s team — naïve café people — loved Northwind’s onboarding.")
    price = _statement(answer, "Honestly the price was too high for us.")
    support = _statement(second, SECOND)
    Code.objects.create(statement=onboarding, theme="implementation", polarity="positive", vendor="Northwind",
                        competitor=northwind, confidence=0.8)
    Code.objects.create(statement=price, theme="price", polarity="negative", vendor="us", confidence=0.7)
    Code.objects.create(statement=support, theme="support", polarity="negative", vendor="us", confidence=0.6)
    interview.refresh_coded_themes()
    Quote.objects.create(interview=interview, turn=answer, theme="price", text=price.text, redacted=price.text)
    return interview


def _statement(turn: Turn, text: str) -> Statement:
    start = turn.text.index(text)
    return Statement.objects.create(turn=turn, start=start, end=start + len(text), text=text)
