"""The applicant's rights of access and rectification (Law 09-08, arts. 7 and 8), exercised through staff.

- ``export``: everything the Council holds about the applicant of a case — every
  case filed with the same CNIE / residence-card number that the staff member's
  unit covers (the others are named by reference only, for their unit to export):
  identity and contact, the texts, answers, dates, letters issued, files attached,
  e-mails sent, and who at the Council looked at the file (by role).
- ``rectify``: correct the identity or contact of a case, validated like a new
  case (``app.services.intake``), with a timeline event holding each corrected
  field's value before and after (staff only: the status page shows statute events).
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from app.extensions import db
from app.models.access_log import AccessLogEntry
from app.models.case import Case
from app.models.notification import Notification
from app.models.party import Party
from app.models.user import User
from app.services.assignment import may_see
from app.services.cases import unit_of_work
from app.services.email_confirmation import mark_confirmed, request_confirmation
from app.services.intake import IntakeError, clean_party
from app.services.timeline import record_event

FIELDS = ("applicant_type", "organisation_name", "registration_number", "first_name", "last_name", "id_number",
          "address", "email", "phone")
# The fields without which a case cannot be registered (app.services.intake), as the
# information notice lists them (Law 09-08, art. 5: mandatory or optional answers).
MANDATORY_FIELDS = {
    "information_request": ("first_name", "last_name", "id_number", "address", "information_requested"),
    "complaint": ("first_name", "last_name", "id_number", "address", "subject", "description"),
}


class RectificationRefused(ValueError):
    """Nothing to correct: ``code`` is ``anonymised`` or ``unchanged``."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def applicant_cases(case: Case) -> list[Case]:
    """Every case filed by the applicant of ``case`` (same identity number), oldest first."""
    number = case.party.id_number
    if not number:
        return [case]
    return list(db.session.execute(select(Case).join(Party, Party.id == Case.party_id)
                                   .where(Party.id_number == number).order_by(Case.id)).scalars())


def export(case: Case, user, now: datetime) -> dict:
    """Everything held about the applicant of ``case`` that ``user``'s unit covers, as JSON-ready data.

    Instants are ISO-8601 UTC (``Z``); the structure is
    ``{generated_at, law, applicant{…}, cases[{…}], other_cases[{reference, kind}]}``.
    """
    cases = applicant_cases(case)
    seen = [c for c in cases if may_see(user, c)]
    return {
        "generated_at": _instant(now), "law": "09-08",
        "applicant": _party(case.party),
        "cases": [_case(c) for c in seen],
        "other_cases": [{"reference": c.reference, "kind": c.kind} for c in cases if c not in seen],
    }


def rectify(case: Case, data: dict, *, email_verified: bool, reason: str, actor, now: datetime) -> dict:
    """Correct the applicant's identity and contact on ``case`` and commit; returns the changes.

    Args:
        data: the new ``first_name``, ``last_name``, ``id_number``, ``address``, ``email``, ``phone``.
        email_verified: staff saw the applicant prove the (new or unchanged) e-mail address.
        reason: why (e.g. the applicant's letter of …), kept on the timeline.

    Returns:
        ``{field: {"before": old, "after": new}}`` of the fields that changed.

    Raises:
        IntakeError: a field is invalid (the same rules as a new case), or no reason given.
        RectificationRefused: the case was anonymised, or nothing changed.
        app.services.cases.Conflict: the case changed at the same moment.
    """
    if case.party.anonymised_at is not None:
        raise RectificationRefused("anonymised")
    errors: dict[str, str] = {}
    cleaned = clean_party(data, errors, "")
    if not (reason or "").strip():
        errors["reason"] = "this field is required"
    if errors:
        raise IntakeError(errors)
    party = case.party
    changes = {name: {"before": getattr(party, name), "after": cleaned.get(name)}
               for name in FIELDS if (getattr(party, name) or None) != (cleaned.get(name) or None)}
    confirm = email_verified and cleaned.get("email") and (party.email_confirmed_at is None or "email" in changes)
    if not changes and not confirm:
        raise RectificationRefused("unchanged")
    with unit_of_work(case):
        _apply(case, changes, bool(confirm), reason.strip(), actor, now)
    return changes


def _apply(case: Case, changes: dict, confirm: bool, reason: str, actor, now: datetime) -> None:
    party = case.party
    for name, change in changes.items():
        setattr(party, name, change["after"])
    if changes:
        record_event(case, "personal_data", actor, at=now, reason=reason,
                     data={"action": "rectified", "changes": changes})
    if "email" in changes:
        party.email_confirmed_at = party.email_confirmed_by = None
    if confirm:
        mark_confirmed(case, "counter", actor, now)
    elif "email" in changes and party.email:
        request_confirmation(case, now)


def _party(party: Party) -> dict:
    return {"applicant_type": party.applicant_type, "organisation_name": party.organisation_name,
            "registration_number": party.registration_number,
            "first_name": party.first_name, "last_name": party.last_name, "id_number": party.id_number,
            "address": party.address, "email": party.email, "phone": party.phone,
            "email_confirmed_at": _instant(party.email_confirmed_at), "email_confirmed_by": party.email_confirmed_by,
            "anonymised_at": _instant(party.anonymised_at)}


def _case(case: Case) -> dict:
    return {
        "reference": case.reference, "kind": case.kind, "state": case.state, "channel": case.channel,
        "language": case.language, "received_at": _instant(case.received_at), "closed_at": _instant(case.closed_at),
        "applicant": _party(case.party),
        "request": {"information_requested": case.information_requested, "urgent": case.urgent,
                    "urgency_reason": case.urgency_reason, "access_form": case.access_form,
                    "complaint_kind": case.complaint_kind, "category": case.category,
                    "subject": case.subject, "description": case.description},
        "answer": {"outcome": case.outcome, "grounds": list(case.grounds or []), "text": case.answer_text,
                   "answered_at": _instant(case.answered_at), "head_decision": case.head_decision,
                   "competent_body": case.competent_body, "rating": case.rating},
        "timeline": [{"at": _instant(e.at), "kind": e.kind, "trigger": e.trigger, "from_state": e.from_state,
                      "to_state": e.to_state, "reason": e.reason} for e in case.events],
        "letters": [{"kind": l.kind, "language": l.language, "issued_at": _instant(l.issued_at),
                     "sha256": l.sha256} for l in case.letters],
        "attachments": [{"name": a.original_name, "type": a.content_type, "size": a.size,
                         "uploaded_at": _instant(a.uploaded_at)} for a in case.attachments],
        "emails": _emails(case),
        "viewed_by": _viewers(case),
    }


def _emails(case: Case) -> list[dict]:
    rows = db.session.execute(select(Notification).where(Notification.case_id == case.id)
                              .order_by(Notification.id)).scalars()
    return [{"to": n.recipient, "subject": n.subject, "status": n.status, "created_at": _instant(n.created_at),
             "sent_at": _instant(n.sent_at)} for n in rows]


def _viewers(case: Case) -> list[dict]:
    """Who at the Council saw the file: the role, what and when (not the staff member's name)."""
    rows = db.session.execute(select(AccessLogEntry.at, AccessLogEntry.what, User.role)
                              .join(User, User.id == AccessLogEntry.user_id)
                              .where(AccessLogEntry.case_id == case.id).order_by(AccessLogEntry.id)).all()
    return [{"at": _instant(at), "what": what, "role": role} for at, what, role in rows]


def _instant(value: datetime | None) -> str | None:
    return value.isoformat() + "Z" if value else None
