"""Expiries acted on too early, found when the holiday table changes (issue 8 §3).

When a holiday or closure is added after a deadline already expired, the expiry may
have been acted on before the deadline as now counted (a deemed refusal fired on
what turns out to have been the last day, art. 19). Nothing is rewritten: the
expired clock and what followed stay recorded. The case gets a ``correction``
event saying what the last day would have been, and every active supervisor with
an e-mail address is alerted through the outbox. Idempotent: a job run again (or a
later change that gives the same date) adds neither event nor e-mail.
"""
from __future__ import annotations

from datetime import date

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models.case import Case
from app.models.case_event import CaseEvent
from app.models.clock import Clock, ClockStatus
from app.models.notification import Notification
from app.models.user import User
from app.services.calendar import utc_now
from app.services.notice_recipients import Recipients
from app.services.notifications import add_once, render_email
from app.services.timeline import record_event
from workflows.calendar import local_date
from workflows.statute import period

REASON = "holiday table changed: the expiry was acted on before the corrected last day"


def record_early_expiries(days: list[date], recount, actor: tuple) -> int:
    """Record a correction on each case whose expired clock spanning ``days`` was acted on too early.

    Args:
        days: the changed days of a recompute job, sorted (Casablanca local dates).
        recount: ``app.services.recompute.Recount`` over the new calendar.
        actor: ``(user id or None, label)`` of whoever changed the table.

    Returns the number of corrections recorded (the caller commits).
    """
    found, supervisors = 0, None
    for clock in _expired_spanning(days):
        acted_on = local_date(clock.stopped_at)
        new = recount(clock.period, clock.started_on, clock.extended_by)
        if new.last_day < acted_on or _already_recorded(clock, new.last_day):
            continue
        supervisors = Recipients().supervisors if supervisors is None else supervisors
        _record(clock, acted_on, new, actor, supervisors)
        found += 1
    return found


def _expired_spanning(days: list[date]) -> list[Clock]:
    if not days:
        return []
    rows = db.session.execute(
        select(Clock).where(Clock.status == ClockStatus.EXPIRED.value, Clock.stopped_at.is_not(None),
                            Clock.last_day >= days[0], Clock.started_on < days[-1])
        .options(selectinload(Clock.case).selectinload(Case.events)).order_by(Clock.id)).scalars()
    return [c for c in rows if any(c.started_on < d <= c.last_day for d in days)]


def _already_recorded(clock: Clock, last_day: date) -> bool:
    return any(e.kind == "correction" and e.data.get("clock_id") == clock.id
               and e.data.get("correct_last_day") == last_day.isoformat() for e in clock.case.events)


def _record(clock: Clock, acted_on: date, new, actor: tuple, supervisors: list) -> None:
    data = {"clock_id": clock.id, "period": clock.period, "article": period(clock.period).article,
            "recorded_last_day": clock.last_day.isoformat(), "acted_on": acted_on.isoformat(),
            "correct_due": new.due.isoformat(), "correct_last_day": new.last_day.isoformat()}
    user_id, label = actor
    event: CaseEvent = record_event(clock.case, "correction", db.session.get(User, user_id) if user_id else None,
                                    reason=REASON, data=data, at=utc_now())
    event.actor_label = label
    language = current_app.config.get("BABEL_DEFAULT_LOCALE", "ar")
    for user in supervisors:
        subject, body = render_email("correction", language, case=clock.case, user=user, data=data,
                                     rule=period(clock.period), name=User.name_in(user, language))
        add_once(Notification(case_id=clock.case_id, recipient=user.email, subject=subject, body=body,
                              dedup_key=f"correction:{clock.id}:{data['correct_last_day']}:{user.id}"))
