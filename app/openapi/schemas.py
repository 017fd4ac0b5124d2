"""OpenAPI component schemas of API v1, with every enum taken from the code that enforces it."""
import copy

from app.models.case import CaseKind
from app.models.party import APPLICANT_TYPES
from app.services.cases import RATING_RANGE
from workflows.kinds import all_states
from app.services.action_payloads import SCHEMAS as ACTION_SCHEMAS
from app.services.action_payloads import text as payload_text
from app.services.identity import ID_NUMBER_PATTERN
from app.services.intake import LANGUAGES, LIMITS
from workflows.statute import GROUNDS, PERIODS, AccessForm, Channel, ComplaintKind

# Digits of any script (read as ASCII), spaces and the usual separators; libphonenumber decides.
PHONE_PATTERN = r"^\+?[0-9\u0660-\u0669\u06F0-\u06F9 ()./-]{6,25}$"
STATES = sorted(all_states())
KINDS = [k.value for k in CaseKind]


def ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def text(name: str, description: str = "", required: bool = True) -> dict:
    """A text field of intake: its length limit, no control characters, not blank (the same rules as intake)."""
    out = payload_text(LIMITS.get(name, 1000), description, required=required)
    return out if required else {**out, "type": ["string", "null"]}   # optional: absent, null or blank


def obj(properties: dict, required=(), description: str = "", closed: bool = False) -> dict:
    out = {"type": "object", "properties": properties}
    if required:
        out["required"] = list(required)
    if description:
        out["description"] = description
    if closed:
        out["additionalProperties"] = False
    return out


def enum(values, description: str = "") -> dict:
    out = {"type": "string", "enum": list(values)}
    return {**out, "description": description} if description else out


NULLABLE_STRING = {"type": ["string", "null"]}
NULLABLE_DATE = {"type": ["string", "null"], "format": "date"}
INSTANT = {"type": "string", "format": "date-time", "description": "UTC, ISO-8601 with Z"}
LABEL = obj({"ar": {"type": "string"}, "fr": {"type": "string"}})

PARTY = obj({
    "applicant_type": {**enum(APPLICANT_TYPES, "a natural person, or an organisation (art. 4) acting through its "
                                               "representative, whose name and card number are first_name, "
                                               "last_name and id_number"), "default": "person"},
    "organisation_name": {**text("organisation_name", "required for an organisation"), "type": ["string", "null"]},
    "registration_number": {**text("registration_number", "an organisation's RC, ICE or association number"),
                            "type": ["string", "null"]},
    "first_name": text("first_name"), "last_name": text("last_name"),
    "id_number": {**text("id_number", "CNIE or residence-card number (art. 14), stored upper-case without "
                                      "spaces; digits of any script are read as ASCII digits"),
                  "pattern": ID_NUMBER_PATTERN},
    "address": text("address"),
    # Optional contact details: absent, null or empty when not given (a case without them shows null).
    "email": {"anyOf": [{"type": "null"}, {"type": "string", "maxLength": 0},
                        {"type": "string", "format": "email", "maxLength": LIMITS["email"]}],
              "description": "an internationalised domain is accepted (sent in its IDNA form); the part before @ "
                             "must be ASCII"},
    "phone": {"anyOf": [{"type": "null"}, {"type": "string", "maxLength": 0},
                        {"type": "string", "pattern": PHONE_PATTERN, "maxLength": LIMITS["phone"]}],
              "description": "parsed with libphonenumber, Morocco (+212) by default; stored and returned as E.164"},
}, required=("first_name", "last_name", "id_number", "address"), description="Identity and contact (art. 14)",
    closed=True)
PARTY["if"] = {"properties": {"applicant_type": {"const": "organisation"}}, "required": ["applicant_type"]}
PARTY["then"] = {"required": ["organisation_name"], "properties": {"organisation_name": {"type": "string"}}}

INFORMATION_REQUEST = obj({
    "applicant": ref("Party"),
    "information_requested": text("information_requested"),
    "urgent": {"type": "boolean", "default": False, "description": "art. 17: life, safety or freedom"},
    "urgency_reason": text("urgency_reason", "required when urgent", required=False),
    "access_form": enum((f.value for f in AccessForm), "preferred form of access (art. 14)"),
    "language": {**enum(LANGUAGES, "language of correspondence"), "default": "ar"},
}, required=("applicant", "information_requested", "access_form"), closed=True)
# An urgent request states why (art. 17).
INFORMATION_REQUEST.update({"if": {"properties": {"urgent": {"const": True}}, "required": ["urgent"]},
                            "then": {"properties": {"urgency_reason": text("urgency_reason")},
                                     "required": ["urgency_reason"]}})

COMPLAINT = obj({
    "complainant": ref("Party"),
    "kind": enum(k.value for k in ComplaintKind),
    "category": {"type": "string", "maxLength": LIMITS["category"], "default": "other",
                 "description": "code of an active complaint category (GET /api/v1/complaint-categories)"},
    "subject": text("subject"), "description": text("description"),
    "language": {**enum(LANGUAGES), "default": "ar"},
}, required=("complainant", "kind", "subject", "description"), closed=True)

STAFF_FIELDS = {
    "channel": enum((c.value for c in Channel), "where the case was received"),
    "received_at": {"type": "string", "format": "date-time",
                    "description": "actual moment of receipt (may be past), with Z or an offset (a bare time is refused); default now"},
    "email_verified": {"type": "boolean", "default": False,
                       "description": "staff saw the applicant prove the e-mail address: no confirmation link is sent"},
}


def staff_registration(kind: str, body: dict) -> dict:
    """The public ``body`` schema with the staff's fields (``type``, ``channel`` …), closed like it.

    One flat object rather than ``allOf``: with ``additionalProperties: false`` each part of an
    ``allOf`` would refuse the other's fields.
    """
    out = copy.deepcopy(body)
    out["properties"] = {"type": {"const": kind}, **STAFF_FIELDS, **out["properties"]}
    out["required"] = ["type", "channel", *out.get("required", ())]
    return out


REGISTERED = obj({
    "reference": {"type": "string", "pattern": r"^[A-Z]{2,8}-\d{4}-\d{6}$"},
    "access_code": {"type": "string", "description": "shown once; needed for the status lookup"},
    "kind": enum(KINDS), "state": enum(STATES), "received_at": INSTANT,
    "due_date": {**NULLABLE_DATE, "description": "last day of the answer clock (Africa/Casablanca)"},
    "status_url": {"type": "string"}, "receipt_url": NULLABLE_STRING,
    "url": {"type": "string", "description": "staff registration only: the case"},
}, required=("reference", "access_code", "state", "received_at", "due_date"))

CLOCK = obj({
    "period": enum(PERIODS), "article": {"type": "string"}, "counting": enum(("working", "calendar")),
    "days": {"type": "integer"}, "label": LABEL,
    "started_on": {**NULLABLE_DATE, "description": "day 0 (Africa/Casablanca); null while awaiting delivery"},
    "due_on": {**NULLABLE_DATE, "description": "null while awaiting delivery"},
    "last_day": {**NULLABLE_DATE, "description": "null while awaiting delivery"},
    "status": {**enum(("running", "met", "expired", "replaced", "awaiting_delivery")),
               "description": "awaiting_delivery: the window runs from the applicant's receipt of a letter whose "
                              "delivery is not recorded yet (LAW.md §4.5): no dates, never late"},
    "working_days_left": {"type": ["integer", "null"]}, "overdue": {"type": "boolean"},
    "days_left": {"type": ["integer", "null"], "description": "days left in the clock's own unit (counting)"},
    "extended_by": {"type": "integer", "minimum": 0, "description": "days an extension added (0: none)"},
    "provisional": {"type": "boolean", "description": "a running clock whose date depends on a holiday still "
                    "marked estimated (LAW.md §3): it may move when the official date is published"},
    "skipped": {"type": "array", "description": "the non-working weekdays (holidays, exceptional closures) "
                "the count passed over, by date; weekends are not listed",
                "items": obj({"date": {"type": "string", "format": "date"},
                              "name": {"type": "string", "description": "in the case's language"},
                              "label": LABEL})},
})

NEXT_STEP = {"oneOf": [{"type": "null"}, obj({
    "action": {"type": "string"}, "label": LABEL, "last_day": NULLABLE_DATE, "due_on": NULLABLE_DATE,
    "article": {"type": "string"},
    "starts_on_receipt": {"type": "boolean", "description": "the window starts when the applicant receives the "
                                                           "letter: no last date yet"}})]}

STATUS = obj({
    "reference": {"type": "string"}, "kind": enum(KINDS), "state": enum(STATES), "state_label": LABEL,
    "received_on": {"type": "string", "format": "date"}, "due_date": NULLABLE_DATE,
    "working_days_left": {"type": ["integer", "null"]}, "overdue": {"type": "boolean"},
    "days_left": {"type": ["integer", "null"], "description": "days left in the current clock's own unit"},
    "days_left_counting": {"oneOf": [{"type": "null"}, enum(("working", "calendar"))]},
    "clocks": {"type": "array", "items": ref("Clock")},
    "milestones": {"type": "array", "items": obj({"event": {"type": "string"}, "state": NULLABLE_STRING,
                                                   "on": {"type": "string", "format": "date"},
                                                   "label": LABEL})},
    "letters": {"type": "array", "items": obj({
        "id": {"type": "integer"}, "kind": {"type": "string"}, "language": enum(LANGUAGES), "label": LABEL,
        "issued_at": INSTANT, "url": {"type": "string", "description": "GET with the same X-Access-Code"}},
        required=("kind", "issued_at", "url"))},
    "next_step": NEXT_STEP, "applicant_actions": {"type": "array", "items": {"type": "string"}},
    "outcome": NULLABLE_STRING, "grounds": {"type": "array", "items": enum(GROUNDS)},
    "head_decision": NULLABLE_STRING, "rating": {"type": ["integer", "null"]},
}, description="What the applicant may see: no personal data")

ROW = obj({
    "reference": {"type": "string"}, "kind": enum(KINDS), "state": enum(STATES),
    "channel": enum(c.value for c in Channel), "unit": {"type": "string"}, "received_at": INSTANT,
    "assignee": NULLABLE_STRING, "due_date": NULLABLE_DATE, "working_days_left": {"type": ["integer", "null"]},
    "overdue": {"type": "boolean"}, "url": {"type": "string"},
    "urgent": {"type": "boolean", "description": "handled as urgent (art. 17)"}, "outcome": NULLABLE_STRING,
    "tags": {"type": "array", "items": {"type": "string"}},
})

EVENT = obj({
    "kind": {"type": "string"}, "trigger": NULLABLE_STRING, "from_state": NULLABLE_STRING,
    "to_state": NULLABLE_STRING, "actor": {"type": "string"}, "at": INSTANT, "reason": NULLABLE_STRING,
    "data": {"type": "object"},
})

LETTER = obj({"id": {"type": "integer"}, "kind": {"type": "string"}, "language": enum(LANGUAGES),
              "issued_at": INSTANT, "sha256": {"type": "string"}, "url": {"type": "string"},
              "delivery": {"oneOf": [{"type": "null"}, ref("LetterDelivery")],
                           "description": "how and when the applicant received it; null while not recorded"}})

CASE = obj({
    "reference": {"type": "string"}, "kind": enum(KINDS), "state": enum(STATES),
    "channel": enum(c.value for c in Channel), "language": enum(LANGUAGES), "unit": {"type": "string"},
    "received_at": INSTANT, "registered_at": INSTANT, "assignee": NULLABLE_STRING,
    "party": ref("Party"), "fields": {"type": "object", "description": "the request's or complaint's fields"},
    "answer": obj({"outcome": NULLABLE_STRING, "grounds": {"type": "array", "items": enum(GROUNDS)},
                   "text": NULLABLE_STRING, "answered_at": {"type": ["string", "null"]},
                   "extended": {"type": "boolean"}}),
    "head_decision": NULLABLE_STRING, "decided_at": {"type": ["string", "null"]},
    "competent_body": NULLABLE_STRING, "rating": {"type": ["integer", "null"]},
    "reopen_count": {"type": "integer"}, "closed_at": {"type": ["string", "null"]},
    "due_date": NULLABLE_DATE, "clocks": {"type": "array", "items": ref("Clock")}, "next_step": NEXT_STEP,
    "timeline": {"type": "array", "items": ref("TimelineEvent")},
    "letters": {"type": "array", "items": ref("Letter")},
    "available_actions": {"type": "array", "items": {"type": "string"}},
    "urgency_ruled_out_at": {"type": ["string", "null"], "description": "art. 17 ruling (urgent keeps the ask)"},
    "tags": {"type": "array", "items": {"type": "string"}},
    "links": {"type": "array", "items": obj({
        "reference": {"type": "string"}, "role": enum(("related", "duplicate_of", "duplicated_by")),
        "kind": enum(("related", "duplicate")), "url": {"type": "string"}})},
    "notes": {"type": "array", "description": "internal notes: staff only, never shown to the applicant",
              "items": obj({"at": INSTANT, "author": {"type": "string"}, "text": {"type": "string"}})},
})

# The action payloads: one schema per trigger, the very ones the service checks (app.services.action_payloads).
# A copy: the document may be extended without touching what the service validates with.
PAYLOADS = copy.deepcopy(ACTION_SCHEMAS)

APPLICANT_NOTE = obj({"text": {"type": "string", "description": "optional: why (kept on the timeline)"}},
                     closed=True)
RATING = obj({"rating": {"type": "integer", "minimum": RATING_RANGE.start, "maximum": RATING_RANGE.stop - 1}},
             required=("rating",), description="1 (poor) to 5 (very good)", closed=True)

# The one shape of every 4xx answer of the API; ``errors`` names each invalid field (422, some 400).
ERROR = obj({"error": {"type": "string", "description": "a code, e.g. not_found, invalid, conflict"},
             "reason": {"type": "string", "description": "a sentence saying why"},
             "errors": {"type": "object", "additionalProperties": {"type": "string"},
                        "description": "field name (dotted for nested fields) → message"}},
            required=("error", "reason"))
FIELD_ERRORS = {"allOf": [ref("Error")], "required": ["errors"], "description": "the Error shape with errors"}

SCHEMAS = {
    "Party": PARTY, "InformationRequest": INFORMATION_REQUEST, "Complaint": COMPLAINT,
    "StaffInformationRequest": staff_registration(CaseKind.INFORMATION_REQUEST.value, INFORMATION_REQUEST),
    "StaffComplaint": staff_registration(CaseKind.COMPLAINT.value, COMPLAINT),
    "Registered": REGISTERED, "Clock": CLOCK, "Status": STATUS, "CaseRow": ROW,
    "CaseList": obj({"items": {"type": "array", "items": ref("CaseRow")},
                     "total": {"type": "integer", "description": "counted up to 1,000"},
                     "total_exact": {"type": "boolean", "description": "false: more than 1,000 cases match"},
                     "page": {"type": "integer"}, "per_page": {"type": "integer"},
                     "next_cursor": NULLABLE_STRING, "next": {**NULLABLE_STRING,
                                                              "description": "the next page (keyset)"}}),
    "TimelineEvent": EVENT, "Letter": LETTER, "Case": CASE, **PAYLOADS,
    "ApplicantNote": APPLICANT_NOTE, "Rating": RATING, "Error": ERROR, "FieldErrors": FIELD_ERRORS,
}
