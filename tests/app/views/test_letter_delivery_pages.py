"""A letter's delivery through the API and the case page, and what the applicant reads meanwhile (issue 8 §1)."""
from datetime import date, datetime, timezone

import pytest
import time_machine
from flask_babel import refresh

from app.extensions import db
from app.services.cases import fire
from tests.app.views.api_support import tokens  # noqa: F401
from tests.app.views.staff_support import fresh_request_state, signed_in  # noqa: F401

REFUSAL = {"outcome": "refused", "grounds": ["exception_art7"], "text": "Information couverte par l'art. 7."}


def frozen(moment: datetime):
    return time_machine.travel(moment.replace(tzinfo=timezone.utc), tick=False)


@pytest.fixture
def posted(register, staff):
    """A request received at the counter (no e-mail), refused on Tue 22 Jul 2025: the answer goes by post."""
    registered = register(received_at=datetime(2025, 7, 1, 9), channel="counter", email_verified_by=None)
    case = registered.case
    fire(case, "assign", {"officer": "officer"}, actor=staff["supervisor"], now=datetime(2025, 7, 2, 10))
    fire(case, "answer", REFUSAL, actor=staff["officer"], now=datetime(2025, 7, 22, 10))
    letter = next(l for l in case.letters if l.kind == "answer")
    return {"case": case, "letter": letter, "code": registered.access_code,
            "url": f"/api/v1/cases/{case.reference}/letters/{letter.id}/delivery"}


def window(case_json):
    return next(c for c in case_json["clocks"] if c["period"] == "complaint_to_head_window")


def test_the_api_records_a_posted_delivery_and_rebases_the_window(ctx, client, tokens, posted):
    with frozen(datetime(2025, 7, 29, 9)):
        before = client.get(f"/api/v1/cases/{posted['case'].reference}", headers=tokens["officer"]).json
        assert window(before)["status"] == "awaiting_delivery"
        assert (window(before)["started_on"], window(before)["due_on"], window(before)["last_day"]) == (None,) * 3
        assert before["next_step"]["starts_on_receipt"] is True and before["next_step"]["last_day"] is None
        response = client.post(posted["url"], json={"delivered_on": "2025-07-28", "method": "post"},
                               headers=tokens["officer"])
    assert response.status_code == 201, response.json
    assert response.json["delivery"]["method"] == "post"
    assert response.json["delivery"]["delivered_on"] == "2025-07-28"
    assert response.json["delivery"]["recorded_by"] == "officer"
    clock = window(response.json["case"])
    assert (clock["status"], clock["started_on"], clock["last_day"]) == ("running", "2025-07-28", "2025-08-29")
    letter = next(l for l in response.json["case"]["letters"] if l["id"] == posted["letter"].id)
    assert letter["delivery"]["delivered_on"] == "2025-07-28"
    with frozen(datetime(2025, 7, 29, 10)):
        again = client.post(posted["url"], json={"delivered_on": "2025-07-25", "method": "hand"},
                            headers=tokens["supervisor"])
    assert again.status_code == 409 and again.json["error"] == "delivery_already_recorded"


@pytest.mark.parametrize("body, field", [
    ({"delivered_on": "2025-07-21", "method": "post"}, "delivered_on"),   # before the letter was issued
    ({"delivered_on": "2025-07-30", "method": "post"}, "delivered_on"),   # tomorrow
    ({"delivered_on": "2025-07-28", "method": "email"}, "method"),        # recorded by the system only
])
def test_the_api_refuses_a_wrong_entry_with_its_reason(ctx, client, tokens, posted, body, field):
    with frozen(datetime(2025, 7, 29, 9)):
        response = client.post(posted["url"], json=body, headers=tokens["officer"])
    assert response.status_code == 422 and field in response.json["errors"]
    db.session.expire_all()
    assert posted["letter"].delivery is None


def test_the_api_refuses_a_letter_of_another_case(ctx, client, tokens, posted, register):
    other = register(received_at=datetime(2025, 7, 1, 9), channel="counter").case
    response = client.post(f"/api/v1/cases/{other.reference}/letters/{posted['letter'].id}/delivery",
                           json={"delivered_on": "2025-07-28", "method": "post"}, headers=tokens["supervisor"])
    assert response.status_code == 404


def test_the_case_page_lists_deliveries_and_records_one(app, posted):
    case = posted["case"]
    with frozen(datetime(2025, 7, 29, 9)):
        officer = signed_in(app, "officer")
        page = officer.get(f"/staff/cases/{case.reference}").get_data(as_text=True)
        form_url = f"/staff/cases/{case.reference}/letters/{posted['letter'].id}/delivery"
        assert form_url in page
        assert "Awaiting delivery" in page or "في انتظار التسليم" in page or "En attente de remise" in page
        response = officer.post(form_url, data={"method": "post", "delivered_on": "2025-07-28"})
        assert response.status_code == 302 and response.location.endswith("#letters")
        page = officer.get(f"/staff/cases/{case.reference}").get_data(as_text=True)
    letters = page.split('id="letters"')[1].split("</section>")[0]
    assert "2025-07-28" in letters and form_url not in letters
    assert "2025-08-29" in page
    db.session.expire_all()
    assert case.clock("complaint_to_head_window").started_on == date(2025, 7, 28)


def test_the_case_page_refuses_a_future_date_and_changes_nothing(app, posted):
    case = posted["case"]
    with frozen(datetime(2025, 7, 29, 9)):
        officer = signed_in(app, "officer")
        response = officer.post(f"/staff/cases/{case.reference}/letters/{posted['letter'].id}/delivery",
                                data={"method": "hand", "delivered_on": "2025-08-05"})
        page = officer.get(response.location).get_data(as_text=True)
    assert "flash-error" in page
    db.session.expire_all()
    assert posted["letter"].delivery is None


def test_a_paper_complaint_to_the_head_from_the_case_page_counts_from_its_receipt(app, register, staff):
    case = register(received_at=datetime(2025, 10, 1, 9)).case   # portal: the window runs from the answer
    fire(case, "assign", {"officer": "officer"}, actor=staff["supervisor"], now=datetime(2025, 10, 2, 10))
    fire(case, "answer", REFUSAL, actor=staff["officer"], now=datetime(2025, 10, 20, 10))
    with frozen(datetime(2025, 11, 6, 10)):
        supervisor = signed_in(app, "supervisor")
        page = supervisor.get(f"/staff/cases/{case.reference}").get_data(as_text=True)
        assert 'name="complain_to_head-received_at"' in page
        response = supervisor.post(f"/staff/cases/{case.reference}/actions/complain_to_head",
                                   data={"complain_to_head-text": "Recours reçu au bureau d'ordre.",
                                         "complain_to_head-received_at": "2025-11-03T10:30"})
    assert response.status_code == 302
    db.session.expire_all()
    head = case.clock("head_decision")
    assert (head.started_on, head.due_on) == (date(2025, 11, 3), date(2025, 11, 26))   # LAW.md §5


def test_the_api_complaint_to_the_head_takes_received_at(ctx, client, tokens, register, staff):
    case = register(received_at=datetime(2025, 10, 1, 9)).case
    fire(case, "assign", {"officer": "officer"}, actor=staff["supervisor"], now=datetime(2025, 10, 2, 10))
    fire(case, "answer", REFUSAL, actor=staff["officer"], now=datetime(2025, 10, 20, 10))
    url = f"/api/v1/cases/{case.reference}/actions/complain_to_head"
    with frozen(datetime(2025, 11, 6, 10)):
        future = client.post(url, json={"text": "Recours.", "received_at": "2025-11-07T09:00:00+01:00"},
                             headers=tokens["supervisor"])
        assert future.status_code == 422 and "future" in future.json["errors"]["received_at"]
        done = client.post(url, json={"text": "Recours.", "received_at": "2025-11-03T09:00:00Z"},
                           headers=tokens["supervisor"])
    assert done.status_code == 200, done.json
    head = next(c for c in done.json["clocks"] if c["period"] == "head_decision")
    assert (head["started_on"], head["due_on"]) == ("2025-11-03", "2025-11-26")


def test_the_applicant_reads_that_the_window_starts_on_receipt(ctx, client, posted):
    reference, code = posted["case"].reference, posted["code"]
    with frozen(datetime(2025, 7, 29, 9)):
        facts = client.get(f"/api/v1/status/{reference}", headers={"X-Access-Code": code}).json
        client.post("/status", data={"reference": reference, "access_code": code})
        arabic = client.get(f"/status/{reference}").get_data(as_text=True)
        refresh()   # the test's one application context would keep the first request's locale
        french = client.get(f"/status/{reference}?lang=fr").get_data(as_text=True)
    assert window(facts)["status"] == "awaiting_delivery" and facts["next_step"]["starts_on_receipt"]
    assert "à compter de la date de réception de la réponse" in french
    assert "Court à compter de la réception de la lettre" in french
    assert "يبتدئ من تاريخ توصلكم بالجواب" in arabic and "يبتدئ من تاريخ توصلكم بالرسالة" in arabic


def test_the_case_page_says_a_malformed_date_is_not_a_date(app, posted):
    case = posted["case"]
    with frozen(datetime(2025, 7, 29, 9)):
        officer = signed_in(app, "officer")
        url = f"/staff/cases/{case.reference}/letters/{posted['letter'].id}/delivery?lang=fr"
        response = officer.post(url, data={"method": "post", "delivered_on": "junk"})
        page = officer.get(response.location).get_data(as_text=True)
    assert "Date non valide." in page and "entre la date" not in page and "<title>Erreur" in page
    db.session.expire_all()
    assert posted["letter"].delivery is None
