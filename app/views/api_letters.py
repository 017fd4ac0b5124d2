"""JSON API v1: letter drafts, their preview and their sign-off (issue 5 §4). Routes of the ``api`` blueprint.

``POST /cases/{reference}/actions/{trigger}`` answers 202 with the draft when the
letter waits for a sign-off. A draft is written with ``POST /cases/{reference}/drafts``,
previewed with ``GET /cases/{reference}/letters/draft?kind=…`` (the PDF, marked as a
draft), submitted, approved or rejected under ``/cases/{reference}/drafts/{id}/…``;
``GET /approvals`` is the approver's queue.
"""
from flask import abort, g, jsonify, request, url_for

from app.extensions import db
from app.models.letter_draft import LetterDraft
from app.models.user import Role
from app.services import letter_drafts, signoff
from app.services.calendar import today_local, utc_now, working_calendar
from app.services.intake import IntakeError
from app.services.letter_facts import LetterUnavailable
from app.strict_values import collect, whole_number
from app.views.api import bp, json_body, no_store, staff_required
from app.views.api_cases import ACTING, ALL_ROLES, visible_case
from app.views.api_json import instant
from app.views.case_letters import pdf_inline

APPROVERS = (Role.SUPERVISOR, Role.ADMIN, Role.HEAD)


def draft_json(draft: LetterDraft) -> dict:
    """A draft as the API shows it (its payload as written, its sign-off, its preview URL)."""
    reference = draft.case.reference
    return {
        "id": draft.id, "reference": reference, "trigger": draft.trigger, "letter_kind": draft.letter_kind,
        "status": draft.status, "payload": draft.payload or {},
        "author": draft.author.username if draft.author else None, "approver_role": draft.approver_role,
        "approver": draft.approver.username if draft.approver else None,
        "rejection_reason": draft.rejection_reason, "created_at": instant(draft.created_at),
        "updated_at": instant(draft.updated_at), "submitted_at": instant(draft.submitted_at),
        "decided_at": instant(draft.decided_at),
        "url": url_for("api.case_draft", reference=reference, draft_id=draft.id),
        "preview_url": url_for("api.draft_letter", reference=reference, kind=draft.letter_kind),
    }


def draft_response(draft: LetterDraft, status: int = 200):
    response = jsonify(draft_json(draft))
    response.status_code = status
    return response


def _draft(case, draft_id: int) -> LetterDraft:
    draft = db.session.get(LetterDraft, draft_id)
    if draft is None or draft.case_id != case.id:
        abort(404, description="this case has no such draft")
    return draft


@bp.get("/cases/<reference>/letters/draft")
@staff_required(*ALL_ROLES)
def draft_letter(reference):
    """The open draft of letter ``kind`` on the case, rendered now as PDF and marked as a draft."""
    case = visible_case(reference)
    kind = request.args.get("kind") or ""
    triggers = [t for t, k in case.spec.letter_after.items() if k == kind]
    if not triggers:
        raise IntakeError({"kind": "one of: " + ", ".join(sorted(set(case.spec.letter_after.values())))})
    draft = next((d for t in triggers if (d := letter_drafts.open_draft(case, t)) is not None), None)
    if draft is None:
        abort(404, description="no draft of this letter is open on this case")
    try:
        pdf = letter_drafts.draft_pdf(draft)
    except LetterUnavailable as exc:
        abort(404, description=str(exc))
    return no_store(pdf_inline(pdf, f"{case.reference}-{kind}-draft.pdf"))


@bp.get("/cases/<reference>/drafts")
@staff_required(*ALL_ROLES)
def case_drafts(reference):
    """Every draft of the case, the latest first."""
    case = visible_case(reference)
    return jsonify({"items": [draft_json(d) for d in letter_drafts.drafts_of(case)]})


@bp.post("/cases/<reference>/drafts")
@staff_required(*ACTING)
def write_draft(reference):
    """Write the draft of an action's letter: ``{"trigger", "payload"}``; 201 when new, 200 when rewritten."""
    case = visible_case(reference)
    body = json_body()
    trigger = body.get("trigger")
    if not isinstance(trigger, str) or trigger not in case.spec.letter_after:
        raise IntakeError({"trigger": "an action that issues a letter: " + ", ".join(case.spec.letter_after)})
    existing = letter_drafts.open_draft(case, trigger)
    try:
        draft = letter_drafts.save(case, trigger, body.get("payload") or {}, g.api_user, draft=existing)
    except LetterUnavailable as exc:
        abort(404, description=str(exc))
    return draft_response(draft, 200 if existing is not None else 201)


@bp.get("/cases/<reference>/drafts/<int:draft_id>")
@staff_required(*ALL_ROLES)
def case_draft(reference, draft_id):
    """One draft."""
    return jsonify(draft_json(_draft(visible_case(reference), draft_id)))


@bp.post("/cases/<reference>/drafts/<int:draft_id>/<step>")
@staff_required(*ACTING)
def draft_step(reference, draft_id, step):
    """``submit`` (issued at once, or sent for sign-off), ``approve``, ``reject`` (``{"reason"}``) or ``discard``."""
    draft = _draft(visible_case(reference), draft_id)
    if step == "submit":
        letter_drafts.submit(draft, g.api_user)
    elif step == "approve":
        letter_drafts.approve(draft, g.api_user)
    elif step == "reject":
        letter_drafts.reject(draft, g.api_user, json_body(optional=True).get("reason"))
    elif step == "discard":
        letter_drafts.discard(draft, g.api_user)
    else:
        abort(404, description="the steps of a draft are: submit, approve, reject, discard")
    return draft_response(draft)


@bp.get("/approvals")
@staff_required(*APPROVERS)
def approvals():
    """Drafts awaiting my sign-off, the most urgent first, each with its case's deadline and days left."""
    errors: dict[str, str] = {}
    page = collect(errors, whole_number, request.args.get("page") or "1", "page")
    per_page = collect(errors, whole_number, request.args.get("per_page") or "20", "per_page", maximum=100)
    if errors:
        raise IntakeError(errors)
    now = utc_now()
    result = signoff.awaiting(g.api_user, today_local(now), working_calendar(), page, per_page)
    items = [{**draft_json(r.draft), "due_date": r.last_day.isoformat() if r.last_day else None,
              "working_days_left": r.days_left, "overdue": r.overdue} for r in result.rows]
    return jsonify({"items": items, "total": result.total, "page": result.page, "per_page": result.per_page})
