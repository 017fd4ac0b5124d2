"""JSON API v1: the message thread of a case, for staff (bearer token) and for the applicant (access code).

Routes of the ``api`` blueprint (``app.views.api``), which turns the services'
errors into JSON (403/404/409/422). Lists are paginated (``page``, ``per_page``),
newest message first. The applicant's side answers an unknown reference and a wrong
code alike (404) and is throttled like the status lookup.
"""
from flask import current_app, g, jsonify, request, url_for

from app.rate_limits import access_code_limit
from app.services.attachments import AttachmentError, applicant_rules, check_uploads
from app.services.clarification import current_policy
from app.services.intake import IntakeError
from app.services.messages import applicant_json, post_applicant_reply, post_staff_message, thread
from app.strict_values import collect, whole_number
from app.views.api import applicant_case, bp, field_errors, json_body, multipart_fields, no_store, staff_required
from app.views.api_cases import ALL_ROLES, visible_case
from app.views.api_json import instant

MAX_PER_PAGE = 100


@bp.errorhandler(AttachmentError)
def _bad_file(exc):
    return field_errors({"attachments": str(exc)})


def _paging() -> tuple[int, int]:
    """``page`` and ``per_page`` from the query string. Raises IntakeError (422)."""
    errors: dict[str, str] = {}
    page = collect(errors, whole_number, request.args.get("page") or "1", "page")
    default = str(current_app.config["MESSAGES_PER_PAGE"])
    per_page = collect(errors, whole_number, request.args.get("per_page") or default, "per_page", maximum=MAX_PER_PAGE)
    if errors:
        raise IntakeError(errors)
    return page, per_page


def _page_json(page, items: list[dict]) -> dict:
    return {"items": items, "total": page.total, "page": page.page, "per_page": page.per_page,
            "clarification_policy": current_policy().value}


def staff_message_json(case, message) -> dict:
    """A message as staff see it: its author, when the office read it, the files with their links."""
    return {**applicant_json(message), "author": message.author.username if message.author else None,
            "read_at": instant(message.read_at),
            "attachments": [{"id": a.id, "name": a.original_name, "content_type": a.content_type, "size": a.size,
                             "sha256": a.sha256,
                             "url": url_for("cases.attachment", reference=case.reference, attachment_id=a.id)}
                            for a in message.attachments]}


@bp.get("/cases/<reference>/messages")
@staff_required(*ALL_ROLES)
def case_messages(reference):
    """The case's thread, one page, newest first (reading it here marks nothing read)."""
    case = visible_case(reference)
    page = thread(case, *_paging())
    return jsonify(_page_json(page, [staff_message_json(case, m) for m in page.items]))


@bp.post("/cases/<reference>/messages")
@staff_required(*ALL_ROLES)
def case_message_post(reference):
    """Write to the applicant: ``{"body": …, "clarification": false}``; 201 with the message."""
    case = visible_case(reference)
    body = json_body()
    asked = body.get("clarification", False)
    if not isinstance(asked, bool):
        raise IntakeError({"clarification": "true or false"})
    message = post_staff_message(case, body.get("body"), actor=g.api_user, clarification_request=asked)
    return jsonify(staff_message_json(case, message)), 201


@bp.get("/status/<reference>/messages")
@access_code_limit()
def status_messages(reference):
    """The applicant's view of the thread (same ``X-Access-Code`` as the status)."""
    case = applicant_case(reference)
    page = thread(case, *_paging())
    return no_store(jsonify(_page_json(page, [applicant_json(m) for m in page.items])))


@bp.post("/status/<reference>/messages")
@access_code_limit()
def status_message_post(reference):
    """The applicant writes: JSON ``{"body": …}``, or multipart with ``body`` and files ``attachments``."""
    case = applicant_case(reference)
    if request.mimetype == "multipart/form-data":
        multipart_fields("body", "attachments")
        text = request.form.get("body")
        uploads = check_uploads(request.files.getlist("attachments"),
                                applicant_rules(current_app.config["MESSAGE_MAX_ATTACHMENTS"]))
    else:
        text, uploads = json_body().get("body"), []
    message = post_applicant_reply(case, text, uploads)
    return no_store(jsonify(applicant_json(message))), 201
