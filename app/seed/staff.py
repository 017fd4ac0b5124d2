"""The demo staff of the Laâyoune-Sakia El Hamra Regional Council (names invented)."""
from __future__ import annotations

from dataclasses import dataclass

from app.extensions import db
from app.models.user import User
from app.services.staff_accounts import create_user

DEMO_PASSWORD = "nafida-demo-2026"
MAIL_DOMAIN = "region-laayoune.example"


@dataclass(frozen=True)
class DemoAccount:
    """One demo login: who it is, what it may do, and the password it was created with."""

    username: str
    role: str
    full_name: str
    title: str
    unit: str | None = None
    password: str = DEMO_PASSWORD


STAFF = (
    DemoAccount("officer", "information_officer", "Aïcha Boukhris",
                "designated officer (الشخص المكلف, art. 12)"),
    DemoAccount("officer2", "information_officer", "Brahim Laaroussi", "second designated officer"),
    DemoAccount("complaints", "complaints_officer", "Hind Ennaji", "complaints unit"),
    DemoAccount("complaints2", "complaints_officer", "Omar Tamek", "complaints unit"),
    DemoAccount("supervisor", "supervisor", "Khalid El Haiba", "head of the citizens' relations service"),
    DemoAccount("president", "head", "Mahjoub Ould Salem", "President of the Regional Council (head of the body)"),
    DemoAccount("admin", "admin", "Rachida Belkhir", "administrator"),
    DemoAccount("viewer", "viewer", "Lamine Bachir", "read-only (internal audit)"),
)


def ensure_staff() -> list[str]:
    """Create the demo accounts that do not exist yet; returns the usernames created.

    An existing account is left exactly as it is (its password may have changed).
    """
    existing = set(db.session.execute(db.select(User.username)).scalars())
    created = []
    for account in STAFF:
        if account.username in existing:
            continue
        user = create_user(account.username, account.full_name, account.role, account.unit, account.password)
        user.email = f"{account.username}@{MAIL_DOMAIN}"
        db.session.commit()
        created.append(account.username)
    return created
