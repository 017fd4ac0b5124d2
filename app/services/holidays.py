"""The official holiday table: seeding, and changes that recompute open cases' deadlines.

The table overrides the `holidays` package (LAW.md §3): for a year and a holiday
key, the table's dates replace the package's estimates; ``closure`` rows add
exceptional closures (decree 2.05.916 art. 3); ``working`` rows declare a
baseline date a working day. A change commits with a recompute job naming the
days whose working status changed; the scheduler process then recounts the
running clocks of open cases that span those days, with an audit event per moved
clock (``app.services.recompute``); closed cases keep their dates. The
administrator's request does no more than record the change.
"""
from __future__ import annotations

from datetime import date

from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.models.holiday import Holiday
from app.models.recompute_job import RecomputeJob
from app.services.calendar import forget_calendar, load_calendar
from app.services.recompute import changed_days, request_recompute
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
                status: str = "estimated", actor=None) -> RecomputeJob | None:
    """Add a date to the table; returns the recompute job it queued (None when no working day changed).

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
    before = load_calendar()
    key = (key or "").strip()
    default_ar, default_fr = OFFICIAL_NAMES.get(key, ("", ""))
    row = Holiday(day=day, key=key, name_ar=(name_ar or "").strip() or default_ar,
                  name_fr=(name_fr or "").strip() or default_fr, kind=kind, status=status)
    _check(row)
    db.session.add(row)
    return _commit(actor, before, (day.year,), f"added {day.isoformat()}",
                   {"day": "this date is already in the table: move or remove it"})


def move_holiday(holiday_id: int, new_day: date, actor=None) -> RecomputeJob | None:
    """Move a table row to ``new_day``; returns the recompute job it queued, if any.

    Raises:
        HolidayError: no such row, or ``new_day`` is already in the table.
    """
    before = load_calendar()
    row = _get(holiday_id)
    old_day, row.day = row.day, new_day
    return _commit(actor, before, (old_day.year, new_day.year),
                   f"moved {old_day.isoformat()} to {new_day.isoformat()}",
                   {"day": "this date is already in the table: move or remove it"})


def confirm_holiday(holiday_id: int, actor=None) -> RecomputeJob | None:
    """Mark a table row ``confirmed`` (the official date was published); no working day changes.

    Raises:
        HolidayError: no such row.
    """
    before = load_calendar()
    row = _get(holiday_id)
    row.status = "confirmed"
    return _commit(actor, before, (row.day.year,), f"confirmed {row.day.isoformat()}")


def remove_holiday(holiday_id: int, actor=None) -> RecomputeJob | None:
    """Delete a table row (the package baseline applies again); returns the recompute job, if any.

    Raises:
        HolidayError: no such row.
    """
    before = load_calendar()
    row = _get(holiday_id)
    day = row.day
    db.session.delete(row)
    return _commit(actor, before, (day.year,), f"removed {day.isoformat()}")


def set_holiday(day: date, name: str, status: str | None = None, actor=None) -> RecomputeJob | None:
    """Make ``day`` a holiday called ``name`` in the table (``flask calendar set``); returns the job queued.

    A date already in the table keeps its row: ``status`` (when given) replaces its
    status, and ``name`` renames it unless it is the row's key or one of its names. A
    new date is added like the admin page does (``add_holiday``): ``name`` is a known key
    (``eid_al_adha``, ``closure``…: the official names, a closure for ``closure``) or the
    name, in both languages, of a new holiday; its status defaults to ``estimated``.

    Raises:
        HolidayError: an empty name or an unknown status.
    """
    name = (name or "").strip()
    if not name or (status is not None and status not in STATUSES):
        raise HolidayError({"name": "a name is required"} if not name else
                           {"status": "must be one of: " + ", ".join(STATUSES)})
    row = table_row(day)
    if row is None:
        key = name if name in KNOWN_KEYS else name.lower().replace(" ", "_")[:40]
        names = {} if name in KNOWN_KEYS else {"name_ar": name, "name_fr": name}
        return add_holiday(day, key, kind="closure" if key == "closure" else "holiday",
                           status=status or "estimated", actor=actor, **names)
    before = load_calendar()
    if status is not None:
        row.status = status
    if name in KNOWN_KEYS and name != row.key:
        row.key, (row.name_ar, row.name_fr) = name, OFFICIAL_NAMES[name]
    elif name not in (row.key, row.name_ar, row.name_fr):
        row.name_ar = row.name_fr = name[:120]
    return _commit(actor, before, (day.year,), f"set {day.isoformat()} ({row.status})")


def remove_day(day: date, actor=None) -> RecomputeJob | None:
    """Make ``day`` a working day again (``flask calendar remove``); returns the job queued.

    A table row is deleted (``remove_holiday``); a holiday of the package's baseline
    only is overridden by a confirmed ``working`` row.

    Raises:
        HolidayError: ``day`` is neither in the table nor a holiday of the baseline.
    """
    row = table_row(day)
    if row is not None:
        return remove_holiday(row.id, actor=actor)
    if load_calendar().holiday(day) is None:
        raise HolidayError({"day": "not a holiday: nothing to remove"})
    return add_holiday(day, "working_day", name_ar="يوم عمل", name_fr="jour ouvré", kind="working",
                       status="confirmed", actor=actor)


def refresh_provisional(today: date, actor=None) -> RecomputeJob | None:
    """Queue a recount of the running clocks spanning an estimated holiday of last, this or next year.

    Sets the ``provisional`` flag of clocks counted before it existed (run once after the
    upgrade that added it: ``flask calendar refresh-provisional``); the scheduler recounts.
    """
    calendar = load_calendar()
    days = [d.day for year in (today.year - 1, today.year, today.year + 1)
            for d in calendar.non_working_days(year) if d.status == "estimated"]
    job = request_recompute(days, "estimated holidays: provisional dates refreshed", actor)
    db.session.commit()
    return job


def table_row(day: date) -> Holiday | None:
    """The table's row dated ``day``, if any."""
    return db.session.execute(db.select(Holiday).where(Holiday.day == day)).scalar_one_or_none()


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


def _commit(actor, before, years, reason: str, duplicate_errors: dict | None = None) -> RecomputeJob | None:
    """Commit the table change with a recompute job for the days whose working status changed."""
    try:
        db.session.flush()
        days = changed_days(before, load_calendar(), years)
        job = request_recompute(days, reason, actor)
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise HolidayError(duplicate_errors or {"day": "conflicting date"}) from None
    except Exception:
        db.session.rollback()
        raise
    forget_calendar()
    return job
