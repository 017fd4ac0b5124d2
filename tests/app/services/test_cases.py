"""Registration and transitions as units of work: clocks, audit, refusals that change nothing."""
import re
import threading
from datetime import date, datetime

import pytest

from app.extensions import db
from app.models import Case, CaseEvent, Clock, Letter, Party
from app.services.cases import PayloadInvalid, available_triggers, fire, get_case
from app.services.intake import IntakeError
from app.services.references import access_code_matches, next_reference
from tests.conftest import COMPLAINT, REQUEST
from workflows.machine import TransitionRefused

RECEIVED = datetime(2025, 10, 27, 9, 0)  # Mon; due Wed 2025-11-26 (LAW.md §5)


def at(day, hour=10):
    return datetime.fromisoformat(f"{day}T{hour:02d}:00:00")


def snapshot(case):
    db.session.refresh(case)
    columns = {c.key: getattr(case, c.key) for c in Case.__table__.columns}
    clocks = [(c.period, c.due_on, c.last_day, c.status) for c in case.clocks]
    return columns, clocks, len(case.events), len(case.letters)


def assigned(register, staff):
    case = register(received_at=RECEIVED).case
    fire(case, "assign", {"officer": "officer"}, actor=staff["supervisor"], now=at("2025-10-28"))
    return case


def test_registration_gives_reference_code_clock_receipt_and_audit(register):
    reg = register(received_at=RECEIVED, now=at("2025-10-27", 12))
    case = reg.case
    assert re.fullmatch(r"DAI-2025-\d{6}", case.reference)
    assert len(reg.access_code) >= 8 and reg.access_code not in case.access_code_hash
    assert access_code_matches(case.access_code_hash, reg.access_code.lower())
    clock = case.clock("answer")
    assert (clock.article, clock.started_on, clock.due_on, clock.status) == (
        "16", date(2025, 10, 27), date(2025, 11, 26), "running")
    assert [l.kind for l in case.letters] == ["acknowledgment"]
    receipt = case.events[0]
    assert receipt.trigger == "receive" and receipt.data["registered_after_receipt"] is True


def test_references_run_per_kind_and_year(register):
    first = register(received_at=RECEIVED).case.reference
    second = register(received_at=RECEIVED).case.reference
    complaint = register("complaint", received_at=RECEIVED).case.reference
    next_year = register(received_at=datetime(2026, 1, 5, 9)).case.reference
    assert int(second[-6:]) == int(first[-6:]) + 1
    assert complaint.startswith("REC-2025-") and complaint.endswith("000001")
    assert next_year == "DAI-2026-000001"


def test_urgent_request_runs_on_the_three_working_day_clock(register):
    data = {**REQUEST, "urgent": True, "urgency_reason": "سلامة التلاميذ"}
    case = register(data=data, received_at=datetime(2025, 8, 13, 9)).case
    assert case.clock("urgent_answer").due_on == date(2025, 8, 19)


def test_invalid_registration_saves_nothing(register):
    bad = {**REQUEST, "applicant": {**REQUEST["applicant"], "id_number": "123"}, "urgent": True}
    with pytest.raises(IntakeError) as error:
        register(data=bad)
    assert set(error.value.errors) == {"applicant.id_number", "urgency_reason"}
    assert db.session.query(Case).count() == db.session.query(Party).count() == 0


def test_refused_transition_leaves_the_case_exactly_as_it_was(register, staff):
    case = assigned(register, staff)
    before = snapshot(case)
    with pytest.raises(TransitionRefused):
        fire(case, "decide", {"decision": "upheld", "text": "Le refus est fondé."}, actor=staff["head"], now=at("2025-10-29"))
    with pytest.raises(PayloadInvalid):
        fire(case, "answer", {"outcome": "refused", "text": "no ground"}, actor=staff["officer"])
    with pytest.raises(PermissionError):
        fire(case, "answer", {"outcome": "granted", "text": "x"}, actor=staff["complaints"])
    assert snapshot(case) == before


def test_loading_a_case_changes_nothing(register, staff):
    case = assigned(register, staff)
    before = snapshot(case)
    db.session.expunge_all()
    loaded = get_case(case.reference)
    available_triggers(loaded, staff["officer"])
    db.session.commit()
    assert snapshot(loaded) == before


def test_reassigning_never_moves_a_clock(register, staff, make_user):
    case = assigned(register, staff)
    make_user("officer2", "information_officer")
    fire(case, "assign", {"officer": "officer2"}, actor=staff["supervisor"], now=at("2025-11-20"))
    assert case.assignee.username == "officer2"
    assert case.clock("answer").due_on == date(2025, 11, 26)
    assert any(e.kind == "assignment" and e.data["to"] == "officer2" for e in case.events)


def test_officer_of_the_other_unit_cannot_be_assigned(register, staff):
    case = register(received_at=RECEIVED).case
    with pytest.raises(PayloadInvalid) as error:
        fire(case, "assign", {"officer": "complaints"}, actor=staff["supervisor"])
    assert "officer" in error.value.errors


def test_extension_adds_twenty_working_days_once_with_a_notice(register, staff):
    case = register(received_at=datetime(2025, 3, 27, 10)).case
    fire(case, "assign", {"officer": "officer"}, actor=staff["supervisor"], now=at("2025-03-28"))
    fire(case, "extend", {"reason": "volume of documents"}, actor=staff["officer"], now=at("2025-04-28"))
    assert case.clock("answer").due_on == date(2025, 5, 27)
    assert case.letters[-1].kind == "extension_notice"
    with pytest.raises(TransitionRefused) as refused:
        fire(case, "extend", {"reason": "again"}, actor=staff["officer"], now=at("2025-04-29"))
    assert refused.value.code == "already_extended"


def test_refusal_opens_the_complaint_window_from_the_answer_date(register, staff):
    case = register(received_at=datetime(2025, 7, 15, 9)).case
    fire(case, "assign", {"officer": "officer"}, actor=staff["supervisor"], now=at("2025-07-16"))
    fire(case, "answer", {"outcome": "refused", "grounds": ["exception_art7"], "text": "art. 7"},
         actor=staff["officer"], now=at("2025-07-28"))
    window = case.clock("complaint_to_head_window")  # LAW.md §5: Mon 2025-07-28 → Fri 2025-08-29
    assert (window.started_on, window.due_on) == (date(2025, 7, 28), date(2025, 8, 29))
    assert case.clock("answer").status == "met" and case.letters[-1].kind == "answer"


def test_deemed_refusal_then_complaint_then_overturn(register, staff):
    case = assigned(register, staff)
    with pytest.raises(TransitionRefused):
        fire(case, "deem_refusal", now=at("2025-11-26", 22))  # still the due day in Casablanca
    fire(case, "deem_refusal", now=at("2025-11-27"))
    assert case.clock("answer").status == "expired"
    assert case.clock("complaint_to_head_window").started_on == date(2025, 11, 26)
    fire(case, "complain_to_head", {"text": "silence"}, applicant=True, now=at("2025-12-01"))
    assert case.clock("head_decision").due_on == date(2025, 12, 22)
    fire(case, "decide", {"decision": "overturned", "text": "L'information doit être communiquée."}, actor=staff["head"], now=at("2025-12-02"))
    assert case.state == "assigned" and case.clock("delivery_after_overturn").status == "running"
    assert [l.kind for l in case.letters][-2:] == ["head_complaint_acknowledgment", "head_decision"]


def test_upheld_refusal_opens_the_cdai_window(register, staff):
    case = assigned(register, staff)
    fire(case, "answer", {"outcome": "refused", "grounds": ["not_held"], "text": "x"},
         actor=staff["officer"], now=at("2025-11-03"))
    fire(case, "complain_to_head", {"text": "Je conteste ce refus."}, actor=staff["supervisor"], now=at("2025-11-04"))
    fire(case, "decide", {"decision": "upheld", "text": "Le refus est fondé."}, actor=staff["head"], now=at("2025-11-26"))
    cdai = case.clock("cdai_window")
    assert case.state == "head_upheld" and (cdai.due_on, cdai.last_day) == (date(2025, 12, 26), date(2025, 12, 26))


def test_only_the_head_decides(register, staff):
    case = assigned(register, staff)
    fire(case, "answer", {"outcome": "refused", "grounds": ["not_held"], "text": "x"},
         actor=staff["officer"], now=at("2025-11-03"))
    fire(case, "complain_to_head", {"text": "Je conteste ce refus."}, applicant=True, now=at("2025-11-04"))
    with pytest.raises(PermissionError):
        fire(case, "decide", {"decision": "upheld", "text": "Le refus est fondé."}, actor=staff["supervisor"], now=at("2025-11-05"))


def test_complaint_answer_reopen_once_and_redirect(register, staff):
    case = register("complaint", received_at=datetime(2025, 10, 2, 9)).case
    assert case.clock("complaint_answer").due_on == date(2025, 12, 1)
    assert case.clock("complaint_acknowledgment").status == "met"
    fire(case, "assign", {"officer": "complaints"}, actor=staff["supervisor"], now=at("2025-10-03"))
    fire(case, "answer", {"text": "Travaux programmés"}, actor=staff["complaints"], now=at("2025-10-20"))
    fire(case, "reopen", {"text": "rien n'a changé"}, applicant=True, now=at("2025-11-20"))
    assert case.state == "assigned" and case.clock("complaint_answer").started_on == date(2025, 11, 20)
    fire(case, "answer", {"text": "Chantier ouvert"}, actor=staff["complaints"], now=at("2025-11-25"))
    with pytest.raises(TransitionRefused):
        fire(case, "reopen", {"text": "La réponse ne règle rien."}, applicant=True, now=at("2025-11-26"))
    other = register("complaint", data={**COMPLAINT, "subject": "Eau"}).case
    fire(other, "redirect", {"competent_body": "ONEE — Branche Eau"}, actor=staff["supervisor"])
    assert other.state == "redirected" and other.letters[-1].kind == "redirection_notice"


@pytest.mark.postgres_only
def test_concurrent_submissions_get_distinct_references(app):
    refs, barrier = [], threading.Barrier(8)

    def allocate():
        with app.app_context():
            barrier.wait()
            refs.append(next_reference("information_request", 2031))
            db.session.commit()

    threads = [threading.Thread(target=allocate) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(refs) == [f"DAI-2031-{n:06d}" for n in range(1, 9)]
