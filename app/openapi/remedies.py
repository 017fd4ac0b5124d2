"""The chain after the head of the body (arts. 20–21) and the inadmissible outcome in the OpenAPI document.

Payloads of ``complain_to_cdai``, ``record_cdai_decision``, ``record_court_case`` and
``record_judgment``, the answer's ``inadmissible_reason``, and what the status and
the case gain. Enums come from ``workflows.statute`` (checked by ``app.services.remedy_rules``).
"""
from app.openapi.paths import PREFIX
from app.openapi.schemas import NULLABLE_STRING, enum, obj, ref
from app.services.remedy_rules import REFERENCE_LIMIT
from workflows.statute import INADMISSIBILITY_REASONS, RemedyRuling

DATE = {"type": "string", "format": "date", "description": "Africa/Casablanca local date, YYYY-MM-DD"}
NOTE = {"type": "string", "description": "optional note kept on the timeline"}
RULING = enum((r.value for r in RemedyRuling), "for_applicant: the body must deliver (a delivery clock starts); "
                                               "for_body: the refusal stands")


def _filing(reference: str, whom: str, description: str) -> dict:
    return obj({"filed_on": DATE, reference: {"type": "string", "minLength": 1, "maxLength": REFERENCE_LIMIT,
                                              "description": f"the {whom}'s reference of the case"},
                "reason": NOTE}, required=("filed_on", reference), description=description)


SCHEMAS = {
    "CdaiComplaintPayload": _filing("cdai_reference", "CDAI", "complain_to_cdai: the applicant's complaint to the "
                                    "CDAI, filed within 30 days of the head's decision or silence (art. 20)"),
    "CourtCasePayload": _filing("court_reference", "court", "record_court_case: the case before the administrative "
                                "court, filed within 60 days of the CDAI's decision or silence (art. 21)"),
    "RulingPayload": obj({"decided_on": DATE, "decision": RULING, "reason": NOTE}, required=("decided_on", "decision"),
                         description="record_cdai_decision (art. 20) or record_judgment (art. 21)"),
    "Remedies": obj({"cdai": {"type": "object", "description": "filed_on, cdai_reference, decided_on, decision"},
                     "court": {"type": "object", "description": "filed_on, court_reference, decided_on, decision"}},
                    description="the remedies recorded after the head of the body"),
}
INADMISSIBLE = enum(INADMISSIBILITY_REASONS, "required when the outcome is inadmissible, and only then")


def extend(document: dict) -> dict:
    """Merge the remedy payloads into ``document``, with what the answer, the status and the case gain."""
    schemas = document["components"]["schemas"]
    schemas.update(SCHEMAS)
    schemas["AnswerPayload"]["properties"]["inadmissible_reason"] = INADMISSIBLE
    schemas["Status"]["properties"].update(
        remedies=ref("Remedies"),
        inadmissible_reason={"type": ["object", "null"], "description": "code, article, label {ar, fr}"},
        cdai_contact={"type": ["object", "null"], "description": "postal_address, email, website (those set) "
                                                                 "while the CDAI route is open (art. 20)"})
    schemas["Case"]["properties"].update(remedies=ref("Remedies"), inadmissible_reason=NULLABLE_STRING)
    action = document["paths"][f"{PREFIX}/cases/{{reference}}/actions/{{trigger}}"]["post"]
    body = action["requestBody"]["content"]["application/json"]["schema"]
    body["oneOf"] = body.get("oneOf", []) + [ref(name) for name in ("CdaiComplaintPayload", "CourtCasePayload",
                                                                     "RulingPayload")]
    return document
