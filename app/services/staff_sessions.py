"""Staff sign-in: one server-side record per session, and a sign-in that reveals no username.

The browser's (signed) session cookie carries a random session id; the database
keeps its SHA-256 with an expiry (``STAFF_SESSION_HOURS``). Every staff request
checks that record, so signing out ends the session wherever the cookie was
copied, and an expired session opens nothing.
"""
from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from functools import lru_cache

from flask import current_app
from sqlalchemy import select, update
from werkzeug.security import check_password_hash, generate_password_hash

from app.extensions import db
from app.models.staff_session import StaffSession
from app.models.user import User


def authenticate(username: str, password: str) -> User | None:
    """The active account ``username`` if ``password`` is its password, else None.

    Exactly one password-hash check is made whatever the outcome: an unknown or
    deactivated account is checked against a dummy hash of the same method, so the
    answer's timing does not tell which usernames exist.
    """
    user = db.session.execute(select(User).filter_by(username=(username or "").strip())).scalar_one_or_none()
    known = user is not None and user.active
    stored = user.password_hash if known else dummy_password_hash(current_app.config["PASSWORD_HASH_METHOD"])
    matched = check_password_hash(stored, password or "")
    return user if known and matched else None


@lru_cache(maxsize=4)
def dummy_password_hash(method: str) -> str:
    """A hash of a random password, made with ``method`` (the cost of a real check)."""
    return generate_password_hash(secrets.token_urlsafe(16), method=method)


def start(user: User, now: datetime) -> str:
    """Record a new session for ``user`` and commit; returns the id to keep in the session cookie."""
    session_id = secrets.token_urlsafe(32)
    hours = current_app.config.get("STAFF_SESSION_HOURS", 12)
    db.session.add(StaffSession(id_hash=_digest(session_id), user_id=user.id, created_at=now,
                                expires_at=now + timedelta(hours=hours)))
    db.session.commit()
    return session_id


def current_user_of(session_id: str | None, user_id: int, now: datetime) -> User | None:
    """The user of a session still in force at ``now`` (one query), else None."""
    if not session_id:
        return None
    record = db.session.get(StaffSession, _digest(session_id))
    if record is None or record.user_id != user_id or record.ended_at is not None or record.expires_at <= now:
        return None
    return record.user


def end(session_id: str | None, now: datetime) -> None:
    """End the session (sign-out) and commit; an unknown id changes nothing."""
    if session_id:
        db.session.execute(update(StaffSession).where(StaffSession.id_hash == _digest(session_id),
                                                      StaffSession.ended_at.is_(None)).values(ended_at=now))
        db.session.commit()


def _digest(session_id: str) -> str:
    return hashlib.sha256(session_id.encode()).hexdigest()
