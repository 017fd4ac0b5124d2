"""Clocks whose day 0 is the applicant's receipt of a letter (LAW.md §4.5, arts. 19–20).

The complaint-to-head window runs from the receipt of the answer (art. 19), the CDAI
window from the receipt of the head's decision (art. 20). When the transition that
starts such a window issues its letter:

- on a case filed on the portal the letter is delivered at issue
  (``answer_delivery.delivered_at_issue``): the window starts that day, as before;
- otherwise the clock is kept **awaiting delivery** (``ClockStatus.AWAITING_DELIVERY``:
  no day 0, no due date, never late) and bound to that letter (``Clock.letter_id``).
  The letter's delivery — the e-mail sent, or staff entering the post or hand date —
  starts it (``rebase``), with a ``clock`` event. Only the bound letter's delivery
  moves it: a re-sent or regenerated letter never does (LAW.md §4.6).
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from sqlalchemy import update

from app.extensions import db
from app.models.clock import Clock, ClockStatus
from app.services.answer_delivery import delivered_at_issue
from app.services.clocks import start_clock, stoppable_clocks, stop_clock
from app.services.timeline import record_event
from workflows.calendar import WorkingCalendar, local_date
from workflows.deadlines import deadline
from workflows.machine import ClockChange
from workflows.statute import period

AWAITING = ClockStatus.AWAITING_DELIVERY.value

# (trigger, period it starts) → the letter kind whose receipt is that period's day 0.
RECEIPT_STARTED = {
    ("answer", "complaint_to_head_window"): "answer",          # art. 19
    ("decide", "cdai_window"): "head_decision",                # art. 20
}


def split(trigger: str, letter_kind: str | None, change: ClockChange) -> tuple[ClockChange, tuple[str, ...]]:
    """``change`` without the starts that run from the receipt of the letter ``letter_kind``, and those periods.

    A start stays in ``change`` (day 0 = the workflow's date) when the transition issues
    no letter, or not the letter that period runs from.
    """
    held = tuple(name for name, _ in change.start
                 if letter_kind is not None and RECEIPT_STARTED.get((trigger, name)) == letter_kind)
    if not held:
        return change, ()
    return replace(change, start=tuple(s for s in change.start if s[0] not in held)), held


def hold(case, periods: tuple[str, ...], calendar: WorkingCalendar, now: datetime, actor=None) -> list[Clock]:
    """Start ``periods`` from the receipt of the letter about to be issued; returns their clocks.

    On a portal case the letter is delivered at issue: the clocks start today
    (Casablanca date of ``now``). Otherwise each waits, without dates, for the delivery.
    A running or waiting clock of the same period is stopped (met) first.
    """
    if delivered_at_issue(case):
        return [start_clock(case, name, local_date(now), calendar, now, actor) for name in periods]
    clocks = []
    for name in periods:
        for clock in stoppable_clocks(case):
            if clock.period == name:
                stop_clock(case, clock, ClockStatus.MET, now, actor)
        clock = Clock(period=name, article=period(name).article, status=AWAITING)
        case.clocks.append(clock)
        record_event(case, "clock", actor, code="clock_awaiting_receipt", params={"period": name}, at=now,
                     data={"period": name, "status": AWAITING, "article": clock.article})
        clocks.append(clock)
    return clocks


def bind(clocks: list[Clock], letter) -> None:
    """Bind ``clocks`` to ``letter``: its delivery, and no other letter's, is their day 0."""
    for clock in clocks:
        clock.letter = letter


def rebase(letter, delivery, *, actor, now: datetime, guarded: bool = False,
           calendar: WorkingCalendar | None = None) -> list[Clock]:
    """Start the clocks awaiting ``letter`` with ``delivery.delivered_on`` as day 0; returns them.

    Each started clock gets a ``clock`` event (from: awaiting; start, due, last day, the
    letter and the method). ``guarded``: write with ``UPDATE … WHERE status = 'awaiting_delivery'``,
    so a clock stopped meanwhile by a transition (a complaint filed) is left stopped (the
    outbox records e-mail deliveries outside the case's unit of work). Not committed.
    """
    from app.services.calendar import working_calendar

    calendar = calendar or working_calendar()
    started = []
    for clock in [c for c in letter.case.clocks if c.letter_id == letter.id or c.letter is letter]:
        if clock.status != AWAITING:
            continue
        end = deadline(period(clock.period), delivery.delivered_on, calendar)
        if guarded and not _claim(clock, delivery.delivered_on, end):
            continue
        clock.started_on, clock.due_on, clock.last_day = delivery.delivered_on, end.due, end.last_day
        clock.status = ClockStatus.RUNNING.value
        record_event(letter.case, "clock", actor, code="clock_started_on_delivery",
                     params={"period": clock.period}, at=now,
                     data={"period": clock.period, "from": AWAITING, "start": delivery.delivered_on.isoformat(),
                           "due": end.due.isoformat(), "last_day": end.last_day.isoformat(),
                           "article": clock.article, "letter_id": letter.id, "method": delivery.method})
        started.append(clock)
    return started


def _claim(clock: Clock, start: date, end) -> bool:
    """Write the clock's start only if it still awaits delivery; True when it did."""
    done = db.session.execute(
        update(Clock).where(Clock.id == clock.id, Clock.status == AWAITING)
        .values(status=ClockStatus.RUNNING.value, started_on=start, due_on=end.due, last_day=end.last_day)
        .execution_options(synchronize_session=False)).rowcount
    if not done:
        db.session.refresh(clock)
    return bool(done)


def awaiting_periods(case) -> frozenset[str]:
    """The periods of ``case`` waiting for the applicant's receipt of a letter (no day 0 yet)."""
    return frozenset(c.period for c in case.clocks if c.status == AWAITING)
