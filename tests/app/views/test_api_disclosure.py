"""API: publish an answer now, withhold it with a reason, read where it stands — answers true to the OpenAPI."""
from app.extensions import db
from app.services import disclosures
from tests.app.disclosure_support import LATIN_REQUEST, granted, pdf_naming_the_applicant, png_image
from tests.app.views.api_support import tokens  # noqa: F401
from tests.app.views.test_api_openapi import errors, spec  # noqa: F401


def test_publish_and_withhold_through_the_api(client, granted, tokens, spec):
    case = granted(("pv.png", png_image()))
    base = f"/api/v1/cases/{case.reference}"
    planned = client.get(f"{base}/publication", headers=tokens["viewer"])
    assert planned.status_code == 200 and planned.json["status"] == "scheduled"
    assert planned.json["due_on"] == "2025-12-03" and errors(spec, {"$ref": "#/components/schemas/Publication"},
                                                             planned.json) == []
    named = client.post(f"{base}/actions/publish", headers=tokens["officer"],
                        json={"title": "PV", "summary": "Demande de سلمى البناني"})
    assert named.status_code == 422 and "summary" in named.json["errors"]
    done = client.post(f"{base}/actions/publish", headers=tokens["officer"],
                       json={"title": "Procès-verbal", "summary": "Le PV de la session d'octobre 2023."})
    assert done.status_code == 200, done.json
    assert done.json["status"] == "published" and done.json["public_url"].endswith(f"/disclosures/{case.reference}")
    assert done.json["files"][0]["published"] and errors(spec, {"$ref": "#/components/schemas/Publication"},
                                                         done.json) == []
    again = client.post(f"{base}/actions/publish", headers=tokens["officer"])
    assert again.status_code == 409 and again.json["error"] == "publication_not_allowed"
    assert client.post(f"{base}/actions/withhold_publication", headers=tokens["officer"],
                       json={"reason": ""}).json["errors"]["reason"]
    withheld = client.post(f"{base}/actions/withhold_publication", headers=tokens["supervisor"],
                           json={"reason": "Une donnée personnelle a été vue."})
    assert withheld.status_code == 200 and withheld.json["status"] == "withheld"
    assert withheld.json["withheld_reason"] == "Une donnée personnelle a été vue."
    assert client.get(f"/disclosures/{case.reference}").status_code == 404
    # The case's statutory state never moved.
    assert client.get(base, headers=tokens["officer"]).json["state"] == "answered"


def test_a_file_naming_the_applicant_is_refused_with_its_problems(client, granted, tokens, spec):
    case = granted(("pv.pdf", pdf_naming_the_applicant()), data=LATIN_REQUEST)
    refused = client.post(f"/api/v1/cases/{case.reference}/actions/publish", headers=tokens["officer"])
    assert refused.status_code == 409 and refused.json["error"] == "publication_refused"
    assert refused.json["problems"]["1"]["traces"] == ["name", "id_number", "email", "phone"]
    assert errors(spec, {"$ref": "#/components/schemas/PublicationRefused"}, refused.json) == []
    db.session.expire_all()
    assert disclosures.entry_of(case).status == "scheduled"


def test_the_generic_action_route_still_serves_workflow_triggers(client, granted, tokens):
    case = granted()
    unknown = client.post(f"/api/v1/cases/{case.reference}/actions/publishing", headers=tokens["admin"])
    assert unknown.status_code == 409 and unknown.json["error"] == "unknown_trigger"
    closed = client.post(f"/api/v1/cases/{case.reference}/actions/close", headers=tokens["admin"], json={})
    assert closed.status_code == 200 and closed.json["state"] == "closed"
    assert client.get(f"/api/v1/cases/{case.reference}/publication",
                      headers=tokens["admin"]).json["eligible"] is True
