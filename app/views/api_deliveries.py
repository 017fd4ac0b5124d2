"""JSON API v1: recording a letter's delivery by post or by hand (issue 8 §1). A route of the ``api`` blueprint."""
from flask import abort, g, jsonify

from app.models.user import Role
from app.services.delivery_corrections import correct_delivery
from app.services.letter_deliveries import LetterNotFound, may_record, record_delivery
from app.views.api import bp, json_body, staff_required
from app.views.api_cases import ACTING, visible_case
from app.views.api_json import case_json, delivery_json


@bp.post("/cases/<reference>/letters/<int:letter_id>/delivery")
@staff_required(*ACTING)
def letter_delivery(reference, letter_id):
    """Record ``{"delivered_on": "YYYY-MM-DD", "method": "post" | "hand"}`` for a letter of the case.

    201 with ``{"delivery", "case"}`` (the windows that awaited the letter now have their
    dates); 404 for a letter not of this case, 422 for a bad method or date (before
    the letter's issue, in the future), 409 ``delivery_already_recorded``.
    """
    case = visible_case(reference)
    if not may_record(g.api_user, case):   # who asks before what is asked (403 before a 422 on the body)
        raise PermissionError("only the case's officers and supervisors record deliveries")
    try:
        delivery = record_delivery(case, letter_id, json_body(), actor=g.api_user)
    except LetterNotFound:
        abort(404, description="this case has no such letter")
    response = jsonify({"delivery": delivery_json(delivery), "case": case_json(case, g.api_user)})
    response.status_code = 201
    return response


@bp.put("/cases/<reference>/letters/<int:letter_id>/delivery")
@staff_required(Role.ADMIN, Role.SUPERVISOR)
def correct_letter_delivery(reference, letter_id):
    """A supervisor corrects ``{"delivered_on", "method", "reason"}`` of a delivery staff recorded.

    200 with ``{"delivery", "case"}`` (the windows from that delivery counted again); 403
    for anyone but a supervisor or administrator, 404 for a letter not of this case, 422
    for a bad method, date or a missing reason, 409 ``delivery_not_recorded``,
    ``delivery_automatic`` or ``delivery_window_used``.
    """
    case = visible_case(reference)
    try:
        delivery = correct_delivery(case, letter_id, json_body(), actor=g.api_user)
    except LetterNotFound:
        abort(404, description="this case has no such letter")
    return jsonify({"delivery": delivery_json(delivery), "case": case_json(case, g.api_user)})
