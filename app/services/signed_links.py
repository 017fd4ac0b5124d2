"""Signed, expiring links e-mailed to applicants (itsdangerous), dated by the caller's ``now``.

The payload carries its own issue time, so that services take ``now`` like the
rest of the code (and tests freeze it); the signature (``SECRET_KEY`` and a salt
per kind of link) makes it unforgeable and unusable for another kind of link.
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer


class LinkInvalid(ValueError):
    """The link is altered, expired, already used, or what it names has changed."""


def make(salt: str, data: dict, now: datetime) -> str:
    """A URL-safe token carrying ``data`` and the instant ``now`` (naive UTC)."""
    return _serializer(salt).dumps({**data, "t": _epoch(now)})


def read(salt: str, token: str, now: datetime, max_age: timedelta) -> dict:
    """The data of a token made by ``make`` with ``salt``, no older than ``max_age`` at ``now``.

    Raises:
        LinkInvalid: altered, of another kind, expired, or dated in the future.
    """
    try:
        data = _serializer(salt).loads(token)
    except BadSignature:
        raise LinkInvalid("altered") from None
    issued = data.get("t") if isinstance(data, dict) else None
    if not isinstance(issued, int) or not 0 <= _epoch(now) - issued <= max_age.total_seconds():
        raise LinkInvalid("expired")
    return data


def _epoch(moment: datetime) -> int:
    return int(moment.replace(tzinfo=timezone.utc).timestamp())


def _serializer(salt: str) -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=salt)
