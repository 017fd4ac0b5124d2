"""The chain after the head of the body (arts. 19–21) through the services: the sweep, the
recorded remedies, their clocks, the e-mails and the payload checks.

Dates by hand (LAW.md §4): complaint to the head received Mon 2025-11-03 → head's
decision due Wed 2025-11-26 (15 working days, §5); the head stays silent → the CDAI
window runs from 2025-11-26 (day 0) to Fri 2025-12-26; a complaint to the CDAI filed
Mon 2025-1222 → its period ends Wed 2026-01-21 (+30); the CDAI stays silent → the court
window runs from 2026-01-21 to Sun 2026-03-22 (+60), which is not a working day, nor is
Mon 23 Mar 2026 (closure after Eid al-Fitr): the applicant has until Tue 2026-03-24.
"""
from datetime import date, datetime

import pytest

from app.extensions import db
from app.models.notification import Notification
from app.services.cases import PayloadInvalid, available_triggers, fire
from app.services.deadlines import sweep
from tests.app.services.test_notifications import quick_letters  # noqa: F401  (fixture)
from workflows.machine import TransitionRefused

RECEIVED = datetime(2025, 10, 27, 9, 0)


def at(day, hour=10):
    """A naive UTC instant; 8 UTC is 09:00 in Casablanca (UTC+1 outside Ramadan): the sweep's notice hour."""
    return datetime.fromisoformat(f"{day}T{hour:02d}:00:00")


@pytest.fixture
def appealed(register, staff, quick_letters):  # noqa: F811
    """A refused request whose applicant complained to the head on Mon 2025-11-03."""
    case = register(received_at=RECEIVED).case
    fire(case, "assign", {"officer": "officer"}, actor=staff["supervisor"], now=at("2025-10-28"))
    fire(case, "answer", {"outcome": "refused", "grounds": ["exception_art7"], "text": "x"},
         actor=staff["officer"], now=at("2025-10-31"))
    fire(case, "complain_to_head", {"text": "Je conteste."}, applicant=True, now=at("2025-11-03"))
    assert case.clock("head_decision").due_on == date(2025, 11, 26)
    return case


def _clock(case, name):
    clock = case.clock(name)
    return clock.started_on, clock.due_on, clock.last_day, clock.status


def _emails(case, kind):
    return db.session.execute(db.select(Notification).where(
        Notification.case_id == case.id, Notification.dedup_key.like(f"{kind}:%"))).scalars().all()


def test_the_sweep_records_the_heads_silence_and_opens_the_cdai_window(app, appealed):
    assert sweep(at("2025-11-26", 8)).remedies == 0        # his last day: still in time
    app.config["CDAI_EMAIL"] = "plaintes@cdai.example"
    try:
        report = sweep(at("2025-11-27", 2))                # 03:00 in Casablanca: states change at any hour
    finally:
        app.config["CDAI_EMAIL"] = ""
    db.session.expire_all()
    assert report.remedies == 1 and appealed.state == "head_silent"
    assert _clock(appealed, "head_decision")[3] == "expired"
    assert _clock(appealed, "cdai_window") == (date(2025, 11, 26), date(2025, 12, 26), date(2025, 12, 26), "running")
    [email] = _emails(appealed, "head_silence")
    assert "26 décembre 2025" in email.body or "26 ديسمبر 2025" in email.body or "2025" in email.body
    assert "plaintes@cdai.example" in email.body and "chafafiya.ma" in email.body
    assert any(e.trigger == "deem_head_silence" for e in appealed.events)
    assert sweep(datetime(2025, 11, 27, 8, 30)).remedies == 0   # idempotent
    assert sweep(at("2025-11-28", 8)).remedies == 0
    assert len(_emails(appealed, "head_silence")) == 1


def test_the_whole_chain_to_the_court(appealed, staff):
    sweep(at("2025-11-27", 8))
    fire(appealed, "complain_to_cdai", {"filed_on": "2025-12-22", "cdai_reference": " CDAI/2025/117 "},
         actor=staff["supervisor"], now=at("2025-12-23"))
    assert appealed.state == "at_cdai"
    assert appealed.remedies == {"cdai": {"filed_on": "2025-12-22", "cdai_reference": "CDAI/2025/117"}}
    assert _clock(appealed, "cdai_window")[3] == "met"
    assert _clock(appealed, "cdai_decision") == (date(2025, 12, 22), date(2026, 1, 21), date(2026, 1, 21), "running")
    assert sweep(at("2026-01-21", 8)).remedies == 0
    assert sweep(at("2026-01-22", 8)).remedies == 1
    db.session.expire_all()
    assert appealed.state == "cdai_silent"
    assert _clock(appealed, "court_window") == (date(2026, 1, 21), date(2026, 3, 22), date(2026, 3, 24), "running")
    assert len(_emails(appealed, "cdai_silence")) == 1
    fire(appealed, "record_court_case", {"filed_on": "2026-03-24", "court_reference": "TA-RBT-2026-88"},
         actor=staff["supervisor"], now=at("2026-03-25"))
    assert appealed.state == "in_court" and _clock(appealed, "court_window")[3] == "met"
    fire(appealed, "record_judgment", {"decided_on": "2026-06-30", "decision": "for_applicant"},
         actor=staff["supervisor"], now=at("2026-07-01"))
    assert appealed.state == "assigned"
    assert _clock(appealed, "delivery_after_judgment")[:2] == (date(2026, 7, 1), date(2026, 7, 29))
    with pytest.raises(TransitionRefused) as refused:
        fire(appealed, "answer", {"outcome": "refused", "grounds": ["exception_art7"], "text": "x"},
             actor=staff["officer"], now=at("2026-07-02"))
    assert refused.value.code == "overturned_must_deliver"
    triggers = [e.trigger for e in appealed.events if e.kind == "transition"]
    assert triggers[-5:] == ["deem_head_silence", "complain_to_cdai", "deem_cdai_silence", "record_court_case",
                             "record_judgment"]


def test_a_cdai_complaint_after_the_window_is_refused_with_its_last_day(appealed, staff):
    fire(appealed, "decide", {"decision": "upheld", "text": "Le refus est fondé."}, actor=staff["head"],
         now=at("2025-11-20"))
    assert appealed.state == "head_upheld" and appealed.closed_at is None
    assert _clock(appealed, "cdai_window")[:3] == (date(2025, 11, 20), date(2025, 12, 20), date(2025, 12, 22))
    with pytest.raises(TransitionRefused) as refused:
        fire(appealed, "complain_to_cdai", {"filed_on": "2025-12-23", "cdai_reference": "X"},
             actor=staff["supervisor"], now=at("2025-12-24"))
    assert (refused.value.code, refused.value.params["date"]) == ("cdai_window_closed", date(2025, 12, 22))
    assert appealed.state == "head_upheld"


def test_the_window_lapses_and_the_case_closes(appealed, staff):
    fire(appealed, "decide", {"decision": "upheld", "text": "Le refus est fondé."}, actor=staff["head"],
         now=at("2025-11-20"))
    assert sweep(at("2025-12-22", 8)).remedies == 0       # Mon 22 Dec: the window's last day
    assert sweep(at("2025-12-23", 8)).remedies == 1
    db.session.expire_all()
    assert appealed.state == "closed" and appealed.closed_at is not None
    assert _clock(appealed, "cdai_window")[3] == "expired"


def test_cdai_ruling_for_the_body_opens_the_court_window_from_its_date(appealed, staff):
    fire(appealed, "decide", {"decision": "upheld", "text": "Le refus est fondé."}, actor=staff["head"],
         now=at("2025-11-20"))
    fire(appealed, "complain_to_cdai", {"filed_on": "2025-12-01", "cdai_reference": "C-1"},
         actor=staff["officer"], now=at("2025-12-02"))
    fire(appealed, "record_cdai_decision", {"decided_on": "2026-01-05", "decision": "for_body"},
         actor=staff["supervisor"], now=at("2026-01-12"))
    assert appealed.state == "cdai_for_body"
    assert _clock(appealed, "cdai_decision")[3] == "met"
    assert _clock(appealed, "court_window")[:3] == (date(2026, 1, 5), date(2026, 3, 6), date(2026, 3, 6))
    fire(appealed, "record_court_case", {"filed_on": "2026-02-02", "court_reference": "T-1"},
         actor=staff["supervisor"], now=at("2026-02-03"))
    fire(appealed, "record_judgment", {"decided_on": "2026-05-04", "decision": "for_body"},
         actor=staff["supervisor"], now=at("2026-05-05"))
    assert appealed.state == "closed" and appealed.closed_at is not None
    assert appealed.remedies["court"] == {"filed_on": "2026-02-02", "court_reference": "T-1",
                                          "decided_on": "2026-05-04", "decision": "for_body"}


def test_cdai_ruling_for_the_applicant_starts_a_delivery_clock(appealed, staff):
    fire(appealed, "decide", {"decision": "upheld", "text": "Le refus est fondé."}, actor=staff["head"],
         now=at("2025-11-20"))
    fire(appealed, "complain_to_cdai", {"filed_on": "2025-12-01", "cdai_reference": "C-1"},
         actor=staff["supervisor"], now=at("2025-12-02"))
    fire(appealed, "record_cdai_decision", {"decided_on": "2025-12-15", "decision": "for_applicant"},
         actor=staff["supervisor"], now=at("2025-12-16"))
    assert appealed.state == "assigned"
    # 20 working days from Tue 2025-12-16: 17 Dec … (1 Jan, 11 Jan Sunday, 14 Jan skipped) → Thu 2026-01-15
    assert _clock(appealed, "delivery_after_cdai")[:2] == (date(2025, 12, 16), date(2026, 1, 15))
    fire(appealed, "answer", {"outcome": "granted", "text": "Voici.", "delivery": {}},
         actor=staff["officer"], now=at("2025-12-20"))
    assert appealed.state == "answered"


@pytest.mark.parametrize("trigger, payload, field", [
    ("complain_to_cdai", {"filed_on": "22/12/2025", "cdai_reference": "C"}, "filed_on"),
    ("complain_to_cdai", {"filed_on": "2025-12-22"}, "cdai_reference"),
    ("complain_to_cdai", {"filed_on": "2025-12-22", "cdai_reference": "C" * 81}, "cdai_reference"),
    ("record_cdai_decision", {"decided_on": "2025-12-22", "decision": "maybe"}, "decision"),
    ("record_court_case", {"court_reference": "T"}, "filed_on"),
    ("record_judgment", {"decision": "for_body"}, "decided_on"),
])
def test_remedy_payloads_are_checked_before_anything_changes(appealed, staff, trigger, payload, field):
    with pytest.raises(PayloadInvalid) as invalid:
        fire(appealed, trigger, payload, actor=staff["supervisor"], now=at("2025-12-23"))
    assert field in invalid.value.errors and appealed.state == "appealed"


def test_a_cdai_complaint_needs_the_heads_decision_or_silence_first(appealed, staff):
    with pytest.raises(TransitionRefused) as refused:
        fire(appealed, "complain_to_cdai", {"filed_on": "2025-11-10", "cdai_reference": "C"},
             actor=staff["supervisor"], now=at("2025-11-10"))
    assert refused.value.code == "head_decision_pending"


def test_only_staff_record_remedies_and_only_the_sweep_records_silences(appealed, staff):
    sweep(at("2025-11-27", 8))
    with pytest.raises(PermissionError):
        fire(appealed, "complain_to_cdai", {"filed_on": "2025-12-01", "cdai_reference": "C"}, applicant=True,
             now=at("2025-12-02"))
    with pytest.raises(PermissionError):
        fire(appealed, "deem_cdai_silence", actor=staff["supervisor"], now=at("2025-12-02"))
    assert "complain_to_cdai" in available_triggers(appealed, staff["supervisor"], now=at("2025-12-02"))
    assert "complain_to_cdai" not in available_triggers(appealed, staff["viewer"], now=at("2025-12-02"))


def test_an_inadmissible_answer_names_its_reason(register, staff, quick_letters):  # noqa: F811
    case = register(received_at=RECEIVED).case
    fire(case, "assign", {"officer": "officer"}, actor=staff["supervisor"], now=at("2025-10-28"))
    with pytest.raises(PayloadInvalid) as invalid:
        fire(case, "answer", {"outcome": "inadmissible", "text": "x"}, actor=staff["officer"], now=at("2025-10-31"))
    assert "inadmissible_reason" in invalid.value.errors
    fire(case, "answer", {"outcome": "inadmissible", "inadmissible_reason": "missing_particulars",
                          "text": "La demande ne précise pas l'information demandée."},
         actor=staff["officer"], now=at("2025-10-31"))
    assert (case.state, case.outcome, case.inadmissible_reason) == ("answered", "inadmissible", "missing_particulars")
    assert case.clock("complaint_to_head_window").status == "running"   # contestable before the head (art. 19)


def test_a_cdai_complaint_is_never_late_while_the_decisions_receipt_is_unknown(register, staff, quick_letters):  # noqa: F811
    """A posted decision whose delivery staff have not recorded: the CDAI window has not begun (LAW.md §4.5)."""
    case = register(received_at=RECEIVED, channel="post").case
    fire(case, "assign", {"officer": "officer"}, actor=staff["supervisor"], now=at("2025-10-28"))
    fire(case, "answer", {"outcome": "refused", "grounds": ["exception_art7"], "text": "x"},
         actor=staff["officer"], now=at("2025-10-31"))
    fire(case, "complain_to_head", {"text": "Je conteste."}, actor=staff["supervisor"],
         now=at("2025-11-03"))
    fire(case, "decide", {"decision": "upheld", "text": "stands"}, actor=staff["head"], now=at("2025-11-20"))
    assert case.state == "head_upheld" and case.clock("cdai_window").status == "awaiting_delivery"
    assert sweep(at("2026-02-02", 8)).remedies == 0          # an undated window never lapses
    fire(case, "complain_to_cdai", {"filed_on": "2026-02-02", "cdai_reference": "C-LATE"},
         actor=staff["supervisor"], now=at("2026-02-03"))
    assert case.state == "at_cdai" and case.clock("cdai_decision").due_on == date(2026, 3, 4)
