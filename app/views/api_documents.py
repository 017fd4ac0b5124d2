"""JSON API v1: the documents released with an answer (art. 14, 18). Routes of the ``api`` blueprint.

Staff add a document with ``POST /cases/{reference}/documents`` (multipart, one
``file``), remove one not yet released, and download any; the ``answer`` action
releases those its payload names (``"documents": [ids]``). The applicant downloads
the released ones with ``X-Access-Code``; a download is recorded on the timeline.
"""
from flask import g, jsonify, request
from werkzeug.exceptions import NotFound

from app.rate_limits import access_code_limit
from app.extensions import db
from app.models.released_document import ReleasedDocument
from app.services import released_documents
from app.services.attachments import AttachmentError, check_uploads
from app.services.cases import PayloadInvalid
from app.views.api import NoMatch, applicant_case, bp, multipart_fields, no_store, staff_required
from app.views.api_cases import ACTING, ALL_ROLES, visible_case
from app.views.api_json import document_json
from app.views.case_documents import document_response, upload_limit
from workflows.machine import TransitionRefused


def _document(case, document_id: int) -> ReleasedDocument:
    document = db.session.get(ReleasedDocument, document_id)
    if document is None or document.case_id != case.id:
        raise NotFound("this case has no such document")
    return document


@bp.post("/cases/<reference>/documents")
@staff_required(*ACTING)
def add_document(reference):
    """Add one document (multipart field ``file``) to release with the answer: 201 ``{"id", "sha256", …}``."""
    case = visible_case(reference)
    if not released_documents.may_prepare(case, g.api_user):
        raise PermissionError("only the officer who may answer this request (or a supervisor) adds documents now")
    request.max_content_length = upload_limit()
    multipart_fields("file")
    files = [f for f in request.files.getlist("file") if (f.filename or "").strip()]
    if len(files) != 1:
        raise PayloadInvalid({"file": "send exactly one file, in the multipart field 'file'"})
    try:
        uploads = check_uploads(files, released_documents.document_rules())
        document = released_documents.add_documents(case, uploads, g.api_user)[0]
    except (AttachmentError, released_documents.DocumentRefused) as exc:
        raise PayloadInvalid({"file": exc.message % exc.values if exc.values else exc.message}) from None
    response = jsonify(document_json(case, document))
    response.status_code = 201
    response.headers["Location"] = response.json["url"]
    return response


@bp.get("/cases/<reference>/documents/<int:document_id>")
@staff_required(*ALL_ROLES)
def case_document(reference, document_id):
    """A document of the case (released or not), as stored."""
    case = visible_case(reference)
    return no_store(document_response(_document(case, document_id)))


@bp.delete("/cases/<reference>/documents/<int:document_id>")
@staff_required(*ACTING)
def remove_document(reference, document_id):
    """Remove a document not yet released: 204; 409 once released."""
    case = visible_case(reference)
    document = _document(case, document_id)
    try:
        released_documents.remove_document(case, document, g.api_user)
    except released_documents.DocumentRefused as exc:
        raise TransitionRefused("document_released", exc.message) from None
    return "", 204


@bp.get("/status/<reference>/documents/<int:document_id>")
@access_code_limit()
def status_document(reference, document_id):
    """A document released to the applicant (same ``X-Access-Code`` header; one 404 for every miss)."""
    case = applicant_case(reference)
    found = next((d for d in released_documents.released(case) if d.id == document_id), None)
    if found is None:
        raise NoMatch()
    response = no_store(document_response(found))
    released_documents.record_download(case, found, "api")
    return response
