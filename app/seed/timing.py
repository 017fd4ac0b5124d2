"""Past instants for the demo, counted back from today in working or calendar days.

Dates are Africa/Casablanca local dates; the instants handed to the services are
naive UTC (``zoneinfo`` handles the Ramadan shift).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from workflows.calendar import MOROCCO, WorkingCalendar, local_date


@dataclass(frozen=True)
class When:
    """A moment of a scenario, relative to the day the demo is loaded.

    ``unit`` is ``"wd"`` (``n`` working days before today), ``"cd"`` (``n``
    calendar days before today) or ``"after_due"`` (the local day after the
    case's running answer deadline, the first day a deemed refusal may fire, or
    after the running clock of ``period`` when one is named);
    ``at`` is the local time of day, ``"HH:MM"``.
    """

    unit: str
    n: int
    at: str
    period: str = ""


def wd(n: int, at: str = "10:00") -> When:
    """``n`` working days before today (n ≥ 1), at local time ``at``."""
    return When("wd", n, at)


def cd(n: int, at: str = "10:00") -> When:
    """``n`` calendar days before today (n ≥ 1), at local time ``at``."""
    return When("cd", n, at)


def after_due(at: str = "00:20", period: str = "") -> When:
    """The day after the running answer deadline (or ``period``'s clock), at local time ``at`` (a sweep's pass)."""
    return When("after_due", 0, at, period)


def working_days_back(today: date, n: int, calendar: WorkingCalendar) -> date:
    """The working day ``n`` working days before ``today`` (n ≥ 1)."""
    day = today
    while n:
        day -= timedelta(days=1)
        if calendar.is_working_day(day):
            n -= 1
    return day


def local_instant(day: date, at: str) -> datetime:
    """The naive UTC instant of local time ``at`` (``"HH:MM"``) on Casablanca date ``day``."""
    hour, minute = (int(part) for part in at.split(":"))
    moment = datetime.combine(day, time(hour, minute), tzinfo=MOROCCO)
    return moment.astimezone(timezone.utc).replace(tzinfo=None)


def resolve(when: When, now: datetime, calendar: WorkingCalendar, due: date | None = None) -> datetime:
    """The naive UTC instant of ``when``, given the load instant ``now`` (naive UTC).

    Args:
        when: the scenario's moment.
        now: the instant the demo is loaded.
        calendar: the working calendar in force.
        due: the running answer deadline (needed by ``after_due``).

    Raises:
        ValueError: the moment would not lie before ``now``.
    """
    today = local_date(now)
    if when.unit == "wd":
        day = working_days_back(today, when.n, calendar)
    elif when.unit == "cd":
        day = today - timedelta(days=when.n)
    else:
        day = due + timedelta(days=1)
    moment = local_instant(day, when.at)
    if moment >= now:
        raise ValueError(f"demo moment {when} is not in the past")
    return moment
