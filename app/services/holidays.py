"""The official holiday table: seeding, and changes that recompute open cases' deadlines.

The table overrides the `holidays` package (LAW.md §3): for a year and a holiday
key, the table's dates replace the package's estimates; ``closure`` rows add
exceptional closures (decree 2.05.916 art. 3); ``working`` rows declare a
baseline date a working day. Every change recounts the running clocks of open
cases over the new calendar, with an audit event per case whose dates moved
(``app.services.clocks.recompute``); closed cases keep their dates.
"""
from __future__ import annotations

from datetime import date

from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.models.case import Case
from app.models.clock import Clock, ClockStatus
from app.models.holiday import Holiday
from app.services.calendar import forget_calendar, load_calendar
from app.services.clocks import recompute
from workflows.official_holidays import AR as OFFICIAL_NAMES
from workflows.official_holidays import OFFICIAL_HOLIDAYS

KINDS = ("holiday", "closure", "working")
STATUSES = ("estimated", "confirmed")
KNOWN_KEYS = tuple(OFFICIAL_NAMES)


class HolidayError(ValueError):
    """A holiday change that cannot be made: ``errors`` maps fields to messages."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


def seed_official_holidays() -> int:
    """Insert the observed official dates (LAW.md §3) not yet in the table; returns how many."""
    known = set(db.session.execute(db.select(Holiday.day)).scalars())
    added = 0
    for row in OFFICIAL_HOLIDAYS:
        if row.day not in known:
            db.session.add(Holiday(day=row.day, key=row.key, name_ar=row.name_ar, name_fr=row.name_fr,
                                   kind=row.kind, status=row.status))
            added += 1
    db.session.commit()
    return added


def table_rows(year: int) -> list[Holiday]:
    """The table's rows dated in ``year``, by date."""
    stmt = db.select(Holiday).where(Holiday.day >= date(year, 1, 1), Holiday.day <= date(year, 12, 31))
    return list(db.session.execute(stmt.order_by(Holiday.day)).scalars())


def add_holiday(day: date, key: str, *, name_ar: str = "", name_fr: str = "", kind: str = "holiday",
                status: str = "estimated", actor=None) -> int:
    """Add a date to the table and recompute open cases; returns how many cases' dates moved.

    Args:
        day: the local date (Africa/Casablanca).
        key: the holiday's key (``eid_al_fitr``, ``closure``…): a ``holiday`` row
            replaces the package's dates of that key in that year.
        name_ar, name_fr: names; default to the official names of ``key``.
        kind: ``holiday``, ``closure`` or ``working``.
        status: ``estimated`` or ``confirmed``.
        actor: the administrator (for the audit events).

    Raises:
        HolidayError: invalid kind, status, key or names, or the date is already in the table.
    """
    key = (key or "").strip()
    default_ar, default_fr = OFFICIAL_NAMES.get(key, ("", ""))
    row = Holiday(day=day, key=key, name_ar=(name_ar or "").strip() or default_ar,
                  name_fr=(name_fr or "").strip() or default_fr, kind=kind, status=status)
    _check(row)
    db.session.add(row)
    return _commit(actor, {"day": "this date is already in the table: move or remove it"})


def move_holiday(holiday_id: int, new_day: date, actor=None) -> int:
    """Move a table row to ``new_day`` and recompute open cases; returns cases moved.

    Raises:
        HolidayError: no such row, or ``new_day`` is already in the table.
    """
    row = _get(holiday_id)
    row.day = new_day
    return _commit(actor, {"day": "this date is already in the table: move or remove it"})


def confirm_holiday(holiday_id: int, actor=None) -> int:
    """Mark a table row ``confirmed`` (the official date was published); returns cases moved.

    Raises:
        HolidayError: no such row.
    """
    _get(holiday_id).status = "confirmed"
    return _commit(actor)


def remove_holiday(holiday_id: int, actor=None) -> int:
    """Delete a table row (the package baseline applies again) and recompute; returns cases moved.

    Raises:
        HolidayError: no such row.
    """
    db.session.delete(_get(holiday_id))
    return _commit(actor)


def recompute_open_cases(actor=None) -> int:
    """Recount every running clock over the table as it now stands (not committed).

    Returns the number of cases whose dates moved. Closed cases have no running
    clock and are left alone.
    """
    forget_calendar()
    db.session.flush()
    calendar = load_calendar()
    running = db.select(Clock.case_id).where(Clock.status == ClockStatus.RUNNING.value)
    cases = db.session.execute(db.select(Case).where(Case.id.in_(running), Case.state != "closed")).scalars()
    return sum(1 for case in cases if recompute(case, calendar, actor))


def _get(holiday_id: int) -> Holiday:
    row = db.session.get(Holiday, holiday_id)
    if row is None:
        raise HolidayError({"id": "no such date in the table"})
    return row


def _check(row: Holiday) -> None:
    errors = {}
    if row.kind not in KINDS:
        errors["kind"] = "must be one of: " + ", ".join(KINDS)
    if row.status not in STATUSES:
        errors["status"] = "must be one of: " + ", ".join(STATUSES)
    if not row.key or len(row.key) > 40:
        errors["key"] = "a short key, e.g. eid_al_adha"
    if not row.name_ar or not row.name_fr:
        errors["name_ar" if not row.name_ar else "name_fr"] = "a name is required for a new kind of holiday"
    if errors:
        raise HolidayError(errors)


def _commit(actor, duplicate_errors: dict | None = None) -> int:
    try:
        moved = recompute_open_cases(actor)
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise HolidayError(duplicate_errors or {"day": "conflicting date"}) from None
    except Exception:
        db.session.rollback()
        raise
    forget_calendar()
    return moved
