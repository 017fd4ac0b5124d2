"""The remedies after the head of the body as the applicant sees them (status page and API).

What the applicant may see: the stages recorded (dates, the CDAI's or the court's
reference and ruling), why an inadmissible request was, and the CDAI's contact
details while its route is open (art. 20). No personal data.
"""
from app.services.remedy_notices import cdai_contact
from workflows.statute import INADMISSIBILITY_REASONS

# States in which the applicant may turn to the CDAI (art. 20).
CDAI_ROUTE_STATES = ("head_upheld", "head_silent")


def remedy_facts(case, today) -> dict:
    """``{inadmissible_reason, remedies, cdai_contact}`` of ``case`` for the status page.

    ``inadmissible_reason``: ``{"code", "article", "label": {"ar", "fr"}}`` or None;
    ``remedies``: ``{"cdai": {"filed_on", "cdai_reference", "decision", "decided_on"},
    "court": {...}}`` as recorded (ISO dates), empty when none; ``cdai_contact``: the
    configured ``{"postal_address", "email", "website"}`` (those set) while the CDAI route
    is open (on ``today``, a Casablanca date), else None.
    """
    return {"inadmissible_reason": inadmissible_reason(case), "remedies": dict(case.remedies or {}),
            "cdai_contact": cdai_contact() if cdai_route_open(case, today) else None}


def inadmissible_reason(case) -> dict | None:
    """The reason of an inadmissible answer with its article and labels, or None."""
    reason = INADMISSIBILITY_REASONS.get(case.inadmissible_reason or "")
    if case.outcome != "inadmissible" or reason is None:
        return None
    return {"code": reason.code, "article": reason.article, "label": {"ar": reason.label_ar, "fr": reason.label_fr}}


def cdai_route_open(case, today) -> bool:
    """True while the applicant may complain to the CDAI: the head upheld the refusal or let his period pass."""
    if case.state in CDAI_ROUTE_STATES:
        return True
    head = next((c for c in case.running_clocks() if c.period == "head_decision"), None)
    return case.state == "appealed" and head is not None and today > head.last_day


# The citizen's windows whose lapse closes the case (``lapse_remedy``, arts. 20–21).
LAPSING_WINDOWS = ("cdai_window", "court_window")


def lapsed_windows(case) -> dict:
    """``{period: last day}`` of the window whose lapse closed ``case``, or ``{}``.

    ``lapse_remedy`` expires the window and closes the case in one transition, at one
    instant: the window is the expired one stopped when the case was closed. A case
    closed otherwise (a judgment for the body, withdrawn) has none.
    """
    if case.state != "closed" or case.closed_at is None:
        return {}
    expired = [c for c in case.clocks if c.period in LAPSING_WINDOWS and c.status == "expired"
               and c.stopped_at == case.closed_at and c.last_day is not None]
    return {c.period: c.last_day for c in expired[-1:]}
