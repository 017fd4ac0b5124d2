"""OpenAPI of issue 5 §1 and §4: released documents, letter drafts and their sign-off.

Merged into the document by ``app.openapi``; enums come from the code that enforces them.
"""
from app.strict_values import MAX_NUMBER
from app.openapi.paths import (ACCESS_CODE, PREFIX, PUBLIC, REFERENCE, STAFF, TRIGGERS, _err, _json, _op, _param,
                               action_path)
from app.openapi.schemas import INSTANT, NULLABLE_STRING, obj, ref
from app.models.letter_draft import DraftStatus
from app.services.letter_facts import LETTER_KINDS
from workflows.delivery import FIELDS as DELIVERY_FIELDS
from workflows.statute import GROUNDS

DOCUMENT_ID = _param("document_id", schema={"type": "integer"})
DRAFT_ID = _param("draft_id", schema={"type": "integer"})
FILE = {"description": "the file as stored", "content": {"application/octet-stream": {"schema": {
    "type": "string", "contentMediaType": "application/octet-stream"}}}}
DRAFT_PDF = {"description": "the letter as it would be issued now, marked as a draft (not stored)",
             "content": {"application/pdf": {"schema": {"type": "string", "contentMediaType": "application/pdf"}}}}
NOT_FOUND_PUBLIC = _json("Error", "unknown reference, wrong access code or no such released document (one answer)")
DELIVERY_NAMES = sorted({name for fields in DELIVERY_FIELDS.values() for name in fields})

DOCUMENT = obj({
    "id": {"type": "integer"}, "name": {"type": "string"}, "content_type": {"type": "string"},
    "size": {"type": "integer", "description": "bytes"}, "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
    "uploaded_at": INSTANT, "released_at": {"type": ["string", "null"], "description": "UTC; null until released"},
    "url": {"type": "string"},
}, required=("id", "sha256"), description="A document released (or to be released) with the answer (art. 14, 18)")

STATUS_DOCUMENT = obj({
    "id": {"type": "integer"}, "name": {"type": "string"}, "content_type": {"type": "string"},
    "size": {"type": "integer"}, "sha256": {"type": "string"}, "released_at": INSTANT,
    "url": {"type": "string", "description": "GET with the same X-Access-Code; the download is recorded"},
}, required=("id", "name", "sha256", "url"))

WITHHELD = obj({"part": {"type": "string", "minLength": 1, "maxLength": 500, "description": "what was withheld"},
                "ground": {"type": "string", "enum": list(GROUNDS)}}, required=("part", "ground"),
               description="a withheld part of a partial grant and its ground (art. 18)")

DELIVERY = obj({
    "place": {"type": "string", "maxLength": 300,
              "description": "paper copy: where to collect it; consultation: where"},
    "date": {"type": "string", "format": "date", "description": "a working day from the answer's date on "
                                                                "(paper copy: ready from; consultation: the day)"},
    "time": {"type": "string", "pattern": r"^([01]\d|2[0-3]):[0-5]\d$", "description": "consultation only"},
    "hours": {"type": "string", "maxLength": 120, "description": "paper copy only: opening hours"},
    "copying_cost": {"type": ["string", "number"], "description": "paper copy: dirhams (art. 5); access is free"},
    "sending_cost": {"type": ["string", "number"], "description": "paper copy: dirhams (art. 5)"},
}, description="how a grant delivers, per the form of access asked for (art. 14): paper copy "
               "(place, date required) or on-site consultation (place, date, time required); nothing for an "
               "electronic copy, which releases documents", closed=True)

DRAFT = obj({
    "id": {"type": "integer"}, "reference": {"type": "string"}, "trigger": {"type": "string"},
    "letter_kind": {"type": "string", "enum": list(LETTER_KINDS)},
    "status": {"type": "string", "enum": [s.value for s in DraftStatus]},
    "payload": {"type": "object", "description": "the action's payload, as written"},
    "author": NULLABLE_STRING, "approver_role": NULLABLE_STRING, "approver": NULLABLE_STRING,
    "rejection_reason": NULLABLE_STRING, "created_at": INSTANT, "updated_at": INSTANT,
    "submitted_at": {"type": ["string", "null"]}, "decided_at": {"type": ["string", "null"]},
    "url": {"type": "string"}, "preview_url": {"type": "string", "description": "the draft PDF"},
    "due_date": {"type": ["string", "null"], "format": "date", "description": "approvals queue: the case's deadline"},
    "working_days_left": {"type": ["integer", "null"]}, "overdue": {"type": "boolean"},
}, required=("id", "reference", "trigger", "letter_kind", "status"),
    description="A letter before it is issued: draft → submitted → issued (approved) or rejected; cancelled")

SCHEMAS = {
    "Document": DOCUMENT, "StatusDocument": STATUS_DOCUMENT, "WithheldPart": WITHHELD, "Delivery": DELIVERY,
    "Draft": DRAFT,
    "DraftList": obj({"items": {"type": "array", "items": ref("Draft")}}),
    "ApprovalList": obj({"items": {"type": "array", "items": ref("Draft")}, "total": {"type": "integer"},
                         "page": {"type": "integer"}, "per_page": {"type": "integer"}}),
    "DraftWrite": obj({"trigger": {"type": "string", "description": "an action that issues a letter"},
                       "payload": {"type": "object", "description": "the action's payload (see the *Payload schemas)"}},
                      required=("trigger",), closed=True),
    "Rejection": obj({"reason": {"type": "string", "minLength": 1, "maxLength": 2000}}, required=("reason",),
                     closed=True),
}

def paths() -> dict:
    """The paths of released documents, drafts and sign-off."""
    multipart = {"required": True, "content": {"multipart/form-data": {"schema": obj(
        {"file": {"type": "string", "contentMediaType": "application/octet-stream"}}, required=("file",),
        closed=True)}}}
    return {
        f"{PREFIX}/cases/{{reference}}/documents": {"post": _op(
            "Add a document to release with the answer (checked by content; PDF, office, image, CSV)", STAFF,
            {"201": _json("Document", "stored: its id and SHA-256"),
             **_err("Unauthorized", "Forbidden", "NotFound", "Invalid")},
            parameters=[REFERENCE], requestBody=multipart)},
        f"{PREFIX}/cases/{{reference}}/documents/{{document_id}}": {
            "get": _op("A document of the case, as stored", STAFF,
                       {"200": FILE, **_err("Unauthorized", "Forbidden", "NotFound")},
                       parameters=[REFERENCE, DOCUMENT_ID]),
            "delete": _op("Remove a document not yet released (a released one never changes)", STAFF,
                          {"204": {"description": "removed"},
                           **_err("Unauthorized", "Forbidden", "NotFound", "Conflict")},
                          parameters=[REFERENCE, DOCUMENT_ID])},
        f"{PREFIX}/status/{{reference}}/documents/{{document_id}}": {"get": _op(
            "A document released to the applicant (the download is recorded on the timeline)", PUBLIC,
            {"200": FILE, "404": NOT_FOUND_PUBLIC}, parameters=[REFERENCE, DOCUMENT_ID, ACCESS_CODE])},
        f"{PREFIX}/cases/{{reference}}/letters/draft": {"get": _op(
            "The open draft of a letter kind, rendered now as PDF marked as a draft", STAFF,
            {"200": DRAFT_PDF, **_err("Unauthorized", "Forbidden", "NotFound", "Invalid")},
            parameters=[REFERENCE, {**_param("kind", "query", {"type": "string", "enum": list(LETTER_KINDS)}),
                                    "required": True}])},
        f"{PREFIX}/cases/{{reference}}/drafts": {
            "get": _op("The case's letter drafts, the latest first", STAFF,
                       {"200": _json("DraftList", "the drafts"), **_err("Unauthorized", "Forbidden", "NotFound")},
                       parameters=[REFERENCE]),
            "post": _op("Write the draft of an action's letter (shape only is checked until it is submitted)", STAFF,
                        {"201": _json("Draft", "written"), "200": _json("Draft", "rewritten"),
                         **_err("BadRequest", "Unauthorized", "Forbidden", "NotFound", "Conflict", "Invalid")},
                        parameters=[REFERENCE],
                        requestBody={"required": True,
                                     "content": {"application/json": {"schema": ref("DraftWrite")}}})},
        f"{PREFIX}/cases/{{reference}}/drafts/{{draft_id}}": {"get": _op(
            "One draft", STAFF, {"200": _json("Draft", "the draft"), **_err("Unauthorized", "Forbidden", "NotFound")},
            parameters=[REFERENCE, DRAFT_ID])},
        f"{PREFIX}/cases/{{reference}}/drafts/{{draft_id}}/{{step}}": {"post": _op(
            "submit (issued at once, or sent for sign-off), approve (fires the action and issues the letter), "
            "reject (back to its author, with a reason) or discard", STAFF,
            {"200": _json("Draft", "done: the draft"),
             **_err("BadRequest", "Unauthorized", "Forbidden", "NotFound", "Conflict", "Invalid")},
            parameters=[REFERENCE, DRAFT_ID,
                        _param("step", schema={"type": "string", "enum": ["submit", "approve", "reject", "discard"]})],
            requestBody={"required": False, "description": "reject: the reason",
                         "content": {"application/json": {"schema": ref("Rejection")}}})},
        f"{PREFIX}/approvals": {"get": _op(
            "Drafts awaiting my sign-off, the most urgent deadline first (the clock keeps running)", STAFF,
            {"200": _json("ApprovalList", "one page"), **_err("Unauthorized", "Forbidden", "Invalid")},
            parameters=[_param("page", "query", {"type": "integer", "minimum": 1, "maximum": MAX_NUMBER, "default": 1}),
                        _param("per_page", "query",
                               {"type": "integer", "minimum": 1, "maximum": 100, "default": 20})])},
    }


def extend(document: dict) -> dict:
    """Merge these paths and schemas into ``document``, with what the answer, status, case and actions gain."""
    document["paths"].update(paths())
    schemas = document["components"]["schemas"]
    schemas.update(SCHEMAS)
    schemas["Status"]["properties"]["documents"] = {"type": "array", "items": ref("StatusDocument")}
    schemas["Case"]["properties"].update(
        documents={"type": "array", "items": ref("Document")},
        withheld={"type": "array", "items": ref("WithheldPart")}, delivery={"type": "object"})
    for trigger in TRIGGERS:
        action = document["paths"][action_path(trigger)]["post"]
        action["responses"]["202"] = _json("Draft", "the letter awaits a sign-off (LETTER_SIGNOFF): the action is "
                                                    "kept as a submitted draft and taken when it is approved")
    return document
