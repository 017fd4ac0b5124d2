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
from app.services.file_types import FileRefused, extension, identify, size_label, type_names

MAX_ATTACHMENTS = 3
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


@dataclass(frozen=True)
class UploadRules:
    """What one kind of upload accepts (the applicant's attachments, the released documents …).

    Attributes:
        types: accepted MIME types (``app.services.file_types``).
        max_bytes: bytes per file.
        max_files: files per upload.
        max_total_bytes: bytes of all the files of one upload together (None: no such limit).
        refusal: the sentence when a file is of another type (``%(name)s``: its name,
            ``%(types)s``: the accepted types).
    """

    types: tuple[str, ...]
    max_bytes: int
    max_files: int = MAX_ATTACHMENTS
    max_total_bytes: int | None = None
    refusal: str = "The file %(name)s is not a PDF, PNG or JPEG file."


def applicant_rules(max_files: int = MAX_ATTACHMENTS) -> UploadRules:
    """The rules of the applicant's attachments: ``ATTACHMENT_TYPES``, ``MAX_ATTACHMENT_BYTES``, ``max_files``."""
    config = current_app.config
    return UploadRules(tuple(config["ATTACHMENT_TYPES"]), config["MAX_ATTACHMENT_BYTES"], max_files,
                       config.get("MAX_SUBMISSION_ATTACHMENT_BYTES"))


def sniff(data: bytes, name: str = "") -> tuple[str, str] | None:
    """``(content_type, extension)`` judged by the content (``file_types.identify``), or None.

    Raises:
        FileRefused: a damaged office document, or a ``.csv`` file that is not clean CSV.
    """
    mime = identify(data, name)
    return (mime, extension(mime)) if mime else None


def clean_name(name: str | None) -> str:
    """The client's file name without any directory part or control character (for display only)."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if ch.isprintable()).strip()
    return base[:NAME_LIMIT] or "attachment"


def check_uploads(files, rules: UploadRules | None = None) -> list[Upload]:
    """Read and check the uploaded files (werkzeug ``FileStorage`` objects).

    Empty file inputs (no file chosen) are ignored. The type is decided by the
    content signature, never by the client's file name or Content-Type header.

    Args:
        files: an iterable of ``FileStorage``.
        rules: what is accepted (default: ``applicant_rules()``).

    Returns:
        The checked uploads, in order (at most ``rules.max_files``).

    Raises:
        AttachmentError: too many files, a file too large (``rules.max_bytes`` bytes
            each), files too large together (``rules.max_total_bytes``), empty, or of a
            type outside ``rules.types``.
    """
    rules = rules or applicant_rules()
    chosen = [f for f in files if f is not None and (f.filename or "").strip()]
    if len(chosen) > rules.max_files:
        raise AttachmentError("At most %(count)d files may be attached.", count=rules.max_files)
    uploads = [_check_one(f, rules) for f in chosen]
    if rules.max_total_bytes and sum(u.size for u in uploads) > rules.max_total_bytes:
        raise AttachmentError("Together, the files are larger than %(size)s.", size=megabytes(rules.max_total_bytes))
    return uploads


def _check_one(storage, rules: UploadRules) -> Upload:
    limit = rules.max_bytes
    name = clean_name(storage.filename)
    data = storage.stream.read(limit + 1)
    if len(data) > limit:
        raise AttachmentError("The file %(name)s is larger than %(size)s.", name=name, size=megabytes(limit))
    if not data:
        raise AttachmentError("The file %(name)s is empty.", name=name)
    try:
        kind = sniff(data, name)
    except FileRefused as exc:
        raise AttachmentError(exc.message, name=name) from None
    if kind is None or kind[0] not in rules.types:
        raise AttachmentError(rules.refusal, name=name, types=type_names(rules.types))
    return Upload(name, kind[0], kind[1], data, hashlib.sha256(data).hexdigest())


def megabytes(size: int) -> str:
    """A size limit for people, in the page's language: "5 ميغابايت" / "5 Mo" (``file_types.size_label``)."""
    return size_label(size)


def attachments_dir() -> Path:
    """The folder of stored attachments (``ATTACHMENTS_DIR``, outside the web root)."""
    return Path(current_app.config["ATTACHMENTS_DIR"])


@contextmanager
def stored_files(case, uploads, add_row=None):
    """Write ``uploads`` and add their rows to ``case``; undo the files if the block fails.

    ``add_row(case, upload, stored_name)`` adds the row of one stored file (default:
    an ``Attachment`` in ``case.attachments``).

    Use it around the commit of the unit of work that saves ``case``::

        with stored_files(case, uploads):
            db.session.commit()

    Each file gets a random name (128 bits) with the extension of its detected
    type, and is written with owner-only permissions. With ``message`` (a thread
    message), the rows are also that message's attachments.
    """
    written: list[Path] = []
    try:
        for upload in uploads:
            written.append(_write(upload))
            (add_row or attachment_row)(case, upload, written[-1].name)
        yield written
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise


def attachment_row(case, upload: Upload, stored_name: str, message=None) -> None:
    """Add the ``Attachment`` row of one stored file to ``case`` (of a reply ``message``, if given)."""
    case.attachments.append(Attachment(original_name=upload.original_name, stored_name=stored_name,
                                       content_type=upload.content_type, size=upload.size, sha256=upload.sha256,
                                       message=message))


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
