"""Lost access code: a one-time link to the e-mail address on file, then a new code shown once.

1. The applicant gives the reference (``request_link``). The answer is the same
   whether the reference exists and has an address or not, and the same work is
   done (a link signed, an e-mail rendered); only when there is an address is the
   e-mail queued (one insert). The public pages say nothing more.
2. The e-mail carries a link valid ``ACCESS_CODE_LINK_MINUTES``, and no text the
   applicant wrote, so it may go to an address not yet confirmed.
3. Opening it and clicking (``redeem``) draws a new code, shown once; the old one
   stops working at that moment. The link is bound to the code it replaces, so it
   works once; and it proves the mailbox, so the address counts as confirmed.

Why a link rather than the code itself in the e-mail: someone who only knows a
reference cannot make the applicant's current code stop working, and no code sits
in the outbox.
"""
from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta, timezone

from flask import current_app

from app.extensions import db
from app.models.case import Case
from app.models.notification import Notification
from app.services import notifications, signed_links
from app.services.cases import CaseNotFound, get_case, unit_of_work
from app.services.email_confirmation import fingerprint, mark_confirmed, public_url
from app.services.references import hash_access_code, new_access_code
from app.services.signed_links import LinkInvalid
from app.services.timeline import record_event
from workflows.calendar import MOROCCO

SALT = "nafida.access-code"
NEW_CODE_PATH = "/access-code/new/"


def request_link(reference: str | None, now: datetime) -> None:
    """Queue a new-code link to the address on file of ``reference``, if there is one, and commit.

    Never says whether the reference exists: no return value, no exception.
    """
    case = _case(reference)
    email = (case.party.email or "").strip() if case and case.party.anonymised_at is None else ""
    language = case.language if case else "ar"
    token = signed_links.make(SALT, {"c": case.id if case else 0, "k": _code_fingerprint(case),
                                     "e": fingerprint(email)}, now)
    subject, body = notifications.render_email(
        "access_code_link", language, reference=(case.reference if case else ""),
        link=public_url(NEW_CODE_PATH + token), until=_until(now))
    if not (case and email):
        db.session.rollback()
        return
    db.session.add(Notification(case_id=case.id, dedup_key=f"access-link:{case.id}:{secrets.token_hex(8)}",
                                recipient=email, subject=subject, body=body))
    record_event(case, "access_code", None, at=now, data={"action": "link_sent"})
    db.session.commit()


def case_for_link(token: str, now: datetime) -> Case:
    """The case a new-code link is for, at ``now`` (nothing changes).

    Raises:
        LinkInvalid: altered, expired (``ACCESS_CODE_LINK_MINUTES``), already used, or the address changed.
    """
    data = signed_links.read(SALT, token, now, timedelta(minutes=current_app.config["ACCESS_CODE_LINK_MINUTES"]))
    case = db.session.get(Case, data.get("c"))
    if (case is None or case.party.anonymised_at is not None or data.get("k") != _code_fingerprint(case)
            or data.get("e") != fingerprint(case.party.email)):
        raise LinkInvalid("used, or the file changed")
    return case


def redeem(token: str, now: datetime) -> tuple[Case, str]:
    """Replace the access code of the link's case and commit; returns the case and the new code.

    The old code stops working; the address counts as confirmed (``access_code_link``).

    Raises:
        LinkInvalid: like ``case_for_link`` (so a second click fails).
        app.services.cases.Conflict: the case changed at the same moment.
    """
    case = case_for_link(token, now)
    code = new_access_code()
    with unit_of_work(case):
        case.access_code_hash = hash_access_code(code)
        record_event(case, "access_code", None, at=now, data={"action": "reissued"})
        if case.party.email_confirmed_at is None:
            mark_confirmed(case, "access_code_link", None, now)
    return case, code


def reissue_at_counter(case: Case, actor, now: datetime) -> str:
    """A new access code given by staff who checked the applicant's identity card; commits.

    The old code stops working. Returns the new code, to be shown once.

    Raises:
        app.services.cases.Conflict: the case changed at the same moment.
    """
    code = new_access_code()
    with unit_of_work(case):
        case.access_code_hash = hash_access_code(code)
        record_event(case, "access_code", actor, at=now, data={"action": "reissued_at_counter"})
    return code


def _case(reference: str | None) -> Case | None:
    try:
        return get_case((reference or "").strip().upper())
    except CaseNotFound:
        return None


def _code_fingerprint(case: Case | None) -> str:
    """Digest of the current code's hash: the link dies once the code is replaced."""
    stored = case.access_code_hash if case else "-"
    return hashlib.sha256(stored.encode()).hexdigest()[:16]


def _until(now: datetime) -> str:
    """When the link stops working, in Casablanca local time (``2026-03-02 14:35``)."""
    moment = now + timedelta(minutes=current_app.config["ACCESS_CODE_LINK_MINUTES"])
    return moment.replace(tzinfo=timezone.utc).astimezone(MOROCCO).strftime("%Y-%m-%d %H:%M")
