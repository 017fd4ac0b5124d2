"""The working calendar in force: the `holidays` package overridden by the holiday table."""
import time
from datetime import date, datetime, timezone

from flask import current_app, g, has_app_context
from sqlalchemy import func, select

from app.extensions import db
from app.models.holiday import Holiday
from workflows.calendar import HolidayOverride, WorkingCalendar, local_date

# The last calendar built, per database: (stamp of the holiday table, calendar, when the
# stamp was last checked). A request checks the stamp (one small aggregate query) at most
# every CALENDAR_RECHECK_SECONDS instead of loading the table, and the calendar keeps
# its computed years across requests. A recompute job waits longer than that before it
# starts (``app.services.recompute``), so a deadline counted on a calendar a moment old
# is still recounted.
_BUILT: dict[str, tuple[tuple, WorkingCalendar, float]] = {}


def load_calendar(max_age: float = 0.0) -> WorkingCalendar:
    """The WorkingCalendar of the holiday table as it stands (rebuilt only when the table changed).

    Args:
        max_age: seconds for which a calendar checked that recently is used without
            checking again (0: check now).

    The table's stamp is its row count, highest id and latest ``updated_at``: every add,
    move, confirm or removal changes it.
    """
    key = str(db.engine.url)
    built = _BUILT.get(key)
    if built is not None and max_age and time.monotonic() - built[2] < max_age:
        return built[1]
    stamp = tuple(db.session.execute(
        select(func.count(Holiday.id), func.max(Holiday.id), func.max(Holiday.updated_at))).one())
    if built is None or built[0] != stamp:
        rows = db.session.execute(db.select(Holiday)).scalars()
        built = (stamp, WorkingCalendar([HolidayOverride(r.day, r.key, r.name_ar, r.name_fr, r.kind, r.status)
                                         for r in rows]), 0.0)
    _BUILT[key] = (stamp, built[1], time.monotonic())
    return built[1]


def working_calendar() -> WorkingCalendar:
    """The calendar for this request or command (built once per app context)."""
    if has_app_context():
        if "working_calendar" not in g:
            g.working_calendar = load_calendar(float(current_app.config.get("CALENDAR_RECHECK_SECONDS", 0)))
        return g.working_calendar
    return load_calendar()


def forget_calendar() -> None:
    """Drop the cached calendar after the holiday table changed."""
    if has_app_context():
        g.pop("working_calendar", None)


def utc_now() -> datetime:
    """Now, as a naive UTC datetime (how instants are stored)."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


def today_local(now: datetime | None = None) -> date:
    """The Africa/Casablanca date of ``now`` (naive = UTC; default: the current instant)."""
    return local_date(now or utc_now())
