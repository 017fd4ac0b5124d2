"""How each clock's dates were counted: the stored ``provisional`` flag and the days it skipped.

A clock's dates depend on the working status of the days it spans (LAW.md §3–4).
``clock_deadline`` explains them over the calendar in force (``workflows.deadlines.explained``):
whether a holiday on which the count depends is still *estimated* (the date is then
provisional) and which non-working weekdays the count passed over, by name.

The flag is stored on the clock and set whenever its dates are written through the
session — a clock started, extended, restarted or rebased, whatever service does it —
by a ``before_flush`` hook (``init_app``); the holiday recompute, which writes in bulk,
sets it itself (``app.services.recompute``).
"""
from __future__ import annotations

from sqlalchemy import event
from sqlalchemy.orm import Session, attributes

from app.models.clock import Clock
from app.services.calendar import working_calendar
from workflows.calendar import NonWorkingDay, WorkingCalendar
from workflows.deadlines import Deadline, explained
from workflows.statute import PERIODS

_COUNTED = ("period", "started_on", "due_on", "last_day", "extended_by")


def clock_deadline(clock, calendar: WorkingCalendar) -> Deadline:
    """The clock's stored dates with ``provisional`` and ``skipped`` over ``calendar``.

    Args:
        clock: a ``Clock`` (or any object with ``period``, ``started_on``, ``due_on``,
            ``last_day``: Casablanca local dates).

    Raises:
        KeyError: the clock's period is not in ``workflows.statute.PERIODS``.
    """
    return explained(PERIODS[clock.period], clock.started_on, clock.due_on, clock.last_day, calendar)


def skipped_days(clock, calendar: WorkingCalendar) -> tuple[NonWorkingDay, ...]:
    """The non-working weekdays the clock's count passed over; none for a clock not (yet) dated."""
    if clock.period not in PERIODS or None in (clock.started_on, clock.due_on, clock.last_day):
        return ()
    return clock_deadline(clock, calendar).skipped


def skipped_json(clock, calendar: WorkingCalendar, language: str) -> list[dict]:
    """``[{"date": "YYYY-MM-DD", "name": <in language>, "label": {"ar", "fr"}}]`` of ``skipped_days``."""
    return [{"date": d.day.isoformat(), "name": d.name_fr if language == "fr" else d.name_ar,
             "label": {"ar": d.name_ar, "fr": d.name_fr}} for d in skipped_days(clock, calendar)]


def _counted_changed(clock: Clock) -> bool:
    state = attributes.instance_state(clock)
    return any(state.attrs[name].history.has_changes() for name in _COUNTED)


def _refresh_provisional(session, flush_context, instances) -> None:
    clocks = [o for o in session.new if isinstance(o, Clock)]
    clocks += [o for o in session.dirty if isinstance(o, Clock) and _counted_changed(o)]
    clocks = [c for c in clocks if c.period in PERIODS and None not in (c.started_on, c.due_on, c.last_day)]
    if not clocks:
        return
    calendar = working_calendar()
    for clock in clocks:
        clock.provisional = clock_deadline(clock, calendar).provisional


def init_app(app) -> None:
    """Keep every clock's ``provisional`` flag in step with its dates (once per process)."""
    if not event.contains(Session, "before_flush", _refresh_provisional):
        event.listen(Session, "before_flush", _refresh_provisional)
