"""Staff registration of cases received at the counter, by post, e-mail or a national portal."""
import re
from datetime import datetime

from app.extensions import db
from app.models.case import Case
from app.services.references import access_code_matches
from tests.app.views.staff_support import fresh_request_state, signed_in  # noqa: F401

REQUEST_FORM = {"channel": "counter", "first_name": "Brahim", "last_name": "Ait Lahcen", "id_number": "sh445566",
                "address": "Hay Al Qods, Laâyoune", "email": "", "phone": "0661000000",
                "information_requested": "Le budget du programme de développement régional pour la province de Tarfaya",
                "access_form": "paper_copy", "language": "fr"}
COMPLAINT_FORM = {"channel": "post", "first_name": "Fatima", "last_name": "Zahraoui", "id_number": "SH778899",
                  "address": "Boujdour", "complaint_kind": "complaint", "category": "subsidies",
                  "subject": "Subvention non versée", "description": "La subvention 2024 n'est pas arrivée.",
                  "language": "fr"}


def only(reference):
    return db.session.execute(db.select(Case).filter_by(reference=reference)).scalar_one()


def reference_and_code(page):
    reference = page.split('class="ltr big">')[1].split("<")[0]
    code = page.split('class="ltr big">')[2].split("<")[0]
    return reference, code


def test_request_received_during_ramadan_is_stored_in_utc(app, staff):
    # Ramadan 2025: Morocco is on UTC+0, so 23:30 local is 23:30 UTC, still 27 March (day 0).
    client = signed_in(app, "officer")
    response = client.post("/staff/cases/new?type=information_request",
                           data=dict(REQUEST_FORM, received_at="2025-03-27T23:30"), follow_redirects=True)
    assert response.status_code == 200 and len(response.history) == 0   # the one-time page answers the post
    page = response.get_data(as_text=True)
    reference, code = reference_and_code(page)
    case = only(reference)
    assert case.received_at == datetime(2025, 3, 27, 23, 30)
    assert case.channel == "counter" and case.party.id_number == "SH445566"
    assert access_code_matches(case.access_code_hash, code)
    assert case.clock("answer").due_on.isoformat() == "2025-04-28"
    assert case.events[0].actor_label == "officer"
    receipt = re.search(r'action="([^"]*/receipt)"', page).group(1)
    assert client.post(receipt, data={"access_code": code}).mimetype == "application/pdf"
    assert client.post(receipt, data={"access_code": "WRONG23456"}).status_code == 404


def test_outside_ramadan_local_time_is_one_hour_ahead(app, staff):
    client = signed_in(app, "supervisor")
    page = client.post("/staff/cases/new?type=information_request",
                       data=dict(REQUEST_FORM, received_at="2025-10-28T00:30"),
                       follow_redirects=True).get_data(as_text=True)
    case = only(reference_and_code(page)[0])
    assert case.received_at == datetime(2025, 10, 27, 23, 30)
    assert case.clock("answer").started_on.isoformat() == "2025-10-28"


def test_complaint_registration(app, staff):
    page = signed_in(app, "complaints").post(
        "/staff/cases/new?type=complaint", data=dict(COMPLAINT_FORM, received_at="2025-10-02T10:00"),
        follow_redirects=True).get_data(as_text=True)
    case = only(reference_and_code(page)[0])
    assert case.kind == "complaint" and case.channel == "post" and case.category == "subsidies"
    assert case.clock("complaint_answer").due_on.isoformat() == "2025-12-01"


def test_invalid_registration_shows_each_error_and_keeps_the_input(app, staff):
    data = dict(REQUEST_FORM, received_at="2099-01-01T10:00", id_number="123", first_name="",
                information_requested="")
    response = signed_in(app, "officer").post("/staff/cases/new?type=information_request", data=data)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert page.count('class="field-error"') >= 4
    assert "Ait Lahcen" in page and "Hay Al Qods" in page
    assert db.session.execute(db.select(db.func.count(Case.id))).scalar() == 0


def test_missing_moment_of_receipt_is_an_error(app, staff):
    response = signed_in(app, "officer").post("/staff/cases/new?type=information_request", data=REQUEST_FORM)
    assert response.status_code == 422


def test_registration_is_limited_to_the_officer_s_unit(app, staff):
    assert signed_in(app, "complaints").get("/staff/cases/new?type=information_request").status_code == 403
    assert signed_in(app, "officer").get("/staff/cases/new?type=complaint").status_code == 403
    assert signed_in(app, "officer").get("/staff/cases/new?type=other").status_code == 404
    assert signed_in(app, "viewer").get("/staff/cases/new?type=complaint").status_code == 403
    assert signed_in(app, "head").get("/staff/cases/new?type=information_request").status_code == 403


KEY_FIELD = re.compile(r'<input id="submission_key" name="submission_key" type="hidden" value="([^"]+)">')


def test_the_access_code_is_shown_once_and_a_reload_registers_nothing(app, staff):
    client = signed_in(app, "officer")
    key = KEY_FIELD.search(client.get("/staff/cases/new?type=information_request").get_data(as_text=True)).group(1)
    data = dict(REQUEST_FORM, received_at="2025-10-27T10:00", submission_key=key)
    first = client.post("/staff/cases/new?type=information_request", data=data)
    assert first.status_code == 200
    reference, code = reference_and_code(first.get_data(as_text=True))
    with client.session_transaction() as session:
        assert code not in repr(dict(session))                      # never in the session cookie
    assert code not in client.get(f"/staff/cases/{reference}").get_data(as_text=True)
    old = client.get(f"/staff/cases/{reference}/registered")
    assert old.status_code == 302 and old.location.endswith(f"/staff/cases/{reference}")
    # A reload posts the form again: one case, and a new code replaces the one whose page was lost.
    again = client.post("/staff/cases/new?type=information_request", data=data)
    page = again.get_data(as_text=True)
    assert again.status_code == 200 and "يظهر أسفله رمز ولوج جديد" in page
    same, new_code = reference_and_code(page)
    assert same == reference and new_code != code
    assert db.session.execute(db.select(db.func.count(Case.id))).scalar() == 1
    case = only(reference)
    assert access_code_matches(case.access_code_hash, new_code)
    assert not access_code_matches(case.access_code_hash, code)
