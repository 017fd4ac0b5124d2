"""The work queues of the dashboard: each one a filter of the case list, most urgent first.

A queue shows its first rows and a bounded count, and links to the case list with
the same filter, so a queue of 20,000 cases costs what a queue of 20 does. A case's
deadline is the last day of its running clock the body must meet (``Party.BODY``
periods of ``workflows.statute``); the citizen's windows are not the body's
deadlines. Dates are Africa/Casablanca local dates; "days left" are working days.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from app.models.case import CaseKind
from app.models.user import Role
from app.services.assignment import QueueRow
from app.services.case_search import UNASSIGNED, CaseFilter, CasePage, list_rows, search_cases
from workflows.calendar import WorkingCalendar
from workflows.information_request import State

OFFICERS = (Role.INFORMATION_OFFICER.value, Role.COMPLAINTS_OFFICER.value)


@dataclass(frozen=True)
class Queue:
    """A dashboard queue: its name, the case-list filter it is, and its first page."""

    name: str
    wanted: CaseFilter
    page: CasePage


def mine(user) -> CaseFilter:
    """Open cases assigned to ``user``."""
    return CaseFilter(assignee_id=user.id, open=True)


def new_unassigned() -> CaseFilter:
    """Received cases nobody holds yet (an officer takes one, a supervisor assigns)."""
    return CaseFilter(assignee_id=UNASSIGNED, state=State.RECEIVED.value)


def past_deadline() -> CaseFilter:
    """Cases past their body deadline: from the day after the last day (LAW.md §4.3)."""
    return CaseFilter(overdue=True)


def due_within(today: date, calendar: WorkingCalendar, lead: int) -> CaseFilter:
    """Cases whose body deadline is at most ``lead`` working days away, not yet overdue.

    ``working_days_left(today, d) <= lead`` holds exactly for ``d`` before working day
    ``lead + 1`` after today.
    """
    return CaseFilter(overdue=False, due_to=calendar.add_working_days(today, lead + 1) - timedelta(days=1))


def appealed() -> CaseFilter:
    """Information requests under a complaint to the head of the body awaiting his decision (art. 19),
    also after his silence was recorded (he may still decide)."""
    return CaseFilter(kind=CaseKind.INFORMATION_REQUEST.value, stage="head_decision")


def awaiting_ruling() -> CaseFilter:
    """Requests before the CDAI or the court (arts. 20–21): the body answers, staff record the ruling."""
    return CaseFilter(kind=CaseKind.INFORMATION_REQUEST.value, stage="awaiting_ruling")


def ruling_delivery() -> CaseFilter:
    """Requests the head, the CDAI or a court ruled must be delivered, their delivery clock running."""
    return CaseFilter(kind=CaseKind.INFORMATION_REQUEST.value, stage="ruling_delivery")


def dashboard(user, today: date, calendar: WorkingCalendar, lead: int, size: int = 10) -> list[Queue]:
    """The queues ``user`` works from, each with its first ``size`` rows and a bounded count.

    Officers: their own open cases, then the new unassigned cases of their unit.
    Others: (the head: complaints awaiting his decision,) overdue, due soon, unassigned;
    supervisors and administrators also the chain's stages where the body must act:
    a ruling for the applicant to deliver, proceedings before the CDAI or the court.
    """
    if user.role in OFFICERS:
        named = [("mine", mine(user)), ("unassigned", new_unassigned())]
    else:
        named = [("appealed", appealed())] if user.has_role(Role.HEAD) else []
        named += [("overdue", past_deadline()), ("due_soon", due_within(today, calendar, lead)),
                  ("unassigned", new_unassigned())]
        if user.has_role(Role.SUPERVISOR, Role.ADMIN):
            named += [("ruling_delivery", ruling_delivery()), ("awaiting_ruling", awaiting_ruling())]
    return [Queue(name, wanted, search_cases(user, wanted, today, calendar, per_page=size))
            for name, wanted in named]


def my_cases(user, today: date, calendar: WorkingCalendar, limit: int | None = None) -> list[QueueRow]:
    """Open cases assigned to ``user``, most urgent first (urgent, then soonest deadline)."""
    return list_rows(user, mine(user), today, calendar, limit)


def unassigned(user, today: date, calendar: WorkingCalendar, limit: int | None = None) -> list[QueueRow]:
    """Received cases nobody holds yet, most urgent first."""
    return list_rows(user, new_unassigned(), today, calendar, limit)


def due_soon(user, today: date, calendar: WorkingCalendar, lead: int, limit: int | None = None) -> list[QueueRow]:
    """Cases due within ``lead`` working days, not overdue, soonest first."""
    return list_rows(user, due_within(today, calendar, lead), today, calendar, limit)


def overdue(user, today: date, calendar: WorkingCalendar, limit: int | None = None) -> list[QueueRow]:
    """Cases past their body deadline, most urgent first."""
    return list_rows(user, past_deadline(), today, calendar, limit)


def awaiting_head(user, today: date, calendar: WorkingCalendar, limit: int | None = None) -> list[QueueRow]:
    """Information requests under a complaint to the head awaiting his decision (art. 19), by decision due date."""
    return list_rows(user, appealed(), today, calendar, limit)
