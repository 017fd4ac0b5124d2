"""The OpenAPI 3.1 document of API v1, served at ``/api/v1/openapi.json``.

Enums (channels, access forms, outcomes, grounds, decisions, states, triggers) are
read from ``workflows`` and the services, so the document cannot drift from the
rules the API enforces.
"""
from app.openapi import delivery_paths, messages
from app.openapi import deliver
from app.openapi import disclosure
from app.openapi import remedies
from app.openapi.guards import GUARD_RESPONSES, with_guard_responses
from app.openapi import statistics
from app.openapi.paths import paths
from app.openapi.receipt_paths import receipt_paths
from app.openapi.schemas import SCHEMAS

RESPONSES = {
    "BadRequest": ("the body is not a JSON object", "Error"),
    "Unauthorized": ("missing, invalid or revoked bearer token", "Error"),
    "Forbidden": ("the user's role or unit may not do this", "Error"),
    "NotFound": ("no such case (or letter)", "Error"),
    "Conflict": ("not allowed in this state or by the law now, or changed concurrently", "Error"),
    "Invalid": ("invalid fields: one message per field", "FieldErrors"),
    **GUARD_RESPONSES,
}


def document() -> dict:
    """The whole OpenAPI document as a JSON-ready dict."""
    document = remedies.extend(disclosure.extend(deliver.extend(_core())))
    document["paths"] = with_guard_responses(document["paths"])
    return document


def _core() -> dict:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Nafida API",
            "version": "1.0.0",
            "description": "Requests for access to information (Law No. 31.13) and complaints "
                           "(decree No. 2.17.265) of the Regional Council. Dates are Africa/Casablanca "
                           "local dates; instants are UTC.",
        },
        "servers": [{"url": "/"}],
        "paths": {**paths(), **messages.paths(), **statistics.paths(), **receipt_paths(),
                  **delivery_paths.paths()},
        "components": {
            "schemas": {**SCHEMAS, **messages.SCHEMAS, **statistics.SCHEMAS, **delivery_paths.SCHEMAS},
            "responses": {name: {"description": text,
                                 "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{s}"}}}}
                          for name, (text, s) in RESPONSES.items()},
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer",
                                           "description": "a token from /staff/tokens or `flask users token USERNAME`; "
                                                          "it expires (API_TOKEN_DAYS) and can be revoked"}},
        },
    }
