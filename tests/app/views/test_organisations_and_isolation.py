"""Organisations on every door (portal, staff, API) and user text isolated wherever staff read it."""
from app.extensions import db
from app.models.case import Case
from tests.app.services.test_organisations import ASSOCIATION
from tests.app.views.api_support import request_body, submit, tokens  # noqa: F401
from tests.app.views.staff_support import fresh_request_state, signed_in  # noqa: F401
from tests.app.views.test_portal_support import REQUEST_FORM, case_of, portal, shown_once  # noqa: F401
from tests.app.views.test_portal_support import submit as post_form
from tests.app.views.test_staff_registration import REQUEST_FORM as STAFF_FORM
from tests.app.views.test_staff_registration import only, reference_and_code
from tests.conftest import REQUEST


def test_the_portal_form_offers_and_stores_an_organisation(portal, client, app):
    page = client.get("/requests/new?lang=fr").get_data(as_text=True)
    assert 'value="organisation"' in page and 'id="organisation_name"' in page
    form = dict(REQUEST_FORM, applicant_type="organisation", organisation_name="Association Tafilalt\u202e",
                registration_number="RC ١٢٣٤")
    reference, _, _ = shown_once(post_form(client, "/requests/new", form))
    with app.app_context():
        party = case_of(app, reference).party
        assert (party.applicant_type, party.organisation_name, party.registration_number) == (
            "organisation", "Association Tafilalt", "RC1234")


def test_the_portal_form_asks_an_organisation_for_its_name(portal, client):
    response = post_form(client, "/requests/new?lang=fr", dict(REQUEST_FORM, applicant_type="organisation"))
    assert response.status_code == 200 and 'id="organisation_name-error"' in response.get_data(as_text=True)


def test_staff_register_an_organisation_and_its_case_page_names_both(app, staff):
    client = signed_in(app, "officer")
    data = dict(STAFF_FORM, received_at="2025-10-27T10:00", applicant_type="organisation",
                organisation_name="Coopérative Al Amal")
    page = client.post("/staff/cases/new?type=information_request", data=data,
                       follow_redirects=True).get_data(as_text=True)
    reference = reference_and_code(page)[0]
    case = only(reference)
    assert (case.party.applicant_type, case.party.organisation_name) == ("organisation", "Coopérative Al Amal")
    shown = client.get(f"/staff/cases/{reference}?lang=fr").get_data(as_text=True)
    assert '<td dir="auto">Coopérative Al Amal</td>' in shown and '<td dir="auto">Brahim Ait Lahcen</td>' in shown
    listed = client.get("/staff/cases?lang=fr").get_data(as_text=True)
    assert "<bdi>Coopérative Al Amal</bdi>" in listed


def test_the_api_takes_and_returns_an_organisation(ctx, client, tokens):
    submitted = submit(client, body=request_body(applicant=ASSOCIATION))
    assert submitted.status_code == 201, submitted.json
    case = client.get(f"/api/v1/cases/{submitted.json['reference']}", headers=tokens["officer"]).json
    party = case["party"] if "party" in case else case["applicant"]
    assert (party["applicant_type"], party["organisation_name"], party["registration_number"]) == (
        "organisation", "جمعية الساقية الحمراء للتنمية", "ASSO12/2019")
    refused = submit(client, body=request_body(applicant={**ASSOCIATION, "organisation_name": None}))
    assert refused.status_code in (400, 422) and "applicant.organisation_name" in refused.get_data(as_text=True)


def test_the_openapi_document_describes_the_applicant_types(ctx, client):
    party = client.get("/api/v1/openapi.json").json["components"]["schemas"]["Party"]
    assert party["properties"]["applicant_type"]["enum"] == ["person", "organisation"]
    assert party["then"]["required"] == ["organisation_name"]


def test_rectification_keeps_an_organisation_and_can_correct_its_name(app, staff, register):
    case = register(data={**REQUEST, "applicant": ASSOCIATION}).case
    client = signed_in(app, "officer")
    form = client.get(f"/staff/cases/{case.reference}/personal-data?lang=fr").get_data(as_text=True)
    assert 'value="جمعية الساقية الحمراء للتنمية"' in form
    data = {**ASSOCIATION, "organisation_name": "جمعية الساقية الحمراء", "reason": "courrier"}
    assert client.post(f"/staff/cases/{case.reference}/personal-data", data=data).status_code == 302
    party = db.session.get(Case, case.id).party
    db.session.refresh(party)
    assert (party.applicant_type, party.organisation_name) == ("organisation", "جمعية الساقية الحمراء")


def test_the_staff_case_page_isolates_every_user_value(app, staff, register):
    hostile = "\u202eevil.exe"
    data = {**REQUEST, "information_requested": f"نص {hostile} نص",
            "applicant": {**REQUEST["applicant"], "first_name": f"سلمى{hostile}", "address": f"العيون {hostile}"}}
    case = register(data=data).case
    assert "\u202e" not in case.party.first_name and "\u202e" not in case.party.address   # stripped at intake
    assert hostile in case.information_requested                                         # free text kept …
    page = signed_in(app, "officer").get(f"/staff/cases/{case.reference}").get_data(as_text=True)
    assert f'<p class="pre" dir="auto">نص {hostile} نص</p>' in page                      # … and isolated
    assert '<td dir="auto">سلمىevil.exe البناني</td>' in page
    assert '<td class="pre" dir="auto">العيون evil.exe</td>' in page
