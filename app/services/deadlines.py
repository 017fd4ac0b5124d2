"""The deadline sweep: deemed refusals (art. 19), reminders, overdue notices, e-mail delivery.

Everything is computed from dates (the running clocks' last days and today's
Casablanca date), never from "since the last run": a missed pass is caught up by
the next one, and a second pass on the same day changes nothing. Two sweeps may
run at once: a deemed refusal is an ordinary transition guarded by the case's
optimistic lock (the loser gets ``Conflict`` and moves on; its overdue notices,
queued in the same unit of work, go with it), and each notice has a unique dedup
key: the reminders of a pass are inserted together, and if another sweep raced
us, one by one in SAVEPOINTs where a duplicate key is simply dropped.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask import current_app
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import contains_eager

from app.extensions import db
from app.models.case import Case, CaseKind
from app.models.clock import Clock, ClockStatus
from app.models.notification import Notification
from app.models.user import Role, User
from app.services import cases, notifications
from app.services.calendar import today_local, utc_now, working_calendar
from workflows.calendar import WorkingCalendar
from workflows.deadlines import is_overdue, reminder_due, working_days_left
from workflows.information_request import ANSWER_CLOCKS, State
from workflows.machine import TransitionRefused
from workflows.statute import PERIODS, Party

log = logging.getLogger(__name__)

# Clocks on which the body must act (the ones worth a reminder to staff).
BODY_PERIODS = tuple(sorted(name for name, rule in PERIODS.items() if rule.party is Party.BODY))
# States in which silence past the answer deadline is a deemed refusal (art. 19).
DEEMABLE_STATES = (State.RECEIVED.value, State.ASSIGNED.value)
KEY_CHUNK = 500


@dataclass
class SweepReport:
    """What one pass did, for the log and ``flask deadlines sweep``."""

    today: date
    deemed_refusals: int = 0
    reminders: int = 0
    overdue_notices: int = 0
    emails_sent: int = 0
    skipped: int = 0   # lost the race to another sweep, or refused by the workflow
    errors: int = 0

    def __str__(self) -> str:
        line = (f"deadline sweep {self.today.isoformat()}: {self.deemed_refusals} deemed refusal(s) fired, "
                f"{self.reminders} reminder(s) and {self.overdue_notices} overdue notice(s) queued, "
                f"{self.emails_sent} e-mail(s) sent")
        if self.skipped or self.errors:
            line += f" ({self.skipped} skipped, {self.errors} error(s))"
        return line


def sweep(now: datetime | None = None, *, deliver: bool = True) -> SweepReport:
    """Run one pass of the deadline sweep and commit it.

    1. Deemed refusals (art. 19): an information request still received or assigned
       whose answer clock's last day is before today (Casablanca) is deemed refused;
       the designated officer and the supervisors get an overdue notice with it.
    2. Reminders: a running clock on which the body must act, due within
       ``REMINDER_LEAD_WORKING_DAYS`` working days (default 3), gets one reminder per
       recipient; once overdue, one overdue notice.
    3. Pending e-mails are delivered (unless ``deliver`` is False).

    Args:
        now: the current instant, naive UTC (default: the clock). Today is its
            Africa/Casablanca date; a case is never overdue on its due day (LAW.md §4.3).
        deliver: send the pending e-mails at the end of the pass.

    Only clocks whose last day is at most a few days ahead are read (an indexed
    range on ``clocks(status, last_day)``), never every case.
    """
    now = now or utc_now()
    report = SweepReport(today_local(now))
    calendar = working_calendar()
    recipients = Recipients()
    with notifications.delivery_deferred():
        _fire_deemed_refusals(report, now, calendar, recipients)
        _queue_notices(report, calendar, recipients)
    if deliver:
        report.emails_sent = notifications.deliver_pending(limit=None, now=now)
    log.info("%s", report)
    return report


@dataclass(frozen=True)
class Addressee:
    """A staff member a notice goes to (plain values: they outlive the sweep's commits)."""

    id: int
    email: str
    full_name: str
    username: str

    @classmethod
    def of(cls, user: User) -> Addressee:
        return cls(user.id, user.email, user.full_name, user.username)


class Recipients:
    """Who hears about a clock: the assigned officer and every active supervisor with an
    e-mail address; for the head's decision (art. 19), the heads too."""

    def __init__(self):
        def active(role):
            return [Addressee.of(u) for u in db.session.execute(
                select(User).where(User.role == role.value, User.active.is_(True), User.email.is_not(None),
                                   User.email != "").order_by(User.id)).scalars()]
        self.supervisors, self.heads = active(Role.SUPERVISOR), active(Role.HEAD)

    def of(self, case: Case, clock: Clock) -> list[Addressee]:
        people = list(self.supervisors) + (list(self.heads) if clock.period == "head_decision" else [])
        officer = case.assignee
        if officer is not None and officer.active and officer.email:
            people.append(Addressee.of(officer))
        unique = {person.id: person for person in people}
        return [unique[i] for i in sorted(unique)]


def _fire_deemed_refusals(report: SweepReport, now: datetime, calendar: WorkingCalendar,
                          recipients: Recipients) -> None:
    rows = db.session.execute(
        select(Clock.case_id, Clock.id).join(Clock.case)
        .where(Clock.status == ClockStatus.RUNNING.value, Clock.last_day < report.today,
               Clock.period.in_(ANSWER_CLOCKS), Case.kind == CaseKind.INFORMATION_REQUEST.value,
               Case.state.in_(DEEMABLE_STATES))
        .order_by(Clock.case_id, Clock.id)).all()
    db.session.commit()
    for case_id, clock_id in rows:
        case, clock = db.session.get(Case, case_id), db.session.get(Clock, clock_id)
        # The overdue notices commit with the transition, or not at all; a duplicate
        # key means another sweep already fired it.
        queued = _notices_for("overdue", case, clock, report.today, calendar, recipients)
        db.session.add_all(queued)
        try:
            cases.fire(case, "deem_refusal", actor=None, now=now)
        except (cases.Conflict, TransitionRefused, IntegrityError) as exc:
            db.session.rollback()
            report.skipped += 1
            log.info("deemed refusal of case %s skipped: %s", case_id, exc)
            continue
        except Exception:
            db.session.rollback()
            report.errors += 1
            log.exception("deemed refusal of case %s failed", case_id)
            continue
        report.deemed_refusals += 1
        report.overdue_notices += len(queued)


def _queue_notices(report: SweepReport, calendar: WorkingCalendar, recipients: Recipients) -> None:
    lead = int(current_app.config.get("REMINDER_LEAD_WORKING_DAYS", 3))
    # The last day that can still be within ``lead`` working days of today.
    horizon = calendar.add_working_days(report.today, lead + 1) - timedelta(days=1)
    clocks = db.session.execute(
        select(Clock).join(Clock.case).options(contains_eager(Clock.case))
        .where(Clock.status == ClockStatus.RUNNING.value, Clock.last_day <= horizon,
               Clock.period.in_(BODY_PERIODS))
        .order_by(Clock.id)).scalars().all()
    wanted = []
    for clock in clocks:
        kind = _notice_kind(clock.last_day, report.today, lead, calendar)
        if kind:
            wanted += [(kind, clock, user) for user in recipients.of(clock.case, clock)]
    queued = _existing_keys([notifications.deadline_key(k, c, u) for k, c, u in wanted])
    wanted = [(k, c, u) for k, c, u in wanted if notifications.deadline_key(k, c, u) not in queued]
    if wanted:
        _insert(report, wanted, calendar)


def _insert(report: SweepReport, wanted: list, calendar: WorkingCalendar) -> None:
    """Insert the notices in one go; if another sweep raced us, one by one in SAVEPOINTs."""
    try:
        db.session.add_all(_notice(kind, clock, user, report.today, calendar) for kind, clock, user in wanted)
        db.session.commit()
        added = wanted
    except IntegrityError:
        db.session.rollback()
        added = [(kind, clock, user) for kind, clock, user in wanted
                 if notifications.add_once(_notice(kind, clock, user, report.today, calendar))]
        db.session.commit()
    for kind, _clock, _user in added:
        setattr(report, _COUNTER[kind], getattr(report, _COUNTER[kind]) + 1)


_COUNTER = {"reminder": "reminders", "overdue": "overdue_notices"}


def _notice_kind(last_day: date, today: date, lead: int, calendar: WorkingCalendar) -> str | None:
    if is_overdue(last_day, today):
        return "overdue"
    if reminder_due(last_day, today, lead, calendar):
        return "reminder"
    return None


def _notice(kind: str, clock: Clock, user: Addressee, today: date, calendar: WorkingCalendar) -> Notification:
    days_left = working_days_left(today, clock.last_day, calendar)
    return notifications.deadline_notice(kind, clock.case, clock, user, today, days_left)


def _notices_for(kind: str, case: Case, clock: Clock, today: date, calendar: WorkingCalendar,
                 recipients: Recipients) -> list[Notification]:
    return [_notice(kind, clock, user, today, calendar) for user in recipients.of(case, clock)]


def _existing_keys(keys: list[str]) -> set[str]:
    """The dedup keys among ``keys`` already in the outbox (read in chunks)."""
    found: set[str] = set()
    for start in range(0, len(keys), KEY_CHUNK):
        chunk = keys[start:start + KEY_CHUNK]
        found.update(db.session.execute(
            select(Notification.dedup_key).where(Notification.dedup_key.in_(chunk))).scalars())
    return found
