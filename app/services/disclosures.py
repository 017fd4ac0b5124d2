"""An answer's entry in the disclosure log, prepared by staff: summary, files, how each file is published.

Why a record of its own and not workflow triggers: publishing does not move the
request's statutory state or any clock (arts. 16–20), may come long after the case
is closed, and is undone by taking the entry down. So an entry (``Disclosure``) has
its own small state table (``workflows.disclosure``) and version column; each staff
change is one unit of work that also writes a ``publication`` event on the case's
timeline — inserted on its own, so it never conflicts with an action on the case.

Nothing of the request is published until staff review it: the title and summary
are empty until written (and refused while they name the applicant), PDF and image
files are published with their redaction boxes applied, office and CSV files only
once an officer marks them as needing no redaction (they cannot be redacted here).
"""
from __future__ import annotations

from datetime import date, datetime

from flask import current_app
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.models.case_event import CaseEvent
from app.models.disclosure import Disclosure, DisclosureFile
from app.models.user import Role
from app.services import released_documents
from app.services.answer_delivery import answer_issued_on as _answer_issued_on, answer_received_on
from app.services.applicant_traces import traces
from app.services.assignment import may_see
from app.services.calendar import utc_now, working_calendar
from app.services.cases import Conflict, PayloadInvalid, unit_of_work
from app.services.redaction import REDACTABLE
from workflows import disclosure as rules
from workflows.disclosure import PublicationState

MANAGERS = (Role.ADMIN, Role.SUPERVISOR, Role.INFORMATION_OFFICER)
TREATMENTS = ("redact", "unreviewed", "as_is", "excluded")
TITLE_LIMIT, SUMMARY_LIMIT = 300, 5000
TOO_LONG = "This text is too long."
NAMES_THE_APPLICANT = "This text names the applicant or gives their contact details: remove them."
EDITABLE = (PublicationState.SCHEDULED.value, PublicationState.HELD.value, PublicationState.WITHHELD.value)


def may_manage(actor, case=None) -> bool:
    """True when ``actor`` prepares, publishes and withholds entries (of ``case``'s unit, when given)."""
    if actor is None or not getattr(actor, "is_active", False) or not actor.has_role(*MANAGERS):
        return False
    return case is None or (case.is_information_request and may_see(actor, case))


def check_manager(actor, case=None) -> None:
    """Raises PermissionError unless ``may_manage(actor, case)``."""
    if not may_manage(actor, case):
        raise PermissionError("only the designated officers and supervisors of the information unit publish answers")


def eligible(case) -> bool:
    """True when ``case``'s answer belongs on the log: an information request granted in full or in part."""
    return case.is_information_request and case.answered_at is not None and rules.is_published_outcome(case.outcome)


def planned_due(case) -> date | None:
    """The Casablanca date from which ``case``'s answer is published (None: not eligible)."""
    # Until the answer's delivery is recorded, its issue date stands for the delay's start.
    received = (answer_received_on(case) or _answer_issued_on(case)) if eligible(case) else None
    if received is None:
        return None
    return rules.publication_due(received, current_app.config["DISCLOSURE_DELAY_WORKING_DAYS"], working_calendar())


def follow_delivery(letter) -> Disclosure | None:
    """Move the scheduled log entry of the case of ``letter`` to the due date its delivery gives.

    The publication delay runs from the applicant's receipt of the answer (its issue date
    until a delivery is recorded): when the answer letter's delivery is recorded or
    corrected, the entry's ``due_on`` follows, in the caller's unit of work (not committed).
    Other letters, entries not yet made or no longer scheduled are left alone; returns the
    entry moved, or None.
    """
    if letter.kind != "answer":
        return None
    entry = entry_of(letter.case)
    if entry is None or entry.status != PublicationState.SCHEDULED.value:
        return None
    due = planned_due(letter.case)
    if due == entry.due_on:
        return None
    entry.due_on = due
    return entry


def entry_of(case) -> Disclosure | None:
    """The log entry of ``case``'s answer, if one was made."""
    return db.session.execute(db.select(Disclosure).filter_by(case_id=case.id)).scalar_one_or_none()


def ensure_entry(case, now: datetime) -> Disclosure:
    """The entry of ``case``'s answer, made (scheduled, with its due date) if missing, its files in step.

    In the caller's transaction (flushed, not committed). Raises PermissionError-free
    ``PayloadInvalid`` when the answer is not one that is published.
    """
    entry = entry_of(case)
    if entry is None:
        if not eligible(case):
            raise PayloadInvalid({"case": "Only a granted or partly granted answer is published."})
        entry = Disclosure(source="answer", case_id=case.id, reference=case.reference,
                           status=PublicationState.SCHEDULED.value, due_on=planned_due(case), created_at=now,
                           updated_at=now)
        try:
            with db.session.begin_nested():
                db.session.add(entry)
        except IntegrityError:   # the scheduler made it at the same moment
            entry = entry_of(case)
    sync_files(entry, case)
    return entry


def sync_files(entry: Disclosure, case) -> None:
    """Give ``entry`` a file for each released document of ``case`` it does not have yet."""
    known = {f.released_document_id for f in entry.files}
    for document in released_documents.released(case):
        if document.id not in known:
            entry.files.append(DisclosureFile(
                position=len(entry.files) + 1, released_document_id=document.id,
                source_stored_name=document.stored_name, content_type=document.content_type,
                treatment=default_treatment(document.content_type)))
    db.session.flush()


def default_treatment(content_type: str) -> str:
    """PDF and images: published with their boxes applied; anything else: not until an officer reviews it."""
    return "redact" if content_type in REDACTABLE else "unreviewed"


def record(entry: Disclosure, action: str, actor, now: datetime, reason: str | None = None, **data) -> None:
    """A ``publication`` event on the case's timeline (none for register entries), without touching the case row."""
    if entry.case_id is None:
        return
    db.session.add(CaseEvent(case_id=entry.case_id, kind="publication", actor_id=actor.id if actor else None,
                             actor_label=actor.username if actor else "system", at=now, reason=reason,
                             data={"action": action, **data}))


def touch(entry: Disclosure, now: datetime) -> None:
    """Mark a staff change: bumps the entry's version (so it serialises with publishing) and
    sends a held entry back to the scheduler's queue."""
    if entry.status not in EDITABLE:
        raise Conflict("the entry is published: withhold it (take it down) before changing it")
    if entry.status == PublicationState.HELD.value:
        entry.status, entry.hold_reason = rules.move(entry.status, "review").value, None
    entry.updated_at = now


def save_summary(case, title, summary, actor, now: datetime | None = None) -> Disclosure:
    """Set the published title and summary of ``case``'s request (reviewed by ``actor``) and commit.

    Raises:
        PermissionError: ``actor`` does not manage publications.
        PayloadInvalid: ``{"title"|"summary": message}`` — too long, or naming the applicant.
        Conflict: the entry is published, or changed concurrently.
    """
    now = now or utc_now()
    check_manager(actor, case)
    title, summary = (title or "").strip(), (summary or "").strip()
    errors = {}
    for field, text, limit in (("title", title, TITLE_LIMIT), ("summary", summary, SUMMARY_LIMIT)):
        if len(text) > limit:
            errors[field] = TOO_LONG
        elif traces(text, case.party):
            errors[field] = NAMES_THE_APPLICANT
    if errors:
        raise PayloadInvalid(errors)
    with unit_of_work(case):
        entry = ensure_entry(case, now)
        touch(entry, now)
        entry.title, entry.summary = title or None, summary or None
        entry.summary_reviewed_at, entry.summary_reviewed_by_id = now, actor.id
        record(entry, "summary", actor, now)
    return entry


def set_treatment(case, file_id: int, treatment: str, reason, actor, now: datetime | None = None) -> DisclosureFile:
    """How file ``file_id`` of ``case``'s entry is published (``TREATMENTS``), and commit.

    ``redact`` is for PDF and images only; ``excluded`` needs a reason. Raises
    PermissionError, PayloadInvalid, Conflict (as ``save_summary``) and LookupError (no such file).
    """
    now = now or utc_now()
    check_manager(actor, case)
    reason = (reason or "").strip()
    with unit_of_work(case):
        entry = ensure_entry(case, now)
        item = next((f for f in entry.files if f.id == file_id), None)
        if item is None:
            raise LookupError("no such file in this entry")
        problem = _treatment_problem(item, treatment, reason)
        if problem:
            raise PayloadInvalid({"treatment": problem})
        touch(entry, now)
        item.treatment, item.treatment_reason = treatment, reason or None
        record(entry, "treatment", actor, now, reason=reason or None, file=item.position, treatment=treatment)
    return item


def _treatment_problem(item: DisclosureFile, treatment: str, reason: str) -> str | None:
    if treatment not in TREATMENTS or treatment == "unreviewed":
        return "Choose: publish with its redactions, as is, or not at all."
    if treatment == "redact" and item.content_type not in REDACTABLE:
        return "Only PDF and image files can be redacted."
    if treatment == "excluded":
        return rules.reason_problem(reason)
    return None
