"""How the API shows things: registrations, case rows, cases with clocks and timeline.

Instants are ISO-8601 UTC with ``Z``; statutory dates are Africa/Casablanca ISO dates.
"""
from datetime import datetime

from flask import url_for

from app.services.action_payloads import stored_delivery, stored_grounds, stored_withheld
from workflows.statute import BODY_PERIODS
from app.services.case_links import links_of
from app.services.cases import available_triggers
from app.services.status import status_facts


def instant(value: datetime | None) -> str | None:
    """A stored naive-UTC instant as ISO-8601 with ``Z``."""
    return value.isoformat() + "Z" if value else None


def body_due_date(case) -> str | None:
    """Last day of the running clock the body must meet (answer, extension, decision …)."""
    days = [c.last_day for c in case.running_clocks() if c.period in BODY_PERIODS]
    return min(days).isoformat() if days else None


def registration_json(registered) -> dict:
    """What the person registering a case gets back (no personal data).

    ``receipt_url`` is the applicant's copy of the receipt, which prints the access
    code (send it in ``X-Access-Code``); the stored receipt never does.
    """
    case = registered.case
    receipt = next((l for l in case.letters if l.kind == "acknowledgment"), None)
    return {
        "reference": case.reference, "access_code": registered.access_code, "kind": case.kind,
        "state": case.state, "received_at": instant(case.received_at), "due_date": body_due_date(case),
        "status_url": url_for("api.status", reference=case.reference),
        "receipt_url": url_for("api.applicant_receipt", reference=case.reference) if receipt else None,
    }


def row_json(row) -> dict:
    """A case on a staff list (``assignment.QueueRow``): no personal data."""
    case = row.case
    return {
        "reference": case.reference, "kind": case.kind, "state": case.state, "channel": case.channel,
        "unit": case.unit, "received_at": instant(case.received_at),
        "assignee": case.assignee.username if case.assignee else None,
        "due_date": row.last_day.isoformat() if row.last_day else None,
        "working_days_left": row.days_left, "overdue": row.overdue, "urgent": case.urgent_now,
        "outcome": case.outcome, "tags": [t.name for t in case.tags],
        "url": url_for("api.case_detail", reference=case.reference),
    }


def party_json(party) -> dict:
    return {"applicant_type": party.applicant_type, "organisation_name": party.organisation_name,
            "registration_number": party.registration_number, "first_name": party.first_name,
            "last_name": party.last_name, "id_number": party.id_number,
            "address": party.address, "email": party.email, "phone": party.phone}


def event_json(event) -> dict:
    return {"kind": event.kind, "trigger": event.trigger, "from_state": event.from_state,
            "to_state": event.to_state, "actor": event.actor_label, "at": instant(event.at),
            "reason": event.reason, "data": event.data or {}}


def letter_json(case, letter) -> dict:
    return {"id": letter.id, "kind": letter.kind, "language": letter.language,
            "issued_at": instant(letter.issued_at), "sha256": letter.sha256,
            "url": url_for("api.case_letter", reference=case.reference, letter_id=letter.id),
            "delivery": delivery_json(letter.delivery) if letter.delivery else None}


def delivery_json(delivery) -> dict:
    """How a letter reached the applicant: method, Casablanca date, who recorded it (None: the system), when."""
    return {"method": delivery.method, "delivered_on": delivery.delivered_on.isoformat(),
            "recorded_by": delivery.recorded_by.username if delivery.recorded_by else None,
            "recorded_at": instant(delivery.recorded_at)}


def case_json(case, user, now: datetime | None = None) -> dict:
    """A case as staff see it: fields, party, clocks, timeline, letters, what ``user`` may do now."""
    facts = status_facts(case, now)
    return {
        "reference": case.reference, "kind": case.kind, "state": case.state, "channel": case.channel,
        "language": case.language, "unit": case.unit, "received_at": instant(case.received_at),
        "registered_at": instant(case.registered_at),
        "assignee": case.assignee.username if case.assignee else None,
        "party": party_json(case.party), "fields": _fields(case),
        "answer": {"outcome": case.outcome, "grounds": stored_grounds(case.grounds), "text": case.answer_text,
                   "answered_at": instant(case.answered_at), "extended": case.extended},
        "head_decision": case.head_decision, "decided_at": instant(case.decided_at),
        "competent_body": case.competent_body, "rating": case.rating, "reopen_count": case.reopen_count,
        "closed_at": instant(case.closed_at),
        "due_date": body_due_date(case), "clocks": facts["clocks"], "next_step": facts["next_step"],
        "timeline": [event_json(e) for e in case.events],
        "letters": [letter_json(case, l) for l in case.letters],
        "documents": [document_json(case, d) for d in case.released_documents],
        "withheld": stored_withheld(case.withheld), "delivery": stored_delivery(case.delivery),
        "remedies": dict(case.remedies or {}), "inadmissible_reason": case.inadmissible_reason,
        "available_actions": available_triggers(case, actor=user, now=now),
        **workbench_json(case),
    }


def workbench_json(case) -> dict:
    """Staff-only working aids of a case: urgency ruling (art. 17), tags, links both ways, internal notes."""
    return {
        "urgency_ruled_out_at": instant(case.urgency_ruled_out_at),
        "tags": [t.name for t in case.tags],
        "links": [{"reference": v.other.reference, "role": v.role, "kind": v.link.kind,
                   "url": url_for("api.case_detail", reference=v.other.reference)} for v in links_of(case)],
        "notes": [{"at": instant(n.at), "author": n.author.username, "text": n.text} for n in case.notes],
    }


def document_json(case, document) -> dict:
    """A document to release with the answer, or released (art. 14), as staff see it."""
    return {"id": document.id, "name": document.original_name, "content_type": document.content_type,
            "size": document.size, "sha256": document.sha256, "uploaded_at": instant(document.uploaded_at),
            "released_at": instant(document.released_at),
            "url": url_for("api.case_document", reference=case.reference, document_id=document.id)}


def _fields(case) -> dict:
    if case.is_information_request:
        return {"information_requested": case.information_requested, "urgent": case.urgent,
                "urgency_reason": case.urgency_reason, "access_form": case.access_form}
    return {"kind": case.complaint_kind, "category": case.category, "subject": case.subject,
            "description": case.description}
