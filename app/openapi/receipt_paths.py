"""OpenAPI path of the applicant's receipt copy (``app.views.api_receipt``)."""
from app.openapi.paths import ACCESS_CODE, NOT_FOUND_PUBLIC, PREFIX, PUBLIC, REFERENCE, _op

RECEIPT_PDF = {"description": "the acknowledgment receipt, printing the access code (rendered now, never stored)",
               "content": {"application/pdf": {"schema": {"type": "string", "contentMediaType": "application/pdf"}}}}


def receipt_paths() -> dict:
    """The receipt path with its operation."""
    return {f"{PREFIX}/status/{{reference}}/receipt": {"get": _op(
        "The applicant's copy of the acknowledgment receipt, with the access code", PUBLIC,
        {"200": RECEIPT_PDF, "404": NOT_FOUND_PUBLIC}, parameters=[REFERENCE, ACCESS_CODE])}}
