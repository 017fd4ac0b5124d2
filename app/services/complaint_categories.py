"""Complaint categories: the administrator's list (Arabic and French names, active, order).

Intake (portal, staff registration, API) accepts the code of an active category;
staff may change a case's category later (audited on its timeline). The ten
categories the Council started with are seeded by the migration and by
``seed_default_categories`` (demo, tests), with the codes cases already carry.
"""
from __future__ import annotations

import re
from flask import g, has_app_context
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.models.complaint_category import ComplaintCategory
from app.services import intake

CODE = re.compile(r"^[a-z][a-z0-9_]{1,59}$")
DEFAULT_CODE = "other"
# code, Arabic, French: the Council's first list (kept in the migration too).
DEFAULTS = (
    ("subsidies", "الدعم والمنح المقدمة للجمعيات", "Subventions et aides aux associations"),
    ("roads", "الطرق والمسالك", "Routes et pistes"),
    ("transport", "النقل", "Transport"),
    ("water", "الماء والتطهير", "Eau et assainissement"),
    ("environment", "البيئة", "Environnement"),
    ("services", "الخدمات الإدارية", "Services administratifs"),
    ("participation", "المشاركة المواطنة والعرائض", "Participation citoyenne et pétitions"),
    ("urbanism", "التعمير وإعداد التراب", "Urbanisme et aménagement du territoire"),
    ("economy", "التنمية الاقتصادية والاستثمار", "Développement économique et investissement"),
    ("other", "أخرى", "Autre"),
)


class CategoryError(ValueError):
    """A category change that cannot be made: ``errors`` maps fields to messages."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


def all_categories() -> list[ComplaintCategory]:
    """Every category, active or not, in the administrator's order."""
    stmt = db.select(ComplaintCategory).order_by(ComplaintCategory.position, ComplaintCategory.id)
    return list(db.session.execute(stmt).scalars())


def active_categories() -> list[ComplaintCategory]:
    """The categories offered at intake, in order."""
    return [c for c in all_categories() if c.active]


def active_codes() -> list[str]:
    return [c.code for c in active_categories()]


def names() -> dict[str, tuple[str, str]]:
    """code → (Arabic name, French name) of every category (once per app context)."""
    if has_app_context() and "complaint_category_names" in g:
        return g.complaint_category_names
    table = {c.code: (c.name_ar, c.name_fr) for c in all_categories()}
    if has_app_context():
        g.complaint_category_names = table
    return table


def category_name(code: str | None, lang: str) -> str:
    """The category's name in ``lang``; the code itself when unknown, "" for None."""
    if not code:
        return ""
    pair = names().get(code)
    return (pair[1] if lang == "fr" else pair[0]) if pair else code


def _forget() -> None:
    if has_app_context():
        g.pop("complaint_category_names", None)


def seed_default_categories() -> int:
    """Insert the default categories that are missing (by code); commit. Returns rows added."""
    present = {c.code for c in all_categories()}
    added = [ComplaintCategory(code=code, name_ar=ar, name_fr=fr, position=10 * (i + 1))
             for i, (code, ar, fr) in enumerate(DEFAULTS) if code not in present]
    db.session.add_all(added)
    db.session.commit()
    _forget()
    return len(added)


def _clean_names(name_ar, name_fr, errors: dict) -> tuple[str, str]:
    out = []
    for field, value in (("name_ar", name_ar), ("name_fr", name_fr)):
        value = (value or "").strip() if isinstance(value, str) else value
        problem = "this field is required" if not value else intake.text_problem(value, 200)
        if problem:
            errors[field] = problem
        out.append(value if not problem else "")
    return out[0], out[1]


def create_category(code: str, name_ar: str, name_fr: str, position: int | None = None) -> ComplaintCategory:
    """Add an active category and commit.

    Raises:
        CategoryError: a code not of lower-case letters, digits and underscores, a code
            already taken, or a missing name.
    """
    errors: dict[str, str] = {}
    code = (code or "").strip()
    if not CODE.match(code):
        errors["code"] = "lower-case letters, digits and underscores, starting with a letter"
    name_ar, name_fr = _clean_names(name_ar, name_fr, errors)
    if errors:
        raise CategoryError(errors)
    if position is None:
        position = max((c.position for c in all_categories()), default=0) + 10
    category = ComplaintCategory(code=code, name_ar=name_ar, name_fr=name_fr, position=position, active=True)
    db.session.add(category)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise CategoryError({"code": "this code is already used"}) from None
    _forget()
    return category


def update_category(category_id: int, name_ar: str, name_fr: str, position: int, active: bool) -> ComplaintCategory:
    """Rename, reorder, activate or deactivate a category (its code never changes); commit.

    The default category (``other``) stays active: intake falls back on it.

    Raises:
        CategoryError: no such category, a missing name, or ``other`` made inactive.
    """
    category = db.session.get(ComplaintCategory, category_id)
    if category is None:
        raise CategoryError({"id": "no such category"})
    errors: dict[str, str] = {}
    name_ar, name_fr = _clean_names(name_ar, name_fr, errors)
    if category.code == DEFAULT_CODE and not active:
        errors["active"] = "the default category stays active"
    if errors:
        raise CategoryError(errors)
    category.name_ar, category.name_fr, category.position, category.active = name_ar, name_fr, position, active
    db.session.commit()
    _forget()
    return category
