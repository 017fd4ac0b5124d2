"""The facts each letter kind states, read from the case (no rendering here).

Every period, article and ground comes from ``workflows.statute``; every date is
a Casablanca local date taken from the case's clocks, so a letter says what the
status page says. A kind whose facts are missing (an extension notice for a case
that was never extended, …) raises ``LetterUnavailable``.
"""
from __future__ import annotations

from app.services.action_payloads import stored_delivery, stored_grounds, stored_withheld
from app.services.clarification import exchanges
from datetime import date

from app.services.letter_text import ACCESS_FORMS, CHANNELS, COMPLAINT_KINDS, label
from workflows import statute
from workflows.calendar import local_date
from workflows.complaint import MAX_REOPENINGS
from workflows.delivery import total_cost
from workflows.information_request import ANSWER_CLOCKS


DELIVERY_KEYS = ("form", "place", "date", "time", "hours", "copying_cost", "sending_cost")


class LetterUnavailable(ValueError):
    """The case lacks the facts this kind of letter states (e.g. no extension yet)."""


def kind_facts(case, kind: str, lang: str) -> dict:
    """The facts of letter ``kind`` for ``case`` in ``lang`` (``ar`` or ``fr``).

    Raises:
        LetterUnavailable: unknown kind, or the case lacks the facts it states.
    """
    build = _KINDS.get(kind)
    if build is None:
        raise LetterUnavailable(f"unknown letter kind {kind!r}")
    return build(case, lang)


def case_facts(case, lang: str) -> dict:
    """Facts every letter may quote: the request or complaint as received."""
    kinds = COMPLAINT_KINDS.get(case.complaint_kind or "", {})
    return {
        "is_request": case.is_information_request,
        "received_on": local_date(case.received_at),
        "channel": label(CHANNELS, case.channel, lang),
        "information_requested": case.information_requested or "",
        "access_form": label(ACCESS_FORMS, case.access_form, lang),
        "urgent": bool(case.urgent),
        "urgency_reason": case.urgency_reason or "",
        "complaint_kind": kinds.get(lang, ""),
        "complaint_yours": kinds.get(lang + "_yours", ""),
        "subject": case.subject or "",
    }


def _clock(case, name: str):
    clock = case.clock(name)
    if clock is None:
        raise LetterUnavailable(f"case {case.reference} has no {name} clock")
    return clock


def _deadline(clock) -> dict:
    """A clock as letters quote it: its period, due date and last day to act (LAW.md §4.4), and
    whether that date is provisional (its count depends on a holiday still estimated, LAW.md §3)."""
    return {"period": statute.period(clock.period), "started_on": clock.started_on,
            "due_on": clock.due_on, "last_day": clock.last_day, "provisional": bool(clock.provisional)}


def _latest_reason(case, trigger: str) -> str:
    event = next((e for e in reversed(case.events) if e.kind == "transition" and e.trigger == trigger), None)
    return (event.reason or "") if event else ""


def _acknowledgment(case, lang):
    if case.is_information_request:
        clock = next((c for c in case.clocks if c.period in ANSWER_CLOCKS), None)
        extension = "urgent_extension" if case.urgent else "extension"
        return {"answer": _deadline(clock or _clock(case, "answer")),
                "extension": statute.period(extension),
                "complaint_window": statute.period("complaint_to_head_window")}
    return {"answer": _deadline(_clock(case, "complaint_answer"))}


def _extension_notice(case, lang):
    clock = next((c for c in reversed(case.clocks) if c.period in ANSWER_CLOCKS and c.extended_by), None)
    if clock is None:
        raise LetterUnavailable(f"case {case.reference} has no extended answer clock")
    return {"reason": _latest_reason(case, "extend"), "answer": _deadline(clock),
            "extension": statute.period(clock.extended_by)}


def _answer(case, lang):
    if case.outcome not in {o.value for o in statute.ANSWER_OUTCOMES}:
        raise LetterUnavailable(f"case {case.reference} has no answer outcome")
    window = case.clock("complaint_to_head_window") if case.outcome in {
        o.value for o in statute.CONTESTABLE_OUTCOMES} else None
    return {"outcome": case.outcome, "grounds": [statute.GROUNDS[g] for g in stored_grounds(case.grounds)],
            "inadmissible": statute.INADMISSIBILITY_REASONS.get(case.inadmissible_reason or ""),
            "answer_text": case.answer_text or "", "complaint_window": _deadline(window) if window else None,
            # A refusal of an unclear request cites the exchange with the applicant (LAW.md §4.7).
            "clarifications": exchanges(case) if "unclear_request" in (case.grounds or []) else [],
            **delivery_facts(case, lang)}


def delivery_facts(case, lang: str) -> dict:
    """What a grant delivers and what it withheld, as the answer letter prints it.

    ``withheld``: ``[(part, Ground)]`` (art. 18); ``delivery``: the details of the form
    of access (art. 14) with dates as ``date`` and the total cost (art. 5), or None;
    ``documents``: the files this answer released (name, type, size, SHA-256).
    """
    from app.services.file_types import size_label, type_names
    from app.services.released_documents import of_answer

    withheld = [(p["part"], statute.GROUNDS[p["ground"]]) for p in stored_withheld(case.withheld)
                if p["ground"] in statute.GROUNDS]
    stored = stored_delivery(case.delivery)
    details = {key: stored.get(key) for key in DELIVERY_KEYS} if stored else {}
    if details:   # stored values are read defensively: a malformed one is left out, never a failed letter
        try:
            details["date"] = date.fromisoformat(details["date"]) if details.get("date") else None
            details["total_cost"] = f"{total_cost(details):.2f}"
        except (ValueError, TypeError, ArithmeticError):
            details.update(date=None, total_cost=None)
    documents = [{"name": d.original_name, "type": type_names([d.content_type]), "size": size_label(d.size, lang),
                  "sha256": d.sha256} for d in of_answer(case)]
    return {"withheld": withheld, "delivery": details or None, "documents": documents,
            "fees_article": statute.FEES_ARTICLE}


def _head_complaint_acknowledgment(case, lang):
    head = _clock(case, "head_decision")
    return {"head_decision": _deadline(head), "contested": case.outcome or "deemed_refusal",
            "cdai_if_silent": cdai_window_after(head)}


def cdai_window_after(head) -> dict:
    """The CDAI window if the head stays silent: day 0 is his due date (art. 20, LAW.md §4.5);
    provisional when the head's date is, or its own count depends on an estimated holiday."""
    from app.services.calendar import working_calendar
    from workflows.deadlines import deadline

    rule = statute.period("cdai_window")
    end = deadline(rule, head.due_on, working_calendar())
    return {"period": rule, "started_on": head.due_on, "due_on": end.due, "last_day": end.last_day,
            "provisional": bool(head.provisional) or end.provisional}


def _head_decision(case, lang):
    if case.head_decision == statute.HeadDecision.UPHELD.value:
        follow = _deadline(_clock(case, "cdai_window"))
    elif case.head_decision == statute.HeadDecision.OVERTURNED.value:
        follow = _deadline(_clock(case, "delivery_after_overturn"))
    else:
        raise LetterUnavailable(f"case {case.reference} has no decision of the head")
    return {"decision": case.head_decision, "reason": _latest_reason(case, "decide"), "follow": follow,
            "complained_on": _clock(case, "head_decision").started_on, "cdai": cdai_contact()}


def cdai_contact() -> dict:
    """The CDAI's configured contact details (``app.services.remedy_notices``), for the head's decision."""
    from app.services.remedy_notices import cdai_contact as configured

    return configured()


def _complaint_answer(case, lang):
    if not case.answer_text:
        raise LetterUnavailable(f"case {case.reference} has no answer")
    return {"answer_text": case.answer_text, "may_reopen": case.reopen_count < MAX_REOPENINGS}


def _redirection_notice(case, lang):
    if not case.competent_body:
        raise LetterUnavailable(f"case {case.reference} names no competent body")
    return {"competent_body": case.competent_body, "reason": _latest_reason(case, "redirect")}


def _not_urgent_notice(case, lang):
    """Art. 17: the officer ruled the urgent request not urgent; the ordinary answer clock (art. 16) runs."""
    if case.urgency_ruled_out_at is None:
        raise LetterUnavailable(f"case {case.reference} was not ruled not urgent")
    return {"reason": _latest_reason(case, "rule_not_urgent"), "answer": _deadline(_clock(case, "answer")),
            "urgent_period": statute.period("urgent_answer")}


_KINDS = {
    "acknowledgment": _acknowledgment,
    "extension_notice": _extension_notice,
    "answer": _answer,
    "head_complaint_acknowledgment": _head_complaint_acknowledgment,
    "head_decision": _head_decision,
    "complaint_answer": _complaint_answer,
    "redirection_notice": _redirection_notice,
    "not_urgent_notice": _not_urgent_notice,
}
LETTER_KINDS = tuple(_KINDS)

