"""OpenAPI of the disclosure log (art. 10): publish or withhold an answer, and where it stands.

Merged into the document by ``app.openapi``; the states and the grounds come from the
code that enforces them (``workflows.disclosure``, ``workflows.statute``).
"""
from app.openapi.paths import PREFIX, REFERENCE, STAFF, _err, _json, _op
from app.openapi.schemas import NULLABLE_DATE, NULLABLE_STRING, PAYLOADS, obj, ref
from app.services.disclosures import TREATMENTS
from workflows.disclosure import PublicationState
from workflows.statute import REDACTION_GROUNDS

NULLABLE_INSTANT = {"type": ["string", "null"], "format": "date-time", "description": "UTC, ISO-8601 with Z"}
REDACTION = obj({"page": {"type": "integer", "minimum": 1},
                 "box": {"type": "array", "items": {"type": "number"}, "minItems": 4, "maxItems": 4,
                         "description": "left, top, right, bottom: PDF points (images: pixels) from the top-left"},
                 "ground": {"type": "string", "enum": list(REDACTION_GROUNDS)},
                 "article": {"type": "string"}}, required=("page", "box", "ground"))

SCHEMAS = {
    "Publication": obj({
        "reference": {"type": "string"},
        "eligible": {"type": "boolean", "description": "a granted or partly granted answer (only those are published)"},
        "status": {"type": ["string", "null"], "enum": [s.value for s in PublicationState] + [None]},
        "due_on": {**NULLABLE_DATE, "description": "published from this Casablanca date unless withheld: "
                                                   "DISCLOSURE_DELAY_WORKING_DAYS after the answer letter's date"},
        "title": NULLABLE_STRING, "summary": NULLABLE_STRING, "summary_reviewed_at": NULLABLE_INSTANT,
        "published_at": NULLABLE_INSTANT, "withheld_at": NULLABLE_INSTANT, "withheld_reason": NULLABLE_STRING,
        "public_url": {"type": ["string", "null"], "description": "GET /disclosures/{reference} once published"},
        "files": {"type": "array", "items": obj({
            "position": {"type": "integer"}, "released_document_id": {"type": ["integer", "null"]},
            "content_type": {"type": "string"}, "treatment": {"type": "string", "enum": list(TREATMENTS)},
            "boxes": {"type": "integer"}, "published": {"type": "boolean"},
            "sha256": {"type": ["string", "null"], "description": "of the published (redacted) copy"},
            "redaction_log": {"type": ["array", "null"], "items": ref("Redaction")}})},
    }, required=("reference", "eligible", "status", "due_on"),
        description="An answer's entry on the disclosure log (not a workflow state: the case's state never moves)"),
    "Redaction": REDACTION,
    "PublishPayload": PAYLOADS["PublishPayload"], "WithholdPayload": PAYLOADS["WithholdPayload"],
    "PublicationRefused": obj({"error": {"type": "string", "const": "publication_refused"},
                               "reason": {"type": "string"},
                               "problems": {"type": "object", "description": "file position → why it cannot go",
                                            "additionalProperties": {"type": "object"}}},
                              required=("error", "reason", "problems")),
}


def paths() -> dict:
    """The publication paths (staff: designated officers, supervisors, administrators act; all read)."""
    errors = _err("Unauthorized", "Forbidden", "NotFound", "Conflict", "Invalid")
    return {
        f"{PREFIX}/cases/{{reference}}/publication": {"get": _op(
            "Where the answer stands on the disclosure log", STAFF,
            {"200": _json("Publication", "the entry, or the planned one"),
             **_err("Unauthorized", "Forbidden", "NotFound")}, parameters=[REFERENCE])},
        f"{PREFIX}/cases/{{reference}}/actions/publish": {"post": _op(
            "Publish a granted or partly granted answer on the disclosure log now (files redacted as marked); "
            "409 publication_refused when a file still holds the applicant's identity", STAFF,
            {"200": _json("Publication", "published"), **errors,
             "409": _json("PublicationRefused", "already published, or a file cannot be published as it stands")},
            parameters=[REFERENCE],
            requestBody={"required": False, "content": {"application/json": {"schema": ref("PublishPayload")}}})},
        f"{PREFIX}/cases/{{reference}}/actions/withhold_publication": {"post": _op(
            "Mark the answer \"not for publication\" with a reason (takes it off the log if published)", STAFF,
            {"200": _json("Publication", "withheld"), **_err("BadRequest"), **errors},
            parameters=[REFERENCE],
            requestBody={"required": True, "content": {"application/json": {"schema": ref("WithholdPayload")}}})},
    }


def extend(document: dict) -> dict:
    """Merge these paths and schemas into ``document``."""
    document["paths"].update(paths())
    document["components"]["schemas"].update(SCHEMAS)
    return document
