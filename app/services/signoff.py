"""Who signs off which letter before it is issued, and the approvers' queue (issue 5 §4).

The rules are a setting, ``LETTER_SIGNOFF``: letter kind → ``{"approver": role,
"outcomes": [...]}`` (``outcomes`` optional: the rule then holds for every outcome).
By default an answer that refuses or grants in part needs a supervisor's approval,
and the head's decision (art. 19) is signed by the head. An approver's own action
needs no further sign-off. Administrators approve what supervisors approve.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask import current_app
from sqlalchemy import func

from app.extensions import db
from app.models.case import Case
from app.models.clock import Clock, ClockStatus
from app.models.letter_draft import DraftStatus, LetterDraft
from app.models.user import Role
from app.services.assignment import visible_kinds
from workflows.statute import BODY_PERIODS
from workflows.calendar import WorkingCalendar
from workflows.deadlines import days_left, is_overdue, working_days_left
from workflows.kinds import body_counting

SUPERVISOR, HEAD = Role.SUPERVISOR.value, Role.HEAD.value
MAX_PER_PAGE = 100


def approver_role(case, trigger: str, payload: dict) -> str | None:
    """The role that must sign off the letter ``trigger`` issues with ``payload``, or None."""
    kind = case.spec.letter_after.get(trigger)
    rule = current_app.config["LETTER_SIGNOFF"].get(kind) if kind else None
    if not rule:
        return None
    outcomes = rule.get("outcomes")
    if outcomes and (payload or {}).get("outcome") not in outcomes:
        return None
    return Role(rule["approver"]).value


def is_approver(user, role: str | None) -> bool:
    """True when ``user`` signs off for ``role`` (an administrator for a supervisor)."""
    if role is None or user is None:
        return False
    if role == SUPERVISOR:
        return user.has_role(Role.SUPERVISOR, Role.ADMIN)
    return user.role == role


def needs_signoff(case, trigger: str, payload: dict, actor) -> str | None:
    """The approver's role when ``actor``'s action must wait for a sign-off, else None."""
    role = approver_role(case, trigger, payload)
    return None if role is None or is_approver(actor, role) else role


def prepares_for_head(case, trigger: str, user) -> bool:
    """Supervisors prepare the letters the head signs (e.g. his decision, art. 19) for his signature."""
    kind = case.spec.letter_after.get(trigger)
    rule = current_app.config["LETTER_SIGNOFF"].get(kind) if kind else None
    return bool(rule) and rule.get("approver") == HEAD and user.has_role(Role.SUPERVISOR, Role.ADMIN)


def approves_any(user) -> bool:
    """True when ``user``'s role signs off some letters (supervisors, administrators, the head)."""
    return user.has_role(Role.SUPERVISOR, Role.ADMIN, Role.HEAD)


@dataclass(frozen=True)
class ApprovalRow:
    """A draft awaiting sign-off, with its case's body deadline (``days_left`` in working days;
    ``left`` in the deadline's own unit, ``counting``: ``working`` or ``calendar``)."""

    draft: LetterDraft
    last_day: date | None
    days_left: int | None
    overdue: bool
    left: int | None = None
    counting: str = "working"


@dataclass(frozen=True)
class ApprovalPage:
    rows: list[ApprovalRow]
    total: int
    page: int
    per_page: int


def awaiting(user, today: date, calendar: WorkingCalendar, page: int = 1, per_page: int = 20) -> ApprovalPage:
    """Drafts submitted for ``user``'s sign-off on cases they may see, the most urgent first.

    The statutory clock keeps running while a draft waits: each row carries its case's
    body deadline (the last day of the running answer or decision clock, Africa/Casablanca)
    and the working days left, negative when overdue (LAW.md §4.3).
    """
    page, per_page = max(page, 1), min(max(per_page, 1), MAX_PER_PAGE)
    roles = [r for r in (SUPERVISOR, HEAD) if is_approver(user, r)]
    due = (db.select(Clock.case_id, func.min(Clock.last_day).label("last_day"))
           .where(Clock.status == ClockStatus.RUNNING.value, Clock.period.in_(BODY_PERIODS))
           .group_by(Clock.case_id).subquery())
    stmt = (db.select(LetterDraft, due.c.last_day).join(Case, Case.id == LetterDraft.case_id)
            .join(due, due.c.case_id == Case.id, isouter=True)
            .where(LetterDraft.status == DraftStatus.SUBMITTED.value, LetterDraft.approver_role.in_(roles),
                   Case.kind.in_(visible_kinds(user))))
    total = db.session.execute(db.select(func.count()).select_from(stmt.subquery())).scalar_one()
    stmt = (stmt.order_by(due.c.last_day.is_(None), due.c.last_day, LetterDraft.submitted_at, LetterDraft.id)
            .limit(per_page).offset((page - 1) * per_page))
    rows = [_row(draft, last, today, calendar) for draft, last in db.session.execute(stmt).all()]
    return ApprovalPage(rows, total, page, per_page)


def _row(draft: LetterDraft, last: date | None, today: date, calendar: WorkingCalendar) -> ApprovalRow:
    counting = body_counting(draft.case.kind)
    return ApprovalRow(draft, last, working_days_left(today, last, calendar) if last else None,
                       bool(last) and is_overdue(last, today),
                       days_left(today, last, counting, calendar) if last else None, counting)
