"""Files a complainant attaches: checked by content, stored outside the web root.

Checking (``check_uploads``) reads nothing from disk and writes nothing, so a
submission with a bad file is refused before any row exists. Storing
(``stored_files``) writes each file under a generated random name and adds its
``Attachment`` row to the case in the caller's unit of work; if that unit of work
fails, the files written are removed again, so neither an orphan row nor an
orphan file remains.
"""
import hashlib
import os
import secrets
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from flask import current_app

from app.models.attachment import Attachment

MAX_ATTACHMENTS = 3
# Content signatures (magic bytes) → MIME type and the extension of the stored file.
SIGNATURES = (
    (b"%PDF-", "application/pdf", ".pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
)
NAME_LIMIT = 255


@dataclass(frozen=True)
class Upload:
    """A checked upload held in memory: what will be stored, with its fingerprint."""

    original_name: str
    content_type: str
    extension: str
    data: bytes
    sha256: str

    @property
    def size(self) -> int:
        return len(self.data)


class AttachmentError(ValueError):
    """An upload was refused: ``message`` is an English sentence for people (translated by the UI)."""

    def __init__(self, message: str, **values):
        super().__init__(message % values if values else message)
        self.message, self.values = message, values


def sniff(data: bytes) -> tuple[str, str] | None:
    """``(content_type, extension)`` from the file's first bytes, or None when not a known type."""
    return next(((mime, ext) for magic, mime, ext in SIGNATURES if data.startswith(magic)), None)


def clean_name(name: str | None) -> str:
    """The client's file name without any directory part or control character (for display only)."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if ch.isprintable()).strip()
    return base[:NAME_LIMIT] or "attachment"


def check_uploads(files) -> list[Upload]:
    """Read and check the uploaded files (werkzeug ``FileStorage`` objects).

    Empty file inputs (no file chosen) are ignored. The type is decided by the
    content signature, never by the client's file name or Content-Type header.

    Args:
        files: an iterable of ``FileStorage``.

    Returns:
        The checked uploads, in order (at most ``MAX_ATTACHMENTS``).

    Raises:
        AttachmentError: too many files, a file too large (``MAX_ATTACHMENT_BYTES``
            bytes each), files too large together (``MAX_SUBMISSION_ATTACHMENT_BYTES``),
            empty, or of a type outside ``ATTACHMENT_TYPES``.
    """
    chosen = [f for f in files if f is not None and (f.filename or "").strip()]
    if len(chosen) > MAX_ATTACHMENTS:
        raise AttachmentError("At most %(count)d files may be attached.", count=MAX_ATTACHMENTS)
    uploads = [_check_one(f) for f in chosen]
    limit = current_app.config.get("MAX_SUBMISSION_ATTACHMENT_BYTES")
    if limit and sum(u.size for u in uploads) > limit:
        raise AttachmentError("Together, the files are larger than %(size)s.", size=_megabytes(limit))
    return uploads


def _check_one(storage) -> Upload:
    limit = current_app.config["MAX_ATTACHMENT_BYTES"]
    name = clean_name(storage.filename)
    data = storage.stream.read(limit + 1)
    if len(data) > limit:
        raise AttachmentError("The file %(name)s is larger than %(size)s.", name=name, size=_megabytes(limit))
    if not data:
        raise AttachmentError("The file %(name)s is empty.", name=name)
    kind = sniff(data)
    if kind is None or kind[0] not in current_app.config["ATTACHMENT_TYPES"]:
        raise AttachmentError("The file %(name)s is not a PDF, PNG or JPEG file.", name=name)
    return Upload(name, kind[0], kind[1], data, hashlib.sha256(data).hexdigest())


def _megabytes(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):g} MB"
    return f"{size / 1024:g} KB" if size >= 1024 else f"{size} bytes"


def attachments_dir() -> Path:
    """The folder of stored attachments (``ATTACHMENTS_DIR``, outside the web root)."""
    return Path(current_app.config["ATTACHMENTS_DIR"])


@contextmanager
def stored_files(case, uploads):
    """Write ``uploads`` and add their rows to ``case``; undo the files if the block fails.

    Use it around the commit of the unit of work that saves ``case``::

        with stored_files(case, uploads):
            db.session.commit()

    Each file gets a random name (128 bits) with the extension of its detected
    type, and is written with owner-only permissions.
    """
    written: list[Path] = []
    try:
        for upload in uploads:
            written.append(_write(upload))
            case.attachments.append(Attachment(
                original_name=upload.original_name, stored_name=written[-1].name,
                content_type=upload.content_type, size=upload.size, sha256=upload.sha256))
        yield written
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise


def _write(upload: Upload) -> Path:
    folder = attachments_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (secrets.token_hex(16) + upload.extension)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(upload.data)
    return path


def attachment_path(attachment: Attachment) -> Path:
    """Where ``attachment``'s file is stored (for staff download)."""
    return attachments_dir() / attachment.stored_name


def download(attachment: Attachment) -> tuple[Path, str, str] | None:
    """``(path, content type, file name)`` to send ``attachment``, or None when its file is missing.

    The type is sniffed again from the stored bytes, and the name's extension is
    always that type's (a PDF is ``.pdf`` whatever the applicant called it); an
    unknown content goes out as ``application/octet-stream`` with ``.bin``. The
    client's other dots become ``_`` so that no second extension survives.
    """
    path = attachment_path(attachment)
    if not path.is_file():
        return None
    with path.open("rb") as handle:
        kind = sniff(handle.read(16))
    content_type, extension = kind or ("application/octet-stream", ".bin")
    stem = clean_name(attachment.original_name).rsplit(".", 1)[0].replace(".", "_").strip(" _")
    return path, content_type, f"{stem or f'attachment-{attachment.id}'}{extension}"
