"""Public API: submissions, status lookup and the applicant's letters (issue §10, §7)."""
import re

import pytest

from tests.app.views.api_support import complaint_body, request_body, status, submit, tokens  # noqa: F401
from tests.app.services.test_letters import pdf_text
from tests.conftest import COMPLAINT, REQUEST

PERSONAL = [v for v in REQUEST["applicant"].values()] + [v for v in COMPLAINT["complainant"].values()]


def test_submit_request_returns_reference_code_and_due_date(ctx, client):
    response = submit(client)
    assert response.status_code == 201, response.json
    body = response.json
    assert re.fullmatch(r"DAI-\d{4}-\d{6}", body["reference"])
    assert len(body["access_code"]) >= 8
    assert body["state"] == "received"
    assert body["received_at"].endswith("Z")
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", body["due_date"])
    assert response.headers["Location"].endswith(f"/api/v1/status/{body['reference']}")
    assert response.headers["Cache-Control"] == "no-store"
    assert not any(v in response.get_data(as_text=True) for v in PERSONAL)


def test_submit_complaint(ctx, client):
    response = submit(client, "complaints")
    assert response.status_code == 201, response.json
    assert response.json["reference"].startswith("REC-")
    assert response.json["state"] == "received"
    assert response.json["due_date"]


def test_submission_is_saved_through_the_portal_channel(ctx, client):
    from app.services.cases import get_case

    reference = submit(client).json["reference"]
    case = get_case(reference)
    assert case.channel == "portal"
    assert case.party.id_number == "SH123456"


@pytest.mark.parametrize("kind, body, fields", [
    ("requests", request_body(access_form="fax", language="en"), {"access_form", "language"}),
    ("requests", request_body(applicant={"first_name": "", "last_name": "B", "id_number": "123",
                                         "address": "x", "email": "not-an-email"}),
     {"applicant.first_name", "applicant.id_number", "applicant.email"}),
    ("requests", request_body(urgent=True), {"urgency_reason"}),
    ("requests", request_body(urgent="yes", urgency_reason="x"), {"urgent"}),
    ("requests", {}, {"applicant", "information_requested", "access_form"}),
    ("complaints", complaint_body(kind="grievance", subject=""), {"kind", "subject"}),
    ("complaints", complaint_body(complainant="me"), {"complainant"}),
])
def test_invalid_submission_gives_an_error_per_field_and_saves_nothing(ctx, client, kind, body, fields):
    from app.extensions import db
    from app.models.case import Case

    response = submit(client, kind, body)
    assert response.status_code == 422
    assert fields <= set(response.json["errors"]), response.json
    assert all(isinstance(m, str) and m for m in response.json["errors"].values())
    assert db.session.execute(db.select(db.func.count(Case.id))).scalar_one() == 0


@pytest.mark.parametrize("data, content_type", [
    (b"not json", "application/json"), (b"[1, 2]", "application/json"), (b'"text"', "application/json"),
    (b"", "application/json"),
])
def test_a_body_that_is_not_a_json_object_is_a_bad_request(ctx, client, data, content_type):
    response = client.post("/api/v1/requests", data=data, content_type=content_type)
    assert response.status_code == 400
    assert response.json["error"] == "bad_request"
    assert "JSON object" in response.json["reason"]


def test_status_shows_the_facts_and_no_personal_data(ctx, client):
    submitted = submit(client).json
    response = status(client, submitted["reference"], submitted["access_code"])
    assert response.status_code == 200
    facts = response.json
    assert facts["state"] == "received"
    assert facts["due_date"] == submitted["due_date"]
    assert facts["clocks"][0]["period"] == "answer"
    assert facts["next_step"]["action"] == "wait"
    assert [l["kind"] for l in facts["letters"]] == ["acknowledgment"]
    assert response.headers["Cache-Control"] == "no-store"
    text = response.get_data(as_text=True)
    assert not [v for v in PERSONAL if v in text]
    assert REQUEST["information_requested"] not in text


def test_status_code_is_case_insensitive(ctx, client):
    submitted = submit(client).json
    assert status(client, submitted["reference"], submitted["access_code"].lower()).status_code == 200


def test_wrong_code_unknown_reference_and_missing_code_give_one_answer(ctx, client):
    submitted = submit(client).json
    reference = submitted["reference"]
    wrong = status(client, reference, "WRONG123X")
    unknown = status(client, reference[:-6] + "999999", "WRONG123X")
    missing = client.get(f"/api/v1/status/{reference}")
    assert wrong.status_code == unknown.status_code == missing.status_code == 404
    assert wrong.get_data() == unknown.get_data() == missing.get_data()
    assert wrong.json["error"] == "not_found"


def test_unknown_reference_still_checks_a_hash(ctx, client, monkeypatch):
    from app.services import status as lookup

    checked = []
    real = lookup.access_code_matches
    monkeypatch.setattr(lookup, "access_code_matches", lambda h, c: checked.append(h) or real(h, c))
    status(client, "DAI-2025-999999", "WRONG123X")
    assert len(checked) == 1 and checked[0] == lookup._dummy_hash()


def test_letters_download_as_pdf_with_the_access_code(ctx, client):
    submitted = submit(client).json
    letters = status(client, submitted["reference"], submitted["access_code"]).json["letters"]
    url = letters[0]["url"]
    assert url.endswith(f"/letters/{letters[0]['id']}") and letters[0]["kind"] == "acknowledgment"
    response = client.get(url, headers={"X-Access-Code": submitted["access_code"]})
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.data[:4] == b"%PDF"
    assert client.get(url, headers={"X-Access-Code": "WRONG123X"}).status_code == 404
    assert client.get(url).status_code == 404


@pytest.mark.real_pdf
def test_the_receipt_url_gives_the_applicant_s_copy_with_the_code_and_the_stored_one_has_none(ctx, client):
    submitted = submit(client).json
    code = submitted["access_code"]
    assert submitted["receipt_url"] == f"/api/v1/status/{submitted['reference']}/receipt"
    copy = client.get(submitted["receipt_url"], headers={"X-Access-Code": code})
    assert copy.status_code == 200 and copy.mimetype == "application/pdf"
    assert copy.headers["Cache-Control"] == "no-store"
    assert code in pdf_text(copy.data)
    stored = client.get(status(client, submitted["reference"], code).json["letters"][0]["url"],
                        headers={"X-Access-Code": code})
    assert submitted["reference"] in pdf_text(stored.data) and code not in pdf_text(stored.data)
    assert client.get(submitted["receipt_url"], headers={"X-Access-Code": "WRONG123X"}).status_code == 404
    assert client.get(submitted["receipt_url"]).status_code == 404


def test_a_letter_of_another_case_is_not_found(ctx, client):
    first, second = submit(client).json, submit(client).json
    other_letter = status(client, second["reference"], second["access_code"]).json["letters"][0]["id"]
    response = status(client, first["reference"], first["access_code"], f"/letters/{other_letter}")
    assert response.status_code == 404
    assert response.json == status(client, first["reference"], "WRONG123X").json


def applicant_acts(client, submitted, trigger, body=None):
    return client.post(f"/api/v1/status/{submitted['reference']}/actions/{trigger}", json=body or {},
                       headers={"X-Access-Code": submitted["access_code"]})


def test_the_applicant_complains_to_the_head_after_a_refusal(ctx, client, tokens):
    from tests.app.views.api_support import act

    submitted = submit(client).json
    assert applicant_acts(client, submitted, "complain_to_head",
                          {"text": "x"}).status_code == 409                      # nothing to contest yet
    act(client, tokens["supervisor"], submitted["reference"], "assign", {"officer": "officer"})
    act(client, tokens["officer"], submitted["reference"], "answer",
        {"outcome": "refused", "grounds": ["exception_art7"], "text": "art. 7"})
    wrong = client.post(f"/api/v1/status/{submitted['reference']}/actions/complain_to_head",
                        headers={"X-Access-Code": "WRONG123X"})
    assert wrong.status_code == 404 and wrong.json["reason"] == "no case matches this reference and access code"
    response = applicant_acts(client, submitted, "complain_to_head", {"text": "Je conteste ce refus."})
    assert response.status_code == 200, response.json
    assert response.json["state"] == "appealed"
    assert "head_complaint_acknowledgment" in [l["kind"] for l in response.json["letters"]]
    case = client.get(f"/api/v1/cases/{submitted['reference']}", headers=tokens["supervisor"]).json
    filed = [e for e in case["timeline"] if e["trigger"] == "complain_to_head"]
    assert filed[0]["actor"] == "system" and filed[0]["reason"] == "Je conteste ce refus."
    assert filed[0]["data"]["reason_code"] == "by_applicant"


def test_the_applicant_may_only_use_applicant_actions(ctx, client):
    submitted = submit(client).json
    response = applicant_acts(client, submitted, "assign", {"officer": "officer"})
    assert response.status_code == 404
    assert applicant_acts(client, submitted, "withdraw").json["state"] == "closed"


def test_the_complainant_rates_and_reopens(ctx, client, tokens):
    from tests.app.views.api_support import act

    submitted = submit(client, "complaints").json
    reference, code = submitted["reference"], {"X-Access-Code": submitted["access_code"]}
    act(client, tokens["supervisor"], reference, "assign", {"officer": "complaints"})
    act(client, tokens["complaints"], reference, "answer", {"text": "La route sera réparée."})
    assert client.post(f"/api/v1/status/{reference}/rating", json={"rating": 9}, headers=code).status_code == 422
    rated = client.post(f"/api/v1/status/{reference}/rating", json={"rating": 4}, headers=code)
    assert rated.status_code == 200 and rated.json["rating"] == 4
    assert client.post(f"/api/v1/status/{reference}/rating", json={"rating": 5}, headers=code).status_code == 409
    assert applicant_acts(client, submitted, "reopen", {"text": "Rien n'a changé."}).json["state"] == "assigned"
    act(client, tokens["complaints"], reference, "answer", {"text": "Travaux programmés."})
    assert applicant_acts(client, submitted, "reopen", {"text": "x"}).status_code == 409  # once only
