"""Recounting running deadlines after the holiday table changed (LAW.md §3), in the scheduler process.

An administrator's change (``app.services.holidays``) only records a
``RecomputeJob`` naming the dates whose working status (or estimated/confirmed
status) changed. ``run_pending`` (the scheduler's job, or ``flask calendar recompute``)
then recounts the running clocks, open and closed cases' alike, **whose span covers
one of those dates** — the only clocks whose dates or provisional flag can change,
since a deadline depends on the days after its day 0 up to its last day and on no
other day; expired clocks whose expiry was acted on too early get a correction
(``app.services.corrections``). They are read through the
partial index on running clocks, recounted in memory (one count per distinct day 0,
period and extension) and written in bulk, in batches: on SQLite each commits with the
job's progress; on PostgreSQL two are written at once on connections of their own
(``app.services.concurrent_batches``) and the progress follows. Every moved clock gets
its audit event (bulk-inserted) and its case's version is bumped, so a transition that
read the old dates gets ``Conflict`` instead of writing over the new ones. A job is
idempotent: a job taken over after its worker died starts again and moves only what
still differs.
"""
from __future__ import annotations

import bisect
import logging
from datetime import date, datetime, timedelta
from functools import partial
from typing import NamedTuple

from flask import current_app
from sqlalchemy import or_, select, tuple_, update

from app.extensions import db
from app.models.clock import Clock, running_clock
from app.models.recompute_job import RecomputeJob
from app.services import bulk_clocks, concurrent_batches, corrections
from app.services.calendar import forget_calendar, load_calendar, utc_now
from app.services.derived_commits import asynchronous_commits
from workflows.calendar import WorkingCalendar
from workflows.deadlines import Deadline, deadline, explained, extend
from workflows.statute import period

log = logging.getLogger(__name__)

BATCH = 5000              # clocks per batch on PostgreSQL, where two batches are written at once
SQLITE_BATCH = 10000      # SQLite's one writer: fewer, larger commits (each about a second)
STALE_JOB = timedelta(minutes=10)     # a running job without a committed batch for this long is taken over
REASON = "holiday table changed: deadline recomputed"
# What the recount reads of a clock, in the order ``_moves`` unpacks it.
_RECOUNT_COLUMNS = (Clock.id, Clock.case_id, Clock.period, Clock.started_on, Clock.due_on, Clock.last_day,
                    Clock.extended_by, Clock.provisional)


def changed_days(before: WorkingCalendar, after: WorkingCalendar, years) -> list[date]:
    """The days of ``years`` whose counting changed between the two calendars.

    A weekday that is a working day in one and not in the other moves dates; a
    day that became or stopped being an estimated holiday (weekends too) changes
    whether the dates counted over it are provisional.
    """
    days = []
    for year in sorted(set(years)):
        day = date(year, 1, 1)
        while day.year == year:
            if (before.is_working_day(day) != after.is_working_day(day)
                    or _estimated(before, day) != _estimated(after, day)):
                days.append(day)
            day += timedelta(days=1)
    return days


def _estimated(calendar: WorkingCalendar, day: date) -> bool:
    holiday = calendar.holiday(day)
    return holiday is not None and holiday.status == "estimated"


def request_recompute(days: list[date], reason: str, actor=None) -> RecomputeJob | None:
    """Record a recount of the clocks covering ``days`` (in the caller's unit of work); None if no day."""
    if not days:
        return None
    job = RecomputeJob(reason=reason[:200], changed_days=[d.isoformat() for d in sorted(days)],
                       requested_by_id=actor.id if actor is not None else None)
    db.session.add(job)
    return job


def latest_jobs(limit: int = 5) -> list[RecomputeJob]:
    """The most recent jobs, newest first (for the holidays page)."""
    return list(db.session.execute(select(RecomputeJob).order_by(RecomputeJob.id.desc()).limit(limit)).scalars())


def run_pending(now: datetime | None = None) -> int:
    """Run every pending job (and any abandoned by a dead worker), oldest first; returns how many ran.

    A job is idempotent, so its commits do not wait for the disk on PostgreSQL (``derived_commits``).
    """
    ran = 0
    with asynchronous_commits():
        while (job_id := _claim(now or utc_now())) is not None:
            run_job(job_id)
            ran += 1
    return ran


def _claim(now: datetime) -> int | None:
    # A job starts once every process has re-read the table (CALENDAR_RECHECK_SECONDS) and
    # committed what it counted on the old one: those clocks are then among its candidates.
    config = current_app.config
    settled = now - timedelta(seconds=float(config.get("CALENDAR_RECHECK_SECONDS", 0))
                              + float(config.get("RECOMPUTE_SETTLE_SECONDS", 0)))
    claimable = or_((RecomputeJob.status == "pending") & (RecomputeJob.requested_at <= settled),
                    (RecomputeJob.status == "running") & (RecomputeJob.heartbeat_at < now - STALE_JOB))
    job_id = db.session.execute(select(RecomputeJob.id).where(claimable).order_by(RecomputeJob.id).limit(1)).scalar()
    if job_id is None:
        db.session.commit()
        return None
    won = db.session.execute(
        update(RecomputeJob).where(RecomputeJob.id == job_id, claimable)
        .values(status="running", started_at=now, heartbeat_at=now, processed=0, moved=0, cases_moved=0,
                error=None).execution_options(synchronize_session=False)).rowcount
    db.session.commit()
    return job_id if won else _claim(now)


def run_job(job_id: int) -> RecomputeJob:
    """Recount the clocks job ``job_id`` covers, batch by batch; the job ends ``done`` or ``failed``."""
    job = db.session.get(RecomputeJob, job_id)
    try:
        days = sorted(date.fromisoformat(d) for d in job.changed_days)
        forget_calendar()
        recount = Recount(load_calendar())
        actor = (job.requested_by_id, job.requested_by.username if job.requested_by else "system")
        candidates = covering_clocks(days)
        job.total = len(candidates)
        db.session.commit()
        per_batch = BATCH if db.engine.dialect.name == "postgresql" else SQLITE_BATCH
        batches = [candidates[start:start + per_batch] for start in range(0, len(candidates), per_batch)]
        for size, (clocks, cases) in _written(batches, recount, actor):
            job.processed += size
            job.moved, job.cases_moved = job.moved + clocks, job.cases_moved + cases
            job.heartbeat_at = utc_now()
            db.session.commit()
        corrections.record_early_expiries(days, recount, actor)
        job.status, job.finished_at = "done", utc_now()
        db.session.commit()
    except Exception as exc:
        db.session.rollback()
        job = db.session.get(RecomputeJob, job_id)
        job.status, job.error, job.finished_at = "failed", f"{type(exc).__name__}: {exc}"[:2000], utc_now()
        db.session.commit()
        log.exception("recompute job %s failed", job_id)
    return job


def _written(batches: list, recount: Recount, actor: tuple):
    """(batch size, (clocks moved, cases moved)) per batch, in order. On PostgreSQL the batches
    are written on several connections at once, each committed on its own; otherwise in this
    session, each committed with the job's progress by the caller."""
    if concurrent_batches.concurrent(batches):
        work = partial(_recount_batch, recount=recount, actor=actor)
        yield from zip(map(len, batches), concurrent_batches.committed_each(batches, work), strict=True)
        return
    for batch in batches:
        yield len(batch), _recount_batch(batch, recount, actor)


def covering_clocks(days: list[date], batch: int = BATCH) -> list:
    """The running clocks whose span (day 0, last day] holds one of ``days``, closed cases' too.

    A closed case may still have a running clock (the CDAI window after an upheld
    refusal, art. 20): a holiday change moves it like any other (issue 8 §3).

    A range scan of the partial index on running clocks (last day ≥ the first changed
    day) in keyset batches, each row with what the recount needs and its case's state
    (looked up by primary key); the exact span test is made on the columns read. Read
    whole before anything is written, so a clock moved by the job is not met again.
    """
    if not days:
        return []
    found, after = [], None
    while True:
        # Plain rows through the session's connection: no ORM loading for 100,000 tuples.
        rows = db.session.connection().execute(covering_statement(days, after, batch)).all()
        found += [row for row in rows if _covers(days, row.started_on, row.last_day)]
        if len(rows) < batch:
            return found
        after = (rows[-1].last_day, rows[-1].id)


def covering_statement(days: list[date], after: tuple[date, int] | None = None, batch: int = BATCH):
    """One batch of ``covering_clocks``: running clocks from the first changed day on, through the index."""
    stmt = select(*_RECOUNT_COLUMNS).where(
        running_clock(), Clock.last_day >= days[0], Clock.started_on < days[-1])
    if after is not None:
        stmt = stmt.where(tuple_(Clock.last_day, Clock.id) > tuple_(*after))
    return stmt.order_by(Clock.last_day, Clock.id).limit(batch)


def _covers(days: list[date], started_on: date, last_day: date) -> bool:
    """True when a day of the sorted ``days`` lies in (started_on, last_day]."""
    index = bisect.bisect_right(days, started_on)
    return index < len(days) and days[index] <= last_day


class Recount:
    """A clock's dates over ``calendar``, counted once per (period, day 0, extension)."""

    def __init__(self, calendar: WorkingCalendar):
        self.calendar = calendar
        self._known: dict[tuple, Deadline] = {}

    def __call__(self, period_name: str, started_on: date, extended_by: str | None) -> Deadline:
        key = (period_name, started_on, extended_by)
        if key not in self._known:
            end = deadline(period(period_name), started_on, self.calendar)
            if extended_by:
                end = extend(end.due, period(extended_by), self.calendar)
                end = explained(period(period_name), started_on, end.due, end.last_day, self.calendar)
            self._known[key] = end
        return self._known[key]


class _Move(NamedTuple):
    clock_id: int
    case_id: int
    period: str
    old_due: date
    old_last: date
    old_provisional: bool
    new: Deadline

    @property
    def write(self) -> tuple:
        """The compare-and-set row of ``bulk_clocks.write_dates``."""
        return self.clock_id, self.old_due, self.old_last, self.new.due, self.new.last_day, self.new.provisional

    @property
    def event_data(self) -> dict:
        """The audit event's data: the due date's move, and the provisional flag when it changed."""
        data = {"period": self.period, "from": self.old_due.isoformat(), "to": self.new.due.isoformat()}
        if self.new.provisional != self.old_provisional:
            data["provisional"] = self.new.provisional
        return data


def _moves(rows, recount: Recount) -> list[_Move]:
    """The clocks among ``rows`` whose dates the recount moves."""
    moves = []
    for clock_id, case_id, period_name, started_on, due_on, last_day, extended_by, provisional in rows:
        new = recount(period_name, started_on, extended_by)
        if new.due != due_on or new.last_day != last_day or new.provisional != bool(provisional):
            moves.append(_Move(clock_id, case_id, period_name, due_on, last_day, bool(provisional), new))
    return moves


def _recount_batch(rows, recount: Recount, actor: tuple) -> tuple[int, int]:
    """Recount and write one batch (not committed); returns (clocks moved, cases moved).

    The moved clocks' cases are locked first, then each clock is written only if it still
    has the dates read (compare-and-set), then the cases are stamped (version bumped, body
    deadline recounted): a transition that committed in between is seen, and one that has
    not yet committed will fail its version check. If any clock changed meanwhile, the
    batch is read again under the lock and redone.
    """
    moves = _moves(rows, recount)
    if not moves:
        return 0, 0
    bulk_clocks.lock_cases({m.case_id for m in moves})
    written = bulk_clocks.write_dates([m.write for m in moves])
    if written != len(moves):
        db.session.rollback()
        return _recount_locked([m.clock_id for m in moves], recount, actor)
    bulk_clocks.stamp_cases({m.case_id for m in moves})
    _audit(moves, actor)
    return len(moves), len({m.case_id for m in moves})


def _recount_locked(clock_ids: list[int], recount: Recount, actor: tuple) -> tuple[int, int]:
    """The slow path: lock the cases, read the clocks again, write them by id."""
    case_ids = db.session.execute(select(Clock.case_id).where(Clock.id.in_(clock_ids))).scalars().all()
    bulk_clocks.lock_cases(set(case_ids))
    rows = db.session.execute(
        select(*_RECOUNT_COLUMNS).where(Clock.id.in_(clock_ids), running_clock())).all()
    moves = _moves(rows, recount)
    if moves:
        bulk_clocks.write_dates([m.write for m in moves])
        bulk_clocks.stamp_cases({m.case_id for m in moves})
        _audit(moves, actor)
    return len(moves), len({m.case_id for m in moves})


def _audit(moves: list[_Move], actor: tuple) -> None:
    """One ``clock`` event per moved clock, inserted together."""
    bulk_clocks.insert_clock_events([(m.case_id, m.event_data) for m in moves], utc_now(), actor[0], actor[1],
                                    REASON)
