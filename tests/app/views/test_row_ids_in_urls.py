"""A row id in a URL is read like the column it names: past INTEGER it names no row (404), never a 500."""
from werkzeug.routing import AnyConverter, IntegerConverter

from app.url_converters import MAX_ROW_ID, NO_ROW
from tests.app.views.api_support import submit, tokens  # noqa: F401 (fixture)
from tests.app.views.staff_support import fresh_request_state, signed_in  # noqa: F401 (autouse fixture)

HUGE = (MAX_ROW_ID + 1, 2**63, 10**20)


def int_routes(app):
    return [rule for rule in app.url_map.iter_rules()
            if any(isinstance(c, IntegerConverter) for c in rule._converters.values())]


def path_with_ids(rule, row_id) -> str:
    def value(converter):
        if isinstance(converter, IntegerConverter):
            return row_id
        return sorted(converter.items)[0] if isinstance(converter, AnyConverter) else "DAI-2026-000001"
    return rule.build({name: value(c) for name, c in rule._converters.items()}, append_unknown=False)[1]


def test_every_route_reads_an_id_past_the_integer_range_as_no_row(app):
    routes = int_routes(app)
    assert len(routes) > 30
    adapter = app.url_map.bind("localhost")
    for rule in routes:
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            endpoint, values = adapter.match(path_with_ids(rule, MAX_ROW_ID), method=method)
            assert endpoint == rule.endpoint and MAX_ROW_ID in values.values()
            for row_id in HUGE:
                endpoint, values = adapter.match(path_with_ids(rule, row_id), method=method)
                assert endpoint == rule.endpoint and NO_ROW in values.values(), (rule.rule, method)


def test_a_huge_id_is_a_404_in_the_api_and_on_staff_pages(app, client, tokens):  # noqa: F811
    reference = submit(client).get_json()["reference"]
    for row_id in HUGE:
        for path in ("drafts", "documents", "letters"):
            url = f"/api/v1/cases/{reference}/{path}/{row_id}" + ("/delivery" if path == "letters" else "")
            method = client.put if path == "letters" else client.get
            response = method(url, headers=tokens["supervisor"],
                              json={"delivered_on": "2026-01-01", "method": "post", "reason": "x"})
            assert response.status_code == 404, (url, response.get_data(as_text=True)[:300])
            assert response.get_json()["error"]
    staff = signed_in(app, "admin")
    for row_id in HUGE:
        for url in (f"/staff/drafts/{row_id}", f"/staff/cases/{reference}/letters/{row_id}.pdf",
                    f"/staff/text-modules/{row_id}"):
            assert staff.get(url).status_code == 404, url
