"""One registry of case kinds: each kind's workflow, clocks, letters, unit and phases.

Code that must treat an information request and a complaint differently looks the
kind up here once (``spec(kind)``) instead of branching on its name, so a new kind
or a new stage is added in one place. ``phase(kind, state)`` is the one answer to
"where does this case stand" (open or done, whose move it is); it fails loudly on a
state it does not know.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import Enum

from workflows import complaint, information_request
from workflows.machine import CaseFacts, ClockChange, Workflow
from workflows.statute import PERIODS


class CaseKind(str, Enum):
    """What a case is: a request under Law 31.13, or a submission under decree 2.17.265."""

    INFORMATION_REQUEST = "information_request"
    COMPLAINT = "complaint"


class Phase(str, Enum):
    """Where a case stands, whatever its kind (alaveteli's phases of a request)."""

    NEW = "new"                        # received, nobody holds it yet
    WITH_BODY = "with_body"            # an officer holds it: the body must act
    WITH_APPLICANT = "with_applicant"  # answered or deemed refused: the next move is the applicant's
    UNDER_REVIEW = "under_review"      # a complaint against the answer is being decided
    DONE = "done"                      # closed or sent to another body

    @property
    def is_open(self) -> bool:
        return self is not Phase.DONE


@dataclass(frozen=True)
class CaseKindSpec:
    """Everything that differs between kinds of case.

    Attributes:
        kind: the kind.
        reference_prefix: the letters of its reference numbers (``DAI-2026-000001``).
        unit: the unit that handles it (``information`` or ``complaints``).
        workflow: the state machine class (``State`` enum and ``TRANSITIONS`` table).
        phases: every state of ``workflow`` → its ``Phase``.
        answer_clocks: the clocks that hold the body's answer deadline.
        initial_clocks: ``(received_on, urgent) -> ClockChange``, the clocks receipt starts.
        clock_changes: ``(trigger, facts) -> ClockChange``, how a fired trigger moves the clocks.
        letter_after: trigger → the kind of letter issued with it.
    """

    kind: CaseKind
    reference_prefix: str
    unit: str
    workflow: type[Workflow]
    phases: Mapping[Enum, Phase]
    answer_clocks: tuple[str, ...]
    initial_clocks: Callable[[date, bool], ClockChange]
    clock_changes: Callable[[str, CaseFacts], ClockChange]
    letter_after: Mapping[str, str]


_IR, _C = information_request.State, complaint.State

SPECS: dict[CaseKind, CaseKindSpec] = {s.kind: s for s in (
    CaseKindSpec(
        kind=CaseKind.INFORMATION_REQUEST, reference_prefix="DAI", unit="information",
        workflow=information_request.InformationRequestWorkflow,
        phases={_IR.RECEIVED: Phase.NEW, _IR.ASSIGNED: Phase.WITH_BODY, _IR.ANSWERED: Phase.WITH_APPLICANT,
                _IR.DEEMED_REFUSED: Phase.WITH_APPLICANT, _IR.APPEALED: Phase.UNDER_REVIEW,
                # After the head (arts. 20–21): a window of the applicant's, or a review elsewhere.
                _IR.HEAD_UPHELD: Phase.WITH_APPLICANT, _IR.HEAD_SILENT: Phase.WITH_APPLICANT,
                _IR.AT_CDAI: Phase.UNDER_REVIEW, _IR.CDAI_FOR_BODY: Phase.WITH_APPLICANT,
                _IR.CDAI_SILENT: Phase.WITH_APPLICANT, _IR.IN_COURT: Phase.UNDER_REVIEW,
                _IR.CLOSED: Phase.DONE},
        answer_clocks=information_request.ANSWER_CLOCKS,
        initial_clocks=information_request.initial_clocks,
        clock_changes=information_request.clock_changes,
        letter_after={"extend": "extension_notice", "answer": "answer",
                      "complain_to_head": "head_complaint_acknowledgment", "decide": "head_decision",
                      "rule_not_urgent": "not_urgent_notice"},
    ),
    CaseKindSpec(
        kind=CaseKind.COMPLAINT, reference_prefix="REC", unit="complaints",
        workflow=complaint.ComplaintWorkflow,
        phases={_C.RECEIVED: Phase.NEW, _C.ASSIGNED: Phase.WITH_BODY, _C.ANSWERED: Phase.WITH_APPLICANT,
                _C.REDIRECTED: Phase.DONE, _C.CLOSED: Phase.DONE},
        answer_clocks=complaint.ANSWER_CLOCKS,
        initial_clocks=complaint.initial_clocks,
        clock_changes=complaint.clock_changes,
        letter_after={"answer": "complaint_answer", "redirect": "redirection_notice"},
    ),
)}

KINDS: tuple[str, ...] = tuple(k.value for k in SPECS)


def spec(kind: str | CaseKind) -> CaseKindSpec:
    """The registry entry of ``kind``.

    Raises:
        ValueError: not a kind of case.
    """
    return SPECS[CaseKind(kind)]


def phase(kind: str | CaseKind, state: str) -> Phase:
    """The phase of a case of ``kind`` in ``state``.

    Raises:
        ValueError: ``kind`` is not a kind of case, or ``state`` not one of its states.
    """
    entry = spec(kind)
    return entry.phases[entry.workflow.State(state)]


def states_in(*phases: Phase) -> tuple[str, ...]:
    """Every stored state value, of any kind, whose phase is one of ``phases`` (for SQL filters)."""
    return tuple(dict.fromkeys(state.value for entry in SPECS.values()
                               for state, p in entry.phases.items() if p in phases))


def all_states() -> tuple[str, ...]:
    """Every state value of every kind, in table order, without repeats."""
    return tuple(dict.fromkeys(s.value for entry in SPECS.values() for s in entry.workflow.State))


def all_triggers() -> tuple[str, ...]:
    """Every trigger of every kind's table, in table order, without repeats."""
    return tuple(dict.fromkeys(t for entry in SPECS.values() for t in entry.workflow.triggers()))


def body_counting(kind: str | CaseKind) -> str:
    """The unit of the deadlines the body must meet on a case of ``kind``: ``working`` or ``calendar``.

    Information requests count working days (arts. 16, 17, 19); complaints calendar days
    (decree 2.17.265). Read from the kind's answer clock in ``workflows.statute``.
    """
    return PERIODS[spec(kind).answer_clocks[0]].counting.value
