"""The answers every operation may give whatever its own logic: 415 (not JSON), 422 (a query parameter
or a body field the document does not declare) and 429 (throttled).

Added to the paths of ``app.openapi.paths`` by ``with_guard_responses``, so the
document states what ``app.views.api_guard`` and ``app.rate_limits`` enforce.
"""
GUARD_RESPONSES = {
    "UnsupportedMediaType": ("the body was not sent as application/json", "Error"),
    "TooManyRequests": ("too many attempts from this address: wait and try again (Retry-After)", "Error"),
}
OPEN_TO_ALL = "/api/v1/openapi.json"   # the one public operation without a limit


def with_guard_responses(paths: dict) -> dict:
    """``paths`` with 422 on every operation, 415 on each taking a body, 429 on each throttled public one."""
    for path, operations in paths.items():
        for operation in operations.values():
            responses = operation["responses"]
            responses.setdefault("422", {"$ref": "#/components/responses/Invalid"})
            if "requestBody" in operation:
                responses.setdefault("415", {"$ref": "#/components/responses/UnsupportedMediaType"})
            if not operation.get("security") and path != OPEN_TO_ALL:
                responses.setdefault("429", {"$ref": "#/components/responses/TooManyRequests"})
    return paths
