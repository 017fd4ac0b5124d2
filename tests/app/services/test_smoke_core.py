from datetime import datetime

from app.services.cases import fire


def test_request_through_refusal_and_head(register, staff):
    reg = register()
    case = reg.case
    assert case.reference.startswith("DAI-2025-")
    assert case.clock("answer").due_on.isoformat() == "2025-11-26"
    fire(case, "assign", {"officer": "officer"}, actor=staff["supervisor"], now=datetime(2025, 10, 28, 9))
    fire(case, "answer", {"outcome": "refused", "grounds": ["exception_art7"], "text": "x"},
         actor=staff["officer"], now=datetime(2025, 11, 3, 9))
    assert case.state == "answered"
    fire(case, "complain_to_head", {"text": "Je conteste ce refus."}, applicant=True, now=datetime(2025, 11, 4, 9))
    assert case.state == "appealed"
    fire(case, "decide", {"decision": "upheld", "text": "Le refus est fondé."}, actor=staff["head"], now=datetime(2025, 11, 5, 9))
    assert case.state == "head_upheld"
    assert [e.trigger for e in case.events if e.kind == "transition"] == [
        "receive", "assign", "answer", "complain_to_head", "decide"]


def test_status_facts_after_refusal(register, staff):
    from app.services.status import status_facts
    case = register().case
    fire(case, "assign", {"officer": "officer"}, actor=staff["supervisor"], now=datetime(2025, 10, 28, 9))
    fire(case, "answer", {"outcome": "refused", "grounds": ["exception_art7"], "text": "x"},
         actor=staff["officer"], now=datetime(2025, 11, 3, 9))
    facts = status_facts(case, now=datetime(2025, 11, 4, 9))
    assert facts["next_step"]["action"] == "complain_to_head"
    assert facts["applicant_actions"] == ["complain_to_head"]
    assert "سلمى" not in str(facts)
