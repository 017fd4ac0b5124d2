"""What the applicant is told when a remedy opens after the head of the body (arts. 20–21).

The sweep records the head's silence and the CDAI's silence (``app.services.remedy_sweep``);
each sends the applicant an e-mail naming the next remedy and its last day, and, where
the CDAI route opens, the CDAI's contact details (settings ``CDAI_POSTAL_ADDRESS``,
``CDAI_EMAIL``, ``CDAI_WEBSITE``; an unset one is left out).
"""
from __future__ import annotations

from flask import current_app

from app.extensions import db
from app.models.notification import Notification
from app.services import letters
from app.services.letter_text import long_date
from workflows.statute import period

# trigger → (e-mail template, the window it opens).
NOTICE_AFTER = {"deem_head_silence": ("head_silence", "cdai_window"),
                "deem_cdai_silence": ("cdai_silence", "court_window")}


def cdai_contact() -> dict[str, str]:
    """The CDAI's contact details that are set: ``{"postal_address", "email", "website"}`` (a subset)."""
    config = current_app.config
    found = {"postal_address": config.get("CDAI_POSTAL_ADDRESS"), "email": config.get("CDAI_EMAIL"),
             "website": config.get("CDAI_WEBSITE")}
    return {key: value.strip() for key, value in found.items() if isinstance(value, str) and value.strip()}


def queue_remedy_email(case, trigger: str) -> Notification | None:
    """Queue the e-mail telling the applicant which remedy ``trigger`` opened, and until when.

    Called in the transition's unit of work after its clocks moved (the new window
    runs); never commits. Only to a confirmed address; dedup key
    ``<template>:<case id>:<window's start>`` (a duplicate rolls the transition back,
    which the sweep counts as skipped).

    Args:
        case: the information request.
        trigger: ``deem_head_silence`` (the CDAI route, art. 20) or ``deem_cdai_silence``
            (the administrative court, art. 21).
    """
    from app.services.notifications import render_email

    template, window_name = NOTICE_AFTER[trigger]
    recipient, window = case.party.confirmed_email, case.clock(window_name)
    if not recipient or window is None:
        return None
    rule = period(window_name)
    subject, body = render_email(
        template, case.language, case=case, article=rule.article, days=rule.days,
        expired_on=long_date(window.started_on, case.language),
        window_last_day=long_date(window.last_day, case.language),
        cdai=cdai_contact(), status_url=letters.status_url(case.reference))
    notification = Notification(case_id=case.id, dedup_key=f"{template}:{case.id}:{window.started_on.isoformat()}",
                                recipient=recipient, subject=subject, body=body)
    db.session.add(notification)
    return notification
