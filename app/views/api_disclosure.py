"""JSON API v1: an answer's publication on the disclosure log (art. 10). Routes of the ``api`` blueprint.

``POST /cases/{reference}/actions/publish`` and ``.../actions/withhold_publication`` are
not workflow triggers (they move no statutory state or clock, see
``app.services.disclosures``) but sit beside them, as staff expect; these concrete
paths win over ``/actions/{trigger}`` in the routing. ``GET /cases/{reference}/publication``
tells where the entry stands.
"""
from flask import g, jsonify, url_for

from app.services import disclosures, publication
from app.services.action_payloads import payload_problems
from app.services.cases import PayloadInvalid
from app.views.api import bp, json_body, staff_required
from app.views.api_cases import ALL_ROLES, visible_case
from app.views.api_json import instant

MANAGING = tuple(r.value for r in disclosures.MANAGERS)


def publication_json(case) -> dict:
    """The answer's entry as staff see it (the planned one when none was made yet)."""
    entry = disclosures.entry_of(case)
    due = entry.due_on if entry else disclosures.planned_due(case)
    body = {"reference": case.reference, "eligible": disclosures.eligible(case),
            "status": entry.status if entry else ("scheduled" if due else None),
            "due_on": due.isoformat() if due else None}
    if entry is None:
        return body
    public = url_for("disclosures.entry", reference=entry.reference, _external=True) if entry.is_published else None
    return {**body, "title": entry.title, "summary": entry.summary,
            "summary_reviewed_at": instant(entry.summary_reviewed_at), "published_at": instant(entry.published_at),
            "withheld_at": instant(entry.withheld_at), "withheld_reason": entry.withheld_reason,
            "public_url": public,
            "files": [{"position": f.position, "released_document_id": f.released_document_id,
                       "content_type": f.content_type, "treatment": f.treatment, "boxes": len(f.boxes),
                       "published": bool(f.stored_name), "sha256": f.sha256, "redaction_log": f.redaction_log}
                      for f in entry.files]}


@bp.get("/cases/<reference>/publication")
@staff_required(*ALL_ROLES)
def case_publication(reference):
    """Where the answer stands on the disclosure log."""
    return jsonify(publication_json(visible_case(reference)))


@bp.post("/cases/<reference>/actions/publish")
@staff_required(*MANAGING)
def publish_case(reference):
    """Publish a granted or partly granted answer now; optional ``{"title", "summary"}`` reviewed for the log."""
    case = visible_case(reference)
    body = _checked("publish", json_body(optional=True))
    try:
        publication.publish(case, g.api_user, title=body.get("title"), summary=body.get("summary"))
    except publication.PublicationRefused as exc:
        return jsonify({"error": "publication_refused", "reason": str(exc),
                        "problems": {str(k): v for k, v in exc.problems.items()}}), 409
    return jsonify(publication_json(case))


@bp.post("/cases/<reference>/actions/withhold_publication")
@staff_required(*MANAGING)
def withhold_case_publication(reference):
    """Mark the answer "not for publication" (taking it off the log if published): ``{"reason": …}``."""
    case = visible_case(reference)
    body = _checked("withhold_publication", json_body())
    publication.withhold(case, body.get("reason"), g.api_user)
    return jsonify(publication_json(case))


def _checked(action: str, body: dict) -> dict:
    """``body`` when it fits the action's schema (``app.services.action_payloads``), else PayloadInvalid (422)."""
    problems = payload_problems(None, action, body)
    if problems:
        raise PayloadInvalid(problems)
    return body
