"""The life of a complaint, observation or proposal (decree No. 2.17.265)."""
from __future__ import annotations

from datetime import date
from enum import Enum

from workflows.machine import CaseFacts, ClockChange, Workflow

# The complainant may reopen an answered complaint once.
MAX_REOPENINGS = 1


class State(str, Enum):
    RECEIVED = "received"
    ASSIGNED = "assigned"
    ANSWERED = "answered"
    REDIRECTED = "redirected"   # outside the body's competence: sent to the competent body
    CLOSED = "closed"


S = State
TRANSITIONS = [
    {"trigger": "assign", "source": [S.RECEIVED, S.ASSIGNED], "dest": S.ASSIGNED},
    {"trigger": "take", "source": S.RECEIVED, "dest": S.ASSIGNED, "conditions": "nobody_holds_it"},
    {"trigger": "answer", "source": S.ASSIGNED, "dest": S.ANSWERED},
    {"trigger": "redirect", "source": [S.RECEIVED, S.ASSIGNED], "dest": S.REDIRECTED},
    {"trigger": "reopen", "source": S.ANSWERED, "dest": S.ASSIGNED, "conditions": "may_still_reopen"},
    {"trigger": "withdraw", "source": [S.RECEIVED, S.ASSIGNED], "dest": S.CLOSED},
    {"trigger": "close", "source": [S.ANSWERED, S.REDIRECTED], "dest": S.CLOSED},
]

ANSWER_CLOCKS = ("complaint_answer",)


class ComplaintWorkflow(Workflow):
    """Guards of the complaint machine; see ``TRANSITIONS``."""

    State = State
    TRANSITIONS = TRANSITIONS

    def may_still_reopen(self, event) -> bool:
        """Decree 2.17.265 follow-up: one reopening by the complainant."""
        return self.facts.reopen_count < MAX_REOPENINGS or self.refuse(
            "already_reopened", "this complaint was already reopened once")


def initial_clocks(received_on: date, urgent: bool = False) -> ClockChange:
    """Clocks started by receipt: acknowledgment in 15 days, answer in 60 (calendar days).

    ``urgent`` is ignored: the decree knows no urgent complaint.
    """
    return ClockChange(start=(("complaint_acknowledgment", received_on), ("complaint_answer", received_on)))


def clock_changes(trigger: str, facts: CaseFacts) -> ClockChange:
    """How ``trigger`` (just fired, on ``facts.today``) moves the clocks."""
    if trigger in ("answer", "redirect", "withdraw"):
        return ClockChange(stop=ANSWER_CLOCKS + ("complaint_acknowledgment",))
    if trigger == "reopen":
        return ClockChange(start=(("complaint_answer", facts.today),))
    return ClockChange()
