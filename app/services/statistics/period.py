"""The period and filters of a statistics query, parsed strictly from people's and programs' input.

A period is a pair of Africa/Casablanca dates, both included: a case belongs to it
when its receipt date (day 0, LAW.md §4.1) falls between them. It is written as a
year (``2026``), a quarter (``2026-Q3``), a month (``2026-05``) or two dates.
"""
from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import dataclass
from datetime import date

from workflows.kinds import KINDS
from workflows.statute import Channel

FIRST_YEAR = 2019          # Law 31.13 in force on 12 March 2019 (art. 30)
LAST_YEAR = 2100          # the furthest year a period may reach (dates are parsed strictly up to here)
MAX_DAYS = 10 * 366        # at most ten years in one query
UNITS = ("information", "complaints")
# ASCII digits only: ``\d`` would take '²' or '٣' (see app.strict_values).
_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_YEAR, _QUARTER = re.compile(r"^([0-9]{4})$"), re.compile(r"^([0-9]{4})-Q([1-4])$")
_MONTH = re.compile(r"^([0-9]{4})-([0-9]{2})$")


class QueryError(ValueError):
    """Bad period or filter: ``errors`` maps the parameter to a message (HTTP 400)."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


@dataclass(frozen=True)
class Period:
    """Receipt dates from ``start`` to ``end``, both included (Casablanca local dates)."""

    start: date
    end: date

    @property
    def name(self) -> str:
        """``2026``, ``2026-Q3``, ``2026-05`` when the period is exactly one, else ``start/end``."""
        s, e = self.start, self.end
        if (s.month, s.day, e.month, e.day) == (1, 1, 12, 31) and s.year == e.year:
            return str(s.year)
        if s.day == 1 and e == date(s.year, s.month, monthrange(s.year, s.month)[1]):
            return f"{s.year}-{s.month:02d}"
        q = (s.month - 1) // 3
        if (s.day, s.month % 3) == (1, 1) and e == quarter(s.year, q + 1).end:
            return f"{s.year}-Q{q + 1}"
        return f"{s.isoformat()}/{e.isoformat()}"

    def months(self) -> list[str]:
        """``YYYY-MM`` of every month the period touches, in order."""
        out, year, month = [], self.start.year, self.start.month
        while (year, month) <= (self.end.year, self.end.month):
            out.append(f"{year}-{month:02d}")
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return out


def year(value: int) -> Period:
    return Period(date(value, 1, 1), date(value, 12, 31))


def quarter(value: int, number: int) -> Period:
    first = 3 * (number - 1) + 1
    return Period(date(value, first, 1), date(value, first + 2, monthrange(value, first + 2)[1]))


def month(value: int, number: int) -> Period:
    return Period(date(value, number, 1), date(value, number, monthrange(value, number)[1]))


def parse_date(value, field: str, errors: dict) -> date | None:
    """A ``YYYY-MM-DD`` date, strictly (no time, no other shape); records an error otherwise."""
    if not isinstance(value, str) or not _ISO_DATE.match(value):
        errors[field] = "a date written YYYY-MM-DD"
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        errors[field] = "not a date of the calendar"
        return None


def parse_named(value: str) -> Period:
    """``2026``, ``2026-Q3`` or ``2026-05`` as a Period.

    Raises:
        QueryError: any other shape, or a month that does not exist.
    """
    text = (value or "").strip().upper()
    if m := _YEAR.match(text):
        return _checked(year(int(m[1])))
    if m := _QUARTER.match(text):
        return _checked(quarter(int(m[1]), int(m[2])))
    if (m := _MONTH.match(text)) and 1 <= int(m[2]) <= 12:
        return _checked(month(int(m[1]), int(m[2])))
    raise QueryError({"period": "a year (2026), a quarter (2026-Q3) or a month (2026-05)"})


def parse_range(start: str | None, end: str | None) -> Period:
    """Two ``YYYY-MM-DD`` dates, both included.

    Raises:
        QueryError: a missing or malformed date, ``from`` after ``to``, before 2019 or over ten years.
    """
    errors: dict[str, str] = {}
    first = parse_date(start, "from", errors)
    last = parse_date(end, "to", errors)
    if errors:
        raise QueryError(errors)
    return _checked(Period(first, last))


def _checked(period: Period) -> Period:
    if period.start > period.end:
        raise QueryError({"to": "must not be before 'from'"})
    if period.start.year < FIRST_YEAR:
        raise QueryError({"from": f"the statistics start in {FIRST_YEAR} (Law 31.13 in force)"})
    if period.end.year > LAST_YEAR:
        raise QueryError({"to": f"at most the year {LAST_YEAR}"})
    if (period.end - period.start).days > MAX_DAYS:
        raise QueryError({"to": "at most ten years in one query"})
    return period


@dataclass(frozen=True)
class Filters:
    """Which cases count: a kind, a channel, a unit, the officer they are assigned to (None: all)."""

    kind: str | None = None
    channel: str | None = None
    unit: str | None = None
    officer_id: int | None = None

    def covers(self, kind: str) -> bool:
        """False when the filters exclude every case of ``kind``."""
        return self.kind in (None, kind)


def parse_filters(kind=None, channel=None, unit=None, officer_id=None) -> Filters:
    """Check each filter against its list; empty values mean "all".

    Raises:
        QueryError: an unknown kind, channel or unit.
    """
    errors: dict[str, str] = {}
    for name, value, allowed in (("kind", kind, KINDS), ("channel", channel, [c.value for c in Channel]),
                                 ("unit", unit, UNITS)):
        if value and value not in allowed:
            errors[name] = "must be one of: " + ", ".join(allowed)
    if errors:
        raise QueryError(errors)
    return Filters(kind or None, channel or None, unit or None, officer_id)
