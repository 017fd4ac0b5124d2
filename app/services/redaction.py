"""True redaction of PDF and image files with PyMuPDF (MuPDF): what is under a box is removed, not covered.

* PDF: each box becomes a redaction annotation, then ``apply_redactions`` removes the
  text whose characters touch the box, blanks the pixels of images under it and
  removes the line art it covers, and paints the box black with its article. The
  document is then scrubbed (metadata, XMP, attached and embedded files, JavaScript,
  links, form fields, hidden text, thumbnails) and written anew with garbage
  collection, so no earlier content stream or object survives in the file.
* Images (PNG, JPEG): decoded, the boxes filled black, encoded anew — which drops
  EXIF, XMP and text chunks (camera, GPS, author).

Boxes are given as the page is shown (``render_page``): page numbers from 1, corners
in PDF points (images: pixels) from the top-left corner of the page as displayed,
rotation included. PyMuPDF is AGPL-3.0 (see docs/architecture.md, "Disclosure log").
"""
from __future__ import annotations

import html
from collections import defaultdict
from dataclasses import dataclass

import pymupdf

PDF, PNG, JPEG = "application/pdf", "image/png", "image/jpeg"
REDACTABLE = (PDF, PNG, JPEG)
PREVIEW_WIDTH = 1000      # pixels of a rendered page on the staff page
MAX_IMAGE_SIDE = 2000     # larger images are shown halved until they fit


class RedactionError(ValueError):
    """The file cannot be read or redacted (damaged, encrypted, a box off the page): ``message`` says why."""

    def __init__(self, message: str, **values):
        super().__init__(message % values if values else message)
        self.message, self.values = message, values


@dataclass(frozen=True)
class Box:
    """An area to withhold: ``page`` from 1; corners as displayed (PDF points or image pixels)."""

    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    label: str = ""      # printed on the black box (the article), Latin script only

    @property
    def corners(self) -> tuple[float, float, float, float]:
        return (self.x0, self.y0, self.x1, self.y1)


def _open(data: bytes, content_type: str):
    try:
        doc = pymupdf.open(stream=data, filetype="pdf" if content_type == PDF else None)
    except (RuntimeError, ValueError) as exc:
        raise RedactionError("The file cannot be read.") from exc
    if doc.needs_pass:
        raise RedactionError("The PDF is protected by a password: publish an unprotected copy.")
    return doc


def page_sizes(data: bytes, content_type: str) -> list[tuple[float, float]]:
    """``(width, height)`` of each page as displayed: PDF points, or the image's pixels.

    Raises:
        RedactionError: the file cannot be read.
    """
    if content_type != PDF:
        pix = _pixmap(data)
        return [(pix.width, pix.height)]
    with _open(data, content_type) as doc:
        return [(page.rect.width, page.rect.height) for page in doc]


def render_page(data: bytes, content_type: str, page: int, width: int = PREVIEW_WIDTH) -> bytes:
    """Page ``page`` (from 1) as a PNG about ``width`` pixels wide (images: as stored, halved if huge).

    Raises:
        RedactionError: unreadable file, or no such page.
    """
    if content_type != PDF:
        pix = _pixmap(data)
        while max(pix.width, pix.height) > MAX_IMAGE_SIDE:
            pix.shrink(1)
        return pix.tobytes("png")
    with _open(data, content_type) as doc:
        if not 1 <= page <= doc.page_count:
            raise RedactionError("The document has no page %(page)d.", page=page)
        shown = doc[page - 1]
        zoom = width / max(shown.rect.width, 1)
        return shown.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), alpha=False).tobytes("png")


def find_text(data: bytes, needle: str) -> list[Box]:
    """Every place ``needle`` appears in a PDF's text, one box per line of each occurrence (as displayed).

    Arabic is matched on the text's logical order (MuPDF's extraction); a scanned page
    without a text layer has nothing to find.
    """
    needle = (needle or "").strip()
    if not needle:
        return []
    found = []
    with _open(data, PDF) as doc:
        for number, page in enumerate(doc, start=1):
            rects = [r * page.rotation_matrix for r in page.search_for(needle)]
            found += [Box(number, *r) for r in _merged(rects)]
    return found


def _merged(rects) -> list[tuple[float, float, float, float]]:
    """Glyph rectangles of one line that touch (MuPDF returns Arabic glyph by glyph) joined into one."""
    out: list[list[float]] = []
    for r in sorted(rects, key=lambda r: (round(r.y0), r.x0)):
        last = out[-1] if out else None
        if last and abs(last[1] - r.y0) < 2 and r.x0 <= last[2] + 3:
            last[2], last[3] = max(last[2], r.x1), max(last[3], r.y1)
        else:
            out.append([r.x0, r.y0, r.x1, r.y1])
    return [tuple(b) for b in out]


def redact(data: bytes, content_type: str, boxes: list[Box], log_html: str | None = None) -> bytes:
    """The file with every box truly removed and its metadata stripped (see the module docstring).

    Args:
        data: the source file (PDF, PNG or JPEG).
        boxes: the areas to remove.
        log_html: a PDF's redaction log, appended as a last page (escaped HTML; None: no page).

    Raises:
        RedactionError: unreadable or encrypted file, a box on a page the file lacks, or a
            type that cannot be redacted.
    """
    if content_type == PDF:
        return _redact_pdf(data, boxes, log_html)
    if content_type in (PNG, JPEG):
        return _redact_image(data, content_type, boxes)
    raise RedactionError("Only PDF, PNG and JPEG files can be redacted.")


def _redact_pdf(data: bytes, boxes: list[Box], log_html: str | None) -> bytes:
    with _open(data, PDF) as doc:
        by_page = defaultdict(list)
        for box in boxes:
            if not 1 <= box.page <= doc.page_count:
                raise RedactionError("The document has no page %(page)d.", page=box.page)
            by_page[box.page].append(box)
        for number, page_boxes in by_page.items():
            page = doc[number - 1]
            for box in page_boxes:
                rect = pymupdf.Rect(box.corners) * page.derotation_matrix
                page.add_redact_annot(rect, text=box.label or None, fontsize=7, fill=(0, 0, 0), text_color=(1, 1, 1))
            page.apply_redactions(images=pymupdf.PDF_REDACT_IMAGE_PIXELS,
                                  graphics=pymupdf.PDF_REDACT_LINE_ART_REMOVE_IF_COVERED,
                                  text=pymupdf.PDF_REDACT_TEXT_REMOVE)
        doc.scrub(redactions=False)   # applied above, with the image and line-art options
        if log_html:
            _append_log(doc, log_html)
            doc.subset_fonts()   # the log page's fonts: only the glyphs it uses
        doc.set_metadata({})
        return doc.tobytes(garbage=4, deflate=True, clean=True)


def _append_log(doc, log_html: str) -> None:
    width, height = (doc[-1].rect.width, doc[-1].rect.height) if doc.page_count else (595, 842)
    page = doc.new_page(width=width, height=height)
    page.insert_htmlbox(pymupdf.Rect(36, 36, width - 36, height - 36), log_html,
                        css="* {font-family: sans-serif; font-size: 9pt} h1 {font-size: 12pt} "
                            "td, th {border: 0.5pt solid #888; padding: 2pt}")


def _pixmap(data: bytes):
    try:
        pix = pymupdf.Pixmap(data)
    except (RuntimeError, ValueError) as exc:
        raise RedactionError("The file cannot be read.") from exc
    if pix.colorspace is None or pix.colorspace.n != 3:
        pix = pymupdf.Pixmap(pymupdf.csRGB, pix)
    if pix.alpha:
        pix = pymupdf.Pixmap(pix, 0)
    return pix


def _redact_image(data: bytes, content_type: str, boxes: list[Box]) -> bytes:
    pix = _pixmap(data)
    for box in boxes:
        if box.page != 1:
            raise RedactionError("The document has no page %(page)d.", page=box.page)
        area = pymupdf.IRect(pymupdf.Rect(box.corners)) & pix.irect
        if not area.is_empty:
            pix.set_rect(area, (0, 0, 0))
    return pix.tobytes("png") if content_type == PNG else pix.tobytes("jpeg", jpg_quality=90)


def pdf_text(data: bytes) -> str:
    """Everything a reader could extract from a PDF: each page's text, then its metadata values.

    Raises:
        RedactionError: the file cannot be read.
    """
    with _open(data, PDF) as doc:
        parts = [page.get_text() for page in doc]
        parts += [str(v) for v in (doc.metadata or {}).values() if v]
        parts.append(doc.get_xml_metadata() or "")
    return "\n".join(parts)


def log_page_html(title: str, headings: tuple[str, str, str], rows: list[tuple[int, str, str]]) -> str:
    """The redaction log's page (``redact``'s ``log_html``): a title and one row per box, escaped."""
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headings)
    body = "".join(f"<tr><td>{page}</td><td>{html.escape(where)}</td><td>{html.escape(ground)}</td></tr>"
                   for page, where, ground in rows)
    return f"<h1>{html.escape(title)}</h1><table><tr>{head}</tr>{body}</table>"
