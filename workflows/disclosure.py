"""The disclosure log's rules (art. 10 proactive publication): which answers are published, when, by whom.

A granted or partly granted answer is published on the public log after a delay
counted in working days from the day the applicant received it (day 0, LAW.md §4.2),
unless an officer withholds it with a reason; an officer may publish at once. A
publication never touches the case's statutory state or clocks: it has its own small
table of states, below. Pure Python: no Flask, no database.

    scheduled ──publish (officer, or the scheduler once due)──▶ published
    scheduled ──hold (the scheduler: personal data found)─────▶ held
    held ──────review (an officer changed files or boxes)─────▶ scheduled
    scheduled, held, published ──withhold (reason)───────────▶ withheld
    withheld, held ──publish (officer)────────────────────────▶ published
"""
from __future__ import annotations

from datetime import date
from enum import Enum

from workflows.calendar import WorkingCalendar
from workflows.machine import TransitionRefused
from workflows.statute import Outcome


class PublicationState(str, Enum):
    """Where an entry of the disclosure log stands."""

    SCHEDULED = "scheduled"    # will be published when due (answers), unless withheld
    HELD = "held"              # due, but the scheduler found personal data: waits for an officer
    PUBLISHED = "published"    # on the public log
    WITHHELD = "withheld"      # "not for publication" (or taken down), with a reason


S = PublicationState
# move → the states it may leave. The scheduler publishes only SCHEDULED entries once due.
MOVES: dict[str, frozenset[PublicationState]] = {
    "publish": frozenset({S.SCHEDULED, S.HELD, S.WITHHELD}),
    "withhold": frozenset({S.SCHEDULED, S.HELD, S.PUBLISHED}),
    "hold": frozenset({S.SCHEDULED}),
    "review": frozenset({S.HELD}),
}
TARGET = {"publish": S.PUBLISHED, "withhold": S.WITHHELD, "hold": S.HELD, "review": S.SCHEDULED}

# Answers that release information, and so are published (art. 10; Alaveteli's practice).
PUBLISHED_OUTCOMES = frozenset({Outcome.GRANTED.value, Outcome.PARTLY_GRANTED.value})
# A reason for withholding is a few sentences.
REASON_LIMIT = 2000


def move(state: str, name: str) -> PublicationState:
    """The state after ``name`` (``publish``, ``withhold``, ``hold``, ``review``) from ``state``.

    Raises:
        TransitionRefused: ``publication_not_allowed`` when the move does not leave ``state``.
    """
    current = PublicationState(state)
    if current not in MOVES[name]:
        raise TransitionRefused("publication_not_allowed",
                                f"this entry of the disclosure log is {current.value}: it cannot be {name}ed now",
                                state=current.value)
    return TARGET[name]


def is_published_outcome(outcome: str | None) -> bool:
    """True for the outcomes whose answer goes on the disclosure log (granted, partly granted)."""
    return outcome in PUBLISHED_OUTCOMES


def publication_due(received_on: date, delay: int, calendar: WorkingCalendar) -> date:
    """The Casablanca date from which an answer is published: working day ``delay`` after its receipt.

    Args:
        received_on: the local date the applicant received the answer (day 0).
        delay: working days (``DISCLOSURE_DELAY_WORKING_DAYS``, default 20).
        calendar: the working calendar in force.
    """
    return calendar.add_working_days(received_on, delay)


def is_due(due_on: date | None, today: date) -> bool:
    """True from the due date on (an entry due today is published today)."""
    return due_on is not None and today >= due_on


def reason_problem(reason) -> str | None:
    """Why a withholding reason is not acceptable (None: it is)."""
    if not isinstance(reason, str) or not reason.strip():
        return "Give the reason."
    if len(reason.strip()) > REASON_LIMIT:
        return "This text is too long."
    return None
