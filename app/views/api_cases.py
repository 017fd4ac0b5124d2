"""JSON API v1, staff side: register, list, read and act on cases (bearer token).

Routes of the ``api`` blueprint (``app.views.api``); errors are turned into JSON
there (401/403/404/409/422).
"""
from flask import abort, g, jsonify, request, url_for

from app.models.user import Role
from app.services.assignment import may_see, visible_kinds
from app.services.calendar import today_local, utc_now, working_calendar
from app.services import letter_drafts
from app.services.case_search import search_cases
from app.services.cases import get_case
from app.services.intake import IntakeError, clean_case, clean_staff_registration
from app.services.registration import register_case
from app.views.api import bp, json_body, pdf_response, registration_response, staff_required
from app.views.api_json import case_json, row_json
from app.views.case_query import parse_case_query, query_args
from workflows.kinds import KINDS
from workflows.machine import TransitionRefused

ALL_ROLES = tuple(r.value for r in Role)
REGISTRARS = (Role.ADMIN, Role.SUPERVISOR, Role.INFORMATION_OFFICER, Role.COMPLAINTS_OFFICER)
ACTING = tuple(r for r in Role if r is not Role.VIEWER)


def visible_case(reference: str):
    """The case with ``reference`` if the API user's role and unit cover it.

    Raises:
        CaseNotFound (404), PermissionError (403).
    """
    case = get_case(reference)
    if not may_see(g.api_user, case):
        raise PermissionError(f"cases of kind '{case.kind}' are outside your unit")
    g.case_seen = case   # for the access log (app.views.api_guard)
    return case


@bp.post("/cases")
@staff_required(*REGISTRARS)
def register():
    """Staff register a case received at the counter, by post, by e-mail or from a portal."""
    body, now = json_body(), utc_now()
    kind = body.get("type")
    if kind in KINDS and kind not in visible_kinds(g.api_user):
        raise PermissionError(f"you cannot register a case of kind '{kind}'")
    channel, received_at = _receipt(body, kind, now)
    verified = "counter" if body.get("email_verified") is True else None   # see app.services.email_confirmation
    registered = register_case(kind, body, channel=channel, received_at=received_at, actor=g.api_user, now=now,
                               email_verified_by=verified)
    return registration_response(registered, url=_case_url(registered.case))


def _receipt(body: dict, kind, now) -> tuple:
    """``(channel, received_at)`` of a staff registration; IntakeError with every field's error."""
    errors = {} if kind in KINDS else {"type": "must be one of: " + ", ".join(KINDS)}
    try:
        receipt = clean_staff_registration(body, now, require_offset=True)
    except IntakeError as exc:
        errors.update(exc.errors)
    if not errors:
        return receipt
    if kind in KINDS:
        try:
            clean_case(kind, body)   # so that one answer also lists the case's own field errors
        except IntakeError as exc:
            errors.update(exc.errors)
    raise IntakeError(errors)


def _case_url(case) -> str:
    return url_for("api.case_detail", reference=case.reference)


@bp.get("/cases")
@staff_required(*ALL_ROLES)
def case_list():
    """Cases the user may see: free text ``q`` and the filters of ``app.views.case_query``; one page."""
    wanted, page, per_page, cursor = parse_case_query(request.args, g.api_user)
    result = search_cases(g.api_user, wanted, today_local(utc_now()), working_calendar(), page, per_page, cursor)
    following = url_for("api.case_list", **query_args(wanted, g.api_user), per_page=per_page,
                        cursor=result.next_cursor) if result.next_cursor else None
    return jsonify({"items": [row_json(r) for r in result.rows], "total": result.total,
                    "total_exact": result.total_exact, "page": result.page, "per_page": result.per_page,
                    "next_cursor": result.next_cursor, "next": following})


@bp.get("/cases/<reference>")
@staff_required(*ALL_ROLES)
def case_detail(reference):
    """One case with its party, clocks, timeline and letters."""
    return jsonify(case_json(visible_case(reference), g.api_user))


@bp.post("/cases/<reference>/actions/<trigger>")
@staff_required(*ACTING)
def case_action(reference, trigger):
    """Fire ``trigger`` with the JSON payload; 200 with the case in its new state."""
    case = visible_case(reference)
    payload = json_body(optional=True)
    if trigger not in case.spec.workflow.triggers():
        raise TransitionRefused("unknown_trigger", f"'{trigger}' is not an action of a {case.kind}")
    draft = letter_drafts.act(case, trigger, payload, g.api_user)
    if draft is not None:   # the letter waits for a sign-off: 202 with the submitted draft
        from app.views.api_letters import draft_response
        return draft_response(draft, 202)
    return jsonify(case_json(case, g.api_user))


@bp.get("/cases/<reference>/letters/<int:letter_id>")
@staff_required(*ALL_ROLES)
def case_letter(reference, letter_id):
    """An issued letter of the case, as PDF."""
    case = visible_case(reference)
    letter = next((l for l in case.letters if l.id == letter_id), None)
    if letter is None:
        abort(404, description="this case has no such letter")
    return pdf_response(case, letter)
