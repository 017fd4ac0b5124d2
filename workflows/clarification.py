"""A request for clarification and what the applicant's reply does to the answer clock (LAW.md §4.7).

Law No. 31.13 lets the body ask the applicant to clarify a request, but does not say
that asking stops the answer period of art. 16 (20 working days) or art. 17 (urgent
requests). So, by default, the clock keeps running. A body may choose, as a
documented setting (``CLARIFICATION_CLOCK_POLICY``), to restart the answer clock from
the applicant's reply instead. Either way the exchange stays on the case, and a
request left unclear may be refused on the ``unclear_request`` ground (art. 18).

Plain values only: the services read the case, call these functions, and apply the
result (``app.services.clarification``).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum

from workflows.calendar import WorkingCalendar
from workflows.deadlines import Deadline, deadline
from workflows.machine import TransitionRefused
from workflows.statute import period


class ClarificationPolicy(str, Enum):
    """What the applicant's reply to a request for clarification does to the answer clock."""

    KEEP_RUNNING = "keep_running"          # the law's reading (LAW.md §4.7): nothing
    RESTART_ON_REPLY = "restart_on_reply"  # the answer clock starts again, day 0 = the reply's date


# Policy → the clocks a reply restarts (the body's answer periods of arts. 16 and 17).
# An extended clock restarts with its base period: the extension was already used.
RESTARTED_BY_REPLY: dict[ClarificationPolicy, tuple[str, ...]] = {
    ClarificationPolicy.KEEP_RUNNING: (),
    ClarificationPolicy.RESTART_ON_REPLY: ("answer", "urgent_answer"),
}

# Kind → the states in which the body may ask: it still owes the first answer.
MAY_ASK_IN: dict[str, tuple[str, ...]] = {
    "information_request": ("received", "assigned"),
}

# The refusal ground that needs a request for clarification on record (art. 18).
UNCLEAR_GROUND = "unclear_request"


@dataclass(frozen=True)
class Restart:
    """An answer clock restarted by a reply: ``period`` counted again from ``start`` (day 0)."""

    period: str
    start: date
    end: Deadline


def policy(value: str) -> ClarificationPolicy:
    """The policy named ``value`` (a setting).

    Raises:
        ValueError: not one of ``keep_running``, ``restart_on_reply``.
    """
    try:
        return ClarificationPolicy(value)
    except ValueError:
        names = ", ".join(p.value for p in ClarificationPolicy)
        raise ValueError(f"CLARIFICATION_CLOCK_POLICY must be one of: {names} (got {value!r})") from None


def check_may_ask(kind: str, state: str, running: dict[str, date], pending: bool) -> None:
    """Refuse a request for clarification that the case does not allow now.

    Args:
        kind: the case kind (``information_request`` …).
        state: its workflow state.
        running: last day of each running clock, by period name.
        pending: an earlier request for clarification still awaits the applicant's reply.

    Raises:
        TransitionRefused: ``clarification_not_open`` (not a request the body still has
            to answer, or no answer clock runs), ``clarification_pending``.
    """
    if state not in MAY_ASK_IN.get(kind, ()) or not any(p in running for p in ("answer", "urgent_answer")):
        raise TransitionRefused("clarification_not_open",
                                "a clarification can be asked only while the body must answer a request")
    if pending:
        raise TransitionRefused("clarification_pending",
                                "a request for clarification already awaits the applicant's reply")


def restart_on_reply(rule: ClarificationPolicy, asked_on: date | None, replied_on: date,
                     running: dict[str, date], calendar: WorkingCalendar) -> Restart | None:
    """The answer clock's restart caused by the applicant's reply, or None (LAW.md §4.7; art. 16, 17).

    Under ``keep_running`` (the default, the law's reading) a reply never moves a clock.
    Under ``restart_on_reply`` the running answer clock (``answer``, 20 working days,
    art. 16; or ``urgent_answer``, art. 17) is counted again with the reply's local
    Casablanca date as day 0 (LAW.md §4.2: day 1 is the next working day, also when
    the reply came on a weekend or holiday).

    Args:
        rule: the body's policy.
        asked_on: local date of the request for clarification this reply answers;
            None when no request awaits a reply (a reply without a request moves nothing).
        replied_on: local Casablanca date of the reply's receipt.
        running: last day of each running clock, by period name.
        calendar: the working calendar in force.

    Returns:
        ``Restart`` — or None when the policy keeps the clock running, no request awaited
        the reply, no answer clock runs (answered, deemed refused), or the restarted
        count would end no later than the current deadline (a restart never shortens
        the time left, e.g. after an extension).
    """
    if asked_on is None:
        return None
    for name in RESTARTED_BY_REPLY[rule]:
        if name in running:
            end = deadline(period(name), replied_on, calendar)
            return Restart(name, replied_on, end) if end.due > running[name] else None
    return None


def unclear_refusal_problem(grounds: list[str], asked: bool) -> str | None:
    """Why a refusal on the ``unclear_request`` ground may not be given yet (None when it may).

    Art. 18 allows refusing an unclear request; the exchange must be on record, so the
    body first asks the applicant to clarify it (LAW.md §4.7) and the letter cites it.
    """
    if UNCLEAR_GROUND in grounds and not asked:
        return "ask the applicant to clarify the request first: the letter cites that exchange (art. 18)"
    return None
