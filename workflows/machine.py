"""The shared shape of a case workflow: a `transitions` machine built per action.

A workflow module declares a state ``Enum`` and a ``TRANSITIONS`` table; a
``Workflow`` subclass holds the guards. The machine is built around the case's
*current* state for one action and thrown away: loading a case never changes it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import Any, ClassVar

from transitions import Machine, MachineError


class TransitionRefused(Exception):
    """A trigger that the case's state or the law does not allow now.

    Attributes:
        code: a stable machine-readable reason, e.g. ``"deadline_passed"``.
        message: an English sentence for people (the UI translates by ``code``).
        params: the values the sentence names, e.g. ``{"date": date(2025, 8, 29)}``,
            so a translation can state them without parsing ``message``.
    """

    def __init__(self, code: str, message: str, **params):
        super().__init__(message)
        self.code = code
        self.message = message
        self.params = params


@dataclass
class CaseFacts:
    """What the guards may look at, as plain values.

    Args:
        today: the local Casablanca date of the action.
        deadlines: last day of each running clock, by period name.
        extended: the answer clock was already extended once (art. 16/17).
        outcome: the last answer's outcome, if any.
        reopen_count: times a complaint was reopened by its complainant.
        head_decision: the head of the body's last decision on a complaint, if any.
        urgent: an information request handled as urgent (art. 17): asked for, and not
            ruled not urgent since.
        payload: the trigger's input (already validated for shape).
        assigned: an officer holds the case.
        received_on: the local Casablanca date of receipt (day 0 of the answer clocks).
        remedies: the remedies recorded after the head of the body (arts. 20–21), as
            stored on the case: ``{"cdai": {"filed_on", "cdai_reference", "decision",
            "decided_on"}, "court": {"filed_on", "court_reference", ...}}`` with ISO dates; empty when none.
        awaiting: periods waiting for the applicant's receipt of a letter (no day 0 yet,
            never late: LAW.md §4.5).
        lapsed: on a case the sweep closed because the applicant let a remedy window run
            out (``lapse_remedy``), that window's last day by period (``{"cdai_window": date}``);
            empty otherwise.
    """

    today: date
    deadlines: dict[str, date] = field(default_factory=dict)
    extended: bool = False
    outcome: str | None = None
    reopen_count: int = 0
    head_decision: str | None = None
    urgent: bool = False
    payload: dict[str, Any] = field(default_factory=dict)
    assigned: bool = False
    received_on: date | None = None
    remedies: dict[str, Any] = field(default_factory=dict)
    awaiting: frozenset[str] = frozenset()
    lapsed: dict[str, date] = field(default_factory=dict)


@dataclass(frozen=True)
class ClockChange:
    """How a transition moves the statutory clocks (LAW.md §4.6: only statute events do).

    Attributes:
        stop: periods whose running clock ends (met, or expired when ``expire``).
        start: ``(period, day 0)`` pairs of clocks that start.
        extend: ``(running period, extension period)`` pairs (art. 16/17).
        expire: the stopped clocks ran out rather than were met.
        replace: the stopped clocks were neither met nor expired: another rule took their
            place (an urgent request ruled not urgent, art. 17).
    """

    stop: tuple[str, ...] = ()
    start: tuple[tuple[str, date], ...] = ()
    extend: tuple[tuple[str, str], ...] = ()
    expire: bool = False
    replace: bool = False


class Workflow:
    """Base for a case's state machine; subclasses set ``State`` and ``TRANSITIONS``."""

    State: ClassVar[type[Enum]]
    TRANSITIONS: ClassVar[list[dict]]

    def __init__(self, state: str, facts: CaseFacts):
        self.facts = facts
        self.refusal: TransitionRefused | None = None
        self.machine = Machine(
            model=self, states=self.State, transitions=self.TRANSITIONS,
            initial=self.State(state), auto_transitions=False, send_event=True,
        )

    @classmethod
    def triggers(cls) -> list[str]:
        """Every trigger name of the table, in table order, without repeats."""
        return list(dict.fromkeys(t["trigger"] for t in cls.TRANSITIONS))

    @classmethod
    def open_triggers(cls, state: str) -> dict[str, bool]:
        """The triggers whose source includes ``state``, in table order, read from ``TRANSITIONS``
        without building a machine; each is True when a guard (``conditions``/``unless``) may refuse it.
        """
        current, found = cls.State(state), {}
        for row in cls.TRANSITIONS:
            sources = row["source"] if isinstance(row["source"], (list, tuple)) else [row["source"]]
            if current in sources:
                guarded = bool(row.get("conditions") or row.get("unless"))
                found[row["trigger"]] = found.get(row["trigger"], True) and guarded
        return found

    def refuse(self, code: str, message: str, **params) -> bool:
        """Record why a guard said no; returns False so guards can ``return self.refuse(...)``."""
        self.refusal = self.refusal or TransitionRefused(code, message, **params)
        return False

    def nobody_holds_it(self, event) -> bool:
        """An officer takes a new case only while nobody holds it (a supervisor reassigns)."""
        return not self.facts.assigned or self.refuse(
            "already_assigned", "this case is already assigned: a supervisor can reassign it")

    def available(self) -> list[str]:
        """Triggers whose source matches the current state (guards not evaluated)."""
        return [t for t in self.triggers() if self.machine.get_transitions(
            trigger=t, source=self.state.name)]

    def fire(self, trigger: str) -> Enum:
        """Run ``trigger`` and return the new state.

        Raises:
            TransitionRefused: unknown trigger, wrong state, or a guard said no;
                the state is then unchanged.
        """
        if trigger not in self.triggers():
            raise TransitionRefused("unknown_trigger", f"'{trigger}' is not an action of this kind of case")
        try:
            done = getattr(self, trigger)()
        except MachineError:
            raise TransitionRefused(
                "not_allowed_in_state", f"'{trigger}' is not allowed while the case is '{self.state.value}'"
            ) from None
        if not done:
            raise self.refusal or TransitionRefused("refused", f"'{trigger}' is not allowed now")
        return self.state

    @classmethod
    def mermaid(cls) -> str:
        """The state diagram drawn by `transitions` from ``TRANSITIONS`` (Mermaid text)."""
        from transitions.extensions import GraphMachine

        holder = type("Diagram", (), {})()
        GraphMachine(model=holder, states=cls.State, transitions=cls.TRANSITIONS,
                     initial=list(cls.State)[0], auto_transitions=False,
                     graph_engine="mermaid", title=cls.__name__)
        return holder.get_graph().draw(None)
