"""What the applicant is told when a remedy opens after the head of the body (arts. 20–21).

The sweep records the head's silence and the CDAI's silence (``app.services.remedy_sweep``);
each sends the applicant an e-mail naming the next remedy and its last day, and, where
the CDAI route opens, the CDAI's contact details (settings ``CDAI_POSTAL_ADDRESS``,
``CDAI_EMAIL``, ``CDAI_WEBSITE``; an unset one is left out). Staff recording the CDAI's
decision or a judgment sends one too: the ruling, and the next step with its last date.
"""
from __future__ import annotations

from datetime import date

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


# trigger → (e-mail template, {ruling: the clock whose last day is the next step's}).
RULING_EMAILS = {"record_cdai_decision": ("cdai_decision", {"for_applicant": "delivery_after_cdai",
                                                            "for_body": "court_window"}),
                 "record_judgment": ("judgment", {"for_applicant": "delivery_after_judgment"})}


def queue_ruling_email(case, trigger: str) -> Notification | None:
    """Queue the e-mail telling the applicant the CDAI's decision (art. 20) or the court's judgment (art. 21).

    For the applicant: the body's delivery deadline; the CDAI for the body: the last day
    to seize the administrative court; a judgment for the body: the case is closed. Called
    in the transition's unit of work after its clocks moved; never commits. Only to a
    confirmed address (the greeting names the applicant); dedup key
    ``<template>:<case id>:<decided_on>``.

    Args:
        case: the information request, its ruling recorded in ``case.remedies``.
        trigger: ``record_cdai_decision`` or ``record_judgment``.
    """
    from app.services.notifications import render_email
    from app.services.status_labels import days_label

    template, next_clock = RULING_EMAILS[trigger]
    ruling = (case.remedies or {}).get("cdai" if trigger == "record_cdai_decision" else "court") or {}
    recipient, decided_on = case.party.confirmed_email, ruling.get("decided_on")
    if not recipient or not decided_on:
        return None
    name = next_clock.get(ruling.get("decision"))
    clock = case.clock(name) if name else None
    rule, language = period(clock.period) if clock else None, case.language
    subject, body = render_email(
        template, language, case=case, for_applicant=ruling.get("decision") == "for_applicant",
        decided_on=long_date(date.fromisoformat(decided_on), language),
        article=rule.article if rule else None, days=days_label(rule)[language] if rule else None,
        last_day=long_date(clock.last_day, language) if clock and clock.last_day else None,
        status_url=letters.status_url(case.reference))
    notification = Notification(case_id=case.id, dedup_key=f"{template}:{case.id}:{decided_on}",
                                recipient=recipient, subject=subject, body=body)
    db.session.add(notification)
    return notification
