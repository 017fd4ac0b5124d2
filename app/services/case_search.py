"""Finding cases for staff lists and the API: filters, the body's deadline, pagination.

A case's deadline here is the last day of its running clock that the body must
meet (``Party.BODY`` periods: answer, extension, head's decision, complaint
answer), as on the work queues of ``app.services.assignment``. Dates are
Africa/Casablanca local dates; "days left" are working days (LAW.md §4).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func

from app.extensions import db
from app.models.case import Case
from app.models.clock import Clock, ClockStatus
from app.services.assignment import BODY_PERIODS, QueueRow, visible_kinds
from workflows.calendar import WorkingCalendar
from workflows.deadlines import is_overdue, working_days_left

UNASSIGNED = object()   # ``assignee_id`` filter value: cases nobody holds
MAX_PER_PAGE = 100


@dataclass(frozen=True)
class CaseFilter:
    """What to look for; ``None`` means "any".

    Args:
        state: a workflow state value (``received``, ``assigned`` …).
        kind: ``information_request`` or ``complaint``.
        assignee_id: a user id, or ``UNASSIGNED``.
        overdue: True for cases past their body deadline (from the day after the
            last day, LAW.md §4.3), False for the others.
    """

    state: str | None = None
    kind: str | None = None
    assignee_id: object = None
    overdue: bool | None = None


@dataclass(frozen=True)
class CasePage:
    """One page of results: ``rows`` in due-date order, ``total`` over all pages."""

    rows: list[QueueRow]
    total: int
    page: int
    per_page: int


def search_cases(user, wanted: CaseFilter, today: date, calendar: WorkingCalendar,
                 page: int = 1, per_page: int = 20) -> CasePage:
    """Cases ``user`` may see that match ``wanted``, soonest body deadline first.

    Officers see their unit's kind of case only (``assignment.visible_kinds``).
    ``today`` is the Casablanca local date; ``page`` counts from 1 and
    ``per_page`` is capped at ``MAX_PER_PAGE``.
    """
    page, per_page = max(page, 1), min(max(per_page, 1), MAX_PER_PAGE)
    due = (db.select(Clock.case_id, func.min(Clock.last_day).label("last_day"))
           .where(Clock.status == ClockStatus.RUNNING.value, Clock.period.in_(BODY_PERIODS))
           .group_by(Clock.case_id).subquery())
    stmt = (db.select(Case, due.c.last_day).join(due, due.c.case_id == Case.id, isouter=True)
            .where(*_conditions(user, wanted, due, today)))
    total = db.session.execute(db.select(func.count()).select_from(stmt.subquery())).scalar_one()
    stmt = (stmt.order_by(due.c.last_day.is_(None), due.c.last_day, Case.received_at, Case.id)
            .limit(per_page).offset((page - 1) * per_page))
    rows = [QueueRow(case, last, working_days_left(today, last, calendar) if last else None,
                     bool(last) and is_overdue(last, today))
            for case, last in db.session.execute(stmt).unique().all()]
    return CasePage(rows, total, page, per_page)


def _conditions(user, wanted: CaseFilter, due, today: date) -> list:
    kinds = [k for k in visible_kinds(user) if wanted.kind in (None, k)]
    out = [Case.kind.in_(kinds)]
    if wanted.state:
        out.append(Case.state == wanted.state)
    if wanted.assignee_id is UNASSIGNED:
        out.append(Case.assignee_id.is_(None))
    elif wanted.assignee_id is not None:
        out.append(Case.assignee_id == wanted.assignee_id)
    if wanted.overdue is True:
        out.append(due.c.last_day < today)
    elif wanted.overdue is False:
        out.append(due.c.last_day.is_(None) | (due.c.last_day >= today))
    return out
