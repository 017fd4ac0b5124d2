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
    "DeliveryCorrection": obj({
        "delivered_on": {**DATE, "description": "the corrected date: not before the letter's issue, not in the "
                                                "future"},
        "method": {"type": "string", "enum": list(STAFF_METHODS)},
        "reason": {"type": "string", "minLength": 1, "maxLength": 1000, "pattern": "\\S",
                   "description": "why the entry is corrected (kept on the timeline with the old values)"},
    }, required=("delivered_on", "method", "reason"), closed=True),
    "DeliveryRecorded": obj({"delivery": ref("LetterDelivery"), "case": ref("Case")}, required=("delivery", "case")),
}

DESCRIPTION = (
    "Records how a letter reached the applicant, by post (the date on the delivery notice) or by hand (the day it "
    "was handed over). The windows that run from the applicant's receipt of that letter — the complaint to the head "
    "of the body after an answer (art. 19), the CDAI after the head's decision (art. 20) — then start on that date "
    "(their clocks leave the status awaiting_delivery). A delivery is final: a second one answers 409 "
    "delivery_already_recorded, also when the e-mail or the portal already delivered the letter; re-sending or "
    "regenerating a letter never moves a clock.")


CORRECTION = (
    "A supervisor or administrator corrects a delivery that staff recorded (post or hand), e.g. a mistyped date "
    "from the delivery notice; the reason and the old values are kept on the timeline. The windows that run from "
    "that delivery are counted again from the corrected date, as the first entry started them. 409 "
    "delivery_not_recorded (record it with POST first), delivery_unchanged (the method and date already "
    "recorded: no event is written), delivery_automatic (an e-mail or portal delivery, recorded "
    "by the system at the sending moment), delivery_window_used (the applicant already used a window that ran "
    "from it, e.g. a complaint to the head or to the CDAI was recorded, or it has ended); 403 for other staff.")


def paths() -> dict:
    """The delivery path with its operations: record (POST), correct (PUT)."""
    errors = _err("BadRequest", "Unauthorized", "Forbidden", "NotFound", "Conflict", "Invalid")
    return {f"{PREFIX}/cases/{{reference}}/letters/{{letter_id}}/delivery": {
        "post": _op("Record a letter's delivery by post or by hand", STAFF,
                    {"201": _json("DeliveryRecorded", "recorded; the case with its rebased clocks"), **errors},
                    description=DESCRIPTION, parameters=[REFERENCE, LETTER_ID],
                    requestBody={"required": True, "content": {"application/json": {"schema": ref("DeliveryInput")}}}),
        "put": _op("Correct a letter's delivery recorded by staff", STAFF,
                   {"200": _json("DeliveryRecorded", "corrected; the case with its rebased clocks"), **errors},
                   description=CORRECTION, parameters=[REFERENCE, LETTER_ID],
                   requestBody={"required": True,
                                "content": {"application/json": {"schema": ref("DeliveryCorrection")}}})}}
