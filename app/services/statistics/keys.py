"""Names of a breakdown's keys (channels, months, outcomes, grounds …) in Arabic or French.

Statutory names come from ``workflows.statute`` (grounds), categories from the
administrator's table, the rest from the translation catalogues (``app.labels``).
"""
from __future__ import annotations

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from app.labels import LABELS
from app.services.complaint_categories import category_name
from app.services.letter_text import MONTHS
from workflows.statute import GROUNDS

# Families whose keys are labelled here rather than in app.labels.LABELS.
OWN = {
    "status": {"answered": _l("Answered"), "deemed_refusal": _l("Deemed refusal"), "withdrawn": _l("Withdrawn"),
               "in_progress": _l("In progress"), "redirected": _l("Redirected")},
    "type": {"ordinary": _l("Ordinary"), "urgent": _l("Urgent")},
    "timeliness": {"on_time": _l("On time"), "late": _l("Late"), "deemed_refusal": _l("By deemed refusal")},
    "complaint_timeliness": {"within": _l("Within 60 days"), "beyond": _l("After 60 days")},
    "ruling": {"for_applicant": _l("In the applicant's favour"), "for_body": _l("In the body's favour")},
    "decision": {"upheld": _l("Refusal upheld"), "overturned": _l("Refusal overturned")},
}
UNKNOWN = _l("Not stated")


def key_labels(family: str | None, keys, lang: str,
               officers: dict[str, dict[str, str]] | None = None) -> dict[str, str]:
    """``{key: name in lang}`` for the ``keys`` of ``family`` (see ``indicators.Indicator.keys``).

    Args:
        family: the family of keys (``channel``, ``month``, ``ground`` …).
        keys: the keys to name.
        lang: ``ar`` or ``fr``.
        officers: username → {lang: full name in that language's script}, for the ``officer`` family.
    """
    with force_locale(lang):
        return {str(key): _label(family, str(key), lang, officers or {}) for key in keys}


def _label(family, key, lang, officers) -> str:
    if key == "unknown":
        return str(UNKNOWN)
    if family == "month":
        year, month = key.split("-")
        return f"{MONTHS[lang][int(month) - 1]} {year}"
    if family == "ground":
        ground = GROUNDS.get(key)
        return (ground.label_fr if lang == "fr" else ground.label_ar) if ground else key
    if family == "category":
        return category_name(key, lang)
    if family == "officer":
        return officers.get(key, {}).get(lang) or key
    if family == "rating":
        return key
    table = OWN.get(family) or LABELS.get(family, {})
    value = table.get(key)
    return str(value) if value is not None else key
