"""What a file is, decided by its content: binary formats by signature, CSV by a strict text check.

The binary formats (PDF, images, office documents) are recognised by ``filetype``
(magic bytes). Office documents are ZIP archives: beyond the signature, the archive
must open and hold the part that makes it a document of that kind, and no macro
project (``vbaProject.bin``). CSV has no signature: a file is CSV only when it is
UTF-8 text (a BOM allowed), without control characters, whose rows all have the
same number of cells (separated by commas, semicolons or tabs), none of which a
spreadsheet would run as a formula (a cell starting with ``=``, ``+``, ``-`` or ``@``
that is not a number). The client's file name and Content-Type header are never trusted.
"""
from __future__ import annotations

import csv
import io
import re
import zipfile

import filetype
from babel.units import format_unit

CSV = "text/csv"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ODT = "application/vnd.oasis.opendocument.text"
ODS = "application/vnd.oasis.opendocument.spreadsheet"

# MIME type → the extension of the stored file and a short name people know.
EXTENSIONS = {
    "application/pdf": (".pdf", "PDF"), "image/png": (".png", "PNG"), "image/jpeg": (".jpg", "JPEG"),
    "image/gif": (".gif", "GIF"), "image/webp": (".webp", "WebP"), "image/tiff": (".tif", "TIFF"),
    DOCX: (".docx", "Word (DOCX)"), XLSX: (".xlsx", "Excel (XLSX)"), ODT: (".odt", "ODT"),
    ODS: (".ods", "ODS"), CSV: (".csv", "CSV"),
}
# The part an office archive must hold to be that kind of document.
MAIN_PARTS = {DOCX: "word/document.xml", XLSX: "xl/workbook.xml", ODT: "content.xml", ODS: "content.xml"}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
DELIMITERS = (",", ";", "\t")
NUMBER = re.compile(r"^[+-]?(\d[\d\s.,]*)(%)?$")
TEXT_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class FileRefused(ValueError):
    """A file whose content does not bear out its type: ``message`` is an English sentence
    with a ``%(name)s`` placeholder for the file's name (translated by the UI)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def identify(data: bytes, name: str = "") -> str | None:
    """The MIME type of ``data`` judged by its content, or None when it is no type known here.

    ``name`` only decides whether a file without signature is worth checking as CSV
    (its extension ``.csv``); the check itself is on the content.

    Raises:
        FileRefused: an office archive that is damaged or carries macros, or a
            ``.csv`` file that is not clean CSV text (``message`` says why).
    """
    guess = filetype.guess(data)
    if guess is not None:
        mime = "image/jpeg" if guess.mime == "image/jpg" else guess.mime
        if mime in MAIN_PARTS:
            _check_archive(data, mime)
        return mime if mime in EXTENSIONS else None
    if name.lower().endswith(".csv"):
        _check_csv(data)
        return CSV
    return None


def extension(mime: str) -> str:
    """The extension a stored file of type ``mime`` gets (``.pdf``, ``.docx`` …)."""
    return EXTENSIONS[mime][0]


def type_names(mimes) -> str:
    """``PDF, PNG, JPEG`` for a list of MIME types (for people)."""
    return ", ".join(EXTENSIONS[m][1] for m in mimes if m in EXTENSIONS)


# Babel (CLDR) unit names, largest first; binary multiples, as the limits are set.
SIZE_UNITS = (("digital-megabyte", 1024 * 1024), ("digital-kilobyte", 1024), ("digital-byte", 1))


def size_label(size: int, lang: str | None = None) -> str:
    """A size in bytes for people, in ``lang`` (default: the page's language, Arabic outside a request).

    Babel's unit names (CLDR): ``2.3 ميغابايت`` in Arabic, ``2,3 Mo`` in French; binary
    multiples (1 KB = 1,024 bytes), one decimal at most.
    """
    lang = lang or _page_language()
    unit, factor = next((unit, factor) for unit, factor in SIZE_UNITS if size >= factor or factor == 1)
    value = round(size / factor, 1)
    return format_unit(int(value) if value.is_integer() else value, unit,
                       length="short" if lang == "fr" else "long", locale=lang)


def _page_language() -> str:
    from flask_babel import get_locale

    try:
        return str(get_locale() or "ar")
    except RuntimeError:   # outside an application context
        return "ar"


def _check_archive(data: bytes, mime: str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, EOFError):
        raise FileRefused("The file %(name)s is a damaged office document.") from None
    if MAIN_PARTS[mime] not in names:
        raise FileRefused("The file %(name)s is a damaged office document.")
    if any(n.lower().endswith("vbaproject.bin") for n in names):
        raise FileRefused("The file %(name)s contains macros: office documents with macros are not accepted.")


def _check_csv(data: bytes) -> None:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileRefused("The file %(name)s is not UTF-8 text: a CSV file must be UTF-8.") from None
    if TEXT_CONTROLS.search(text):
        raise FileRefused("The file %(name)s is not plain text.")
    rows = _rows(text)
    if any(cell.startswith(FORMULA_START) and not NUMBER.match(cell.strip()) for row in rows for cell in row):
        raise FileRefused("The CSV file %(name)s contains spreadsheet formulas.")


def _rows(text: str) -> list[list[str]]:
    """The rows under the first separator (``,``, ``;`` or tab) that gives every row the same cells."""
    single, parsed = None, False
    for delimiter in DELIMITERS:
        try:
            rows = [row for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
                    if row]
        except csv.Error:
            continue     # e.g. a quoted cell holding another separator: try the next one
        parsed = True
        widths = {len(row) for row in rows}
        if rows and len(widths) == 1:
            if widths != {1}:
                return rows
            single = rows
    if not parsed:
        raise FileRefused("The file %(name)s is not well-formed CSV.")
    if single is None or any(d in text for d in DELIMITERS):   # separators, but no consistent table
        raise FileRefused("The rows of the CSV file %(name)s do not all have the same number of cells.")
    return single
