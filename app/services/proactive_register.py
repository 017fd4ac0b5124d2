"""The register of documents the Council publishes of its own motion (art. 10), kept on the disclosure log.

Staff add a document with a title, a description, a category of art. 10
(``workflows.statute.PUBLICATION_CATEGORIES``) and its files; it is published at once
under its own reference (``PUB-<year>-<number>``). A PDF is published without its
metadata and hidden content, an image re-encoded without its metadata (as answers'
files are); office and CSV files as given — they are the body's own documents. An
entry can be taken off the log with a reason. Counted in the annual report
("proactive publications").
"""
from __future__ import annotations

import hashlib
from datetime import datetime

from flask import current_app

from app.extensions import db
from app.models.disclosure import Disclosure, DisclosureFile
from app.services import disclosure_log
from app.services.attachments import Upload, attachments_dir, stored_files
from app.services.calendar import today_local, utc_now
from app.services.cases import PayloadInvalid
from app.services.disclosures import SUMMARY_LIMIT, TITLE_LIMIT, check_manager
from app.services.redaction import REDACTABLE, RedactionError, redact
from app.services.references import next_in_series
from workflows import disclosure as rules
from workflows.disclosure import PublicationState
from workflows.statute import PUBLICATION_CATEGORIES

PREFIX = "PUB"


def check_entry(title, description, category, uploads) -> dict[str, str]:
    """``{field: message}`` for a register entry (empty: acceptable)."""
    errors = {}
    if not isinstance(title, str) or not title.strip():
        errors["title"] = "Give the document a title."
    elif len(title.strip()) > TITLE_LIMIT:
        errors["title"] = "This text is too long."
    if isinstance(description, str) and len(description.strip()) > SUMMARY_LIMIT:
        errors["description"] = "This text is too long."
    if category not in PUBLICATION_CATEGORIES:
        errors["category"] = "Choose a category of art. 10."
    if not uploads:
        errors["files"] = "Add the document's file."
    elif len(uploads) > current_app.config["REGISTER_DOCUMENTS_MAX_FILES"]:
        errors["files"] = "Too many files for one document."
    return errors


def add_document(title, description, category, uploads, actor, now: datetime | None = None) -> Disclosure:
    """Publish a document of the register at once, and commit.

    Args:
        uploads: checked files (``attachments.check_uploads(files, released_documents.document_rules())``).

    Raises:
        PermissionError: ``actor`` does not manage publications.
        PayloadInvalid: ``{field: message}`` (title, description, category, files).
    """
    now = now or utc_now()
    check_manager(actor)
    errors = check_entry(title, description, category, uploads)
    if errors:
        raise PayloadInvalid(errors)
    copies = []
    for upload in uploads:
        try:
            data = redact(upload.data, upload.content_type, []) if upload.content_type in REDACTABLE else upload.data
        except RedactionError as exc:
            raise PayloadInvalid({"files": exc.message % exc.values}) from None
        copies.append(Upload(upload.original_name, upload.content_type, upload.extension, data,
                             hashlib.sha256(data).hexdigest()))
    entry = Disclosure(source="register", reference=next_in_series(PREFIX, today_local(now).year),
                       status=PublicationState.PUBLISHED.value, title=title.strip(),
                       summary=(description or "").strip() or None, category=category, published_at=now,
                       published_by_id=actor.id, summary_reviewed_at=now, summary_reviewed_by_id=actor.id,
                       created_at=now, updated_at=now)
    entry.document = disclosure_log.search_document(entry)
    db.session.add(entry)

    def add_row(_entry, copy, stored_name):   # the public copy is the only one kept
        entry.files.append(DisclosureFile(
            position=len(entry.files) + 1, source_stored_name=stored_name, content_type=copy.content_type,
            treatment="as_is", stored_name=stored_name, size=copy.size, sha256=copy.sha256, redaction_log=[],
            published_at=now))

    try:
        with stored_files(entry, copies, add_row):
            db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    return entry


def take_down(reference: str, reason, actor, now: datetime | None = None) -> Disclosure:
    """Take a register entry off the log with ``reason``, and commit (its files are deleted).

    Raises:
        PermissionError; LookupError (no such register entry); PayloadInvalid (``reason``);
        TransitionRefused (already taken down).
    """
    now = now or utc_now()
    check_manager(actor)
    entry = db.session.execute(db.select(Disclosure).filter_by(reference=reference, source="register")
                               ).scalar_one_or_none()
    if entry is None:
        raise LookupError(reference)
    problem = rules.reason_problem(reason)
    if problem:
        raise PayloadInvalid({"reason": problem})
    entry.status = rules.move(entry.status, "withhold").value
    entry.withheld_at, entry.withheld_by_id, entry.withheld_reason = now, actor.id, reason.strip()
    names = [f.stored_name for f in entry.files if f.stored_name]
    for item in entry.files:
        item.stored_name = None
    try:
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    for name in names:
        (attachments_dir() / name).unlink(missing_ok=True)
    return entry
