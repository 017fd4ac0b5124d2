"""The moment the head of the body received a complaint against a refusal (art. 19, LAW.md §4.1).

A complaint filed on the status page is received when filed. One received on paper
(at the counter, by post) is recorded later by staff with its real moment of receipt,
as new cases registered at the counter are (``app.services.intake.parse_instant``):
the head's decision period (15 working days) counts from its Casablanca local date.
"""
from __future__ import annotations

from datetime import datetime

from app.services.intake import parse_instant
from workflows.calendar import local_date


def check_received_at(case, payload: dict, now: datetime) -> dict[str, str]:
    """Errors of ``payload["received_at"]`` (empty when valid or absent); normalises ``payload``.

    Args:
        case: the case complained of.
        payload: the ``complain_to_head`` input; ``received_at`` is ISO 8601 with ``Z`` or an
            offset (optional: absent means received now).
        now: the current instant, naive UTC.

    On success sets ``payload["received_at"]`` to the instant in UTC (``…Z``) and
    ``payload["received_on"]`` to its Africa/Casablanca date (ISO), day 0 of the head's
    decision period; a ``received_on`` given directly is dropped.

    Refused: unreadable, without time zone, in the future, before the answer complained
    of (its moment), or — against silence — not after the expired answer deadline.
    """
    payload.pop("received_on", None)
    value = payload.get("received_at")
    if value in (None, ""):
        payload.pop("received_at", None)
        return {}
    errors: dict[str, str] = {}
    moment = parse_instant(value, now, errors, require_offset=True)
    if errors:
        if "future" in errors["received_at"]:
            errors["received_at"] = "the moment the complaint was received cannot be in the future"
        return errors
    problem = _before_refusal(case, moment)
    if problem:
        return {"received_at": problem}
    payload["received_at"] = moment.isoformat() + "Z"
    payload["received_on"] = local_date(moment).isoformat()
    return {}


def _before_refusal(case, moment: datetime) -> str | None:
    if case.answered_at is not None:
        if moment < case.answered_at:
            return "before the answer complained of (a complaint follows the answer, art. 19)"
        return None
    expired = next((c for c in reversed(case.clocks) if c.status == "expired"), None)
    if expired is not None and local_date(moment) <= expired.due_on:
        return ("before the answer deadline expired: silence counts as refusal only from the next day "
                "(art. 19)")
    return None
