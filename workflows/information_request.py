"""The life of a request for access to information (Law No. 31.13, arts. 14–21).

From receipt to the body's answer (arts. 14–18), the complaint to the head of the
body (art. 19), then the chain after the head: the CDAI (art. 20) and the
administrative court (art. 21), whose guards and clocks are in ``workflows.remedies``.
"""
from __future__ import annotations

from datetime import date
from enum import Enum

from workflows.machine import CaseFacts, ClockChange, TransitionRefused, Workflow
from workflows.remedies import CHAIN_CLOCKS, RemedyGuards, out_of_order, remedy_clock_changes
from workflows.statute import CONTESTABLE_OUTCOMES, HeadDecision, Outcome, RemedyRuling

DELIVERING_OUTCOMES = frozenset({Outcome.GRANTED.value, Outcome.PARTLY_GRANTED.value})


class State(str, Enum):
    RECEIVED = "received"
    ASSIGNED = "assigned"
    ANSWERED = "answered"
    DEEMED_REFUSED = "deemed_refused"   # silence past the deadline (art. 19)
    APPEALED = "appealed"               # complaint to the head of the body (art. 19)
    HEAD_UPHELD = "head_upheld"         # the head upheld the refusal: the CDAI window runs (art. 20)
    HEAD_SILENT = "head_silent"         # the head's period ended without a decision: the CDAI window runs
    AT_CDAI = "at_cdai"                 # complaint to the CDAI; its decision period runs (art. 20)
    CDAI_FOR_BODY = "cdai_for_body"     # the CDAI ruled for the body: the court window runs (art. 21)
    CDAI_SILENT = "cdai_silent"         # the CDAI's period ended without a decision: the court window runs
    IN_COURT = "in_court"               # before the administrative court (art. 21)
    CLOSED = "closed"


S = State
TRANSITIONS = [
    {"trigger": "assign", "source": [S.RECEIVED, S.ASSIGNED], "dest": S.ASSIGNED},
    {"trigger": "take", "source": S.RECEIVED, "dest": S.ASSIGNED, "conditions": "nobody_holds_it"},
    # Art. 17: the officer rules, with reasons, that an urgent request is not urgent; the state stays.
    {"trigger": "rule_not_urgent", "source": S.RECEIVED, "dest": S.RECEIVED,
     "conditions": ["urgent_clock_running", "urgent_not_extended", "within_urgent_period"]},
    {"trigger": "rule_not_urgent", "source": S.ASSIGNED, "dest": S.ASSIGNED,
     "conditions": ["urgent_clock_running", "urgent_not_extended", "within_urgent_period"]},
    {"trigger": "extend", "source": S.ASSIGNED, "dest": S.ASSIGNED,
     "conditions": ["not_yet_extended", "before_answer_deadline"]},
    {"trigger": "answer", "source": [S.ASSIGNED, S.DEEMED_REFUSED], "dest": S.ANSWERED,
     "conditions": "respects_head_decision"},
    {"trigger": "deem_refusal", "source": [S.RECEIVED, S.ASSIGNED], "dest": S.DEEMED_REFUSED,
     "conditions": "answer_deadline_passed"},
    {"trigger": "withdraw", "source": [S.RECEIVED, S.ASSIGNED, S.DEEMED_REFUSED], "dest": S.CLOSED},
    {"trigger": "complain_to_head", "source": [S.ANSWERED, S.DEEMED_REFUSED], "dest": S.APPEALED,
     "conditions": ["answer_contestable", "within_complaint_window"]},
    # The head decides within his period, or late, after the sweep recorded his silence.
    {"trigger": "decide", "source": [S.APPEALED, S.HEAD_SILENT], "dest": S.HEAD_UPHELD,
     "conditions": "decision_upheld"},
    {"trigger": "decide", "source": [S.APPEALED, S.HEAD_SILENT], "dest": S.ASSIGNED,
     "conditions": "decision_overturned"},
    {"trigger": "close", "source": [S.ANSWERED, S.DEEMED_REFUSED], "dest": S.CLOSED},
    # The chain after the head (arts. 20–21); guards in workflows.remedies.
    {"trigger": "deem_head_silence", "source": S.APPEALED, "dest": S.HEAD_SILENT,
     "conditions": "head_deadline_passed"},
    {"trigger": "complain_to_cdai", "source": [S.HEAD_UPHELD, S.HEAD_SILENT], "dest": S.AT_CDAI,
     "conditions": ["filed_not_in_future", "within_cdai_window"]},
    {"trigger": "record_cdai_decision", "source": [S.AT_CDAI, S.CDAI_SILENT], "dest": S.ASSIGNED,
     "conditions": ["decided_after_cdai_complaint", "ruled_for_applicant"]},
    {"trigger": "record_cdai_decision", "source": [S.AT_CDAI, S.CDAI_SILENT], "dest": S.CDAI_FOR_BODY,
     "conditions": ["decided_after_cdai_complaint", "ruled_for_body"]},
    {"trigger": "deem_cdai_silence", "source": S.AT_CDAI, "dest": S.CDAI_SILENT,
     "conditions": "cdai_deadline_passed"},
    {"trigger": "record_court_case", "source": [S.CDAI_FOR_BODY, S.CDAI_SILENT], "dest": S.IN_COURT,
     "conditions": ["filed_not_in_future", "within_court_window"]},
    {"trigger": "record_judgment", "source": S.IN_COURT, "dest": S.ASSIGNED,
     "conditions": ["decided_after_court_case", "ruled_for_applicant"]},
    {"trigger": "record_judgment", "source": S.IN_COURT, "dest": S.CLOSED,
     "conditions": ["decided_after_court_case", "ruled_for_body"]},
    # A filing proved late (made within the window, recorded after the sweep closed the case) reopens it.
    {"trigger": "complain_to_cdai", "source": S.CLOSED, "dest": S.AT_CDAI,
     "conditions": ["filed_within_lapsed_cdai_window", "filed_not_in_future"]},
    {"trigger": "record_court_case", "source": S.CLOSED, "dest": S.IN_COURT,
     "conditions": ["filed_within_lapsed_court_window", "filed_not_in_future"]},
    # The sweep closes the case when the applicant let a remedy window lapse.
    {"trigger": "lapse_remedy", "source": [S.HEAD_UPHELD, S.HEAD_SILENT], "dest": S.CLOSED,
     "conditions": "cdai_window_passed"},
    {"trigger": "lapse_remedy", "source": [S.CDAI_FOR_BODY, S.CDAI_SILENT], "dest": S.CLOSED,
     "conditions": "court_window_passed"},
]

# Where the head of the body or the body must act in the chain (arts. 19–21), by name: the
# dashboards' queues and the case list's ``stage`` filter (``app.services.case_stages``).
# The head decides a complaint within his period, or late once his silence was recorded.
HEAD_TO_DECIDE = (S.APPEALED.value, S.HEAD_SILENT.value)
# Before the CDAI or the court (which may also decide after its own period): the body answers
# the proceedings and staff record the ruling.
AWAITING_RULING = (S.AT_CDAI.value, S.CDAI_SILENT.value, S.IN_COURT.value)
# The body delivers after the head, the CDAI or a court ruled for the applicant.
RULING_DELIVERY_CLOCKS = ("delivery_after_overturn", "delivery_after_cdai", "delivery_after_judgment")

# The clock that holds the body's answer deadline, whichever rule started it.
ANSWER_CLOCKS = ("answer", "urgent_answer", "delivery_after_overturn", "delivery_after_cdai",
                 "delivery_after_judgment")
URGENT_CLOCK = "urgent_answer"


def answer_deadline(facts: CaseFacts) -> date | None:
    """Last day of the running answer clock, if one runs."""
    return next((facts.deadlines[c] for c in ANSWER_CLOCKS if c in facts.deadlines), None)


def must_deliver(facts: CaseFacts) -> bool:
    """The head (art. 19), the CDAI (art. 20) or a court (art. 21) ruled that the information be delivered."""
    rulings = [(facts.remedies or {}).get(stage, {}).get("decision") for stage in ("cdai", "court")]
    return facts.head_decision == HeadDecision.OVERTURNED.value or RemedyRuling.FOR_APPLICANT.value in rulings


class InformationRequestWorkflow(RemedyGuards, Workflow):
    """Guards of the information-request machine; see ``TRANSITIONS``."""

    State = State
    TRANSITIONS = TRANSITIONS

    def fire(self, trigger: str):
        """``Workflow.fire``; a remedy taken before the step the law puts first says which step."""
        try:
            return super().fire(trigger)
        except TransitionRefused as refused:
            early = refused.code == "not_allowed_in_state" and out_of_order(self.state.value, trigger, self.facts)
            if early:
                raise early from None
            raise

    def not_yet_extended(self, event) -> bool:
        """Art. 16/17: the answer period may be extended once."""
        return not self.facts.extended or self.refuse(
            "already_extended", "the answer period was already extended once (art. 16)")

    def before_answer_deadline(self, event) -> bool:
        """Art. 16: the extension is notified before the original deadline expires."""
        due = answer_deadline(self.facts)
        return (due is not None and self.facts.today <= due) or self.refuse(
            "deadline_passed", f"the answer deadline ({due}) has passed: it can no longer be extended (art. 16)",
            date=due)

    def urgent_clock_running(self, event) -> bool:
        """Art. 17: only a request still handled as urgent can be ruled not urgent."""
        return (self.facts.urgent and URGENT_CLOCK in self.facts.deadlines) or self.refuse(
            "not_urgent", "this request is not being handled as urgent")

    def urgent_not_extended(self, event) -> bool:
        """Art. 17: urgency is ruled on at the start; once the urgent period was extended it stands."""
        return not self.facts.extended or self.refuse(
            "urgency_extended", "the urgent period was already extended: urgency can no longer be ruled out")

    def within_urgent_period(self, event) -> bool:
        """Art. 17: the ruling comes within the urgent period, not after the body let it pass."""
        due = self.facts.deadlines.get(URGENT_CLOCK)
        return (due is not None and self.facts.today <= due) or self.refuse(
            "urgent_deadline_passed", f"the urgent answer deadline ({due}) has passed: urgency can no longer "
            "be ruled out", date=due)

    def respects_head_decision(self, event) -> bool:
        """Arts. 19–21: once the head, the CDAI or a court ruled for the applicant, the officer delivers."""
        if not must_deliver(self.facts) or self.facts.payload.get("outcome") in DELIVERING_OUTCOMES:
            return True
        return self.refuse("overturned_must_deliver",
                           "the refusal was overturned (head of the body, CDAI or court): the answer must grant "
                           "the information (in full or in part)")

    def answer_deadline_passed(self, event) -> bool:
        """Art. 19: silence counts as refusal only once the deadline has passed."""
        due = answer_deadline(self.facts)
        return (due is not None and self.facts.today > due) or self.refuse(
            "deadline_not_passed", f"the answer deadline ({due}) has not passed yet", date=due)

    def answer_contestable(self, event) -> bool:
        """Art. 19: a complaint lies against a refusal, partial grant, not-held or silence."""
        if self.state is S.DEEMED_REFUSED or Outcome(self.facts.outcome) in CONTESTABLE_OUTCOMES:
            return True
        return self.refuse("not_contestable", "the information was granted in full: there is no refusal to complain of")

    def within_complaint_window(self, event) -> bool:
        """Art. 19: the complaint to the head is filed within its window.

        A window that waits for the applicant's receipt of the answer has not begun, so a
        complaint is never late then (LAW.md §4.5). A complaint received on paper is dated
        by its receipt (``received_on`` in the payload), not by the day it is recorded.
        """
        if "complaint_to_head_window" in self.facts.awaiting:
            return True
        last = self.facts.deadlines.get("complaint_to_head_window")
        filed = complaint_received_on(self.facts)
        return (last is not None and filed <= last) or self.refuse(
            "window_closed", f"the time to complain to the head of the body ended on {last} (art. 19)", date=last)

    def decision_upheld(self, event) -> bool:
        return self.facts.payload.get("decision") == HeadDecision.UPHELD.value

    def decision_overturned(self, event) -> bool:
        if self.facts.payload.get("decision") == HeadDecision.OVERTURNED.value:
            return True
        return self.refuse("invalid_decision", "decision must be 'upheld' or 'overturned'")


def complaint_received_on(facts: CaseFacts) -> date:
    """The local date the head of the body received the complaint: ``received_on`` of the payload
    (an ISO date, for a complaint received on paper and recorded later), else the day of the action."""
    given = facts.payload.get("received_on")
    return date.fromisoformat(given) if given else facts.today


def initial_clocks(received_on: date, urgent: bool) -> ClockChange:
    """Clocks started by receipt: 20 working days, or 3 when urgent (arts. 16–17)."""
    return ClockChange(start=(("urgent_answer" if urgent else "answer", received_on),))


def clock_changes(trigger: str, facts: CaseFacts) -> ClockChange:
    """How ``trigger`` (just fired, on ``facts.today``) moves the clocks (LAW.md §4.5–4.6)."""
    today, answer_due = facts.today, answer_deadline(facts)
    remedy = remedy_clock_changes(trigger, facts)
    if remedy is not None:
        return remedy
    if trigger == "extend":
        running = next(c for c in ANSWER_CLOCKS if c in facts.deadlines)
        return ClockChange(extend=((running, "urgent_extension" if facts.urgent else "extension"),))
    if trigger == "answer":
        window = (("complaint_to_head_window", today),) if facts.payload.get("outcome") in {
            o.value for o in CONTESTABLE_OUTCOMES} else ()
        return ClockChange(stop=ANSWER_CLOCKS, start=window)
    if trigger == "deem_refusal":
        return ClockChange(stop=ANSWER_CLOCKS, expire=True, start=(("complaint_to_head_window", answer_due),))
    if trigger == "complain_to_head":
        # Art. 19: the head's period runs from his receipt of the complaint (on paper: its real date).
        return ClockChange(stop=("complaint_to_head_window",), start=(("head_decision", complaint_received_on(facts)),))
    if trigger == "decide":
        if facts.payload.get("decision") == HeadDecision.UPHELD.value:
            return ClockChange(stop=("head_decision",), start=(("cdai_window", today),))
        return ClockChange(stop=("head_decision", "cdai_window"), start=(("delivery_after_overturn", today),))
    if trigger == "rule_not_urgent":
        # Art. 17 → 16: the ordinary answer period, counted from receipt, replaces the urgent one.
        return ClockChange(stop=(URGENT_CLOCK,), replace=True, start=(("answer", facts.received_on),))
    if trigger in ("withdraw", "close"):
        return ClockChange(stop=ANSWER_CLOCKS + ("complaint_to_head_window", "head_decision") + CHAIN_CLOCKS)
    return ClockChange()
