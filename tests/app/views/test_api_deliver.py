"""Issue 5 §6 for §1 and §4: documents, the answer that releases them, the applicant's download, drafts."""
import io

from app.extensions import db
from app.models import CaseEvent
from tests.app.deliver_support import CSV, PDF, signoff  # noqa: F401
from tests.app.views.api_support import act, status, submit, tokens  # noqa: F401
from tests.app.views.test_api_openapi import errors, schema, spec  # noqa: F401


def upload(client, headers, reference, data, name):
    return client.post(f"/api/v1/cases/{reference}/documents", headers=headers, content_type="multipart/form-data",
                       data={"file": (io.BytesIO(data), name)})


def test_two_files_released_by_the_answer_and_fetched_with_the_access_code(ctx, client, tokens, spec):
    submitted = submit(client).json
    reference, code = submitted["reference"], submitted["access_code"]
    officer = tokens["officer"]
    assert upload(client, officer, reference, PDF, "a.pdf").status_code == 403       # not assigned yet
    act(client, tokens["supervisor"], reference, "assign", {"officer": "officer"})
    first = upload(client, officer, reference, PDF, "PV.pdf")
    second = upload(client, officer, reference, CSV, "budget.csv")
    assert (first.status_code, second.status_code) == (201, 201)
    assert errors(spec, schema(spec, "Document"), first.json) == []
    assert first.json["sha256"] and first.headers["Location"].endswith(f"/documents/{first.json['id']}")
    bad = upload(client, officer, reference, b"MZ\x90\x00", "x.pdf")
    assert bad.status_code == 422 and "file" in bad.json["errors"]
    extra = client.post(f"/api/v1/cases/{reference}/documents", headers=officer, content_type="multipart/form-data",
                        data={"file": (io.BytesIO(PDF), "c.pdf"), "extra": "1"})
    assert extra.status_code == 422 and extra.json["errors"] == {"extra": "not a field of this operation"}
    ids = [first.json["id"], second.json["id"]]
    answered = act(client, officer, reference, "answer", {"outcome": "granted", "text": "Ci-joint.", "documents": ids})
    assert answered.status_code == 200, answered.json
    assert errors(spec, schema(spec, "Case"), answered.json) == []
    assert [d["released_at"] is not None for d in answered.json["documents"]] == [True, True]
    facts = status(client, reference, code).json
    assert errors(spec, schema(spec, "Status"), facts) == []
    assert [d["name"] for d in facts["documents"]] == ["PV.pdf", "budget.csv"]
    for document_id, data in zip(ids, (PDF, CSV), strict=True):
        fetched = status(client, reference, code, f"/documents/{document_id}")
        assert fetched.status_code == 200 and fetched.data == data
    wrong = status(client, reference, "WRONGCODE1", f"/documents/{ids[0]}")
    missing = status(client, reference, code, "/documents/999999")
    assert wrong.status_code == missing.status_code == 404 and wrong.json == missing.json
    downloads = db.session.execute(db.select(CaseEvent).filter_by(kind="download").order_by(CaseEvent.id)).scalars().all()
    assert [(e.data["document"], e.data["channel"]) for e in downloads] == [(ids[0], "api"), (ids[1], "api")]
    assert client.delete(f"/api/v1/cases/{reference}/documents/{ids[0]}", headers=officer).status_code == 409


def test_a_refusal_submitted_through_the_api_is_approved_by_a_supervisor(ctx, client, tokens, signoff, spec):
    reference = submit(client).json["reference"]
    act(client, tokens["supervisor"], reference, "assign", {"officer": "officer"})
    refusal = {"outcome": "refused", "grounds": ["exception_art7"], "text": "Vie privée."}
    pending = act(client, tokens["officer"], reference, "answer", refusal)
    assert pending.status_code == 202 and pending.json["status"] == "submitted"
    assert errors(spec, schema(spec, "Draft"), pending.json) == []
    pdf = client.get(f"/api/v1/cases/{reference}/letters/draft?kind=answer", headers=tokens["officer"])
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    assert client.get(f"/api/v1/cases/{reference}/letters/draft?kind=nope",
                      headers=tokens["officer"]).status_code == 422
    queue = client.get("/api/v1/approvals", headers=tokens["supervisor"]).json
    assert errors(spec, schema(spec, "ApprovalList"), queue) == []
    assert [i["id"] for i in queue["items"]] == [pending.json["id"]] and queue["items"][0]["due_date"]
    assert client.get("/api/v1/approvals", headers=tokens["officer"]).status_code == 403
    step = f"/api/v1/cases/{reference}/drafts/{pending.json['id']}"
    assert client.post(f"{step}/approve", headers=tokens["officer"]).status_code == 403
    approved = client.post(f"{step}/approve", headers=tokens["supervisor"])
    assert approved.status_code == 200 and approved.json["status"] == "issued"
    case = client.get(f"/api/v1/cases/{reference}", headers=tokens["supervisor"]).json
    assert case["state"] == "answered" and case["letters"][-1]["kind"] == "answer"
    assert [e["data"]["status"] for e in case["timeline"] if e["kind"] == "draft"] == ["submitted", "approved"]


def test_drafts_are_written_rejected_and_resubmitted_through_the_api(ctx, client, tokens, signoff):
    reference = submit(client).json["reference"]
    act(client, tokens["supervisor"], reference, "assign", {"officer": "officer"})
    body = {"trigger": "answer", "payload": {"outcome": "refused", "grounds": ["not_held"], "text": "Non."}}
    written = client.post(f"/api/v1/cases/{reference}/drafts", json=body, headers=tokens["officer"])
    assert written.status_code == 201 and written.json["status"] == "draft"
    again = client.post(f"/api/v1/cases/{reference}/drafts", json=body, headers=tokens["officer"])
    assert again.status_code == 200 and again.json["id"] == written.json["id"]
    step = f"/api/v1/cases/{reference}/drafts/{written.json['id']}"
    assert client.post(f"{step}/submit", headers=tokens["officer"]).json["status"] == "submitted"
    assert client.post(f"{step}/reject", json={}, headers=tokens["supervisor"]).status_code == 422
    rejected = client.post(f"{step}/reject", json={"reason": "Précisez."}, headers=tokens["supervisor"]).json
    assert (rejected["status"], rejected["rejection_reason"]) == ("rejected", "Précisez.")
    assert client.post(f"{step}/approve", headers=tokens["supervisor"]).status_code == 409
    listed = client.get(f"/api/v1/cases/{reference}/drafts", headers=tokens["viewer"]).json["items"]
    assert [d["status"] for d in listed] == ["rejected"]
    assert client.post(f"{step}/discard", headers=tokens["officer"]).json["status"] == "cancelled"
