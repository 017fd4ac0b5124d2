"""Assignment: who may see which kind of case, who holds it, and the officers' workload.

The work queues built on it are in ``app.services.queues``.

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
from app.models.case import Case
from app.models.user import Role, Unit, User
from workflows.kinds import SPECS, Phase, states_in

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
    due day, negative when overdue); ``left`` counts the same in the clock's own unit,
    ``counting`` (``working`` or ``calendar``: a complaint's deadlines are calendar days).
    """

    case: Case
    last_day: date | None
    days_left: int | None
    overdue: bool
    left: int | None = None
    counting: str = "working"


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
