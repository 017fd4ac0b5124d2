"""Hostile input gets a clear 4xx and changes nothing; error pages; security headers."""
from app.extensions import db
from app.models import Case, Party
from tests.app.views.api_support import act, request_body, submit, tokens  # noqa: F401 (fixture)


def count_cases():
    return db.session.execute(db.select(db.func.count(Case.id))).scalar()


def test_nul_and_surrogates_in_a_submission_are_422_and_save_nothing(ctx, client):
    for bad in ("a\x00b", "a\ud800b", "a\x07b"):
        body = request_body()
        body["applicant"]["first_name"] = bad
        response = submit(client, body=body)
        assert response.status_code == 422, bad
        assert "applicant.first_name" in response.json["errors"]
    assert count_cases() == 0 and db.session.execute(db.select(db.func.count(Party.id))).scalar() == 0


def test_nul_in_a_portal_form_rerenders_with_a_message(ctx, client):
    data = {"first_name": "a\x00b", "last_name": "B", "id_number": "SH123456", "address": "x",
            "information_requested": "y", "urgency": "ordinary", "access_form": "paper_copy", "language": "ar"}
    response = client.post("/requests/new", data=data)
    assert response.status_code in (200, 422)
    assert count_cases() == 0


def test_id_number_spaces_are_ignored(ctx, client):
    body = request_body()
    body["applicant"]["id_number"] = "sh 123456"
    assert submit(client, body=body).status_code == 201


def test_malformed_references_are_not_found(ctx, client):
    for reference in ("DAI-2026-000001\x00", "../../etc/passwd", "DAI-2026-1"):
        response = client.get(f"/api/v1/status/{reference}", headers={"X-Access-Code": "ABCDEFGH"})
        assert response.status_code == 404


def test_wrong_json_types_in_actions_are_422(ctx, client, tokens, register):
    case = register().case
    reference = case.reference
    assert act(client, tokens["supervisor"], reference, "assign", {"officer": "officer", "reason": 123}).status_code == 422
    assert act(client, tokens["supervisor"], reference, "assign", {"officer": ["officer"]}).status_code == 422
    act(client, tokens["supervisor"], reference, "assign", {"officer": "officer"})
    for payload in ({"outcome": "granted", "text": 5}, {"outcome": "refused", "grounds": [["x"]], "text": "t"},
                    {"outcome": "granted", "text": "a\x00b"}, {"outcome": "granted", "text": "x" * 10001}):
        response = act(client, tokens["officer"], reference, "answer", payload)
        assert response.status_code == 422, payload
    db.session.expire_all()
    assert case.state == "assigned"


def test_absurdly_nested_json_is_400(ctx, client):
    response = client.post("/api/v1/requests", data="[" * 100000, content_type="application/json")
    assert response.status_code == 400


def test_the_head_decides_with_reasons(ctx, client, tokens, register):
    reference = register().case.reference
    act(client, tokens["supervisor"], reference, "assign", {"officer": "officer"})
    act(client, tokens["officer"], reference, "answer", {"outcome": "refused", "grounds": ["not_held"], "text": "x"})
    assert act(client, tokens["supervisor"], reference, "complain_to_head", {}).status_code == 422
    act(client, tokens["supervisor"], reference, "complain_to_head", {"text": "Je conteste."})
    response = act(client, tokens["head"], reference, "decide", {"decision": "overturned"})
    assert response.status_code == 422 and "text" in response.json["errors"]
    assert act(client, tokens["head"], reference, "decide",
               {"decision": "overturned", "text": "À communiquer."}).status_code == 200
    refused_again = act(client, tokens["officer"], reference, "answer",
                        {"outcome": "refused", "grounds": ["not_held"], "text": "toujours non"})
    assert refused_again.status_code == 409 and refused_again.json["error"] == "overturned_must_deliver"
    assert act(client, tokens["officer"], reference, "answer",
               {"outcome": "granted", "text": "Voici le document."}).status_code == 200


def test_api_routing_errors_are_json(ctx, client):
    missing = client.get("/api/v1/no-such-thing")
    assert missing.status_code == 404 and missing.json["error"] == "not_found"
    wrong_method = client.get("/api/v1/requests")
    assert wrong_method.status_code == 405 and "reason" in wrong_method.json


def test_page_errors_are_translated_pages_with_security_headers(ctx, client):
    response = client.get("/no-such-page?lang=fr")
    assert response.status_code == 404 and "Cette page n'existe pas." in response.get_data(as_text=True)
    for name in ("X-Content-Type-Options", "X-Frame-Options", "Content-Security-Policy", "Referrer-Policy"):
        assert name in response.headers and name in client.get("/").headers



def test_staff_api_needs_a_time_zone_on_the_moment_of_receipt(ctx, client, tokens):
    body = dict(request_body(), type="information_request", channel="counter", received_at="2025-11-20T10:00:00")
    response = client.post("/api/v1/cases", json=body, headers=tokens["supervisor"])
    assert response.status_code == 422 and "received_at" in response.json["errors"]
    body["received_at"] = "2025-11-20T10:00:00+01:00"
    assert client.post("/api/v1/cases", json=body, headers=tokens["supervisor"]).status_code == 201
