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
    full_name_ar: str
    title: str
    unit: str | None = None
    password: str = DEMO_PASSWORD


STAFF = (
    DemoAccount("officer", "information_officer", "Aïcha Boukhris", "عائشة بوخريص",
                "designated officer (الشخص المكلف, art. 12)"),
    DemoAccount("officer2", "information_officer", "Brahim Laaroussi", "إبراهيم العروسي", "second designated officer"),
    DemoAccount("complaints", "complaints_officer", "Hind Ennaji", "هند الناجي", "complaints unit"),
    DemoAccount("complaints2", "complaints_officer", "Omar Tamek", "عمر تامك", "complaints unit"),
    DemoAccount("supervisor", "supervisor", "Khalid El Haiba", "خالد الهيبة",
                "head of the citizens' relations service"),
    DemoAccount("president", "head", "Mahjoub Ould Salem", "محجوب ولد سالم",
                "President of the Regional Council (head of the body)"),
    DemoAccount("admin", "admin", "Rachida Belkhir", "رشيدة بلخير", "administrator"),
    DemoAccount("viewer", "viewer", "Lamine Bachir", "الأمين بشير", "read-only (internal audit)"),
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
        user = create_user(account.username, account.full_name, account.role, account.unit, account.password,
                           full_name_ar=account.full_name_ar)
        user.email = f"{account.username}@{MAIL_DOMAIN}"
        db.session.commit()
        created.append(account.username)
    return created
