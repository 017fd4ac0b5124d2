"""OpenAPI paths of API v1: one entry per route of the ``api`` blueprint."""
from app.openapi.schemas import ref
from app.services.action_payloads import SCHEMAS as ACTION_SCHEMAS
from app.services.action_payloads import schema_name
from app.openapi.search_paths import ACTION_DESCRIPTIONS, search_parameters, search_paths
from app.services.action_rules import ACTORS, SYSTEM
from workflows.kinds import KINDS, all_triggers
from app.services.status import APPLICANT_TRIGGERS

PREFIX = "/api/v1"
# Triggers a person may fire through the API (the sweep's own are left out).
TRIGGERS = [t for t in all_triggers()
            if ACTORS.get(t, set()) - {SYSTEM}]
STAFF = [{"bearer": []}]
PUBLIC: list = []


def _json(schema_name: str, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": ref(schema_name)}}}


def _err(*names) -> dict:
    codes = {"BadRequest": "400", "Unauthorized": "401", "Forbidden": "403", "NotFound": "404",
             "Conflict": "409", "Invalid": "422"}
    return {codes[n]: {"$ref": f"#/components/responses/{n}"} for n in names}


def _param(name: str, where: str = "path", schema: dict | None = None, description: str = "") -> dict:
    out = {"name": name, "in": where, "required": where == "path", "schema": schema or {"type": "string"}}
    return {**out, "description": description} if description else out


def _body(*schemas: str, description: str = "", combine: str = "oneOf") -> dict:
    schema = ref(schemas[0]) if len(schemas) == 1 else {combine: [ref(s) for s in schemas]}
    return {"required": True, "description": description,
            "content": {"application/json": {"schema": schema}}}


def _op(summary: str, security: list, responses: dict, **extra) -> dict:
    return {"summary": summary, "security": security, "responses": responses, **extra}


ACCESS_CODE = _param("X-Access-Code", "header", description="the access code given at submission")
ACCESS_CODE["required"] = True
REFERENCE = _param("reference", description="reference number, e.g. DAI-2025-000001")
LETTER_ID = _param("letter_id", schema={"type": "integer"})
PDF = {"description": "the letter as issued", "content": {"application/pdf": {"schema": {
    "type": "string", "contentMediaType": "application/pdf"}}}}
NOT_FOUND_PUBLIC = _json("Error", "unknown reference or wrong access code (one answer for both)")


def _public() -> dict:
    return {
        f"{PREFIX}/requests": {"post": _op(
            "Submit an information request (art. 14)", PUBLIC,
            {"201": _json("Registered", "registered"), **_err("BadRequest", "Invalid")},
            requestBody=_body("InformationRequest"))},
        f"{PREFIX}/complaints": {"post": _op(
            "Submit a complaint, observation or proposal (decree 2.17.265)", PUBLIC,
            {"201": _json("Registered", "registered"), **_err("BadRequest", "Invalid")},
            requestBody=_body("Complaint"))},
        f"{PREFIX}/status/{{reference}}": {"get": _op(
            "Status of a case, for the applicant (no personal data)", PUBLIC,
            {"200": _json("Status", "the status-page facts"), "404": NOT_FOUND_PUBLIC},
            parameters=[REFERENCE, ACCESS_CODE])},
        f"{PREFIX}/status/{{reference}}/actions/{{trigger}}": {"post": _op(
            "The applicant acts: complaint to the head of the body (art. 19), reopen, withdraw", PUBLIC,
            {"200": _json("Status", "done: the new status facts"), "404": NOT_FOUND_PUBLIC,
             **_err("BadRequest", "Conflict")},
            parameters=[REFERENCE, _param("trigger", schema={"type": "string", "enum": list(APPLICANT_TRIGGERS)}),
                        ACCESS_CODE],
            requestBody={**_body("ApplicantNote"), "required": False})},
        f"{PREFIX}/status/{{reference}}/rating": {"post": _op(
            "The complainant rates the answer to a complaint", PUBLIC,
            {"200": _json("Status", "rated: the new status facts"), "404": NOT_FOUND_PUBLIC,
             **_err("BadRequest", "Conflict", "Invalid")},
            parameters=[REFERENCE, ACCESS_CODE],
            requestBody=_body("Rating"))},
        f"{PREFIX}/status/{{reference}}/letters/{{letter_id}}": {"get": _op(
            "A letter addressed to the applicant", PUBLIC, {"200": PDF, "404": NOT_FOUND_PUBLIC},
            parameters=[REFERENCE, LETTER_ID, ACCESS_CODE])},
        f"{PREFIX}/openapi.json": {"get": _op(
            "This document", PUBLIC, {"200": {"description": "OpenAPI 3.1",
                                              "content": {"application/json": {"schema": {"type": "object"}}}}})},
    }


def _staff() -> dict:
    list_params = search_parameters()
    return {
        f"{PREFIX}/cases": {
            "post": _op("Register a case received by staff (counter, post, e-mail, portal)", STAFF,
                        {"201": _json("Registered", "registered"),
                         **_err("BadRequest", "Unauthorized", "Forbidden", "Invalid")},
                        requestBody=_body("StaffInformationRequest", "StaffComplaint")),
            "get": _op("Search and list the cases the user may see (officers: their unit); bounded total", STAFF,
                       {"200": _json("CaseList", "one page"), **_err("Unauthorized", "Invalid")},
                       parameters=list_params),
        },
        f"{PREFIX}/cases/{{reference}}": {"get": _op(
            "A case with its party, clocks, timeline and letters", STAFF,
            {"200": _json("Case", "the case"), **_err("Unauthorized", "Forbidden", "NotFound")},
            parameters=[REFERENCE])},
        **{action_path(t): {"post": _action(t)} for t in TRIGGERS},
        f"{PREFIX}/cases/{{reference}}/letters/{{letter_id}}": {"get": _op(
            "An issued letter of the case", STAFF,
            {"200": PDF, **_err("Unauthorized", "Forbidden", "NotFound")},
            parameters=[REFERENCE, LETTER_ID])},
    }


def action_path(trigger: str) -> str:
    """The path of one action: ``POST /api/v1/cases/{reference}/actions/<trigger>`` (one route serves them all)."""
    return f"{PREFIX}/cases/{{reference}}/actions/{trigger}"


def _action(trigger: str) -> dict:
    """One action's operation, with its payload schema (one per case kind where they differ, e.g. answer)."""
    names = list(dict.fromkeys(n for n in (schema_name(kind, trigger) for kind in KINDS) if n))
    required = any(ACTION_SCHEMAS[n].get("required") for n in names)
    return _op(f"Fire the action '{trigger}' on the case", STAFF,
               {"200": _json("Case", "done: the case in its new state"),
                **_err("BadRequest", "Unauthorized", "Forbidden", "NotFound", "Conflict", "Invalid")},
               description=f"{ACTION_DESCRIPTIONS.get(trigger, '')} 409 when the case's kind, state or the law "
                           "does not allow it now; 422 with one message per field when the payload does not fit "
                           "its schema or the law (app.services.action_payloads).".strip(),
               parameters=[REFERENCE],
               requestBody={**_body(*names, description=" / ".join(ACTION_SCHEMAS[n].get("description", "")
                                                                    for n in names)), "required": required})


def paths() -> dict:
    """Every path of the API with its operations."""
    return {**_public(), **_staff(), **search_paths()}
