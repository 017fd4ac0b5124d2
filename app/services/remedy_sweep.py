"""The sweep's part in the chain after the head of the body (arts. 19–21).

When the head's decision period has run out, the case is ``deem_head_silence``d
(the CDAI window opens the day after, the applicant is e-mailed); when the CDAI's
period has run out, ``deem_cdai_silence`` (the court window opens); when the
applicant let the CDAI or the court window lapse, ``lapse_remedy`` closes the case.
Like the deemed refusals, each is an ordinary transition in its own unit of work,
computed from dates only: a second pass changes nothing. They fire on every pass,
whatever the hour (issue 8 §3: only notices wait for 09:00); the head's overdue
notice and the applicant's e-mail commit with the silence, held until the notice hour.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models.case import Case, CaseKind
from app.services import cases
from workflows.information_request import TRANSITIONS
from workflows.machine import TransitionRefused
from workflows.remedies import SWEEP_TRIGGERS

log = logging.getLogger(__name__)


def _sources(trigger: str) -> tuple[str, ...]:
    """The states from which ``trigger`` may be fired, read from the table."""
    found = []
    for row in TRANSITIONS:
        if row["trigger"] == trigger:
            sources = row["source"] if isinstance(row["source"], list) else [row["source"]]
            found += [s.value for s in sources]
    return tuple(dict.fromkeys(found))


def fire_remedy_expiries(report, now: datetime, due: list, *, hold: datetime | None = None,
                         overdue: Callable | None = None) -> None:
    """Fire the chain's sweep triggers on every case whose period ran out before ``report.today``.

    Args:
        report: the pass's ``SweepReport`` (``remedies``, ``overdue_notices``, ``skipped``
            and ``errors`` are counted).
        now: the instant of the pass, naive UTC.
        due: the pass's ``DueClock`` rows (running clocks near or past their last day).
        hold: outside the notice hour, the instant (naive UTC) until which the e-mails
            queued with a transition wait in the outbox; None sends them at once.
        overdue: ``(case, clock) -> [Notification]``, the overdue notices of the body
            period the transition expires that are not queued yet (the head's decision, art. 19).
    """
    wanted: dict[int, str] = {}
    for clock in sorted(due, key=lambda d: d.last_day):
        if clock.period in SWEEP_TRIGGERS and clock.last_day < report.today:
            wanted.setdefault(clock.case_id, SWEEP_TRIGGERS[clock.period])
    for trigger in dict.fromkeys(wanted.values()):
        ids = sorted(i for i, t in wanted.items() if t == trigger)
        found = db.session.execute(
            select(Case).where(Case.id.in_(ids), Case.kind == CaseKind.INFORMATION_REQUEST.value,
                               Case.state.in_(_sources(trigger)))
            .options(selectinload(Case.clocks)).order_by(Case.id)).scalars().all()
        for case in found:
            _fire(report, now, case, trigger, hold, overdue)


def _fire(report, now: datetime, case: Case, trigger: str, hold: datetime | None, overdue) -> None:
    case_id = case.id
    try:
        with db.session.no_autoflush:
            notices = _expiring_notices(case, trigger, overdue)
            db.session.add_all(notices)
            cases.fire(case, trigger, actor=None, now=now, hold=hold)
    except (cases.Conflict, TransitionRefused, IntegrityError) as exc:
        db.session.rollback()
        report.skipped += 1
        log.info("%s of case %s skipped: %s", trigger, case_id, exc)
        return
    except Exception:
        db.session.rollback()
        report.errors += 1
        log.exception("%s of case %s failed", trigger, case_id)
        return
    report.remedies += 1
    report.overdue_notices += len(notices)


def _expiring_notices(case: Case, trigger: str, overdue) -> list:
    """The overdue notices of the running clock ``trigger`` expires, if any (commit with it)."""
    period = next((p for p, t in SWEEP_TRIGGERS.items() if t == trigger and case.clock(p) is not None), None)
    if overdue is None or period is None:
        return []
    return overdue(case, case.clock(period))
