"""One schema per action payload: wrong types and contradictions are 422, stored oddities render safely."""
import pytest

from app.extensions import db
from app.services import action_payloads
from tests.app.views.api_support import act, complaint_body, submit, tokens  # noqa: F401 (fixture)
from tests.app.views.staff_support import fresh_request_state, signed_in  # noqa: F401 (autouse fixture)
from workflows.kinds import KINDS, all_triggers


@pytest.fixture
def answered_complaint(ctx, client, tokens):
    reference = submit(client, "complaints", complaint_body()).json["reference"]
    assert act(client, tokens["supervisor"], reference, "assign", {"officer": "complaints"}).status_code == 200
    return reference


@pytest.fixture
def assigned_request(ctx, client, tokens):
    reference = submit(client).json["reference"]
    assert act(client, tokens["supervisor"], reference, "assign", {"officer": "officer"}).status_code == 200
    return reference


@pytest.mark.parametrize("payload, fields", [
    ({"text": "Réponse", "outcome": 5}, {"outcome"}),
    ({"text": "Réponse", "grounds": [["exception_art7"]]}, {"grounds"}),
    ({"text": "Réponse", "outcome": "granted", "grounds": {"a": 1}}, {"outcome", "grounds"}),
    ({"text": ["Réponse"]}, {"text"}),
    ({}, {"text"}),
])
def test_a_complaint_answer_of_the_wrong_shape_is_422_and_stores_nothing(answered_complaint, client, tokens,
                                                                         payload, fields):
    from app.services.cases import get_case

    response = act(client, tokens["complaints"], answered_complaint, "answer", payload)
    assert response.status_code == 422, response.get_data(as_text=True)
    assert fields <= set(response.json["errors"])
    db.session.expire_all()
    case = get_case(answered_complaint)
    assert case.state == "assigned" and case.grounds == [] and case.outcome is None


@pytest.mark.parametrize("payload, field", [
    ({"outcome": "granted", "grounds": ["exception_art7"], "text": "Voici"}, "grounds"),
    ({"outcome": "refused", "text": "Non"}, "grounds"),
    ({"outcome": "refused", "grounds": [], "text": "Non"}, "grounds"),
    ({"outcome": "granted", "text": "Voici", "documents": ["1"]}, "documents.0"),
    ({"outcome": "granted", "text": "Voici", "withheld": [{"part": "x", "ground": 7}]}, "withheld.0.ground"),
    ({"outcome": "refused", "grounds": ["exception_art7", "exception_art7"], "text": "Non"}, "grounds"),
    ({"outcome": "refused", "grounds": ["exception_art7"], "text": "Non", "extra": 1}, "extra"),
])
def test_an_answer_that_contradicts_itself_or_breaks_its_schema_is_422(assigned_request, client, tokens,
                                                                        payload, field):
    response = act(client, tokens["officer"], assigned_request, "answer", payload)
    assert response.status_code == 422, response.get_data(as_text=True)
    assert field in response.json["errors"], response.json


def test_wrong_types_in_other_actions_and_publication_are_422(assigned_request, client, tokens):
    assert act(client, tokens["officer"], assigned_request, "extend", {"reason": 5}).json["errors"] == {
        "reason": "must be of type string"}
    assert "decision" in act(client, tokens["head"], assigned_request, "decide",
                             {"decision": ["upheld"], "text": "x"}).json["errors"]
    response = client.post(f"/api/v1/cases/{assigned_request}/actions/publish", json={"title": 5},
                           headers=tokens["supervisor"])
    assert response.status_code == 422 and "title" in response.json["errors"]
    response = client.post(f"/api/v1/cases/{assigned_request}/actions/withhold_publication", json={"reason": {}},
                           headers=tokens["supervisor"])
    assert response.status_code == 422 and "reason" in response.json["errors"]


def test_the_staff_form_goes_through_the_same_schema(assigned_request, app):
    client = signed_in(app, "officer")
    response = client.post(f"/staff/cases/{assigned_request}/actions/answer",
                           data={"answer-outcome": "granted", "answer-grounds": ["exception_art7"], "answer-text": "Voici"})
    assert response.status_code in (200, 422)
    assert "لا يذكر جواب القبول أي سبب من أسباب الرفض" in response.get_data(as_text=True)


def test_every_trigger_a_person_fires_has_one_schema_and_the_document_publishes_it(ctx, client):
    spec = client.get("/api/v1/openapi.json").json
    for trigger in all_triggers():
        for kind in KINDS:
            name = action_payloads.schema_name(kind, trigger)
            assert name is not None, (kind, trigger)
            assert spec["components"]["schemas"][name] == action_payloads.SCHEMAS[name]
    body = spec["paths"]["/api/v1/cases/{reference}/actions/decide"]["post"]["requestBody"]
    assert body["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/DecidePayload"}


def test_a_new_trigger_registers_its_schema_in_one_call():
    schema = action_payloads.payload({"court": action_payloads.text(300)}, required=("court",))
    action_payloads.register("record_court_case_test", "CourtCaseTestPayload", schema)
    try:
        assert action_payloads.payload_problems("complaint", "record_court_case_test", {}) == {"court": "required"}
        assert action_payloads.payload_problems(None, "record_court_case_test", {"court": "Tribunal"}) == {}
    finally:
        action_payloads.SCHEMAS.pop("CourtCaseTestPayload")
        action_payloads._BY_TRIGGER.pop((None, "record_court_case_test"))


BAD_STORED = {"grounds": [["exception_art7"], {"x": 1}, 7, "no_such_ground"], "withheld": "oops",
              "delivery": [1, 2]}


def test_pages_render_safely_whatever_is_stored(assigned_request, client, app, tokens):
    """A bad payload written straight to the database (an old bug, a hand edit) never breaks a page."""
    from app.models.case_event import CaseEvent
    from app.services.cases import get_case

    case = get_case(assigned_request)
    for name, value in BAD_STORED.items():
        setattr(case, name, value)
    case.outcome, case.answer_text = "refused", "<b>x</b>"
    for event in case.events:
        event.data = {"grounds": [["a"]], "officer": {"n": 1}, "withheld": 5, "to": ["x"]}
    db.session.add(CaseEvent(case=case, kind="transition", trigger="answer", from_state="assigned",
                             to_state="answered", reason="r", data={"grounds": [[1]], "outcome": {"a": 1}}))
    db.session.commit()
    staff = signed_in(app, "supervisor")
    for path in (f"/staff/cases/{assigned_request}", f"/staff/cases/{assigned_request}/print"):
        response = staff.get(path)
        assert response.status_code == 200, (path, response.status_code)
        assert "<b>x</b>" not in response.get_data(as_text=True)
    detail = client.get(f"/api/v1/cases/{assigned_request}", headers=tokens["supervisor"])
    assert detail.status_code == 200 and detail.json["answer"]["grounds"] == []


def test_an_answer_letter_renders_whatever_is_stored(assigned_request, app):
    from datetime import datetime

    from app.services.cases import get_case
    from app.services.letters import letter_html

    case = get_case(assigned_request)
    case.outcome, case.answer_text = "partly_granted", "Voici une partie."
    case.grounds = [["exception_art7"], "exception_art7", {"x": 1}]
    case.withheld = [{"part": ["p"], "ground": "x"}, {"part": "Annexe 2", "ground": "exception_art7"}, 5]
    case.delivery = {"date": "²⁰²⁶-01-01", "copying_cost": "abc", "place": ["x"]}
    html, _ = letter_html(case, "answer", datetime(2026, 1, 5, 10, 0))
    assert "Voici une partie." in html and "Annexe 2" in html
    assert "{'x'" not in html and "{&#39;x" not in html
