"""When the applicant received a letter: the delivery records (LAW.md §4.5, issue 8 §1).

A period that runs from an answer or a decision starts on the day the applicant
received it: the delivery date of the letter, the sending date of the e-mail. One
``LetterDelivery`` per letter:

- **portal**: a case filed on the portal is followed on its status page, where every
  letter is available the moment it is issued: recorded by the system at issue;
- **email**: the outbox recorded the e-mail carrying the letter as sent (the server
  took it): recorded by the system at that moment (``app.services.outbox``);
- **post** / **hand**: staff enter the date on the delivery notice, or the date the
  letter was handed over (``record_delivery``).

The first record wins: a letter re-sent (a second e-mail, a copy by post) or
regenerated (a new letter row) never moves a clock (LAW.md §4.6), and a second entry
is refused (409). A wrong staff entry is corrected by a supervisor, with its reason
and the old values on the timeline (``app.services.delivery_corrections``).
"""
from __future__ import annotations

from datetime import date, datetime

from app.extensions import db
from app.models.letter import Letter
from app.models.letter_delivery import STAFF_METHODS, DeliveryMethod, LetterDelivery
from app.services.timeline import record_event
from workflows.calendar import local_date
from workflows.statute import Channel


class LetterNotFound(LookupError):
    """No letter with that id on that case (HTTP 404)."""


class DeliveryRefused(ValueError):
    """A delivery that cannot be recorded: ``errors`` maps fields to reasons (HTTP 422)."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


class DeliveryAlreadyRecorded(RuntimeError):
    """The letter's delivery is already recorded; it is final (HTTP 409)."""


def received_on(case, kind: str, since: datetime | None = None) -> date | None:
    """The Casablanca date the applicant received ``case``'s letter of ``kind``; None while unknown.

    The letter is the first of ``kind`` issued at or after ``since`` (naive UTC; the
    event that made it, e.g. the answer's moment); a later copy of it never counts.
    None when there is no such letter or its delivery is not recorded yet.
    """
    letters = [l for l in case.letters if l.kind == kind and (since is None or l.issued_at >= since)]
    first = min(letters, key=lambda l: (l.issued_at, l.id or 0), default=None)
    return first.delivery.delivered_on if first is not None and first.delivery is not None else None


def answer_received_on(case) -> date | None:
    """The date the applicant received ``case``'s latest answer (its ``answer`` letter), or None.

    Day 0 of the complaint-to-head window after an answer (art. 19, LAW.md §4.5).
    """
    if case.answered_at is None:
        return None
    return received_on(case, "answer", case.answered_at)


def answer_issued_on(case) -> date | None:
    """The Casablanca date the latest answer's letter was issued (else the answer's own date), or None."""
    if case.answered_at is None:
        return None
    letters = [l.issued_at for l in case.letters if l.kind == "answer" and l.issued_at >= case.answered_at]
    return local_date(min(letters, default=case.answered_at))


def decision_received_on(case) -> date | None:
    """The date the applicant received the head of the body's decision letter, or None.

    Day 0 of the CDAI window after a decision (art. 20, LAW.md §4.5).
    """
    if case.decided_at is None:
        return None
    return received_on(case, "head_decision", case.decided_at)


def delivered_at_issue(case) -> bool:
    """True when ``case``'s letters reach the applicant when issued: a case filed on the portal."""
    return case.channel == Channel.PORTAL.value


def record_at_issue(case, letter: Letter, now: datetime) -> str | None:
    """Record the portal delivery of ``letter`` at its issue, for a case filed on the portal (not flushed).

    Returns the method recorded (``"portal"``) or None; the letter's own ``letter`` event
    carries it on the timeline.
    """
    if not delivered_at_issue(case):
        return None
    letter.delivery = LetterDelivery(case=case, method=DeliveryMethod.PORTAL.value,
                                     delivered_on=local_date(now), recorded_at=now)
    return DeliveryMethod.PORTAL.value


def record_sent_email(letter_id: int, sent_at: datetime) -> LetterDelivery | None:
    """Record that the e-mail carrying letter ``letter_id`` was sent at ``sent_at`` (naive UTC).

    Called by the outbox in the commit that marks the e-mail sent; does nothing when
    the letter's delivery is already recorded. Starts the clocks awaiting this letter
    (``receipt_clocks.rebase``) and moves the answer's disclosure log entry
    (``disclosures.follow_delivery``). Not committed.
    """
    from app.services.disclosures import follow_delivery
    from app.services.receipt_clocks import rebase

    letter = db.session.get(Letter, letter_id)
    if letter is None or letter.delivery is not None:
        return None
    delivery = _add(letter, DeliveryMethod.EMAIL.value, local_date(sent_at), None, sent_at)
    rebase(letter, delivery, actor=None, now=sent_at, guarded=True)
    follow_delivery(letter)
    return delivery


def check_delivery(case, letter_id, body: dict, today: date) -> tuple[Letter, str, date]:
    """The letter, method and date of a staff delivery entry, checked.

    Args:
        case: the case the letter must belong to.
        letter_id: the letter's id (int).
        body: ``{"delivered_on": "YYYY-MM-DD", "method": "post" | "hand"}``.
        today: the Casablanca local date of the entry.

    Raises:
        LetterNotFound: no such letter on ``case``.
        DeliveryRefused: unknown method, unreadable date, a date before the letter's
            issue or after ``today``.
        DeliveryAlreadyRecorded: the letter's delivery is already recorded.
    """
    letter, method, delivered_on = check_entry(case, letter_id, body, today)
    if letter.delivery is not None:
        raise DeliveryAlreadyRecorded(f"the delivery of letter {letter.id} is already recorded "
                                      f"({letter.delivery.method}, {letter.delivery.delivered_on.isoformat()})")
    return letter, method, delivered_on


def check_entry(case, letter_id, body: dict, today: date, errors: dict | None = None) -> tuple[Letter, str, date]:
    """The letter, method and date of a staff entry, checked, whether or not a delivery is recorded.

    ``errors``: problems with other fields, raised together with these (``DeliveryRefused``).
    Raises LetterNotFound and DeliveryRefused as ``check_delivery``.
    """
    letter = next((l for l in case.letters if l.id == letter_id), None)
    if letter is None:
        raise LetterNotFound(letter_id)
    errors, method = dict(errors or {}), body.get("method")
    if method not in STAFF_METHODS:
        errors["method"] = "must be one of: " + ", ".join(STAFF_METHODS)
    delivered_on = _date(body.get("delivered_on"), errors)
    if delivered_on is not None and delivered_on < local_date(letter.issued_at):
        errors["delivered_on"] = f"before the letter was issued ({local_date(letter.issued_at).isoformat()})"
    elif delivered_on is not None and delivered_on > today:
        errors["delivered_on"] = "cannot be in the future"
    if errors:
        raise DeliveryRefused(errors)
    return letter, method, delivered_on


def add_staff_delivery(letter: Letter, method: str, delivered_on: date, actor, now: datetime) -> LetterDelivery:
    """Add the checked staff entry (``check_delivery``) with its timeline event; not flushed."""
    return _add(letter, method, delivered_on, actor, now)


def _add(letter, method, delivered_on, actor, now) -> LetterDelivery:
    delivery = LetterDelivery(case_id=letter.case_id, method=method, delivered_on=delivered_on,
                              recorded_by=actor, recorded_at=now)
    letter.delivery = delivery
    record_event(letter.case, "delivery", actor, code="letter_delivered",
                 params={"kind": letter.kind, "method": method}, at=now,
                 data=_event_data(letter, delivery))
    return delivery


def _event_data(letter, delivery) -> dict:
    return {"letter_id": letter.id, "kind": letter.kind, "method": delivery.method,
            "delivered_on": delivery.delivered_on.isoformat()}


def _date(value, errors: dict) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else _bad(errors)
    except ValueError:
        return _bad(errors)


def _bad(errors: dict) -> None:
    errors["delivered_on"] = "a date YYYY-MM-DD"
    return None
