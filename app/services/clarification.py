"""Requests for clarification on a case: the policy in force, its effect on the clock, the exchange on record.

The rule itself (what restarts, from which day) is ``workflows.clarification``; this
module reads the case and the settings, applies the result to the case's clocks and
timeline (inside the caller's unit of work), and states the exchange for letters.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from flask import current_app
from sqlalchemy.orm.attributes import flag_modified

from app.extensions import db
from app.models.message import Message, Sender
from app.services.clocks import running_deadlines
from app.services.timeline import record_event
from workflows import clarification as rules
from workflows.calendar import WorkingCalendar, local_date


@dataclass(frozen=True)
class Exchange:
    """A request for clarification and the applicant's reply, as Casablanca local dates (None: no reply)."""

    asked_on: date
    replied_on: date | None


def current_policy() -> rules.ClarificationPolicy:
    """The body's policy (setting ``CLARIFICATION_CLOCK_POLICY``). Raises ValueError when misspelt."""
    return rules.policy(current_app.config["CLARIFICATION_CLOCK_POLICY"])


def pending_request(case) -> Message | None:
    """The latest request for clarification of ``case`` if no applicant message came after it."""
    asked = db.session.execute(
        db.select(Message).where(Message.case_id == case.id, Message.clarification.is_(True))
        .order_by(Message.id.desc()).limit(1)).scalar_one_or_none()
    if asked is None:
        return None
    replied = db.session.execute(
        db.select(Message.id).where(Message.case_id == case.id, Message.sender == Sender.APPLICANT.value,
                                    Message.id > asked.id).limit(1)).scalar_one_or_none()
    return None if replied else asked


def check_may_ask(case) -> None:
    """Refuse a request for clarification the case does not allow now (``TransitionRefused``)."""
    rules.check_may_ask(case.kind, case.state, running_deadlines(case), pending_request(case) is not None)


def apply_reply(case, asked: Message, now: datetime, calendar: WorkingCalendar) -> rules.Restart | None:
    """Apply the policy to the reply received at ``now`` (naive UTC) to the request ``asked``.

    Under ``restart_on_reply`` the running answer clock is counted again from the
    reply's local date (``workflows.clarification.restart_on_reply``), recorded as a
    ``clock`` event; the case row is touched so that a concurrent transition (an
    answer, a deemed refusal) conflicts instead of interleaving. Not committed.
    """
    rule = current_policy()
    restart = rules.restart_on_reply(rule, local_date(asked.created_at), local_date(now),
                                     running_deadlines(case), calendar)
    if restart is None:
        return None
    clock = next(c for c in case.running_clocks() if c.period == restart.period)
    record_event(case, "clock", None, code="clock_restarted", params={"period": restart.period}, at=now,
                 data={"period": restart.period, "start": restart.start.isoformat(),
                       "due": restart.end.due.isoformat(), "last_day": restart.end.last_day.isoformat(),
                       "from": clock.due_on.isoformat(), "article": clock.article, "policy": rule.value,
                       "restarted": True})
    clock.started_on, clock.due_on, clock.last_day = restart.start, restart.end.due, restart.end.last_day
    clock.extended_by = None   # counted afresh: a later holiday change recounts from the reply
    touch(case)
    return restart


def latest_restart(case) -> dict | None:
    """The last restart of a running answer clock by a reply: ``{"start", "last_day"}`` ISO dates, or None.

    None once that clock no longer runs (answered, deemed refused), so the status page
    states the restart only while it matters.
    """
    restarted = next((e.data for e in reversed(case.events) if e.kind == "clock" and e.data.get("restarted")), None)
    clock = next((c for c in case.running_clocks() if restarted and c.period == restarted.get("period")), None)
    if clock is None:
        return None
    return {"start": restarted["start"], "last_day": clock.last_day.isoformat()}   # an extension may follow


def touch(case) -> None:
    """Make the case row part of the unit of work, so its version check catches a concurrent change."""
    flag_modified(case, "state")


def exchanges(case) -> list[Exchange]:
    """Every request for clarification of ``case`` with the date of the reply it got, oldest first.

    The reply to a request is the applicant's first message after it; dates are local
    Casablanca dates. For the answer letter (art. 18, ``unclear_request``).
    """
    rows = db.session.execute(
        db.select(Message.sender, Message.clarification, Message.created_at)
        .where(Message.case_id == case.id, Message.clarification.is_(True) | (Message.sender == Sender.APPLICANT.value))
        .order_by(Message.id)).all()
    out: list[Exchange] = []
    for sender, is_request, at in rows:
        if is_request:
            out.append(Exchange(local_date(at), None))
        elif sender == Sender.APPLICANT.value and out and out[-1].replied_on is None:
            out[-1] = Exchange(out[-1].asked_on, local_date(at))
    return out


def unclear_refusal_problem(case, grounds) -> str | None:
    """Why the ``unclear_request`` ground may not be used yet on ``case`` (None when it may; art. 18)."""
    if rules.UNCLEAR_GROUND not in (grounds or ()):
        return None
    asked = db.session.execute(db.select(Message.id).where(
        Message.case_id == case.id, Message.clarification.is_(True)).limit(1)).scalar_one_or_none()
    return rules.unclear_refusal_problem(list(grounds), asked is not None)
