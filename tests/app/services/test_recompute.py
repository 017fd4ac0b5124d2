"""The recount after a holiday-table change: only the clocks whose span covers a changed day, in bulk,
run by the scheduler process (a job with its progress), each moved clock audited."""
import threading
from datetime import date, datetime, timedelta

import pytest

from app.extensions import db
from app.models.case import Case
from app.models.recompute_job import RecomputeJob
from app.services import holidays, recompute
from app.services.calendar import load_calendar, utc_now
from app.services.cases import Conflict, fire, get_case
from workflows.calendar import HolidayOverride, WorkingCalendar

REASON = "holiday table changed: deadline recomputed"


def moved_events(case):
    db.session.expire_all()
    return [e for e in db.session.get(Case, case.id).events if e.reason == REASON]


@pytest.fixture
def three_requests(register, staff):
    """Received Mon 27 Oct (due 26 Nov), Mon 24 Nov (due 22 Dec) and Mon 27 Oct then withdrawn."""
    early = register(received_at=datetime(2025, 10, 27, 9)).case
    late = register(received_at=datetime(2025, 11, 24, 9)).case
    closed = register(received_at=datetime(2025, 10, 27, 9)).case
    fire(closed, "withdraw", {"reason": "retrait"}, actor=staff["supervisor"], now=datetime(2025, 10, 28, 9))
    return early, late, closed


def test_changed_days_are_the_days_whose_working_or_estimated_status_changed():
    before = WorkingCalendar()
    after = WorkingCalendar([HolidayOverride(date(2025, 11, 10), "closure", "x", "x", "closure", "confirmed"),
                             HolidayOverride(date(2025, 11, 15), "closure", "x", "x", "closure", "confirmed"),
                             HolidayOverride(date(2025, 11, 16), "closure", "x", "x", "closure", "estimated")])
    # The 15th (a Saturday) was a weekend and stays one, confirmed: nothing a count depends on
    # changes. The 16th (a Sunday) becomes an estimated holiday: the dates counted over it turn
    # provisional (its real date may fall on a weekday).
    assert recompute.changed_days(before, after, [2025]) == [date(2025, 11, 10), date(2025, 11, 16)]
    # The table's dates of a lunar holiday replace the package's estimate (30-31 March 2025):
    # observed 31 March - 1 April, confirmed. 1 April (a Tuesday) stops being a working day;
    # 30 March (a Sunday) is no longer an estimated holiday and 31 March is now confirmed.
    observed = WorkingCalendar([HolidayOverride(day, "eid_al_fitr", "x", "x", "holiday", "confirmed")
                                for day in (date(2025, 3, 31), date(2025, 4, 1))])
    assert recompute.changed_days(before, observed, [2025, 2026]) == [date(2025, 3, 30), date(2025, 3, 31),
                                                                      date(2025, 4, 1)]


def test_only_clocks_spanning_the_day_are_read_and_moved(three_requests, staff):
    early, late, closed = three_requests
    job = holidays.add_holiday(date(2025, 11, 10), "closure", kind="closure", actor=staff["admin"])
    # 10 Nov lies in the early request's span only (the late one starts on the 24th).
    assert [row.id for row in recompute.covering_clocks([date(2025, 11, 10)])] == [early.clock("answer").id]
    assert recompute.run_pending() == 1
    job = db.session.get(RecomputeJob, job.id)
    assert (job.status, job.total, job.processed, job.moved, job.cases_moved) == ("done", 1, 1, 1, 1)
    assert job.started_at and job.finished_at and job.error is None
    assert get_case(early.reference).clock("answer").due_on == date(2025, 11, 27)
    assert get_case(late.reference).clock("answer").due_on == date(2025, 12, 22)
    assert get_case(closed.reference).clock("answer").due_on == date(2025, 11, 26)
    [event] = moved_events(early)
    assert (event.actor_label, event.actor_id, event.kind) == ("admin", staff["admin"].id, "clock")
    # The closure was added as estimated (the default): the new date is provisional.
    assert event.data == {"period": "answer", "from": "2025-11-26", "to": "2025-11-27", "provisional": True}
    assert get_case(early.reference).clock("answer").provisional
    assert moved_events(late) == [] and moved_events(closed) == []
    # The staff lists' "most urgent first" order reads the moved date too.
    assert get_case(early.reference).body_deadline == date(2025, 11, 27)


def test_a_transition_that_read_the_old_dates_loses_to_the_recount(three_requests, staff):
    early, _, _ = three_requests
    holidays.add_holiday(date(2025, 11, 10), "closure", kind="closure", actor=staff["admin"])
    stale = get_case(early.reference)
    stale.clocks  # noqa: B018  (loaded before the recount, like a page about to post)
    db.session.expunge(stale)           # kept as it was read, as another process would
    assert recompute.run_pending() == 1
    db.session.add(stale)
    with pytest.raises(Conflict):
        fire(stale, "assign", {"officer": "officer"}, actor=staff["supervisor"], now=datetime(2025, 10, 29, 9))
    assert get_case(early.reference).clock("answer").due_on == date(2025, 11, 27)


def test_a_job_waits_until_every_process_has_seen_the_new_table(three_requests, staff, monkeypatch, app):
    monkeypatch.setitem(app.config, "CALENDAR_RECHECK_SECONDS", 2)
    monkeypatch.setitem(app.config, "RECOMPUTE_SETTLE_SECONDS", 3)
    holidays.add_holiday(date(2025, 11, 10), "closure", kind="closure", actor=staff["admin"])
    assert recompute.run_pending(utc_now()) == 0
    assert recompute.latest_jobs(1)[0].status == "pending"
    assert recompute.run_pending(utc_now() + timedelta(seconds=6)) == 1


def test_a_job_abandoned_by_a_dead_worker_is_taken_over(three_requests, staff):
    early, _, _ = three_requests
    job = holidays.add_holiday(date(2025, 11, 10), "closure", kind="closure", actor=staff["admin"])
    job.status, job.heartbeat_at = "running", utc_now() - timedelta(minutes=1)
    db.session.commit()
    assert recompute.run_pending() == 0                                # its worker may still be alive
    assert recompute.run_pending(utc_now() + recompute.STALE_JOB) == 1
    assert db.session.get(RecomputeJob, job.id).status == "done"
    assert get_case(early.reference).clock("answer").due_on == date(2025, 11, 27)
    assert recompute.run_pending() == 0 and len(moved_events(early)) == 1      # done once


def test_a_failing_job_records_its_error_and_stops(three_requests, staff, monkeypatch):
    job = holidays.add_holiday(date(2025, 11, 10), "closure", kind="closure", actor=staff["admin"])
    monkeypatch.setattr(recompute, "_recount_batch", lambda *args: 1 / 0)
    assert recompute.run_pending() == 1
    job = db.session.get(RecomputeJob, job.id)
    assert job.status == "failed" and "ZeroDivisionError" in job.error
    assert recompute.run_pending() == 0


def test_batches_commit_with_their_progress(register, staff, monkeypatch):
    cases = [register(received_at=datetime(2025, 10, 27, 9)).case for _ in range(5)]
    monkeypatch.setattr(recompute, "BATCH", 2)
    monkeypatch.setattr(recompute, "SQLITE_BATCH", 2)
    seen = []
    real = recompute._recount_batch

    def spy(rows, recount, actor):
        seen.append(len(rows))
        return real(rows, recount, actor)

    monkeypatch.setattr(recompute, "_recount_batch", spy)
    job = holidays.add_holiday(date(2025, 11, 10), "closure", kind="closure", actor=staff["admin"])
    recompute.run_pending()
    job = db.session.get(RecomputeJob, job.id)
    assert seen == [2, 2, 1] and (job.total, job.processed, job.cases_moved) == (5, 5, 5)
    assert all(get_case(c.reference).clock("answer").due_on == date(2025, 11, 27) for c in cases)


def _one_clock_per_batch(monkeypatch):
    monkeypatch.setattr(recompute, "BATCH", 1)
    monkeypatch.setattr(recompute, "SQLITE_BATCH", 1)


def test_postgresql_writes_the_batches_on_connections_of_their_own(register, staff, monkeypatch):
    cases = [register(received_at=datetime(2025, 10, 27, 9)).case for _ in range(4)]
    _one_clock_per_batch(monkeypatch)
    threads = []
    real = recompute._recount_batch

    def spy(rows, recount, actor):
        threads.append(threading.current_thread().name)
        return real(rows, recount, actor)

    monkeypatch.setattr(recompute, "_recount_batch", spy)
    job = holidays.add_holiday(date(2025, 11, 10), "closure", kind="closure", actor=staff["admin"])
    recompute.run_pending()
    job = db.session.get(RecomputeJob, job.id)
    assert (job.status, job.processed, job.moved, job.cases_moved) == ("done", 4, 4, 4)
    on_postgresql = db.engine.dialect.name == "postgresql"
    assert all(name.startswith("batch") == on_postgresql for name in threads) and len(threads) == 4
    assert all(len(moved_events(c)) == 1 for c in cases)
    assert all(get_case(c.reference).clock("answer").due_on == date(2025, 11, 27) for c in cases)


def test_a_failed_batch_fails_the_job_and_running_it_again_finishes_it(register, staff, monkeypatch):
    cases = [register(received_at=datetime(2025, 10, 27, 9)).case for _ in range(3)]
    _one_clock_per_batch(monkeypatch)
    real, broken = recompute._recount_batch, cases[1].id

    def fail_on_one_case(rows, recount, actor):
        if any(row.case_id == broken for row in rows):
            raise RuntimeError("lost the connection")
        return real(rows, recount, actor)

    monkeypatch.setattr(recompute, "_recount_batch", fail_on_one_case)
    job = holidays.add_holiday(date(2025, 11, 10), "closure", kind="closure", actor=staff["admin"])
    recompute.run_pending()
    job = db.session.get(RecomputeJob, job.id)
    assert job.status == "failed" and "lost the connection" in job.error
    assert get_case(cases[1].reference).clock("answer").due_on == date(2025, 11, 26)     # not moved
    monkeypatch.setattr(recompute, "_recount_batch", real)
    assert recompute.run_job(job.id).status == "done"
    assert all(get_case(c.reference).clock("answer").due_on == date(2025, 11, 27) for c in cases)
    assert all(len(moved_events(c)) == 1 for c in cases)      # nothing moved twice


def test_the_recount_uses_the_table_as_it_stands(three_requests, staff):
    early, _, _ = three_requests
    row_job = holidays.add_holiday(date(2025, 11, 10), "closure", kind="closure", actor=staff["admin"])
    assert row_job is not None
    load_calendar()       # a calendar built before the change is not reused by the job
    recompute.run_pending()
    assert get_case(early.reference).clock("answer").due_on == date(2025, 11, 27)


def test_a_clock_changed_between_the_read_and_the_write_is_read_again(three_requests, staff):
    early, _, _ = three_requests
    holidays.add_holiday(date(2025, 11, 10), "closure", kind="closure", actor=staff["admin"])
    rows = recompute.covering_clocks([date(2025, 11, 10)])
    # Meanwhile a transition extended the answer clock (its dates are no longer those read).
    clock = get_case(early.reference).clock("answer")
    clock.due_on = clock.last_day = date(2025, 12, 24)
    clock.extended_by = "extension"
    db.session.commit()
    recount = recompute.Recount(load_calendar())
    assert recompute._recount_batch(rows, recount, (staff["admin"].id, "admin")) == (1, 1)
    db.session.commit()
    clock = get_case(early.reference).clock("answer")
    # Recounted from its day 0 with its extension, over the new calendar: 27 Nov + 20 working days.
    assert clock.due_on == date(2025, 12, 25) and len(moved_events(early)) == 1
