"""The thread through the API: staff (bearer token) and applicant (access code), paging, the OpenAPI shapes."""
import io
from datetime import timedelta

import pytest

from app.extensions import db
from app.models import Attachment, Message
from app.services.calendar import today_local, utc_now
from tests.app.views.api_support import act, bearer, request_body, submit, tokens  # noqa: F401
from tests.app.views.test_api_openapi import errors, schema, spec  # noqa: F401
from tests.app.views.rate_limit_support import limited  # noqa: F401

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture
def case(ctx, client, tokens):
    """A request submitted through the API, assigned to ``officer``: {"reference", "code"}."""
    submitted = submit(client).json
    act(client, tokens["supervisor"], submitted["reference"], "assign", {"officer": "officer"})
    return {"reference": submitted["reference"], "code": submitted["access_code"]}


def staff_post(client, headers, reference, body):
    return client.post(f"/api/v1/cases/{reference}/messages", json=body, headers=headers)


def applicant_get(client, reference, code, query=""):
    return client.get(f"/api/v1/status/{reference}/messages{query}", headers={"X-Access-Code": code})


def test_staff_write_and_ask_for_clarification(client, case, tokens):
    reference = case["reference"]
    sent = staff_post(client, tokens["officer"], reference, {"body": "Bonjour."})
    assert sent.status_code == 201
    assert (sent.json["sender"], sent.json["author"], sent.json["clarification"]) == ("staff", "officer", False)
    asked = staff_post(client, tokens["officer"], reference, {"body": "Précisez l'année.", "clarification": True})
    assert asked.status_code == 201 and asked.json["clarification"] is True
    again = staff_post(client, tokens["officer"], reference, {"body": "Et ?", "clarification": True})
    assert (again.status_code, again.json["error"]) == (409, "clarification_pending")
    for body, field in (({"body": ""}, "body"), ({}, "body"), ({"body": "x", "clarification": "yes"}, "clarification")):
        invalid = staff_post(client, tokens["officer"], reference, body)
        assert invalid.status_code == 422 and field in invalid.json["errors"]
    timeline = client.get(f"/api/v1/cases/{reference}", headers=tokens["officer"]).json["timeline"]
    assert [e["kind"] for e in timeline].count("clarification") == 1


def test_the_applicant_reads_and_replies_with_the_access_code(client, case, tokens):
    reference, code = case["reference"], case["code"]
    staff_post(client, tokens["officer"], reference, {"body": "Précisez.", "clarification": True})
    shown = applicant_get(client, reference, code)
    assert shown.status_code == 200 and shown.headers["Cache-Control"] == "no-store"
    [message] = shown.json["items"]
    assert message["clarification"] and "author" not in message and "read_at" not in message
    assert shown.json["clarification_policy"] == "keep_running"
    replied = client.post(f"/api/v1/status/{reference}/messages", json={"body": "L'année 2023."},
                          headers={"X-Access-Code": code})
    assert replied.status_code == 201 and replied.json["sender"] == "applicant"
    with_file = client.post(f"/api/v1/status/{reference}/messages", headers={"X-Access-Code": code},
                            data={"body": "La pièce.", "attachments": [(io.BytesIO(PDF), "piece.pdf")]},
                            content_type="multipart/form-data")
    assert with_file.status_code == 201 and with_file.json["attachments"][0]["name"] == "piece.pdf"
    bad_file = client.post(f"/api/v1/status/{reference}/messages", headers={"X-Access-Code": code},
                           data={"body": "x", "attachments": [(io.BytesIO(b"MZ\x90\x00"), "x.pdf")]},
                           content_type="multipart/form-data")
    assert bad_file.status_code == 422 and "attachments" in bad_file.json["errors"]
    extra = client.post(f"/api/v1/status/{reference}/messages", headers={"X-Access-Code": code},
                        data={"body": "x", "cc": "someone@example.org"}, content_type="multipart/form-data")
    assert extra.status_code == 422 and extra.json["errors"] == {"cc": "not a field of this operation"}
    staff_view = client.get(f"/api/v1/cases/{reference}/messages", headers=tokens["officer"]).json
    assert [m["sender"] for m in staff_view["items"]] == ["applicant", "applicant", "staff"]
    assert staff_view["items"][0]["attachments"][0]["url"].endswith(
        f"/attachments/{staff_view['items'][0]['attachments'][0]['id']}")
    assert db.session.execute(db.select(db.func.count(Attachment.id))).scalar_one() == 1


def test_wrong_code_and_unknown_reference_give_one_answer(client, case):
    wrong = applicant_get(client, case["reference"], "WRONGCODE1")
    unknown = applicant_get(client, "DAI-2025-999999", case["code"])
    posted = client.post(f"/api/v1/status/{case['reference']}/messages", json={"body": "x"},
                         headers={"X-Access-Code": "WRONGCODE1"})
    assert wrong.status_code == unknown.status_code == posted.status_code == 404
    assert wrong.get_data() == unknown.get_data() == posted.get_data()
    assert db.session.execute(db.select(db.func.count(Message.id))).scalar_one() == 0


def test_lists_are_paged_newest_first(client, case, tokens):
    reference = case["reference"]
    for n in range(5):
        staff_post(client, tokens["officer"], reference, {"body": f"message {n}"})
    page = client.get(f"/api/v1/cases/{reference}/messages?per_page=2&page=2", headers=tokens["viewer"]).json
    assert (page["total"], page["page"], page["per_page"]) == (5, 2, 2)
    assert [m["body"] for m in page["items"]] == ["message 2", "message 1"]
    public = applicant_get(client, reference, case["code"], "?per_page=3").json
    assert [m["body"] for m in public["items"]] == ["message 4", "message 3", "message 2"]
    for query in ("?per_page=0", "?per_page=101", "?page=x"):
        assert client.get(f"/api/v1/cases/{reference}/messages{query}", headers=tokens["viewer"]).status_code == 422


def test_under_the_restart_policy_a_reply_through_the_api_restarts_the_answer_clock(ctx, client, tokens, monkeypatch):
    monkeypatch.setitem(ctx.config, "CLARIFICATION_CLOCK_POLICY", "restart_on_reply")
    received = (utc_now() - timedelta(days=9)).replace(microsecond=0).isoformat() + "Z"
    body = {**request_body(), "type": "information_request", "channel": "post", "received_at": received}
    registered = client.post("/api/v1/cases", json=body, headers=tokens["supervisor"]).json
    reference = registered["reference"]
    staff_post(client, tokens["supervisor"], reference, {"body": "Précisez.", "clarification": True})
    client.post(f"/api/v1/status/{reference}/messages", json={"body": "Voilà."},
                headers={"X-Access-Code": registered["access_code"]})
    [clock] = [c for c in client.get(f"/api/v1/cases/{reference}", headers=tokens["supervisor"]).json["clocks"]
               if c["period"] == "answer"]
    assert clock["started_on"] == today_local().isoformat() and clock["due_on"] > registered["due_date"]


def test_responses_match_the_openapi_document(client, case, tokens, spec):
    reference, code = case["reference"], case["code"]
    sent = staff_post(client, tokens["officer"], reference, {"body": "Précisez.", "clarification": True}).json
    assert errors(spec, schema(spec, "StaffMessage"), sent) == []
    client.post(f"/api/v1/status/{reference}/messages", headers={"X-Access-Code": code},
                data={"body": "La pièce.", "attachments": [(io.BytesIO(PDF), "piece.pdf")]},
                content_type="multipart/form-data")
    listed = client.get(f"/api/v1/cases/{reference}/messages", headers=tokens["officer"]).json
    assert errors(spec, schema(spec, "StaffMessageList"), listed) == []
    public = applicant_get(client, reference, code).json
    assert errors(spec, schema(spec, "ApplicantMessageList"), public) == []
    assert errors(spec, schema(spec, "ApplicantMessage"), public["items"][0]) == []


def test_the_applicant_side_is_throttled_like_the_status_lookup(limited):
    client = limited(LOOKUP_RATE_LIMIT="3 per minute").test_client()
    answers = [client.get("/api/v1/status/DAI-2025-000001/messages", headers={"X-Access-Code": "ABCDEFGH"},
                          environ_base={"REMOTE_ADDR": "127.0.9.7"}) for _ in range(4)]
    posts = [client.post("/api/v1/status/DAI-2025-000001/messages", json={"body": "x"},
                         headers={"X-Access-Code": "ABCDEFGH"}, environ_base={"REMOTE_ADDR": "127.0.9.8"})
             for _ in range(4)]
    assert [a.status_code for a in answers] == [404, 404, 404, 429]
    assert [p.status_code for p in posts] == [404, 404, 404, 429]
    page = [client.post("/status/DAI-2025-000001/messages", data={"body": "x"},
                        environ_base={"REMOTE_ADDR": "127.0.9.9"}) for _ in range(4)]
    assert page[3].status_code == 429
