"""GET /api/v1/statistics (staff) and GET /api/v1/complaint-categories: strict parameters, true to OpenAPI."""
import pytest

from tests.app.services.statistics_cases import build_year
from tests.app.views.api_support import complaint_body, submit, tokens  # noqa: F401
from tests.app.views.test_api_openapi import errors, schema, spec  # noqa: F401


def test_the_figures_of_a_period_match_the_service_and_the_schema(client, tokens, register, staff, spec):
    build_year(register, staff)
    response = client.get("/api/v1/statistics?from=2025-01-01&to=2025-12-31", headers=tokens["supervisor"])
    assert response.status_code == 200, response.json
    body = response.json
    assert body["period"] == {"from": "2025-01-01", "to": "2025-12-31"}
    assert body["figures"]["requests.received"] == 8 and body["figures"]["complaints.received"] == 5
    assert body["figures"]["requests.timeliness"] == {"on_time": 4, "late": 1}
    assert body["units"]["requests.answer_days_median"] == "working_days"
    assert errors(spec, schema(spec, "Statistics"), body) == []
    assert response.headers["Cache-Control"] == "no-store"


def test_filters_narrow_the_figures(client, tokens, register, staff):
    build_year(register, staff)
    body = client.get("/api/v1/statistics?from=2025-01-01&to=2025-12-31&kind=complaint",
                      headers=tokens["head"]).json
    assert body["figures"]["requests.received"] == 0 and body["figures"]["complaints.received"] == 5
    body = client.get("/api/v1/statistics?from=2025-01-01&to=2025-12-31&officer=officer",
                      headers=tokens["admin"]).json
    assert body["figures"]["requests.received"] == 7 and body["filters"]["officer"] == "officer"


@pytest.mark.parametrize("query, reason", [
    ("", "from=YYYY-MM-DD"),
    ("?from=2025-01-01", "from=YYYY-MM-DD"),
    ("?from=2025-1-1&to=2025-12-31", "from: a date written YYYY-MM-DD"),
    ("?from=2025-02-30&to=2025-12-31", "from: not a date of the calendar"),
    ("?from=2025-12-31&to=2025-01-01", "to: must not be before 'from'"),
    ("?from=2025-01-01T00:00&to=2025-12-31", "from: a date written YYYY-MM-DD"),
    ("?from=2000-01-01&to=2025-12-31", "the statistics start in 2019"),
    ("?from=2019-01-01&to=2031-01-01", "at most ten years"),
    ("?from=2026-01-01&to=2199-12-31", "to: at most the year 2100"),
    ("?from=2025-01-01&to=2025-12-31&kind=appeal", "kind: must be one of"),
    ("?from=2025-01-01&to=2025-12-31&officer=nobody", "officer: no staff member"),
])
def test_bad_parameters_get_400_with_a_reason(client, tokens, query, reason):
    response = client.get("/api/v1/statistics" + query, headers=tokens["supervisor"])
    assert response.status_code == 400
    assert response.json["error"] == "bad_request" and reason in response.json["reason"]


def test_officers_and_viewers_may_not_read_the_statistics(client, tokens):
    for name in ("officer", "complaints", "viewer"):
        response = client.get("/api/v1/statistics?from=2025-01-01&to=2025-12-31", headers=tokens[name])
        assert response.status_code == 403
    assert client.get("/api/v1/statistics?from=2025-01-01&to=2025-12-31").status_code == 401


def test_complaint_categories_are_public_and_are_what_intake_accepts(client, ctx, spec):
    listed = client.get("/api/v1/complaint-categories").json
    assert [c["code"] for c in listed][:2] == ["subsidies", "roads"] and errors(
        spec, {"type": "array", "items": schema(spec, "ComplaintCategory")}, listed) == []
    assert submit(client, "complaints", complaint_body(category="water")).status_code == 201
    response = submit(client, "complaints", complaint_body(category="potholes"))
    assert response.status_code == 422 and "category" in response.json["errors"]
