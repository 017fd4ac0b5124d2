"""The deadline sweep: deemed refusals (art. 19), reminders and overdue notices, queued.

Everything is computed from dates (the running clocks' last days and today's
Casablanca date), never from "since the last run": a missed pass is caught up by
the next one, and a second pass on the same day changes nothing. Two sweeps may
run at once: a deemed refusal is an ordinary transition guarded by the case's
optimistic lock (the loser gets ``Conflict`` and moves on; its overdue notices,
queued in the same unit of work, go with it), and each notice has a unique dedup
key: the reminders of a pass are inserted together, and if another sweep raced
us, one by one in SAVEPOINTs where a duplicate key is simply dropped.

A pass reads only what is due: the ids of the running clocks whose last day is
at most a few working days ahead, through the partial index on running clocks
(``due_clocks``), then only those clocks' cases. With nothing due it is one
index range scan that returns nothing. The e-mails are queued, not sent: the
scheduler's delivery job sends them (``app.services.outbox``).
"""
from __future__ import annotations

import logging
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask import current_app
from sqlalchemy import select, tuple_
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import contains_eager, selectinload

from app.extensions import db
from app.models.case import Case, CaseKind
from workflows.statute import BODY_PERIODS
from app.models.clock import Clock, running_clock
from app.models.notification import Notification
from app.services import cases, notifications, outbox, remedy_sweep
from app.services.calendar import today_local, utc_now, working_calendar
from app.services.derived_commits import asynchronous_commits
from app.services.notice_hours import hold_until, notice_window
from app.services.notice_recipients import Addressee, Recipients
from workflows.calendar import WorkingCalendar
from workflows.deadlines import days_left, is_overdue, reminder_due
from workflows.information_request import ANSWER_CLOCKS, State
from workflows.machine import TransitionRefused
from workflows.statute import PERIODS

log = logging.getLogger(__name__)

# States in which silence past the answer deadline is a deemed refusal (art. 19).
DEEMABLE_STATES = (State.RECEIVED.value, State.ASSIGNED.value)
KEY_CHUNK = 500
BATCH = 500     # due clocks read per index range scan, and cases loaded per query
DEEM_CHUNK = 100  # cases loaded together (with clocks and timeline) for their deemed refusals


@dataclass
class SweepReport:
    """What one pass did, for the log and ``flask deadlines sweep``."""

    today: date
    deemed_refusals: int = 0
    reminders: int = 0
    overdue_notices: int = 0
    remedies: int = 0  # head/CDAI silences and lapsed windows recorded (app.services.remedy_sweep)
    emails_sent: int = 0
    skipped: int = 0   # lost the race to another sweep, or refused by the workflow
    errors: int = 0
    notices_now: bool = True   # False outside the 09:00 notice hour: reminders wait for it

    def __str__(self) -> str:
        line = (f"deadline sweep {self.today.isoformat()}: {self.deemed_refusals} deemed refusal(s) fired, "
                f"{self.reminders} reminder(s) and {self.overdue_notices} overdue notice(s) queued, "
                f"{self.remedies} remedy stage(s) recorded, "
                f"{self.emails_sent} e-mail(s) sent")
        if self.skipped or self.errors:
            line += f" ({self.skipped} skipped, {self.errors} error(s))"
        return line + ("" if self.notices_now else "; reminders wait for the 09:00 pass of a working day")


def sweep(now: datetime | None = None, *, deliver: bool = False) -> SweepReport:
    """Run one pass of the deadline sweep and commit it.

    1. Deemed refusals (art. 19): an information request still received or assigned
       whose answer clock's last day is before today (Casablanca) is deemed refused,
       each in its own unit of work; the designated officer and the supervisors get
       an overdue notice with it.
    2. Reminders: a running clock on which the body must act, due within
       ``REMINDER_LEAD_WORKING_DAYS`` working days (default 3), gets one reminder per
       recipient; once overdue, one overdue notice. Inserted together, one commit.
    3. With ``deliver`` (the command line), the outbox is then delivered; the
       scheduler process leaves that to its delivery job.
    4. The chain after the head (``remedy_sweep``): silences and lapsed windows, on
       every pass; a silence of the head brings its overdue notice with it.
    Outside the 09:00 notice hour of a working day (``notice_hours``), step 2 waits for it and the
    e-mails of steps 1 and 4 (staff notices and the applicant's) are held in the outbox until then.
    On PostgreSQL steps 1, 2 and 4 commit without waiting for the disk (``derived_commits``).

    Args:
        now: the current instant, naive UTC (default: the clock). Today is its
            Africa/Casablanca date; a case is never overdue on its due day (LAW.md §4.3).
        deliver: send the due e-mails at the end of the pass.
    """
    now = now or utc_now()
    with asynchronous_commits():
        report = _sweep(now)
    if deliver:   # outside: an e-mail marked sent is a fact about the world, committed to disk
        report.emails_sent = outbox.deliver_pending(now=now)
    log.info("%s", report)
    return report


def _sweep(now: datetime) -> SweepReport:
    """The passes of ``sweep`` (steps 1, 2 and 4), committed unit by unit."""
    report = SweepReport(today_local(now))
    calendar = working_calendar()
    lead = int(current_app.config.get("REMINDER_LEAD_WORKING_DAYS", 3))
    # The last day that can still be within ``lead`` working days of today.
    horizon = calendar.add_working_days(report.today, lead + 1) - timedelta(days=1)
    due = due_clocks(horizon)
    db.session.commit()
    report.notices_now, hold = notice_window(now, calendar, current_app.config.get("SWEEP_INTERVAL_MINUTES", 15))
    if due:
        recipients, held = Recipients(), None if report.notices_now else hold
        _fire_deemed_refusals(report, now, calendar, recipients, due, held)
        if report.notices_now:
            _queue_notices(report, calendar, recipients, lead, due)
        # State changes do not wait for the notice hour (issue 8 §3): the chain's silences and
        # lapses fire on every pass; the notices they call for are held until the hour.
        remedy_sweep.fire_remedy_expiries(report, now, due, hold=held,
                                          overdue=lambda case, clock: _overdue_once(
                                              report.today, calendar, recipients, case, clock, held))
    return report


@dataclass(frozen=True)
class DueClock:
    """A running clock whose last day is near or past (plain values read from the index)."""

    id: int
    case_id: int
    period: str
    last_day: date


def due_clocks(horizon: date, batch: int = BATCH) -> list[DueClock]:
    """The running clocks whose last day is on or before ``horizon`` (a Casablanca date), by last day.

    Read through the partial index on running clocks in keyset batches of ``batch``:
    ordered by the index and limited, the range scan is the plan both engines choose
    whatever their estimates, and it stops at the horizon. No case is loaded here.
    """
    found: list[DueClock] = []
    after = None
    while True:
        rows = db.session.execute(due_statement(horizon, after, batch)).all()
        found += [DueClock(*row) for row in rows]
        if len(rows) < batch:
            return found
        after = (rows[-1].last_day, rows[-1].id)


def due_statement(horizon: date, after: tuple[date, int] | None = None, batch: int = BATCH):
    """One batch of ``due_clocks``: running clocks with last day ≤ ``horizon``, after the keyset ``after``."""
    stmt = select(Clock.id, Clock.case_id, Clock.period, Clock.last_day).where(
        running_clock(), Clock.last_day <= horizon)
    if after is not None:
        stmt = stmt.where(tuple_(Clock.last_day, Clock.id) > tuple_(*after))
    return stmt.order_by(Clock.last_day, Clock.id).limit(batch)


def _fire_deemed_refusals(report: SweepReport, now: datetime, calendar: WorkingCalendar,
                          recipients: Recipients, due: list[DueClock], hold: datetime | None) -> None:
    """Fire deem_refusal on each due information request, one unit of work per case (art. 19).

    The cases are loaded a chunk at a time with their clocks and timeline (three
    queries per chunk), and kept loaded across the per-case commits: what another
    process changed meanwhile is caught by each transition's version check.
    """
    expired = {d.case_id: d.id for d in due if d.period in ANSWER_CLOCKS and d.last_day < report.today}
    for chunk in _chunks(sorted(expired), DEEM_CHUNK):
        cases_ = db.session.execute(
            select(Case).where(Case.id.in_(chunk), Case.kind == CaseKind.INFORMATION_REQUEST.value,
                               Case.state.in_(DEEMABLE_STATES))
            .options(selectinload(Case.clocks), selectinload(Case.events)).order_by(Case.id)).scalars().all()
        with _kept_after_commit():
            for case in cases_:
                _deem_refusal(report, now, calendar, recipients, case, expired[case.id], hold)


@contextmanager
def _kept_after_commit():
    """Within the block, a commit does not expire what the session holds (a rollback still does)."""
    session = db.session()
    previous, session.expire_on_commit = session.expire_on_commit, False
    try:
        yield
    finally:
        session.expire_on_commit = previous


def _deem_refusal(report, now, calendar, recipients, case: Case, clock_id: int, hold: datetime | None) -> None:
    case_id = case.id
    clock = next(c for c in case.clocks if c.id == clock_id)
    # The overdue notices commit with the transition, or not at all; they and the applicant's
    # e-mail are held until the notice hour when outside it, as for the chain's silences
    # (app.services.remedy_sweep). A duplicate key means another sweep already fired it.
    queued = hold_until([_notice("overdue", clock, user, report.today, calendar)
                         for user in recipients.of(case, clock)], hold)
    try:
        with db.session.no_autoflush:
            db.session.add_all(queued)
            cases.fire(case, "deem_refusal", actor=None, now=now, hold=hold)
    except (cases.Conflict, TransitionRefused, IntegrityError) as exc:
        db.session.rollback()
        report.skipped += 1
        log.info("deemed refusal of case %s skipped: %s", case_id, exc)
        return
    except Exception:
        db.session.rollback()
        report.errors += 1
        log.exception("deemed refusal of case %s failed", case_id)
        return
    report.deemed_refusals += 1
    report.overdue_notices += len(queued)


def _overdue_once(today: date, calendar: WorkingCalendar, recipients: Recipients, case: Case, clock: Clock,
                  hold: datetime | None) -> list[Notification]:
    """The overdue notices of ``clock`` not already in the outbox, held until ``hold`` (not added).

    For a body period that a transition is about to expire (the head's silence):
    queued with it, whatever the hour. Existing keys are filtered first, so a notice
    queued by an earlier pass never blocks the transition.
    """
    if clock.period not in BODY_PERIODS or not clock.last_day or not is_overdue(clock.last_day, today):
        return []
    users = recipients.of(case, clock)
    queued = _existing_keys([notifications.deadline_key("overdue", clock, u) for u in users])
    return hold_until([_notice("overdue", clock, u, today, calendar) for u in users
                       if notifications.deadline_key("overdue", clock, u) not in queued], hold)


def _queue_notices(report: SweepReport, calendar: WorkingCalendar, recipients: Recipients, lead: int,
                   due: list[DueClock]) -> None:
    """Queue the reminders and overdue notices the due clocks call for, in one insert."""
    kinds = {d.id: kind for d in due if d.period in BODY_PERIODS
             and (kind := _notice_kind(d.last_day, report.today, lead, calendar))}
    wanted = []
    for chunk in _chunks(sorted(kinds), BATCH):
        clocks = db.session.execute(
            select(Clock).join(Clock.case).options(contains_eager(Clock.case))
            .where(Clock.id.in_(chunk), running_clock()).order_by(Clock.id)).scalars().all()
        for clock in clocks:
            wanted += [(kinds[clock.id], clock, user) for user in recipients.of(clock.case, clock)]
    queued = _existing_keys([notifications.deadline_key(k, c, u) for k, c, u in wanted])
    wanted = [(k, c, u) for k, c, u in wanted if notifications.deadline_key(k, c, u) not in queued]
    if wanted:
        _insert(report, wanted, calendar)
    db.session.commit()


def _chunks(items: list, size: int):
    return (items[start:start + size] for start in range(0, len(items), size))


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
    overdue = is_overdue(last_day, today)
    return "overdue" if overdue else "reminder" if reminder_due(last_day, today, lead, calendar) else None


def _notice(kind: str, clock: Clock, user: Addressee, today: date, calendar: WorkingCalendar) -> Notification:
    left = days_left(today, clock.last_day, PERIODS[clock.period].counting, calendar)
    return notifications.deadline_notice(kind, clock.case, clock, user, today, left)


def _existing_keys(keys: list[str]) -> set[str]:
    """The dedup keys among ``keys`` already in the outbox (read in chunks)."""
    found: set[str] = set()
    for start in range(0, len(keys), KEY_CHUNK):
        chunk = keys[start:start + KEY_CHUNK]
        found.update(db.session.execute(
            select(Notification.dedup_key).where(Notification.dedup_key.in_(chunk))).scalars())
    return found
