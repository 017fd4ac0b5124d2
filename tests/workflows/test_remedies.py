"""The chain after the head of the body (arts. 19–21): every state × remedy trigger, each guard, each clock."""
from datetime import date

import pytest

from workflows.calendar import WorkingCalendar
from workflows.deadlines import deadline
from workflows.information_request import InformationRequestWorkflow, State, clock_changes
from workflows.machine import CaseFacts, TransitionRefused
from workflows.official_holidays import OFFICIAL_HOLIDAYS
from workflows.statute import PERIODS, Counting, Party

TODAY = date(2025, 12, 10)
FUTURE, PAST = date(2025, 12, 26), date(2025, 12, 5)
X = None  # refused: not allowed in this state

FAVOURABLE = {
    "deem_head_silence": dict(deadlines={"head_decision": PAST}),
    "complain_to_cdai": dict(payload={"filed_on": "2025-12-09", "cdai_reference": "CDAI-1"},
                             deadlines={"cdai_window": FUTURE}),
    "record_cdai_decision": dict(payload={"decided_on": "2025-12-09", "decision": "for_body"}),
    "deem_cdai_silence": dict(deadlines={"cdai_decision": PAST}),
    "record_court_case": dict(payload={"filed_on": "2025-12-09", "court_reference": "T-1"},
                              deadlines={"court_window": FUTURE}),
    "record_judgment": dict(payload={"decided_on": "2025-12-09", "decision": "for_body"}),
    "lapse_remedy": dict(deadlines={"cdai_window": PAST, "court_window": PAST}),
}
TRIGGERS = tuple(FAVOURABLE)

# "!code": refused with that code (a remedy taken before the step the law puts first).
TABLE = {
    #                 deem_head_silence complain_to_cdai          record_cdai_decision deem_cdai_silence record_court_case record_judgment lapse_remedy
    "received":       (X,             X,                          X,               X,             X,             X,          X),
    "assigned":       (X,             X,                          X,               X,             X,             X,          X),
    "answered":       (X,             "!head_complaint_first",    X,               X,             X,             X,          X),
    "deemed_refused": (X,             "!head_complaint_first",    X,               X,             X,             X,          X),
    "appealed":       ("head_silent", "!head_decision_pending",   X,               X,             X,             X,          X),
    "head_upheld":    (X,             "at_cdai",                  X,               X,             "!cdai_first", X,          "closed"),
    "head_silent":    (X,             "at_cdai",                  X,               X,             "!cdai_first", X,          "closed"),
    "at_cdai":        (X,             X,                          "cdai_for_body", "cdai_silent", "!cdai_first", X,          X),
    "cdai_for_body":  (X,             X,                          X,               X,             "in_court",    X,          "closed"),
    "cdai_silent":    (X,             X,                          "cdai_for_body", X,             "in_court",    X,          "closed"),
    "in_court":       (X,             X,                          X,               X,             X,             "closed",   X),
    "closed":         (X,             "!not_reopenable",          X,               X,             "!not_reopenable", X,      X),
}


def test_table_covers_every_state():
    assert set(TABLE) == {s.value for s in State}


@pytest.mark.parametrize("state, trigger, dest",
                         [(s, t, row[i]) for s, row in TABLE.items() for i, t in enumerate(TRIGGERS)])
def test_state_x_remedy_trigger(state, trigger, dest):
    wf = InformationRequestWorkflow(state, CaseFacts(today=TODAY, **FAVOURABLE[trigger]))
    if dest is None or dest.startswith("!"):
        with pytest.raises(TransitionRefused) as refused:
            wf.fire(trigger)
        assert refused.value.code == ("not_allowed_in_state" if dest is None else dest[1:])
        assert wf.state.value == state
    else:
        assert wf.fire(trigger).value == dest


def _refusal(state, trigger, **facts):
    facts = {**FAVOURABLE[trigger], **facts}
    wf = InformationRequestWorkflow(state, CaseFacts(today=TODAY, **facts))
    with pytest.raises(TransitionRefused) as refused:
        wf.fire(trigger)
    assert wf.state.value == state
    return refused.value


def _fire(state, trigger, **facts):
    facts = {**FAVOURABLE[trigger], **facts}
    return InformationRequestWorkflow(state, CaseFacts(today=TODAY, **facts)).fire(trigger).value


def test_head_is_not_silent_on_his_last_day():
    assert _refusal("appealed", "deem_head_silence", deadlines={"head_decision": TODAY}).code == "deadline_not_passed"


def test_cdai_complaint_after_the_window_is_refused_with_its_last_day():
    refused = _refusal("head_upheld", "complain_to_cdai", deadlines={"cdai_window": date(2025, 12, 8)})
    assert (refused.code, refused.params["date"]) == ("cdai_window_closed", date(2025, 12, 8))


def test_cdai_complaint_filed_on_the_last_day_is_in_time():
    assert _fire("head_silent", "complain_to_cdai", deadlines={"cdai_window": date(2025, 12, 9)}) == "at_cdai"


def test_cdai_complaint_cannot_be_filed_in_the_future():
    refused = _refusal("head_upheld", "complain_to_cdai", payload={"filed_on": "2025-12-11"})
    assert refused.code == "date_in_future"


def test_cdai_ruling_for_the_applicant_sends_the_case_back_to_the_officer():
    assert _fire("at_cdai", "record_cdai_decision", payload={"decided_on": "2025-12-09",
                                                             "decision": "for_applicant"}) == "assigned"


def test_cdai_ruling_must_be_for_one_side():
    assert _refusal("at_cdai", "record_cdai_decision",
                    payload={"decided_on": "2025-12-09", "decision": "maybe"}).code == "invalid_decision"


def test_cdai_ruling_cannot_precede_the_complaint():
    refused = _refusal("at_cdai", "record_cdai_decision", remedies={"cdai": {"filed_on": "2025-12-09"}},
                       payload={"decided_on": "2025-12-01", "decision": "for_body"})
    assert refused.code == "decided_before_filing"


def test_court_case_after_the_window_is_refused():
    assert _refusal("cdai_silent", "record_court_case",
                    deadlines={"court_window": PAST}).code == "court_window_closed"


def test_judgment_for_the_applicant_sends_the_case_back():
    assert _fire("in_court", "record_judgment",
                 payload={"decided_on": "2025-12-09", "decision": "for_applicant"}) == "assigned"


def test_window_does_not_lapse_on_its_last_day():
    assert _refusal("head_upheld", "lapse_remedy", deadlines={"cdai_window": TODAY}).code == "window_open"


def test_after_a_ruling_for_the_applicant_the_answer_must_deliver():
    facts = CaseFacts(today=TODAY, head_decision="upheld", remedies={"cdai": {"decision": "for_applicant"}},
                      payload={"outcome": "refused"})
    with pytest.raises(TransitionRefused) as refused:
        InformationRequestWorkflow("assigned", facts).fire("answer")
    assert refused.value.code == "overturned_must_deliver"
    facts.payload = {"outcome": "granted"}
    assert InformationRequestWorkflow("assigned", facts).fire("answer").value == "answered"


def test_new_periods_are_defined_with_their_articles():
    cdai, court = PERIODS["cdai_decision"], PERIODS["court_window"]
    assert (cdai.days, cdai.counting, cdai.article, cdai.confirm) == (30, Counting.CALENDAR, "20", True)
    assert (court.days, court.counting, court.party, court.article, court.confirm) == (
        60, Counting.CALENDAR, Party.CITIZEN, "21", True)
    assert all(PERIODS[p].confirm for p in ("delivery_after_cdai", "delivery_after_judgment"))


CAL = WorkingCalendar(OFFICIAL_HOLIDAYS)


def _due(name, start):
    return deadline(PERIODS[name], start, CAL)


def test_the_whole_chain_to_the_court_with_every_last_day():
    """Head's period due Wed 2025-11-26 (LAW.md §5) → CDAI window → CDAI period → court window.

    By hand (LAW.md §4.4, calendar days ending on start + N):
    - CDAI window: 2025-11-26 + 30 = Fri 2025-12-26 (a working day);
    - complaint to the CDAI filed Mon 2025-12-22 → its period: + 30 = Wed 2026-01-21;
    - CDAI silent → court window from 2026-01-21: + 60 = Sun 2026-03-22, not a working day,
      and Mon 23 Mar 2026 is the exceptional closure after Eid al-Fitr: the citizen's
      window stays open to Tue 2026-03-24.
    """
    silent = clock_changes("deem_head_silence", CaseFacts(today=date(2025, 11, 27),
                                                          deadlines={"head_decision": date(2025, 11, 26)}))
    assert silent.start == (("cdai_window", date(2025, 11, 26)),) and silent.expire
    assert _due("cdai_window", date(2025, 11, 26)).last_day == date(2025, 12, 26)
    filed = clock_changes("complain_to_cdai", CaseFacts(today=date(2025, 12, 23), payload={"filed_on": "2025-12-22"}))
    assert filed.stop == ("cdai_window",) and filed.start == (("cdai_decision", date(2025, 12, 22)),)
    assert _due("cdai_decision", date(2025, 12, 22)).due == date(2026, 1, 21)
    quiet = clock_changes("deem_cdai_silence", CaseFacts(today=date(2026, 1, 22),
                                                         deadlines={"cdai_decision": date(2026, 1, 21)}))
    assert quiet.start == (("court_window", date(2026, 1, 21)),)
    court = _due("court_window", date(2026, 1, 21))
    assert (court.due, court.last_day) == (date(2026, 3, 22), date(2026, 3, 24))


def test_cdai_ruling_for_the_body_starts_the_court_window_on_its_date():
    change = clock_changes("record_cdai_decision", CaseFacts(
        today=date(2026, 1, 12), payload={"decided_on": "2026-01-05", "decision": "for_body"}))
    assert change.start == (("court_window", date(2026, 1, 5)),)
    assert _due("court_window", date(2026, 1, 5)).last_day == date(2026, 3, 6)


def test_rulings_for_the_applicant_start_a_delivery_clock_on_the_day_recorded():
    cdai = clock_changes("record_cdai_decision", CaseFacts(
        today=date(2026, 1, 12), payload={"decided_on": "2026-01-05", "decision": "for_applicant"}))
    judgment = clock_changes("record_judgment", CaseFacts(
        today=date(2026, 1, 12), payload={"decided_on": "2026-01-05", "decision": "for_applicant"}))
    assert cdai.start == (("delivery_after_cdai", date(2026, 1, 12)),)
    assert judgment.start == (("delivery_after_judgment", date(2026, 1, 12)),)
    assert clock_changes("record_judgment", CaseFacts(
        today=date(2026, 1, 12), payload={"decision": "for_body"})).start == ()


def test_head_upholding_starts_the_cdai_window_and_does_not_close():
    change = clock_changes("decide", CaseFacts(today=date(2025, 11, 20), payload={"decision": "upheld"}))
    assert change.start == (("cdai_window", date(2025, 11, 20)),)
    assert _fire_decide("appealed") == "head_upheld"


def _fire_decide(state):
    facts = CaseFacts(today=TODAY, payload={"decision": "upheld"})
    return InformationRequestWorkflow(state, facts).fire("decide").value


def test_a_cdai_window_awaiting_the_decisions_receipt_is_never_closed():
    """LAW.md §4.5: until the applicant's receipt of the head's decision is known, the window has not begun."""
    assert _fire("head_upheld", "complain_to_cdai", deadlines={}, awaiting=frozenset({"cdai_window"})) == "at_cdai"
    assert _refusal("head_upheld", "lapse_remedy", deadlines={}).code == "window_open"


@pytest.mark.parametrize("trigger, window, dest, code", [
    ("complain_to_cdai", "cdai_window", "at_cdai", "cdai_window_closed"),
    ("record_court_case", "court_window", "in_court", "court_window_closed"),
])
def test_a_filing_proved_made_within_the_lapsed_window_reopens_the_case(trigger, window, dest, code):
    lapsed = {window: date(2025, 12, 9)}                 # the sweep closed the case on the 10th
    assert _fire("closed", trigger, lapsed=lapsed) == dest            # filed on the 9th: in time
    late = _refusal("closed", trigger, lapsed={window: date(2025, 12, 8)})
    assert (late.code, late.params["date"]) == (code, date(2025, 12, 8))
    other = "court_window" if window == "cdai_window" else "cdai_window"
    assert _refusal("closed", trigger, lapsed={other: date(2025, 12, 9)}).code == "not_reopenable"
    future = {"filed_on": "2025-12-11", "cdai_reference": "C", "court_reference": "T"}
    assert _refusal("closed", trigger, lapsed={window: date(2025, 12, 20)}, payload=future).code == "date_in_future"
