"""The chain after the head of the body (arts. 20–21) and the inadmissible outcome in the OpenAPI document.

What the status and the case gain (the payloads of ``complain_to_cdai``,
``record_cdai_decision``, ``record_court_case`` and ``record_judgment`` are in
``app.services.action_payloads`` with every other action's).
"""
from app.openapi.schemas import NULLABLE_STRING, obj, ref

SCHEMAS = {
    "Remedies": obj({"cdai": {"type": "object", "description": "filed_on, cdai_reference, decided_on, decision"},
                     "court": {"type": "object", "description": "filed_on, court_reference, decided_on, decision"}},
                    description="the remedies recorded after the head of the body"),
}


def extend(document: dict) -> dict:
    """Add to ``document`` what the status and the case gain from the remedies after the head."""
    schemas = document["components"]["schemas"]
    schemas.update(SCHEMAS)
    schemas["Status"]["properties"].update(
        remedies=ref("Remedies"),
        inadmissible_reason={"type": ["object", "null"], "description": "code, article, label {ar, fr}"},
        cdai_contact={"type": ["object", "null"], "description": "postal_address, email, website (those set) "
                                                                 "while the CDAI route is open (art. 20)"})
    schemas["Case"]["properties"].update(remedies=ref("Remedies"), inadmissible_reason=NULLABLE_STRING)
    return document
