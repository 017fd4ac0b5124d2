"""The working calendar in force: the `holidays` package overridden by the holiday table."""
from datetime import date, datetime, timezone

from flask import g, has_app_context

from app.extensions import db
from app.models.holiday import Holiday
from workflows.calendar import HolidayOverride, WorkingCalendar, local_date


def load_calendar() -> WorkingCalendar:
    """A WorkingCalendar built from the current holiday table (one query)."""
    rows = db.session.execute(db.select(Holiday)).scalars()
    return WorkingCalendar([HolidayOverride(r.day, r.key, r.name_ar, r.name_fr, r.kind, r.status)
                            for r in rows])


def working_calendar() -> WorkingCalendar:
    """The calendar for this request or command (built once per app context)."""
    if has_app_context():
        if "working_calendar" not in g:
            g.working_calendar = load_calendar()
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
