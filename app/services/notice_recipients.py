"""Who hears about a clock: the staff a reminder, an overdue notice or a correction goes to.

Plain values read once per pass (``Addressee``): they outlive the sweep's commits.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from app.extensions import db
from app.models.case import Case
from app.models.clock import Clock
from app.models.user import Role, User


@dataclass(frozen=True)
class Addressee:
    """A staff member a notice goes to (plain values: they outlive the sweep's commits)."""

    id: int
    email: str
    full_name: str
    username: str
    full_name_ar: str = ""

    @classmethod
    def of(cls, user: User) -> Addressee:
        return cls(user.id, user.email, user.full_name, user.username, user.full_name_ar)


class Recipients:
    """Who hears about a clock: the assigned officer and every active supervisor with an
    e-mail address; for the head's decision (art. 19), the heads too."""

    def __init__(self):
        def active(role):
            return [Addressee.of(u) for u in db.session.execute(
                select(User).where(User.role == role.value, User.active.is_(True), User.email.is_not(None),
                                   User.email != "").order_by(User.id)).scalars()]
        self.supervisors, self.heads = active(Role.SUPERVISOR), active(Role.HEAD)

    def of(self, case: Case, clock: Clock) -> list[Addressee]:
        people = list(self.supervisors) + (list(self.heads) if clock.period == "head_decision" else [])
        officer = case.assignee
        if officer is not None and officer.active and officer.email:
            people.append(Addressee.of(officer))
        unique = {person.id: person for person in people}
        return [unique[i] for i in sorted(unique)]
