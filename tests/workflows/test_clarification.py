"""Requests for clarification: the clock policy (LAW.md §4.7), on both policies, with LAW.md-style dates."""
from datetime import date

import pytest

from workflows.calendar import WorkingCalendar
from workflows.clarification import (ClarificationPolicy, check_may_ask, policy, restart_on_reply,
                                     unclear_refusal_problem)
from workflows.machine import TransitionRefused
from workflows.official_holidays import OFFICIAL_HOLIDAYS

CAL = WorkingCalendar(OFFICIAL_HOLIDAYS)
KEEP, RESTART = ClarificationPolicy.KEEP_RUNNING, ClarificationPolicy.RESTART_ON_REPLY
D = date.fromisoformat
# Received Mon 2025-10-27 → answer due Wed 2025-11-26 (LAW.md §5); asked on Tue 2025-10-28.
RUNNING = {"answer": D("2025-11-26")}
ASKED = D("2025-10-28")


@pytest.mark.parametrize("replied, due", [
    ("2025-11-07", "2025-12-08"),   # Friday: 20 WD skip the weekend and 18 Nov (Independence Day)
    ("2025-11-06", "2025-12-05"),   # on a holiday (Green March): day 1 is the next working day
    ("2025-11-08", "2025-12-08"),   # on a Saturday: same day 1 as the Friday before
    ("2025-11-14", "2025-12-15"),
])
def test_restart_policy_counts_20_working_days_from_the_reply(replied, due):
    restart = restart_on_reply(RESTART, ASKED, D(replied), RUNNING, CAL)
    assert (restart.period, restart.start, restart.end.due, restart.end.last_day) == (
        "answer", D(replied), D(due), D(due))


@pytest.mark.parametrize("replied", ["2025-10-29", "2025-11-07", "2025-11-25"])
def test_default_policy_never_moves_the_clock(replied):
    assert restart_on_reply(KEEP, ASKED, D(replied), RUNNING, CAL) is None


def test_urgent_request_restarts_its_3_working_days():
    restart = restart_on_reply(RESTART, D("2025-08-13"), D("2025-08-15"), {"urgent_answer": D("2025-08-19")}, CAL)
    # Reply Fri 15 Aug (art. 17, 3 WD): Mon 18, Tue 19, then 20 and 21 Aug are holidays → Fri 22 Aug.
    assert (restart.period, restart.end.due) == ("urgent_answer", D("2025-08-22"))


def test_a_reply_without_a_pending_request_or_without_a_running_answer_clock_moves_nothing():
    assert restart_on_reply(RESTART, None, D("2025-11-07"), RUNNING, CAL) is None
    assert restart_on_reply(RESTART, ASKED, D("2025-11-07"), {"complaint_to_head_window": D("2025-12-01")},
                            CAL) is None
    assert restart_on_reply(RESTART, ASKED, D("2025-11-07"), {}, CAL) is None


def test_a_restart_never_shortens_the_time_left():
    extended = {"answer": D("2025-12-24")}        # 26 Nov + 20 WD (art. 16 extension)
    assert restart_on_reply(RESTART, ASKED, D("2025-11-07"), extended, CAL) is None
    assert restart_on_reply(RESTART, ASKED, D("2025-10-27"), RUNNING, CAL) is None   # same day 0: same due date


def test_policy_names_are_checked():
    assert policy("keep_running") is KEEP and policy("restart_on_reply") is RESTART
    with pytest.raises(ValueError, match="keep_running, restart_on_reply"):
        policy("pause")


@pytest.mark.parametrize("kind, state, running, pending, code", [
    ("information_request", "received", RUNNING, False, None),
    ("information_request", "assigned", {"urgent_answer": D("2025-10-30")}, False, None),
    ("information_request", "assigned", RUNNING, True, "clarification_pending"),
    ("information_request", "answered", {"complaint_to_head_window": D("2025-12-01")}, False,
     "clarification_not_open"),
    ("information_request", "deemed_refused", {}, False, "clarification_not_open"),
    ("information_request", "assigned", {"delivery_after_overturn": D("2025-12-01")}, False,
     "clarification_not_open"),
    ("complaint", "assigned", {"complaint_answer": D("2025-12-01")}, False, "clarification_not_open"),
])
def test_when_a_clarification_may_be_asked(kind, state, running, pending, code):
    if code is None:
        check_may_ask(kind, state, running, pending)
        return
    with pytest.raises(TransitionRefused) as refused:
        check_may_ask(kind, state, running, pending)
    assert refused.value.code == code


def test_an_unclear_request_is_refused_only_with_the_exchange_on_record():
    assert unclear_refusal_problem(["unclear_request"], asked=False)
    assert unclear_refusal_problem(["unclear_request", "not_held"], asked=True) is None
    assert unclear_refusal_problem(["exception_art7"], asked=False) is None
