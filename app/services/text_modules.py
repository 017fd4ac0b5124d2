"""Text modules: reusable paragraphs in Arabic and French, kept by supervisors, inserted into answers.

A module has a title (unique) and its paragraph in both languages, so that it can be
inserted into a letter whatever the case's language. Inserting appends the paragraph
in the case's language to the text being written; the officer may still edit it.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func

from app.extensions import db
from app.models.text_module import TextModule
from app.services.calendar import utc_now
from app.services.intake import text_problem

LIMITS = {"title": 120, "body_ar": 5000, "body_fr": 5000}
MAX_PER_PAGE = 100


class TextModuleInvalid(ValueError):
    """Invalid fields: ``errors`` maps field names to messages."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


@dataclass(frozen=True)
class ModulePage:
    items: list[TextModule]
    total: int
    page: int
    per_page: int


def list_modules(page: int = 1, per_page: int = 20) -> ModulePage:
    """The modules by title, one page (``page`` from 1, ``per_page`` at most ``MAX_PER_PAGE``)."""
    page, per_page = max(page, 1), min(max(per_page, 1), MAX_PER_PAGE)
    total = db.session.execute(db.select(func.count(TextModule.id))).scalar_one()
    items = db.session.execute(db.select(TextModule).order_by(TextModule.title, TextModule.id)
                               .limit(per_page).offset((page - 1) * per_page)).scalars().all()
    return ModulePage(list(items), total, page, per_page)


def all_modules() -> list[TextModule]:
    """Every module by title (for the picker of the answer form)."""
    return list(db.session.execute(db.select(TextModule).order_by(TextModule.title, TextModule.id)).scalars())


def get_module(module_id) -> TextModule | None:
    """The module ``module_id``, or None."""
    return db.session.get(TextModule, module_id) if isinstance(module_id, int) else None


def save_module(fields: dict, actor, module: TextModule | None = None, now: datetime | None = None) -> TextModule:
    """Create (``module`` None) or update a module from ``{"title", "body_ar", "body_fr"}``, and commit.

    Raises:
        TextModuleInvalid: a field is missing, too long or not text, or the title is taken.
    """
    clean, errors = {}, {}
    for name, limit in LIMITS.items():
        value = fields.get(name)
        problem = "this field is required" if not isinstance(value, str) or not value.strip() else (
            text_problem(value, limit))
        if problem:
            errors[name] = problem
        else:
            clean[name] = value.strip()
    if "title" in clean and _title_taken(clean["title"], module):
        errors["title"] = "another text module has this title"
    if errors:
        raise TextModuleInvalid(errors)
    now = now or utc_now()
    if module is None:
        module = TextModule(created_by_id=actor.id, created_at=now)
        db.session.add(module)
    module.title, module.body_ar, module.body_fr, module.updated_at = (
        clean["title"], clean["body_ar"], clean["body_fr"], now)
    db.session.commit()
    return module


def delete_module(module: TextModule) -> None:
    """Delete ``module`` and commit (letters already issued keep their text)."""
    db.session.delete(module)
    db.session.commit()


def insert(text: str | None, module: TextModule, language: str) -> str:
    """``text`` with the module's paragraph in ``language`` appended, as a paragraph of its own."""
    body, text = module.body(language), (text or "").rstrip()
    return f"{text}\n\n{body}" if text else body


def _title_taken(title: str, module: TextModule | None) -> bool:
    stmt = db.select(TextModule.id).where(func.lower(TextModule.title) == title.lower())
    if module is not None and module.id is not None:
        stmt = stmt.where(TextModule.id != module.id)
    return db.session.execute(stmt).first() is not None
