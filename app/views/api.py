"""JSON API v1 (issue §10): public intake and status lookup, errors as JSON.

Staff endpoints live in ``app.views.api_cases`` on the same blueprint. Staff are
identified by ``Authorization: Bearer <token>`` only, never by a session cookie:
the blueprint is exempt from CSRF, so a cookie must not be enough to act.
"""
from functools import wraps

from flask import Blueprint, abort, g, jsonify, request, url_for
from werkzeug.exceptions import HTTPException

from app.auth import load_user_from_token
from app.openapi import closed
from app.rate_limits import access_code_limit, submission_limit
from app.services.cases import CaseNotFound, Conflict, PayloadInvalid, fire, rate_answer
from app.services.intake import IntakeError
from app.services.letters import letter_response
from app.services.registration import register_case
from app.services.status import APPLICANT_TRIGGERS, case_for_applicant, end_read, status_facts
from workflows.machine import TransitionRefused

bp = Blueprint("api", __name__, url_prefix="/api/v1")

ACCESS_CODE_HEADER = "X-Access-Code"
NO_MATCH = "no case matches this reference and access code"
UNKNOWN_FIELD, UNKNOWN_PARAMETER = "not a field of this operation", "not a parameter of this operation"


class NoMatch(LookupError):
    """Unknown reference or wrong access code: one answer for both (issue §7)."""


def api_error(status: int, error: str, reason: str):
    """A JSON error response ``{"error": code, "reason": sentence}`` with ``status``."""
    response = jsonify({"error": error, "reason": reason})
    response.status_code = status
    return response


def field_errors(errors: dict[str, str], status: int = 422):
    """The one error shape, with one message per field: ``{"error": "invalid", "reason", "errors": {…}}``."""
    response = jsonify({"error": "invalid", "reason": "invalid: " + ", ".join(errors), "errors": errors})
    response.status_code = status
    return response


@bp.errorhandler(HTTPException)
def _http_error(exc):
    return api_error(exc.code or 500, (exc.name or "error").lower().replace(" ", "_"), exc.description)


@bp.errorhandler(IntakeError)
@bp.errorhandler(PayloadInvalid)
def _invalid(exc):
    return field_errors(exc.errors)


@bp.errorhandler(TransitionRefused)
def _refused(exc):
    return api_error(409, exc.code, exc.message)


@bp.errorhandler(Conflict)
def _conflict(exc):
    return api_error(409, "conflict", str(exc))


@bp.errorhandler(PermissionError)
def _forbidden(exc):
    return api_error(403, "forbidden", str(exc) or "you may not do this")


@bp.errorhandler(CaseNotFound)
def _no_case(exc):
    return api_error(404, "not_found", "no case has this reference")


@bp.errorhandler(NoMatch)
def _no_match(exc):
    return no_store(api_error(404, "not_found", NO_MATCH))


def current_operation() -> dict | None:
    """The OpenAPI operation of this request (None for a route the document does not describe)."""
    rule = request.url_rule
    return closed.operation(rule.rule, request.method, request.view_args) if rule is not None else None


def refuse_undeclared_parameters(op: dict | None) -> None:
    """Raises IntakeError (422) naming each query parameter that ``op`` does not declare."""
    unknown = closed.unknown_parameters(op, request.args) if op else []
    if unknown:
        raise IntakeError({name: UNKNOWN_PARAMETER for name in unknown})


def multipart_fields(*allowed: str) -> None:
    """Raises IntakeError (422) naming each multipart form field or file outside ``allowed``."""
    unknown = sorted((set(request.form) | set(request.files)) - set(allowed))
    if unknown:
        raise IntakeError({name: UNKNOWN_FIELD for name in unknown})


def json_body(optional: bool = False) -> dict:
    """The request's JSON object; an empty body is ``{}`` when ``optional``.

    Raises:
        BadRequest (400): the body is not JSON, or not a JSON object.
        IntakeError (422): a field the operation's closed objects do not declare (``app.openapi.closed``),
            each named with its dotted path — a typo is never silently ignored.
    """
    if optional and not request.get_data():
        return {}
    try:
        data = request.get_json(force=True, silent=True)
    except RecursionError:
        data = None  # absurdly nested JSON: refused like any other unreadable body
    if not isinstance(data, dict):
        abort(400, description="the body must be a JSON object (Content-Type: application/json)")
    op = current_operation()
    unknown = closed.unknown_fields(op, data) if op else []
    if unknown:
        raise IntakeError({name: UNKNOWN_FIELD for name in unknown})
    return data


def no_store(response):
    """Mark ``response`` as private: never cached by a proxy or the browser."""
    response.headers["Cache-Control"] = "no-store"
    return response


def staff_required(*roles):
    """Decorator: a bearer token of an active user (401) holding one of ``roles`` (403), then only the
    query parameters the operation declares (422).

    The user is put in ``g.api_user`` for the view.
    """
    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            user = load_user_from_token(request)
            if user is None:
                response = api_error(401, "unauthorized", "a valid 'Authorization: Bearer <token>' is required")
                response.headers["WWW-Authenticate"] = 'Bearer realm="nafida"'
                return response
            if not user.has_role(*roles):
                return api_error(403, "forbidden", f"your role ({user.role}) cannot use this endpoint")
            g.api_user = user
            refuse_undeclared_parameters(current_operation())
            return view(*args, **kwargs)
        wrapper.staff_roles = roles
        return wrapper
    return decorator


def registration_response(registered, **extra):
    """201 with the reference, the access code (shown once) and the answer clock's due date."""
    from app.views.api_json import registration_json

    response = jsonify({**registration_json(registered), **extra})
    response.status_code = 201
    response.headers["Location"] = url_for("api.status", reference=registered.case.reference)
    return no_store(response)


def pdf_response(case, letter):
    """The issued letter's PDF, as stored, for download (never cached)."""
    return no_store(letter_response(letter, as_attachment=True))


@bp.post("/requests")
@submission_limit
def submit_request():
    """An applicant submits an information request (art. 14)."""
    return registration_response(register_case("information_request", json_body(), channel="portal"))


@bp.post("/complaints")
@submission_limit
def submit_complaint():
    """A citizen submits a complaint, observation or proposal (decree 2.17.265)."""
    return registration_response(register_case("complaint", json_body(), channel="portal"))


def applicant_case(reference: str):
    """The case whose reference and ``X-Access-Code`` header match, else NoMatch (one answer for both)."""
    case = case_for_applicant(reference, header_text(ACCESS_CODE_HEADER))
    if case is None:
        raise NoMatch()
    return case


def header_text(name: str) -> str:
    """A request header as the client typed it: WSGI hands header bytes over as Latin-1, so a
    code typed with Arabic-Indic digits (sent as UTF-8) is read back as UTF-8 when it is one."""
    raw = request.headers.get(name, "")
    try:
        return raw.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return raw


@bp.get("/status/<reference>")
@access_code_limit()
def status(reference):
    """The status-page facts (no personal data) and the applicant's letters."""
    return status_response(applicant_case(reference))


def status_response(case):
    """The status facts of ``case`` with a download URL on each letter."""
    facts = status_facts(case)
    for letter in facts["letters"]:
        letter["url"] = url_for("api.status_letter", reference=facts["reference"], letter_id=letter["id"])
    for document in facts.get("documents", ()):
        document["url"] = url_for("api.status_document", reference=facts["reference"], document_id=document["id"])
    end_read()
    return no_store(jsonify(facts))


@bp.post("/status/<reference>/actions/<trigger>")
@access_code_limit()
def applicant_action(reference, trigger):
    """The applicant acts: ``complain_to_head`` (art. 19), ``reopen`` a complaint, ``withdraw``.

    Body (optional): ``{"text": "..."}``, kept on the timeline. 200 with the new
    status facts; 409 when the state or the law does not allow it now (e.g. the
    art. 19 window has closed).
    """
    case = applicant_case(reference)
    if trigger not in APPLICANT_TRIGGERS:
        abort(404, description=f"the applicant's actions are: {', '.join(APPLICANT_TRIGGERS)}")
    text = json_body(optional=True).get("text")
    fire(case, trigger, {"text": text} if isinstance(text, str) and text.strip() else {}, applicant=True)
    return status_response(case)


@bp.post("/status/<reference>/rating")
@access_code_limit()
def applicant_rating(reference):
    """The complainant rates the answer: ``{"rating": 1..5}`` (decree 2.17.265)."""
    case = applicant_case(reference)
    rate_answer(case, json_body().get("rating"))
    return status_response(case)


@bp.get("/status/<reference>/letters/<int:letter_id>")
@access_code_limit()
def status_letter(reference, letter_id):
    """A letter addressed to the applicant, as PDF (same ``X-Access-Code`` header)."""
    case = applicant_case(reference)
    letter = next((l for l in case.letters if l.id == letter_id), None)
    if letter is None:
        raise NoMatch()
    return pdf_response(case, letter)


@bp.get("/openapi.json")
def openapi():
    """The OpenAPI 3.1 description of this API."""
    from app.openapi import document

    return jsonify(document())


from app.views import api_cases  # noqa: E402,F401  (the staff routes, on this blueprint)
from app.views import api_messages  # noqa: E402,F401  (the message thread, staff and applicant)
from app.views import api_documents, api_letters  # noqa: E402,F401  (documents, drafts, sign-off)
from app.views import api_deliveries  # noqa: E402,F401  (a letter's delivery by post or hand)
from app.views import api_guard  # noqa: E402,F401  (JSON bodies only; who looked)
from app.views import api_search  # noqa: E402,F401  (list exports, search errors)
from app.views import api_statistics  # noqa: E402,F401  (statistics and categories, on this blueprint)
from app.views import api_disclosure  # noqa: E402,F401  (publish / withhold on the disclosure log)
from app.views import api_receipt  # noqa: E402,F401  (the applicant's receipt copy, on this blueprint)
