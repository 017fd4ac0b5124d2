"""One canonical form for what a person types: digits of any script, invisible controls, spaces.

People in Morocco type Arabic-Indic digits (٠١٢٣٤٥٦٧٨٩), some keyboards Eastern
Arabic-Indic ones (۰۱۲۳۴۵۶۷۸۹), and phones slip bidirectional marks (RLM, LRM) and
zero-width characters into whatever is pasted. Every identifier, number and date read
from a person goes through this module BEFORE it is validated, stored or compared, so
that one card, one phone and one reference have one spelling (issue 7 §1). Free text
(a request, a subject, a message) keeps what was typed; it is isolated where it is shown.

Pure functions of strings; no Flask, no database. The WTForms filters of the forms are
these functions (a filter receives the field's data, possibly None).
"""
import re
import unicodedata

# Bidirectional embeddings, overrides and isolates (U+202A–202E, U+2066–2069), the marks
# LRM/RLM/ALM (U+200E, U+200F, U+061C), zero-width characters (U+200B–200D, U+2060–2064)
# and the byte-order mark (U+FEFF): invisible, and able to make "evil.exe" read "exe.live".
INVISIBLE = re.compile("[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
DIRECTIONAL = re.compile("[\u202a-\u202e\u2066-\u2069]")
SPACES = re.compile(r"\s+")
# Every decimal digit Unicode knows (Arabic-Indic, Eastern Arabic-Indic, Devanagari,
# full-width …): ``\d`` on a ``str`` pattern is the Unicode category Nd.
ANY_DIGIT = re.compile(r"\d")
# Hyphens and dashes of every kind (Unicode Pd) and the minus sign, as typed in a reference.
DASHES = re.compile("[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]")


def ascii_digits(text: str) -> str:
    """``text`` with every decimal digit of any script as its ASCII digit (``٢٠٢٦`` → ``2026``)."""
    return ANY_DIGIT.sub(lambda m: str(unicodedata.decimal(m.group())), text)


def strip_invisible(text: str) -> str:
    """``text`` without bidirectional controls, marks and zero-width characters."""
    return INVISIBLE.sub("", text)


def strip_directional_controls(text: str) -> str:
    """``text`` without embeddings, overrides and isolates (U+202A–202E, U+2066–2069).

    For places that give user text its own direction themselves (letters): an override
    left open there could reorder the words printed after it.
    """
    return DIRECTIONAL.sub("", text)


def isolate(value) -> str:
    """``value`` between FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE (U+2068 … U+2069).

    For plain text (e-mails): a name in Latin letters inside an Arabic greeting, or one
    carrying a stray override, is laid out on its own and cannot reorder the sentence.
    """
    return f"\u2068{strip_directional_controls(str(value))}\u2069"


def has_invisible(text: str) -> bool:
    """True when ``text`` holds a bidirectional control, mark or zero-width character."""
    return INVISIBLE.search(text) is not None


def identifier(value):
    """The canonical form of a typed identifier, number or date (reference, code, card, phone).

    NFKC (full-width ``ＳＨ`` → ``SH``), invisible controls removed, digits of any script
    made ASCII, surrounding spaces stripped. Superscripts, fractions and other numeric
    signs that are not decimal digits (``²``, ``½``, ``①``) are kept as typed, so that the
    validator refuses them rather than read ``²⁰²⁶`` as a year. Case is kept: callers
    that compare case-insensitively upper-case. Non-strings are returned as given.
    """
    if not isinstance(value, str):
        return value
    folded = "".join(c if unicodedata.category(c) == "No" else unicodedata.normalize("NFKC", c) for c in value)
    return ascii_digits(strip_invisible(folded)).strip()


def compact_identifier(value):
    """``identifier`` upper-cased and without any space or dash inside (``sh 123-456`` → ``SH123456``)."""
    if not isinstance(value, str):
        return value
    return re.sub(r"[\s\-_.]+", "", identifier(value)).upper()


def reference(value):
    """A typed case reference: ``identifier`` upper-cased, spaces removed, any dash made ``-``.

    ``DAI-٢٠٢٦-٠٠٠٠٠١``, `` dai‐2026‐000001 `` and ``DAI 2026 000001`` are all ``DAI-2026-000001``
    (spaces between the parts count as dashes).
    """
    if not isinstance(value, str):
        return value
    text = DASHES.sub("-", identifier(value)).upper()
    return re.sub(r"\s*-\s*|\s+", "-", text)


def name(value):
    """A person's or an organisation's name: NFC, invisible controls removed, spaces collapsed.

    A name has no business carrying a direction override (U+202E would show "Ali" as
    "ilA" and reorder what follows it on a letter); the marks that phone keyboards insert
    by themselves are removed too, silently, rather than refusing a genuine name.
    """
    if not isinstance(value, str):
        return value
    return SPACES.sub(" ", strip_invisible(unicodedata.normalize("NFC", value))).strip()


def address(value):
    """A postal address: NFC, invisible controls removed, surrounding spaces stripped; lines kept."""
    if not isinstance(value, str):
        return value
    return strip_invisible(unicodedata.normalize("NFC", value)).strip()


def free_text(value):
    """Free text (a request, a subject, a message): NFC and surrounding spaces stripped, nothing else.

    Controls inside are kept as typed (a quoted Arabic phrase may need a mark); every
    page, letter and e-mail isolates user text when it shows it.
    """
    if not isinstance(value, str):
        return value
    return unicodedata.normalize("NFC", value).strip()
