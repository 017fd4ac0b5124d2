"""Registering a new case: from the portal, the API, or staff at the counter."""
from datetime import datetime

from sqlalchemy import update
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
    """The outcome of a registration: the case and its access code (handed to the applicant once)."""

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
        ``Registered`` — the committed case and its clear-text access code. The code is
        stored only as a keyed hash: the stored acknowledgment does not print it; the
        applicant's copy that does is rendered on demand (``letters.applicant_receipt``).

    Only the final flush and commit write: the reference number is drawn in a short
    transaction of its own (``references.next_reference``), and the access code's
    hash and the acknowledgment's PDF are made before the write transaction opens,
    so concurrent submissions never wait for each other's rendering. No e-mail is
    sent here: the receipt's e-mail is queued, and the scheduler process delivers it.

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
    _raise_if_duplicate(submission_key)  # a form posted again draws no reference number
    code = new_access_code()
    try:
        case = _new_case(kind, fields, channel, received_at, hash_access_code(code), now)
        case.submission_key = submission_key
        with db.session.no_autoflush:
            db.session.add(case)
            letter = _open(case, kind, actor, now)
        with stored_files(case, attachments):
            # The first flush: writing starts here, after the acknowledgment was rendered.
            email_confirmation.on_registration(case, email_verified_by, actor, now)
            notifications.queue_letter_email(case, letter)
            # The unit's assignment policy, in this unit of work: its row stays locked until the commit.
            auto_assignment.assign_on_receipt(case, now)
            db.session.commit()
    except IntegrityError:
        db.session.rollback()
        _raise_if_duplicate(submission_key)
        raise
    except Exception:
        db.session.rollback()
        raise
    return Registered(case, code)


def reissue_access_code(case: Case, *, actor=None, now: datetime | None = None, why: str) -> str:
    """Give ``case`` a new access code (the old one stops working) and commit; returns the new code.

    For the one who just proved they posted the form that registered ``case`` (its
    one-time key) but whose page with the code was replaced by the answer to a second
    post: the code exists nowhere else, so a new one is shown. The case's version is
    not bumped (the code is no part of its workflow); an ``access_code`` event records it.

    Args:
        why: a short machine word for the timeline (e.g. ``form_posted_again``).
    """
    code = new_access_code()
    db.session.execute(update(Case).where(Case.id == case.id).values(access_code_hash=hash_access_code(code))
                       .execution_options(synchronize_session=False))
    record_event(case, "access_code", actor, at=now or utc_now(), data={"why": why})
    db.session.commit()
    return code


def _checked_key(key: str | None) -> str | None:
    if key is not None and len(key) > SUBMISSION_KEY_LENGTH:
        raise IntakeError({"submission_key": f"at most {SUBMISSION_KEY_LENGTH} characters"})
    return key or None


def _raise_if_duplicate(key: str | None) -> None:
    """DuplicateSubmission if a case already holds ``key`` (checked before drawing a number,
    and again after a rolled-back insert: two posts of one form at the same instant)."""
    if key is None:
        return
    reference = db.session.execute(db.select(Case.reference).filter_by(submission_key=key)).scalar()
    if reference is not None:
        raise DuplicateSubmission(reference)


def _new_case(kind, fields, channel, received_at, code_hash, now) -> Case:
    party = Party(**fields.pop("party"))
    reference = next_reference(kind, local_date(received_at).year)
    return Case(reference=reference, kind=kind.value, state="received", channel=channel,
                received_at=received_at, registered_at=now, access_code_hash=code_hash,
                party=party, unit=spec(kind).unit, grounds=[], **fields)


def _open(case: Case, kind: CaseKind, actor, now: datetime):
    """Receipt event, clocks and the acknowledgment of a new case, in memory (no flush); returns the letter."""
    calendar, received_on = working_calendar(), local_date(case.received_at)
    late = (now - case.received_at).total_seconds() > 3600
    record_event(case, "transition", actor, trigger="receive", to_state="received", at=now,
                 code="received_via", params={"channel": case.channel},
                 data={"received_at": case.received_at.isoformat() + "Z", "registered_after_receipt": late})
    apply_clock_change(case, case.spec.initial_clocks(received_on, bool(case.urgent)), calendar, now, actor)
    letter = letters.issue_letter(case, "acknowledgment", actor=actor, now=now)
    if kind is CaseKind.COMPLAINT:
        # The receipt is the acknowledgment the decree asks for within 15 days.
        apply_clock_change(case, ClockChange(stop=("complaint_acknowledgment",)), calendar, now, actor)
    return letter

