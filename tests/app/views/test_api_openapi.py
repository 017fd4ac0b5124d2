"""The OpenAPI document: it loads, covers every route, its enums come from the code, and it is true."""
import re

import pytest

from tests.app.views.api_support import act, request_body, status, submit, tokens  # noqa: F401
from tests.conftest import COMPLAINT, REQUEST

METHODS = ("get", "post", "put", "patch", "delete")
DISCLOSURE_ACTIONS = ("/api/v1/cases/{reference}/actions/publish",
                      "/api/v1/cases/{reference}/actions/withhold_publication")   # routes of their own
STAFF_PATHS = ("/api/v1/cases", "/api/v1/approvals", "/api/v1/statistics")     # bearer token; the rest is public


@pytest.fixture
def spec(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200 and response.is_json
    return response.json


def resolve(spec, node):
    while isinstance(node, dict) and "$ref" in node:
        assert node["$ref"].startswith("#/"), node
        target = spec
        for part in node["$ref"][2:].split("/"):
            target = target[part]
        node = target
    return node


def schema(spec, name):
    return spec["components"]["schemas"][name]


def errors(spec, node, value, where="$") -> list[str]:
    """Check ``value`` against the subset of JSON Schema the document uses; the mismatches."""
    node = resolve(spec, node)
    out = []
    for part in node.get("allOf", []):
        out += errors(spec, part, value, where)
    for combine in ("oneOf", "anyOf"):
        if combine in node:
            matches = [p for p in node[combine] if not errors(spec, p, value, where)]
            if not matches or (combine == "oneOf" and len(matches) > 1):
                out.append(f"{where}: {len(matches)} {combine} branches match")
    types = node.get("type")
    names = {"string": str, "integer": int, "boolean": bool, "object": dict, "array": list, "null": type(None),
             "number": (int, float)}
    if types and not any(isinstance(value, names[t]) and not (t in ("integer", "number") and isinstance(value, bool))
                         for t in ([types] if isinstance(types, str) else types)):
        return out + [f"{where}: {value!r} is not {types}"]
    if "enum" in node and value not in node["enum"]:
        out.append(f"{where}: {value!r} not in enum")
    if "const" in node and value != node["const"]:
        out.append(f"{where}: {value!r} != {node['const']!r}")
    if isinstance(value, str) and "pattern" in node and not re.search(node["pattern"], value):
        out.append(f"{where}: {value!r} does not match {node['pattern']}")
    if isinstance(value, dict):
        out += [f"{where}.{k}: required" for k in node.get("required", []) if k not in value]
        for key, sub in node.get("properties", {}).items():
            if key in value:
                out += errors(spec, sub, value[key], f"{where}.{key}")
    if isinstance(value, list) and "items" in node:
        for i, item in enumerate(value):
            out += errors(spec, node["items"], item, f"{where}[{i}]")
    return out


def test_document_is_openapi_3_1_with_a_bearer_scheme(spec):
    assert spec["openapi"].startswith("3.1")
    assert spec["info"]["title"] and spec["info"]["version"]
    assert spec["components"]["securitySchemes"]["bearer"] == {
        **spec["components"]["securitySchemes"]["bearer"], "type": "http", "scheme": "bearer"}


ACTIONS = "/api/v1/cases/{reference}/actions/"


def test_every_route_of_the_api_blueprint_is_described(app, spec):
    """Each route is a path of the document; the one action route is described once per trigger."""
    for rule in app.url_map.iter_rules():
        if not rule.endpoint.startswith("api."):
            continue
        path = re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", r"{\1}", rule.rule)
        assert path in spec["paths"] or path == ACTIONS + "{trigger}", path
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            assert path == ACTIONS + "{trigger}" or method.lower() in spec["paths"][path], (method, path)
    described = {(m, ACTIONS + "{trigger}" if p.startswith(ACTIONS) and p not in DISCLOSURE_ACTIONS else p)
                 for p, ops in spec["paths"].items() for m in ops if m in METHODS}
    routed = {(m.lower(), re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", r"{\1}", r.rule))
              for r in app.url_map.iter_rules() if r.endpoint.startswith("api.")
              for m in r.methods - {"HEAD", "OPTIONS"}}
    assert described == routed


def test_operations_declare_parameters_responses_and_security(app, spec):
    for path, operations in spec["paths"].items():
        declared_in_path = set(re.findall(r"{([a-z_]+)}", path))
        for method, op in operations.items():
            params = {p["name"] for p in (resolve(spec, p) for p in op.get("parameters", [])) if p["in"] == "path"}
            assert params == declared_in_path, (method, path)
            assert op["responses"] and all(re.fullmatch(r"[1-5]\d\d", code) for code in op["responses"])
            for response in op["responses"].values():
                assert resolve(spec, response)["description"]
            if path.startswith(STAFF_PATHS):
                assert op["security"] == [{"bearer": []}] and "401" in op["responses"]
                # Every staff member may list and export (their unit's) cases; elsewhere a role or unit may not.
                lists = {("get", "/api/v1/cases"), ("get", "/api/v1/cases/export.csv"),
                         ("get", "/api/v1/cases/export.xlsx")}
                assert ("403" in op["responses"]) == ((method, path) not in lists)
            else:
                assert op["security"] == []
    codes = {c for ops in spec["paths"].values() for op in ops.values() for c in op["responses"]}
    assert {"200", "201", "400", "401", "403", "404", "409", "422"} <= codes


def test_every_reference_resolves(spec):
    def walk(node):
        if isinstance(node, dict):
            if "$ref" in node:
                assert resolve(spec, node) is not None
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
    walk(spec)


def test_enums_come_from_the_code(spec):
    from app.services.intake import LANGUAGES
    from workflows.statute import ANSWER_OUTCOMES, GROUNDS, AccessForm, Channel, ComplaintKind, HeadDecision

    answer = schema(spec, "AnswerPayload")["properties"]
    assert answer["grounds"]["type"] == "array"
    assert answer["grounds"]["items"]["enum"] == list(GROUNDS)
    assert set(answer["outcome"]["enum"]) == {o.value for o in ANSWER_OUTCOMES}
    assert schema(spec, "DecidePayload")["properties"]["decision"]["enum"] == [d.value for d in HeadDecision]
    request = schema(spec, "InformationRequest")["properties"]
    assert request["access_form"]["enum"] == [f.value for f in AccessForm]
    assert request["language"]["enum"] == list(LANGUAGES)
    assert schema(spec, "Complaint")["properties"]["kind"]["enum"] == [k.value for k in ComplaintKind]
    staff = schema(spec, "StaffInformationRequest")["properties"]
    assert staff["channel"]["enum"] == [c.value for c in Channel]
    assert answer["withheld"]["items"]["properties"]["ground"]["enum"] == list(GROUNDS)
    assert schema(spec, "WithheldPart")["properties"]["ground"]["enum"] == list(GROUNDS)
    from workflows.delivery import FIELDS
    assert set(schema(spec, "Delivery")["properties"]) == {n for f in FIELDS.values() for n in f}
    from app.models.letter_draft import DraftStatus
    assert schema(spec, "Draft")["properties"]["status"]["enum"] == [s.value for s in DraftStatus]
    assert "202" in spec["paths"]["/api/v1/cases/{reference}/actions/answer"]["post"]["responses"]
    triggers = {p.rsplit("/", 1)[1] for p in spec["paths"] if p.startswith(ACTIONS) and p not in DISCLOSURE_ACTIONS}
    assert triggers == {"assign", "extend", "answer", "withdraw", "complain_to_head",
                        "decide", "redirect", "reopen", "close", "take", "rule_not_urgent",
                        "complain_to_cdai", "record_cdai_decision", "record_court_case", "record_judgment"}


def test_example_bodies_match_the_request_schemas(spec):
    assert errors(spec, schema(spec, "InformationRequest"), REQUEST) == []
    assert errors(spec, schema(spec, "Complaint"), COMPLAINT) == []
    staff = {**request_body(), "type": "information_request", "channel": "counter",
             "received_at": "2025-03-27T10:00:00Z"}
    assert errors(spec, {"oneOf": [{"$ref": "#/components/schemas/StaffInformationRequest"},
                                   {"$ref": "#/components/schemas/StaffComplaint"}]}, staff) == []
    assert errors(spec, schema(spec, "InformationRequest"), {**REQUEST, "access_form": "fax"})


def test_real_responses_match_their_schemas(ctx, client, spec, tokens):
    submitted = submit(client)
    assert errors(spec, schema(spec, "Registered"), submitted.json) == []
    reference = submitted.json["reference"]
    act(client, tokens["supervisor"], reference, "assign", {"officer": "officer"})
    act(client, tokens["officer"], reference, "answer",
        {"outcome": "refused", "grounds": ["exception_art7"], "text": "art. 7"})
    assert errors(spec, schema(spec, "Status"), status(client, reference, submitted.json["access_code"]).json) == []
    case = client.get(f"/api/v1/cases/{reference}", headers=tokens["supervisor"]).json
    assert errors(spec, schema(spec, "Case"), case) == []
    listed = client.get("/api/v1/cases", headers=tokens["supervisor"]).json
    assert errors(spec, schema(spec, "CaseList"), listed) == []
    refused = act(client, tokens["officer"], reference, "extend", {"reason": "x"}).json
    assert errors(spec, schema(spec, "Error"), refused) == []
    invalid = submit(client, body={}).json
    assert errors(spec, schema(spec, "FieldErrors"), invalid) == []


def test_the_search_parameters_are_documented_for_the_list_and_its_exports(spec):
    from app.views.case_query import PARAMETERS

    listed = {p["name"] for p in spec["paths"]["/api/v1/cases"]["get"]["parameters"]}
    assert listed == set(PARAMETERS) | {"page", "per_page", "cursor"}
    for fmt, media in (("csv", "text/csv"), ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")):
        export = spec["paths"][f"/api/v1/cases/export.{fmt}"]["get"]
        assert {p["name"] for p in export["parameters"]} == set(PARAMETERS)
        assert media in export["responses"]["200"]["content"]
    assert "takes a new unassigned case" in spec["paths"][ACTIONS + "take"]["post"]["description"]
    assert "art. 17" in spec["paths"][ACTIONS + "rule_not_urgent"]["post"]["description"]
    assert {"next_cursor", "total_exact"} <= set(schema(spec, "CaseList")["properties"])
    assert {"tags", "links", "notes", "urgency_ruled_out_at"} <= set(schema(spec, "Case")["properties"])
