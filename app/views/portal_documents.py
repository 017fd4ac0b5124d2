"""The applicant downloads the documents released with the answer (art. 14). Routes of ``portal.bp``.

As for letters: after a status lookup in this browser session, or by posting the
access code; an unknown reference, a wrong code and a document that is not released
to this case all answer the same 404. Each download is recorded on the case timeline.
"""
from flask import abort, request

from app.rate_limits import access_code_limit
from app.forms.portal import LetterDownloadForm
from app.services.released_documents import record_download, released
from app.services.status import case_for_applicant
from app.views.case_documents import document_response
from app.views.portal import _looked_up, bp


@bp.route("/status/<reference>/documents/<int:document_id>", methods=["GET", "POST"])
@access_code_limit()
def document(reference: str, document_id: int):
    """A released document: POST with the access code, or GET after a lookup; the download is recorded."""
    if request.method == "POST":
        case = case_for_applicant(reference, LetterDownloadForm().access_code.data)
    else:
        case = _looked_up(reference)
    found = next((d for d in released(case) if d.id == document_id), None) if case else None
    if found is None:
        abort(404)
    response = document_response(found)
    record_download(case, found, "status_page")
    return response
