"""OpenAPI paths and schemas of the message thread (staff and applicant), merged into the document."""
from app.strict_values import MAX_NUMBER
from app.openapi.paths import ACCESS_CODE, NOT_FOUND_PUBLIC, PREFIX, PUBLIC, REFERENCE, STAFF, _err, _json, _op, _param
from app.openapi.schemas import INSTANT, NULLABLE_STRING, obj, ref
from workflows.clarification import ClarificationPolicy

PAGING = [_param("page", "query", {"type": "integer", "minimum": 1, "maximum": MAX_NUMBER, "default": 1}),
          _param("per_page", "query", {"type": "integer", "minimum": 1, "maximum": 100, "default": 20})]
POLICY = {"type": "string", "enum": [p.value for p in ClarificationPolicy],
          "description": "what a reply to a request for clarification does to the answer clock (LAW.md §4.7): "
                         "keep_running (default) or restart_on_reply (day 0 = the reply's Casablanca date)"}
BODY = {"type": "string", "minLength": 1, "description": "the message (at most MESSAGE_MAX_CHARS characters)"}

FILE = obj({"name": {"type": "string"}, "content_type": {"type": "string"}, "size": {"type": "integer"}},
           required=("name", "content_type", "size"))
STAFF_FILE = obj({**FILE["properties"], "id": {"type": "integer"}, "sha256": {"type": "string"},
                  "url": {"type": "string", "description": "the staff download (signed-in session)"}})
APPLICANT_MESSAGE = obj({
    "id": {"type": "integer"}, "sender": {"type": "string", "enum": ["staff", "applicant"]},
    "body": {"type": "string"}, "clarification": {"type": "boolean", "description": "a request for clarification"},
    "sent_at": INSTANT, "attachments": {"type": "array", "items": ref("MessageFile")},
}, required=("id", "sender", "body", "clarification", "sent_at"),
    description="What the applicant sees: no staff name, no internal field")
STAFF_MESSAGE = {"allOf": [ref("ApplicantMessage"), obj({
    "author": {**NULLABLE_STRING, "description": "username of the staff author"},
    "read_at": {"type": ["string", "null"], "description": "when the office read an applicant's message (UTC)"},
    "attachments": {"type": "array", "items": ref("StaffMessageFile")}})]}


def _list(item: str) -> dict:
    return obj({"items": {"type": "array", "items": ref(item)}, "total": {"type": "integer"},
                "page": {"type": "integer"}, "per_page": {"type": "integer"}, "clarification_policy": POLICY},
               required=("items", "total", "page", "per_page"), description="newest message first")


SCHEMAS = {
    "MessageFile": FILE, "StaffMessageFile": STAFF_FILE, "ApplicantMessage": APPLICANT_MESSAGE,
    "StaffMessage": STAFF_MESSAGE, "StaffMessageList": _list("StaffMessage"),
    "ApplicantMessageList": _list("ApplicantMessage"),
    "StaffMessageInput": obj({"body": BODY, "clarification": {
        "type": "boolean", "default": False,
        "description": "a request for clarification: only while the body must answer a request, one awaiting reply "
                       "at a time (409 otherwise); recorded on the timeline"}}, required=("body",), closed=True),
    "ApplicantMessageInput": obj({"body": BODY}, required=("body",), closed=True),
}

_APPLICANT_BODY = {"required": True, "content": {
    "application/json": {"schema": ref("ApplicantMessageInput")},
    "multipart/form-data": {"schema": obj({"body": BODY, "attachments": {
        "type": "array", "items": {"type": "string", "contentMediaType": "application/octet-stream"},
        "description": "PDF, PNG or JPEG, checked by content; MESSAGE_MAX_ATTACHMENTS files of "
                       "MAX_ATTACHMENT_BYTES at most"}}, required=("body",), closed=True)}}}


def paths() -> dict:
    """The thread's paths: staff (bearer) and applicant (access code, throttled like the status lookup)."""
    return {
        f"{PREFIX}/cases/{{reference}}/messages": {
            "get": _op("The case's message thread (reading it here marks nothing read)", STAFF,
                       {"200": _json("StaffMessageList", "one page"),
                        **_err("Unauthorized", "Forbidden", "NotFound", "Invalid")},
                       parameters=[REFERENCE, *PAGING]),
            "post": _op("Write to the applicant, or ask them to clarify the request (the assigned officer "
                        "or a supervisor); the applicant is e-mailed that a message awaits", STAFF,
                        {"201": _json("StaffMessage", "sent"),
                         **_err("BadRequest", "Unauthorized", "Forbidden", "NotFound", "Conflict", "Invalid")},
                        parameters=[REFERENCE],
                        requestBody={"required": True, "content": {"application/json": {
                            "schema": ref("StaffMessageInput")}}}),
        },
        f"{PREFIX}/status/{{reference}}/messages": {
            "get": _op("The applicant's view of the thread", PUBLIC,
                       {"200": _json("ApplicantMessageList", "one page"), "404": NOT_FOUND_PUBLIC,
                        **_err("Invalid")},
                       parameters=[REFERENCE, ACCESS_CODE, *PAGING]),
            "post": _op("The applicant writes (a reply to a request for clarification may restart the answer "
                        "clock, per the policy)", PUBLIC,
                        {"201": _json("ApplicantMessage", "sent"), "404": NOT_FOUND_PUBLIC,
                         **_err("BadRequest", "Conflict", "Invalid")},
                        parameters=[REFERENCE, ACCESS_CODE], requestBody=_APPLICANT_BODY),
        },
    }
