"""Staff accounts and their roles."""
import secrets
from datetime import timedelta
from enum import Enum

from flask import current_app
from flask_login import UserMixin
from werkzeug.security import check_password_hash, generate_password_hash

from app.extensions import db
from app.models.api_token import ApiToken, hash_token
from app.models.columns import utcnow

__all__ = ["DEFAULT_UNIT", "Role", "Unit", "User", "hash_token"]


class Role(str, Enum):
    ADMIN = "admin"
    SUPERVISOR = "supervisor"
    INFORMATION_OFFICER = "information_officer"   # the designated officer (art. 12)
    COMPLAINTS_OFFICER = "complaints_officer"     # مصلحة تدبير الشكايات
    HEAD = "head"                                 # head of the body (art. 19)
    VIEWER = "viewer"


class Unit(str, Enum):
    INFORMATION = "information"
    COMPLAINTS = "complaints"


DEFAULT_UNIT = {Role.INFORMATION_OFFICER: Unit.INFORMATION, Role.COMPLAINTS_OFFICER: Unit.COMPLAINTS}


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id = db.Column(db.Integer, primary_key=True)
    username = db.Column(db.String(80), unique=True, nullable=False)
    # The name in Latin script (French pages and letters) and in Arabic script (Arabic ones).
    full_name = db.Column(db.String(200), nullable=False, default="")
    full_name_ar = db.Column(db.String(200), nullable=False, default="", server_default="")
    email = db.Column(db.String(254))   # where deadline reminders are sent (optional)
    role = db.Column(db.String(30), nullable=False)
    unit = db.Column(db.String(30))
    password_hash = db.Column(db.String(255), nullable=False)
    active = db.Column(db.Boolean, nullable=False, default=True)
    # Bumped on password change or deactivation: it is part of the session id,
    # so every existing session ends.
    session_version = db.Column(db.Integer, nullable=False, default=1)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    def name_in(self, lang: str) -> str:
        """The name to show in ``lang``: Arabic script for ``ar``, Latin for ``fr``.

        Falls back on the other script, then on the username, when a name is unset.
        """
        first, second = (self.full_name_ar, self.full_name) if lang == "ar" else (self.full_name, self.full_name_ar)
        return first or second or self.username

    api_tokens = db.relationship("ApiToken", foreign_keys="ApiToken.user_id", back_populates="user",
                                 order_by="ApiToken.id")

    @property
    def is_active(self) -> bool:
        return bool(self.active)

    def get_id(self) -> str:
        return f"{self.id}:{self.session_version}"

    def set_password(self, password: str) -> None:
        """Hash and store ``password``; ends the user's other sessions and revokes their API tokens."""
        self.password_hash = generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])
        self.session_version = (self.session_version or 0) + 1
        self.revoke_tokens()

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    def deactivate(self) -> None:
        self.active = False
        self.session_version = (self.session_version or 0) + 1
        self.revoke_tokens()

    def issue_token(self, name: str = "", days: int | None = None) -> str:
        """A new API bearer token, valid ``days`` (default ``API_TOKEN_DAYS``); shown once, only its SHA-256 kept.

        See ``app.services.tokens`` for listing and revoking.
        """
        token = secrets.token_urlsafe(32)
        days = days or current_app.config.get("API_TOKEN_DAYS", 90)
        now = utcnow()
        self.api_tokens.append(ApiToken(name=name, token_hash=hash_token(token), created_at=now,
                                        expires_at=now + timedelta(days=days)))
        return token

    def revoke_tokens(self) -> None:
        """Revoke every API token still in force (password changed, account deactivated)."""
        now = utcnow()
        for token in self.api_tokens:
            token.revoked_at = token.revoked_at or now

    def has_role(self, *roles) -> bool:
        return self.role in {Role(r).value for r in roles}
