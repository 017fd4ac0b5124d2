"""What a person reads when an action is refused: one translated sentence per refusal code.

The workflows raise ``TransitionRefused(code, message, **params)``; the portal and the
staff pages both turn it into the reader's language here, with its dates formatted.
"""
from flask_babel import lazy_gettext as _l

REFUSALS = {
    "already_extended": _l("The answer period was already extended once (art. 16)."),
    "deadline_passed": _l("The answer deadline has passed: it can no longer be extended (art. 16)."),
    "deadline_not_passed": _l("The answer deadline has not passed yet."),
    "overturned_must_deliver": _l("The head of the body overturned the refusal: the answer must grant the "
                                  "information, in full or in part."),
    "not_contestable": _l("The information was granted in full: there is no refusal to complain of."),
    "window_closed": _l("The time to complain to the head of the body ended on %(date)s (art. 19)."),
    "invalid_decision": _l("The decision must be upheld or overturned."),
    "already_reopened": _l("This complaint was already reopened once."),
    "already_rated": _l("This answer was already rated."),
    "not_answered": _l("Only an answered complaint can be rated."),
    "unknown_trigger": _l("This action does not exist for this kind of file."),
    "not_allowed_in_state": _l("This action is not allowed in the case's current state."),
    # h3-talk: requests for clarification (LAW.md §4.7)
    "clarification_not_open": _l("A request for clarification can be sent only while the request awaits its answer."),
    "clarification_pending": _l("An earlier request for clarification still awaits the applicant's reply."),
    "draft_submitted": _l("A draft of this letter already awaits sign-off."),
    "draft_not_open": _l("This draft is no longer being written."),
    "draft_not_submitted": _l("This draft is not awaiting sign-off."),
    "document_released": _l("A released document cannot be removed."),
    "already_assigned": _l("This case is already assigned: a supervisor can reassign it."),
    "not_urgent": _l("This request is not being handled as urgent."),
    "urgency_extended": _l("The urgent period was already extended: urgency can no longer be ruled out (art. 17)."),
    "urgent_deadline_passed": _l("The urgent answer deadline ended on %(date)s: urgency can no longer be ruled "
                                 "out (art. 17)."),
    # h9b-disclosure: the disclosure log's own states (workflows.disclosure)
    "publication_not_allowed": _l("This entry of the disclosure log cannot do that in its current state."),
    # h8b-receipt: a letter's delivery is recorded once (LAW.md §4.5)
    "delivery_already_recorded": _l("The delivery of this letter is already recorded."),
    # h8d-chain: correcting a delivery staff recorded
    "delivery_not_recorded": _l("No delivery is recorded for this letter yet: record it first."),
    "delivery_unchanged": _l("The correction gives the method and date already recorded: nothing to correct."),
    "delivery_automatic": _l("A delivery by e-mail or on the status page is recorded by the system and cannot be "
                             "corrected."),
    "delivery_window_used": _l("The applicant already used the time limit that ran from this delivery, or it has "
                               "ended: the delivery can no longer be corrected."),
    "not_reopenable": _l("This case was not closed because the time to act ran out: a filing cannot reopen it."),
    "cdai_window_closed": _l("The time to complain to the CDAI ended on %(date)s (art. 20)."),
    "court_window_closed": _l("The time to seize the administrative court ended on %(date)s (art. 21)."),
    # The remedy chain's order and dates (workflows.remedies)
    "head_complaint_first": _l("The applicant must first complain to the head of the body (art. 20)."),
    "head_decision_pending": _l("The head of the body's decision period is still running (art. 20)."),
    "cdai_first": _l("The administrative court is seized after the CDAI (art. 21)."),
    "date_in_future": _l("The date %(date)s is after today: record it once it has happened."),
    "decided_before_filing": _l("The decision of %(date)s cannot precede the filing."),
    "window_open": _l("The applicant may still act until %(date)s: the time limit has not ended."),
}


def refusal_text(exc, write_date=str) -> str:
    """The sentence for a ``TransitionRefused`` in the current language.

    Args:
        exc: the refusal (``code``, ``params``).
        write_date: formats a ``date`` param for the reader (default: ISO).
    """
    message = REFUSALS.get(exc.code, REFUSALS["not_allowed_in_state"])
    day = getattr(exc, "params", {}).get("date")
    return str(message) % {"date": write_date(day) if day else "—"}
