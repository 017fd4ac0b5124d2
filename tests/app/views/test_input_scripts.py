"""Input in any script, on every door: the portal, the status lookup, staff forms and the API (issue 7 §1)."""
from app.extensions import db
from app.models.case import Case
from tests.app.views.api_support import request_body, status, submit, tokens  # noqa: F401
from tests.app.views.staff_support import fresh_request_state, signed_in  # noqa: F401
from tests.app.views.test_portal_status import filed, look_up, officers  # noqa: F401
from tests.app.views.test_portal_support import REQUEST_FORM, case_of, portal, shown_once  # noqa: F401
from tests.app.views.test_portal_support import submit as post_form
from tests.app.views.test_staff_registration import REQUEST_FORM as STAFF_FORM
from tests.app.views.test_staff_registration import only, reference_and_code

ARABIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
EASTERN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def test_status_lookup_finds_a_reference_typed_in_arabic_indic_digits(filed, client):
    reference, code = filed()
    assert reference.startswith("DAI-")
    for typed in (reference.translate(ARABIC), reference.translate(EASTERN), f" {reference.lower()} "):
        response = look_up(client, typed, code.translate(ARABIC))
        assert response.status_code == 302 and response.location.endswith(f"/status/{reference}"), typed
    page = client.get(f"/status/{reference.translate(ARABIC)}").get_data(as_text=True)
    assert reference in page


def test_portal_form_stores_one_spelling_of_card_and_phone(portal, client, app):
    form = dict(REQUEST_FORM, id_number="sh ١٢٣٤٥٦", phone="٠٦ ٦١ ٢٣ ٤٥ ٦٧", first_name="سلمى\u202e",
                email="salma@مثال.المغرب")
    reference, _, _ = shown_once(post_form(client, "/requests/new", form))
    with app.app_context():
        party = case_of(app, reference).party
        assert (party.id_number, party.phone, party.first_name, party.email) == (
            "SH123456", "+212661234567", "سلمى", "salma@مثال.المغرب")


def test_portal_form_explains_a_bad_phone_and_an_undeliverable_address(portal, client):
    page = post_form(client, "/requests/new?lang=fr", dict(REQUEST_FORM, phone="12345", email="سلمى@example.ma"))
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "0612345678" in text and "avant @" in text
    arabic = post_form(client, "/requests/new?lang=ar", dict(REQUEST_FORM, phone="12345")).get_data(as_text=True)
    assert "رقم هاتف" in arabic


def test_staff_registration_reads_dates_and_numbers_in_arabic_digits(app, staff):
    client = signed_in(app, "officer")
    data = dict(STAFF_FORM, received_at="٢٠٢٥-١٠-٢٧T١٠:٠٠", id_number="SH۴۴۵۵۶۶", phone="٠٦٦١٠٠٠٠٠٠")
    page = client.post("/staff/cases/new?type=information_request", data=data,
                       follow_redirects=True).get_data(as_text=True)
    case = only(reference_and_code(page)[0])
    assert (case.party.id_number, case.party.phone) == ("SH445566", "+212661000000")
    assert case.received_at.isoformat() == "2025-10-27T09:00:00"


def test_api_normalises_identity_and_finds_references_in_any_script(ctx, client, tokens):
    body = request_body(applicant={**request_body()["applicant"], "id_number": "be ۱۲۳۴۵۶", "phone": "0612345678"})
    submitted = submit(client, body=body).json
    reference = submitted["reference"]
    case = db.session.execute(db.select(Case).filter_by(reference=reference)).scalar_one()
    assert (case.party.id_number, case.party.phone) == ("BE123456", "+212612345678")
    assert status(client, reference.translate(ARABIC), submitted["access_code"]).status_code == 200
    # The code typed with Arabic-Indic digits travels as UTF-8 in the header (WSGI reads it as Latin-1).
    typed = submitted["access_code"].translate(ARABIC).encode("utf-8").decode("latin-1")
    assert status(client, reference, typed).status_code == 200
    staff_view = client.get(f"/api/v1/cases/{reference.translate(EASTERN)}", headers=tokens["officer"])
    assert staff_view.status_code == 200 and staff_view.json["reference"] == reference


def test_api_refuses_a_card_number_of_no_known_shape(ctx, client):
    body = request_body(applicant={**request_body()["applicant"], "id_number": "12-34"})
    response = submit(client, body=body)
    assert response.status_code in (400, 422)
    assert "applicant.id_number" in response.get_data(as_text=True)
