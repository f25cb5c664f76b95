"""Whom to interview and who interviews: the queue's window and exclusions, its ranking, proposing, the pipeline,
reassignment under the neutrality rule, and each interviewer's own assignments."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.urls import reverse

from tests.factory import PASSWORD, make_deal, make_user
from winloss.accounts.models import Role
from winloss.deals.models import Contact, Deal, SalesRep
from winloss.interviews.models import GuideVersion, Interview, Stage, StageEvent
from winloss.program.models import InterviewerProfile, OptOut, ProgramSettings, Target
from winloss.program.views import queue as queue_views

TODAY = date(2026, 9, 1)  # a Tuesday in 2026Q3; the default window takes decisions from Aug 11 to Aug 25


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(datetime(2026, 9, 1, 12, tzinfo=UTC), tick=False):
        yield


def days_ago(n: int) -> date:
    return TODAY - timedelta(days=n)


def candidate(name: str, *, decided: int = 10, email: str | None = None, **fields) -> Deal:
    deal = make_deal(name=name, close_date=days_ago(decided), **fields)
    Contact.objects.create(deal=deal, name=f"Buyer of {name}", email=email or f"buyer{deal.pk}@acme.example")
    return deal


def interviewer(username: str, full_name: str, *, role: str = Role.INTERVIEWER, **profile):
    user = make_user(username, role)
    user.first_name, user.last_name = full_name.split(" ", 1)
    user.save()
    InterviewerProfile.objects.create(user=user, **profile)
    return user


def log_in(client, user):
    client.login(username=user.username, password=PASSWORD)
    return client


def queue_names(client, **params) -> list[str]:
    return [entry.deal.name for entry in client.get(reverse("program:queue"), params).context["queue"].entries]


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def owner_client(client, people):
    return log_in(client, people["owner"])


# --- The queue: who is in it -------------------------------------------------------------------------------


def test_the_window_takes_decisions_from_7_to_21_days_ago_and_reports_the_rest(owner_client):
    for day in (6, 7, 21, 22):
        candidate(f"Day {day}", decided=day)
    candidate("Day 91", decided=91)
    queue = owner_client.get(reverse("program:queue")).context["queue"]
    assert {entry.deal.name for entry in queue.entries} == {"Day 7", "Day 21"}
    assert [deal.name for deal in queue.left_unasked] == ["Day 22"]
    assert queue.too_fresh == 1


def test_the_window_follows_the_program_settings(owner_client):
    ProgramSettings.objects.update_or_create(pk=1, defaults={"window_start_days": 3, "window_end_days": 5})
    for day in (2, 3, 5, 6):
        candidate(f"Day {day}", decided=day)
    assert set(queue_names(owner_client)) == {"Day 3", "Day 5"}


def test_deals_left_unasked_are_shown_on_the_page(owner_client):
    candidate("Forgotten renewal", decided=30)
    page = owner_client.get(reverse("program:queue")).content.decode()
    assert "Left the window unasked" in page and "Forgotten renewal" in page


def test_an_opted_out_buyer_is_not_asked_whatever_the_case_of_the_address(owner_client):
    candidate("Opted out", email="Maya.Ortiz@Acme.example")
    OptOut.objects.create(email="maya.ortiz@acme.example")
    other = candidate("Two buyers", email="gone@acme.example")
    Contact.objects.create(deal=other, name="Zed Still Here", email="zed@acme.example")
    OptOut.objects.create(email="GONE@acme.example")
    [entry] = owner_client.get(reverse("program:queue")).context["queue"].entries
    assert entry.deal.name == "Two buyers" and entry.contact.email == "zed@acme.example"


def test_deals_without_a_buyer_email_are_not_in_the_queue(owner_client):
    no_email = make_deal(name="No email", close_date=days_ago(10))
    Contact.objects.create(deal=no_email, name="Phone only", phone="+1 555 0100")
    make_deal(name="No contact", close_date=days_ago(10))
    candidate("Has email")
    assert queue_names(owner_client) == ["Has email"]


def test_deals_already_asked_and_open_deals_are_not_in_the_queue(owner_client):
    declined = candidate("Declined before")
    Interview.objects.create(deal=declined, stage=Stage.DECLINED)
    candidate("Still open", outcome="open", stage="Negotiation")
    candidate("Askable")
    assert queue_names(owner_client) == ["Askable"]


# --- The queue: ranking --------------------------------------------------------------------------------------


def test_candidates_are_ranked_with_the_reasons_shown(owner_client):
    settings = ProgramSettings.current()
    candidate("Won small", outcome="won", amount=5_000, region="APAC")
    candidate("Lost big", outcome="lost", amount=84_000, region="APAC")
    strategic = candidate("No decision vs Northwind", outcome="no_decision", amount=5_000,
                          primary_competitor="Northwind", region="EMEA")
    settings.strategic_competitors.add(strategic.primary_competitor)
    Target.objects.create(quarter="2026Q3", field="region", value="EMEA", interviews=4)
    for _ in range(2):
        Interview.objects.create(deal=make_deal(region="EMEA", close_date=date(2026, 7, 20)), stage=Stage.COMPLETED)
    response = owner_client.get(reverse("program:queue"))
    entries = response.context["queue"].entries
    assert [e.deal.name for e in entries] == ["No decision vs Northwind", "Lost big", "Won small"]
    assert [str(r) for r in entries[0].ranked.reasons] == [
        "No-decision deal +25", "Strategic competitor Northwind +15", "Region EMEA is 50% behind its Q3 target +10"]
    page = response.content.decode()
    assert "Lost deal +30" in page and "Deal size 84,000 +8" in page and "Region EMEA is 50% behind" in page


def test_edited_ranking_weights_reorder_the_queue(owner_client):
    candidate("Lost", outcome="lost")
    candidate("Won big", outcome="won", amount=500_000)
    assert queue_names(owner_client) == ["Lost", "Won big"]
    ProgramSettings.objects.update_or_create(pk=1, defaults={"ranking": {"lost": 0}})
    assert queue_names(owner_client) == ["Won big", "Lost"]


def test_the_queue_filters_by_outcome_and_segment_with_or_without_htmx(owner_client):
    candidate("Lost EMEA", outcome="lost", region="EMEA")
    candidate("Won APAC", outcome="won", region="APAC")
    assert queue_names(owner_client, outcome="won") == ["Won APAC"]
    assert queue_names(owner_client, region="EMEA") == ["Lost EMEA"]
    fragment = owner_client.get(reverse("program:queue"), {"region": "APAC"}, HTTP_HX_REQUEST="true")
    assert b"Won APAC" in fragment.content and b"Lost EMEA" not in fragment.content
    assert b"<html" not in fragment.content


# --- Proposing ----------------------------------------------------------------------------------------------


def test_proposing_creates_proposed_calls_with_a_neutral_interviewer_and_a_recorded_event(client, people):
    ivy = interviewer("ivy", "Ivy Nolan")
    deal = candidate("Acme renewal")
    owner = people["owner"]
    response = log_in(client, owner).post(reverse("program:propose"), {"deal": [deal.pk]})
    assert response.status_code == 302
    interview = Interview.objects.get(deal=deal)
    assert (interview.stage, interview.kind, interview.interviewer, interview.created_by) == (
        Stage.PROPOSED, Interview.Kind.CALL, ivy, owner)
    assert interview.contact == deal.contacts.get()
    assert interview.guide_version == GuideVersion.current()
    event = interview.events.get()
    assert (event.before, event.after, event.by) == ("", Stage.PROPOSED, owner)
    assert queue_names(client) == []


def test_proposing_a_deal_twice_creates_one_interview_and_says_so(client, people):
    interviewer("ivy", "Ivy Nolan")
    deal = candidate("Acme renewal")
    log_in(client, people["owner"])
    client.post(reverse("program:propose"), {"deal": [deal.pk]}, follow=True)  # shows and so consumes its message
    again = client.post(reverse("program:propose"), {"deal": [deal.pk, deal.pk]})
    assert Interview.objects.filter(deal=deal).count() == 1
    assert messages_of(again) == ["Acme renewal already has an interview (proposed); nothing was added."]


def test_proposing_never_gives_a_deal_to_its_rep_or_anyone_above_them(client, people):
    vp = SalesRep.objects.create(name="Lee Park", email="lee@corp.example")
    manager = SalesRep.objects.create(name="Dana Reyes", manager=vp)
    rep = SalesRep.objects.create(name="Sam Ortiz", manager=manager)
    interviewer("sam", "Sam Ortiz", sales_rep=rep)
    interviewer("dana", "Dana Reyes", sales_rep=manager)
    lee = interviewer("lee", "Lee Park")
    lee.email = "LEE@corp.example"
    lee.save()
    neutral = interviewer("ivy", "Ivy Nolan", capacity=10)
    Interview.objects.create(deal=make_deal(), interviewer=neutral, stage=Stage.SCHEDULED)  # the busiest one
    deals = [candidate(f"Sam's deal {n}", owner=rep) for n in range(3)]
    log_in(client, people["owner"]).post(reverse("program:propose"), {"deal": [d.pk for d in deals]})
    assert {i.interviewer for i in Interview.objects.filter(deal__in=deals)} == {neutral}


def test_proposing_balances_load_and_respects_capacity(client, people):
    ann = interviewer("ann", "Ann Berg", capacity=2)
    bea = interviewer("bea", "Bea Moss", capacity=2)
    deals = [candidate(f"Deal {n}") for n in range(5)]
    response = log_in(client, people["owner"]).post(reverse("program:propose"), {"deal": [d.pk for d in deals]})
    assigned = [i.interviewer for i in Interview.objects.all()]
    assert sorted(u.username for u in assigned) == ["ann", "ann", "bea", "bea"]
    [refusal] = [m for m in messages_of(response) if "not proposed" in m]
    assert "Ann Berg (at capacity, 2 of 2 open assignments)" in refusal
    assert {ann, bea} == set(assigned)


def test_only_deals_in_the_queue_can_be_proposed(client, people):
    interviewer("ivy", "Ivy Nolan")
    stale = candidate("Too old", decided=40)
    response = log_in(client, people["owner"]).post(reverse("program:propose"), {"deal": [stale.pk]})
    assert not Interview.objects.exists()
    assert messages_of(response) == ["Too old is not in the queue (outside the window, or no buyer who can be "
                                     "asked)."]


# --- Reassignment -------------------------------------------------------------------------------------------


@pytest.fixture
def org(db):
    """Sam Ortiz sells under Dana Reyes, who reports to Lee Park; Ivy and Max are neutral interviewers."""
    vp = SalesRep.objects.create(name="Lee Park")
    manager = SalesRep.objects.create(name="Dana Reyes", manager=vp)
    rep = SalesRep.objects.create(name="Sam Ortiz", email="sam@corp.example", manager=manager)
    people = {
        "sam": interviewer("sam", "Sam Ortiz"),  # recognised by email
        "dana": interviewer("dana", "Dana Reyes", sales_rep=manager),
        "lee": interviewer("lee", "Lee Park", sales_rep=vp),
        "ivy": interviewer("ivy", "Ivy Nolan"),
        "max": interviewer("max", "Max Hill", capacity=1),
    }
    people["sam"].email = "Sam@Corp.example"
    people["sam"].save()
    deal = candidate("Acme renewal", owner=rep)
    interview = Interview.objects.create(deal=deal, contact=deal.contacts.get(), interviewer=people["ivy"])
    return {**people, "interview": interview}


@pytest.mark.parametrize(("person", "message"), [
    ("sam", "Acme renewal: Sam Ortiz cannot interview this deal: they are the rep who owned it."),
    ("dana", "Acme renewal: Dana Reyes cannot interview this deal: they manage the rep who owned it, Sam Ortiz."),
    ("lee", "Acme renewal: Lee Park cannot interview this deal: they are above the rep who owned it, Sam Ortiz, "
            "in the management chain."),
])
def test_reassigning_to_the_rep_or_their_managers_is_refused_and_changes_nothing(client, people, org, person,
                                                                                 message):
    interview = org["interview"]
    response = log_in(client, people["owner"]).post(reverse("program:reassign", args=[interview.pk]),
                                                    {"interviewer": org[person].pk}, follow=True)
    assert message in response.content.decode()
    interview.refresh_from_db()
    assert interview.interviewer == org["ivy"]
    assert not StageEvent.objects.exists()


def test_reassigning_to_someone_at_capacity_is_refused(client, people, org):
    Interview.objects.create(deal=make_deal(), interviewer=org["max"], stage=Stage.INVITED)
    response = log_in(client, people["owner"]).post(reverse("program:reassign", args=[org["interview"].pk]),
                                                    {"interviewer": org["max"].pk})
    assert messages_of(response) == ["Acme renewal: Max Hill cannot interview this deal: at capacity, 1 of 1 open "
                                     "assignments."]
    org["interview"].refresh_from_db()
    assert org["interview"].interviewer == org["ivy"]


def test_reassigning_to_a_neutral_interviewer_records_who_and_from_whom(client, people, org):
    response = log_in(client, people["owner"]).post(reverse("program:reassign", args=[org["interview"].pk]),
                                                    {"interviewer": org["max"].pk})
    org["interview"].refresh_from_db()
    assert org["interview"].interviewer == org["max"]
    event = org["interview"].events.get()
    assert (event.note, event.by, event.before, event.after) == (
        "reassigned from Ivy Nolan to Max Hill", people["owner"], Stage.PROPOSED, Stage.PROPOSED)
    assert messages_of(response) == ["Acme renewal: reassigned from Ivy Nolan to Max Hill."]


def test_a_held_interview_cannot_be_reassigned(client, people, org):
    Interview.objects.filter(pk=org["interview"].pk).update(stage=Stage.COMPLETED)
    response = log_in(client, people["owner"]).post(reverse("program:reassign", args=[org["interview"].pk]),
                                                    {"interviewer": org["max"].pk})
    assert "only interviews not yet held can be reassigned" in messages_of(response)[0]
    assert Interview.objects.get(pk=org["interview"].pk).interviewer == org["ivy"]


# --- The pipeline and my assignments ------------------------------------------------------------------------


def test_the_pipeline_lists_interviews_in_flight_by_stage_with_their_interviewer(client, people, org):
    Interview.objects.create(deal=make_deal(name="Globex"), interviewer=org["max"], stage=Stage.SCHEDULED)
    Interview.objects.create(deal=make_deal(name="Done deal"), interviewer=org["max"], stage=Stage.CODED)
    response = log_in(client, people["analyst"]).get(reverse("program:pipeline"))
    stages = {label: [i.deal.name for i in interviews] for label, interviews in response.context["stages"]}
    assert stages == {"Proposed": ["Acme renewal"], "Invited": [], "Scheduled": ["Globex"]}
    assert "Ivy Nolan" in response.content.decode()
    assert b"Reassign" not in response.content  # analysts read, only the owner reassigns


def test_each_interviewer_sees_only_their_own_assignments(client, people):
    external = people["external"]
    InterviewerProfile.objects.create(user=external)
    Interview.objects.create(deal=make_deal(name="Theirs"), interviewer=external)
    Interview.objects.create(deal=make_deal(name="Colleague deal"), interviewer=people["interviewer"])
    Interview.objects.create(deal=make_deal(name="Unassigned"))
    page = log_in(client, external).get(reverse("program:my_assignments")).content.decode()
    assert "Theirs" in page and "Colleague deal" not in page and "Unassigned" not in page
    page = log_in(client, people["interviewer"]).get(reverse("program:my_assignments")).content.decode()
    assert "Colleague deal" in page and "Theirs" not in page


# --- Permissions --------------------------------------------------------------------------------------------

READERS = {"owner": 200, "analyst": 200, "interviewer": 403, "stakeholder": 403, "external": 403, "outsider": 404}
MANAGERS = {"owner": 302, "analyst": 403, "interviewer": 403, "stakeholder": 403, "external": 403, "outsider": 404}
CONDUCTORS = {"owner": 200, "analyst": 200, "interviewer": 200, "stakeholder": 403, "external": 200,
              "outsider": 404}
PAGES = {
    "program:queue": ("get", READERS),
    "program:propose": ("post", MANAGERS),
    "program:pipeline": ("get", READERS),
    "program:reassign": ("post", MANAGERS),
    "program:my_assignments": ("get", CONDUCTORS),
}


def test_every_page_of_this_area_is_in_the_permission_table():
    assert {f"program:{p.name}" for p in queue_views.urlpatterns} == set(PAGES)


def _url(name: str, interview: Interview) -> str:
    return reverse(name, args=[interview.pk]) if name == "program:reassign" else reverse(name)


@pytest.mark.parametrize("name", sorted(PAGES))
@pytest.mark.parametrize("person", sorted(READERS))
def test_each_role_gets_what_it_should(client, people, name, person):
    deal = candidate("Secret Acme deal")
    interview = Interview.objects.create(deal=candidate("Secret Globex deal"), interviewer=people["interviewer"])
    InterviewerProfile.objects.create(user=people["analyst"])
    method, expected = PAGES[name]
    data = {"deal": [deal.pk], "interviewer": people["analyst"].pk} if method == "post" else {}
    response = getattr(log_in(client, people[person]), method)(_url(name, interview), data)
    assert response.status_code == expected[person]
    if expected[person] in (403, 404):
        assert b"Secret" not in response.content
        assert Interview.objects.get() == interview and interview.events.count() == 0


@pytest.mark.parametrize("name", sorted(PAGES))
def test_anonymous_visitors_are_sent_to_log_in(client, db, name):
    interview = Interview.objects.create(deal=candidate("Acme"))
    response = getattr(client, PAGES[name][0])(_url(name, interview))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
