"""Who may fire which trigger, and what each trigger's payload must hold."""
from app.extensions import db
from app.models.user import Role, User
from app.services.action_payloads import payload_problems
from app.services.assignment import ROLE_OF_UNIT
from app.services.clarification import unclear_refusal_problem
from app.services.intake import text_problem
from app.services.remedy_rules import REMEDY_CHECKS
from workflows.delivery import check_delivery
from workflows.answer_rules import WITHHELD_PART_LIMIT, answer_grounds, validate_answer
from workflows.statute import HeadDecision

IR, COMPLAINT = "information_request", "complaint"
STAFF = "staff"            # supervisor or admin
ASSIGNEE = "assignee"      # the assigned officer (or a supervisor)
APPLICANT = "applicant"    # the applicant, from the status page
SYSTEM = "system"          # the deadline sweep
UNIT_OFFICER = "unit_officer"  # an active officer of the case's unit (taking a new case)

# trigger → who may fire it
ACTORS = {
    "assign": {STAFF},
    "extend": {ASSIGNEE},
    "answer": {ASSIGNEE},
    "redirect": {ASSIGNEE},
    "withdraw": {ASSIGNEE, APPLICANT},
    "close": {ASSIGNEE},
    "complain_to_head": {APPLICANT, STAFF, ASSIGNEE, Role.HEAD.value},
    "decide": {Role.HEAD.value},
    "reopen": {APPLICANT, STAFF},
    "deem_refusal": {SYSTEM},
    "take": {UNIT_OFFICER},
    "rule_not_urgent": {ASSIGNEE},
    # The chain after the head (arts. 20–21): staff record what the applicant, the CDAI
    # and the court did; the sweep records the silences and the lapsed windows.
    "complain_to_cdai": {STAFF, ASSIGNEE},
    "record_cdai_decision": {STAFF, ASSIGNEE},
    "record_court_case": {STAFF, ASSIGNEE},
    "record_judgment": {STAFF, ASSIGNEE},
    "deem_head_silence": {SYSTEM},
    "deem_cdai_silence": {SYSTEM},
    "lapse_remedy": {SYSTEM},
}
# Filings that reopen a case closed by a lapsed window when proved made within it (supervisors only).
LATE_FILINGS = ("complain_to_cdai", "record_court_case")



def check_actor(case, trigger: str, actor, applicant: bool = False) -> str | None:
    """None when the actor may fire ``trigger`` on ``case``, else the reason (HTTP 403)."""
    allowed = ACTORS.get(trigger, set())
    if applicant:
        return None if APPLICANT in allowed else "the applicant cannot do this"
    if actor is None:
        return None if SYSTEM in allowed else "a signed-in staff member is required"
    if trigger in LATE_FILINGS and case.state == "closed" and not actor.has_role(Role.ADMIN, Role.SUPERVISOR):
        return "only a supervisor records a filing proved made in time on a closed case"
    if actor.has_role(Role.ADMIN, Role.SUPERVISOR) and (allowed & {STAFF, ASSIGNEE}):
        return None
    if ASSIGNEE in allowed and case.assignee_id == actor.id:
        return None
    if UNIT_OFFICER in allowed:
        return None if officer_of_unit(actor, case.unit) else "only an active officer of this case's unit can take it"
    if actor.role in allowed:
        return None
    if ASSIGNEE in allowed:
        return "only the officer assigned to this case (or a supervisor) can do this"
    return "your role cannot do this"


def officer_of_unit(user, unit: str) -> bool:
    """True for an active officer whose role and unit are ``unit``'s (the designated officer, art. 12)."""
    return bool(user.active) and user.role == ROLE_OF_UNIT.get(unit) and user.unit in (None, unit)


# Free-text fields an action may carry, with their length limits (characters).
TEXT_FIELDS = {"text": 10000, "reason": 2000, "competent_body": 300, "officer": 80}


def validate_payload(case, trigger: str, payload: dict, today=None, now=None) -> dict[str, str]:
    """Field errors of ``payload`` for ``trigger`` (empty when valid). May normalise it.

    First its schema (``app.services.action_payloads``: types, shapes, lengths), then
    the rules of law the schema cannot state.

    ``today`` is the Casablanca local date of the action (default: today); an answer's
    collection or consultation day must not be before it. ``now`` (naive UTC, default:
    now) bounds a complaint's moment of receipt (``complaint_receipt``).
    """
    if isinstance(payload.get("grounds"), str):   # one ground given alone, as a form may send it
        payload["grounds"] = [payload["grounds"]]
    errors = payload_problems(case.kind, trigger, payload) or {
        name: problem for name, limit in TEXT_FIELDS.items()
        if payload.get(name) is not None and (problem := text_problem(payload[name], limit))}
    if errors:
        return errors
    check = _CHECKS.get((case.kind, trigger)) or _CHECKS.get((None, trigger))
    if check is _answer_request:
        return _answer_request(case, payload, today)
    if trigger == "complain_to_head":
        return _complain_to_head(case, payload, now)
    return check(case, payload) if check else {}


def _assign(case, payload):
    name = payload.get("officer")
    officer = db.session.execute(db.select(User).filter_by(username=str(name or ""))).scalar_one_or_none()
    if officer is None or not officer.active:
        return {"officer": "no active staff member with that username"}
    if officer.role != ROLE_OF_UNIT[case.unit] or (officer.unit and officer.unit != case.unit):
        return {"officer": f"the officer must belong to the {case.unit} unit"}
    payload["officer_user"] = officer
    return {}


def _required(field, message):
    def check(case, payload):
        value = payload.get(field)
        return {} if isinstance(value, str) and value.strip() else {field: message}
    return check


def _answer_request(case, payload, today=None):
    """Art. 18 (outcome, grounds, withheld parts, reasons), art. 14 and 5 (delivery, documents).

    Normalises ``payload`` when valid: ``grounds`` includes the withheld parts' grounds,
    ``withheld`` and ``delivery`` are cleaned (``workflows.delivery.check_delivery``).
    """
    from app.services.calendar import today_local, working_calendar
    from app.services.released_documents import document_problem

    grounds = payload.get("grounds") or []
    withheld = payload.get("withheld") or []
    errors = validate_answer(payload.get("outcome"), grounds, payload.get("text"), withheld,
                             payload.get("inadmissible_reason") or None)
    errors.update(_withheld_text(withheld))
    documents = payload.get("documents") or []
    problem = document_problem(case, documents)
    if problem:
        errors["documents"] = problem
    delivery, delivery_errors = check_delivery(
        case.access_form, payload.get("outcome"), payload.get("delivery"),
        len(documents) if isinstance(documents, list) else 0, today or today_local(), working_calendar())
    errors.update(delivery_errors)
    unclear = None if "grounds" in errors else unclear_refusal_problem(case, grounds)
    if unclear:
        errors["grounds"] = unclear
    if not errors:
        payload.update(grounds=answer_grounds(grounds, withheld), delivery=delivery, documents=documents,
                       withheld=[{"part": p["part"].strip(), "ground": p["ground"]} for p in withheld])
    return errors


def _withheld_text(withheld) -> dict[str, str]:
    if not isinstance(withheld, list):
        return {}
    return {f"withheld.{i}.part": problem for i, item in enumerate(withheld)
            if isinstance(item, dict) and isinstance(item.get("part"), str)
            and (problem := text_problem(item["part"], WITHHELD_PART_LIMIT))}


def _decide(case, payload):
    errors = _required("text", "the head's decision gives its reasons (art. 19)")(case, payload)
    if payload.get("decision") not in {d.value for d in HeadDecision}:
        errors["decision"] = "must be 'upheld' or 'overturned'"
    return errors


def _complain_to_head(case, payload, now=None):
    """Art. 19: what the complaint objects to, and (on paper) the moment the head received it."""
    from app.services.calendar import utc_now
    from app.services.complaint_receipt import check_received_at

    errors = _required("text", "say what the complaint to the head of the body objects to")(case, payload)
    errors.update(check_received_at(case, payload, now or utc_now()))
    return errors


def _rating(case, payload):
    rating = payload.get("rating")
    return {} if isinstance(rating, int) and 1 <= rating <= 5 else {"rating": "a whole number from 1 to 5"}


_CHECKS = {
    (None, "assign"): _assign,
    (None, "extend"): _required("reason", "an extension states its reasons (art. 16)"),
    (IR, "answer"): _answer_request,
    (COMPLAINT, "answer"): _required("text", "the answer's text is required"),
    (None, "decide"): _decide,
    (None, "redirect"): _required("competent_body", "name the competent body"),
    (None, "complain_to_head"): _complain_to_head,
    (None, "reopen"): _required("text", "say why the answer does not settle the complaint"),
    **REMEDY_CHECKS,
    (IR, "rule_not_urgent"): _required("reason", "the ruling that the request is not urgent states its reasons "
                                                 "(art. 17)"),
}
