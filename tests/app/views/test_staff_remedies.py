"""The remedies after the head on the staff case page: forms (Flask-WTF), per-field errors, refusals by code."""
import re
from datetime import timedelta

import pytest

from app.extensions import db
from app.services.calendar import today_local, utc_now
from app.services.cases import fire
from tests.app.views.staff_support import fresh_request_state, signed_in  # noqa: F401


@pytest.fixture
def upheld(register, staff):
    """A refused request the head upheld today (the CDAI window runs from today)."""
    now = utc_now()
    case = register(received_at=now - timedelta(hours=5), now=now - timedelta(hours=5)).case
    fire(case, "assign", {"officer": "officer"}, actor=staff["supervisor"], now=now - timedelta(hours=4))
    fire(case, "answer", {"outcome": "refused", "grounds": ["exception_art7"], "text": "x"},
         actor=staff["officer"], now=now - timedelta(hours=3))
    fire(case, "complain_to_head", {"text": "Je conteste."}, applicant=True, now=now - timedelta(hours=2))
    fire(case, "decide", {"decision": "upheld", "text": "stands"}, actor=staff["head"], now=now - timedelta(hours=1))
    return case


def test_the_case_page_offers_the_cdai_complaint_form(app, upheld):
    page = signed_in(app, "supervisor").get(f"/staff/cases/{upheld.reference}").get_data(as_text=True)
    assert "action-complain_to_cdai" in page and 'name="complain_to_cdai-filed_on"' in page
    assert "action-record_court_case" not in page


def test_an_invalid_cdai_complaint_rerenders_with_a_message_per_field(app, upheld):
    response = signed_in(app, "supervisor").post(
        f"/staff/cases/{upheld.reference}/actions/complain_to_cdai",
        data={"complain_to_cdai-filed_on": "", "complain_to_cdai-cdai_reference": "CDAI-77"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert re.search(r'complain_to_cdai-filed_on.*?field-error', page, re.S) and "CDAI-77" in page
    db.session.expire_all()
    assert upheld.state == "head_upheld"


def test_recording_the_cdai_complaint_and_its_decision(app, upheld):
    supervisor = signed_in(app, "supervisor")
    today = today_local().isoformat()
    response = supervisor.post(f"/staff/cases/{upheld.reference}/actions/complain_to_cdai",
                               data={"complain_to_cdai-filed_on": today, "complain_to_cdai-cdai_reference": "C-7"})
    assert response.status_code == 302
    db.session.expire_all()
    assert upheld.state == "at_cdai" and upheld.remedies["cdai"] == {"filed_on": today, "cdai_reference": "C-7"}
    response = supervisor.post(f"/staff/cases/{upheld.reference}/actions/record_cdai_decision",
                               data={"record_cdai_decision-decided_on": today,
                                     "record_cdai_decision-decision": "for_applicant"})
    assert response.status_code == 302
    db.session.expire_all()
    assert upheld.state == "assigned" and upheld.clock("delivery_after_cdai").status == "running"
    page = supervisor.get(f"/staff/cases/{upheld.reference}").get_data(as_text=True)
    assert "C-7" in page
