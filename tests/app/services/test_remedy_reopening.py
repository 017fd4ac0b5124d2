"""A case the sweep closed for a lapsed window, reopened by a filing proved made within it (arts. 20–21).

Dates by hand (LAW.md §4): the head upholds the refusal Thu 2025-11-20 → the CDAI window's
last day is Mon 2025-12-22 (20 Dec + 30 days is a Saturday); the sweep closes the case on the
23rd. A CDAI decision for the body of Mon 2026-01-05 → the court window ends Fri 2026-03-06.
"""
from datetime import date

import pytest

from app.extensions import db
from app.services.cases import available_triggers, fire
from app.services.deadlines import sweep
from tests.app.services.test_notifications import quick_letters  # noqa: F401  (fixture)
from tests.app.services.test_remedies import _clock, appealed, at  # noqa: F401  (fixture)
from workflows.machine import TransitionRefused

CDAI = {"filed_on": "2025-12-22", "cdai_reference": "CDAI/2025/301"}


@pytest.fixture
def lapsed(appealed, staff):  # noqa: F811
    fire(appealed, "decide", {"decision": "upheld", "text": "Le refus est fondé."}, actor=staff["head"],
         now=at("2025-11-20"))
    assert sweep(at("2025-12-23", 8)).remedies == 1
    db.session.expire_all()
    assert appealed.state == "closed" and appealed.closed_at is not None
    return appealed


def test_a_cdai_complaint_proved_filed_on_the_last_day_reopens_the_case(lapsed, staff):
    assert "complain_to_cdai" in available_triggers(lapsed, staff["supervisor"], now=at("2026-01-05"))
    assert "complain_to_cdai" not in available_triggers(lapsed, staff["officer"], now=at("2026-01-05"))
    fire(lapsed, "complain_to_cdai", dict(CDAI), actor=staff["supervisor"], now=at("2026-01-05"))
    assert lapsed.state == "at_cdai" and lapsed.closed_at is None
    assert lapsed.remedies["cdai"] == CDAI
    assert _clock(lapsed, "cdai_decision") == (date(2025, 12, 22), date(2026, 1, 21), date(2026, 1, 21), "running")
    assert _clock(lapsed, "cdai_window")[3] == "expired"            # its lapse stays on record
    note = [e for e in lapsed.events if e.data.get("reason_code") == "reopened_by_late_filing"]
    assert [(n.kind, n.data["period"], n.data["filed_on"], n.actor_label) for n in note] == [
        ("note", "cdai_window", "2025-12-22", "supervisor")]
    move = [e for e in lapsed.events if e.trigger == "complain_to_cdai"][-1]
    assert (move.from_state, move.to_state) == ("closed", "at_cdai")
    assert sweep(at("2026-01-22", 8)).remedies == 1                 # the CDAI's silence, as for any case
    db.session.expire_all()
    assert lapsed.state == "cdai_silent"


def test_a_filing_after_the_window_or_by_an_officer_is_refused(lapsed, staff):
    with pytest.raises(TransitionRefused) as refused:
        fire(lapsed, "complain_to_cdai", {**CDAI, "filed_on": "2025-12-23"}, actor=staff["supervisor"],
             now=at("2026-01-05"))
    assert (refused.value.code, refused.value.params["date"]) == ("cdai_window_closed", date(2025, 12, 22))
    with pytest.raises(PermissionError):
        fire(lapsed, "complain_to_cdai", dict(CDAI), actor=staff["officer"], now=at("2026-01-05"))
    with pytest.raises(TransitionRefused) as refused:
        fire(lapsed, "record_court_case", {"filed_on": "2025-12-22", "court_reference": "T"},
             actor=staff["supervisor"], now=at("2026-01-05"))
    assert refused.value.code == "not_reopenable"
    db.session.expire_all()
    assert lapsed.state == "closed" and lapsed.closed_at is not None


def test_a_court_case_proved_filed_within_its_window_reopens_the_case(appealed, staff):  # noqa: F811
    fire(appealed, "decide", {"decision": "upheld", "text": "Le refus est fondé."}, actor=staff["head"],
         now=at("2025-11-20"))
    fire(appealed, "complain_to_cdai", {"filed_on": "2025-12-01", "cdai_reference": "C-1"},
         actor=staff["supervisor"], now=at("2025-12-02"))
    fire(appealed, "record_cdai_decision", {"decided_on": "2026-01-05", "decision": "for_body"},
         actor=staff["supervisor"], now=at("2026-01-12"))
    assert sweep(at("2026-03-07", 8)).remedies == 1                 # Sat 7 Mar: the window lapsed
    db.session.expire_all()
    assert appealed.state == "closed"
    with pytest.raises(TransitionRefused) as refused:
        fire(appealed, "record_court_case", {"filed_on": "2026-03-09", "court_reference": "TA-1"},
             actor=staff["supervisor"], now=at("2026-03-10"))
    assert (refused.value.code, refused.value.params["date"]) == ("court_window_closed", date(2026, 3, 6))
    fire(appealed, "record_court_case", {"filed_on": "2026-03-06", "court_reference": "TA-1"},
         actor=staff["supervisor"], now=at("2026-03-10"))
    assert appealed.state == "in_court" and appealed.closed_at is None


def test_a_case_closed_by_a_judgment_is_not_reopened(appealed, staff):  # noqa: F811
    fire(appealed, "decide", {"decision": "upheld", "text": "Le refus est fondé."}, actor=staff["head"],
         now=at("2025-11-20"))
    fire(appealed, "complain_to_cdai", {"filed_on": "2025-12-01", "cdai_reference": "C-1"},
         actor=staff["supervisor"], now=at("2025-12-02"))
    fire(appealed, "record_cdai_decision", {"decided_on": "2026-01-05", "decision": "for_body"},
         actor=staff["supervisor"], now=at("2026-01-12"))
    fire(appealed, "record_court_case", {"filed_on": "2026-02-02", "court_reference": "T-1"},
         actor=staff["supervisor"], now=at("2026-02-03"))
    fire(appealed, "record_judgment", {"decided_on": "2026-05-04", "decision": "for_body"},
         actor=staff["supervisor"], now=at("2026-05-05"))
    with pytest.raises(TransitionRefused) as refused:
        fire(appealed, "record_court_case", {"filed_on": "2026-02-02", "court_reference": "T-2"},
             actor=staff["supervisor"], now=at("2026-05-06"))
    assert refused.value.code == "not_reopenable"
