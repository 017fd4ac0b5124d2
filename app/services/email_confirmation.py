"""An applicant's e-mail address is confirmed before any e-mail carries their own text.

Anyone can type any address on the portal, so an unconfirmed address receives at
most one short notice without a word the applicant wrote (no name, no request, no
letter): a signed link to confirm it (``EMAIL_CONFIRMATION_DAYS``). An address is
confirmed by:

- ``link``: that link, opened and confirmed with one click;
- ``access_code_link``: the link to get a new access code (``app.services.access_code_recovery``),
  which proves the mailbox just as well;
- ``counter``: staff who registered or corrected the case and saw the applicant use it.

Then the letters already issued are e-mailed, and the later ones follow
(``notifications.queue_letter_email`` sends only to ``Party.confirmed_email``).
"""
from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select

from app.extensions import db
from app.models.case import Case
from app.models.notification import Notification
from app.models.party import Party
from app.services import notifications, signed_links
from app.services.letter_text import long_date
from app.services.signed_links import LinkInvalid
from app.services.timeline import record_event
from workflows.calendar import local_date

SALT = "nafida.email-confirmation"
CONFIRM_PATH = "/email/confirm/"
METHODS = ("link", "access_code_link", "counter")


def fingerprint(email: str | None) -> str:
    """A short digest binding a link to one address (a changed address voids the link)."""
    return hashlib.sha256((email or "").strip().lower().encode()).hexdigest()[:16]


def on_registration(case, verified_by: str | None, actor, now: datetime) -> None:
    """At registration, in its unit of work: confirm at once (``counter``), or ask the address to confirm.

    Call it before the acknowledgment's e-mail is queued. Nothing happens without an address.
    """
    if not (case.party.email or "").strip():
        return
    if verified_by:
        mark_confirmed(case, verified_by, actor, now, queue_letters=False)
    else:
        request_confirmation(case, now)


def request_confirmation(case, now: datetime) -> Notification | None:
    """Queue the confirmation notice (one per address of a party); never commits.

    The notice names the reference and the institution, and carries the link:
    nothing the applicant wrote.
    """
    party = case.party
    db.session.flush()
    token = signed_links.make(SALT, {"p": party.id, "e": fingerprint(party.email)}, now)
    until = local_date(now + timedelta(days=current_app.config["EMAIL_CONFIRMATION_DAYS"]))
    subject, body = notifications.render_email(
        "confirm_address", case.language, reference=case.reference, link=public_url(CONFIRM_PATH + token),
        until=long_date(until, case.language))
    notice = Notification(case_id=case.id, dedup_key=f"confirm:{party.id}:{fingerprint(party.email)}",
                          recipient=party.email.strip(), subject=subject, body=body)
    return notice if notifications.add_once(notice) else None


def case_for_link(token: str, now: datetime) -> Case:
    """The case whose address the link confirms at ``now`` (nothing is changed).

    Raises:
        LinkInvalid: altered, expired (``EMAIL_CONFIRMATION_DAYS``), or the address changed.
    """
    max_age = timedelta(days=current_app.config["EMAIL_CONFIRMATION_DAYS"])
    data = signed_links.read(SALT, token, now, max_age)
    party = db.session.get(Party, data.get("p"))
    if party is None or party.anonymised_at is not None or fingerprint(party.email) != data.get("e"):
        raise LinkInvalid("the address changed")
    case = db.session.execute(select(Case).filter_by(party_id=party.id)).scalars().first()
    if case is None:
        raise LinkInvalid("no case")
    return case


def confirm(token: str, now: datetime) -> Case:
    """Confirm the address the link names, queue the letters held back, and commit.

    A second click changes nothing. Raises LinkInvalid like ``case_for_link``.
    """
    case = case_for_link(token, now)
    if case.party.email_confirmed_at is None:
        mark_confirmed(case, "link", None, now)
        db.session.commit()
    return case


def mark_confirmed(case, how: str, actor, now: datetime, queue_letters: bool = True) -> None:
    """Record the address as confirmed ``how`` (one of ``METHODS``), with a timeline event; never commits.

    With ``queue_letters``, the letters issued so far and never e-mailed are queued.
    """
    if how not in METHODS:
        raise ValueError(f"unknown confirmation method {how!r}")
    party = case.party
    party.email_confirmed_at, party.email_confirmed_by = now, how
    record_event(case, "personal_data", actor, at=now, data={"action": "email_confirmed", "by": how})
    if queue_letters:
        queue_held_letters(case)


def queue_held_letters(case) -> int:
    """Queue the e-mail of each letter of ``case`` not yet queued; returns how many (never commits)."""
    db.session.flush()
    queued = set(db.session.execute(select(Notification.letter_id).where(
        Notification.case_id == case.id, Notification.letter_id.is_not(None))).scalars())
    count = 0
    for letter in case.letters:
        if letter.id not in queued and notifications.queue_letter_email(case, letter) is not None:
            count += 1
    return count


def public_url(path: str) -> str:
    """An absolute URL of the portal (``PUBLIC_BASE_URL``) for ``path``."""
    return current_app.config["PUBLIC_BASE_URL"].rstrip("/") + path
