"""Assignment and work queues: who holds which case, and what is due when.

A case's *due date* on the staff pages is the last day of its running clock that
the body must meet (``Party.BODY`` periods of ``workflows.statute``: the answer,
its extension, the head's decision, the complaint answer). The citizen's windows
(complaint to the head, CDAI) are not the body's deadlines and are left out.
Dates are Africa/Casablanca local dates; "days left" are working days (LAW.md §4).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func

from app.extensions import db
from app.models.case import Case, CaseKind
from app.models.clock import Clock, ClockStatus
from app.models.user import Role, Unit, User
from workflows.calendar import WorkingCalendar
from workflows.deadlines import is_overdue, working_days_left
from workflows.kinds import SPECS, Phase, states_in
from workflows.statute import PERIODS, Party

BODY_PERIODS = tuple(p.name for p in PERIODS.values() if p.party is Party.BODY)
# States in which a case no longer weighs on its officer's desk.
DONE_STATES = states_in(Phase.DONE)
UNIT_OF_KIND = {kind.value: entry.unit for kind, entry in SPECS.items()}
KIND_OF_UNIT = {unit: kind for kind, unit in UNIT_OF_KIND.items()}
UNIT_OF_ROLE = {Role.INFORMATION_OFFICER.value: Unit.INFORMATION.value,
                Role.COMPLAINTS_OFFICER.value: Unit.COMPLAINTS.value}
KIND_OF_ROLE = {role: KIND_OF_UNIT[unit] for role, unit in UNIT_OF_ROLE.items()}
ROLE_OF_UNIT = {unit: role for role, unit in UNIT_OF_ROLE.items()}


@dataclass(frozen=True)
class QueueRow:
    """A case on a list, with its body deadline (None when no body clock runs).

    ``days_left`` counts working days after today up to the last day (0 on the
    due day, negative when overdue).
    """

    case: Case
    last_day: date | None
    days_left: int | None
    overdue: bool


def visible_kinds(user) -> tuple[str, ...]:
    """Case kinds ``user`` may see: an officer's own kind, a unit's kind, else both."""
    if user.role in KIND_OF_ROLE:
        return (KIND_OF_ROLE[user.role],)
    if user.unit in KIND_OF_UNIT:
        return (KIND_OF_UNIT[user.unit],)
    return tuple(UNIT_OF_KIND)


def may_see(user, case: Case) -> bool:
    """True when ``case`` is of a kind ``user``'s role and unit cover."""
    return case.kind in visible_kinds(user)


def _due_subquery():
    """Per case: the earliest last day among its running body clocks."""
    return (db.select(Clock.case_id, func.min(Clock.last_day).label("last_day"))
            .where(Clock.status == ClockStatus.RUNNING.value, Clock.period.in_(BODY_PERIODS))
            .group_by(Clock.case_id).subquery())


def _rows(stmt, due, today: date, calendar: WorkingCalendar) -> list[QueueRow]:
    stmt = stmt.order_by(due.c.last_day.is_(None), due.c.last_day, Case.received_at)
    out = []
    for case, last_day in db.session.execute(stmt).unique().all():
        left = working_days_left(today, last_day, calendar) if last_day else None
        out.append(QueueRow(case, last_day, left, bool(last_day) and is_overdue(last_day, today)))
    return out


def _base(kinds, due, inner: bool = False):
    stmt = db.select(Case, due.c.last_day).where(Case.kind.in_(kinds))
    return stmt.join(due, due.c.case_id == Case.id, isouter=not inner)


def my_cases(user, today: date, calendar: WorkingCalendar) -> list[QueueRow]:
    """Open cases assigned to ``user``, by due date (soonest first; no deadline last)."""
    due = _due_subquery()
    stmt = _base(visible_kinds(user), due).where(Case.assignee_id == user.id, Case.state.not_in(DONE_STATES))
    return _rows(stmt, due, today, calendar)


def unassigned(user, today: date, calendar: WorkingCalendar) -> list[QueueRow]:
    """Received cases nobody holds yet, by due date."""
    due = _due_subquery()
    stmt = _base(visible_kinds(user), due).where(Case.assignee_id.is_(None), Case.state == "received")
    return _rows(stmt, due, today, calendar)


def due_soon(user, today: date, calendar: WorkingCalendar, lead: int) -> list[QueueRow]:
    """Cases whose body deadline is at most ``lead`` working days away, not yet overdue.

    ``working_days_left(today, d) <= lead`` holds exactly for ``d`` before working
    day ``lead + 1`` after today, so the filter runs in SQL.
    """
    due = _due_subquery()
    cutoff = calendar.add_working_days(today, lead + 1)
    stmt = _base(visible_kinds(user), due, inner=True).where(due.c.last_day >= today, due.c.last_day < cutoff)
    return _rows(stmt, due, today, calendar)


def overdue(user, today: date, calendar: WorkingCalendar) -> list[QueueRow]:
    """Cases past their body deadline: from the day after the last day (LAW.md §4.3)."""
    due = _due_subquery()
    stmt = _base(visible_kinds(user), due, inner=True).where(due.c.last_day < today)
    return _rows(stmt, due, today, calendar)


def awaiting_head(user, today: date, calendar: WorkingCalendar) -> list[QueueRow]:
    """Information requests under a complaint to the head (art. 19), by decision due date."""
    due = _due_subquery()
    kinds = tuple(k for k in visible_kinds(user) if k == CaseKind.INFORMATION_REQUEST.value)
    stmt = _base(kinds, due).where(Case.state == "appealed")
    return _rows(stmt, due, today, calendar)


def officers_with_workload(unit: str) -> list[tuple[User, int]]:
    """Active officers of ``unit`` with their count of open assigned cases, by name.

    The officer's role must be the unit's officer role (``information_officer`` for
    ``information``, ``complaints_officer`` for ``complaints``).
    """
    role = ROLE_OF_UNIT[unit]
    open_cases = (db.select(Case.assignee_id, func.count(Case.id).label("n"))
                  .where(Case.state.not_in(DONE_STATES), Case.assignee_id.is_not(None))
                  .group_by(Case.assignee_id).subquery())
    stmt = (db.select(User, func.coalesce(open_cases.c.n, 0))
            .join(open_cases, open_cases.c.assignee_id == User.id, isouter=True)
            .where(User.role == role, User.active.is_(True), (User.unit == unit) | User.unit.is_(None))
            .order_by(User.full_name, User.username))
    return [(user, int(n)) for user, n in db.session.execute(stmt).all()]
