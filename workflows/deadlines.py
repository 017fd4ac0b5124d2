"""Due dates and "what is due", as pure functions of (period, start, calendar, today).

Counting convention (LAW.md §4), used everywhere a statutory date is computed:

1. The receipt date is the local date in Africa/Casablanca of the moment of receipt.
2. The receipt date is day 0; day 1 is the first working day after it.
3. A working-day deadline ends at the end of working day N; a case is overdue only
   from the next local day, never during its due day.
4. Calendar-day windows end on start + N; when that day is not a working day, a
   window the *citizen* must meet stays open until the next working day.
5. A complaint window after silence starts the day after the expired deadline
   (the deadline is day 0); after an answer, the answer's receipt date is day 0.
6. Only the statute's events (receipt, extension, answer, complaint) move a clock.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from workflows.calendar import NonWorkingDay, WorkingCalendar
from workflows.statute import Counting, Party, Period


@dataclass(frozen=True)
class Deadline:
    """The end of a period, and how it was counted.

    ``due`` is the statutory end (working day N, or start + N calendar days);
    ``last_day`` is the last day the party may still act: equal to ``due`` except
    for a citizen's calendar-day window ending on a non-working day (§4.4).
    ``provisional``: the count depends on a holiday whose date is still *estimated*
    (LAW.md §3), so the date may move when the official date is published.
    ``skipped``: the non-working weekdays the count passed over (holidays and
    exceptional closures, each with its Arabic and French name; weekends not listed),
    by date — the ``(date, name)`` explanation of the date.
    """

    due: date
    last_day: date
    provisional: bool = False
    skipped: tuple[NonWorkingDay, ...] = ()


def deadline(rule: Period, start: date, calendar: WorkingCalendar) -> Deadline:
    """End of ``rule`` counted from ``start`` (day 0, a Casablanca local date).

    Args:
        rule: a statutory period from ``workflows.statute.PERIODS``.
        start: day 0 of the count (local date, not a datetime).
        calendar: the working calendar in force.
    """
    if rule.counting is Counting.WORKING:
        due = calendar.add_working_days(start, rule.days)
        last = due
    else:
        due = start + timedelta(days=rule.days)
        last = calendar.next_working_day(due) if rule.party is Party.CITIZEN else due
    return explained(rule, start, due, last, calendar)


def explained(rule: Period, start: date, due: date, last_day: date, calendar: WorkingCalendar) -> Deadline:
    """``Deadline(due, last_day)`` with how it was counted: ``provisional`` and ``skipped``.

    The days the count depended on are, for a working-day period, those after day 0
    up to the due date (an extension continues the same span); for a calendar-day
    period, those from the due date to the day before the last day (the days that
    kept a citizen's window open, §4.4) — none when the two are equal, since a
    calendar count does not depend on holidays. The date is provisional when one of
    those days is a holiday still marked *estimated* (a weekend one too: its real
    date may fall on a weekday); ``skipped`` lists their non-working weekdays.

    Args:
        rule: the clock's period (its counting decides the span).
        start: day 0; due, last_day: the dates counted (Casablanca local dates).
    """
    if rule.counting is Counting.WORKING:
        first, end = start + timedelta(days=1), due
    else:
        first, end = due, last_day - timedelta(days=1)
    days = []
    day = first
    while day <= end:
        if (holiday := calendar.holiday(day)) is not None:
            days.append(holiday)
        day += timedelta(days=1)
    return Deadline(due, last_day, any(d.status == "estimated" for d in days),
                    tuple(d for d in days if d.day.weekday() < 5))


def extend(current_due: date, rule: Period, calendar: WorkingCalendar) -> Deadline:
    """A deadline extended by ``rule`` (art. 16/17): counted from the current due date.

    Its ``provisional`` and ``skipped`` cover the extension only; ``explained`` over
    the whole span (day 0 of the first count to the new due date) gives the clock's.
    """
    return deadline(rule, current_due, calendar)


def is_overdue(last_day: date, today: date) -> bool:
    """True from the local day after ``last_day`` (§4.3), never on the day itself."""
    return today > last_day


def working_days_left(today: date, last_day: date, calendar: WorkingCalendar) -> int:
    """Working days after ``today`` up to and including ``last_day``.

    0 on the due day itself (the case is still in time); negative when overdue.
    """
    return calendar.working_days_between(today, last_day)


def days_left(today: date, last_day: date, counting: Counting | str, calendar: WorkingCalendar) -> int:
    """Days after ``today`` up to and including ``last_day``, in the period's own unit.

    Working days for a working-day period (``working_days_left``), calendar days for a
    calendar-day one (a complaint's 60 days read 60 on day 0, not 41 working days).
    0 on the last day itself; negative when overdue.
    """
    if Counting(counting) is Counting.WORKING:
        return working_days_left(today, last_day, calendar)
    return (last_day - today).days


def reminder_due(last_day: date, today: date, lead: int, calendar: WorkingCalendar) -> bool:
    """True when ``today`` is within ``lead`` working days of ``last_day`` (not overdue)."""
    return not is_overdue(last_day, today) and working_days_left(today, last_day, calendar) <= lead


# Reminders and overdue notices go to staff in the morning hour of a working day (a
# policy, not a statutory figure): a sweep pass outside it queues none, and the next
# pass inside it catches up from the dates (the dedup keys keep one notice each).
NOTICE_FROM = time(9)
NOTICE_WINDOW = timedelta(hours=1)


def notices_may_go_out(local: datetime, calendar: WorkingCalendar, window: timedelta = NOTICE_WINDOW) -> bool:
    """True from 09:00 for ``window`` (Africa/Casablanca) on a working day: when notices go out.

    Args:
        local: the current instant as a local Africa/Casablanca datetime (naive or aware).
        calendar: the working calendar in force (weekends, holidays, closures).
        window: how long after 09:00 a pass still sends them (at least the sweep's interval,
            so that some pass falls in it every working day).
    """
    opens = datetime.combine(local.date(), NOTICE_FROM, tzinfo=local.tzinfo)
    return calendar.is_working_day(local.date()) and opens <= local < opens + window


def next_notice_time(local: datetime, calendar: WorkingCalendar, window: timedelta = NOTICE_WINDOW) -> datetime:
    """``local`` itself when notices may go out then, else 09:00 of the next working day that allows it.

    The result keeps ``local``'s tzinfo (a local Africa/Casablanca datetime).
    """
    if notices_may_go_out(local, calendar, window):
        return local
    day = local.date() + timedelta(days=1) if local.time() >= NOTICE_FROM else local.date()
    return datetime.combine(calendar.next_working_day(day), NOTICE_FROM, tzinfo=local.tzinfo)
