"""Moroccan working days: weekends, public holidays, exceptional closures.

A working day is Monday–Friday that is neither a public holiday nor an exceptional
closure decided by the Head of Government (decree 2.05.916; LAW.md §3). The
``holidays`` package's Morocco calendar is the baseline; an official table
(``HolidayOverride`` rows, kept by an administrator) overrides it: for a given year
and holiday key, the table's dates replace the package's estimates.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

MOROCCO = ZoneInfo("Africa/Casablanca")

# The package's English names → our stable holiday keys (lunar ones move every year).
PACKAGE_KEYS = {
    "Eid al-Fitr": "eid_al_fitr",
    "Eid al-Adha": "eid_al_adha",
    "Islamic New Year": "islamic_new_year",
    "Prophet's Birthday": "mawlid",
}

CLOSURE_KEY = "closure"     # an exceptional closure (decree 2.05.916 art. 3)
WORKING_KIND = "working"    # a row that declares a baseline holiday a working day


@dataclass(frozen=True)
class HolidayOverride:
    """One row of the official holiday table.

    ``kind`` is ``"holiday"``, ``"closure"`` or ``"working"`` (removes a date);
    ``status`` is ``"estimated"`` or ``"confirmed"``.
    """

    day: date
    key: str
    name_ar: str
    name_fr: str
    kind: str = "holiday"
    status: str = "confirmed"


@dataclass(frozen=True)
class NonWorkingDay:
    """A public holiday or closure that falls on a date (weekends are not listed)."""

    day: date
    name_ar: str
    name_fr: str
    status: str
    source: str   # "package" or "table"


def local_date(moment: datetime) -> date:
    """Local date in Africa/Casablanca of an instant (LAW.md §4.1).

    Args:
        moment: an aware datetime, or a naive one taken as UTC.
    """
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(MOROCCO).date()


@lru_cache(maxsize=64)
def _package_year(year: int) -> tuple[tuple[date, str, str, str], ...]:
    """(date, key, name_ar, name_fr) of the package's Moroccan holidays for a year."""
    en = holidays.country_holidays("MA", years=year, language="en_US")
    ar = holidays.country_holidays("MA", years=year, language="ar")
    fr = holidays.country_holidays("MA", years=year, language="fr")
    rows = []
    for day, name in sorted(en.items()):
        base = name.replace(" (estimated)", "").replace("* (*estimated)", "").strip()
        key = PACKAGE_KEYS.get(base, base.lower().replace(" ", "_").replace("'", ""))
        rows.append((day, key, ar.get(day, name), fr.get(day, name)))
    return tuple(rows)


class WorkingCalendar:
    """Answers "is this a working day?" and counts working days.

    Args:
        overrides: the official table's rows; they replace the package's dates
            for the same (year, key), add closures, or mark a date working.
    """

    def __init__(self, overrides: list[HolidayOverride] | tuple = ()):
        self._overrides = tuple(overrides)
        self._years: dict[int, dict[date, NonWorkingDay]] = {}

    def _year(self, year: int) -> dict[date, NonWorkingDay]:
        if year not in self._years:
            self._years[year] = self._build_year(year)
        return self._years[year]

    def _build_year(self, year: int) -> dict[date, NonWorkingDay]:
        rows = [o for o in self._overrides if o.day.year == year]
        replaced = {o.key for o in rows if o.kind == "holiday"}
        days: dict[date, NonWorkingDay] = {}
        for day, key, ar, fr in _package_year(year):
            if key not in replaced:
                status = "estimated" if key in PACKAGE_KEYS.values() else "confirmed"
                days[day] = NonWorkingDay(day, ar, fr, status, "package")
        for o in sorted(rows, key=lambda r: r.kind == WORKING_KIND):
            if o.kind == WORKING_KIND:
                days.pop(o.day, None)
            else:
                days[o.day] = NonWorkingDay(o.day, o.name_ar, o.name_fr, o.status, "table")
        return days

    def non_working_days(self, year: int) -> list[NonWorkingDay]:
        """Holidays and closures of ``year`` (weekdays and weekends alike), by date."""
        return [self._year(year)[d] for d in sorted(self._year(year))]

    def holiday(self, day: date) -> NonWorkingDay | None:
        """The holiday or closure on ``day``, if any."""
        return self._year(day.year).get(day)

    def is_working_day(self, day: date) -> bool:
        """True for Monday–Friday that is no holiday or closure (decree 2.05.916)."""
        return day.weekday() < 5 and day not in self._year(day.year)

    def add_working_days(self, start: date, n: int) -> date:
        """Date of working day ``n``, ``start`` being day 0 (LAW.md §4.2).

        Day 1 is the first working day after ``start``, even when ``start`` itself
        is a weekend or holiday.

        Raises:
            ValueError: ``n`` is negative.
        """
        if n < 0:
            raise ValueError("n must be >= 0")
        day = start
        while n:
            day += timedelta(days=1)
            if self.is_working_day(day):
                n -= 1
        return day

    def next_working_day(self, day: date) -> date:
        """``day`` itself when it is a working day, else the next working day."""
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (start, end]; negative when ``end`` is before ``start``."""
        if end < start:
            return -self.working_days_between(end, start)
        count, day = 0, start
        while day < end:
            day += timedelta(days=1)
            count += self.is_working_day(day)
        return count
