"""Words the letters share: dates (Gregorian and Hijri), labels of the case's fields.

Dates are Africa/Casablanca local dates. The Hijri date is the Umm al-Qura
calendar (``hijridate``): an approximation of the Moroccan lunar calendar, which
follows moon sighting and may differ by a day. Months carry their Moroccan names
in Arabic (يناير … دجنبر).
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date

from hijridate import Gregorian

from app import normalise

MONTHS = {
    "ar": ("يناير", "فبراير", "مارس", "أبريل", "ماي", "يونيو", "يوليوز", "غشت", "شتنبر", "أكتوبر",
           "نونبر", "دجنبر"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
           "octobre", "novembre", "décembre"),
}
HIJRI_MONTHS = {
    "ar": ("محرم", "صفر", "ربيع الأول", "ربيع الآخر", "جمادى الأولى", "جمادى الآخرة", "رجب", "شعبان",
           "رمضان", "شوال", "ذو القعدة", "ذو الحجة"),
    "fr": ("Moharram", "Safar", "Rabii al-awal", "Rabii at-tani", "Joumada al-oula", "Joumada at-tania",
           "Rajab", "Chaabane", "Ramadan", "Chaoual", "Dou al-qiida", "Dou al-hijja"),
}
WEEKDAYS = {
    "ar": ("الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"),
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
}

ACCESS_FORMS = {
    "consultation": {"ar": "الاطلاع المباشر بعين المكان", "fr": "consultation sur place"},
    "paper_copy": {"ar": "نسخة ورقية", "fr": "copie papier"},
    "electronic_copy": {"ar": "نسخة إلكترونية", "fr": "copie électronique"},
}
CHANNELS = {
    "portal": {"ar": "البوابة الإلكترونية للمجلس", "fr": "le portail électronique du Conseil"},
    "counter": {"ar": "الإيداع المباشر بمكتب الضبط", "fr": "dépôt au guichet"},
    "post": {"ar": "البريد", "fr": "voie postale"},
    "email": {"ar": "البريد الإلكتروني", "fr": "courrier électronique"},
    "national_portal": {"ar": "البوابة الوطنية", "fr": "le portail national"},
}
COMPLAINT_KINDS = {
    "complaint": {"ar": "شكاية", "ar_yours": "شكايتكم", "fr": "réclamation", "fr_yours": "votre réclamation"},
    "observation": {"ar": "ملاحظة", "ar_yours": "ملاحظتكم", "fr": "observation",
                    "fr_yours": "votre observation"},
    "proposal": {"ar": "اقتراح", "ar_yours": "اقتراحكم", "fr": "proposition", "fr_yours": "votre proposition"},
}


# The texts' own names, as the letters cite them.
TITLES = {
    "law": {"ar": "القانون رقم 31.13 المتعلق بالحق في الحصول على المعلومات",
            "fr": "loi n° 31.13 relative au droit d'accès à l'information"},
    "decree": {"ar": "المرسوم رقم 2.17.265 بتحديد كيفيات تلقي ملاحظات المرتفقين واقتراحاتهم "
                     "وتظلماتهم وتتبعها ومعالجتها",
               "fr": "décret n° 2.17.265 fixant les modalités de réception des observations, propositions "
                     "et réclamations des usagers, de leur suivi et de leur traitement"},
    "cdai": {"ar": "لجنة الحق في الحصول على المعلومات",
             "fr": "Commission du droit d'accès à l'information (CDAI)"},
}


def titles(lang: str) -> dict:
    """``TITLES`` in ``lang``: ``{"law": ..., "decree": ..., "cdai": ...}``."""
    return {key: names[lang] for key, names in TITLES.items()}


def gregorian(day: date, lang: str) -> str:
    """``27 أكتوبر 2025`` / ``27 octobre 2025``."""
    return f"{day.day} {MONTHS[lang][day.month - 1]} {day.year}"


def hijri(day: date, lang: str) -> str:
    """The Umm al-Qura Hijri date of ``day``: ``5 جمادى الأولى 1447`` / ``5 Joumada al-oula 1447``.

    Raises:
        OverflowError: ``day`` is outside the Umm al-Qura table (1924–2077).
    """
    h = Gregorian(day.year, day.month, day.day).to_hijri()
    return f"{h.day} {HIJRI_MONTHS[lang][h.month - 1]} {h.year}"


def long_date(day: date, lang: str) -> str:
    """A deadline as a citizen reads it: ``الجمعة 29 غشت 2025`` / ``vendredi 29 août 2025``."""
    return f"{WEEKDAYS[lang][day.weekday()]} {gregorian(day, lang)}"


def label(table: dict, key: str | None, lang: str) -> str:
    """The ``lang`` label of ``key`` in one of the tables above (the key itself if unknown)."""
    return table.get(key or "", {}).get(lang, key or "")


def direction(value) -> str:
    """``rtl`` when the first strong character of ``value`` is Arabic (or Hebrew), else ``ltr``.

    WeasyPrint ignores ``dir="auto"``; letters wrap each embedded value in a span
    of the direction this returns (the Unicode "first strong" rule). Values with
    no letter at all (numbers, phone numbers, dates in digits) are ``ltr``.
    """
    for char in str(value):
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "ltr"


# A left-to-right run inside Arabic text: Latin letters and digits, with the spaces and
# separators between them (phone numbers, references, "PK 37", "+212 6 61 23 45 67").
LTR_RUN = re.compile(r"[A-Za-z0-9\u00C0-\u024F+][A-Za-z0-9\u00C0-\u024F ./:+@_'-]*[A-Za-z0-9\u00C0-\u024F]"
                     r"|[A-Za-z0-9\u00C0-\u024F]")


def bidi_runs(value) -> list[tuple[str, str]]:
    """``value`` cut into ``(text, direction)`` runs, so each embedded Latin or numeric run
    of an Arabic text gets its own ``ltr`` span (WeasyPrint does not order weak runs such
    as ``0528-99-12-34`` inside right-to-left text). Text that starts left-to-right is one run.
    """
    text = normalise.strip_directional_controls(str(value))
    if direction(text) == "ltr":
        return [(text, "ltr")]
    runs, last = [], 0
    for match in LTR_RUN.finditer(text):
        if match.start() > last:
            runs.append((text[last:match.start()], "rtl"))
        runs.append((match.group(0), "ltr"))
        last = match.end()
    if last < len(text):
        runs.append((text[last:], "rtl"))
    return runs
