"""API v1 guards, on the ``api`` blueprint: JSON bodies only, and who looked at a case.

- A body that is not ``application/json`` is refused with 415 before any view
  runs: a cross-site HTML form (which can only send form encodings or text/plain)
  cannot create a case or act on one. The two upload routes also take multipart.
- A query parameter given twice is refused with 422 (each takes one value).
- A query parameter that a public operation does not declare is refused with 422
  naming it (``app.openapi.closed``); staff operations check theirs once the token is
  known (``staff_required``), and every body its fields (``json_body``).
- A staff answer that carries a case's personal data is logged
  (``app.services.access_log``) once it succeeded: the case (``case`` view and
  actions) or the letter downloaded.
"""
from flask import abort, g, request

from app.services import access_log
from app.views.api import bp

BODY_METHODS = ("POST", "PUT", "PATCH")
# Uploads take multipart bodies. A cross-site form could send one, but these routes
# authenticate by a header (bearer token or X-Access-Code), which no such form can set.
MULTIPART_ENDPOINTS = frozenset({"api.add_document", "api.status_message_post"})
LOGGED = {"api.case_detail": "case", "api.case_action": "case", "api.case_letter": "letter"}


@bp.before_request
def no_empty_parameters():
    """422 for a query parameter sent empty (``?page=``): the API takes a value or nothing (the pages are lenient)."""
    empty = sorted({name for name, value in request.args.items(multi=True) if value == ""})
    if empty:
        from app.views.api import field_errors

        return field_errors({name: "must not be empty" for name in empty})
    return None


@bp.before_request
def single_valued_parameters():
    """422 for a query parameter given more than once (``?page=1&page=2``): every parameter the
    OpenAPI document declares takes one value, and which of two to read would be a guess."""
    repeated = sorted({name for name in request.args if len(request.args.getlist(name)) > 1})
    if repeated:
        from app.views.api import field_errors

        return field_errors({name: "give this parameter once" for name in repeated})
    return None


@bp.before_request
def json_bodies_only():
    """415 for a request body sent as anything but JSON (an empty body is left to the view)."""
    if request.method in BODY_METHODS and _has_body() and not request.is_json and not _upload():
        abort(415, description="the body must be JSON, sent with 'Content-Type: application/json'")


@bp.before_request
def declared_parameters_only():
    """422 naming each query parameter a public operation does not declare (staff ones: after the token)."""
    from app.views.api import current_operation, refuse_undeclared_parameters

    op = current_operation()
    if op is not None and not op.get("security"):
        refuse_undeclared_parameters(op)


def _upload() -> bool:
    return request.endpoint in MULTIPART_ENDPOINTS and request.mimetype == "multipart/form-data"


def _has_body() -> bool:
    return bool(request.content_length) or bool(request.get_data(cache=True))


@bp.after_request
def log_personal_data_access(response):
    """One access-log row when a staff answer carried a case's personal data."""
    what = LOGGED.get(request.endpoint or "")
    case = g.get("case_seen")
    if what and case is not None and response.status_code == 200:
        item = (request.view_args or {}).get("letter_id") if what == "letter" else None
        access_log.record(g.api_user, case.id, what, item_id=item, channel="api")
    return response
