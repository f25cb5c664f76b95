"""Load the demo program through the code paths a real program goes through. Running it again changes nothing
(except that the demo users' passwords are set again).

What it sets up, in order:

1. Settings (data/program.toml and data/program_run.toml): the company and its competitors, Northwind Systems as
   a strategic competitor, a thank-you incentive, and product line and region as the segments that matter.
2. The shipped Salesforce export (data/salesforce_opportunities.csv, about 450 deals with fixed dates up to
   24 November 2026), imported by `import_deals_file` like a user's file: previewed (a dry run), then imported if
   the preview shows anything to change.
3. People: the five demo users with names (the interviewer is Nadia Brennan and the partner Tom Okafor of Halden
   Research, as the transcripts name them), the interviewer pool with capacities, an email for every sales rep
   and an org chart: two managers over the reps in the export. The analyst, Henrik Dahl, is in the pool and still
   manages the EMEA reps, so neutral assignment keeps their buyers from him. Targets for the current quarter
   (whole program and per region), computed from today's date.
4. The twelve transcripts (data/interviews), coded, each linked to the interviewer user it names.
5. Recent closes, for a live candidate queue whenever the demo is run: the shipped export's dates are fixed, so
   the demo writes a second, small Salesforce export of 13 deals closed 3 to 38 days before today (two too fresh
   for the 7 to 21 day window, eight inside it, three that left it unasked), with Opportunity IDs starting
   "006LIVE", to a temporary folder, imports it with `import_deals_file` and removes it. Run on a later day, the
   same deals move along with the calendar. A deal the demo already asked about is left out of later exports:
   it keeps its dates and its buyer (an import that updates a deal re-creates its contacts).
6. The first time only (skipped once a recent deal has an interview): six recent deals are proposed with
   `queue.propose`, so neutral assignment chooses their interviewers; five buyers are invited with
   `invitations.send_invitations` (the emails go through the email backend, the console unless set otherwise,
   and are logged as Messages); one call is scheduled with a calendar invitation; one buyer declines; one call is
   held: the interviewer's notes are stored question by question, as the call page stores them, then the
   interview is marked completed and coded from the notes; one buyer answers the survey (`surveys.submit_survey`)
   and the answers are coded. Reps are asked for their view of recently closed deals, as `winloss program tick`
   does, and the rep of the deal whose call was held answers, so the rep's view can be set beside the buyer's.

7. Analysis (data/analysis.toml): the analyst confirms what each CRM reason value means (the mapping page's
   suggestions), so reps' reasons can be set beside buyers' on the reps-versus-buyers page; reviews every
   transcript (primary reasons set, the engine's codes and quotes on them accepted and chosen, marked reviewed,
   each step a review event), so the coding agreement page has figures; and writes three findings (two
   published, one draft) citing interviews, their quotes, and figures for the quarter with most interviews.
   Then the actions taken (demo/actions.py): five, one in each status, one of them done in July 2026
   with a before/after view.

The program health page for the current quarter then shows targets against interviews held, coverage, the
response rate, days from decision to interview and each interviewer's load. In the first week or so of a
quarter the window lies in the previous quarter, and so do these interviews: choose that quarter on the page.
"""

from __future__ import annotations

import tempfile
import tomllib
from collections import Counter
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from winloss.accounts.models import Role, set_up_user
from winloss.core.quarters import quarter_of
from winloss.deals.importing import import_deals_file
from winloss.deals.models import Competitor, Deal, SalesRep
from winloss.demo import generate
from winloss.demo.actions import add_demo_actions
from winloss.insights.models import CrmReasonMapping
from winloss.insights.reps import reason_rows
from winloss.interviews import review
from winloss.interviews.coding import code_interview
from winloss.interviews.models import Code, Interview, Quote, Stage
from winloss.program.invitations import mark, schedule, send_invitations
from winloss.program.models import InterviewerProfile, ProgramSettings, RepView, Target
from winloss.program.queue import askable_deals, build, propose
from winloss.program.rep_views import open_rep_view, request_rep_views, submit_rep_view
from winloss.program.surveys import create_survey_link, open_survey, submit_survey, survey_questions
from winloss.reports.models import Finding

DATA = Path(__file__).resolve().parent / "data"
DEMO_PASSWORD = "winloss-demo"
RECENT_PREFIX = "006LIVE"  # Opportunity IDs of the recent closes
SOURCE = "salesforce"


def load_demo() -> str:
    """Set up the demo; running it again changes nothing. Returns a one-line summary."""
    program = tomllib.loads((DATA / "program.toml").read_text(encoding="utf-8"))
    run = tomllib.loads((DATA / "program_run.toml").read_text(encoding="utf-8"))
    today = timezone.localdate()
    with transaction.atomic():
        set_up_settings(program, run)
    created = import_changes(DATA / "salesforce_opportunities.csv")
    with transaction.atomic():
        users = set_up_people(run, today)
    load_interviews(users)
    created += import_recent(run["recent"], today)
    if not Interview.objects.filter(deal__source=SOURCE, deal__crm_id__startswith=RECENT_PREFIX).exists():
        with transaction.atomic():
            run_program(run, users, today)
    with transaction.atomic():
        analyse(users)
    outcomes = dict(Deal.objects.order_by().values_list("outcome").annotate(n=Count("id")))
    queue = build(askable_deals(), today)
    return (f"{program['company']}, {sum(outcomes.values())} deals ({outcomes.get('won', 0)} won, "
            f"{outcomes.get('lost', 0)} lost, {outcomes.get('no_decision', 0)} no decision, "
            f"{outcomes.get('open', 0)} open; {created} new this run), "
            f"{Interview.objects.filter(status=Interview.Status.CODED).count()} coded interviews, "
            f"{len(queue.entries)} candidates in the interview window, {len(queue.left_unasked)} deals left it "
            f"unasked, {Interview.objects.filter(invited_at__isnull=False).count()} buyers invited")


def analyse(users: dict[str, AbstractBaseUser]) -> None:
    """What the analyst does with the coded interviews (data/analysis.toml): confirm what each CRM reason value
    means, review some interviews' coding, and write findings. Findings are written once."""
    analyst = next(user for user in users.values() if user.membership.role == Role.ANALYST)
    for row in reason_rows():
        if row.theme is None and row.suggestion is not None:
            CrmReasonMapping.objects.change(row.reason, row.suggestion, by=analyst)
    plan = tomllib.loads((DATA / "analysis.toml").read_text(encoding="utf-8"))
    interviews = {i.transcript_name: i for i in Interview.objects.filter(status=Interview.Status.CODED)}
    for entry in plan["review"]:
        interview = interviews[entry["file"]]
        if interview.reviewed_at is None:
            review_interview(interview, entry["reasons"], entry.get("corrections", []), analyst)
    if not Finding.objects.exists():
        quarter = busiest_quarter()
        for entry in plan["finding"]:
            write_finding(entry, [interviews[f] for f in entry["files"]], quarter, analyst)
    stakeholder = next(user for user in users.values() if user.membership.role == Role.STAKEHOLDER)
    add_demo_actions(analyst, stakeholder)


def review_interview(interview: Interview, reasons: list[str], corrections: list[dict[str, Any]],
                     analyst: AbstractBaseUser) -> None:
    """The analyst's reasons and corrections; the engine's other codes and quotes on those themes accepted and
    chosen."""
    review.set_reasons(interview, reasons, analyst)
    for correction in corrections:
        code = Code.objects.filter(
            statement__turn__interview=interview, statement__text__startswith=correction["statement"],
            theme=correction["theme"], vendor=correction["vendor"], origin=Code.Origin.ENGINE,
            rejected=False).first()
        if code is None:
            continue
        if "to" in correction:
            review.change(code, analyst, **correction["to"])
        else:
            review.reject(code, analyst)
    for code in Code.objects.filter(statement__turn__interview=interview, theme__in=reasons, accepted=False,
                                    rejected=False):
        review.accept(code, analyst)
    for quote in interview.quotes.kept().filter(theme__in=reasons, chosen=False):
        review.choose_quote(quote, analyst)
    review.mark_reviewed(interview, analyst)


def busiest_quarter() -> str:
    dates = Interview.objects.filter(status=Interview.Status.CODED).values_list("deal__close_date", flat=True)
    return Counter(quarter_of(d) for d in dates if d).most_common(1)[0][0]


def write_finding(entry: dict[str, Any], interviews: list[Interview], quarter: str,
                  analyst: AbstractBaseUser) -> Finding:
    finding = Finding.objects.create(
        statement=entry["statement"], detail=entry["detail"], audiences=entry["audiences"], status=entry["status"],
        figures=[{**figure, "quarter": quarter} for figure in entry["figures"]], created_by=analyst,
        updated_by=analyst)
    finding.interviews.set(interviews)
    finding.quotes.set(Quote.objects.kept().filter(interview__in=interviews, theme__in=entry["quote_themes"]))
    finding.record({}, by=analyst)
    return finding


def import_changes(path: Path, date_format: str = "auto") -> int:
    """Import a Salesforce export as a user does after its preview, when the preview shows something to change (so
    loading again logs no import); returns how many deals were new."""
    preview = import_deals_file(path, source=SOURCE, date_format=date_format, dry_run=True)
    if not (preview["created"] or preview["updated"]):
        return 0
    return import_deals_file(path, source=SOURCE, date_format=date_format)["created"]


def set_up_settings(program: dict[str, Any], run: dict[str, Any]) -> None:
    settings, _ = ProgramSettings.objects.update_or_create(pk=1, defaults={
        "company": program["company"], "aliases": program.get("aliases", []), "incentive": run["incentive"],
        "reply_to": run["reply_to"], "segment_fields": run["segment_fields"]})
    for competitor in program["competitors"]:
        Competitor.objects.update_or_create(name=competitor["name"],
                                            defaults={"aliases": competitor.get("aliases", [])})
    settings.strategic_competitors.add(*Competitor.objects.filter(name__in=run["strategic_competitors"]))


def set_up_people(run: dict[str, Any], today: date) -> dict[str, AbstractBaseUser]:
    """The demo users, the interviewer pool, the reps' emails and managers, and this quarter's targets; returns the
    users by username."""
    for manager in run["managers"]:
        SalesRep.objects.get_or_create(name=manager["name"])
    for manager in run["managers"]:
        SalesRep.objects.filter(name__in=manager["reps"]).update(manager=SalesRep.objects.get(name=manager["name"]))
    for rep in SalesRep.objects.filter(email=""):
        rep.email = rep_email(rep.name)
        rep.save(update_fields=["email"])
    users = {}
    for person in run["users"]:
        user, _ = set_up_user(person["username"], person["role"], password=DEMO_PASSWORD, email=person["email"],
                              organisation=person.get("organisation", ""))
        user.first_name, user.last_name = person["name"].split(" ", 1)
        user.save(update_fields=["first_name", "last_name"])
        if "capacity" in person:
            rep = SalesRep.objects.filter(name=person.get("rep", "")).first()
            InterviewerProfile.objects.get_or_create(user=user, defaults={"capacity": person["capacity"],
                                                                          "sales_rep": rep})
        users[person["username"]] = user
    quarter = quarter_of(today)
    wanted = {("", ""): run["targets"]["all"], **{("region", v): n for v, n in run["targets"]["region"].items()}}
    for (field, value), interviews in wanted.items():
        Target.objects.get_or_create(quarter=quarter, field=field, value=value, defaults={"interviews": interviews})
    return users


def rep_email(name: str) -> str:
    return ".".join(generate.fold(part) for part in name.split()) + "@brightline.example"


def load_interviews(users: dict[str, AbstractBaseUser]) -> None:
    """The demo's buyer interviews, coded now; ones already loaded are left as they are."""
    manifest = tomllib.loads((DATA / "interviews" / "manifest.toml").read_text(encoding="utf-8"))
    interviewers = {user.get_full_name(): user for user in users.values()}
    for entry in manifest["interviews"]:
        path = DATA / "interviews" / entry["file"]
        deal = Deal.objects.get(source=SOURCE, crm_id=entry["crm_id"])
        interview, created = Interview.objects.get_or_create(
            deal=deal, transcript_name=entry["file"],
            defaults={"transcript_path": str(path), "interviewer_name": entry["interviewer"],
                      "interviewer": interviewers[entry["interviewer"]], "date": entry["date"]},
        )
        if created:
            interview.buyers.set(deal.contacts.filter(name__in=entry["buyers"]))
            code_interview(interview)


# Recent closes


def recent_id(number: int) -> str:
    return f"{RECENT_PREFIX}{number:09d}AA"


def recent_rows(deals: list[dict[str, Any]], today: date) -> list[list[str]]:
    """The recent closes as rows of the Salesforce report, dated from today."""
    rows = []
    for deal in deals:
        close = today - timedelta(days=deal["days"])
        name, title, email = deal["contact"]
        rows.append([recent_id(deal["id"]), deal["name"], deal["account"], deal["industry"], deal["employees"],
                     deal["region"], deal["product"], "New Business", deal["stage"], deal["amount"],
                     "100" if deal["stage"] == "Closed Won" else "0", generate.mdy(close),
                     generate.mdy(close - timedelta(days=deal["cycle"])), deal["owner"], deal.get("loss_reason", ""),
                     deal.get("next_step", ""), deal["competitor"], name, title, email, ""])
    return rows


def import_recent(deals: list[dict[str, Any]], today: date) -> int:
    """Write the recent closes not yet asked about as a Salesforce export and import it; returns how many deals
    were new."""
    asked = set(Interview.objects.filter(deal__source=SOURCE, deal__crm_id__startswith=RECENT_PREFIX)
                .values_list("deal__crm_id", flat=True))
    rows = recent_rows([d for d in deals if recent_id(d["id"]) not in asked], today)
    if not rows:
        return 0
    with tempfile.TemporaryDirectory(prefix="winloss-demo-") as folder:
        path = generate.write_report(Path(folder) / "salesforce_recent_closes.csv", rows,
                                     f"{generate.mdy(today)} 9:02 AM")
        return import_changes(path, date_format="mdy")


# The program at work


def run_program(run: dict[str, Any], users: dict[str, AbstractBaseUser], today: date) -> None:
    """Propose, invite, schedule, hold a call, receive a survey, hear a decline and a rep's view."""
    now = timezone.now()
    owner = users["owner"]
    fates = {recent_id(d["id"]): d["fate"] for d in run["recent"] if "fate" in d}
    deals = Deal.objects.filter(source=SOURCE, crm_id__in=fates)
    proposal = propose(list(deals.values_list("pk", flat=True)), by=owner, today=today)
    if proposal.refused:
        raise RuntimeError("The demo could not propose every deal it meant to: " + " ".join(proposal.refused))
    by_fate = {fates[interview.deal.crm_id]: interview for interview in proposal.created}
    program = ProgramSettings.current()
    send_invitations([i for fate, i in by_fate.items() if fate != "proposed"], program.invitation_subject,
                     program.invitation_body, by=owner)
    for interview in by_fate.values():
        interview.refresh_from_db()
    start = datetime.combine(today + timedelta(days=2), time(15), tzinfo=timezone.get_current_timezone())
    schedule(by_fate["scheduled"], start, 45, by=owner)
    mark(by_fate["declined"], Stage.DECLINED, by=owner)
    hold_call(by_fate["call"], run["call"]["notes"])
    answer_survey(by_fate["survey"], run["survey"], now)
    request_rep_views(now)
    answer = run["rep_view"]
    view = open_rep_view(RepView.objects.get(deal__crm_id=recent_id(answer["deal"])).token, now)
    submit_rep_view(view, main_reason=answer["main_reason"],
                    main_competitor=Competitor.objects.get(name=answer["main_competitor"]), no_competitor=False,
                    sureness=answer["sureness"], now=now)


def hold_call(interview: Interview, notes: dict[str, str]) -> None:
    """The interviewer's notes, saved question by question as the call page saves them; then the call is marked
    held and its notes coded."""
    if interview.save_notes(notes, by=interview.interviewer) != len(notes):
        raise ValueError(f"program_run.toml has notes for questions the guide does not have: {sorted(notes)}")
    mark(interview, Stage.COMPLETED, by=interview.interviewer)
    code_interview(interview)


def answer_survey(interview: Interview, answers: dict[str, list], now: datetime) -> None:
    """The buyer opens the survey link from their invitation and answers; the answers are coded."""
    link = open_survey(create_survey_link(interview, now).token, now)
    questions = {q.id: q for q in survey_questions(interview)}
    submit_survey(link, {question: ((rating or None) if questions[question].rating else None, text)
                         for question, (rating, text) in answers.items()}, now)
    interview.refresh_from_db()
    if interview.status != Interview.Status.CODED:  # the task backend only queued the coding
        code_interview(interview)
