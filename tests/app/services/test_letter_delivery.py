"""Windows that run from the applicant's receipt of a letter (LAW.md §4.5, issue 8 §1).

Dates are counted by hand on the working calendar of LAW.md §3 (2025: 30 Jul, 14, 20
and 21 Aug, 6 and 18 Nov are holidays).
"""
from datetime import date, datetime

import pytest
import time_machine

from app.extensions import db
from app.services import outbox
from app.services.answer_delivery import answer_received_on, decision_received_on
from app.services.cases import PayloadInvalid, fire
from app.services.letter_deliveries import LetterNotFound, record_delivery
from app.services.status import status_facts
from workflows.machine import TransitionRefused

REFUSAL = {"outcome": "refused", "grounds": ["exception_art7"], "text": "Information couverte par l'art. 7."}


def at(day, hour=10):
    return datetime.fromisoformat(f"{day}T{hour:02d}:00:00")


def counter_case(register, staff, received=datetime(2025, 7, 1, 9), email=False):
    """An information request received at the counter, assigned; letters go by post unless ``email``."""
    case = register(received_at=received, channel="counter", email_verified_by="counter" if email else None).case
    fire(case, "assign", {"officer": "officer"}, actor=staff["supervisor"], now=at("2025-07-02"))
    return case


def _letter_email(letter):
    from app.models.notification import Notification

    return db.session.execute(db.select(Notification).filter_by(letter_id=letter.id)).scalar_one()


def answer_letter(case):
    return next(l for l in reversed(case.letters) if l.kind == "answer")


def test_a_posted_refusal_delivered_six_days_later_opens_the_window_from_delivery(register, staff):
    case = counter_case(register, staff)
    fire(case, "answer", REFUSAL, actor=staff["officer"], now=at("2025-07-22"))   # D = Tue 22 Jul
    window = case.clock("complaint_to_head_window")
    assert (window.status, window.started_on, window.due_on, window.last_day) == ("awaiting_delivery", None, None, None)
    assert answer_received_on(case) is None

    record_delivery(case, answer_letter(case).id, {"delivered_on": "2025-07-28", "method": "post"},
                    actor=staff["officer"], now=at("2025-07-29"))
    db.session.refresh(window)
    # D+6 = Mon 28 Jul is day 0; 20 working days skip 30 Jul, 14, 20 and 21 Aug → Fri 29 Aug (LAW.md §5).
    assert (window.status, window.started_on, window.due_on) == ("running", date(2025, 7, 28), date(2025, 8, 29))
    assert answer_received_on(case) == date(2025, 7, 28)
    moved = [e for e in case.events if e.kind == "clock" and e.data.get("from") == "awaiting_delivery"]
    assert moved[-1].data["start"] == "2025-07-28" and moved[-1].data["method"] == "post"
    assert moved[-1].actor_label == "officer"
    delivery = [e for e in case.events if e.kind == "delivery"][-1]
    assert delivery.data == {"letter_id": answer_letter(case).id, "kind": "answer", "method": "post",
                             "delivered_on": "2025-07-28", "reason_code": "letter_delivered",
                             "reason_params": {"kind": "answer", "method": "post"}}


def test_an_emailed_answer_starts_the_window_on_the_sending_date(register, staff):
    case = counter_case(register, staff, email=True)
    fire(case, "answer", REFUSAL, actor=staff["officer"], now=at("2025-07-25", 22))   # Fri 25 Jul, 23:00 local
    assert case.clock("complaint_to_head_window").status == "awaiting_delivery"
    email = _letter_email(answer_letter(case))
    assert "يبتدئ أجل 20 يوم عمل" in email.body and "من تاريخ توصلكم بهذه الرسالة" in email.body
    outbox.deliver_pending(now=at("2025-07-28", 8))   # sent Mon 28 Jul, 09:00 Casablanca
    window = case.clock("complaint_to_head_window")
    db.session.refresh(window)
    assert answer_letter(case).delivery.method == "email"
    assert (window.started_on, window.due_on) == (date(2025, 7, 28), date(2025, 8, 29))
    # A second send (re-sending) never moves the clock: the delivery is recorded once.
    outbox.deliver_pending(now=at("2025-07-30", 8))
    db.session.refresh(window)
    assert window.started_on == date(2025, 7, 28)


def test_a_portal_case_starts_the_window_on_the_day_the_answer_is_issued(register, staff):
    case = register(received_at=datetime(2025, 7, 1, 9)).case   # filed on the portal
    fire(case, "assign", {"officer": "officer"}, actor=staff["supervisor"], now=at("2025-07-02"))
    fire(case, "answer", REFUSAL, actor=staff["officer"], now=at("2025-07-28"))
    window = case.clock("complaint_to_head_window")
    assert (window.status, window.started_on, window.due_on) == ("running", date(2025, 7, 28), date(2025, 8, 29))
    assert answer_letter(case).delivery.method == "portal"
    assert "إلى غاية الجمعة 29 غشت 2025" in _letter_email(answer_letter(case)).body
    with pytest.raises(TransitionRefused) as refused:   # delivered already: final
        record_delivery(case, answer_letter(case).id, {"delivered_on": "2025-07-29", "method": "post"},
                        actor=staff["officer"], now=at("2025-07-30"))
    assert refused.value.code == "delivery_already_recorded"


def test_a_complaint_while_the_posted_answer_is_undelivered_is_never_late(register, staff):
    case = counter_case(register, staff)
    fire(case, "answer", REFUSAL, actor=staff["officer"], now=at("2025-07-22"))
    facts = status_facts(case, now=at("2025-12-01"))
    window = next(c for c in facts["clocks"] if c["period"] == "complaint_to_head_window")
    assert (window["status"], window["last_day"], window["due_on"]) == ("awaiting_delivery", None, None)
    assert facts["next_step"]["action"] == "complain_to_head" and facts["next_step"]["starts_on_receipt"]
    assert facts["next_step"]["last_day"] is None and "20" in facts["next_step"]["label"]["fr"]
    # Months later, still no delivery recorded: the complaint is accepted.
    fire(case, "complain_to_head", {"text": "Je conteste le refus."}, applicant=True, now=at("2025-12-01"))
    assert case.state == "appealed"
    assert case.clock("complaint_to_head_window").status == "met"
    # Recording the delivery afterwards moves no stopped clock.
    record_delivery(case, answer_letter(case).id, {"delivered_on": "2025-07-28", "method": "post"},
                    actor=staff["officer"], now=at("2025-12-02"))
    assert case.clock("complaint_to_head_window").started_on is None


def test_a_paper_complaint_counts_the_head_decision_from_its_receipt(register, staff):
    case = counter_case(register, staff, received=datetime(2025, 10, 1, 9))
    fire(case, "answer", REFUSAL, actor=staff["officer"], now=at("2025-10-20"))
    record_delivery(case, answer_letter(case).id, {"delivered_on": "2025-10-24", "method": "hand"},
                    actor=staff["officer"], now=at("2025-10-24", 12))
    # Received on paper Mon 3 Nov (10:30 Casablanca), registered Thu 6 Nov, three days later.
    fire(case, "complain_to_head", {"text": "Recours reçu au bureau d'ordre.",
                                    "received_at": "2025-11-03T10:30:00+01:00"},
         actor=staff["officer"], now=at("2025-11-07"))
    head = case.clock("head_decision")
    # LAW.md §5: complaint to head received Mon 2025-11-03 → Wed 2025-11-26 (6 and 18 Nov skipped).
    assert (head.started_on, head.due_on) == (date(2025, 11, 3), date(2025, 11, 26))
    transition = [e for e in case.events if e.trigger == "complain_to_head"][-1]
    assert transition.data["received_at"] == "2025-11-03T09:30:00Z"


@pytest.mark.parametrize("received_at, message", [
    ("2025-11-08T09:00:00+01:00", "future"),
    ("2025-10-19T09:00:00+01:00", "before the answer"),
    ("2025-11-03T10:30:00", "time zone"),
    ("le 3 novembre", "ISO-8601"),
])
def test_a_paper_complaint_receipt_is_checked(register, staff, received_at, message):
    case = counter_case(register, staff, received=datetime(2025, 10, 1, 9))
    fire(case, "answer", REFUSAL, actor=staff["officer"], now=at("2025-10-20"))
    with pytest.raises(PayloadInvalid) as invalid:
        fire(case, "complain_to_head", {"text": "Recours.", "received_at": received_at},
             actor=staff["officer"], now=at("2025-11-07"))
    assert message in invalid.value.errors["received_at"]
    assert case.state == "answered"


def test_a_paper_complaint_within_the_window_is_accepted_when_recorded_after_it(register, staff):
    case = register(received_at=datetime(2025, 7, 1, 9)).case      # portal: window from the answer's day
    fire(case, "assign", {"officer": "officer"}, actor=staff["supervisor"], now=at("2025-07-02"))
    fire(case, "answer", REFUSAL, actor=staff["officer"], now=at("2025-07-28"))   # window ends Fri 29 Aug
    with pytest.raises(TransitionRefused):
        fire(case, "complain_to_head", {"text": "Recours."}, actor=staff["officer"], now=at("2025-09-02"))
    fire(case, "complain_to_head", {"text": "Recours.", "received_at": "2025-08-29T11:00:00+01:00"},
         actor=staff["officer"], now=at("2025-09-02"))
    assert case.clock("head_decision").started_on == date(2025, 8, 29)


def test_the_cdai_window_runs_from_the_receipt_of_the_head_decision(register, staff):
    case = counter_case(register, staff, received=datetime(2025, 10, 1, 9))
    fire(case, "answer", REFUSAL, actor=staff["officer"], now=at("2025-10-20"))
    fire(case, "complain_to_head", {"text": "Recours."}, actor=staff["officer"], now=at("2025-10-27"))
    fire(case, "decide", {"decision": "upheld", "text": "Le refus est fondé."}, actor=staff["head"],
         now=at("2025-11-20"))
    cdai = case.clock("cdai_window")
    assert cdai.status == "awaiting_delivery" and decision_received_on(case) is None
    assert status_facts(case, now=at("2025-11-21"))["next_step"]["action"] == "cdai"
    decision = next(l for l in case.letters if l.kind == "head_decision")
    record_delivery(case, decision.id, {"delivered_on": "2025-11-24", "method": "post"},
                    actor=staff["supervisor"], now=at("2025-11-25"))
    db.session.refresh(cdai)
    # 30 calendar days from Mon 24 Nov → Wed 24 Dec 2025 (art. 20).
    assert (cdai.status, cdai.started_on, cdai.due_on) == ("running", date(2025, 11, 24), date(2025, 12, 24))
    assert decision_received_on(case) == date(2025, 11, 24)


def test_a_regenerated_letter_never_moves_the_clock(register, staff):
    from app.services.letters import issue_letter

    case = counter_case(register, staff)
    fire(case, "answer", REFUSAL, actor=staff["officer"], now=at("2025-07-22"))
    first = answer_letter(case)
    copy = issue_letter(case, "answer", actor=staff["officer"], now=at("2025-07-23"))
    db.session.commit()
    record_delivery(case, copy.id, {"delivered_on": "2025-07-24", "method": "hand"},
                    actor=staff["officer"], now=at("2025-07-24", 12))
    assert case.clock("complaint_to_head_window").status == "awaiting_delivery"
    record_delivery(case, first.id, {"delivered_on": "2025-07-28", "method": "post"},
                    actor=staff["officer"], now=at("2025-07-29"))
    assert case.clock("complaint_to_head_window").started_on == date(2025, 7, 28)


@pytest.mark.parametrize("body, field", [
    ({"delivered_on": "2025-07-21", "method": "post"}, "delivered_on"),    # before the letter's issue
    ({"delivered_on": "2025-07-30", "method": "post"}, "delivered_on"),    # in the future
    ({"delivered_on": "2025-07-24", "method": "pigeon"}, "method"),
    ({"delivered_on": "24/07/2025", "method": "post"}, "delivered_on"),
    ({"method": "hand"}, "delivered_on"),
])
def test_a_wrong_delivery_entry_is_refused_and_changes_nothing(register, staff, body, field):
    case = counter_case(register, staff)
    fire(case, "answer", REFUSAL, actor=staff["officer"], now=at("2025-07-22"))
    with pytest.raises(PayloadInvalid) as invalid:
        record_delivery(case, answer_letter(case).id, body, actor=staff["officer"], now=at("2025-07-29"))
    assert field in invalid.value.errors
    assert answer_letter(case).delivery is None
    assert case.clock("complaint_to_head_window").status == "awaiting_delivery"


def test_a_delivery_is_recorded_once_and_only_by_the_case_staff(register, staff):
    case = counter_case(register, staff)
    other = counter_case(register, staff)
    fire(case, "answer", REFUSAL, actor=staff["officer"], now=at("2025-07-22"))
    letter = answer_letter(case)
    with pytest.raises(PermissionError):
        record_delivery(case, letter.id, {"delivered_on": "2025-07-24", "method": "post"},
                        actor=staff["viewer"], now=at("2025-07-29"))
    with pytest.raises(LetterNotFound):
        record_delivery(other, letter.id, {"delivered_on": "2025-07-24", "method": "post"},
                        actor=staff["officer"], now=at("2025-07-29"))
    record_delivery(case, letter.id, {"delivered_on": "2025-07-24", "method": "post"},
                    actor=staff["officer"], now=at("2025-07-29"))
    with pytest.raises(TransitionRefused):
        record_delivery(case, letter.id, {"delivered_on": "2025-07-25", "method": "post"},
                        actor=staff["supervisor"], now=at("2025-07-29"))
    assert letter.delivery.delivered_on == date(2025, 7, 24)


@time_machine.travel(datetime(2025, 7, 29, 9), tick=False)
def test_the_default_moment_is_now(register, staff):
    case = counter_case(register, staff)
    fire(case, "answer", REFUSAL, actor=staff["officer"], now=at("2025-07-22"))
    record_delivery(case, answer_letter(case).id, {"delivered_on": "2025-07-29", "method": "hand"},
                    actor=staff["officer"])
    assert case.clock("complaint_to_head_window").started_on == date(2025, 7, 29)


def _notice(html: str, marker: str) -> str:
    """The paragraph of ``html`` that contains ``marker``."""
    start = html.index(marker)
    return html[html.rindex("<p", 0, start):html.index("</p>", start)]


def test_the_answer_letter_states_when_the_window_starts(register, staff):
    from app.services.letters import letter_html

    posted = counter_case(register, staff)
    fire(posted, "answer", REFUSAL, actor=staff["officer"], now=at("2025-07-22"))
    html, _ = letter_html(posted, "answer", at("2025-07-22"), staff["officer"])
    notice = _notice(html, "ابتداء من تاريخ توصلكم بهذا الجواب")
    assert "أي في أجل أقصاه" not in notice          # no last date before the applicant received it
    portal = register(received_at=datetime(2025, 7, 1, 9)).case
    fire(portal, "assign", {"officer": "officer"}, actor=staff["supervisor"], now=at("2025-07-02"))
    fire(portal, "answer", REFUSAL, actor=staff["officer"], now=at("2025-07-28"))
    html, _ = letter_html(portal, "answer", at("2025-07-28"), staff["officer"])
    assert "أي في أجل أقصاه" in _notice(html, "ابتداء من تاريخ توصلكم بهذا الجواب")


def test_the_head_decision_letter_in_french_states_when_the_cdai_window_starts(register, staff):
    from app.services.letters import letter_html
    from tests.conftest import REQUEST

    case = register(data={**REQUEST, "language": "fr"}, received_at=datetime(2025, 10, 1, 9), channel="post",
                    email_verified_by=None).case
    fire(case, "assign", {"officer": "officer"}, actor=staff["supervisor"], now=at("2025-10-02"))
    fire(case, "answer", REFUSAL, actor=staff["officer"], now=at("2025-10-20"))
    fire(case, "complain_to_head", {"text": "Recours."}, actor=staff["officer"], now=at("2025-10-27"))
    fire(case, "decide", {"decision": "upheld", "text": "Le refus est fondé."}, actor=staff["head"],
         now=at("2025-11-20"))
    html, _ = letter_html(case, "head_decision", at("2025-11-20"), staff["head"])
    notice = _notice(html, "à compter de la réception de la présente décision")
    assert "soit au plus tard" not in notice
    html, _ = letter_html(case, "answer", at("2025-10-20"), staff["officer"])
    assert "à compter de la date de réception de la présente réponse" in html


def test_a_complaint_to_the_cdai_before_the_decision_letter_is_delivered_is_accepted(register, staff):
    case = counter_case(register, staff, received=datetime(2025, 10, 1, 9))
    fire(case, "answer", REFUSAL, actor=staff["officer"], now=at("2025-10-20"))
    fire(case, "complain_to_head", {"text": "Recours."}, actor=staff["officer"], now=at("2025-10-27"))
    fire(case, "decide", {"decision": "upheld", "text": "Le refus est fondé."}, actor=staff["head"],
         now=at("2025-11-20"))
    assert case.clock("cdai_window").status == "awaiting_delivery"
    fire(case, "complain_to_cdai", {"filed_on": "2026-02-02", "cdai_reference": "CDAI-2026-0042"},
         actor=staff["supervisor"], now=at("2026-02-03"))
    assert case.clock("cdai_window").status == "met"
    assert case.clock("cdai_decision").started_on == date(2026, 2, 2)
