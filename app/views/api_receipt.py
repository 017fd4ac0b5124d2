"""The applicant's copy of the acknowledgment receipt through the API (on the ``api`` blueprint).

The stored receipt, like every stored letter, never prints the access code (any
staff role may download it). The copy that does is rendered now for whoever sends
the right code, and is neither stored nor logged.
"""

from app.rate_limits import access_code_limit
from app.services.letters import receipt_response
from app.views.api import ACCESS_CODE_HEADER, NoMatch, applicant_case, bp, header_text, no_store


@bp.get("/status/<reference>/receipt")
@access_code_limit()
def applicant_receipt(reference):
    """The acknowledgment receipt printing the access code sent in ``X-Access-Code`` (PDF)."""
    case = applicant_case(reference)
    if not any(letter.kind == "acknowledgment" for letter in case.letters):
        raise NoMatch()
    return no_store(receipt_response(case, header_text(ACCESS_CODE_HEADER)))
