"""What a fired trigger writes on the case besides its state and clocks."""
from datetime import datetime

from app.services import released_documents
from app.services.answer_timing import record_first_answer
from app.services.timeline import record_event


def apply(case, trigger: str, payload: dict, actor, now: datetime) -> None:
    """Write ``trigger``'s fields on ``case`` (the payload is already validated)."""
    effect = _EFFECTS.get(trigger)
    if effect:
        effect(case, payload, actor, now)


def _assign(case, payload, actor, now):
    officer = payload.pop("officer_user")
    record_event(case, "assignment", actor, reason=payload.get("reason"), at=now,
                 data={"from": case.assignee.username if case.assignee else None, "to": officer.username})
    case.assignee = officer


def _take(case, payload, actor, now):
    record_event(case, "assignment", actor, reason=payload.get("reason"), code="taken_from_queue", at=now,
                 data={"from": None, "to": actor.username})
    case.assignee = actor


def _rule_not_urgent(case, payload, actor, now):
    case.urgency_ruled_out_at = now   # ``urgent`` keeps that the applicant asked (statistics, art. 17)


def _extend(case, payload, actor, now):
    case.extended = True


def _answer(case, payload, actor, now):
    record_first_answer(case, now)
    case.outcome = payload.get("outcome")
    case.grounds = list(payload.get("grounds") or [])
    case.answer_text = payload["text"].strip()
    case.answered_at = now
    if case.is_information_request:
        # What a partial grant withheld (art. 18) and how a grant delivers (art. 14, 5).
        case.withheld = list(payload.get("withheld") or [])
        case.delivery = dict(payload.get("delivery") or {})
        case.inadmissible_reason = payload.get("inadmissible_reason") if payload.get("outcome") == "inadmissible" \
            else None
        released_documents.release(case, payload.get("documents"), now)


def _decide(case, payload, actor, now):
    # An upheld refusal no longer closes the case: the CDAI window runs (art. 20).
    case.head_decision, case.decided_at = payload["decision"], now


def _redirect(case, payload, actor, now):
    case.competent_body = payload["competent_body"].strip()


def _reopen(case, payload, actor, now):
    case.reopen_count += 1
    case.rating = None


def _close(case, payload, actor, now):
    case.closed_at = now


def _withdraw(case, payload, actor, now):
    if case.is_information_request:
        case.outcome = "withdrawn"
    case.closed_at = now


def _remedy(stage: str, fields: tuple[str, ...], closes_for_body: bool = False, window: str | None = None):
    """Record a remedy's fields under ``case.remedies[stage]`` (the JSON is replaced whole).

    A filing (``window`` given) recorded on a case the lapse of that window closed, and
    proved to have been made within it, reopens the case: the timeline says so.
    """
    def effect(case, payload, actor, now):
        if window and case.closed_at is not None:
            case.closed_at = None
            record_event(case, "note", actor, code="reopened_by_late_filing", params={"period": window}, at=now,
                         data={"period": window, "filed_on": payload.get("filed_on")})
        remedies = {k: dict(v) for k, v in (case.remedies or {}).items()}
        remedies[stage] = {**remedies.get(stage, {}), **{f: payload[f] for f in fields}}
        case.remedies = remedies
        if closes_for_body and payload.get("decision") == "for_body":
            case.closed_at = now
    return effect


_EFFECTS = {"assign": _assign, "extend": _extend, "answer": _answer, "decide": _decide,
            "redirect": _redirect, "reopen": _reopen, "close": _close, "withdraw": _withdraw,
            "take": _take, "rule_not_urgent": _rule_not_urgent,
            "complain_to_cdai": _remedy("cdai", ("filed_on", "cdai_reference"), window="cdai_window"),
            "record_cdai_decision": _remedy("cdai", ("decided_on", "decision")),
            "record_court_case": _remedy("court", ("filed_on", "court_reference"), window="court_window"),
            "record_judgment": _remedy("court", ("decided_on", "decision"), closes_for_body=True),
            "lapse_remedy": _close}
