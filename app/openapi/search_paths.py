"""OpenAPI of the case search (``GET /api/v1/cases``), its exports, and the take and art. 17 actions."""
from app.openapi.schemas import KINDS, STATES
from app.services.case_search import MAX_OFFSET, MAX_PER_PAGE, SORTS
from app.services.case_stages import STAGES
from app.strict_values import MAX_NUMBER
from workflows.statute import Channel, Outcome

PREFIX = "/api/v1"
STAFF = [{"bearer": []}]
DATE = {"type": "string", "format": "date"}
FLAG = {"type": "boolean"}


def _q(name: str, schema: dict, description: str = "") -> dict:
    out = {"name": name, "in": "query", "required": False, "schema": schema}
    return {**out, "description": description} if description else out


def search_parameters() -> list[dict]:
    """The query parameters of the case list and of its exports (``app.views.case_query``)."""
    return [
        _q("q", {"type": "string", "minLength": 1, "maxLength": 200},
           "free text in the reference, applicant name, CNIE number, subject and text; every word of 3 "
           "characters or more must occur. Arabic hamza forms of alef, ta marbuta/ha, alif maqsura/ya, "
           "tashkeel and tatweel are folded, French accents too, Arabic-Indic digits read as 0-9"),
        _q("type", {"type": "string", "enum": KINDS}),
        _q("state", {"type": "string", "enum": STATES}),
        _q("outcome", {"type": "string", "enum": [o.value for o in Outcome]}),
        _q("channel", {"type": "string", "enum": [c.value for c in Channel]}),
        _q("urgent", FLAG, "handled as urgent: asked for and not ruled not urgent (art. 17)"),
        _q("assignee", {"type": "string", "minLength": 1}, "a username, 'me' or 'none' (unassigned)"),
        _q("overdue", FLAG, "past the last day of a running clock the body must meet (Africa/Casablanca)"),
        _q("received_from", DATE, "received on or after this local date"),
        _q("received_to", DATE, "received on or before this local date"),
        _q("tag", {"type": "string", "minLength": 1}, "a tag's name"),
        _q("open", FLAG, "true: not closed nor redirected; false: closed or redirected"),
        _q("due_to", DATE, "body deadline on or before this local date"),
        _q("stage", {"type": "string", "enum": list(STAGES)},
           "where a request stands in the chain of remedies: head_decision (a complaint to the head awaits "
           "his decision, also after his silence), awaiting_ruling (before the CDAI or the court), "
           "ruling_delivery (ruled for the applicant: the body's delivery clock runs)"),
        _q("sort", {"type": "string", "enum": list(SORTS), "default": "priority"},
           "priority: urgent requests first, then the soonest deadline, then cases without one; "
           "newest/oldest: by receipt"),
        _q("page", {"type": "integer", "minimum": 1, "maximum": MAX_NUMBER, "default": 1},
           f"offset pages, at most {MAX_OFFSET} rows deep (use cursor beyond)"),
        _q("per_page", {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE, "default": 20}),
        _q("cursor", {"type": "string", "minLength": 1}, "the next_cursor of the previous page (keyset, any depth)"),
    ]


def _export(fmt: str, media: str) -> dict:
    return {"get": {
        "summary": f"The filtered case list as {fmt.upper()} (same parameters and permissions as the list)",
        "description": "Columns: reference, kind, state, outcome, channel, urgency, received (Casablanca time), "
                       "assigned to, due, overdue, applicant, subject or request, tags — headers and labels in "
                       "the staff member's language. Text cells that start like a formula (=, +, -, @, tab, "
                       "CR) begin with an apostrophe. CSV is UTF-8 with a byte-order mark. At most 100,000 rows.",
        "security": STAFF,
        "parameters": [p for p in search_parameters() if p["name"] not in ("page", "per_page", "cursor")],
        "responses": {"200": {"description": "the file", "content": {media: {"schema": {
            "type": "string", "contentMediaType": media}}}},
            "401": {"$ref": "#/components/responses/Unauthorized"},
            "422": {"$ref": "#/components/responses/Invalid"}}}}



ACTION_DESCRIPTIONS = {
    "take": "An active officer of the case's unit takes a new unassigned case (received → assigned; "
            "no body; 409 `already_assigned` when someone holds it).",
    "rule_not_urgent": "The assigned officer or a supervisor rules, with `reason`, that an urgent request is not "
                       "urgent (art. 17): the 20-working-day answer clock from receipt replaces the urgent one "
                       "(its clock ends as `replaced`), `urgent` stays true and `urgency_ruled_out_at` is set, and "
                       "the applicant gets a letter; only within the urgent period and before any extension.",
    "answer": "An information request's answer takes an outcome, its grounds (none when granted, at least one "
              "when refused, art. 18), its withheld parts, documents and delivery; a complaint's answer is a text.",
}


def search_paths() -> dict:
    """The two export paths (``GET /api/v1/cases/export.csv`` and ``.xlsx``)."""
    return {
        f"{PREFIX}/cases/export.csv": _export("csv", "text/csv"),
        f"{PREFIX}/cases/export.xlsx": _export(
            "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    }
