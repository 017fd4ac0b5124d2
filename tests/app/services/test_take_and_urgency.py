"""Taking a new case from the unit's queue, and ruling an urgent request not urgent (art. 17)."""
from datetime import date, datetime

import pytest

from app.extensions import db
from app.models.notification import Notification
from app.services.cases import fire
from app.services.status import status_facts
from tests.app.services.search_support import complaint_data, request_data
from workflows.machine import TransitionRefused

URGENT_RECEIVED = datetime(2025, 8, 13, 9, 0)   # Wed 2025-08-13, urgent: 3 WD → Tue 2025-08-19 (LAW.md §5)


@pytest.fixture
def urgent(register):
    return register(data=request_data(urgent=True, urgency_reason="مريض في حالة خطيرة"),
                    received_at=URGENT_RECEIVED).case


def test_an_officer_of_the_unit_takes_a_new_case(urgent, staff):
    fire(urgent, "take", {}, actor=staff["officer"], now=datetime(2025, 8, 13, 10))
    assert urgent.state == "assigned" and urgent.assignee is staff["officer"]
    transition = [e for e in urgent.events if e.kind == "transition"][-1]
    assert (transition.trigger, transition.from_state, transition.to_state, transition.actor_label) == (
        "take", "received", "assigned", "officer")
    assignment = [e for e in urgent.events if e.kind == "assignment"][-1]
    assert assignment.data == {"from": None, "to": "officer", "reason_code": "taken_from_queue"}
    assert [m["event"] for m in status_facts(urgent, datetime(2025, 8, 13, 11))["milestones"]] == ["receive", "take"]


@pytest.mark.parametrize("who, reason", [
    ("supervisor", "only an active officer of this case's unit can take it"),
    ("complaints", "only an active officer of this case's unit can take it"),
    ("head", "only an active officer of this case's unit can take it"),
])
def test_only_an_officer_of_the_unit_takes(urgent, staff, who, reason):
    with pytest.raises(PermissionError, match=reason):
        fire(urgent, "take", {}, actor=staff[who])
    assert urgent.state == "received" and urgent.assignee is None


def test_an_inactive_officer_cannot_take_and_a_held_case_cannot_be_taken(urgent, staff, make_user):
    gone = make_user("gone", "information_officer")
    gone.deactivate()
    db.session.commit()
    with pytest.raises(PermissionError):
        fire(urgent, "take", {}, actor=gone)
    second = make_user("second", "information_officer")
    fire(urgent, "take", {}, actor=staff["officer"])
    with pytest.raises(TransitionRefused) as refused:
        fire(urgent, "take", {}, actor=second)
    assert refused.value.code == "not_allowed_in_state"
    assert urgent.assignee is staff["officer"]


def test_complaints_officers_take_complaints(register, staff):
    case = register("complaint", data=complaint_data()).case
    fire(case, "take", {}, actor=staff["complaints"])
    assert case.assignee is staff["complaints"]


def test_ruling_not_urgent_replaces_the_urgent_clock_by_twenty_working_days_from_receipt(urgent, staff):
    fire(urgent, "take", {}, actor=staff["officer"], now=datetime(2025, 8, 13, 10))
    fire(urgent, "rule_not_urgent", {"reason": "لا خطر على حياة أو سلامة أو حرية الأشخاص"},
         actor=staff["officer"], now=datetime(2025, 8, 14, 9))
    urgent_clock, answer = urgent.clock("urgent_answer"), urgent.clock("answer")
    assert urgent_clock.status == "replaced" and urgent_clock.last_day == date(2025, 8, 19)
    # Day 0 = receipt (Wed 13 Aug); 14, 20, 21 Aug and Mawlid (Fri 5 Sep) are not working days.
    assert (answer.status, answer.started_on, answer.due_on) == ("running", date(2025, 8, 13), date(2025, 9, 16))
    assert urgent.urgent is True and urgent.urgency_ruled_out_at == datetime(2025, 8, 14, 9)
    assert not urgent.urgent_now and (urgent.body_deadline, urgent.priority) == (date(2025, 9, 16), 1)
    ruling = [e for e in urgent.events if e.trigger == "rule_not_urgent"][0]
    assert ruling.actor_label == "officer" and "لا خطر" in ruling.reason
    assert urgent.letters[-1].kind == "not_urgent_notice"
    assert db.session.execute(db.select(Notification).filter_by(letter_id=urgent.letters[-1].id)).scalar_one()
    facts = status_facts(urgent, datetime(2025, 8, 15, 9))
    assert facts["due_date"] == "2025-09-16"
    assert {c["period"]: c["status"] for c in facts["clocks"]} == {"urgent_answer": "replaced", "answer": "running"}
    assert "rule_not_urgent" in [m["event"] for m in facts["milestones"]]


def test_after_the_ruling_an_extension_is_the_ordinary_one(urgent, staff):
    fire(urgent, "take", {}, actor=staff["officer"], now=datetime(2025, 8, 13, 10))
    fire(urgent, "rule_not_urgent", {"reason": "ليس مستعجلا"}, actor=staff["officer"], now=datetime(2025, 8, 14, 9))
    fire(urgent, "extend", {"reason": "وثائق كثيرة"}, actor=staff["officer"], now=datetime(2025, 9, 1, 9))
    assert urgent.clock("answer").extended_by == "extension"


def test_the_ruling_needs_reasons_and_the_urgent_period(urgent, staff):
    from app.services.cases import PayloadInvalid

    fire(urgent, "take", {}, actor=staff["officer"], now=datetime(2025, 8, 13, 10))
    with pytest.raises(PayloadInvalid) as invalid:
        fire(urgent, "rule_not_urgent", {"reason": "  "}, actor=staff["officer"])
    assert set(invalid.value.errors) == {"reason"}
    with pytest.raises(TransitionRefused) as late:
        fire(urgent, "rule_not_urgent", {"reason": "متأخر"}, actor=staff["officer"], now=datetime(2025, 8, 20, 9))
    assert late.value.code == "urgent_deadline_passed"
    with pytest.raises(PermissionError):
        fire(urgent, "rule_not_urgent", {"reason": "x"}, actor=staff["viewer"], now=datetime(2025, 8, 14, 9))
    assert urgent.urgency_ruled_out_at is None and urgent.clock("urgent_answer").status == "running"


def test_an_ordinary_request_cannot_be_ruled_not_urgent(register, staff):
    case = register(data=request_data()).case
    with pytest.raises(TransitionRefused) as refused:
        fire(case, "rule_not_urgent", {"reason": "x"}, actor=staff["supervisor"], now=datetime(2025, 10, 28, 9))
    assert refused.value.code == "not_urgent"


@pytest.mark.parametrize("language, words", [
    ("ar", ["عدم اعتباره طلبا مستعجلا", "المادة", "17", "16", "لا خطر"]),
    ("fr", ["ne pas la traiter comme une demande urgente", "l'article", "17", "16", "Aucun danger"]),
])
def test_the_applicant_is_told_in_their_language(register, staff, language, words):
    from app.services.letters import letter_html

    case = register(data=request_data(urgent=True, urgency_reason="x", language=language),
                    received_at=URGENT_RECEIVED).case
    reason = "لا خطر على الحياة" if language == "ar" else "Aucun danger pour la vie."
    fire(case, "rule_not_urgent", {"reason": reason}, actor=staff["supervisor"], now=datetime(2025, 8, 14, 9))
    html, _ = letter_html(case, "not_urgent_notice", datetime(2025, 8, 14, 9))
    for word in words:
        assert word in html
    assert "16" in html and ("2025" in html)
    email = db.session.execute(db.select(Notification).filter_by(letter_id=case.letters[-1].id)).scalar_one()
    assert email.subject.startswith(case.reference)
