"""A page shown again after a failed form says so: ``form_failures`` for ``templates/base.html``.

Flask's ``before_render_template`` signal sees each page's context before it renders. Every
form in it that holds errors — a form passed as such, or one inside a dict or a list (the
case page's ``forms``, one per action) — gives its failures, field by field in the form's
order: base.html then starts the title with "Error:" and, unless the page lists the errors
itself (``{% block error_summary %}``), opens the main content with a summary that links
each message to its field; ``static/js/page.js`` moves the focus there (WCAG 3.3.1, 2.4.3).
"""
from __future__ import annotations

from dataclasses import dataclass

from flask import before_render_template
from flask_babel import gettext
from wtforms import Form


@dataclass(frozen=True)
class Failure:
    """One line of the summary: the field's id (None for a form-wide message), its label, its messages."""

    field_id: str | None
    label: str
    messages: tuple[str, ...]


def form_failures(context: dict) -> list[Failure]:
    """The failures of every form with errors in a template's ``context``, each form once, in context order."""
    seen, failures = set(), []
    for value in context.values():
        items = value.values() if isinstance(value, dict) else value if isinstance(value, (list, tuple)) else (value,)
        for item in items:
            if isinstance(item, Form) and id(item) not in seen and item.errors:
                seen.add(id(item))
                failures.extend(failures_of(item))
    return failures


def failures_of(form: Form) -> list[Failure]:
    """One ``Failure`` per field with errors (nested lists and sub-forms flattened), then the form-wide ones."""
    out = []
    for field in form:
        if field.type == "CSRFTokenField":
            continue
        messages = tuple(_messages(field.errors))
        if messages:
            out.append(Failure(field.id, str(field.label.text), messages))
    csrf = getattr(form, "csrf_token", None)
    expired = (gettext("The form expired: reload the page and try again."),) if csrf is not None and csrf.errors else ()
    wide = tuple(str(m) for m in getattr(form, "form_errors", ()) if m) + expired
    return out + ([Failure(None, "", wide)] if wide else [])


def _messages(errors) -> list[str]:
    if isinstance(errors, dict):
        errors = list(errors.values())
    if isinstance(errors, (list, tuple)):
        return [m for e in errors for m in _messages(e)]
    return [str(errors)] if errors else []


def init_app(app) -> None:
    """Give every rendered page ``form_failures`` (a view may pass its own)."""
    def collect(sender, template, context, **extra):
        context.setdefault("form_failures", form_failures(context))

    before_render_template.connect(collect, app, weak=False)
