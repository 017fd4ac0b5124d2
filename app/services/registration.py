"""Registering a new case: from the portal, the API, or staff at the counter."""
from datetime import datetime

from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.models.case import Case, CaseKind
from app.models.party import Party
from app.services import auto_assignment, email_confirmation, letters, notifications
from app.services.attachments import stored_files
from app.services.calendar import utc_now, working_calendar
from app.services.clocks import apply_clock_change
from app.services.intake import IntakeError, clean_case
from app.services.references import hash_access_code, new_access_code, next_reference
from app.services.timeline import record_event
from workflows.calendar import local_date
from workflows.kinds import spec
from workflows.machine import ClockChange
SUBMISSION_KEY_LENGTH = 64      # the width of ``cases.submission_key``


class DuplicateSubmission(Exception):
    """The same one-time submission key was already used: ``reference`` is the case it registered."""

    def __init__(self, reference: str):
        super().__init__(f"this form was already submitted: {reference}")
        self.reference = reference


class Registered:
    """The outcome of a registration: the case and its access code (shown once)."""

    def __init__(self, case: Case, access_code: str):
        self.case, self.access_code = case, access_code


def register_case(kind: str, data: dict, *, channel: str = "portal", received_at: datetime | None = None,
                  actor=None, now: datetime | None = None, attachments=(),
                  submission_key: str | None = None, email_verified_by: str | None = None) -> Registered:
    """Validate and register a case, start its clocks, issue the acknowledgment receipt.

    Args:
        kind: ``information_request`` or ``complaint``.
        data: the API-shaped fields (see ``app.services.intake``).
        channel: where it was received (art. 14).
        received_at: the actual moment of receipt, naive UTC (default: now).
        actor: the staff user registering it, or None for the applicant.
        now: the current instant, naive UTC (tests freeze it).
        attachments: files already checked by ``attachments.check_uploads``; stored
            with their rows in the same unit of work (no orphan row or file on failure).
        submission_key: the one-time key of the form that was posted (at most 64
            characters), or None. The database keeps it unique, so the same form
            posted twice, even at the same instant, registers one case.
        email_verified_by: ``"counter"`` when staff saw the applicant prove the e-mail
            address; otherwise the address is asked to confirm itself before any
            letter is e-mailed to it (``app.services.email_confirmation``).

    Returns:
        ``Registered`` — the committed case and its clear-text access code (also
        printed on the acknowledgment receipt, the applicant's copy).

    Raises:
        IntakeError: invalid fields; nothing is saved.
        DuplicateSubmission: a case was already registered with ``submission_key``;
            nothing more is saved.
    """
    kind = CaseKind(kind)
    fields = clean_case(kind, data)
    now = now or utc_now()
    received_at = received_at or now
    submission_key = _checked_key(submission_key)
    code = new_access_code()
    try:
        case = _new_case(kind, fields, channel, received_at, code, now)
        case.submission_key = submission_key
        db.session.add(case)
        _open(case, kind, actor, now, code, email_verified_by)
        with stored_files(case, attachments):
            db.session.commit()
    except IntegrityError:
        db.session.rollback()
        _raise_if_duplicate(submission_key)
        raise
    except Exception:
        db.session.rollback()
        raise
    notifications.deliver_pending()
    return Registered(case, code)


def _checked_key(key: str | None) -> str | None:
    if key is not None and len(key) > SUBMISSION_KEY_LENGTH:
        raise IntakeError({"submission_key": f"at most {SUBMISSION_KEY_LENGTH} characters"})
    return key or None


def _raise_if_duplicate(key: str | None) -> None:
    """After a rolled-back insert: DuplicateSubmission if another case already holds ``key``."""
    if key is None:
        return
    reference = db.session.execute(db.select(Case.reference).filter_by(submission_key=key)).scalar()
    if reference is not None:
        raise DuplicateSubmission(reference)


def _new_case(kind, fields, channel, received_at, code, now) -> Case:
    party = Party(**fields.pop("party"))
    reference = next_reference(kind, local_date(received_at).year)
    return Case(reference=reference, kind=kind.value, state="received", channel=channel,
                received_at=received_at, registered_at=now, access_code_hash=hash_access_code(code),
                party=party, unit=spec(kind).unit, grounds=[], **fields)


def _open(case: Case, kind: CaseKind, actor, now: datetime, code: str, email_verified_by=None) -> None:
    calendar, received_on = working_calendar(), local_date(case.received_at)
    late = (now - case.received_at).total_seconds() > 3600
    record_event(case, "transition", actor, trigger="receive", to_state="received", at=now,
                 reason=f"received via {case.channel}",
                 data={"received_at": case.received_at.isoformat() + "Z", "registered_after_receipt": late})
    apply_clock_change(case, case.spec.initial_clocks(received_on, bool(case.urgent)), calendar, now, actor)
    db.session.flush()
    # The receipt prints the access code: for a case registered by staff it is the applicant's copy.
    letter = letters.issue_letter(case, "acknowledgment", actor=actor, now=now, access_code=code)
    if kind is CaseKind.COMPLAINT:
        # The receipt is the acknowledgment the decree asks for within 15 days.
        apply_clock_change(case, ClockChange(stop=("complaint_acknowledgment",)), calendar, now, actor)
    email_confirmation.on_registration(case, email_verified_by, actor, now)
    notifications.queue_letter_email(case, letter)
    auto_assignment.assign_on_receipt(case, now)   # the unit's policy, in this unit of work

