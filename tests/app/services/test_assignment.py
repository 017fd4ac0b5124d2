"""Work queues and workload: due dates from the running body clock, counted in working days."""
from datetime import date, datetime

import pytest

from app.extensions import db
from tests.sql_statements import statements
from app.services import assignment, queues
from app.services.calendar import working_calendar
from app.services.cases import fire

RECEIVED = datetime(2025, 10, 27, 9, 0)       # Mon 2025-10-27 → answer due Wed 2025-11-26
DUE = date(2025, 11, 26)


@pytest.fixture
def cases(register, staff):
    """An unassigned request, one assigned to the officer, a closed one, and an assigned complaint."""
    waiting, mine, closed = register().case, register().case, register().case
    fire(mine, "assign", {"officer": "officer"}, actor=staff["supervisor"], now=RECEIVED)
    fire(closed, "assign", {"officer": "officer"}, actor=staff["supervisor"], now=RECEIVED)
    fire(closed, "withdraw", {}, actor=staff["officer"], now=RECEIVED)
    complaint = register("complaint").case
    fire(complaint, "assign", {"officer": "complaints"}, actor=staff["supervisor"], now=RECEIVED)
    return {"waiting": waiting, "mine": mine, "closed": closed, "complaint": complaint}


def refs(rows):
    return [r.case.reference for r in rows]


@pytest.mark.parametrize("today, soon, late, left", [
    (date(2025, 11, 20), False, False, 4),
    (date(2025, 11, 21), True, False, 3),
    (DUE, True, False, 0),                      # not overdue on its due day (LAW.md §4.3)
    (date(2025, 11, 27), False, True, -1),
])
def test_due_soon_and_overdue_around_the_due_day(cases, staff, today, soon, late, left):
    calendar, supervisor = working_calendar(), staff["supervisor"]
    assert (cases["mine"].reference in refs(queues.due_soon(supervisor, today, calendar, 3))) is soon
    assert (cases["mine"].reference in refs(queues.overdue(supervisor, today, calendar))) is late
    [row] = [r for r in queues.my_cases(staff["officer"], today, calendar)]
    assert (row.last_day, row.days_left, row.overdue) == (DUE, left, late)


def test_unassigned_queue_and_unit_scoping(cases, staff):
    calendar, today = working_calendar(), date(2025, 11, 3)
    assert refs(queues.unassigned(staff["supervisor"], today, calendar)) == [cases["waiting"].reference]
    assert refs(queues.unassigned(staff["complaints"], today, calendar)) == []
    assert refs(queues.my_cases(staff["complaints"], today, calendar)) == [cases["complaint"].reference]
    assert cases["complaint"].reference not in refs(queues.overdue(staff["officer"], date(2026, 6, 1), calendar))


def test_my_cases_sorted_by_due_date_without_closed_ones(cases, staff, register):
    sooner = register(received_at=datetime(2025, 10, 20, 9)).case
    fire(sooner, "assign", {"officer": "officer"}, actor=staff["supervisor"], now=RECEIVED)
    rows = queues.my_cases(staff["officer"], date(2025, 11, 3), working_calendar())
    assert refs(rows) == [sooner.reference, cases["mine"].reference]


def test_lists_need_one_query_whatever_their_length(cases, staff, register):
    for _ in range(4):
        fire(register().case, "assign", {"officer": "officer"}, actor=staff["supervisor"], now=RECEIVED)
    calendar = working_calendar()
    calendar.is_working_day(DUE)                # warm the calendar: no query below but the list's
    db.session.expire_all()
    officer = staff["officer"]
    _ = officer.role                            # reload the signed-in user first
    with statements() as seen:
        rows = queues.my_cases(officer, date(2025, 11, 3), calendar)
        names = [(r.case.party.full_name, r.case.assignee.username) for r in rows]
    assert len(names) == 5 and len(seen) == 1


def test_head_queue_lists_appealed_requests(cases, staff):
    case = cases["mine"]
    fire(case, "answer", {"outcome": "refused", "grounds": ["exception_art7"], "text": "x"},
         actor=staff["officer"], now=datetime(2025, 11, 3, 9))
    fire(case, "complain_to_head", {"text": "Je conteste ce refus."}, applicant=True, now=datetime(2025, 11, 4, 9))
    [row] = queues.awaiting_head(staff["head"], date(2025, 11, 5), working_calendar())
    assert row.case is case and row.last_day == case.clock("head_decision").last_day


def test_officers_with_workload(cases, staff, make_user):
    make_user("idle", "information_officer")
    gone = make_user("gone", "information_officer")
    gone.deactivate()
    db.session.commit()
    workload = {u.username: n for u, n in assignment.officers_with_workload("information")}
    assert workload == {"officer": 1, "idle": 0}
    assert {u.username: n for u, n in assignment.officers_with_workload("complaints")} == {"complaints": 1}


def test_visible_kinds(staff, make_user):
    assert assignment.visible_kinds(staff["officer"]) == ("information_request",)
    assert assignment.visible_kinds(staff["complaints"]) == ("complaint",)
    assert set(assignment.visible_kinds(staff["supervisor"])) == {"information_request", "complaint"}
    unit_supervisor = make_user("unitsup", "supervisor", unit="complaints")
    assert assignment.visible_kinds(unit_supervisor) == ("complaint",)
