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
from datetime import date, timedelta

from workflows.calendar import WorkingCalendar
from workflows.statute import Counting, Party, Period


@dataclass(frozen=True)
class Deadline:
    """The end of a period.

    ``due`` is the statutory end (working day N, or start + N calendar days);
    ``last_day`` is the last day the party may still act: equal to ``due`` except
    for a citizen's calendar-day window ending on a non-working day (§4.4).
    """

    due: date
    last_day: date


def deadline(rule: Period, start: date, calendar: WorkingCalendar) -> Deadline:
    """End of ``rule`` counted from ``start`` (day 0, a Casablanca local date).

    Args:
        rule: a statutory period from ``workflows.statute.PERIODS``.
        start: day 0 of the count (local date, not a datetime).
        calendar: the working calendar in force.
    """
    if rule.counting is Counting.WORKING:
        due = calendar.add_working_days(start, rule.days)
        return Deadline(due, due)
    due = start + timedelta(days=rule.days)
    last = calendar.next_working_day(due) if rule.party is Party.CITIZEN else due
    return Deadline(due, last)


def extend(current_due: date, rule: Period, calendar: WorkingCalendar) -> Deadline:
    """A deadline extended by ``rule`` (art. 16/17): counted from the current due date."""
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
