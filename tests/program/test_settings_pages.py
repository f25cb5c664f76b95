"""The program owner's settings pages: each section saves only itself, invalid input is refused with the field
named and nothing saved, and only the owner gets in."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factory import PASSWORD, make_deal
from winloss.accounts.models import Role
from winloss.deals.models import Competitor, Contact, SalesRep
from winloss.program.models import InterviewerProfile, ProgramSettings, Target, default_ranking
from winloss.program.views import settings as settings_views

OWNER_ONLY = {"analyst": 403, "interviewer": 403, "external": 403, "stakeholder": 403, "outsider": 404}

# url name -> (method, the owner's status). An empty POST is invalid for most forms (400); for the ones where
# empty is a valid answer (no targets, no manager) and for removal, the owner is redirected (302).
PAGES = {
    "program:settings": ("get", 200),
    "program:settings_save": ("post", 400),
    "program:texts": ("get", 200),
    "program:texts_preview": ("post", 400),
    "program:competitors": ("get", 200),
    "program:competitor_add": ("post", 400),
    "program:competitor_edit": ("post", 400),
    "program:competitor_remove": ("post", 302),
    "program:targets": ("get", 200),
    "program:interviewers": ("get", 200),
    "program:interviewer_add": ("post", 400),
    "program:interviewer_edit": ("post", 400),
    "program:external_add": ("post", 400),
    "program:rep_manager": ("post", 302),
}


@pytest.fixture
def owner(client, people):
    client.login(username=people["owner"].username, password=PASSWORD)
    return client


def _url(name: str, competitor: Competitor, profile: InterviewerProfile, rep: SalesRep) -> str:
    args = {"program:settings_save": ["company"], "program:competitor_edit": [competitor.pk],
            "program:competitor_remove": [competitor.pk], "program:interviewer_edit": [profile.pk],
            "program:rep_manager": [rep.pk]}
    return reverse(name, args=args.get(name))


def test_every_settings_page_is_in_the_permission_table():
    assert {f"program:{p.name}" for p in settings_views.urlpatterns} == set(PAGES)


@pytest.mark.parametrize("name", sorted(PAGES))
@pytest.mark.parametrize("person", ["owner", *sorted(OWNER_ONLY)])
def test_only_the_owner_gets_into_the_settings(client, people, name, person):
    ProgramSettings.objects.create(pk=1, company="Secretly Named Ltd")
    competitor = Competitor.objects.create(name="Hidden Rival")
    profile = InterviewerProfile.objects.create(user=people["interviewer"])
    rep = SalesRep.objects.create(name="Ana Diaz")
    method, owner_status = PAGES[name]
    client.login(username=people[person].username, password=PASSWORD)
    response = getattr(client, method)(_url(name, competitor, profile, rep))
    assert response.status_code == (owner_status if person == "owner" else OWNER_ONLY[person])
    if person != "owner":
        assert Competitor.objects.filter(name="Hidden Rival").exists()
        assert b"Secretly Named" not in response.content and b"Hidden Rival" not in response.content


@pytest.mark.parametrize("name", sorted(PAGES))
def test_anonymous_visitors_are_sent_to_log_in(client, people, name):
    profile = InterviewerProfile.objects.create(user=people["interviewer"])
    method, _ = PAGES[name]
    response = getattr(client, method)(_url(name, Competitor.objects.create(name="Rival"), profile,
                                            SalesRep.objects.create(name="Ana Diaz")))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert Competitor.objects.exists()


def test_an_unknown_section_is_not_found(owner):
    assert owner.post(reverse("program:settings_save", args=["nonsense"])).status_code == 404


def test_the_company_section_saves_only_its_own_columns(owner):
    with CaptureQueriesContext(connection) as queries:
        response = owner.post(reverse("program:settings_save", args=["company"]),
                              {"company-company": "Acme Analytics", "company-aliases": "Acme\nAcmeCloud, Acme"})
    assert response.status_code == 302
    settings = ProgramSettings.current()
    assert (settings.company, settings.aliases) == ("Acme Analytics", ["Acme", "AcmeCloud"])
    update = next(q["sql"] for q in queries.captured_queries if q["sql"].startswith("UPDATE"))
    assert '"company"' in update and '"aliases"' in update and '"outcome_mix"' not in update


def test_the_company_name_is_required(owner):
    response = owner.post(reverse("program:settings_save", args=["company"]),
                          {"company-company": "", "company-aliases": "Acme"})
    assert response.status_code == 400
    assert "Company: This field is required." in response.content.decode()
    assert ProgramSettings.current().aliases == []


def test_the_outcome_mix_must_add_up_to_100(owner):
    url = reverse("program:settings_save", args=["mix"])
    response = owner.post(url, {"mix-won": "30", "mix-lost": "40", "mix-no_decision": "20"})
    assert response.status_code == 400
    assert "add up to 90%; they must add up to 100%" in response.content.decode()
    assert ProgramSettings.current().outcome_mix == {"won": 30, "lost": 50, "no_decision": 20}
    assert owner.post(url, {"mix-won": "40", "mix-lost": "40", "mix-no_decision": "20"}).status_code == 302
    assert ProgramSettings.current().outcome_mix == {"won": 40, "lost": 40, "no_decision": 20}


def test_the_window_must_end_after_it_starts_and_nothing_of_the_section_is_saved(owner):
    url = reverse("program:settings_save", args=["timing"])
    data = {"timing-window_start_days": "21", "timing-window_end_days": "21", "timing-reminder_after_days": "3",
            "timing-no_response_after_days": "10"}
    response = owner.post(url, data)
    assert response.status_code == 400
    assert "Window ends (days after the decision): The window must end after it starts" in response.content.decode()
    settings = ProgramSettings.current()
    assert (settings.window_start_days, settings.window_end_days, settings.reminder_after_days) == (7, 21, 5)
    assert owner.post(url, {**data, "timing-window_start_days": "5"}).status_code == 302
    settings = ProgramSettings.current()
    assert (settings.window_start_days, settings.window_end_days, settings.reminder_after_days) == (5, 21, 3)


def test_a_reminder_must_come_before_an_invitation_is_given_up(owner):
    response = owner.post(reverse("program:settings_save", args=["timing"]), {
        "timing-window_start_days": "7", "timing-window_end_days": "21", "timing-reminder_after_days": "14",
        "timing-no_response_after_days": "14"})
    assert response.status_code == 400
    assert "Mark no response after (days without an answer): An invitation must stay open" in \
        response.content.decode()


def test_segments_are_saved_in_their_standard_order(owner):
    response = owner.post(reverse("program:settings_save", args=["segments"]),
                          {"segments-segment_fields": ["industry", "region"]})
    assert response.status_code == 302
    assert ProgramSettings.current().segment_fields == ["region", "industry"]


def test_ranking_weights_are_saved_and_a_negative_one_refused(owner):
    url = reverse("program:settings_save", args=["ranking"])
    data = {f"ranking-{k}": str(v) for k, v in default_ranking().items()}
    response = owner.post(url, {**data, "ranking-lost": "-1", "ranking-segment_gap": "50"})
    assert response.status_code == 400
    assert "Points for a lost deal: Ensure this value is greater than or equal to 0." in response.content.decode()
    assert ProgramSettings.current().ranking == default_ranking()
    assert owner.post(url, {**data, "ranking-segment_gap": "50"}).status_code == 302
    assert ProgramSettings.current().ranking == {**default_ranking(), "segment_gap": 50}


def test_the_incentive_reply_to_and_survey_validity_are_saved_and_checked(owner):
    url = reverse("program:settings_save", args=["extras"])
    response = owner.post(url, {"extras-incentive": "A $50 donation", "extras-reply_to": "not an address",
                                "extras-survey_valid_days": "0"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Reply to: Enter a valid email address." in page
    assert "A survey link works for (days): A survey link must work for at least a day." in page
    assert ProgramSettings.current().incentive == ""
    response = owner.post(url, {"extras-incentive": "A $50 donation", "extras-reply_to": "winloss@acme.example",
                                "extras-survey_valid_days": "10"})
    assert response.status_code == 302
    settings = ProgramSettings.current()
    assert (settings.incentive, settings.reply_to, settings.survey_valid_days) == (
        "A $50 donation", "winloss@acme.example", 10)


def _texts(**changes: str) -> dict[str, str]:
    settings = ProgramSettings()
    data = {f"texts-{f}": getattr(settings, f) for f in ("invitation_subject", "invitation_body", "reminder_subject",
                                                          "reminder_body")}
    return {**data, **{f"texts-{k}": v for k, v in changes.items()}}


def test_a_text_with_a_template_syntax_error_is_refused_with_the_error(owner):
    response = owner.post(reverse("program:settings_save", args=["texts"]),
                          _texts(invitation_body="Hello {% if contact.name %}{{ contact.name }}"))
    assert response.status_code == 400
    assert "Invitation body: Template error: Unclosed tag" in response.content.decode()
    assert ProgramSettings.current().invitation_body == ProgramSettings().invitation_body


def test_valid_texts_are_saved(owner):
    response = owner.post(reverse("program:settings_save", args=["texts"]),
                          _texts(reminder_subject="Still keen to hear from you, {{ contact.name }}"))
    assert response.status_code == 302
    assert ProgramSettings.current().reminder_subject == "Still keen to hear from you, {{ contact.name }}"


def test_the_preview_renders_the_texts_for_a_recent_deal_without_saving_them(owner):
    ProgramSettings.objects.create(pk=1, company="Acme Analytics", incentive="a donation to a charity you choose")
    deal = make_deal(name="Globex <b>renewal</b>", account="Globex")
    Contact.objects.create(deal=deal, name="Maya O'Brien", email="maya@globex.example")
    data = _texts(invitation_subject="For {{ contact.name }} at {{ deal.account.name }}")
    response = owner.post(reverse("program:texts_preview"), data, HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert response.status_code == 200 and "<html" not in page
    assert "For Maya O&#x27;Brien at Globex" in page  # escaped once, by the page: the email itself is plain text
    assert "As a thank-you: a donation to a charity you choose." in page
    assert "decision on Globex &lt;b&gt;renewal&lt;/b&gt;." in page and "<b>renewal" not in page
    assert ProgramSettings.current().invitation_subject == ProgramSettings().invitation_subject


def test_the_preview_without_deals_uses_a_made_up_one_and_reports_a_syntax_error(owner):
    response = owner.post(reverse("program:texts_preview"), _texts())
    assert response.status_code == 200 and "Alex Example" in response.content.decode()
    response = owner.post(reverse("program:texts_preview"), _texts(reminder_body="{{ deal.name|nosuchfilter }}"),
                          HTTP_HX_REQUEST="true")
    assert "Reminder body: Template error: Invalid filter: &#x27;nosuchfilter&#x27;" in response.content.decode()


def test_a_competitor_is_added_with_aliases_and_made_strategic(owner):
    response = owner.post(reverse("program:competitor_add"), {"add-name": "Northwind Systems",
                                                             "add-aliases": "Northwind\nNW", "add-strategic": "on"})
    assert response.status_code == 302
    northwind = Competitor.objects.get(name="Northwind Systems")
    assert northwind.aliases == ["Northwind", "NW"]
    assert list(ProgramSettings.current().strategic_competitors.all()) == [northwind]


def test_a_competitor_is_edited_and_no_longer_strategic(owner):
    tessera = Competitor.objects.create(name="Tessera", aliases=["Tesera"])
    ProgramSettings.current().strategic_competitors.add(tessera)
    response = owner.post(reverse("program:competitor_edit", args=[tessera.pk]),
                          {f"c{tessera.pk}-name": "Tessera Inc", f"c{tessera.pk}-aliases": "Tessera"})
    assert response.status_code == 302
    tessera.refresh_from_db()
    assert (tessera.name, tessera.aliases) == ("Tessera Inc", ["Tessera"])
    assert not ProgramSettings.current().strategic_competitors.exists()


def test_a_name_another_competitor_already_uses_is_refused(owner):
    Competitor.objects.create(name="Northwind Systems", aliases=["NW"])
    tessera = Competitor.objects.create(name="Tessera")
    response = owner.post(reverse("program:competitor_edit", args=[tessera.pk]),
                          {f"c{tessera.pk}-name": "Tessera", f"c{tessera.pk}-aliases": "nw", f"c{tessera.pk}-strategic":
                           "on"})
    assert response.status_code == 400
    assert "&#x27;nw&#x27; already names Northwind Systems." in response.content.decode()
    tessera.refresh_from_db()
    assert tessera.aliases == [] and not ProgramSettings.current().strategic_competitors.exists()


def test_a_removed_competitor_leaves_its_deals(owner):
    deal = make_deal(primary_competitor="Gone Corp")
    response = owner.post(reverse("program:competitor_remove", args=[deal.primary_competitor.pk]))
    assert response.status_code == 302
    deal.refresh_from_db()
    assert deal.primary_competitor is None and not Competitor.objects.exists()


def _target_fields(response) -> dict[str, str]:
    """Target form field name by label."""
    form = response.context["form"]
    return {form.fields[name].label: name for name in form.fields}


def test_targets_are_set_per_segment_value_and_for_the_whole_program(owner):
    ProgramSettings.objects.create(pk=1, segment_fields=["region"])
    make_deal(region="EMEA")
    make_deal(region="APAC")
    url = f"{reverse('program:targets')}?quarter=2026Q3"
    names = _target_fields(owner.get(url))
    assert list(names) == ["Whole program", "Region: APAC", "Region: EMEA"]
    response = owner.post(url, {names["Whole program"]: "12", names["Region: EMEA"]: "5"})
    assert response.status_code == 302
    assert set(Target.objects.values_list("quarter", "field", "value", "interviews")) == {
        ("2026Q3", "", "", 12), ("2026Q3", "region", "EMEA", 5)}
    assert owner.post(url, {names["Whole program"]: "10"}).status_code == 302
    assert set(Target.objects.values_list("field", "value", "interviews")) == {("", "", 10)}


def test_an_invalid_target_is_refused_and_no_target_changes(owner):
    ProgramSettings.objects.create(pk=1, segment_fields=["region"])
    make_deal(region="EMEA")
    Target.objects.create(quarter="2026Q3", field="", value="", interviews=8)
    url = f"{reverse('program:targets')}?quarter=2026Q3"
    names = _target_fields(owner.get(url))
    response = owner.post(url, {names["Whole program"]: "12", names["Region: EMEA"]: "0"})
    assert response.status_code == 400
    assert "Region: EMEA: Ensure this value is greater than or equal to 1." in response.content.decode()
    assert list(Target.objects.values_list("interviews", flat=True)) == [8]


def test_a_malformed_quarter_on_the_targets_page_is_refused(owner):
    response = owner.get(reverse("program:targets"), {"quarter": "Q3"})
    assert response.status_code == 400
    assert "write it like 2026Q3" in response.content.decode()


def test_a_member_is_put_into_the_pool_with_their_crm_record(owner, people):
    rep = SalesRep.objects.create(name="Ian Former-Rep")
    response = owner.post(reverse("program:interviewer_add"), {"add-user": people["interviewer"].pk,
                                                               "add-capacity": "3", "add-sales_rep": rep.pk})
    assert response.status_code == 302
    profile = InterviewerProfile.objects.get()
    assert (profile.user, profile.capacity, profile.active, profile.sales_rep) == (people["interviewer"], 3, True, rep)


def test_a_stakeholder_cannot_be_put_into_the_pool(owner, people):
    response = owner.post(reverse("program:interviewer_add"), {"add-user": people["stakeholder"].pk,
                                                               "add-capacity": "3"})
    assert response.status_code == 400
    assert "Person: Select a valid choice." in response.content.decode()
    assert not InterviewerProfile.objects.exists()


def test_an_interviewers_capacity_and_activity_are_edited(owner, people):
    profile = InterviewerProfile.objects.create(user=people["interviewer"], capacity=5)
    url = reverse("program:interviewer_edit", args=[profile.pk])
    assert owner.post(url, {f"p{profile.pk}-capacity": "-2"}).status_code == 400
    assert owner.post(url, {f"p{profile.pk}-capacity": "2"}).status_code == 302
    profile.refresh_from_db()
    assert (profile.capacity, profile.active) == (2, False)


def test_a_partners_interviewer_is_created_with_a_password_shown_once(owner, client):
    response = owner.post(reverse("program:external_add"), {
        "ext-username": "pat_partner", "ext-first_name": "Pat", "ext-last_name": "Partner",
        "ext-email": "pat@interviews.example", "ext-organisation": "Neutral Interviews Ltd", "ext-capacity": "4"})
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    password = response.context["password"]
    assert password in response.content.decode()
    pat = User.objects.get(username="pat_partner")
    assert (pat.membership.role, pat.membership.organisation) == (Role.EXTERNAL_INTERVIEWER, "Neutral Interviews Ltd")
    assert (pat.get_full_name(), pat.interviewer.capacity, pat.is_staff) == ("Pat Partner", 4, False)
    assert password not in owner.get(reverse("program:interviewers")).content.decode()
    client.logout()
    assert client.login(username="pat_partner", password=password)


def test_a_taken_username_is_refused_and_nothing_is_created(owner, people):
    response = owner.post(reverse("program:external_add"), {
        "ext-username": "IAN_interviewer", "ext-email": "x@interviews.example", "ext-organisation": "Firm",
        "ext-capacity": "4"})
    assert response.status_code == 400
    assert "Username: There is already a user called IAN_interviewer." in response.content.decode()
    assert not InterviewerProfile.objects.exists() and User.objects.count() == len(people)


def test_a_reps_manager_is_set_and_a_loop_refused(owner):
    ana, bo, cy = (SalesRep.objects.create(name=n) for n in ("Ana", "Bo", "Cy"))
    assert owner.post(reverse("program:rep_manager", args=[ana.pk]), {f"r{ana.pk}-manager": bo.pk}).status_code == 302
    assert owner.post(reverse("program:rep_manager", args=[bo.pk]), {f"r{bo.pk}-manager": cy.pk}).status_code == 302
    response = owner.post(reverse("program:rep_manager", args=[cy.pk]), {f"r{cy.pk}-manager": ana.pk})
    assert response.status_code == 400
    assert "Manager: Ana reports to Cy already" in response.content.decode()
    ana.refresh_from_db()
    cy.refresh_from_db()
    assert (ana.manager, cy.manager) == (bo, None)


@pytest.mark.parametrize("text", ["{% load humanize %}{{ deal.amount|intcomma }}", "{{ deal.name|intcomma }}"])
def test_a_text_the_emails_cannot_use_is_refused_at_save_time(owner, text):
    """The texts are checked by the engine that sends them: it knows Django's built-in tags and filters only."""
    response = owner.post(reverse("program:settings_save", args=["texts"]), _texts(reminder_body=text))
    assert response.status_code == 400
    assert "Reminder body: Template error: " in response.content.decode()
    assert ProgramSettings.current().reminder_body == ProgramSettings().reminder_body
    response = owner.post(reverse("program:texts_preview"), _texts(reminder_body=text), HTTP_HX_REQUEST="true")
    assert "Reminder body: Template error: " in response.content.decode()


def test_a_text_that_fails_only_when_rendered_is_reported_in_the_preview(owner):
    response = owner.post(reverse("program:texts_preview"), _texts(reminder_body='{% include "base.html" %}'),
                          HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "Template error: base.html" in response.content.decode()


def _interviewers_page_queries(owner) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert owner.get(reverse("program:interviewers")).status_code == 200
    return len(queries)


def test_the_interviewers_page_reads_the_reps_once_however_many_there_are(owner, django_assert_max_num_queries):
    boss = SalesRep.objects.create(name="Boss")
    SalesRep.objects.create(name="Rep 0", manager=boss)
    few = _interviewers_page_queries(owner)
    for n in range(1, 40):
        SalesRep.objects.create(name=f"Rep {n}", manager=boss)
    with django_assert_max_num_queries(few):
        page = owner.get(reverse("program:interviewers")).content.decode()
    rep = SalesRep.objects.get(name="Rep 7")
    row = page[page.index(f'id="rep-{rep.pk}"'):]
    row = row[:row.index("</tr>")]
    assert f'<option value="{boss.pk}" selected>Boss</option>' in row
    assert f'value="{rep.pk}"' not in row  # a rep cannot manage themselves


def test_an_unknown_manager_or_rep_is_refused(owner):
    ana = SalesRep.objects.create(name="Ana")
    response = owner.post(reverse("program:rep_manager", args=[ana.pk]), {f"r{ana.pk}-manager": ana.pk})
    assert response.status_code == 400
    response = owner.post(reverse("program:rep_manager", args=[ana.pk]), {f"r{ana.pk}-manager": 9999})
    assert response.status_code == 400
    assert owner.post(reverse("program:rep_manager", args=[9999]), {}).status_code == 404
    ana.refresh_from_db()
    assert ana.manager is None
