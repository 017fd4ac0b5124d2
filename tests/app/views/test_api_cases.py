"""Staff API: registration, lists, a case, actions and letters (issue §10)."""
import pytest

from tests.app.views.api_support import act, complaint_body, request_body, status, submit, tokens  # noqa: F401
from tests.conftest import REQUEST


def staff_body(kind="information_request", **changes):
    body = request_body() if kind == "information_request" else complaint_body()
    return {**body, "type": kind, "channel": "counter", **changes}


def register(client, headers, **changes):
    return client.post("/api/v1/cases", json=staff_body(**changes), headers=headers)


@pytest.mark.parametrize("received_at, due_date", [
    ("2025-03-27T10:00:00Z", "2025-04-28"),   # LAW.md §5: Eid al-Fitr inside the count
    ("2025-11-06T09:00:00Z", "2025-12-05"),   # LAW.md §5: Green March and Independence Day
])
def test_staff_registration_in_the_past_counts_from_the_receipt(ctx, client, tokens, received_at, due_date):
    response = register(client, tokens["supervisor"], received_at=received_at)
    assert response.status_code == 201, response.json
    assert response.json["due_date"] == due_date
    assert response.json["received_at"] == received_at
    assert response.json["reference"].startswith("DAI-2025-")
    assert response.json["url"] == f"/api/v1/cases/{response.json['reference']}"


def test_staff_registration_records_channel_and_actor(ctx, client, tokens):
    reference = register(client, tokens["officer"], channel="post").json["reference"]
    case = client.get(f"/api/v1/cases/{reference}", headers=tokens["officer"]).json
    assert case["channel"] == "post"
    assert case["timeline"][0]["actor"] == "officer"
    assert case["timeline"][0]["reason"] is None
    assert case["timeline"][0]["data"]["reason_code"] == "received_via"
    assert case["timeline"][0]["data"]["reason_params"] == {"channel": "post"}


def test_staff_register_a_complaint(ctx, client, tokens):
    response = register(client, tokens["complaints"], kind="complaint", channel="email")
    assert response.status_code == 201, response.json
    assert response.json["reference"].startswith("REC-")


def test_an_officer_registers_only_the_kind_of_their_unit(ctx, client, tokens):
    response = register(client, tokens["officer"], kind="complaint")
    assert response.status_code == 403
    assert response.json["error"] == "forbidden"


def test_staff_registration_errors_are_per_field(ctx, client, tokens):
    body = staff_body(channel="fax", received_at="yesterday", access_form="telepathy")
    response = client.post("/api/v1/cases", json=body, headers=tokens["supervisor"])
    assert response.status_code == 422
    assert {"channel", "received_at", "access_form"} <= set(response.json["errors"])
    response = client.post("/api/v1/cases", json={**body, "type": "petition"}, headers=tokens["supervisor"])
    assert {"type", "channel", "received_at"} <= set(response.json["errors"])


@pytest.mark.parametrize("received_at", ["2099-01-01T00:00:00Z", "2018-01-01T00:00:00Z"])
def test_staff_registration_refuses_future_and_pre_law_dates(ctx, client, tokens, received_at):
    response = register(client, tokens["supervisor"], received_at=received_at)
    assert response.status_code == 422
    assert set(response.json["errors"]) == {"received_at"}


def test_national_portal_channel_is_accepted(ctx, client, tokens):
    assert register(client, tokens["supervisor"], channel="national_portal").status_code == 201


def _refs(response):
    assert response.status_code == 200, response.json
    return [item["reference"] for item in response.json["items"]]


def test_list_filters_by_state_assignee_and_overdue(ctx, client, tokens):
    sup = tokens["supervisor"]
    old = register(client, sup, received_at="2025-03-27T10:00:00Z").json["reference"]
    new = submit(client).json["reference"]
    complaint = submit(client, "complaints").json["reference"]
    assert act(client, sup, new, "assign", {"officer": "officer"}).status_code == 200
    assert set(_refs(client.get("/api/v1/cases", headers=sup))) == {old, new, complaint}
    assert _refs(client.get("/api/v1/cases?state=assigned", headers=sup)) == [new]
    assert _refs(client.get("/api/v1/cases?assignee=officer", headers=sup)) == [new]
    assert set(_refs(client.get("/api/v1/cases?assignee=none", headers=sup))) == {old, complaint}
    assert _refs(client.get("/api/v1/cases?overdue=true", headers=sup)) == [old]
    assert old not in _refs(client.get("/api/v1/cases?overdue=false", headers=sup))
    assert _refs(client.get("/api/v1/cases?type=complaint", headers=sup)) == [complaint]
    assert _refs(client.get("/api/v1/cases?assignee=me", headers=tokens["officer"])) == [new]


def test_list_rows_carry_the_deadline_and_no_personal_data(ctx, client, tokens):
    register(client, tokens["supervisor"], received_at="2025-03-27T10:00:00Z")
    response = client.get("/api/v1/cases", headers=tokens["supervisor"])
    row = response.json["items"][0]
    assert row["due_date"] == "2025-04-28" and row["overdue"] is True and row["working_days_left"] < 0
    assert REQUEST["applicant"]["last_name"] not in response.get_data(as_text=True)


def test_officers_list_their_unit_only(ctx, client, tokens):
    request = submit(client).json["reference"]
    complaint = submit(client, "complaints").json["reference"]
    assert _refs(client.get("/api/v1/cases", headers=tokens["officer"])) == [request]
    assert _refs(client.get("/api/v1/cases", headers=tokens["complaints"])) == [complaint]


def test_list_paginates(ctx, client, tokens):
    made = {submit(client).json["reference"] for _ in range(5)}
    first = client.get("/api/v1/cases?per_page=2", headers=tokens["supervisor"]).json
    third = client.get("/api/v1/cases?per_page=2&page=3", headers=tokens["supervisor"]).json
    assert first["total"] == 5 and first["page"] == 1 and len(first["items"]) == 2
    assert len(third["items"]) == 1
    pages = [client.get(f"/api/v1/cases?per_page=2&page={n}", headers=tokens["supervisor"]).json
             for n in (1, 2, 3)]
    assert {i["reference"] for p in pages for i in p["items"]} == made


@pytest.mark.parametrize("query, field", [
    ("state=lost", "state"), ("overdue=maybe", "overdue"), ("assignee=nobody", "assignee"),
    ("page=0", "page"), ("per_page=x", "per_page"), ("type=petition", "type"),
])
def test_list_rejects_bad_filters(ctx, client, tokens, query, field):
    response = client.get(f"/api/v1/cases?{query}", headers=tokens["supervisor"])
    assert response.status_code == 422
    assert set(response.json["errors"]) == {field}


def test_case_detail_has_party_clocks_timeline_and_letters(ctx, client, tokens):
    reference = submit(client).json["reference"]
    act(client, tokens["supervisor"], reference, "assign", {"officer": "officer"})
    case = client.get(f"/api/v1/cases/{reference}", headers=tokens["officer"]).json
    assert case["state"] == "assigned" and case["assignee"] == "officer"
    assert case["party"]["id_number"] == "SH123456"
    assert case["clocks"][0]["period"] == "answer" and case["clocks"][0]["status"] == "running"
    transitions = [e for e in case["timeline"] if e["kind"] == "transition"]
    assert [(e["trigger"], e["from_state"], e["to_state"]) for e in transitions] == [
        ("receive", None, "received"), ("assign", "received", "assigned")]
    assert transitions[1]["actor"] == "supervisor" and transitions[1]["at"].endswith("Z")
    assert case["letters"][0]["kind"] == "acknowledgment"
    assert {"extend", "answer"} <= set(case["available_actions"])


def test_unknown_case_is_404_everywhere(ctx, client, tokens):
    sup = tokens["supervisor"]
    for response in (client.get("/api/v1/cases/DAI-2025-999999", headers=sup),
                     act(client, sup, "DAI-2025-999999", "assign", {"officer": "officer"}),
                     client.get("/api/v1/cases/DAI-2025-999999/letters/1", headers=sup)):
        assert response.status_code == 404
        assert response.json["error"] == "not_found"


def test_unknown_letter_of_a_case_is_404(ctx, client, tokens):
    reference = submit(client).json["reference"]
    assert client.get(f"/api/v1/cases/{reference}/letters/999", headers=tokens["supervisor"]).status_code == 404


def test_action_errors(ctx, client, tokens):
    sup, officer = tokens["supervisor"], tokens["officer"]
    reference = submit(client).json["reference"]
    refused = act(client, sup, reference, "decide", {"decision": "upheld", "text": "Le refus est fondé."})
    assert refused.status_code == 403                      # only the head decides
    wrong_state = act(client, tokens["head"], reference, "decide", {"decision": "upheld", "text": "Le refus est fondé."})
    assert wrong_state.status_code == 409
    assert wrong_state.json["error"] == "not_allowed_in_state" and wrong_state.json["reason"]
    assert act(client, sup, reference, "rate").status_code == 409
    assert act(client, sup, reference, "redirect", {"competent_body": "x"}).json["error"] == "unknown_trigger"
    invalid = act(client, sup, reference, "assign", {"officer": "complaints"})
    assert invalid.status_code == 422 and "officer" in invalid.json["errors"]
    assert act(client, officer, reference, "answer", {"outcome": "granted", "text": "x"}).status_code == 403
    bad_body = client.post(f"/api/v1/cases/{reference}/actions/assign", data=b"[]",
                           content_type="application/json", headers=sup)
    assert bad_body.status_code == 400
    assert client.get(f"/api/v1/cases/{reference}", headers=sup).json["state"] == "received"


def test_concurrent_change_is_a_409(ctx, client, tokens, monkeypatch):
    from app.services import letter_drafts
    from app.services.cases import Conflict

    reference = submit(client).json["reference"]

    def lose(*args, **kwargs):
        raise Conflict("case was changed by another action; reload and try again")
    monkeypatch.setattr(letter_drafts, "fire", lose)      # the API acts through letter_drafts.act
    response = act(client, tokens["supervisor"], reference, "assign", {"officer": "officer"})
    assert response.status_code == 409 and response.json["error"] == "conflict"


def test_the_whole_path_of_a_refused_request(ctx, client, tokens):
    sup, officer, head = tokens["supervisor"], tokens["officer"], tokens["head"]
    submitted = submit(client).json
    reference, code = submitted["reference"], submitted["access_code"]
    assert act(client, sup, reference, "assign", {"officer": "officer"}).json["state"] == "assigned"
    no_ground = act(client, officer, reference, "answer", {"outcome": "refused", "text": "exception"})
    assert no_ground.status_code == 422 and "grounds" in no_ground.json["errors"]
    answered = act(client, officer, reference, "answer",
                   {"outcome": "refused", "grounds": ["exception_art7"], "text": "art. 7 exception"})
    assert answered.status_code == 200 and answered.json["state"] == "answered"

    facts = status(client, reference, code).json
    assert facts["state"] == "answered" and facts["next_step"]["action"] == "complain_to_head"
    assert len(facts["letters"]) >= 2
    for letter in facts["letters"]:
        assert client.get(letter["url"], headers={"X-Access-Code": code}).data[:4] == b"%PDF"

    appealed = act(client, sup, reference, "complain_to_head", {"text": "please review"})
    assert appealed.status_code == 200 and appealed.json["state"] == "appealed"
    decided = act(client, head, reference, "decide", {"decision": "upheld", "text": "stands"})
    assert decided.status_code == 200 and decided.json["state"] == "head_upheld"
    late = act(client, officer, reference, "extend", {"reason": "volume"})
    assert late.status_code == 409

    case = client.get(f"/api/v1/cases/{reference}", headers=sup).json
    triggers = [e["trigger"] for e in case["timeline"] if e["kind"] == "transition"]
    assert triggers == ["receive", "assign", "answer", "complain_to_head", "decide"]
    letter = case["letters"][-1]
    pdf = client.get(letter["url"], headers=sup)
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf" and pdf.data[:4] == b"%PDF"


def test_complaint_path_with_redirect_answer_and_reopen(ctx, client, tokens):
    sup, officer = tokens["supervisor"], tokens["complaints"]
    first = submit(client, "complaints").json["reference"]
    redirected = act(client, officer, first, "redirect", {"competent_body": "ONEE"})
    assert redirected.status_code == 403                   # not assigned to them yet
    act(client, sup, first, "assign", {"officer": "complaints"})
    assert act(client, officer, first, "redirect", {"competent_body": "ONEE"}).json["state"] == "redirected"
    second = submit(client, "complaints").json["reference"]
    act(client, sup, second, "assign", {"officer": "complaints"})
    assert act(client, officer, second, "answer", {"text": "The road will be repaired."}).json["state"] == "answered"
    assert act(client, sup, second, "reopen", {"text": "Le complainant signale que rien n'a changé."}).json["state"] == "assigned"


def test_a_wrong_unit_is_refused_before_the_fields_are_checked(ctx, client, tokens):
    response = client.post("/api/v1/cases", json={"type": "complaint"}, headers=tokens["officer"])
    assert response.status_code == 403
