"""Documents released to the applicant with an answer (Law 31.13, arts. 14 and 18).

Staff add the files to a request before answering it (checked by content, stored
outside the web root under random names with their SHA-256); the ``answer`` trigger
names the ones it releases (``"documents": [ids]``). Released, a document never
changes and is never removed (``app.models.released_document``); the applicant
downloads it from the status page or the API, and each download is on the timeline.
"""
from __future__ import annotations

from datetime import datetime

from flask import current_app

from app.extensions import db
from app.models.case_event import CaseEvent
from app.models.released_document import ReleasedDocument
from app.services.action_rules import check_actor
from app.services.attachments import UploadRules, attachments_dir, megabytes, stored_files
from app.services.calendar import today_local, utc_now
from app.services.timeline import record_event

ANSWER = "answer"


class DocumentRefused(ValueError):
    """The documents cannot be added or removed: ``message`` is an English sentence, ``values`` its parameters."""

    def __init__(self, message: str, **values):
        super().__init__(message % values if values else message)
        self.message, self.values = message, values


def document_rules() -> UploadRules:
    """What an upload of released documents accepts (``RELEASED_DOCUMENT_*`` settings)."""
    config = current_app.config
    types = tuple(config["RELEASED_DOCUMENT_TYPES"])
    return UploadRules(types, config["RELEASED_DOCUMENT_MAX_BYTES"], config["RELEASED_DOCUMENTS_MAX_FILES"],
                       refusal="The file %(name)s is not of an accepted type (%(types)s).")


def may_prepare(case, actor, now: datetime | None = None) -> bool:
    """True when ``actor`` may add or remove documents: the case can be answered now, by them."""
    from app.services.cases import workflow

    if not case.is_information_request or check_actor(case, ANSWER, actor) is not None:
        return False
    return ANSWER in workflow(case, today_local(now)).available()


def pending(case) -> list[ReleasedDocument]:
    """The case's documents not yet released, in upload order."""
    return [d for d in case.released_documents if not d.released]


def released(case) -> list[ReleasedDocument]:
    """The case's released documents, in upload order."""
    return [d for d in case.released_documents if d.released]


def add_documents(case, uploads, actor, now: datetime | None = None) -> list[ReleasedDocument]:
    """Store checked ``uploads`` (``attachments.check_uploads(files, document_rules())``) on ``case`` and commit.

    Raises:
        PermissionError: ``actor`` may not answer this case now.
        DocumentRefused: the case would exceed ``RELEASED_DOCUMENTS_MAX_FILES`` files or
            ``RELEASED_DOCUMENTS_MAX_BYTES`` bytes of documents not yet released.
    """
    now = now or utc_now()
    if not may_prepare(case, actor, now):
        raise PermissionError("only the officer who may answer this request (or a supervisor) adds documents now")
    _check_room(case, uploads)
    added: list[ReleasedDocument] = []

    def add_row(case, upload, stored_name):
        document = ReleasedDocument(original_name=upload.original_name, stored_name=stored_name,
                                    content_type=upload.content_type, size=upload.size, sha256=upload.sha256,
                                    uploaded_at=now, uploaded_by_id=actor.id)
        case.released_documents.append(document)
        added.append(document)
        record_event(case, "document", actor, at=now, reason=upload.original_name,
                     data={"action": "added", "name": upload.original_name, "sha256": upload.sha256})

    try:
        with stored_files(case, uploads, add_row):
            db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    return added


def _check_room(case, uploads) -> None:
    config, waiting = current_app.config, pending(case)
    if len(waiting) + len(uploads) > config["RELEASED_DOCUMENTS_MAX_FILES"]:
        raise DocumentRefused("Too many documents for one answer (limit: %(count)d).",
                              count=config["RELEASED_DOCUMENTS_MAX_FILES"])
    total = sum(d.size for d in waiting) + sum(u.size for u in uploads)
    if total > config["RELEASED_DOCUMENTS_MAX_BYTES"]:
        raise DocumentRefused("The documents of an answer may not exceed %(size)s in all.",
                              size=megabytes(config["RELEASED_DOCUMENTS_MAX_BYTES"]))


def remove_document(case, document: ReleasedDocument, actor, now: datetime | None = None) -> None:
    """Remove a document not yet released from ``case`` (row, then file) and commit.

    Raises:
        PermissionError: ``actor`` may not answer this case now.
        DocumentRefused: the document was released (it never changes).
    """
    now = now or utc_now()
    if document.released:
        raise DocumentRefused("A released document cannot be removed.")
    if not may_prepare(case, actor, now):
        raise PermissionError("only the officer who may answer this request (or a supervisor) removes documents now")
    path = attachments_dir() / document.stored_name
    record_event(case, "document", actor, at=now, reason=document.original_name,
                 data={"action": "removed", "name": document.original_name, "sha256": document.sha256})
    case.released_documents.remove(document)
    db.session.delete(document)
    try:
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    path.unlink(missing_ok=True)


def document_problem(case, ids) -> str | None:
    """Why ``ids`` (the answer's ``documents``) cannot be released with this answer (None: they can).

    Each must be a document of ``case`` not yet released, named once.
    """
    if not isinstance(ids, list) or not all(isinstance(i, int) and not isinstance(i, bool) for i in ids):
        return "a list of document ids"
    available = {d.id for d in pending(case)}
    if len(set(ids)) != len(ids) or not set(ids) <= available:
        return "documents of this case not yet released, each once"
    return None


def release(case, ids, now: datetime) -> list[ReleasedDocument]:
    """Stamp the documents ``ids`` of ``case`` as released at ``now`` (the answer's instant; not committed)."""
    chosen = [d for d in pending(case) if d.id in set(ids or ())]
    for document in chosen:
        document.released_at = now
    return chosen


def of_answer(case) -> list[ReleasedDocument]:
    """The documents released by the case's latest answer (stamped with its instant)."""
    return [d for d in case.released_documents if d.released_at is not None and d.released_at == case.answered_at]


def file_path(document: ReleasedDocument):
    """Where the document's file is stored (outside the web root)."""
    return attachments_dir() / document.stored_name


def record_download(case, document: ReleasedDocument, channel: str, now: datetime | None = None) -> None:
    """Put the applicant's download of ``document`` on the timeline, and commit.

    The event is inserted on its own, without touching the case row, so a download
    never conflicts with a staff action on the case (no version bump).

    Args:
        channel: ``status_page`` or ``api``.
    """
    db.session.add(CaseEvent(case_id=case.id, kind="download", actor_label="applicant", at=now or utc_now(),
                             reason=document.original_name,
                             data={"document": document.id, "name": document.original_name,
                                   "sha256": document.sha256, "channel": channel}))
    db.session.commit()
