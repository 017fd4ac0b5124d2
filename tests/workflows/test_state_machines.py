"""Every state × trigger of both workflows, allowed and refused, plus each guard."""
from datetime import date

import pytest

from workflows.complaint import ComplaintWorkflow
from workflows.information_request import InformationRequestWorkflow
from workflows.machine import CaseFacts, TransitionRefused

TODAY = date(2025, 11, 10)
FUTURE, PAST = date(2025, 11, 26), date(2025, 11, 7)
X = None  # refused

# Facts that satisfy each trigger's guards, so the table tests the state alone.
FAVOURABLE = {
    "extend": dict(deadlines={"answer": FUTURE}),
    "deem_refusal": dict(deadlines={"answer": PAST}),
    "complain_to_head": dict(outcome="refused", deadlines={"complaint_to_head_window": FUTURE}),
    "decide": dict(payload={"decision": "upheld"}),
    "rule_not_urgent": dict(urgent=True, deadlines={"urgent_answer": FUTURE}),
}

REQUEST_TABLE = {
    #                 assign      extend      answer      deem_refusal      withdraw  complain_to_head decide    close     take        rule_not_urgent
    "received":       ("assigned", X,         X,          "deemed_refused", "closed", X,               X,        X,        "assigned", "received"),
    "assigned":       ("assigned", "assigned", "answered", "deemed_refused", "closed", X,               X,        X,        X,          "assigned"),
    "answered":       (X,          X,         X,          X,                X,        "appealed",      X,        "closed", X,          X),
    "deemed_refused": (X,          X,         "answered", X,                "closed", "appealed",      X,        "closed", X,          X),
    "appealed":       (X,          X,         X,          X,                X,        X,          "head_upheld", X,        X,          X),
    "head_upheld":    (X,          X,         X,          X,                X,        X,               X,        X,        X,          X),
    "head_silent":    (X,          X,         X,          X,                X,        X,          "head_upheld", X,        X,          X),
    "at_cdai":        (X,          X,         X,          X,                X,        X,               X,        X,        X,          X),
    "cdai_for_body":  (X,          X,         X,          X,                X,        X,               X,        X,        X,          X),
    "cdai_silent":    (X,          X,         X,          X,                X,        X,               X,        X,        X,          X),
    "in_court":       (X,          X,         X,          X,                X,        X,               X,        X,        X,          X),
    "closed":         (X,          X,         X,          X,                X,        X,               X,        X,        X,          X),
}
REQUEST_TRIGGERS = ("assign", "extend", "answer", "deem_refusal", "withdraw", "complain_to_head", "decide", "close",
                    "take", "rule_not_urgent")
# The remedies after the head (arts. 20–21) are tabled in tests/workflows/test_remedies.py.
REMEDY_TRIGGERS = ("deem_head_silence", "complain_to_cdai", "record_cdai_decision", "deem_cdai_silence",
                   "record_court_case", "record_judgment", "lapse_remedy")

COMPLAINT_TABLE = {
    #              assign      answer      redirect      reopen      withdraw  close     take
    "received":   ("assigned", X,          "redirected", X,          "closed", X,        "assigned"),
    "assigned":   ("assigned", "answered", "redirected", X,          "closed", X,        X),
    "answered":   (X,          X,          X,            "assigned", X,        "closed", X),
    "redirected": (X,          X,          X,            X,          X,        "closed", X),
    "closed":     (X,          X,          X,            X,          X,        X,        X),
}
COMPLAINT_TRIGGERS = ("assign", "answer", "redirect", "reopen", "withdraw", "close", "take")


def _cases(table, triggers):
    return [(state, trigger, row[i]) for state, row in table.items() for i, trigger in enumerate(triggers)]


def _fire(workflow_class, state, trigger, **facts):
    facts = {**FAVOURABLE.get(trigger, {}), **facts}
    wf = workflow_class(state, CaseFacts(today=TODAY, **facts))
    return wf, wf.fire(trigger).value


def test_tables_cover_every_state_and_trigger():
    assert set(REQUEST_TABLE) == {s.value for s in InformationRequestWorkflow.State}
    assert set(REQUEST_TRIGGERS + REMEDY_TRIGGERS) == set(InformationRequestWorkflow.triggers())
    assert set(COMPLAINT_TABLE) == {s.value for s in ComplaintWorkflow.State}
    assert set(COMPLAINT_TRIGGERS) == set(ComplaintWorkflow.triggers())


@pytest.mark.parametrize("state, trigger, dest", _cases(REQUEST_TABLE, REQUEST_TRIGGERS))
def test_information_request_state_x_trigger(state, trigger, dest):
    _check(InformationRequestWorkflow, state, trigger, dest)


@pytest.mark.parametrize("state, trigger, dest", _cases(COMPLAINT_TABLE, COMPLAINT_TRIGGERS))
def test_complaint_state_x_trigger(state, trigger, dest):
    _check(ComplaintWorkflow, state, trigger, dest)


def _check(workflow_class, state, trigger, dest):
    if dest is None:
        wf = workflow_class(state, CaseFacts(today=TODAY, **FAVOURABLE.get(trigger, {})))
        with pytest.raises(TransitionRefused) as refused:
            wf.fire(trigger)
        assert refused.value.code == "not_allowed_in_state"
        assert wf.state.value == state  # a refused transition leaves the state as it was
    else:
        assert _fire(workflow_class, state, trigger)[1] == dest


def _refusal(state, trigger, **facts):
    wf = InformationRequestWorkflow(state, CaseFacts(today=TODAY, **facts))
    with pytest.raises(TransitionRefused) as refused:
        wf.fire(trigger)
    assert wf.state.value == state
    return refused.value.code


def test_extension_only_once():
    assert _refusal("assigned", "extend", extended=True, deadlines={"answer": FUTURE}) == "already_extended"


def test_extension_only_before_the_deadline():
    assert _refusal("assigned", "extend", deadlines={"answer": PAST}) == "deadline_passed"


def test_extension_allowed_on_the_due_day_itself():
    assert _fire(InformationRequestWorkflow, "assigned", "extend", deadlines={"answer": TODAY})[1] == "assigned"


def test_no_deemed_refusal_on_the_due_day():
    assert _refusal("assigned", "deem_refusal", deadlines={"answer": TODAY}) == "deadline_not_passed"


def test_urgent_clock_also_ends_in_deemed_refusal():
    assert _fire(InformationRequestWorkflow, "received", "deem_refusal",
                 deadlines={"urgent_answer": PAST})[1] == "deemed_refused"


def test_complaint_to_head_outside_the_window_is_refused():
    code = _refusal("answered", "complain_to_head", outcome="refused",
                    deadlines={"complaint_to_head_window": PAST})
    assert code == "window_closed"


def test_complaint_to_head_against_a_full_grant_is_refused():
    code = _refusal("answered", "complain_to_head", outcome="granted",
                    deadlines={"complaint_to_head_window": FUTURE})
    assert code == "not_contestable"


def test_complaint_to_head_after_silence_needs_no_outcome():
    dest = _fire(InformationRequestWorkflow, "deemed_refused", "complain_to_head",
                 outcome=None, deadlines={"complaint_to_head_window": FUTURE})[1]
    assert dest == "appealed"


def test_head_overturning_sends_the_case_back_to_the_officer():
    assert _fire(InformationRequestWorkflow, "appealed", "decide",
                 payload={"decision": "overturned"})[1] == "assigned"


def test_head_decision_must_be_upheld_or_overturned():
    assert _refusal("appealed", "decide", payload={"decision": "maybe"}) == "invalid_decision"


def test_complaint_reopens_only_once():
    wf = ComplaintWorkflow("answered", CaseFacts(today=TODAY, reopen_count=1))
    with pytest.raises(TransitionRefused) as refused:
        wf.fire("reopen")
    assert refused.value.code == "already_reopened"


def test_unknown_trigger_is_refused():
    with pytest.raises(TransitionRefused) as refused:
        ComplaintWorkflow("received", CaseFacts(today=TODAY)).fire("decide")
    assert refused.value.code == "unknown_trigger"


def test_building_a_machine_keeps_the_current_state():
    for state in InformationRequestWorkflow.State:
        assert InformationRequestWorkflow(state.value, CaseFacts(today=TODAY)).state is state


def test_diagrams_are_generated_from_the_tables():
    text = InformationRequestWorkflow.mermaid()
    assert "stateDiagram-v2" in text and "complain_to_head" in text and "deemed_refused" in text.lower()


def test_after_an_overturn_the_officer_must_deliver():
    code = _refusal("assigned", "answer", head_decision="overturned",
                    payload={"outcome": "refused"})
    assert code == "overturned_must_deliver"
    assert _fire(InformationRequestWorkflow, "assigned", "answer", head_decision="overturned",
                 payload={"outcome": "partly_granted"})[1] == "answered"


def test_take_only_while_nobody_holds_the_case():
    assert _refusal("received", "take", assigned=True) == "already_assigned"
    wf = ComplaintWorkflow("received", CaseFacts(today=TODAY, assigned=True))
    with pytest.raises(TransitionRefused) as refused:
        wf.fire("take")
    assert refused.value.code == "already_assigned"


def test_not_urgent_ruling_needs_a_running_urgent_clock():
    assert _refusal("assigned", "rule_not_urgent", urgent=False, deadlines={"answer": FUTURE}) == "not_urgent"
    assert _refusal("assigned", "rule_not_urgent", urgent=True, deadlines={"answer": FUTURE}) == "not_urgent"


def test_not_urgent_ruling_within_the_urgent_period_and_before_any_extension():
    assert _refusal("assigned", "rule_not_urgent", urgent=True, deadlines={"urgent_answer": PAST}) == \
        "urgent_deadline_passed"
    assert _refusal("assigned", "rule_not_urgent", urgent=True, extended=True,
                    deadlines={"urgent_answer": FUTURE}) == "urgency_extended"
    assert _fire(InformationRequestWorkflow, "received", "rule_not_urgent", urgent=True,
                 deadlines={"urgent_answer": TODAY})[1] == "received"


def test_not_urgent_ruling_replaces_the_urgent_clock_by_the_answer_clock_from_receipt():
    from workflows.information_request import clock_changes

    received = date(2025, 8, 13)
    change = clock_changes("rule_not_urgent", CaseFacts(today=TODAY, urgent=True, received_on=received,
                                                        deadlines={"urgent_answer": FUTURE}))
    assert change.stop == ("urgent_answer",) and change.replace and not change.expire
    assert change.start == (("answer", received),)


@pytest.mark.parametrize("workflow_class", [InformationRequestWorkflow, ComplaintWorkflow])
def test_open_triggers_read_from_the_table_match_the_machine(workflow_class):
    for state in workflow_class.State:
        machine = workflow_class(state.value, CaseFacts(today=TODAY))
        table = workflow_class.open_triggers(state.value)
        assert list(table) == machine.available()
        for trigger, guarded in table.items():
            rows = [t for t in workflow_class.TRANSITIONS if t["trigger"] == trigger]
            conditions = [t.get("conditions") for t in rows
                          if state in (t["source"] if isinstance(t["source"], list) else [t["source"]])]
            assert guarded == all(conditions), (state, trigger)
