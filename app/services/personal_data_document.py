"""The export of an applicant's personal data as a PDF document (right of access, Law 09-08 art. 7).

Rendered like the letters (their Jinja environment, autoescaped, and WeasyPrint
through ``app.pdf``, which loads nothing but the letter assets), in the case's
language. It is not a letter: it is not stored, only handed to the applicant.
"""
from __future__ import annotations

from datetime import datetime

from flask import current_app
from flask_babel import force_locale

from app.labels import label, local_dt
from app.services import letters
from app.services.calendar import utc_now
from app.services.letter_text import gregorian
from workflows.calendar import local_date


def export_pdf(case, data: dict, now: datetime | None = None) -> bytes:
    """The PDF of ``data`` (``personal_data.export``) for the applicant of ``case``."""
    return letters.render_pdf(export_html(case, data, now))


def export_html(case, data: dict, now: datetime | None = None) -> str:
    """The export as an HTML document (for tests and previews)."""
    lang = case.language if case.language in ("ar", "fr") else "ar"
    suffix = "_" + lang
    institution = {key.removesuffix(suffix): value for key, value in current_app.config["INSTITUTION"].items()
                   if key.endswith(suffix)}
    template = letters.letter_environment().get_template("letters/personal_data_export.html")
    with force_locale(lang):
        return template.render(lang=lang, dir="rtl" if lang == "ar" else "ltr", data=data, inst=institution,
                               reference=case.reference, issued=gregorian(local_date(now or utc_now()), lang),
                               cndp=current_app.config.get("CNDP_REFERENCE") or "", name=label, when=_when)


def _when(instant: str | None) -> str:
    """An export's ISO-8601 UTC instant as Casablanca local date and time."""
    return local_dt(datetime.fromisoformat(instant.rstrip("Z"))) if instant else ""
