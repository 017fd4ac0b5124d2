"""Letters to the applicant: rendered to PDF, stored with their SHA-256, never changed.

One template per kind in ``templates/letters/`` over ``letters/_base.html``; the
facts come from ``app.services.letter_facts`` (periods, articles and grounds
from ``workflows.statute``). Letters are written in the case's language
(``ar`` right-to-left, or ``fr``); every user-supplied value is escaped by Jinja
and wrapped in a span of its own direction.
"""
from __future__ import annotations

import base64
import functools
import hashlib
import io
from datetime import datetime
from urllib.parse import urlencode

import qrcode
from qrcode.image.pil import PilImage
from flask import current_app, send_file
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from app.extensions import db
from app.models.letter import Letter
from app.models.user import Role, User
from app.pdf import render_pdf
from app.services.answer_delivery import record_at_issue
from app.services.calendar import utc_now
from app.services.counted_nouns import counted, day_count
from app.services.file_types import size_label
from app.services.letter_facts import LETTER_KINDS, LetterUnavailable, case_facts, kind_facts
from app.services.letter_text import bidi_runs, direction, gregorian, hijri, long_date, titles
from app.services.timeline import record_event
from config import BASE_DIR
from workflows import statute
from workflows.calendar import local_date

# Letters signed by the head of the body (art. 19); the others by the designated officer
# or the complaints unit.
HEAD_SIGNED = frozenset({"head_complaint_acknowledgment", "head_decision"})

__all__ = ["HEAD_SIGNED", "LETTER_KINDS", "LetterUnavailable", "applicant_receipt", "issue_letter",
           "letter_environment", "letter_filename", "letter_html", "letter_response", "qr_data_uri",
           "receipt_response", "render_letter", "status_url"]


def issue_letter(case, kind: str, actor=None, now: datetime | None = None,
                 access_code: str | None = None) -> Letter:
    """Render letter ``kind`` for ``case`` and append it to ``case.letters`` (not committed).

    The caller's unit of work commits it with the transition that caused it. The
    stored bytes and their SHA-256 are never changed afterwards; a letter issued
    again is a new row. A ``letter`` event is added to the case timeline. Rendering
    does not flush: call it before the unit of work's first write, so that no lock
    is held while the PDF is made.

    A stored letter never carries a secret: staff of every role can download it.
    The applicant's copy of the acknowledgment that prints the access code is made
    on demand by ``applicant_receipt`` and never stored.

    Args:
        case: the case, in the current session.
        kind: one of ``LETTER_KINDS`` (see ``action_rules.LETTER_AFTER``).
        actor: the staff user issuing it (named in the signature), or None.
        now: the instant of issue, naive UTC (default: now); its Casablanca date dates the letter.
        access_code: must be None (kept for compatibility: a stored letter never prints it).

    Raises:
        LetterUnavailable: unknown kind, the case lacks the facts the letter states, or an
            access code was given.
        app.pdf.AssetRefused: the template referred to something outside the letter assets.
    """
    if access_code is not None:
        raise LetterUnavailable("a stored letter never prints the access code: see applicant_receipt")
    now = now or utc_now()
    pdf = render_letter(case, kind, now, actor=actor)
    digest = hashlib.sha256(pdf).hexdigest()
    letter = Letter(kind=kind, language=_language(case), issued_at=now, pdf=pdf, sha256=digest,
                    issued_by_id=actor.id if actor is not None else None)
    case.letters.append(letter)
    delivered = record_at_issue(case, letter, now)
    record_event(case, "letter", actor, code="letter_issued", params={"kind": kind}, at=now,
                 data={"kind": kind, "language": letter.language, "sha256": digest,
                       **({"delivered": delivered} if delivered else {})})
    return letter


def render_letter(case, kind: str, now: datetime, actor=None, access_code: str | None = None,
                  draft: bool = False) -> bytes:
    """The PDF bytes of letter ``kind`` for ``case``, dated by ``now`` (naive UTC).

    Renders only; stores nothing. ``draft`` marks every page as a draft, not issued
    (the preview of ``app.services.letter_preview``). Raises like ``issue_letter``.
    """
    html, qr_uri = letter_html(case, kind, now, actor, access_code=access_code, draft=draft)
    return render_pdf(html, data_uris=(qr_uri,))


def applicant_receipt(case, access_code: str) -> bytes:
    """The applicant's copy of the acknowledgment: the stored receipt's text plus the access code.

    Rendered on demand for the person who holds the code (right after submitting, or
    at the counter), dated like the stored receipt, and never stored, logged or
    e-mailed. The caller has checked ``access_code`` against the case.

    Raises:
        LetterUnavailable: the case has no acknowledgment.
    """
    stored = next((letter for letter in case.letters if letter.kind == "acknowledgment"), None)
    if stored is None:
        raise LetterUnavailable(f"case {case.reference} has no acknowledgment")
    signer = db.session.get(User, stored.issued_by_id) if stored.issued_by_id else None
    return render_letter(case, "acknowledgment", stored.issued_at, actor=signer, access_code=access_code)


def receipt_response(case, access_code: str):
    """A Flask response with ``applicant_receipt`` as a PDF download (never cached)."""
    stored = next(letter for letter in case.letters if letter.kind == "acknowledgment")
    response = send_file(io.BytesIO(applicant_receipt(case, access_code)), mimetype="application/pdf",
                         as_attachment=True, download_name=letter_filename(stored), max_age=0)
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def letter_html(case, kind: str, now: datetime, actor=None, access_code: str | None = None,
                draft: bool = False) -> tuple[str, str]:
    """The letter as an HTML document and the ``data:`` URI of its QR code (for tests and previews).

    ``access_code`` is printed by the acknowledgment receipt only; the QR code and the
    status URL never carry it. ``draft`` adds the "draft — not issued" mark.
    """
    if access_code is not None and kind != "acknowledgment":
        raise LetterUnavailable(f"only the acknowledgment prints the access code, not {kind!r}")
    lang = _language(case)
    facts = kind_facts(case, kind, lang)
    url = status_url(case.reference)
    qr_uri = qr_data_uri(url)
    template = letter_environment().get_template(f"letters/{kind}.html")
    html = template.render(**_common(case, kind, lang, now, actor), **case_facts(case, lang), **facts,
                           kind=kind, status_url=url, qr_uri=qr_uri, access_code=access_code, draft=draft)
    return html, qr_uri


def status_url(reference: str) -> str:
    """The public status page of ``reference`` (never carries the access code)."""
    base = current_app.config["PUBLIC_BASE_URL"].rstrip("/")
    return f"{base}/status?{urlencode({'reference': reference})}"


def qr_data_uri(text: str) -> str:
    """``text`` as a QR code, in a PNG ``data:`` URI (one pixel per module, scaled by the CSS).

    PNG rather than SVG: WeasyPrint draws an SVG QR code path point by point, which
    tripled the time of a letter.
    """
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=1, border=1)
    code.add_data(text)
    buffer = io.BytesIO()
    code.make_image(image_factory=PilImage).save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def letter_filename(letter: Letter) -> str:
    """A download name such as ``DAI-2025-000012-answer-20251103-7.pdf`` (ASCII only).

    The date is the letter's own date: the Africa/Casablanca date of its issue (a letter
    issued at 23:30 UTC on 31 December 2026 is dated and named 2027-01-01).
    """
    kind = letter.kind.replace("_", "-")
    return f"{letter.case.reference}-{kind}-{local_date(letter.issued_at):%Y%m%d}-{letter.id}.pdf"


def letter_response(letter: Letter, as_attachment: bool = False):
    """A Flask response sending the stored PDF as issued (private, not cached by proxies)."""
    response = send_file(io.BytesIO(letter.pdf), mimetype="application/pdf", as_attachment=as_attachment,
                         download_name=letter_filename(letter), etag=letter.sha256, max_age=0)
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def _signer(kind: str, actor, lang: str) -> str:
    """The name under the signature, in the letter's script (``User.name_in``): the issuing staff
    member's, but on the head's letters only the head's."""
    if actor is None or not (actor.full_name or actor.full_name_ar):
        return ""
    if kind in HEAD_SIGNED and actor.role != Role.HEAD.value:
        return ""
    return actor.name_in(lang)


def _language(case) -> str:
    return case.language if case.language in ("ar", "fr") else "ar"


def _institution(lang: str) -> dict:
    """The letterhead's ``INSTITUTION`` settings in ``lang``: ``{"country": ..., "body": ..., "city": ...}``."""
    suffix = "_" + lang
    return {key.removesuffix(suffix): value for key, value in current_app.config["INSTITUTION"].items()
            if key.endswith(suffix)}


def _common(case, kind: str, lang: str, now: datetime, actor) -> dict:
    day = local_date(now)
    return {
        "lang": lang, "dir": "rtl" if lang == "ar" else "ltr",
        "inst": _institution(lang), "inst_ar": _institution("ar"), "inst_fr": _institution("fr"),
        "reference": case.reference, "issued_on": day,
        "date_gregorian": gregorian(day, lang), "date_hijri": hijri(day, lang),
        "party": case.party, "signer": _signer(kind, actor, lang),
        "periods": statute.PERIODS, "statute": statute, "titles": titles(lang),
    }


@functools.cache
def letter_environment() -> Environment:
    """The letters' own Jinja environment over ``templates/``: autoescape always on, undefined names
    are errors, filters ``direction``, ``bidi_runs``, ``long_date``, ``day_count`` and ``counted``, and
    ``file_size(bytes, lang)``.
    Flask's context processors do not run."""
    env = Environment(loader=FileSystemLoader(str(BASE_DIR / "templates")), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters.update(direction=direction, long_date=long_date, bidi_runs=bidi_runs, day_count=day_count,
                       counted=counted)
    env.globals["file_size"] = size_label   # file_size(bytes, lang)
    return env
