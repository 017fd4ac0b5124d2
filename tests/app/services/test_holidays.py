"""The holiday table: each change queues a recompute of open cases' clocks (audited); closed cases stay."""
from datetime import date, datetime

import pytest

from app.extensions import db
from app.models.holiday import Holiday
from app.services import holidays, recompute
from app.services.calendar import working_calendar
from app.services.cases import fire


@pytest.fixture
def open_and_closed(register, staff):
    """Two requests received Mon 2025-10-27 (due Wed 2025-11-26); the second is withdrawn."""
    open_case, closed_case = register().case, register().case
    fire(closed_case, "withdraw", {"reason": "retrait"}, actor=staff["supervisor"], now=datetime(2025, 10, 28, 9))
    return open_case, closed_case


def clock_events(case):
    return [e for e in case.events if e.reason == "holiday table changed: deadline recomputed"]


def run_jobs(expected: int = 1):
    """Run the queued recompute jobs as the scheduler does; returns the last one."""
    assert recompute.run_pending() == expected
    db.session.expire_all()
    return recompute.latest_jobs(1)[0] if expected else None


def cases_moved(job) -> int:
    assert job is not None
    run_jobs()
    job = db.session.get(type(job), job.id)
    assert job.status == "done" and job.processed == job.total
    return job.cases_moved


def test_adding_a_closure_moves_open_cases_only_with_an_audit_event(open_and_closed, staff):
    open_case, closed_case = open_and_closed
    job = holidays.add_holiday(date(2025, 11, 10), "closure", kind="closure", status="confirmed",
                               actor=staff["admin"])
    # The administrator's request only records the change and the job.
    assert job.status == "pending" and job.changed_days == ["2025-11-10"]
    assert open_case.clock("answer").due_on == date(2025, 11, 26)
    assert cases_moved(job) == 1
    assert open_case.clock("answer").due_on == date(2025, 11, 27)
    assert closed_case.clock("answer").due_on == date(2025, 11, 26)
    [event] = clock_events(open_case)
    assert event.actor_label == "admin" and event.data == {"period": "answer", "from": "2025-11-26",
                                                          "to": "2025-11-27"}
    assert not clock_events(closed_case)
    assert working_calendar().holiday(date(2025, 11, 10)).name_fr == "fermeture exceptionnelle"


def test_move_confirm_and_remove(open_and_closed, staff):
    open_case, _ = open_and_closed
    assert cases_moved(holidays.add_holiday(date(2025, 11, 10), "closure", kind="closure",
                                            actor=staff["admin"])) == 1
    row = db.session.execute(db.select(Holiday).filter_by(day=date(2025, 11, 10))).scalar_one()
    assert row.status == "estimated"
    job = holidays.move_holiday(row.id, date(2025, 12, 10), actor=staff["admin"])
    assert job.changed_days == ["2025-11-10", "2025-12-10"]
    assert cases_moved(job) == 1
    assert open_case.clock("answer").due_on == date(2025, 11, 26)
    # No working day changes, but dates counted over the day stop being provisional: a recount
    # of the clocks spanning 10 Dec (none here) is queued.
    job = holidays.confirm_holiday(row.id, actor=staff["admin"])
    assert job.changed_days == ["2025-12-10"] and cases_moved(job) == 0
    row = db.session.get(Holiday, row.id)
    assert row.status == "confirmed"
    assert cases_moved(holidays.move_holiday(row.id, date(2025, 11, 12), actor=staff["admin"])) == 1
    assert open_case.clock("answer").due_on == date(2025, 11, 27)
    assert cases_moved(holidays.remove_holiday(row.id, actor=staff["admin"])) == 1
    assert open_case.clock("answer").due_on == date(2025, 11, 26)
    assert len(clock_events(open_case)) == 4     # add, move away, move back, remove


def test_a_working_row_removes_a_baseline_holiday(ctx):
    assert not working_calendar().is_working_day(date(2025, 11, 18))
    holidays.add_holiday(date(2025, 11, 18), "working_day", name_ar="يوم عمل", name_fr="jour ouvré",
                         kind="working", status="confirmed")
    assert working_calendar().is_working_day(date(2025, 11, 18))


def test_a_date_already_in_the_table_is_refused(ctx):
    with pytest.raises(holidays.HolidayError) as refused:
        holidays.add_holiday(date(2025, 6, 9), "closure", kind="closure")
    assert "day" in refused.value.errors
    row = db.session.execute(db.select(Holiday).filter_by(day=date(2025, 3, 31))).scalar_one()
    with pytest.raises(holidays.HolidayError):
        holidays.move_holiday(row.id, date(2025, 4, 1))
    assert db.session.get(Holiday, row.id).day == date(2025, 3, 31)


def test_invalid_rows_are_refused(ctx):
    with pytest.raises(holidays.HolidayError) as refused:
        holidays.add_holiday(date(2027, 1, 5), "new_feast", kind="party", status="maybe")
    assert set(refused.value.errors) == {"kind", "status", "name_ar"}
    with pytest.raises(holidays.HolidayError):
        holidays.remove_holiday(999999)


def test_known_keys_take_the_official_names(ctx):
    holidays.add_holiday(date(2027, 3, 10), "eid_al_fitr", status="estimated")
    day = working_calendar().holiday(date(2027, 3, 10))
    assert (day.name_ar, day.name_fr, day.status) == ("عيد الفطر", "Aïd al-Fitr", "estimated")


def test_seed_is_idempotent(ctx):
    assert holidays.seed_official_holidays() == 0
