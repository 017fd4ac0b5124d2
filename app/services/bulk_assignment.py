"""Assigning many cases at once from a list: each case is its own unit of work.

One case refused (another unit's officer, a closed case, a concurrent change) does
not undo or stop the others; the result says, case by case, what happened and why.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app.extensions import db
from app.services.assignment import may_see
from app.services.cases import CaseNotFound, Conflict, PayloadInvalid, fire, get_case
from workflows.machine import TransitionRefused

MAX_CASES = 100


@dataclass(frozen=True)
class BulkResult:
    """One case's outcome: ``error`` is None when assigned, else the exception that refused it."""

    reference: str
    error: Exception | None

    @property
    def done(self) -> bool:
        return self.error is None


def bulk_assign(references, officer: str, actor, now: datetime | None = None) -> list[BulkResult]:
    """Assign each case of ``references`` (at most ``MAX_CASES``, repeats dropped) to ``officer``.

    Each case is fired through ``cases.fire`` (actor check, payload, workflow, commit)
    on its own; a refusal rolls back that case only.

    Raises:
        PayloadInvalid: no case given, or more than ``MAX_CASES``.
    """
    chosen = list(dict.fromkeys(r.strip().upper() for r in references if r and r.strip()))
    if not chosen:
        raise PayloadInvalid({"references": "select at least one case"})
    if len(chosen) > MAX_CASES:
        raise PayloadInvalid({"references": f"at most {MAX_CASES} cases at once"})
    return [_assign_one(reference, officer, actor, now) for reference in chosen]


def _assign_one(reference: str, officer: str, actor, now) -> BulkResult:
    try:
        case = get_case(reference)
        if not may_see(actor, case):
            raise CaseNotFound(reference)
        fire(case, "assign", {"officer": officer}, actor=actor, now=now)
    except (CaseNotFound, PermissionError, PayloadInvalid, TransitionRefused, Conflict) as exc:
        db.session.rollback()
        return BulkResult(reference, exc)
    return BulkResult(reference, None)
