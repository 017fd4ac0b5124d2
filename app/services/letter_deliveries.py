"""Staff record how a letter reached the applicant: by post or by hand (LAW.md §4.5, issue 8 §1).

One unit of work: the delivery record, its ``delivery`` event, the start of the
windows that awaited this letter's receipt (``receipt_clocks.rebase``: the complaint
to the head after an answer, art. 19; the CDAI after the head's decision, art. 20), and
the disclosure log entry's due date for an answer (``disclosures.follow_delivery``).
E-mail and portal deliveries are recorded by the system (``answer_delivery``).
"""
from __future__ import annotations

from datetime import datetime

from app.models.letter_delivery import LetterDelivery
from app.models.user import Role
from app.services import answer_delivery
from app.services.action_rules import officer_of_unit
from app.services.answer_delivery import DeliveryAlreadyRecorded, DeliveryRefused, LetterNotFound
from app.services.calendar import today_local, utc_now
from app.services.cases import PayloadInvalid, unit_of_work
from app.services.clarification import touch
from app.services.disclosures import follow_delivery
from app.services.receipt_clocks import rebase
from workflows.machine import TransitionRefused

__all__ = ["LetterNotFound", "may_record", "record_delivery"]


def may_record(user, case) -> bool:
    """True for a supervisor or administrator, the assigned officer, or an active officer of the case's unit."""
    if user is None or not user.active:
        return False
    return (user.has_role(Role.ADMIN, Role.SUPERVISOR) or case.assignee_id == user.id
            or officer_of_unit(user, case.unit))


def record_delivery(case, letter_id: int, body: dict, *, actor, now: datetime | None = None) -> LetterDelivery:
    """Record that letter ``letter_id`` of ``case`` reached the applicant, and commit.

    Args:
        case: the case, loaded in the current session.
        letter_id: an issued letter of ``case``.
        body: ``{"delivered_on": "YYYY-MM-DD", "method": "post" | "hand"}``; the date is the
            Casablanca date on the delivery notice, or the day the letter was handed over.
        actor: the staff member entering it (``may_record``).
        now: the current instant, naive UTC (default: now).

    Returns the record; the windows awaiting this letter start on ``delivered_on``
    (each with a ``clock`` event). A delivery is final: recording it again is refused.

    Raises:
        PermissionError: ``actor`` may not record deliveries on this case.
        LetterNotFound: no such letter on ``case`` (also a letter of another case).
        PayloadInvalid: unknown method, unreadable date, before the letter's issue, in the future.
        TransitionRefused: ``delivery_already_recorded`` (HTTP 409).
        Conflict: another action changed the case at the same time (nothing saved).
    """
    if not may_record(actor, case):
        raise PermissionError("only the case's officers and supervisors record deliveries")
    now = now or utc_now()
    try:
        letter, method, delivered_on = answer_delivery.check_delivery(case, letter_id, body, today_local(now))
    except DeliveryRefused as exc:
        raise PayloadInvalid(exc.errors) from None
    except DeliveryAlreadyRecorded as exc:
        raise TransitionRefused("delivery_already_recorded", str(exc)) from None
    with unit_of_work(case):
        touch(case)   # serialised with the transitions by the case's version check
        delivery = answer_delivery.add_staff_delivery(letter, method, delivered_on, actor, now)
        rebase(letter, delivery, actor=actor, now=now)
        follow_delivery(letter)   # the disclosure log's publication delay runs from it too
    return delivery
