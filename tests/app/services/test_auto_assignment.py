"""Auto-assignment on receipt: none, round robin, least loaded — and concurrent receipts on PostgreSQL."""
import threading
from collections import Counter
from datetime import datetime

import pytest

from app.extensions import db
from app.models.case import Case
from app.models.user import User
from app.services.auto_assignment import assign_on_receipt, policy_of, set_policy
from app.services.cases import fire
from tests.app.services.search_support import RECEIVED, complaint_data, request_data
from tests.conftest import PG_URL


@pytest.fixture
def officers(staff, make_user):
    """Three active information officers (officer, second, third) and one inactive."""
    make_user("second", "information_officer")
    make_user("third", "information_officer")
    gone = make_user("gone", "information_officer")
    gone.deactivate()
    db.session.commit()
    return staff


def holders(cases):
    return [c.assignee.username if c.assignee else None for c in cases]


def test_without_a_policy_new_cases_wait_in_the_queue(register, officers):
    assert policy_of("information") == "none"
    case = register(data=request_data()).case
    assert case.state == "received" and case.assignee is None


def test_round_robin_takes_the_active_officers_in_turn(register, officers):
    set_policy("information", "round_robin", officers["admin"], RECEIVED)
    cases = [register(data=request_data()).case for _ in range(7)]
    assert holders(cases) == ["officer", "second", "third"] * 2 + ["officer"]
    case = cases[0]
    assert case.state == "assigned"
    transition = [e for e in case.events if e.trigger == "assign"][0]
    assert transition.actor_label == "system" and transition.reason == "auto-assignment: round_robin"
    assert register("complaint", data=complaint_data()).case.assignee is None   # the other unit has no policy


def test_least_loaded_gives_the_case_to_the_officer_with_fewest_open_cases(register, officers):
    busy = [register(data=request_data()).case for _ in range(3)]
    for case in busy[:2]:
        fire(case, "assign", {"officer": "officer"}, actor=officers["supervisor"], now=RECEIVED)
    fire(busy[2], "assign", {"officer": "second"}, actor=officers["supervisor"], now=RECEIVED)
    set_policy("information", "least_loaded", officers["admin"], RECEIVED)
    cases = [register(data=request_data()).case for _ in range(4)]
    # Loads officer 2, second 1, third 0: third; then second and third tie at 1 (turn 2 of
    # the tie: third); then second alone is lightest; then all three tie (turn 4: officer).
    assert holders(cases) == ["third", "third", "second", "officer"]
    assert Counter(holders(busy + cases)) == {"officer": 3, "second": 2, "third": 2}


def test_no_active_officer_leaves_the_case_waiting(register, staff):
    set_policy("complaints", "round_robin", staff["admin"], RECEIVED)
    staff["complaints"].deactivate()
    db.session.commit()
    case = register("complaint", data=complaint_data()).case
    assert case.state == "received" and case.assignee is None


def test_policy_is_checked(staff):
    with pytest.raises(ValueError):
        set_policy("information", "lottery", staff["admin"], RECEIVED)
    with pytest.raises(ValueError):
        set_policy("archives", "none", staff["admin"], RECEIVED)


def test_the_rotation_is_a_counter_of_the_unit(register, officers):
    set_policy("information", "round_robin", officers["admin"], RECEIVED)
    register(data=request_data())
    from app.models.unit_policy import UnitPolicy

    assert db.session.get(UnitPolicy, "information").rotation == 1
    set_policy("information", "none", officers["admin"], RECEIVED)
    case = register(data=request_data()).case
    assert assign_on_receipt(case, RECEIVED) is None and case.assignee is None
    assert db.session.get(UnitPolicy, "information").rotation == 1


@pytest.mark.postgres_only
@pytest.mark.parametrize("policy", ["round_robin", "least_loaded"])
def test_concurrent_receipts_never_break_the_turns(app, officers, policy):
    """Nine submissions at once over three officers: three each, on PostgreSQL (real row locks)."""
    from app.services.registration import register_case

    set_policy("information", policy, officers["admin"], RECEIVED)
    barrier, errors = threading.Barrier(9, timeout=30), []

    def submit():
        with app.app_context():
            try:
                barrier.wait()
                register_case("information_request", request_data(), received_at=RECEIVED, now=RECEIVED)
            except Exception as exc:  # the test reports what went wrong
                errors.append(exc)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=submit) for _ in range(9)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors and PG_URL
    loads = Counter(db.session.scalars(db.select(User.username).join(Case, Case.assignee_id == User.id)))
    assert loads == {"officer": 3, "second": 3, "third": 3}
