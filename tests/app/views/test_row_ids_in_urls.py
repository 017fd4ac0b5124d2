"""A row id in a URL is bounded like the column it names: past INTEGER it is a 404, never a 500."""
import pytest
from werkzeug.exceptions import MethodNotAllowed, NotFound
from werkzeug.routing import AnyConverter, IntegerConverter

from app.url_converters import MAX_ROW_ID
from tests.app.views.api_support import submit, tokens  # noqa: F401 (fixture)

HUGE = (MAX_ROW_ID + 1, 2**63, 10**20)


def int_routes(app):
    return [rule for rule in app.url_map.iter_rules()
            if any(isinstance(c, IntegerConverter) for c in rule._converters.values())]


def path_with_ids(rule, row_id) -> str:
    def value(converter):
        if isinstance(converter, IntegerConverter):
            return row_id
        return sorted(converter.items)[0] if isinstance(converter, AnyConverter) else "DAI-2026-000001"
    values = {name: value(converter) for name, converter in rule._converters.items()}
    return rule.build(values, append_unknown=False)[1]


def test_every_route_with_a_row_id_refuses_one_past_the_integer_range(app):
    routes = int_routes(app)
    assert len(routes) > 30
    adapter = app.url_map.bind("localhost")
    for rule in routes:
        methods = rule.methods - {"HEAD", "OPTIONS"}
        for method in methods:
            assert adapter.match(path_with_ids(rule, MAX_ROW_ID), method=method)[0] == rule.endpoint
        for row_id in HUGE:
            for method in methods:
                with pytest.raises((NotFound, MethodNotAllowed)):
                    adapter.match(path_with_ids(rule, row_id), method=method)


def test_a_huge_id_in_the_api_is_a_404_on_either_engine(client, tokens):  # noqa: F811
    reference = submit(client).get_json()["reference"]
    for path in ("drafts", "documents"):
        for row_id in HUGE:
            response = client.get(f"/api/v1/cases/{reference}/{path}/{row_id}", headers=tokens["supervisor"])
            assert response.status_code == 404, response.get_data(as_text=True)[:300]
            assert response.get_json()["error"]
