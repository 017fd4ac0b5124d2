"""Correcting a staff-entered delivery through the API (PUT) and the case page (issue 8 §1).

The refusal is posted Tue 22 Jul 2025, its delivery typed as Fri 25 Jul instead of Mon 28
Jul: the complaint window's last day moves from Thu 28 Aug to Fri 29 Aug (LAW.md §5).
"""
from datetime import datetime

import pytest

from app.extensions import db
from app.services.cases import fire
from app.services.letter_deliveries import record_delivery
from tests.app.views.api_support import tokens  # noqa: F401
from tests.app.views.staff_support import fresh_request_state, signed_in  # noqa: F401
from tests.app.views.test_letter_delivery_pages import REFUSAL, frozen, window

FIX = {"delivered_on": "2025-07-28", "method": "post", "reason": "Avis de réception du 28 juillet."}


@pytest.fixture
def mistyped(register, staff):
    case = register(received_at=datetime(2025, 7, 1, 9), channel="counter", email_verified_by=None).case
    fire(case, "assign", {"officer": "officer"}, actor=staff["supervisor"], now=datetime(2025, 7, 2, 10))
    fire(case, "answer", REFUSAL, actor=staff["officer"], now=datetime(2025, 7, 22, 10))
    letter = next(l for l in case.letters if l.kind == "answer")
    record_delivery(case, letter.id, {"delivered_on": "2025-07-25", "method": "post"}, actor=staff["officer"],
                    now=datetime(2025, 7, 29, 10))
    return {"case": case, "letter": letter, "url": f"/api/v1/cases/{case.reference}/letters/{letter.id}/delivery",
            "page": f"/staff/cases/{case.reference}/letters/{letter.id}/delivery/correction"}


def test_the_api_corrects_a_delivery_and_rebases_the_window(ctx, client, tokens, mistyped):  # noqa: F811
    with frozen(datetime(2025, 7, 30, 9)):
        response = client.put(mistyped["url"], json=FIX, headers=tokens["supervisor"])
    assert response.status_code == 200, response.json
    assert response.json["delivery"] | {"recorded_at": None} == {
        "method": "post", "delivered_on": "2025-07-28", "recorded_by": "supervisor", "recorded_at": None}
    clock = window(response.json["case"])
    assert (clock["status"], clock["started_on"], clock["last_day"]) == ("running", "2025-07-28", "2025-08-29")


def test_post_still_refuses_a_second_entry(ctx, client, tokens, mistyped):  # noqa: F811
    with frozen(datetime(2025, 7, 30, 9)):
        again = client.post(mistyped["url"], json={"delivered_on": "2025-07-28", "method": "post"},
                            headers=tokens["supervisor"])
    assert again.status_code == 409 and again.json["error"] == "delivery_already_recorded"


@pytest.mark.parametrize("who, body, status, error", [
    ("officer", FIX, 403, "forbidden"),
    ("supervisor", {**FIX, "reason": ""}, 422, "invalid"),
    ("supervisor", {"delivered_on": "2025-07-28", "method": "post"}, 422, "invalid"),
])
def test_the_api_refuses_and_changes_nothing(ctx, client, tokens, mistyped, who, body, status, error):  # noqa: F811
    with frozen(datetime(2025, 7, 30, 9)):
        response = client.put(mistyped["url"], json=body, headers=tokens[who])
    assert (response.status_code, response.json["error"]) == (status, error)
    db.session.expire_all()
    assert mistyped["letter"].delivery.delivered_on.isoformat() == "2025-07-25"


def test_the_api_refuses_once_the_window_was_used(ctx, client, tokens, mistyped):  # noqa: F811
    fire(mistyped["case"], "complain_to_head", {"text": "Recours."}, applicant=True, now=datetime(2025, 8, 1, 10))
    with frozen(datetime(2025, 8, 4, 9)):
        response = client.put(mistyped["url"], json=FIX, headers=tokens["supervisor"])
    assert (response.status_code, response.json["error"]) == (409, "delivery_window_used")


def test_the_case_page_offers_the_correction_to_a_supervisor_only(app, mistyped):
    reference = mistyped["case"].reference
    with frozen(datetime(2025, 7, 30, 9)):
        officer = signed_in(app, "officer")
        assert mistyped["page"] not in officer.get(f"/staff/cases/{reference}").get_data(as_text=True)
        assert officer.post(mistyped["page"], data=FIX).status_code == 403
        supervisor = signed_in(app, "supervisor")
        assert mistyped["page"] in supervisor.get(f"/staff/cases/{reference}").get_data(as_text=True)
        missing = supervisor.post(mistyped["page"], data={**FIX, "reason": ""})
        assert "flash-error" in supervisor.get(missing.location).get_data(as_text=True)
        db.session.expire_all()
        assert mistyped["letter"].delivery.delivered_on.isoformat() == "2025-07-25"
        done = supervisor.post(mistyped["page"], data=FIX)
        assert done.status_code == 302 and done.location.endswith("#letters")
        page = supervisor.get(done.location).get_data(as_text=True)
    assert "2025-08-29" in page and "flash-success" in page
    db.session.expire_all()
    assert mistyped["letter"].delivery.delivered_on.isoformat() == "2025-07-28"


def test_the_case_page_form_carries_a_csrf_token(app, mistyped, monkeypatch):
    with frozen(datetime(2025, 7, 30, 9)):
        supervisor = signed_in(app, "supervisor")
        monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
        page = supervisor.get(f"/staff/cases/{mistyped['case'].reference}").get_data(as_text=True)
        form = page.split(mistyped["page"])[1].split("</form>")[0]
        assert 'name="csrf_token"' in form
        refused = supervisor.post(mistyped["page"], data=FIX)      # no token
    assert refused.status_code == 400
    db.session.expire_all()
    assert mistyped["letter"].delivery.delivered_on.isoformat() == "2025-07-25"
