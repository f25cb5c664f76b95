"""Load the demo program (users, competitors, CRM export) through the same importer as a user's file."""

from __future__ import annotations

import tomllib
from pathlib import Path

from django.db import transaction

from winloss.accounts.models import Role, set_up_user
from winloss.deals.importing import import_deals_file
from winloss.deals.models import Competitor, Deal
from winloss.interviews.coding import code_interview
from winloss.interviews.models import Interview
from winloss.program.models import ProgramSettings

DATA = Path(__file__).resolve().parent / "data"
DEMO_PASSWORD = "winloss-demo"
DEMO_USERS = (
    ("owner", Role.OWNER, ""),
    ("analyst", Role.ANALYST, ""),
    ("interviewer", Role.INTERVIEWER, ""),
    ("partner", Role.EXTERNAL_INTERVIEWER, "Halden Research"),
    ("stakeholder", Role.STAKEHOLDER, ""),
)


def load_demo() -> str:
    """Set up the demo; running it again changes nothing."""
    with transaction.atomic():
        for username, role, organisation in DEMO_USERS:
            set_up_user(username, role, password=DEMO_PASSWORD, email=f"{username}@brightline.example",
                        organisation=organisation)
        program = tomllib.loads((DATA / "program.toml").read_text(encoding="utf-8"))
        ProgramSettings.objects.update_or_create(pk=1, defaults={"company": program["company"],
                                                                 "aliases": program.get("aliases", [])})
        for competitor in program["competitors"]:
            Competitor.objects.update_or_create(name=competitor["name"],
                                                defaults={"aliases": competitor.get("aliases", [])})
    counts = import_deals_file(DATA / "salesforce_opportunities.csv", source="salesforce")
    coded = load_interviews()
    total = sum(counts[k] for k in ("won", "lost", "no_decision", "open"))
    return (f"{program['company']}, {total} deals ({counts['won']} won, {counts['lost']} lost, "
            f"{counts['no_decision']} no decision, {counts['open']} open; {counts['created']} new this run), "
            f"{coded} coded interviews")


def load_interviews() -> int:
    """The demo's buyer interviews, coded now; ones already loaded are left as they are."""
    manifest = tomllib.loads((DATA / "interviews" / "manifest.toml").read_text(encoding="utf-8"))
    for entry in manifest["interviews"]:
        path = DATA / "interviews" / entry["file"]
        deal = Deal.objects.get(source="salesforce", crm_id=entry["crm_id"])
        interview, created = Interview.objects.get_or_create(
            deal=deal, transcript_name=entry["file"],
            defaults={"transcript_path": str(path), "interviewer_name": entry["interviewer"],
                      "date": entry["date"]},
        )
        if created:
            interview.buyers.set(deal.contacts.filter(name__in=entry["buyers"]))
            code_interview(interview)
    return Interview.objects.filter(status=Interview.Status.CODED).count()
