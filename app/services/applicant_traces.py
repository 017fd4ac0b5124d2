"""Traces of the applicant's identity in text meant for the public: name, CNIE number, e-mail, phone.

The disclosure log never publishes who asked (Law 09-08; art. 7's private life and
personal data). Staff review what they publish, and this check backs them up: a
published summary, or the extracted text of a file about to be published (a PDF's
text and metadata, a CSV, an office document's XML parts), is refused while it still
holds the applicant's full name (either order), CNIE number, e-mail address or phone
number. Matching is on folded text (``app.text_folding.fold``: Arabic letter forms,
accents, Arabic-Indic digits), with the separators inside numbers ignored.
Images and scans without a text layer cannot be checked: staff redact them by eye.
"""
from __future__ import annotations

import re
import zipfile
from io import BytesIO

from app.services.redaction import PDF, RedactionError, pdf_text
from app.text_folding import fold

PHONE_DIGITS = 9           # a Moroccan number without its 0 or +212
NUMBER_SEPARATORS = re.compile(r"(?<=\d)[\s\-.()/]+(?=\d)")
TAGS = re.compile(r"<[^>]+>")
OFFICE_PREFIXES = ("application/vnd.openxmlformats", "application/vnd.oasis")


def identifiers(party) -> dict[str, list[str]]:
    """The folded forms to look for, by kind (``name``, ``id_number``, ``email``, ``phone``); empty when none."""
    if party is None or party.anonymised_at is not None:
        return {}
    first, last = fold(party.first_name), fold(party.last_name)
    found = {
        "name": [f"{first} {last}", f"{last} {first}"] if first and last else [],
        "id_number": [fold(party.id_number)] if party.id_number and len(party.id_number.strip()) >= 4 else [],
        "email": [fold(party.email)] if party.email else [],
        "phone": [],
    }
    digits = re.sub(r"\D", "", fold(party.phone or ""))
    if len(digits) >= PHONE_DIGITS:
        found["phone"] = [digits[-PHONE_DIGITS:]]
    return {kind: values for kind, values in found.items() if values}


def traces(text: str | None, party) -> list[str]:
    """The kinds of the applicant's identifiers that ``text`` holds (``[]``: none), in a fixed order."""
    folded = fold(text)
    if not folded:
        return []
    compact = NUMBER_SEPARATORS.sub("", folded)
    found = []
    for kind, values in identifiers(party).items():
        # A name is matched as words; numbers and addresses whatever the spacing inside them.
        haystack = folded if kind == "name" else compact.replace(" ", "")
        if any((v if kind == "name" else v.replace(" ", "")) in haystack for v in values):
            found.append(kind)
    return found


def file_text(data: bytes, content_type: str) -> str:
    """What a reader could extract from a file as text ("" for images: they cannot be checked).

    Raises:
        RedactionError: a PDF that cannot be read.
    """
    if content_type == PDF:
        return pdf_text(data)
    if content_type == "text/csv":
        return data.decode("utf-8-sig", errors="replace")
    if content_type.startswith(OFFICE_PREFIXES):
        return _office_text(data)
    return ""


def _office_text(data: bytes) -> str:
    """The text of every XML part of an office archive (body, sheets, shared strings, properties)."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            parts = [archive.read(name).decode("utf-8", errors="replace")
                     for name in archive.namelist() if name.endswith(".xml")]
    except (zipfile.BadZipFile, OSError) as exc:
        raise RedactionError("The file cannot be read.") from exc
    return "\n".join(TAGS.sub(" ", part) for part in parts)
