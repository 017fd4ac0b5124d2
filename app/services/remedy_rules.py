"""What the payloads of the remedies after the head of the body must hold (arts. 20–21).

``complain_to_cdai`` ``{"filed_on": "YYYY-MM-DD", "cdai_reference": "..."}``,
``record_cdai_decision`` ``{"decided_on": "YYYY-MM-DD", "decision": "for_applicant"|"for_body"}``,
``record_court_case`` ``{"filed_on", "court_reference"}``, ``record_judgment`` like the
CDAI's decision. Dates are Africa/Casablanca local dates. Whether the dates fall within
the law's windows is the workflow's guards' business (``workflows.remedies``); here only
the shape is checked, with one message per field (HTTP 422, as every payload).
"""
from datetime import date

from app.services.intake import text_problem
from workflows.statute import RemedyRuling

IR = "information_request"
# A reference given by the CDAI or a court registry (characters).
REFERENCE_LIMIT = 80


def _iso_date(payload: dict, name: str) -> dict[str, str]:
    value = payload.get(name)
    try:
        date.fromisoformat(value)
    except (TypeError, ValueError):
        return {name: "a date, YYYY-MM-DD"}
    payload[name] = date.fromisoformat(value).isoformat()
    return {}


def _reference(payload: dict, name: str, whose: str) -> dict[str, str]:
    value = payload.get(name)
    if not isinstance(value, str) or not value.strip():
        return {name: f"the reference the {whose} gave the case"}
    problem = text_problem(value, REFERENCE_LIMIT)
    if problem:
        return {name: problem}
    payload[name] = value.strip()
    return {}


def _ruling(payload: dict) -> dict[str, str]:
    if payload.get("decision") in {r.value for r in RemedyRuling}:
        return {}
    return {"decision": "must be 'for_applicant' or 'for_body'"}


def filing(reference_field: str, whose: str):
    """The check of a filing payload: ``filed_on`` and the authority's reference for the case."""
    def check(case, payload: dict) -> dict[str, str]:
        return {**_iso_date(payload, "filed_on"), **_reference(payload, reference_field, whose)}
    return check


def ruling(case, payload: dict) -> dict[str, str]:
    """The check of a ruling payload: ``decided_on`` and ``decision``."""
    return {**_iso_date(payload, "decided_on"), **_ruling(payload)}


# (kind, trigger) → check, merged into ``app.services.action_rules``.
REMEDY_CHECKS = {
    (IR, "complain_to_cdai"): filing("cdai_reference", "CDAI"),
    (IR, "record_cdai_decision"): ruling,
    (IR, "record_court_case"): filing("court_reference", "court"),
    (IR, "record_judgment"): ruling,
}
