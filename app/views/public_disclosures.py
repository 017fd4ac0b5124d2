"""The public disclosure log (art. 10): list and search, one published entry, its redacted files. No login.

Everything shown is read from the log's own tables (``app.services.disclosure_log``):
never the case, the applicant or the request's own text — only what staff reviewed and
what was copied at publication. Files are the redacted public copies.
"""
from flask import Blueprint, abort, current_app, render_template, request, send_file
from flask_babel import get_locale

from app import labels
from app.services import disclosure_log
from app.services.attachments import attachments_dir
from app.services.case_search import SearchInvalid
from app.services.file_types import extension, size_label, type_names
from app.strict_values import query_number
from workflows.statute import GROUNDS, REDACTION_GROUNDS

bp = Blueprint("disclosures", __name__)
bp.record_once(labels.register)
# Revalidated on every use: an entry taken down (a personal detail seen late) stops being served at once.
CACHE = "no-cache"


@bp.get("/disclosures")
def log():
    """Published answers and documents, newest first; ``q`` searches titles, summaries and outcomes."""
    q, source = request.args.get("q", "").strip()[:200], request.args.get("source") or None
    number, per_page = query_number(request.args, "page"), current_app.config["DISCLOSURES_PER_PAGE"]
    try:
        page, error = disclosure_log.search(q, source, number, per_page), False
    except SearchInvalid:    # a query too short: the whole log, with the message
        page, error = disclosure_log.search(None, source, number, per_page), True
    args = {k: v for k, v in (("q", None if error else q), ("source", source)) if v}
    return render_template("pages/portal/disclosures.html", page=page, q=q, source=source, error=error, args=args,
                           lang=str(get_locale() or "ar"))


@bp.get("/disclosures/<reference>")
def entry(reference):
    """One published entry: outcome, date, summary, grounds of the withheld parts, files and their redaction logs."""
    try:
        found = disclosure_log.published_entry(reference)
    except LookupError:
        abort(404)
    return render_template("pages/portal/disclosure.html", entry=found, files=disclosure_log.published_files(found),
                           grounds=GROUNDS, redaction_grounds=REDACTION_GROUNDS, file_size=size_label,
                           file_type=lambda mime: type_names([mime]) or mime, lang=str(get_locale() or "ar"))


@bp.get("/disclosures/<reference>/files/<int:file_id>")
def file(reference, file_id):
    """A published (redacted) file, as a download named after the entry."""
    try:
        found = disclosure_log.published_entry(reference)
    except LookupError:
        abort(404)
    item = next((f for f in disclosure_log.published_files(found) if f.id == file_id), None)
    path = attachments_dir() / item.stored_name if item else None
    if path is None or not path.is_file():
        abort(404)
    response = send_file(path, mimetype=item.content_type, as_attachment=True, etag=item.sha256,
                         download_name=f"{found.reference}-{item.position}{extension(item.content_type)}")
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = CACHE
    return response
