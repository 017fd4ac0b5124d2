"""Drafts and sign-off (issue 5 §4): a refusal waits for a supervisor, the head signs his decision."""
from datetime import datetime

import pytest

from app.extensions import db
from app.models import Letter, LetterDraft
from app.services import letter_drafts, signoff
from app.services.calendar import working_calendar
from app.services.cases import PayloadInvalid, fire
from app.services.letter_preview import preview_pdf
from tests.app.deliver_support import signoff as signoff_rules  # noqa: F401
from workflows.machine import TransitionRefused

ASSIGNED = datetime(2025, 10, 28, 9)           # received Mon 27 Oct 2025: answer due Wed 26 Nov
SUBMITTED = datetime(2025, 11, 3, 9)
APPROVED = datetime(2025, 11, 10, 9)
REFUSAL = {"outcome": "refused", "grounds": ["exception_art7"], "text": "Données personnelles."}


@pytest.fixture
def assigned(register, staff):
    case = register().case
    fire(case, "assign", {"officer": "officer"}, actor=staff["supervisor"], now=ASSIGNED)
    return case


def test_a_refusal_waits_for_a_supervisor_then_is_issued_when_approved(assigned, staff, signoff_rules):
    case = assigned
    draft = letter_drafts.act(case, "answer", REFUSAL, staff["officer"], now=SUBMITTED)
    assert (draft.status, draft.approver_role, draft.author) == ("submitted", "supervisor", staff["officer"])
    assert case.state == "assigned" and case.clock("answer").status == "running"    # the clock keeps running
    assert [l.kind for l in case.letters] == ["acknowledgment"]
    queue = signoff.awaiting(staff["supervisor"], SUBMITTED.date(), working_calendar())
    assert [r.draft.id for r in queue.rows] == [draft.id] and queue.rows[0].last_day.isoformat() == "2025-11-26"
    assert signoff.awaiting(staff["head"], SUBMITTED.date(), working_calendar()).total == 0
    with pytest.raises(PermissionError):
        letter_drafts.approve(draft, staff["officer"], now=APPROVED)
    letter_drafts.approve(draft, staff["supervisor"], now=APPROVED)
    assert (case.state, case.outcome, case.answered_at) == ("answered", "refused", APPROVED)
    answer = case.letters[-1]
    assert (answer.kind, answer.issued_at, answer.issued_by_id) == ("answer", APPROVED, staff["officer"].id)
    assert draft.status == "issued" and draft.approver == staff["supervisor"]
    kinds = [(e.kind, e.data.get("status"), e.actor_label) for e in case.events if e.kind in ("draft", "transition")]
    assert ("draft", "submitted", "officer") in kinds and ("draft", "approved", "supervisor") in kinds
    assert kinds[-1] == ("transition", None, "supervisor")
    assert signoff.awaiting(staff["supervisor"], APPROVED.date(), working_calendar()).total == 0


def test_a_rejected_draft_goes_back_to_its_author_with_the_reason(assigned, staff, signoff_rules):
    draft = letter_drafts.act(assigned, "answer", REFUSAL, staff["officer"], now=SUBMITTED)
    with pytest.raises(PayloadInvalid):
        letter_drafts.reject(draft, staff["supervisor"], "  ", now=SUBMITTED)
    letter_drafts.reject(draft, staff["supervisor"], "Citez l'article 7 précisément.", now=SUBMITTED)
    assert (draft.status, draft.rejection_reason) == ("rejected", "Citez l'article 7 précisément.")
    with pytest.raises(TransitionRefused):
        letter_drafts.approve(draft, staff["supervisor"], now=SUBMITTED)
    letter_drafts.save(assigned, "answer", {**REFUSAL, "text": "Article 7, vie privée."}, staff["officer"],
                       now=SUBMITTED, draft=draft)
    letter_drafts.submit(draft, staff["officer"], now=SUBMITTED)
    assert draft.status == "submitted" and draft.rejection_reason is None
    assert [e.data["status"] for e in assigned.events if e.kind == "draft"] == ["submitted", "rejected", "submitted"]


def test_a_grant_and_a_supervisors_own_refusal_need_no_sign_off(register, staff, signoff_rules):
    for actor, payload in ((staff["officer"], {"outcome": "granted", "text": "Ci-joint."}),
                           (staff["supervisor"], REFUSAL)):
        case = register().case
        fire(case, "assign", {"officer": "officer"}, actor=staff["supervisor"], now=ASSIGNED)
        draft = letter_drafts.save(case, "answer", payload, staff["officer"], now=SUBMITTED)
        assert letter_drafts.act(case, "answer", payload, actor, now=SUBMITTED) is None
        assert case.state == "answered" and draft.status == "cancelled"


def test_an_invalid_action_is_refused_before_it_waits(assigned, staff, signoff_rules):
    with pytest.raises(PayloadInvalid):
        letter_drafts.act(assigned, "answer", {"outcome": "refused", "text": "no ground"}, staff["officer"],
                          now=SUBMITTED)
    assert db.session.execute(db.select(LetterDraft)).first() is None


def test_the_head_signs_the_decision_a_supervisor_prepared(assigned, staff, signoff_rules):
    case = assigned
    fire(case, "answer", REFUSAL, actor=staff["supervisor"], now=SUBMITTED)
    fire(case, "complain_to_head", {"text": "Je conteste."}, applicant=True, now=SUBMITTED)
    assert "decide" in letter_drafts.open_triggers(case, staff["supervisor"], now=SUBMITTED)
    decision = {"decision": "upheld", "text": "Le refus est fondé."}
    draft = letter_drafts.act(case, "decide", decision, staff["supervisor"], now=SUBMITTED)
    assert (draft.status, draft.approver_role) == ("submitted", "head")
    assert signoff.awaiting(staff["supervisor"], SUBMITTED.date(), working_calendar()).total == 0
    assert signoff.awaiting(staff["head"], SUBMITTED.date(), working_calendar()).total == 1
    letter_drafts.approve(draft, staff["head"], now=APPROVED)
    assert (case.state, case.head_decision) == ("head_upheld", "upheld")
    assert case.letters[-1].kind == "head_decision" and case.letters[-1].issued_by_id == staff["head"].id


def test_without_sign_off_rules_everything_is_issued_at_once(assigned, staff):
    assert letter_drafts.act(assigned, "answer", REFUSAL, staff["officer"], now=SUBMITTED) is None
    assert assigned.state == "answered"


def test_the_preview_is_the_letter_marked_as_a_draft_and_nothing_is_stored(assigned, staff):
    from app.services.letters import letter_html

    pdf = preview_pdf(assigned, "answer", REFUSAL, signer=staff["officer"], now=SUBMITTED)
    assert pdf.startswith(b"%PDF")
    assert assigned.state == "assigned" and assigned.outcome is None
    assert db.session.execute(db.select(db.func.count(Letter.id))).scalar() == 1
    html, _ = letter_html(assigned, "acknowledgment", SUBMITTED, draft=True)
    assert "draft-mark" in html
    with pytest.raises(PayloadInvalid):
        preview_pdf(assigned, "answer", {"outcome": "refused", "text": "x"}, now=SUBMITTED)
    with pytest.raises(TransitionRefused):
        preview_pdf(assigned, "decide", {"decision": "upheld", "text": "x"}, now=SUBMITTED)
