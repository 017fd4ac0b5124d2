"""API bearer tokens: issued per staff account, expiring, listed and revoked.

A token is accepted on ``/api`` only (``app.views.api.staff_required``), never on
the staff pages. It expires after ``API_TOKEN_DAYS`` (default 90) unless another
validity is asked for, up to ``MAX_DAYS``; its owner or an administrator revokes
it; a new password or a deactivated account revokes all of an account's tokens.
"""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import func, select, update

from app.extensions import db
from app.models.api_token import ApiToken, hash_token
from app.models.user import Role, User

MAX_DAYS = 366
NAME_LIMIT = 80
# Writing last_used_at on every call would turn each API read into a write.
LAST_USED_PRECISION = timedelta(hours=1)


class TokenError(ValueError):
    """A token that cannot be issued: ``errors`` maps fields to messages."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


class TokenNotFound(LookupError):
    """No token has that id."""


@dataclass(frozen=True)
class TokenPage:
    """One page of tokens, newest first."""

    items: list
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def issue(user: User, name: str, days: int | None, now: datetime) -> tuple[ApiToken, str]:
    """Create a token for ``user`` valid ``days`` days from ``now`` (naive UTC), and commit.

    Returns the row and the clear token, which is shown once and never stored.

    Raises:
        TokenError: the account is deactivated, the name is too long, or ``days`` is
            not 1 to ``MAX_DAYS``.
    """
    days = current_app.config.get("API_TOKEN_DAYS", 90) if days is None else days
    name = (name or "").strip()
    errors = {}
    if not user.active:
        errors["user"] = "the account is deactivated"
    if len(name) > NAME_LIMIT:
        errors["name"] = f"at most {NAME_LIMIT} characters"
    if not isinstance(days, int) or not 1 <= days <= MAX_DAYS:
        errors["days"] = f"a whole number of days from 1 to {MAX_DAYS}"
    if errors:
        raise TokenError(errors)
    clear = secrets.token_urlsafe(32)
    token = ApiToken(user=user, name=name, token_hash=hash_token(clear), created_at=now,
                     expires_at=now + timedelta(days=days))
    db.session.add(token)
    db.session.commit()
    return token, clear


def user_for(clear: str, now: datetime) -> User | None:
    """The active owner of the bearer token ``clear`` if it is in force at ``now``, else None."""
    if not clear:
        return None
    token = db.session.execute(select(ApiToken).filter_by(token_hash=hash_token(clear))).scalar_one_or_none()
    if token is None or not token.usable(now):
        return None
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_PRECISION:
        db.session.execute(update(ApiToken).where(ApiToken.id == token.id).values(last_used_at=now))
        db.session.commit()
    return token.user


def tokens_page(owner: User | None = None, page: int = 1, per_page: int = 50) -> TokenPage:
    """Tokens of ``owner`` (every account's when None), newest first, with their owners loaded."""
    query = select(ApiToken).options(db.joinedload(ApiToken.user), db.joinedload(ApiToken.revoked_by))
    count = select(func.count(ApiToken.id))
    if owner is not None:
        query, count = query.filter_by(user_id=owner.id), count.filter_by(user_id=owner.id)
    total = db.session.execute(count).scalar_one()
    page = max(1, min(page, max(1, -(-total // per_page))))
    rows = db.session.execute(query.order_by(ApiToken.id.desc()).limit(per_page)
                              .offset((page - 1) * per_page)).scalars().all()
    return TokenPage(list(rows), total, page, per_page)


def revoke(token_id: int, actor: User | None, now: datetime) -> ApiToken:
    """Revoke a token (its owner, an administrator, or the command line when ``actor`` is None), and commit.

    Revoking a revoked token changes nothing.

    Raises:
        TokenNotFound: no such token.
        PermissionError: ``actor`` is neither its owner nor an administrator.
    """
    token = db.session.get(ApiToken, token_id)
    if token is None:
        raise TokenNotFound(f"no token {token_id}")
    if actor is not None and token.user_id != actor.id and not actor.has_role(Role.ADMIN):
        raise PermissionError("only its owner or an administrator may revoke a token")
    if token.revoked_at is None:
        token.revoked_at, token.revoked_by = now, actor
        db.session.commit()
    return token


def status(token: ApiToken, now: datetime) -> str:
    """``active``, ``expired`` or ``revoked``."""
    if token.revoked_at is not None:
        return "revoked"
    return "expired" if token.expires_at <= now else "active"
