"""A supervisor corrects a delivery staff entered (issue 8 §1): the windows from it are counted again.

Dates by hand (LAW.md §3, §5): the refusal is posted Tue 22 Jul 2025; the delivery notice
says Mon 28 Jul, but 25 Jul was typed. From Fri 25 Jul, 20 working days (skipping 30 Jul,
14, 20 and 21 Aug) end Thu 28 Aug; from Mon 28 Jul they end Fri 29 Aug (LAW.md §5).
"""
from datetime import date

import pytest

from app.extensions import db
from app.services import outbox
from app.services.cases import PayloadInvalid, fire
from app.services.delivery_corrections import correct_delivery
from app.services.letter_deliveries import LetterNotFound, record_delivery
from tests.app.services.test_letter_delivery import REFUSAL, answer_letter, at, counter_case
from workflows.machine import TransitionRefused

FIX = {"delivered_on": "2025-07-28", "method": "post", "reason": "Date mal saisie : l'avis de réception porte le 28."}


@pytest.fixture
def mistyped(register, staff):
    case = counter_case(register, staff)
    fire(case, "answer", REFUSAL, actor=staff["officer"], now=at("2025-07-22"))
    record_delivery(case, answer_letter(case).id, {"delivered_on": "2025-07-25", "method": "hand"},
                    actor=staff["officer"], now=at("2025-07-29"))
    window = case.clock("complaint_to_head_window")
    assert (window.started_on, window.last_day) == (date(2025, 7, 25), date(2025, 8, 28))
    return case


def _window(case):
    db.session.expire_all()
    clock = case.clock("complaint_to_head_window")
    return clock.status, clock.started_on, clock.due_on, clock.last_day


def test_a_supervisor_corrects_the_date_and_the_window_follows(mistyped, staff):
    letter = answer_letter(mistyped)
    delivery = correct_delivery(mistyped, letter.id, dict(FIX), actor=staff["supervisor"], now=at("2025-07-30"))
    assert (delivery.method, delivery.delivered_on, delivery.recorded_by.username) == \
        ("post", date(2025, 7, 28), "supervisor")
    assert _window(mistyped) == ("running", date(2025, 7, 28), date(2025, 8, 29), date(2025, 8, 29))
    audit = [e for e in mistyped.events if e.kind == "delivery"][-1]
    assert audit.reason == FIX["reason"] and audit.actor_label == "supervisor"
    assert audit.data["from"] == {"method": "hand", "delivered_on": "2025-07-25"}
    assert audit.data["to"] == {"method": "post", "delivered_on": "2025-07-28"}
    assert audit.data["reason_code"] == "letter_delivery_corrected"
    moved = [e for e in mistyped.events if e.data.get("reason_code") == "clock_rebased_on_correction"]
    assert [(e.data["from"], e.data["last_day"]) for e in moved] == [
        ({"start": "2025-07-25", "last_day": "2025-08-28"}, "2025-08-29")]
    # The applicant complains on the corrected last day: in time.
    fire(mistyped, "complain_to_head", {"text": "Je conteste."}, applicant=True, now=at("2025-08-29"))
    assert mistyped.state == "appealed"


def test_only_a_supervisor_corrects(mistyped, staff):
    with pytest.raises(PermissionError):
        correct_delivery(mistyped, answer_letter(mistyped).id, dict(FIX), actor=staff["officer"],
                         now=at("2025-07-30"))
    assert _window(mistyped)[1] == date(2025, 7, 25)


@pytest.mark.parametrize("change, field", [
    ({"reason": "   "}, "reason"), ({"reason": None}, "reason"),
    ({"delivered_on": "2025-07-31"}, "delivered_on"),      # after today
    ({"delivered_on": "2025-07-21"}, "delivered_on"),      # before the letter's issue
    ({"method": "email"}, "method"),
])
def test_a_wrong_correction_changes_nothing(mistyped, staff, change, field):
    with pytest.raises(PayloadInvalid) as refused:
        correct_delivery(mistyped, answer_letter(mistyped).id, {**FIX, **change}, actor=staff["supervisor"],
                         now=at("2025-07-30"))
    assert field in refused.value.errors
    assert _window(mistyped)[1] == date(2025, 7, 25)
    assert answer_letter(mistyped).delivery.delivered_on == date(2025, 7, 25)


def test_refused_once_the_applicant_used_the_window(mistyped, staff):
    fire(mistyped, "complain_to_head", {"text": "Je conteste."}, applicant=True, now=at("2025-08-04"))
    with pytest.raises(TransitionRefused) as refused:
        correct_delivery(mistyped, answer_letter(mistyped).id, dict(FIX), actor=staff["supervisor"],
                         now=at("2025-08-05"))
    assert refused.value.code == "delivery_window_used"
    assert answer_letter(mistyped).delivery.delivered_on == date(2025, 7, 25)


def test_refused_for_a_delivery_not_recorded_or_recorded_by_the_system(register, staff):
    posted = counter_case(register, staff)
    fire(posted, "answer", REFUSAL, actor=staff["officer"], now=at("2025-07-22"))
    with pytest.raises(TransitionRefused) as refused:
        correct_delivery(posted, answer_letter(posted).id, dict(FIX), actor=staff["supervisor"], now=at("2025-07-30"))
    assert refused.value.code == "delivery_not_recorded"
    with pytest.raises(LetterNotFound):
        correct_delivery(posted, 999999, dict(FIX), actor=staff["supervisor"], now=at("2025-07-30"))
    emailed = counter_case(register, staff, email=True)
    fire(emailed, "answer", REFUSAL, actor=staff["officer"], now=at("2025-07-22"))
    outbox.deliver_pending(now=at("2025-07-23", 8))
    with pytest.raises(TransitionRefused) as refused:
        correct_delivery(emailed, answer_letter(emailed).id, dict(FIX), actor=staff["supervisor"],
                         now=at("2025-07-30"))
    assert refused.value.code == "delivery_automatic"
    assert answer_letter(emailed).delivery.delivered_on == date(2025, 7, 23)


def test_a_head_decision_delivered_by_hand_moves_the_cdai_window(register, staff):
    case = counter_case(register, staff)
    fire(case, "answer", REFUSAL, actor=staff["officer"], now=at("2025-07-22"))
    record_delivery(case, answer_letter(case).id, {"delivered_on": "2025-07-28", "method": "post"},
                    actor=staff["officer"], now=at("2025-07-29"))
    fire(case, "complain_to_head", {"text": "Recours."}, applicant=True, now=at("2025-08-04"))
    fire(case, "decide", {"decision": "upheld", "text": "Refus confirmé."}, actor=staff["head"], now=at("2025-08-11"))
    decision = next(l for l in case.letters if l.kind == "head_decision")
    record_delivery(case, decision.id, {"delivered_on": "2025-08-12", "method": "hand"}, actor=staff["officer"],
                    now=at("2025-08-13"))
    assert case.clock("cdai_window").last_day == date(2025, 9, 11)          # 12 Aug + 30 = Thu 11 Sep
    correct_delivery(case, decision.id, {**FIX, "delivered_on": "2025-08-13", "method": "hand"},
                     actor=staff["admin"], now=at("2025-08-14"))
    db.session.expire_all()
    assert (case.clock("cdai_window").started_on, case.clock("cdai_window").last_day) == \
        (date(2025, 8, 13), date(2025, 9, 12))


def test_a_correction_that_changes_nothing_is_refused_and_writes_no_event(mistyped, staff):
    events = len(mistyped.events)
    with pytest.raises(TransitionRefused) as refused:
        correct_delivery(mistyped, answer_letter(mistyped).id,
                         {"delivered_on": "2025-07-25", "method": "hand", "reason": "Vérification."},
                         actor=staff["supervisor"], now=at("2025-07-30"))
    assert refused.value.code == "delivery_unchanged"
    db.session.expire_all()
    assert len(mistyped.events) == events
