"""Statutory clocks on a case: started, extended and stopped by the statute's events."""
from datetime import date, datetime

from app.models.clock import Clock, ClockStatus
from app.services.timeline import record_event
from workflows.calendar import WorkingCalendar
from workflows.deadlines import deadline, extend
from workflows.machine import ClockChange
from workflows.statute import period


def running_deadlines(case) -> dict[str, date]:
    """Last day of each running clock of ``case``, by period name."""
    return {c.period: c.last_day for c in case.running_clocks()}


def apply_clock_change(case, change: ClockChange, calendar: WorkingCalendar, now: datetime, actor=None):
    """Stop, extend and start ``case``'s clocks as ``change`` says (LAW.md §4.6)."""
    status = ClockStatus.EXPIRED if change.expire else ClockStatus.REPLACED if change.replace else ClockStatus.MET
    for clock in stoppable_clocks(case):
        if clock.period in change.stop:
            stop_clock(case, clock, status, now, actor)
    for running, extension in change.extend:
        clock = next(c for c in case.running_clocks() if c.period == running)
        new = extend(clock.due_on, period(extension), calendar)
        record_event(case, "clock", actor, code="clock_extended", params={"period": running}, at=now,
                     data={"period": running, "from": clock.due_on.isoformat(), "to": new.due.isoformat()})
        clock.due_on, clock.last_day, clock.extended_by = new.due, new.last_day, extension
    for name, start in change.start:
        start_clock(case, name, start, calendar, now, actor)


def start_clock(case, name: str, start: date, calendar: WorkingCalendar, now: datetime, actor=None) -> Clock:
    """Start the ``name`` clock with ``start`` as day 0; a running (or waiting) clock of that name is replaced."""
    for clock in stoppable_clocks(case):
        if clock.period == name:
            stop_clock(case, clock, ClockStatus.MET, now, actor)
    rule = period(name)
    end = deadline(rule, start, calendar)
    clock = Clock(period=name, article=rule.article, started_on=start, due_on=end.due, last_day=end.last_day,
                  status=ClockStatus.RUNNING.value)  # set now: the clock is read before it is flushed
    case.clocks.append(clock)
    record_event(case, "clock", actor, code="clock_started", params={"period": name}, at=now,
                 data={"period": name, "start": start.isoformat(), "due": end.due.isoformat(),
                       "last_day": end.last_day.isoformat(), "article": rule.article})
    return clock


def stoppable_clocks(case) -> list[Clock]:
    """The running clocks of ``case`` and those awaiting the applicant's receipt of a letter."""
    return [c for c in case.clocks if c.status in (ClockStatus.RUNNING.value, ClockStatus.AWAITING_DELIVERY.value)]


def stop_clock(case, clock: Clock, status: ClockStatus, now: datetime, actor) -> None:
    """End ``clock`` with ``status`` at ``now``, with a ``clock`` event."""
    clock.status, clock.stopped_at = status.value, now
    record_event(case, "clock", actor, code="clock_stopped", params={"period": clock.period}, at=now,
                 data={"period": clock.period, "status": status.value})

