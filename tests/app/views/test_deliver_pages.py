"""Issue 5 §1 and §4 through the pages: documents released and downloaded, a refusal approved, text modules."""
import io
import re
from datetime import timedelta

import pytest

from app.extensions import db
from app.models import CaseEvent, LetterDraft, TextModule
from app.services.calendar import utc_now
from app.services.cases import fire
from tests.app.deliver_support import CSV, PDF, signoff  # noqa: F401
from tests.app.views.staff_support import fresh_request_state, signed_in  # noqa: F401
from tests.conftest import REQUEST


def text(response):
    return response.get_data(as_text=True)


@pytest.fixture
def assigned(register, staff):
    def make(**fields):
        now = utc_now()
        case = register(data={**REQUEST, **fields}, received_at=now - timedelta(hours=1), now=now).case
        fire(case, "assign", {"officer": "officer"}, actor=staff["supervisor"])
        return case
    return make


def lookup(client, reference, code):
    response = client.post("/status", data={"reference": reference, "access_code": code})
    assert response.status_code == 302


def test_granted_with_two_files_downloaded_from_the_status_page(app, register, staff):
    now = utc_now()
    registered = register(received_at=now - timedelta(hours=1), now=now)
    case = registered.case
    fire(case, "assign", {"officer": "officer"}, actor=staff["supervisor"])
    officer = signed_in(app, "officer")
    page = text(officer.get(f"/staff/cases/{case.reference}"))
    assert 'id="documents"' in page and 'enctype="multipart/form-data"' in page
    upload = officer.post(f"/staff/cases/{case.reference}/documents", content_type="multipart/form-data",
                          data={"files": [(io.BytesIO(PDF), "PV octobre 2023.pdf"), (io.BytesIO(CSV), "budget.csv")]})
    assert upload.status_code == 302
    first, second = case.released_documents
    page = text(officer.get(f"/staff/cases/{case.reference}"))
    assert page.count('name="answer-documents"') == 2
    answer = officer.post(f"/staff/cases/{case.reference}/actions/answer", data={
        "answer-outcome": "granted", "answer-text": "Veuillez trouver les documents.",
        "answer-documents": [str(first.id), str(second.id)]})
    assert answer.status_code == 302
    db.session.expire_all()
    assert case.state == "answered" and all(d.released for d in case.released_documents)

    applicant = app.test_client()
    lookup(applicant, case.reference, registered.access_code)
    status = text(applicant.get(f"/status/{case.reference}"))
    assert "PV octobre 2023.pdf" in status and "budget.csv" in status and first.sha256 in status
    for document, data in ((first, PDF), (second, CSV)):
        download = applicant.get(f"/status/{case.reference}/documents/{document.id}")
        assert download.status_code == 200 and download.data == data
        assert "attachment" in download.headers["Content-Disposition"]
        assert download.headers["X-Content-Type-Options"] == "nosniff"
    stranger = app.test_client()
    assert stranger.get(f"/status/{case.reference}/documents/{first.id}").status_code == 404
    posted = stranger.post(f"/status/{case.reference}/documents/{first.id}",
                           data={"access_code": registered.access_code})
    assert posted.status_code == 200 and posted.data == PDF
    assert stranger.post(f"/status/{case.reference}/documents/{first.id}",
                         data={"access_code": "WRONG-CODE"}).status_code == 404
    events = db.session.execute(db.select(CaseEvent).filter_by(case_id=case.id, kind="download").order_by(CaseEvent.id)).scalars().all()
    assert [e.data["document"] for e in events] == [first.id, second.id, first.id]
    timeline = text(officer.get(f"/staff/cases/{case.reference}"))
    assert timeline.count("budget.csv") >= 2


def test_a_document_of_the_wrong_type_is_refused_with_a_message(app, assigned):
    case = assigned()
    officer = signed_in(app, "officer")
    response = officer.post(f"/staff/cases/{case.reference}/documents", content_type="multipart/form-data",
                            data={"files": [(io.BytesIO(b"MZ\x90\x00"), "setup.pdf")]}, follow_redirects=True)
    assert "flash-error" in text(response) and case.released_documents == []


def test_a_refusal_waits_for_approval_in_the_supervisors_queue_then_is_issued(app, assigned, staff, signoff):
    case = assigned()
    officer, supervisor = signed_in(app, "officer"), signed_in(app, "supervisor")
    response = officer.post(f"/staff/cases/{case.reference}/actions/answer", data={
        "answer-outcome": "refused", "answer-grounds": ["exception_art7"], "answer-text": "Vie privée (art. 7)."})
    assert response.status_code == 302 and "/staff/drafts/" in response.headers["Location"]
    draft = db.session.execute(db.select(LetterDraft)).scalar_one()
    db.session.expire_all()
    assert case.state == "assigned" and draft.status == "submitted"
    queue = text(supervisor.get("/staff/approvals"))
    assert case.reference in queue and case.clock("answer").last_day.isoformat() in queue
    assert case.reference not in text(signed_in(app, "head").get("/staff/approvals"))
    assert officer.get("/staff/approvals").status_code == 403
    page = text(supervisor.get(f"/staff/drafts/{draft.id}"))
    assert "/approve" in page and "/reject" in page
    preview = supervisor.get(f"/staff/drafts/{draft.id}/preview.pdf")
    assert preview.status_code == 200 and preview.mimetype == "application/pdf"
    assert officer.post(f"/staff/drafts/{draft.id}/approve").status_code == 403
    approved = supervisor.post(f"/staff/drafts/{draft.id}/approve")
    assert approved.status_code == 302
    db.session.expire_all()
    assert case.state == "answered" and case.letters[-1].kind == "answer" and draft.status == "issued"
    assert case.reference not in text(supervisor.get("/staff/approvals"))


def test_rejection_returns_the_draft_with_its_reason(app, assigned, signoff):
    case = assigned()
    officer, supervisor = signed_in(app, "officer"), signed_in(app, "supervisor")
    officer.post(f"/staff/cases/{case.reference}/actions/answer", data={
        "answer-outcome": "refused", "answer-grounds": ["exception_art7"], "answer-text": "Non."})
    draft = db.session.execute(db.select(LetterDraft)).scalar_one()
    assert supervisor.post(f"/staff/drafts/{draft.id}/reject", data={"reason": ""}).status_code == 422
    supervisor.post(f"/staff/drafts/{draft.id}/reject", data={"reason": "Motivez le refus."})
    page = text(officer.get(f"/staff/drafts/{draft.id}"))
    assert "Motivez le refus." in page and 'name="answer-text"' in page


def test_paper_copy_details_are_asked_and_checked_on_the_answer_form(app, assigned):
    case = assigned(access_form="paper_copy")
    officer = signed_in(app, "officer")
    page = text(officer.get(f"/staff/cases/{case.reference}"))
    assert 'name="answer-place"' in page and 'name="answer-copying_cost"' in page and 'name="answer-time"' not in page
    refused = officer.post(f"/staff/cases/{case.reference}/actions/answer", data={
        "answer-outcome": "granted", "answer-text": "Copie prête.", "answer-place": "Bureau d'ordre",
        "answer-date": "2020-01-06"})
    assert refused.status_code == 422 and "field-error" in text(refused)
    db.session.expire_all()
    assert case.state == "assigned"


def test_partial_grant_withheld_rows_are_checked_and_kept(app, assigned):
    case = assigned()
    officer = signed_in(app, "officer")
    missing = officer.post(f"/staff/cases/{case.reference}/actions/answer", data={
        "answer-outcome": "partly_granted", "answer-text": "En partie.", "answer-withheld-0-part": "RIB"})
    assert missing.status_code == 422
    done = officer.post(f"/staff/cases/{case.reference}/actions/answer", data={
        "answer-outcome": "partly_granted", "answer-text": "En partie.", "answer-withheld-0-part": "RIB",
        "answer-withheld-0-ground": "exception_art7"})
    assert done.status_code == 302
    db.session.expire_all()
    assert case.withheld == [{"part": "RIB", "ground": "exception_art7"}] and case.grounds == ["exception_art7"]


def test_text_modules_are_kept_by_supervisors_and_inserted_without_javascript(app, assigned, staff):
    supervisor, officer = signed_in(app, "supervisor"), signed_in(app, "officer")
    assert officer.get("/staff/text-modules").status_code == 403
    assert supervisor.post("/staff/text-modules", data={"title": "", "body_ar": "x", "body_fr": ""}).status_code == 422
    created = supervisor.post("/staff/text-modules", data={
        "title": "Voies de recours", "body_ar": "يمكنكم تقديم شكاية إلى رئيس الهيئة.",
        "body_fr": "Vous pouvez saisir le chef de l'organisme."})
    assert created.status_code == 302
    module = db.session.execute(db.select(TextModule)).scalar_one()
    assert "Voies de recours" in text(supervisor.get("/staff/text-modules"))
    case = assigned()                                  # an Arabic case: the Arabic paragraph is inserted
    page = text(officer.get(f"/staff/cases/{case.reference}"))
    assert 'data-body="يمكنكم تقديم شكاية إلى رئيس الهيئة."' in page and "text_modules.js" in page
    inserted = officer.post(f"/staff/cases/{case.reference}/drafts/answer", data={
        "answer-outcome": "granted", "answer-text": "Ci-joint le document.", "answer-module": str(module.id),
        "insert": "1"})
    assert inserted.status_code == 302
    draft = db.session.execute(db.select(LetterDraft)).scalar_one()
    assert draft.payload["text"] == "Ci-joint le document.\n\nيمكنكم تقديم شكاية إلى رئيس الهيئة."
    assert "يمكنكم تقديم شكاية" in text(officer.get(inserted.headers["Location"]))
    supervisor.post(f"/staff/text-modules/{module.id}", data={"title": "Recours", "body_ar": "ب", "body_fr": "b"})
    assert db.session.get(TextModule, module.id).title == "Recours"
    supervisor.post(f"/staff/text-modules/{module.id}/delete")
    assert db.session.execute(db.select(TextModule)).first() is None


def test_the_preview_button_renders_a_draft_pdf_and_saves_nothing(app, assigned):
    case = assigned()
    officer = signed_in(app, "officer")
    response = officer.post(f"/staff/cases/{case.reference}/drafts/answer/preview", data={
        "answer-outcome": "refused", "answer-grounds": ["exception_art7"], "answer-text": "Non."})
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    invalid = officer.post(f"/staff/cases/{case.reference}/drafts/answer/preview", data={
        "answer-outcome": "refused", "answer-text": "Non."})
    assert invalid.status_code == 422 and re.search(r"grounds", text(invalid))
    db.session.expire_all()
    assert case.state == "assigned" and len(case.letters) == 1
