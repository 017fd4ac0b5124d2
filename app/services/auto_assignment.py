"""Assigning new cases on receipt, by the policy an administrator set for the unit.

Policies (``app.models.unit_policy.AssignmentPolicy``): none (the case waits in the
unit's queue, where an officer takes it), round robin (in turn among the unit's
active officers, by account order) and least loaded (the active officer with the
fewest open cases; ties in turn). The assignment is the workflow's ``assign``
trigger fired by the system inside the registration's unit of work, so it is on
the timeline (actor "system", the policy as reason) and commits with the case.

Concurrent receipts take their turns one after the other: each bumps the unit's
``rotation`` with one atomic ``UPDATE … RETURNING``, whose row lock (PostgreSQL) or
write lock (SQLite) lasts until the registration commits, so the next receipt
counts the officers' loads with this case already assigned.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import update

from app.extensions import db
from app.models.unit_policy import AssignmentPolicy, UnitPolicy
from app.models.user import Unit, User
from app.services.assignment import officers_with_workload
from app.services.cases import fire_within

POLICIES = tuple(p.value for p in AssignmentPolicy)
UNITS = tuple(u.value for u in Unit)


def policy_of(unit: str) -> str:
    """The unit's assignment policy (``none`` when never set)."""
    row = db.session.get(UnitPolicy, unit)
    return row.assignment if row else AssignmentPolicy.NONE.value


def policies() -> dict[str, UnitPolicy | None]:
    """Every unit → its policy row (None when never set)."""
    return {unit: db.session.get(UnitPolicy, unit) for unit in UNITS}


def set_policy(unit: str, assignment: str, actor, now: datetime) -> UnitPolicy:
    """Set ``unit``'s policy (an administrator's choice) and commit.

    Raises:
        ValueError: unknown unit or policy.
    """
    if unit not in UNITS or assignment not in POLICIES:
        raise ValueError(f"unknown unit or policy: {unit}, {assignment}")
    row = db.session.get(UnitPolicy, unit) or UnitPolicy(unit=unit, rotation=0)
    row.assignment, row.updated_at, row.updated_by = assignment, now, actor
    db.session.add(row)
    db.session.commit()
    return row


def assign_on_receipt(case, now: datetime) -> User | None:
    """Assign a just-registered ``case`` by its unit's policy, in the caller's unit of work.

    Returns the officer, or None when the policy is none or the unit has no active
    officer (the case then waits in the queue). Never commits.
    """
    turn = db.session.execute(
        update(UnitPolicy).where(UnitPolicy.unit == case.unit, UnitPolicy.assignment != AssignmentPolicy.NONE.value)
        .values(rotation=UnitPolicy.rotation + 1).returning(UnitPolicy.assignment, UnitPolicy.rotation)
    ).one_or_none()
    if turn is None:
        return None
    officer = choose_officer(case.unit, turn.assignment, turn.rotation)
    if officer is not None:
        fire_within(case, "assign", {"officer": officer.username, "reason": f"auto-assignment: {turn.assignment}"},
                    now=now)
    return officer


def choose_officer(unit: str, assignment: str, turn: int) -> User | None:
    """The officer whose turn ``turn`` (1, 2, …) is under ``assignment``, among the unit's active officers."""
    loads = sorted(officers_with_workload(unit), key=lambda pair: pair[0].id)
    if assignment == AssignmentPolicy.LEAST_LOADED.value and loads:
        lightest = min(n for _, n in loads)
        loads = [(user, n) for user, n in loads if n == lightest]
    return loads[(turn - 1) % len(loads)][0] if loads else None
