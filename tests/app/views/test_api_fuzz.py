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
# A phone number is valid when libphonenumber says so (app.services.identity), which no pattern can
# state: the schema's pattern admits what may be a phone, and the request naming one skips the same check.
PHONE_DEPENDENT = {"POST /api/v1/requests"}


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
              case.operation.label not in DATA_DEPENDENT | PHONE_DEPENDENT]
    case.call_and_validate(headers=headers, checks=checks, app=api_app)


def _validator(name: str):
    """A jsonschema validator for the component ``name`` of the document (its $refs resolved)."""
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    spec = document()
    registry = Registry().with_resource("urn:nafida", Resource.from_contents(spec, DRAFT202012))
    return Draft202012Validator({"$ref": f"urn:nafida#/components/schemas/{name}"}, registry=registry)


def test_a_case_without_email_or_phone_keeps_its_schema(ctx, client, supervisor_token):
    from tests.app.views.api_support import request_body

    body = request_body()
    del body["applicant"]["email"], body["applicant"]["phone"]
    reference = client.post("/api/v1/requests", json=body).json["reference"]
    case = client.get(f"/api/v1/cases/{reference}", headers=supervisor_token).json
    assert case["party"]["email"] is None and case["party"]["phone"] is None
    assert list(_validator("Case").iter_errors(case)) == []


def test_undeclared_methods_are_405_with_allow_and_every_4xx_has_the_error_shape(ctx, client, supervisor_token):
    error = _validator("Error")
    response = client.open("/api/v1/requests", method="TRACE")
    assert response.status_code == 405 and "POST" in response.headers["Allow"]
    answers = [response, client.post("/api/v1/requests", json={}),
               client.get("/api/v1/cases?page=²", headers=supervisor_token),
               client.get("/api/v1/cases/DAI-2026-999999", headers=supervisor_token),
               client.get("/api/v1/cases"), client.post("/api/v1/requests", data="x", content_type="text/plain")]
    assert [r.status_code for r in answers] == [405, 422, 422, 404, 401, 415]
    for answer in answers:
        assert list(error.iter_errors(answer.json)) == [], answer.json
    assert answers[1].json["errors"] and answers[2].json["errors"] == {"page": "a whole number from 1 to 1000000"}
