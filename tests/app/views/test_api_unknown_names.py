"""The API refuses what it does not understand: an undeclared query parameter or body field is a 422 that
names it, never silently ignored (issue 7 §1); the OpenAPI document declares every body closed."""
import pytest

from app.extensions import db
from app.models.case import Case
from app.openapi import closed
from tests.app.views.api_support import act, complaint_body, request_body, submit, tokens  # noqa: F401

UNKNOWN_FIELD, UNKNOWN_PARAMETER = "not a field of this operation", "not a parameter of this operation"


def cases() -> int:
    return db.session.execute(db.select(db.func.count(Case.id))).scalar_one()


def assert_refused(response, errors: dict):
    assert response.status_code == 422, response.json
    assert response.json["error"] == "invalid" and response.json["errors"] == errors
    assert all(name in response.json["reason"] for name in errors)


@pytest.mark.parametrize("kind, body, errors", [
    ("requests", request_body(acces_form="paper_copy"), {"acces_form": UNKNOWN_FIELD}),
    ("requests", {**request_body(), "applicant": {**request_body()["applicant"], "nickname": "Salma"}},
     {"applicant.nickname": UNKNOWN_FIELD}),
    ("complaints", complaint_body(priority="high"), {"priority": UNKNOWN_FIELD}),
    ("complaints", {**complaint_body(), "complainant": {**complaint_body()["complainant"], "cin": "SH1"}},
     {"complainant.cin": UNKNOWN_FIELD}),
])
def test_a_public_submission_with_an_unknown_field_is_refused_and_saves_nothing(ctx, client, kind, body, errors):
    assert_refused(submit(client, kind, body), errors)
    assert cases() == 0


def test_a_staff_registration_takes_its_own_fields_and_no_other(ctx, client, tokens):
    body = request_body(type="information_request", channel="counter", received_at="2025-11-06T09:00:00Z")
    assert client.post("/api/v1/cases", json=body, headers=tokens["supervisor"]).status_code == 201
    assert_refused(client.post("/api/v1/cases", json={**body, "channnel": "post"}, headers=tokens["supervisor"]),
                   {"channnel": UNKNOWN_FIELD})
    assert cases() == 1


def test_actions_ratings_notes_and_messages_refuse_unknown_fields(ctx, client, tokens):
    registered = submit(client).json
    reference, code = registered["reference"], {"X-Access-Code": registered["access_code"]}
    assert_refused(act(client, tokens["supervisor"], reference, "assign", {"officer": "officer", "urgent": True}),
                   {"urgent": UNKNOWN_FIELD})
    assert_refused(client.post(f"/api/v1/status/{reference}/actions/withdraw", json={"text": "x", "why": "y"},
                               headers=code), {"why": UNKNOWN_FIELD})
    assert_refused(client.post(f"/api/v1/status/{reference}/rating", json={"rating": 5, "stars": 5}, headers=code),
                   {"stars": UNKNOWN_FIELD})
    assert_refused(client.post(f"/api/v1/status/{reference}/messages", json={"body": "Bonjour", "to": "x"},
                               headers=code), {"to": UNKNOWN_FIELD})
    assert_refused(client.post(f"/api/v1/cases/{reference}/messages", json={"body": "Bonjour", "cc": "x"},
                               headers=tokens["supervisor"]), {"cc": UNKNOWN_FIELD})
    db.session.expire_all()
    assert db.session.execute(db.select(Case)).scalar_one().state == "received"


@pytest.mark.parametrize("path", ["/api/v1/cases?pagee=2", "/api/v1/cases?page=1&sort_by=due",
                                  "/api/v1/approvals?limit=5", "/api/v1/statistics?from=2025-01-01&to=2025-12-31&x=1"])
def test_a_list_with_an_unknown_query_parameter_is_refused(ctx, client, tokens, path):
    response = client.get(path, headers=tokens["supervisor"])
    unknown = path.rsplit("&", 1)[-1].split("?")[-1].split("=")[0]
    assert_refused(response, {unknown: UNKNOWN_PARAMETER})


def test_declared_parameters_still_pass(ctx, client, tokens):
    submit(client)
    response = client.get("/api/v1/cases?page=1&per_page=5&state=received", headers=tokens["supervisor"])
    assert response.status_code == 200 and response.json["total"] == 1


def test_the_document_declares_every_json_body_closed_and_the_422_answer(app):
    with app.app_context():
        document = closed._document()
        for path, operations in document["paths"].items():
            for method, op in operations.items():
                assert "422" in op["responses"], (method, path)
                content = (op.get("requestBody") or {}).get("content", {}).get("application/json")
                if content:
                    assert closed._shape(content["schema"])[1], f"{method} {path}: body not closed"
        schemas = document["components"]["schemas"]
        for name in ("Party", "InformationRequest", "Complaint", "StaffInformationRequest", "StaffComplaint",
                     "Rating", "ApplicantNote"):
            assert schemas[name]["additionalProperties"] is False, name


@pytest.mark.parametrize("path", ["/api/v1/cases?page=1&page=2", "/api/v1/cases?state=received&state=assigned"])
def test_a_parameter_given_twice_is_refused(ctx, client, tokens, path):
    response = client.get(path, headers=tokens["supervisor"])
    name = path.split("?")[1].split("=")[0]
    assert response.status_code == 422 and response.json["errors"] == {name: "give this parameter once"}
