"""The OpenAPI document is the contract: schemathesis fuzzes every operation, in process, with every check.

Each operation of ``/api/v1/openapi.json`` gets generated requests, valid and invalid
(positive and negative modes), sent to the Flask app through WSGI: staff operations
with a supervisor's bearer token, public ones anonymously. Every built-in check runs:
no 5xx, status codes, content types, response headers and bodies conform to the
document, invalid requests are refused, valid ones are not, required headers are
required, undeclared methods answer 405 with ``Allow``, auth is not ignored.

Bounded and deterministic: ``MAX_EXAMPLES`` examples per operation, derandomized
(the same examples on every run), on SQLite and on PostgreSQL (the suite's second pass).
"""
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import CHECKS, load_all_checks

from tests.app.views.api_support import bearer

from app.openapi import document

MAX_EXAMPLES = 6
load_all_checks()
ALL_CHECKS = CHECKS.get_all()
# The document needs no app; the requests go to the suite's app (``api_app``) through WSGI.
SCHEMA = schemathesis.openapi.from_dict(document())
SCHEMA.config.update(base_url="http://nafida.test")   # the suite's SERVER_NAME
SCHEMA.config.generation.update(modes=list(schemathesis.GenerationMode))


# Valid by the schema yet refused by a rule about stored data or today's date, which no schema can state:
# a complaint category's code must be an active one, a receipt is not before 2019 nor in the future, a
# username, tag or cursor must exist, a statistics period lies in the office's years. These operations
# skip only the "valid data is accepted" check; every other check (refusals included) still runs.
DATA_DEPENDENT = {"POST /api/v1/complaints", "POST /api/v1/cases", "GET /api/v1/cases", "GET /api/v1/cases/export.csv",
                  "GET /api/v1/cases/export.xlsx", "GET /api/v1/statistics"}


@pytest.fixture
def api_app(app, ctx):
    return app


@pytest.fixture
def supervisor_token(make_user):
    return bearer(make_user("fuzzsup", "supervisor"))


@SCHEMA.parametrize()
@settings(max_examples=MAX_EXAMPLES, derandomize=True, deadline=None, database=None,
          suppress_health_check=list(HealthCheck))
def test_every_operation_keeps_its_contract(case, api_app, supervisor_token):
    headers = supervisor_token if case.operation.definition.raw.get("security") else {}
    case.operation.schema.app = api_app   # (parametrize's copy of SCHEMA) the checks' own requests go there too
    checks = [c for c in ALL_CHECKS if c.__name__ != "positive_data_acceptance" or
              case.operation.label not in DATA_DEPENDENT]
    case.call_and_validate(headers=headers, checks=checks, app=api_app)
