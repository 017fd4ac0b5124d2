"""The applicant's status lookup runs a fixed, small number of queries, however long the case's history."""
from datetime import datetime

from app.extensions import db
from app.services.cases import fire
from app.services.status import case_for_applicant
from tests.app.views.api_support import status
from tests.conftest import REQUEST
from tests.sql_statements import statements

RECEIVED = datetime(2025, 10, 27, 9)


def lookup_statements(client, reference, code) -> list[str]:
    db.session.remove()
    with statements() as seen:
        response = status(client, reference, code)
    assert response.status_code == 200, response.json
    return seen


def test_the_status_lookup_is_three_queries_for_a_short_or_a_long_history(ctx, client, register, staff):
    young = register(received_at=RECEIVED)
    old = register(received_at=RECEIVED)
    case = old.case
    fire(case, "assign", {"officer": "officer"}, actor=staff["supervisor"], now=datetime(2025, 10, 28, 9))
    fire(case, "extend", {"reason": "Archives"}, actor=staff["officer"], now=datetime(2025, 11, 10, 9))
    for _ in range(3):
        fire(case, "assign", {"officer": "officer"}, actor=staff["supervisor"], now=datetime(2025, 11, 12, 9))
    fire(case, "answer", {"outcome": "refused", "grounds": ["not_held"], "text": "Non détenue."},
         actor=staff["officer"], now=datetime(2025, 12, 1, 9))
    assert len(case.events) > 3 * len(young.case.events) and len(case.letters) == 3
    first, second = young.case.reference, case.reference
    short = lookup_statements(client, first, young.access_code)
    long = lookup_statements(client, second, old.access_code)
    # The case with its clocks and letters, and the timeline; the holiday stamp is cached, and an
    # unanswered case has no released documents to load.
    assert len(short) == 2 and len(long) == 3, long


def test_a_wrong_code_and_an_unknown_reference_cost_one_query_each(ctx, client, register):
    reference = register(data=REQUEST, received_at=RECEIVED).case.reference
    db.session.remove()
    with statements() as wrong:
        assert case_for_applicant(reference, "WRONG23456") is None
    with statements() as unknown:
        assert case_for_applicant("DAI-2025-999999", "WRONG23456") is None
    assert len(wrong) == len(unknown) == 1
