"""Counted nouns for texts written directly in Arabic or French (the letters).

Pages and e-mails count through the catalogues' ``ngettext`` (six Arabic forms,
two French). Letters are templates written in their own language, so they take
the noun form from this table, chosen by the count's CLDR plural category
(Babel's ``Locale.plural_form``): Arabic zero / one / two / few (3–10) /
many (11–99) / other (100, 101, 102 …); French one (0 and 1) / other.

Arabic forms are the genitive used after "أجل" or "بـ" in the letters
("داخل أجل يومين", "داخل أجل 20 يوم عمل"); ``{n}`` is the count in digits.
"""
from __future__ import annotations

from babel import Locale

NOUNS = {
    "working_day": {
        "ar": {"zero": "{n} يوم عمل", "one": "يوم عمل واحد", "two": "يومي عمل", "few": "{n} أيام عمل",
               "many": "{n} يوم عمل", "other": "{n} يوم عمل"},
        "fr": {"one": "{n} jour ouvrable", "other": "{n} jours ouvrables"},
    },
    "day": {
        "ar": {"zero": "{n} يوم", "one": "يوم واحد", "two": "يومين", "few": "{n} أيام",
               "many": "{n} يوما", "other": "{n} يوم"},
        "fr": {"one": "{n} jour", "other": "{n} jours"},
    },
    "letter": {
        "ar": {"zero": "{n} رسالة", "one": "رسالة واحدة", "two": "رسالتين", "few": "{n} رسائل",
               "many": "{n} رسالة", "other": "{n} رسالة"},
        "fr": {"one": "{n} lettre", "other": "{n} lettres"},
    },
    "file": {
        "ar": {"zero": "{n} ملف", "one": "ملف واحد", "two": "ملفين", "few": "{n} ملفات",
               "many": "{n} ملفا", "other": "{n} ملف"},
        "fr": {"one": "{n} fichier", "other": "{n} fichiers"},
    },
}


def plural_category(count: int, lang: str) -> str:
    """The CLDR plural category of ``count`` in ``lang`` (``ar`` or ``fr``): ``zero`` … ``other``.

    French "many" (millions) is written like "other".
    """
    category = Locale.parse(lang).plural_form(abs(count))
    return "other" if lang == "fr" and category == "many" else category


def counted(count: int, noun: str, lang: str) -> str:
    """``count`` with ``noun`` in the form its count takes: ``counted(2, "day", "ar") == "يومين"``.

    Args:
        count: the number (an int).
        noun: a key of ``NOUNS`` (``working_day``, ``day``, ``letter``, ``file``).
        lang: ``ar`` or ``fr`` (anything else is written in Arabic).

    Raises:
        KeyError: unknown noun.
    """
    lang = lang if lang in ("ar", "fr") else "ar"
    return NOUNS[noun][lang][plural_category(count, lang)].format(n=count)


def day_count(count: int, counting: str, lang: str) -> str:
    """``count`` working or calendar days (``counting`` is ``"working"`` or ``"calendar"``) in ``lang``."""
    return counted(count, "working_day" if counting == "working" else "day", lang)
