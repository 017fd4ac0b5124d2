"""The remedies after the head of the body through the staff API (arts. 20–21), time frozen.

The head upheld the refusal on Thu 2025-11-20: the CDAI window ends Sat 2025-12-20 (+30),
not a working day, so it stays open for the applicant to Mon 2025-12-22 (LAW.md §4.4).
"""
from datetime import datetime, timezone

import pytest
import time_machine

from app.services.cases import fire
from tests.app.views.api_support import act, tokens  # noqa: F401
from tests.conftest import REQUEST


def frozen(moment: datetime):
    return time_machine.travel(moment.replace(tzinfo=timezone.utc), tick=False)


@pytest.fixture
def upheld(register, staff):
    """(reference, access code) of a refusal the head upheld on 2025-11-20."""
    registered = register(data=REQUEST, received_at=datetime(2025, 10, 27, 9))
    case = registered.case
    fire(case, "assign", {"officer": "officer"}, actor=staff["supervisor"], now=datetime(2025, 10, 28, 10))
    fire(case, "answer", {"outcome": "refused", "grounds": ["exception_art7"], "text": "x"},
         actor=staff["officer"], now=datetime(2025, 10, 31, 10))
    fire(case, "complain_to_head", {"text": "Je conteste."}, applicant=True, now=datetime(2025, 11, 3, 10))
    fire(case, "decide", {"decision": "upheld", "text": "stands"}, actor=staff["head"], now=datetime(2025, 11, 20, 10))
    return case.reference, registered.access_code


def test_recording_the_cdai_complaint(client, tokens, upheld):
    reference, code = upheld
    with frozen(datetime(2025, 12, 2, 10)):
        case = client.get(f"/api/v1/cases/{reference}", headers=tokens["supervisor"]).json
        assert case["state"] == "head_upheld" and "complain_to_cdai" in case["available_actions"]
        assert case["next_step"]["action"] == "cdai" and case["next_step"]["last_day"] == "2025-12-22"
        invalid = act(client, tokens["supervisor"], reference, "complain_to_cdai", {"filed_on": "2 déc."})
        assert invalid.status_code == 422
        assert set(invalid.json["errors"]) == {"filed_on", "cdai_reference"}
        denied = act(client, tokens["viewer"], reference, "complain_to_cdai",
                     {"filed_on": "2025-12-01", "cdai_reference": "C-9"})
        assert denied.status_code == 403
        done = act(client, tokens["officer"], reference, "complain_to_cdai",
                   {"filed_on": "2025-12-01", "cdai_reference": "C-9"})
        assert done.status_code == 200, done.json
        assert done.json["state"] == "at_cdai"
        assert done.json["remedies"] == {"cdai": {"filed_on": "2025-12-01", "cdai_reference": "C-9"}}
        cdai = next(c for c in done.json["clocks"] if c["period"] == "cdai_decision")
        assert (cdai["started_on"], cdai["due_on"], cdai["article"]) == ("2025-12-01", "2025-12-31", "20")
        early = act(client, tokens["supervisor"], reference, "record_court_case",
                    {"filed_on": "2025-12-02", "court_reference": "T-1"})
        assert (early.status_code, early.json["error"]) == (409, "cdai_first")
        facts = client.get(f"/api/v1/status/{reference}", headers={"X-Access-Code": code}).json
        assert facts["state"] == "at_cdai" and facts["remedies"]["cdai"]["cdai_reference"] == "C-9"
        assert facts["next_step"]["action"] == "cdai_wait" and facts["next_step"]["last_day"] == "2025-12-31"


def test_a_cdai_complaint_filed_late_is_refused_with_the_code(client, tokens, upheld):
    reference, _code = upheld
    with frozen(datetime(2025, 12, 24, 10)):
        late = act(client, tokens["supervisor"], reference, "complain_to_cdai",
                   {"filed_on": "2025-12-23", "cdai_reference": "C-9"})
    assert (late.status_code, late.json["error"]) == (409, "cdai_window_closed")
    assert "2025-12-22" in late.json["reason"]


def test_the_openapi_document_lists_the_remedy_payloads(client):
    spec = client.get("/api/v1/openapi.json").json
    schemas = spec["components"]["schemas"]
    assert schemas["RulingPayload"]["properties"]["decision"]["enum"] == ["for_applicant", "for_body"]
    assert schemas["CdaiComplaintPayload"]["required"] == ["filed_on", "cdai_reference"]
    assert "inadmissible" in schemas["AnswerPayload"]["properties"]["outcome"]["enum"]
    assert set(schemas["AnswerPayload"]["properties"]["inadmissible_reason"]["enum"]) == {
        "not_entitled", "missing_particulars", "not_information_held"}
    body = spec["paths"]["/api/v1/cases/{reference}/actions/{trigger}"]["post"]["requestBody"]
    assert {"$ref": "#/components/schemas/RulingPayload"} in body["content"]["application/json"]["schema"]["oneOf"]
