"""Staff pages: the documents an answer will release (upload, remove, download). Routes of ``cases.bp``.

Files are checked by content (``released_documents.document_rules``), stored outside
the web root, and released by the ``answer`` action that names them.
"""
from flask import abort, current_app, flash, redirect, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.auth import roles_required
from app.extensions import db
from app.models.released_document import ReleasedDocument
from app.services import released_documents
from app.services.attachments import AttachmentError, check_uploads, megabytes
from app.services.file_types import extension, size_label, type_names
from app.services.cases import Conflict
from app.views.cases import ACTING, ALL_STAFF, bp, load_case

# Room for the multipart framing around the files of one upload.
MULTIPART_OVERHEAD = 256 * 1024


def documents_panel(case) -> dict:
    """What the case page shows of the documents: the list, whether the user may change it, the limits."""
    config, rules = current_app.config, released_documents.document_rules()
    return {"documents": case.released_documents, "may_prepare": released_documents.may_prepare(case, current_user),
            "types": type_names(rules.types), "max_file": megabytes(rules.max_bytes),
            "max_total": megabytes(config["RELEASED_DOCUMENTS_MAX_BYTES"]), "max_files": rules.max_files,
            "accept": ",".join(extension(t) for t in rules.types)}


bp.record_once(lambda state: state.app.jinja_env.globals.update(documents_panel=documents_panel,
                                                                  file_size=size_label, file_type=_file_type))


def _file_type(mime: str) -> str:
    return type_names([mime]) or mime


def upload_limit() -> int:
    """The body size an upload of released documents may reach (all the documents of an answer)."""
    return current_app.config["RELEASED_DOCUMENTS_MAX_BYTES"] + MULTIPART_OVERHEAD


def document_of(case, document_id: int) -> ReleasedDocument:
    """The document ``document_id`` of ``case`` (404 otherwise)."""
    document = db.session.get(ReleasedDocument, document_id)
    if document is None or document.case_id != case.id:
        abort(404)
    return document


def document_response(document: ReleasedDocument):
    """The stored file, as a download under its original name (never cached, never sniffed)."""
    path = released_documents.file_path(document)
    if not path.is_file():
        abort(404)
    response = send_file(path, mimetype=document.content_type, as_attachment=True,
                         download_name=document.original_name, etag=document.sha256, max_age=0)
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@bp.route("/cases/<reference>/documents", methods=["POST"])
@roles_required(*ACTING)
def add_documents(reference):
    """Add documents to release with the answer (checked by content; PRG back to the case)."""
    case = load_case(reference)
    request.max_content_length = upload_limit()
    try:
        uploads = check_uploads(request.files.getlist("files"), released_documents.document_rules())
        if not uploads:
            flash(_("Choose at least one file."), "error")
        else:
            released_documents.add_documents(case, uploads, current_user)
            flash(_("Documents added: %(count)d.", count=len(uploads)), "success")
    except (AttachmentError, released_documents.DocumentRefused) as exc:
        flash(_(exc.message, **exc.values), "error")
    except (PermissionError, Conflict) as exc:
        flash(_(str(exc)), "error")
    return redirect(url_for(".case_page", reference=case.reference, _anchor="documents"))


@bp.route("/cases/<reference>/documents/<int:document_id>/remove", methods=["POST"])
@roles_required(*ACTING)
def remove_document(reference, document_id):
    """Remove a document not yet released."""
    case = load_case(reference)
    document = document_of(case, document_id)
    try:
        released_documents.remove_document(case, document, current_user)
        flash(_("Document removed: %(name)s.", name=document.original_name), "success")
    except released_documents.DocumentRefused as exc:
        flash(_(exc.message, **exc.values), "error")
    except (PermissionError, Conflict) as exc:
        flash(_(str(exc)), "error")
    return redirect(url_for(".case_page", reference=case.reference, _anchor="documents"))


@bp.route("/cases/<reference>/documents/<int:document_id>")
@roles_required(*ALL_STAFF)
def document(reference, document_id):
    """A document of the case (released or not), as stored."""
    case = load_case(reference)
    return document_response(document_of(case, document_id))
