"""A supervisor corrects a letter's delivery entered by staff (LAW.md §4.5, issue 8 §1).

A posted letter's delivery date is typed from the delivery notice; a typo would
otherwise stand for good. The correction is one unit of work: the record's new date
and method, a ``delivery`` event with the old and new values and the reason, and the
windows that run from that delivery counted again from the new date (each with a
``clock`` event), as the first entry started them (``receipt_clocks``).

Refused (HTTP 409) when there is nothing a correction may change: no delivery recorded
yet (``delivery_not_recorded``: record it first), a "correction" that changes nothing
(``delivery_unchanged``: no event is written for it), one recorded by the system at the
sending moment (``delivery_automatic``: e-mail, portal), or a window from it that the
applicant already used or that already ended (``delivery_window_used``: e.g. a
complaint to the head or to the CDAI was recorded after it).
"""
from __future__ import annotations

from datetime import datetime

from app.models.clock import ClockStatus
from app.models.letter_delivery import STAFF_METHODS, LetterDelivery
from app.models.user import Role
from app.services import answer_delivery
from app.services.answer_delivery import DeliveryRefused, LetterNotFound
from app.services.calendar import today_local, utc_now, working_calendar
from app.services.cases import PayloadInvalid, unit_of_work
from app.services.clarification import touch
from app.services.disclosures import follow_delivery
from app.services.intake import text_problem
from app.services.timeline import record_event
from workflows.deadlines import deadline
from workflows.machine import TransitionRefused
from workflows.statute import period

__all__ = ["LetterNotFound", "correct_delivery", "may_correct"]

REASON_LIMIT = 1000   # characters


def may_correct(user) -> bool:
    """True for an active supervisor or administrator."""
    return user is not None and user.active and user.has_role(Role.ADMIN, Role.SUPERVISOR)


def correct_delivery(case, letter_id: int, body: dict, *, actor, now: datetime | None = None) -> LetterDelivery:
    """Replace the staff-entered delivery of letter ``letter_id`` of ``case``, and commit.

    Args:
        case: the case, loaded in the current session.
        letter_id: an issued letter of ``case`` whose delivery staff recorded.
        body: ``{"delivered_on": "YYYY-MM-DD", "method": "post" | "hand", "reason": "..."}``;
            the date is a Casablanca date, from the letter's issue to today.
        actor: a supervisor or administrator (``may_correct``).
        now: the current instant, naive UTC (default: now).

    Returns the corrected record. The windows that ran from the old date (the complaint
    to the head, art. 19; the CDAI, art. 20) run from the new one.

    Raises:
        PermissionError: ``actor`` is not a supervisor or administrator.
        LetterNotFound: no such letter on ``case``.
        PayloadInvalid: unknown method, unreadable date, out of range, no reason (HTTP 422).
        TransitionRefused: ``delivery_not_recorded``, ``delivery_unchanged``, ``delivery_automatic``
            or ``delivery_window_used`` (HTTP 409; nothing changed).
        Conflict: another action changed the case at the same time (nothing saved).
    """
    if not may_correct(actor):
        raise PermissionError("only a supervisor corrects a recorded delivery")
    now = now or utc_now()
    letter, method, delivered_on = _checked(case, letter_id, body, today_local(now))
    old = letter.delivery
    if old is None:
        raise TransitionRefused("delivery_not_recorded", "no delivery is recorded for this letter: record it first")
    if old.method not in STAFF_METHODS:
        raise TransitionRefused("delivery_automatic", f"the {old.method} delivery was recorded by the system "
                                "at the sending moment and cannot be corrected")
    if (old.method, old.delivered_on) == (method, delivered_on):
        raise TransitionRefused("delivery_unchanged", "the correction gives the method and date already recorded")
    used = [c for c in _bound(letter) if c.status != ClockStatus.RUNNING.value]
    if used:
        raise TransitionRefused("delivery_window_used", f"the window that ran from this delivery "
                                f"({used[0].period}) was already used by the applicant or has ended",
                                period=used[0].period)
    with unit_of_work(case):
        touch(case)   # serialised with the transitions by the case's version check
        before = {"method": old.method, "delivered_on": old.delivered_on.isoformat()}
        old.method, old.delivered_on, old.recorded_by, old.recorded_at = method, delivered_on, actor, now
        record_event(case, "delivery", actor, code="letter_delivery_corrected", reason=body["reason"],
                     params={"kind": letter.kind, "method": method}, at=now,
                     data={"letter_id": letter.id, "kind": letter.kind, "from": before,
                           "to": {"method": method, "delivered_on": delivered_on.isoformat()}})
        _rebase(letter, old, actor, now)
        follow_delivery(letter)   # the disclosure log's publication delay runs from it too
    return old


def _checked(case, letter_id, body: dict, today):
    """The letter, method and date of the correction; the reason, checked, stripped into ``body``."""
    reason = body.get("reason")
    problem = text_problem(reason, REASON_LIMIT) if isinstance(reason, str) and reason.strip() else \
        "say why the delivery is corrected"
    try:
        found = answer_delivery.check_entry(case, letter_id, body, today, {"reason": problem} if problem else None)
    except DeliveryRefused as exc:
        raise PayloadInvalid(exc.errors) from None
    body["reason"] = reason.strip()
    return found


def _bound(letter) -> list:
    """The clocks whose day 0 was this letter's delivery (``receipt_clocks.bind``)."""
    return [c for c in letter.case.clocks if c.letter_id == letter.id or c.letter is letter]


def _rebase(letter, delivery, actor, now: datetime) -> None:
    """Count each running window bound to ``letter`` again from ``delivery.delivered_on``."""
    calendar = working_calendar()
    for clock in _bound(letter):
        end = deadline(period(clock.period), delivery.delivered_on, calendar)
        before = {"start": clock.started_on.isoformat(), "last_day": clock.last_day.isoformat()}
        clock.started_on, clock.due_on, clock.last_day = delivery.delivered_on, end.due, end.last_day
        record_event(letter.case, "clock", actor, code="clock_rebased_on_correction",
                     params={"period": clock.period}, at=now,
                     data={"period": clock.period, "from": before, "start": delivery.delivered_on.isoformat(),
                           "due": end.due.isoformat(), "last_day": end.last_day.isoformat(),
                           "article": clock.article, "letter_id": letter.id, "method": delivery.method})
