"""OpenAPI: recording a letter's delivery (issue 8 §1)."""
from app.openapi.paths import LETTER_ID, PREFIX, REFERENCE, STAFF, _err, _json, _op
from app.openapi.schemas import INSTANT, NULLABLE_STRING, obj, ref
from app.models.letter_delivery import STAFF_METHODS, DeliveryMethod

DATE = {"type": "string", "format": "date"}
DELIVERY = obj({
    "method": {"type": "string", "enum": [m.value for m in DeliveryMethod],
               "description": "email and portal are recorded by the system at the sending moment; post and hand "
                              "by staff"},
    "delivered_on": {**DATE, "description": "the day the applicant received the letter (Africa/Casablanca)"},
    "recorded_by": {**NULLABLE_STRING, "description": "username; null when recorded by the system"},
    "recorded_at": INSTANT,
}, required=("method", "delivered_on", "recorded_by", "recorded_at"))

SCHEMAS = {
    "LetterDelivery": DELIVERY,
    "DeliveryInput": obj({
        "delivered_on": {**DATE, "description": "the date on the delivery notice (post) or the day the letter was "
                                                "handed over (hand); not before the letter's issue, not in the "
                                                "future"},
        "method": {"type": "string", "enum": list(STAFF_METHODS)},
    }, required=("delivered_on", "method"), closed=True),
    "DeliveryRecorded": obj({"delivery": ref("LetterDelivery"), "case": ref("Case")}, required=("delivery", "case")),
}

DESCRIPTION = (
    "Records how a letter reached the applicant, by post (the date on the delivery notice) or by hand (the day it "
    "was handed over). The windows that run from the applicant's receipt of that letter — the complaint to the head "
    "of the body after an answer (art. 19), the CDAI after the head's decision (art. 20) — then start on that date "
    "(their clocks leave the status awaiting_delivery). A delivery is final: a second one answers 409 "
    "delivery_already_recorded, also when the e-mail or the portal already delivered the letter; re-sending or "
    "regenerating a letter never moves a clock.")


def paths() -> dict:
    """The delivery path with its operation."""
    return {f"{PREFIX}/cases/{{reference}}/letters/{{letter_id}}/delivery": {"post": _op(
        "Record a letter's delivery by post or by hand", STAFF,
        {"201": _json("DeliveryRecorded", "recorded; the case with its rebased clocks"),
         **_err("BadRequest", "Unauthorized", "Forbidden", "NotFound", "Conflict", "Invalid")},
        description=DESCRIPTION, parameters=[REFERENCE, LETTER_ID],
        requestBody={"required": True, "content": {"application/json": {"schema": ref("DeliveryInput")}}})}}
