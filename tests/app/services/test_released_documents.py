"""Released documents (art. 14, 18): added before the answer, released by it, never changed afterwards."""
import io
from datetime import datetime

import pytest
from werkzeug.datastructures import FileStorage

from app.extensions import db
from app.models import CaseEvent, ReleasedDocument
from app.services import released_documents as docs
from app.services.attachments import AttachmentError, check_uploads
from app.services.cases import PayloadInvalid, fire
from app.services.status import status_facts
from tests.app.deliver_support import CSV, PDF, docx
from tests.conftest import REQUEST

ASSIGNED, ANSWERED = datetime(2025, 10, 28, 9), datetime(2025, 11, 3, 9)


def files(*pairs):
    return [FileStorage(io.BytesIO(data), filename=name) for name, data in pairs]


@pytest.fixture
def assigned(register, staff):
    def make(data=None):
        case = register(data=data).case
        fire(case, "assign", {"officer": "officer"}, actor=staff["supervisor"], now=ASSIGNED)
        return case
    return make


def add(case, user, *pairs):
    return docs.add_documents(case, check_uploads(files(*pairs), docs.document_rules()), user, now=ASSIGNED)


def test_documents_are_checked_stored_and_released_by_the_answer(assigned, staff, app):
    case = assigned()
    first, second = add(case, staff["officer"], ("PV octobre 2023.pdf", PDF), ("budget.csv", CSV))
    assert (first.content_type, second.content_type) == ("application/pdf", "text/csv")
    assert docs.file_path(first).read_bytes() == PDF and docs.file_path(first).stat().st_mode & 0o777 == 0o600
    assert first.stored_name.endswith(".pdf") and "PV" not in first.stored_name
    fire(case, "answer", {"outcome": "granted", "text": "Ci-joint.", "documents": [first.id, second.id]},
         actor=staff["officer"], now=ANSWERED)
    assert [d.released_at for d in docs.released(case)] == [ANSWERED, ANSWERED]
    facts = status_facts(case, now=ANSWERED)
    assert [d["name"] for d in facts["documents"]] == ["PV octobre 2023.pdf", "budget.csv"]
    assert facts["documents"][0]["sha256"] == first.sha256
    assert {e.data.get("action") for e in case.events if e.kind == "document"} == {"added"}


def test_a_released_document_never_changes_and_is_never_deleted(assigned, staff):
    case = assigned()
    (document,) = add(case, staff["officer"], ("a.pdf", PDF))
    fire(case, "answer", {"outcome": "granted", "text": "x", "documents": [document.id]},
         actor=staff["officer"], now=ANSWERED)
    document.original_name = "renamed.pdf"
    with pytest.raises(ValueError, match="never changes"):
        db.session.commit()
    db.session.rollback()
    db.session.delete(db.session.get(ReleasedDocument, document.id))
    with pytest.raises(ValueError, match="never deleted"):
        db.session.commit()
    db.session.rollback()
    with pytest.raises(docs.DocumentRefused):
        docs.remove_document(case, db.session.get(ReleasedDocument, document.id), staff["officer"], now=ANSWERED)


def test_the_answer_names_only_this_cases_documents_not_yet_released(assigned, staff):
    case, other = assigned(), assigned()
    (mine,) = add(case, staff["officer"], ("a.pdf", PDF))
    (theirs,) = add(other, staff["officer"], ("b.pdf", PDF))
    for documents in ([theirs.id], [mine.id, mine.id], ["1"], "x"):
        with pytest.raises(PayloadInvalid) as refused:
            fire(case, "answer", {"outcome": "granted", "text": "x", "documents": documents},
                 actor=staff["officer"], now=ANSWERED)
        # the schema names the item at fault (documents.0), the rules the list (documents)
        assert {k.split(".")[0] for k in refused.value.errors} == {"documents"}
    with pytest.raises(PayloadInvalid) as refused:
        fire(case, "answer", {"outcome": "refused", "grounds": ["not_held"], "text": "x", "documents": [mine.id]},
             actor=staff["officer"], now=ANSWERED)
    assert refused.value.errors == {"documents": "only a grant (in full or in part) releases documents"}
    assert not mine.released


def test_only_who_may_answer_adds_or_removes_and_limits_hold(assigned, staff, app, monkeypatch):
    case = assigned()
    for user in (staff["head"], staff["viewer"]):
        with pytest.raises(PermissionError):
            add(case, user, ("a.pdf", PDF))
    (document,) = add(case, staff["supervisor"], ("a.pdf", PDF))
    path = docs.file_path(document)
    docs.remove_document(case, document, staff["officer"], now=ASSIGNED)
    assert not path.exists() and case.released_documents == []
    assert [e.data["action"] for e in case.events if e.kind == "document"] == ["added", "removed"]
    monkeypatch.setitem(app.config, "RELEASED_DOCUMENTS_MAX_FILES", 1)
    add(case, staff["officer"], ("a.pdf", PDF))
    with pytest.raises(docs.DocumentRefused, match=r"limit: 1\)"):
        add(case, staff["officer"], ("b.pdf", PDF))
    monkeypatch.setitem(app.config, "RELEASED_DOCUMENT_MAX_BYTES", 10)
    with pytest.raises(AttachmentError, match="larger than 10 بايت"):
        check_uploads(files(("c.pdf", PDF)), docs.document_rules())
    with pytest.raises(AttachmentError, match="not of an accepted type"):
        check_uploads(files(("c.exe", b"MZ\x90\x00")), docs.document_rules())


def test_office_documents_are_accepted_and_the_request_must_be_answerable(register, staff, assigned):
    fresh = register().case                                  # received, not assigned: no answer yet
    with pytest.raises(PermissionError):
        add(fresh, staff["supervisor"], ("a.docx", docx()))
    case = assigned()
    (document,) = add(case, staff["officer"], ("rapport.docx", docx()))
    assert document.content_type.endswith("wordprocessingml.document")


def test_a_download_is_on_the_timeline_without_touching_the_case(assigned, staff):
    case = assigned()
    (document,) = add(case, staff["officer"], ("a.pdf", PDF))
    fire(case, "answer", {"outcome": "granted", "text": "x", "documents": [document.id]},
         actor=staff["officer"], now=ANSWERED)
    version = case.version
    docs.record_download(case, document, "status_page", now=ANSWERED)
    event = db.session.execute(db.select(CaseEvent).filter_by(kind="download")).scalar_one()
    assert (event.actor_label, event.data["document"], event.data["channel"]) == ("applicant", document.id,
                                                                                 "status_page")
    db.session.refresh(case)
    assert case.version == version


def test_paper_copy_and_consultation_answers_keep_their_delivery(register, staff):
    case = register(data={**REQUEST, "access_form": "paper_copy"}).case
    fire(case, "assign", {"officer": "officer"}, actor=staff["supervisor"], now=ASSIGNED)
    with pytest.raises(PayloadInvalid) as refused:
        fire(case, "answer", {"outcome": "granted", "text": "x"}, actor=staff["officer"], now=ANSWERED)
    assert set(refused.value.errors) == {"delivery.place", "delivery.date"}
    fire(case, "answer", {"outcome": "granted", "text": "x", "delivery": {
        "place": "Bureau d'ordre", "date": "2025-11-05", "copying_cost": "20"}}, actor=staff["officer"], now=ANSWERED)
    assert case.delivery == {"form": "paper_copy", "place": "Bureau d'ordre", "date": "2025-11-05",
                             "copying_cost": "20.00"}


def test_the_answer_email_points_to_the_status_page_never_to_the_files(assigned, staff):
    from app.models import Notification

    case = assigned()
    first, second = add(case, staff["officer"], ("a.pdf", PDF), ("b.csv", CSV))
    fire(case, "answer", {"outcome": "granted", "text": "x", "documents": [first.id, second.id]},
         actor=staff["officer"], now=ANSWERED)
    body = db.session.execute(db.select(Notification.body).filter_by(
        dedup_key=f"letter:{case.letters[-1].id}")).scalar_one()
    assert "(2)" in body and f"/status?reference={case.reference}" in body
    assert "/documents/" not in body and first.stored_name not in body
