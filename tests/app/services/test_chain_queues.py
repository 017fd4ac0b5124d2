"""The chain's stages where the head or the body must act, in the dashboards' queues (arts. 19–21).

Dates as in ``test_remedies``: complaints to the head Mon 2025-11-03, his period ends Wed
2025-11-26; the sweep records a silence on the 27th.
"""
from datetime import date, datetime

import pytest

from app.extensions import db
from app.services import queues
from app.services.calendar import working_calendar
from app.services.case_search import search_cases
from app.services.cases import fire
from app.services.deadlines import sweep
from tests.app.services.test_deadlines import team  # noqa: F401  (fixture)
from tests.app.services.test_notifications import quick_letters  # noqa: F401  (fixture)
from tests.app.services.test_remedies import at
from tests.app.services.test_remedy_chain_notices import _appeal
from tests.app.views.api_support import bearer
from tests.conftest import REQUEST
from tests.app.views.staff_support import fresh_request_state, signed_in  # noqa: F401
from tests.app.views.test_letter_delivery_pages import frozen

TODAY = date(2026, 1, 13)


@pytest.fixture
def chain(register, team, quick_letters):  # noqa: F811
    """One request at each stage: appealed, head silent, at the CDAI, ruled for the applicant (twice), closed."""
    named = {name: _appeal(register, team, "fr") for name in
             ("silent", "at_cdai", "cdai_for_applicant", "overturned", "lapsed")}
    for name in ("at_cdai", "cdai_for_applicant", "lapsed"):
        fire(named[name], "decide", {"decision": "upheld", "text": "Refus fondé."}, actor=team["head"],
             now=at("2025-11-20"))
    for name in ("at_cdai", "cdai_for_applicant"):
        fire(named[name], "complain_to_cdai", {"filed_on": "2025-12-01", "cdai_reference": name},
             actor=team["supervisor"], now=at("2025-12-02"))
    sweep(at("2025-11-27", 8))                                    # the head's silences
    sweep(at("2025-12-23", 8))                                    # the lapsed CDAI window closes one
    fire(named["overturned"], "decide", {"decision": "overturned", "text": "Communiquez."}, actor=team["head"],
         now=at("2026-01-12"))
    fire(named["cdai_for_applicant"], "record_cdai_decision", {"decided_on": "2026-01-05", "decision": "for_applicant"},
         actor=team["supervisor"], now=at("2026-01-12"))
    late = named["appealed"] = register(data={**REQUEST, "language": "fr"}, received_at=at("2025-12-01")).case
    fire(late, "assign", {"officer": "officer"}, actor=team["supervisor"], now=at("2025-12-02"))
    fire(late, "answer", {"outcome": "refused", "grounds": ["exception_art7"], "text": "x"},
         actor=team["officer"], now=at("2026-01-05"))
    fire(late, "complain_to_head", {"text": "Je conteste."}, applicant=True, now=at("2026-01-12"))
    db.session.expire_all()
    return named


def _references(user, filter_, **kwargs):
    page = search_cases(user, filter_, TODAY, working_calendar(), **kwargs)
    return {row.case.reference for row in page.rows}, page.total


def test_each_stage_is_in_its_queue(chain, team):  # noqa: F811
    states = {name: case.state for name, case in chain.items()}
    assert states == {"appealed": "appealed", "silent": "head_silent", "at_cdai": "at_cdai",
                      "cdai_for_applicant": "assigned", "overturned": "assigned", "lapsed": "closed"}
    ref = {name: case.reference for name, case in chain.items()}
    head = {q.name: q for q in queues.dashboard(team["head"], TODAY, working_calendar(), 3)}
    assert {r.case.reference for r in head["appealed"].page.rows} == {ref["appealed"], ref["silent"]}
    assert "ruling_delivery" not in head and "awaiting_ruling" not in head
    sup = {q.name: q for q in queues.dashboard(team["supervisor"], TODAY, working_calendar(), 3)}
    assert "appealed" not in sup
    assert {r.case.reference for r in sup["ruling_delivery"].page.rows} == {ref["cdai_for_applicant"],
                                                                            ref["overturned"]}
    assert {r.case.reference for r in sup["awaiting_ruling"].page.rows} == {ref["at_cdai"]}
    officer = {q.name for q in queues.dashboard(team["officer"], TODAY, working_calendar(), 3)}
    assert officer == {"mine", "unassigned"}


def test_the_queues_are_paginated_like_the_others(chain, team):  # noqa: F811
    sup = {q.name: q for q in queues.dashboard(team["supervisor"], TODAY, working_calendar(), 3, size=1)}
    first = sup["ruling_delivery"].page
    assert (len(first.rows), first.total, first.total_exact) == (1, 2, True)
    second, _ = _references(team["supervisor"], queues.ruling_delivery(), page=2, per_page=1)
    assert second and second != {first.rows[0].case.reference}


def test_the_case_list_and_the_api_take_the_stage(app, client, chain, team):  # noqa: F811
    with frozen(datetime(2026, 1, 13, 9)):
        page = signed_in(app, "supervisor").get("/staff/cases?stage=head_decision").get_data(as_text=True)
        listed = client.get("/api/v1/cases?stage=awaiting_ruling", headers=bearer(team["supervisor"])).json
        wrong = client.get("/api/v1/cases?stage=nowhere", headers=bearer(team["supervisor"]))
        dashboard = signed_in(app, "supervisor").get("/staff/").get_data(as_text=True)
    assert chain["appealed"].reference in page and chain["silent"].reference in page
    assert chain["at_cdai"].reference not in page
    assert [c["reference"] for c in listed["items"]] == [chain["at_cdai"].reference]
    assert wrong.status_code == 422
    assert 'id="queue-ruling_delivery"' in dashboard and 'id="queue-awaiting_ruling"' in dashboard
