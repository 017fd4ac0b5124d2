"""Staff accounts and their roles."""
import hashlib
import secrets
from enum import Enum

from flask import current_app
from flask_login import UserMixin
from werkzeug.security import check_password_hash, generate_password_hash

from app.extensions import db
from app.models.columns import utcnow


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
    full_name = db.Column(db.String(200), nullable=False, default="")
    email = db.Column(db.String(254))   # where deadline reminders are sent (optional)
    role = db.Column(db.String(30), nullable=False)
    unit = db.Column(db.String(30))
    password_hash = db.Column(db.String(255), nullable=False)
    api_token_hash = db.Column(db.String(64), unique=True)
    active = db.Column(db.Boolean, nullable=False, default=True)
    # Bumped on password change or deactivation: it is part of the session id,
    # so every existing session ends.
    session_version = db.Column(db.Integer, nullable=False, default=1)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    @property
    def is_active(self) -> bool:
        return bool(self.active)

    def get_id(self) -> str:
        return f"{self.id}:{self.session_version}"

    def set_password(self, password: str) -> None:
        """Hash and store ``password``; ends the user's other sessions and API token."""
        self.password_hash = generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])
        self.session_version = (self.session_version or 0) + 1
        self.api_token_hash = None

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    def deactivate(self) -> None:
        self.active = False
        self.session_version = (self.session_version or 0) + 1
        self.api_token_hash = None

    def issue_token(self) -> str:
        """A new API bearer token (shown once; only its SHA-256 is stored)."""
        token = secrets.token_urlsafe(32)
        self.api_token_hash = hash_token(token)
        return token

    def has_role(self, *roles) -> bool:
        return self.role in {Role(r).value for r in roles}


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
