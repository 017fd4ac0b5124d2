"""Numbers and dates in query strings and bodies: 4xx with a reason, never a 500 (issue 7 §1)."""
import pytest

from app.strict_values import ValueInvalid, calendar_date, instant, whole_number
from tests.app.views.api_support import bearer, request_body, tokens  # noqa: F401 (fixture)
from tests.app.views.staff_support import fresh_request_state, signed_in  # noqa: F401 (autouse fixture)

HOSTILE = ("²", "99999999999999999999", "-1", "٣", "0001-01-01", "9999-12-31")
PARAMETERS = ("page", "per_page", "year", "from", "to", "period", "received_from", "received_to", "due_to",
              "messages", "cursor", "since")


@pytest.mark.parametrize("value", ["²", "99999999999999999999", "-1", "0", "٣", "1.5", " 1", "+5", "1_000", True,
                                   1.0, 10**6 + 1])
def test_whole_number_refuses_everything_but_bounded_ascii_digits(value):
    with pytest.raises(ValueInvalid) as raised:
        whole_number(value, "page")
    assert raised.value.field == "page" and "whole number" in raised.value.reason


def test_whole_number_takes_ascii_digits_and_json_integers():
    assert whole_number("12", "page") == 12 and whole_number(7, "n", 0, 10) == 7


@pytest.mark.parametrize("value", ["0001-01-01", "9999-12-31", "2026-02-30", "٢٠٢٦-٠١-٠١", "2026-1-1", 20260101])
def test_calendar_date_refuses_odd_shapes_and_far_years(value):
    with pytest.raises(ValueInvalid):
        calendar_date(value, "from")


@pytest.mark.parametrize("value", ["0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00", "2026-01-01",
                                   "2026-13-01T00:00:00Z", "²026-01-01T00:00:00Z", 1700000000])
def test_instant_refuses_the_edges_of_the_datetime_range(value):
    with pytest.raises(ValueInvalid):
        instant(value, "received_at")


def test_instant_reads_an_offset_as_utc():
    assert instant("2026-03-02T10:00:00+01:00", "at").isoformat() == "2026-03-02T09:00:00"


@pytest.mark.parametrize("query", ["page=²", "page=99999999999999999999", "page=-3", "per_page=²",
                                   "per_page=101", "received_from=0001-01-01", "received_to=9999-12-31",
                                   "due_to=²⁰²⁶-01-01"])
def test_the_case_list_refuses_bad_numbers_and_dates_with_a_reason(ctx, client, tokens, query):
    response = client.get(f"/api/v1/cases?{query}", headers=tokens["supervisor"])
    assert response.status_code in (400, 422), response.get_data(as_text=True)
    name = query.split("=")[0]
    assert name in response.json.get("errors", {}) or name in response.json.get("reason", "")


@pytest.mark.parametrize("edge", ["0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00",
                                  "0001-01-01T00:00:00Z", "²⁰²⁶-01-01T00:00:00Z"])
def test_received_at_at_the_edge_of_the_datetime_range_is_422(ctx, client, tokens, edge):
    body = {**request_body(), "type": "information_request", "channel": "counter", "received_at": edge}
    response = client.post("/api/v1/cases", json=body, headers=tokens["supervisor"])
    assert response.status_code == 422, response.get_data(as_text=True)
    assert "received_at" in response.json["errors"]


@pytest.mark.parametrize("value", ["²", "99999999999999999999", "-1"])
def test_staff_pages_answer_400_with_the_field_named(ctx, staff, app, value):
    client = signed_in(app, "admin")
    for path in ("/staff/cases", "/staff/admin/access-log", "/staff/admin/tokens", "/staff/admin/holidays"):
        name = "year" if path.endswith("holidays") else "page"
        response = client.get(f"{path}?{name}={value}")
        assert response.status_code in (400, 422), (path, response.status_code)
        if response.status_code == 400:   # the list page shows its own field errors (422) instead
            assert f"({name})" in response.get_data(as_text=True)


def test_public_pages_refuse_bad_numbers(ctx, client):
    for path in ("/disclosures?page=²", "/disclosures?page=99999999999999999999", "/disclosures?page=-1"):
        response = client.get(path)
        assert 400 <= response.status_code < 500, (path, response.status_code)


def test_statistics_refuse_superscript_periods_and_far_dates(ctx, staff, app, client):
    headers = bearer(staff["supervisor"])
    for query in ("period=²⁰²⁶", "from=0001-01-01&to=9999-12-31", "from=²⁰²⁶-01-01&to=2026-02-01"):
        assert client.get(f"/api/v1/statistics?{query}", headers=headers).status_code in (400, 422), query
        assert signed_in(app, "supervisor").get(f"/staff/statistics/?{query}").status_code in (400, 422), query


def _get_routes(app, prefix: str) -> list[str]:
    return sorted({r.rule for r in app.url_map.iter_rules()
                   if "GET" in r.methods and r.rule.startswith(prefix) and "<" not in r.rule
                   and not r.rule.startswith(("/static", "/staff/logout"))})


@pytest.mark.slow
def test_no_route_answers_5xx_to_hostile_numbers_or_dates(ctx, app, staff):
    """Every GET route without path parameters, as admin (page and API) and anonymously."""
    page_client, api_headers = signed_in(app, "admin"), bearer(staff["admin"])
    anonymous = app.test_client()
    for value in HOSTILE:
        query = "&".join(f"{name}={value}" for name in PARAMETERS)
        for path in _get_routes(app, "/"):
            for client, headers in ((page_client, {}), (anonymous, {}), (anonymous, api_headers)):
                response = client.get(f"{path}?{query}", headers=headers)
                assert response.status_code < 500, (path, value, response.status_code)
