"""Seed a benchmark database: 100,000 imported deals, then 5,000 coded interviews with 100,000 codes.

Used by bench/insights_pages.py. The deals go through the real importer (bench/import_deals.py's CSV); the
interviews, turns, statements, codes and quotes are bulk-inserted with the shapes the coding engine stores, and
each interview's codes folded by theme as coding stores them.
"""

from __future__ import annotations

import random
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from import_deals import write_csv  # noqa: E402

THEMES = ["price", "commercial_terms", "product_fit", "ease_of_use", "integration", "security_compliance",
          "differentiation", "sales_experience", "responsiveness", "implementation", "support", "reputation",
          "relationship", "buyer_context"]
POLARITIES = ["positive", "negative", "negative", "neutral"]
VENDORS = ["us", "us", "us", "Northwind", "Tessera", "QuantaCloud", ""]
SENTENCE = ("Honestly the {theme} side of it was what we kept coming back to in every meeting with the "
            "team, and Dana Whitfield said so too.")


def import_deals(folder: Path, env: dict[str, str], rows: int) -> None:
    csv_path = folder / "opportunities.csv"
    write_csv(csv_path, rows)
    subprocess.run([sys.executable, "-m", "winloss", "migrate"], env=env, check=True, stdout=subprocess.DEVNULL)
    subprocess.run([sys.executable, "-m", "winloss", "import-deals", str(csv_path)], env=env, check=True,
                   stdout=subprocess.DEVNULL)


def seed_interviews(interviews: int = 5_000, codes: int = 100_000, seed: int = 7) -> None:
    """Bulk-insert coded interviews on closed deals (needs Django set up against the bench database)."""
    from django.db import transaction

    from winloss.deals.models import Competitor, Deal, Outcome
    from winloss.interviews.models import Code, Interview, Quote, Stage, Statement, Turn

    rnd = random.Random(seed)
    deal_ids = list(Deal.objects.exclude(outcome=Outcome.OPEN).values_list("id", flat=True)[:interviews])
    competitors = {c.name: c for c in Competitor.objects.all()}
    now = datetime.now(UTC)
    codes_per_interview = codes // len(deal_ids)
    with transaction.atomic():
        Interview.objects.bulk_create(
            Interview(deal_id=deal_id, stage=Stage.CODED, status=Interview.Status.CODED, coded_at=now,
                      primary_reasons=rnd.sample(THEMES, rnd.randint(1, 3)), transcript_name="bench.vtt")
            for deal_id in deal_ids)
        interview_ids = list(Interview.objects.order_by("id").values_list("id", flat=True))
        Turn.objects.bulk_create(
            Turn(interview_id=i, index=n, speaker="Dana Whitfield" if n % 2 else "Priya Raman",
                 role="buyer" if n % 2 else "interviewer", start=30.0 * n, text=SENTENCE.format(theme="price") * 4)
            for i in interview_ids for n in range(8))
        buyer_turns = list(Turn.objects.filter(role="buyer").values_list("id", "interview_id"))
        statements = []
        for turn_id, _ in buyer_turns:
            for k in range(codes_per_interview // 4):
                statements.append(Statement(turn_id=turn_id, start=k * 10, end=k * 10 + 9, text="A statement."))
        Statement.objects.bulk_create(statements, batch_size=5000)
        statement_ids = Statement.objects.values_list("id", flat=True).iterator()
        rows = []
        for statement_id in statement_ids:
            vendor = rnd.choice(VENDORS)
            rows.append(Code(statement_id=statement_id, theme=rnd.choice(THEMES), polarity=rnd.choice(POLARITIES),
                             vendor=vendor, competitor=competitors.get(vendor), confidence=rnd.random()))
        Code.objects.bulk_create(rows, batch_size=5000)
        Interview.objects.filter(pk__in=interview_ids).refresh_coded_themes()  # as coding and review do
        first_turn = {interview: turn for turn, interview in buyer_turns}
        Quote.objects.bulk_create(
            (Quote(interview_id=interview, turn_id=turn, theme=rnd.choice(THEMES),
                   text=SENTENCE.format(theme="pricing"), redacted=SENTENCE.format(theme="pricing").replace(
                       "Dana Whitfield", "[Buyer]"))
             for interview, turn in first_turn.items() for _ in range(3)), batch_size=5000)
