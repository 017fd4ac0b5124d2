"""The chain of remedies after the head of the body (Law 31.13 arts. 19–21): guards and clocks.

After the head of the body upheld a refusal, or let his period run out (art. 19),
the applicant may complain to the CDAI within 30 calendar days (art. 20); the CDAI
decides within its own period; then the administrative court may be seized within
60 calendar days of the CDAI's decision or of the expiry of its period (art. 21).
A ruling for the applicant sends the case back to the officer with a delivery clock.

The table rows live in ``workflows.information_request.TRANSITIONS``; this module
holds their guards (a mixin of ``InformationRequestWorkflow``), the clocks each
trigger moves, and the refusal of a remedy taken out of order.

Payload dates (``filed_on``, ``decided_on``) are ISO ``YYYY-MM-DD`` strings,
Africa/Casablanca local dates, already checked for shape by the service layer.
"""
from __future__ import annotations

from datetime import date

from workflows.machine import CaseFacts, ClockChange, TransitionRefused
from workflows.statute import RemedyRuling

# Triggers of the chain, in the order the law takes them.
REMEDY_TRIGGERS = ("deem_head_silence", "complain_to_cdai", "record_cdai_decision", "deem_cdai_silence",
                   "record_court_case", "record_judgment", "lapse_remedy")
# Triggers the deadline sweep fires when a period ends (``app.services.remedy_sweep``).
SWEEP_TRIGGERS = {"head_decision": "deem_head_silence", "cdai_decision": "deem_cdai_silence",
                  "cdai_window": "lapse_remedy", "court_window": "lapse_remedy"}
# Clocks the chain may leave running, stopped when the case leaves it.
CHAIN_CLOCKS = ("cdai_window", "cdai_decision", "court_window")


def payload_date(payload: dict, name: str) -> date | None:
    """``payload[name]`` as a date, or None when absent or not an ISO date."""
    try:
        return date.fromisoformat(payload.get(name))
    except (TypeError, ValueError):
        return None


def stored_date(remedies: dict, stage: str, name: str) -> date | None:
    """A date recorded on the case's remedies (``{"cdai": {"filed_on": "2025-12-01", ...}, "court": ...}``)."""
    return payload_date((remedies or {}).get(stage) or {}, name)


class RemedyGuards:
    """Guards of the remedy rows; mixed into ``InformationRequestWorkflow`` (needs ``facts``, ``refuse``)."""

    facts: CaseFacts

    def head_deadline_passed(self, event) -> bool:
        """Art. 19–20: the head is silent only once his decision period has passed."""
        due = self.facts.deadlines.get("head_decision")
        return (due is not None and self.facts.today > due) or self.refuse(
            "deadline_not_passed", f"the head's decision period ({due}) has not passed yet", date=due)

    def cdai_deadline_passed(self, event) -> bool:
        """Art. 21: the CDAI is silent only once its decision period has passed."""
        due = self.facts.deadlines.get("cdai_decision")
        return (due is not None and self.facts.today > due) or self.refuse(
            "deadline_not_passed", f"the CDAI's decision period ({due}) has not passed yet", date=due)

    def cdai_window_passed(self, event) -> bool:
        return self._window_passed("cdai_window")

    def court_window_passed(self, event) -> bool:
        return self._window_passed("court_window")

    def _window_passed(self, name: str) -> bool:
        last = self.facts.deadlines.get(name)
        return (last is not None and self.facts.today > last) or self.refuse(
            "window_open", f"the applicant may still act until {last}", date=last)

    def filed_not_in_future(self, event) -> bool:
        """A remedy is recorded once filed: its filing date is not after today."""
        filed = payload_date(self.facts.payload, "filed_on")
        return (filed is not None and filed <= self.facts.today) or self.refuse(
            "date_in_future", f"the filing date ({filed}) is after today", date=filed)

    def within_cdai_window(self, event) -> bool:
        """Art. 20: the complaint to the CDAI is filed within 30 days of the head's decision or silence."""
        return self._filed_within("cdai_window", "cdai_window_closed", "20")

    def within_court_window(self, event) -> bool:
        """Art. 21: the court is seized within 60 days of the CDAI's decision or silence."""
        return self._filed_within("court_window", "court_window_closed", "21")

    def _filed_within(self, window: str, code: str, article: str) -> bool:
        """A window that waits for the applicant's receipt of the decision has not begun: never late (§4.5)."""
        if window in self.facts.awaiting:
            return True
        filed, last = payload_date(self.facts.payload, "filed_on"), self.facts.deadlines.get(window)
        return (filed is not None and last is not None and filed <= last) or self.refuse(
            code, f"filed on {filed}, after the last day of the window ({last}, art. {article})",
            date=last, filed_on=filed)

    def filed_within_lapsed_cdai_window(self, event) -> bool:
        """Art. 20: a complaint to the CDAI filed within its window reopens a case closed by its lapse."""
        return self._filed_within_lapsed("cdai_window", "cdai_window_closed", "20")

    def filed_within_lapsed_court_window(self, event) -> bool:
        """Art. 21: a court case filed within its window reopens a case closed by its lapse."""
        return self._filed_within_lapsed("court_window", "court_window_closed", "21")

    def _filed_within_lapsed(self, window: str, code: str, article: str) -> bool:
        """The case was closed because ``window`` lapsed, and the filing proved is dated within it."""
        last = self.facts.lapsed.get(window)
        if last is None:
            return self.refuse("not_reopenable", f"the case was not closed by the lapse of the {window}: "
                               "a filing cannot reopen it")
        filed = payload_date(self.facts.payload, "filed_on")
        return (filed is not None and filed <= last) or self.refuse(
            code, f"filed on {filed}, after the last day of the window ({last}, art. {article})",
            date=last, filed_on=filed)

    def decided_after_cdai_complaint(self, event) -> bool:
        return self._decided_after("cdai")

    def decided_after_court_case(self, event) -> bool:
        return self._decided_after("court")

    def _decided_after(self, stage: str) -> bool:
        """A decision is dated on or after the filing it answers, and not after today."""
        decided, filed = payload_date(self.facts.payload, "decided_on"), stored_date(self.facts.remedies, stage,
                                                                                      "filed_on")
        if decided is None or decided > self.facts.today:
            return self.refuse("date_in_future", f"the decision date ({decided}) is after today", date=decided)
        return (filed is None or decided >= filed) or self.refuse(
            "decided_before_filing", f"the decision ({decided}) cannot precede the filing ({filed})",
            date=decided, filed_on=filed)

    def ruled_for_applicant(self, event) -> bool:
        return self.facts.payload.get("decision") == RemedyRuling.FOR_APPLICANT.value

    def ruled_for_body(self, event) -> bool:
        if self.facts.payload.get("decision") == RemedyRuling.FOR_BODY.value:
            return True
        return self.refuse("invalid_decision", "decision must be 'for_applicant' or 'for_body'")


# trigger → (states where it comes too early, the code and sentence of the refusal).
_PREREQUISITES = {
    "complain_to_cdai": ((("answered", "deemed_refused"), "head_complaint_first",
                          "the applicant must first complain to the head of the body (art. 20)"),
                         (("appealed",), "head_decision_pending",
                          "the head of the body's decision period is still running (art. 20)")),
    "record_court_case": ((("head_upheld", "head_silent", "at_cdai"), "cdai_first",
                           "the administrative court is seized after the CDAI (art. 21)"),),
}


def out_of_order(state: str, trigger: str, facts: CaseFacts) -> TransitionRefused | None:
    """The refusal of a remedy taken before the step the law puts first, or None."""
    for states, code, message in _PREREQUISITES.get(trigger, ()):
        if state in states:
            return TransitionRefused(code, message, date=facts.deadlines.get("head_decision"))
    return None


def remedy_clock_changes(trigger: str, facts: CaseFacts) -> ClockChange | None:
    """How a remedy trigger moves the clocks (LAW.md §4.5), or None for another trigger.

    The CDAI window starts on the head's decision, or the day after his period
    expired (its due date is day 0); the CDAI's period on the complaint's filing date;
    the court window on the CDAI's decision date or the day after its period expired.
    A delivery clock starts on the day the ruling is recorded.
    """
    payload, deadlines = facts.payload, facts.deadlines
    ruling = payload.get("decision")
    if trigger == "deem_head_silence":
        return ClockChange(stop=("head_decision",), expire=True,
                           start=(("cdai_window", deadlines["head_decision"]),))
    if trigger == "complain_to_cdai":
        return ClockChange(stop=("cdai_window",), start=(("cdai_decision", payload_date(payload, "filed_on")),))
    if trigger == "record_cdai_decision":
        if ruling == RemedyRuling.FOR_APPLICANT.value:
            return ClockChange(stop=CHAIN_CLOCKS, start=(("delivery_after_cdai", facts.today),))
        return ClockChange(stop=CHAIN_CLOCKS, start=(("court_window", payload_date(payload, "decided_on")),))
    if trigger == "deem_cdai_silence":
        return ClockChange(stop=("cdai_decision",), expire=True,
                           start=(("court_window", deadlines["cdai_decision"]),))
    if trigger == "record_court_case":
        return ClockChange(stop=("court_window",))
    if trigger == "record_judgment":
        start = (("delivery_after_judgment", facts.today),) if ruling == RemedyRuling.FOR_APPLICANT.value else ()
        return ClockChange(start=start)
    if trigger == "lapse_remedy":
        return ClockChange(stop=("cdai_window", "court_window"), expire=True)
    return None
