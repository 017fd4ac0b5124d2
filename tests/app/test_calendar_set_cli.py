"""`flask calendar set` / `remove`: record the change and request a recompute, like the admin page (issue 8 §4)."""
from datetime import date, datetime

import pytest

from app.extensions import db
from app.models.clock import Clock
from app.models.holiday import Holiday
from app.models.recompute_job import RecomputeJob
from app.services import recompute
from app.services.calendar import load_calendar, working_calendar
from app.services.cases import get_case


@pytest.fixture
def run(ctx):
    runner = ctx.test_cli_runner()
    return lambda *args: runner.invoke(args=["calendar", *args])


def row(day: date) -> Holiday | None:
    db.session.expire_all()
    return db.session.execute(db.select(Holiday).filter_by(day=day)).scalar_one_or_none()


def pending_jobs() -> int:
    return db.session.execute(db.select(db.func.count(RecomputeJob.id)).filter_by(status="pending")).scalar()


def test_confirming_both_days_of_eid_makes_the_date_final(run, register):
    case = register(received_at=datetime(2026, 5, 10, 9, 0)).case      # crosses Eid al-Adha 2026 (estimate)
    assert case.clock("answer").provisional
    result = run("set", "2026-05-27", "--name", "eid_al_adha", "--confirmed")
    assert result.exit_code == 0, result.output
    assert "recompute of the deadlines requested" in result.output
    assert row(date(2026, 5, 27)).status == "confirmed" and pending_jobs() == 1
    assert get_case(case.reference).clock("answer").provisional       # the command only recorded it
    recompute.run_pending()
    db.session.expire_all()
    assert get_case(case.reference).clock("answer").provisional       # 28 May is still an estimate
    assert run("set", "2026-05-28", "--name", "eid_al_adha", "--confirmed").exit_code == 0
    recompute.run_pending()
    db.session.expire_all()
    clock = get_case(case.reference).clock("answer")
    assert (clock.due_on, clock.provisional) == (date(2026, 6, 9), False)


def test_a_new_date_is_added_and_moves_the_deadlines_once_recomputed(run, register):
    case = register(received_at=datetime(2025, 10, 27, 9, 0)).case     # due Wed 2025-11-26
    result = run("set", "2025-11-10", "--name", "Deuil national", "--confirmed")
    assert result.exit_code == 0, result.output
    added = row(date(2025, 11, 10))
    assert (added.name_ar, added.name_fr, added.kind, added.status) == (
        "Deuil national", "Deuil national", "holiday", "confirmed")
    assert get_case(case.reference).clock("answer").due_on == date(2025, 11, 26)
    recompute.run_pending()
    db.session.expire_all()
    assert get_case(case.reference).clock("answer").due_on == date(2025, 11, 27)
    assert run("set", "2025-11-11", "--name", "closure").exit_code == 0       # a known key: a closure, estimated
    closure = row(date(2025, 11, 11))
    assert (closure.kind, closure.status, closure.name_fr) == ("closure", "estimated", "fermeture exceptionnelle")

    result = run("remove", "2025-11-10")
    assert result.exit_code == 0, result.output
    assert row(date(2025, 11, 10)) is None and pending_jobs() == 2     # the closure's and the removal's
    recompute.run_pending()
    db.session.expire_all()
    # 10 Nov counts again; 11 Nov (the closure) still does not.
    assert get_case(case.reference).clock("answer").due_on == date(2025, 11, 27)


def test_removing_a_baseline_holiday_declares_it_a_working_day(run):
    assert not working_calendar().is_working_day(date(2025, 11, 18))
    result = run("remove", "2025-11-18")
    assert result.exit_code == 0, result.output
    assert row(date(2025, 11, 18)).kind == "working"
    assert load_calendar().is_working_day(date(2025, 11, 18))


@pytest.mark.parametrize("args", [("remove", "2025-11-12"), ("set", "2025-02-30", "--name", "x"),
                                  ("set", "2025-11-12"), ("set", "2025-11-12", "--name", " ")])
def test_bad_input_is_a_clear_error(run, args):
    result = run(*args)
    assert result.exit_code != 0
    assert "Error" in result.output
    assert row(date(2025, 11, 12)) is None


def test_refresh_provisional_flags_the_clocks_counted_before_the_flag_existed(run, register):
    case = register(received_at=datetime(2026, 5, 10, 9, 0)).case
    db.session.execute(db.update(Clock).values(provisional=False))     # as the upgrade left them
    db.session.commit()
    result = run("refresh-provisional")
    assert result.exit_code == 0, result.output
    recompute.run_pending()
    db.session.expire_all()
    assert get_case(case.reference).clock("answer").provisional
