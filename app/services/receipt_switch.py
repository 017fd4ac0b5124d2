"""The one-time receipt page in the other language, without losing its reference and access code.

The page that shows a new access code (after a portal submission or a staff
registration) is the answer to a POST, and the code is kept nowhere. Its language
switch is therefore a POST form carrying a short-lived signed token (the reference,
whether the code was issued again, and the instant it was shown) with the code
beside it: the page is shown again, in the chosen language, only while the token is
fresh (``RECEIPT_SWITCH_MINUTES``, default 30 minutes) and only when the code still
matches the case's hash. The code never lands in a URL, the session cookie or a log.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app

from app.models.case import Case
from app.services import signed_links
from app.services.status import case_for_applicant

SALT = "receipt-language"


@dataclass(frozen=True)
class Receipt:
    """What the one-time page shows again: the case, the code posted back, and whether it was re-issued."""

    case: Case
    access_code: str
    again: bool


def token_for(reference: str, again: bool, now: datetime) -> str:
    """A signed token (URL-safe text) naming ``reference``, made at ``now`` (naive UTC); it holds no code."""
    return signed_links.make(SALT, {"r": reference, "a": bool(again)}, now)


def shown_again(token: str, access_code: str, now: datetime) -> Receipt:
    """The receipt behind ``token`` when ``access_code`` is the case's current code.

    Raises:
        signed_links.LinkInvalid: the token is altered, of another kind or older than
            ``RECEIPT_SWITCH_MINUTES``; or the code does not match (it was re-issued since,
            or was never this case's).
    """
    minutes = current_app.config["RECEIPT_SWITCH_MINUTES"]
    data = signed_links.read(SALT, token, now, timedelta(minutes=minutes))
    case = case_for_applicant(data.get("r"), access_code)
    if case is None:
        raise signed_links.LinkInvalid("code")
    return Receipt(case, access_code.strip(), bool(data.get("a")))
