"""`winloss import-deals`: counts, idempotent re-imports, and bad files that change nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from django.core import serializers

from winloss.cli import main
from winloss.deals.models import Account, Competitor, Contact, Deal, DealCompetitor, ImportRun, SalesRep

DEMO_EXPORT = Path(__file__).resolve().parents[2] / "winloss" / "demo" / "data" / "salesforce_opportunities.csv"
HEADER = '"Opportunity ID","Opportunity Name","Account Name","Stage","Amount","Close Date","Opportunity Owner"\n'


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["import-deals", *args])
    return result.exit_code, result.stdout, result.stderr


def snapshot() -> str:
    """Everything an import can touch, serialised, so 'unchanged' means unchanged to the byte."""
    objects = [*Deal.objects.all(), *Account.objects.all(), *Contact.objects.all(), *Competitor.objects.all(),
               *DealCompetitor.objects.all(), *SalesRep.objects.all(), *ImportRun.objects.all()]
    return serializers.serialize("json", objects)


@pytest.mark.django_db
def test_the_salesforce_sample_imports_once_and_then_is_unchanged(shared):
    path = str(shared / "realdata" / "salesforce-event-monitoring-demo" / "Opportunitys.json")
    code, out, _ = run(path, "--json")
    assert code == 0
    assert json.loads(out) == {"created": 278, "updated": 0, "unchanged": 0, "won": 112, "lost": 17,
                               "no_decision": 0, "open": 149}
    code, out, _ = run(path, "--json")
    assert json.loads(out) == {"created": 0, "updated": 0, "unchanged": 278, "won": 112, "lost": 17,
                               "no_decision": 0, "open": 149}
    assert Deal.objects.count() == 278
    notes = set(Deal.objects.filter(outcome="lost").values_list("crm_reason_note", flat=True))
    assert "had some price concerns" in notes
    assert "they wanted everything but had no budget" in notes


@pytest.mark.django_db
def test_a_dry_run_reports_counts_and_writes_nothing():
    before = snapshot()
    code, out, _ = run(str(DEMO_EXPORT), "--dry-run", "--json")
    assert code == 0
    counts = json.loads(out)
    assert counts["created"] == 452 and counts["unchanged"] == 0
    assert snapshot() == before


@pytest.mark.django_db
def test_the_demo_export_brings_contacts_competitors_and_reasons():
    Competitor.objects.create(name="Northwind Systems", aliases=["Northwind", "NW"])
    code, out, _ = run(str(DEMO_EXPORT), "--json")
    assert code == 0, out
    assert json.loads(out)["won"] + json.loads(out)["lost"] + json.loads(out)["no_decision"] == 370
    assert Contact.objects.exclude(email="").count() >= 400
    assert not Competitor.objects.filter(name__iexact="northwind").exists()
    assert not Competitor.objects.filter(name__iexact="none").exists()
    assert Deal.objects.filter(primary_competitor__name="Northwind Systems").count() > 20
    assert Deal.objects.filter(outcome="lost").exclude(crm_reason="").count() > 150
    assert SalesRep.objects.count() == 8


@pytest.mark.django_db
def test_a_newer_export_updates_deals_without_duplicating_them(tmp_path):
    first = tmp_path / "first.csv"
    first.write_text(HEADER
                     + '"006A","Acme - Renewal","Acme","Negotiation/Review","USD 10,000.00","3/31/2026","Ana Diaz"\n'
                     '"006B","Beta - New","Beta","Closed Won","USD 5,000.00","2/28/2026","Ana Diaz"\n')
    assert run(str(first), "--json")[0] == 0
    newer = tmp_path / "newer.csv"
    newer.write_text(HEADER + '"006A","Acme - Renewal","Acme","Closed Lost","USD 12,000.00","4/2/2026","Ana Diaz"\n'
                     '"006B","Beta - New","Beta","Closed Won","USD 5,000.00","2/28/2026","Ana Diaz"\n'
                     '"006C","Gamma - Pilot","Gamma","Closed Won","USD 1,000.00","4/3/2026","Bo Chen"\n')
    code, out, _ = run(str(newer), "--json")
    assert json.loads(out) == {"created": 1, "updated": 1, "unchanged": 1, "won": 2, "lost": 1,
                               "no_decision": 0, "open": 0}
    acme = Deal.objects.get(crm_id="006A")
    assert (acme.outcome, str(acme.amount), acme.close_date.isoformat()) == ("lost", "12000.00", "2026-04-02")
    assert Deal.objects.count() == 3


BAD_FILES = {
    "bad date": (HEADER + '"006A","Acme","Acme","Closed Won","USD 1.00","31/31/2026","Ana"\n', 2, "Close Date"),
    "missing column": ('"Opportunity ID","Opportunity Name","Stage","Amount"\n"006A","Acme","Closed Won","1"\n',
                       1, "Close Date"),
    "truncated line": (HEADER + '"006A","Acme","Acme","Closed Won","USD 1.00","3/31/2026","Ana"\n"006B","Be',
                       3, None),
}


@pytest.mark.django_db
@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_a_malformed_file_exits_2_names_line_and_field_and_changes_nothing(tmp_path, case):
    assert run(str(DEMO_EXPORT))[0] == 0
    before = snapshot()
    content, line, field = BAD_FILES[case]
    path = tmp_path / "broken.csv"
    path.write_text(content)
    code, out, err = run(str(path), "--source", "salesforce")
    assert code == 2
    assert f"broken.csv, line {line}" in err
    if field:
        assert f"field '{field}'" in err
    assert snapshot() == before
    code, out, _ = run(str(path), "--source", "salesforce", "--json")
    assert code == 2
    assert json.loads(out)["error"]["line"] == line


@pytest.mark.django_db
def test_a_generic_csv_needs_a_mapping_and_imports_with_one(tmp_path):
    path = tmp_path / "pipeline.csv"
    path.write_text("opportunity_id,sales_agent,account,deal_stage,close_date,close_value\n"
                    "X1,Ann Lee,Acme,Won,2026-03-01,1200\nX2,Ann Lee,Beta,Lost,2026-03-02,0\n")
    code, _, err = run(str(path), "--source", "csv")
    assert code == 2 and "mapping" in err
    mapping = tmp_path / "map.toml"
    mapping.write_text('[columns]\ncrm_id = "opportunity_id"\nname = "account"\nstage = "deal_stage"\n'
                       'close_date = "close_date"\namount = "close_value"\nowner = "sales_agent"\n')
    code, out, err = run(str(path), "--source", "csv", "--mapping", str(mapping), "--json")
    assert code == 0, err
    assert json.loads(out)["won"] == 1 and json.loads(out)["lost"] == 1


@pytest.mark.django_db
def test_the_decimal_mark_can_be_given_when_amounts_are_ambiguous(tmp_path):
    path = tmp_path / "eu.csv"
    path.write_text(HEADER + '"006A","Acme","Acme","Closed Won","1.500","31/03/2026","Ana"\n')
    assert run(str(path), "--decimal-mark", ",", "--date-format", "dmy")[0] == 0
    assert str(Deal.objects.get().amount) == "1500.00"
    assert run(str(path), "--decimal-mark", ".", "--date-format", "dmy")[0] == 0
    assert str(Deal.objects.get().amount) == "1.50"


CONTACT_HEADER = HEADER.rstrip("\n") + ',"Primary Contact","Contact Title","Contact Email"\n'


@pytest.mark.django_db
def test_a_reimport_updates_contacts_in_place_so_an_interview_keeps_its_buyer(tmp_path):
    from winloss.interviews.models import Interview

    row = '"006A","Acme - Core","Acme","Closed Lost","USD 1,000.00","8/15/2026","Sam Ortiz","Pat Lee","{title}",' \
          '"pat@acme.example"\n'
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    first.write_text(CONTACT_HEADER + row.format(title="CFO"))
    second.write_text(CONTACT_HEADER + row.format(title="Chief Financial Officer").replace("1,000", "2,000"))
    assert run(str(first), "--source", "salesforce")[0] == 0
    pat = Contact.objects.get(name="Pat Lee")
    interview = Interview.objects.create(deal=pat.deal, contact=pat)
    interview.buyers.add(pat)
    code, out, _ = run(str(second), "--source", "salesforce", "--json")
    assert code == 0 and json.loads(out)["updated"] == 1
    interview.refresh_from_db()
    assert interview.contact_id == pat.pk and interview.contact.title == "Chief Financial Officer"
    assert list(interview.buyers.all()) == [pat]


@pytest.mark.django_db
def test_a_contact_gone_from_the_export_is_removed_on_reimport(tmp_path):
    row = '"006B","Birch - Core","Birch","Closed Won","USD {amount}","8/15/2026","Sam Ortiz","{name}","",""\n'
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    first.write_text(CONTACT_HEADER + row.format(amount="1,000.00", name="Old Buyer"))
    second.write_text(CONTACT_HEADER + row.format(amount="2,000.00", name="New Buyer"))
    run(str(first), "--source", "salesforce")
    run(str(second), "--source", "salesforce")
    assert list(Contact.objects.values_list("name", flat=True)) == ["New Buyer"]
