"""An action's before/after, from the stored deals and coded interviews (the arithmetic is winloss.stats.impact),
and "what we changed because of what buyers told us" as plain data for pages, reports and the digest."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from winloss.actions.models import Action, ActionEvent, ActionSettings, Status, team_label
from winloss.deals.models import Deal
from winloss.interviews.models import Code, Interview
from winloss.stats.impact import DealRow, Impact, InterviewedDeal, impact, periods

SECTION_TITLE = "What we changed because of what buyers told us"
SHOWN = (Status.ACCEPTED, Status.IN_PROGRESS, Status.DONE)  # in the section: actions taken or under way


def action_impact(action: Action, as_of: date | None = None) -> Impact | None:
    """The action's before/after as of `as_of` (today by default); None until it is done (or before it was)."""
    as_of = as_of or timezone.localdate()
    if action.status != Status.DONE or action.done_on is None or as_of < action.done_on:
        return None
    before, after = periods(action.done_on, as_of)
    competitors = list(action.competitors.all())
    fields = sorted({name for name, _ in action.segment_pairs})
    deals = deal_rows(before.start, after.end, fields, competitors) if (fields or competitors) else []
    interviewed = interviewed_deals(before.start, after.end, action.themes) if action.themes else []
    return impact(action.done_on, as_of, deals=deals, interviewed=interviewed, themes=action.theme_labels,
                  segments=action.segment_pairs, competitors=[c.name for c in competitors],
                  min_after=ActionSettings.current().min_after)


def deal_rows(start: date, end: date, fields: list[str], competitors: list) -> list[DealRow]:
    """Deals decided between start and end, with the segment fields asked for and which of `competitors` they
    met (the primary competitor or any other named on the deal)."""
    decided = Deal.objects.closed().filter(close_date__range=(start, end))
    met: dict[int, set[str]] = {}
    for competitor in competitors:
        for pk in decided.with_competitor(competitor).values_list("pk", flat=True):
            met.setdefault(pk, set()).add(competitor.name)
    return [DealRow(row["pk"], row["outcome"], row["close_date"], {f: row[f] for f in fields},
                    frozenset(met.get(row["pk"], ())))
            for row in decided.values("pk", "outcome", "close_date", *fields)]


def interviewed_deals(start: date, end: date, themes: list[str]) -> list[InterviewedDeal]:
    """Decided deals with a coded interview, decided between start and end, with the linked themes their buyers
    criticised us on (an effective negative code about us)."""
    interviews = Interview.objects.filter(status=Interview.Status.CODED, deal__close_date__range=(start, end)
                                          ).exclude(deal__outcome="open")
    criticised: dict[int, set[str]] = {}
    for deal, theme in Code.objects.effective().filter(
            statement__turn__interview__in=interviews, polarity="negative", vendor="us", theme__in=themes,
    ).values_list("statement__turn__interview__deal_id", "theme"):
        criticised.setdefault(deal, set()).add(theme)
    return [InterviewedDeal(pk, outcome, closed, frozenset(criticised.get(pk, ())))
            for pk, outcome, closed in interviews.order_by().values_list("deal_id", "deal__outcome",
                                                                         "deal__close_date").distinct()]


def evidence(action: Action) -> dict[str, object]:
    """What the action rests on and what it is meant to move; quotes in their redacted form only."""
    return {
        "themes": [label for _, label in action.theme_labels],
        "competitors": [c.name for c in action.competitors.all()],
        "segments": [f"{name.replace('_', ' ')}: {value}" for name, value in action.segment_pairs],
        "quotes": [q.redacted for q in action.quotes.all()],
        "findings": [f.statement + (" (retired)" if f.status == f.Status.RETIRED else "")
                     for f in action.findings.all()],
    }


def summary(action: Action, as_of: date, status: str | None = None) -> dict[str, object]:
    """The action as plain data, with its evidence and its impact as of `as_of`; `status` is what it was then
    (its status now by default)."""
    status = Status(status or action.status)
    found = action_impact(action, as_of) if status == Status.DONE else None
    return {
        "id": action.pk, "title": action.title, "description": action.description, "team": action.team,
        "team_label": team_label(action.team), "owner": action.owner.get_full_name() or action.owner.username
        if action.owner else "", "status": status.value, "status_label": status.label,
        "due_date": action.due_date.isoformat(), "done_on": action.done_on.isoformat() if found else None,
        "dropped_reason": action.dropped_reason if status == Status.DROPPED else "",
        "url": settings.BASE_URL + reverse("actions:detail", args=[action.pk]),
        "evidence": evidence(action), "impact": found.as_dict() if found else None,
    }


def statuses_on(end: date) -> dict[int, str]:
    """The status on `end` of each action whose status changed after it: the first later change's "before"."""
    then: dict[int, str] = {}
    for pk, changes in (ActionEvent.objects.filter(kind=ActionEvent.Kind.STATUS, at__date__gt=end)
                        .order_by("-at", "-pk").values_list("action_id", "changes")):
        then[pk] = changes["status"][0]  # newest first, so the earliest change after `end` is written last
    return then


def report_section(start: date, end: date) -> dict[str, object]:
    """The section every report and the digest carries: each action that on `end` was accepted, in progress or
    done, with its evidence and, for those done, its impact as of `end`; done ones first, most recent first.
    Plain data (JSON-ready). `start` only names the period: what was changed before it still counts."""
    end = min(end, timezone.localdate())  # a period not over yet: figures as of today
    then = statuses_on(end)
    actions = [(action, then.get(action.pk, action.status)) for action in
               Action.objects.filter(created_at__date__lte=end).select_related("owner")
               .prefetch_related("competitors", "quotes", "findings").order_by("due_date", "pk")]
    shown = [summary(action, end, status) for action, status in actions if status in SHOWN]
    shown.sort(key=lambda a: a["done_on"] or "", reverse=True)
    return {"title": SECTION_TITLE, "start": start.isoformat(), "end": end.isoformat(), "actions": shown}


def impact_lines(action: dict[str, object]) -> list[str]:
    """An action's summary (see `summary`) as plain text lines: what it is, then each before/after figure."""
    lines = [f"{action['title']} ({str(action['status_label']).lower()}, {action['team_label']})"]
    found = action["impact"]
    if found is None:
        return [*lines, "No before/after yet: it appears once the action is done."]
    lines.append(f"Done {found['done_on']}. Before: {found['before']['start']} to {found['before']['end']}; "
                 f"after: {found['after']['start']} to {found['after']['end']}. What changed, not why.")
    for c in found["comparisons"]:
        measure, before, after, change = comparison_cells(c, found["min_after"])
        lines.append(f"{measure}: before {before}, after {after}" + (f": {change}" if change else ""))
    return lines


IMPACT_COLUMNS = ("Measure", "Before", "After", "Change (95% interval)")
IMPACT_NOTE = ("Deals by decision date: after = from the day the action was done; before = as many days before it. "
               "n and 95% Wilson intervals; the change in points with Newcombe's 95% interval. What changed, not why.")


def comparison_cells(c: dict[str, object], min_after: int) -> tuple[str, str, str, str]:
    """One before/after comparison as table cells: measure, before, after, change."""
    if not c["enough"]:
        return (str(c["label"]), _share(c["before"]),
                f"not enough data yet ({c['after']['n']} of {min_after} needed)", "")
    change = "" if c["difference"] is None else (
        f"{100 * c['difference']:+.1f} points (95% {100 * c['difference_low']:+.1f} to "
        f"{100 * c['difference_high']:+.1f})")
    return str(c["label"]), _share(c["before"]), _share(c["after"]), change


def action_line(action: dict[str, object]) -> str:
    """One sentence on an action for a report: what, who, when, and the evidence it rests on."""
    when = f"done {action['done_on']}" if action["done_on"] else f"due {action['due_date']}"
    evidence = action["evidence"]
    rests = "; ".join(f"{name}: {', '.join(evidence[key])}" for key, name in (
        ("findings", "findings"), ("themes", "themes"), ("competitors", "competitors"), ("segments", "segments"))
        if evidence[key])
    return (f"{action['title']} ({str(action['status_label']).lower()}; {action['team_label']}"
            f"{', ' + str(action['owner']) if action['owner'] else ''}; {when})." + (f" On {rests}." if rests else ""))


def section_text(section: dict[str, object]) -> str:
    """The report section as plain text, for the digest: one paragraph per action."""
    if not section["actions"]:
        return f"{section['title']}: no action accepted yet."
    return "\n\n".join([section["title"], *("\n".join(impact_lines(a)) for a in section["actions"])])


def _share(r: dict[str, object]) -> str:
    if not r["n"]:
        return "n=0"
    return f"{100 * r['share']:.0f}% ({r['hits']}/{r['n']}; 95% {100 * r['low']:.0f}-{100 * r['high']:.0f}%)"
