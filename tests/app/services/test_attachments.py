"""Attachments: type by content signature, size and count limits, no orphan row or file."""
import io

import pytest
from werkzeug.datastructures import FileStorage

from app.extensions import db
from app.models import Attachment, Case
from app.services.attachments import (MAX_ATTACHMENTS, AttachmentError, check_uploads, clean_name, sniff,
                                      stored_files)
from tests.conftest import COMPLAINT

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"


def upload(data: bytes, name="file.pdf", mimetype="application/pdf") -> FileStorage:
    return FileStorage(io.BytesIO(data), filename=name, content_type=mimetype)


def folder_files(app):
    folder = app.config["ATTACHMENTS_DIR"]
    return sorted(folder.iterdir()) if folder.exists() else []


@pytest.mark.parametrize("data, expected", [
    (PDF, "application/pdf"), (PNG, "image/png"), (JPEG, "image/jpeg"),
    (b"GIF89a....", "image/gif"), (b"MZ\x90\x00", None), (b"<html>%PDF-", None), (b"", None)])
def test_type_is_decided_by_the_content_signature(data, expected):
    found = sniff(data)
    assert (found[0] if found else None) == expected


def test_client_name_and_header_do_not_decide_the_type(ctx):
    with pytest.raises(AttachmentError, match="not a PDF, PNG or JPEG"):
        check_uploads([upload(b"MZ\x90\x00evil", "scan.pdf", "application/pdf")])
    checked = check_uploads([upload(PNG, "photo.pdf", "application/pdf")])
    assert checked[0].content_type == "image/png" and checked[0].extension == ".png"


def test_size_count_and_empty_limits(ctx, monkeypatch):
    monkeypatch.setitem(ctx.config, "MAX_ATTACHMENT_BYTES", 100)
    assert len(check_uploads([upload(PDF + b"x" * (100 - len(PDF)))])) == 1
    with pytest.raises(AttachmentError, match="larger than 100 بايت"):
        check_uploads([upload(PDF + b"x" * 100)])
    with pytest.raises(AttachmentError, match="empty"):
        check_uploads([upload(b"")])
    with pytest.raises(AttachmentError, match="At most 3"):
        check_uploads([upload(PDF, f"{i}.pdf") for i in range(MAX_ATTACHMENTS + 1)])


def test_empty_file_inputs_are_ignored(ctx):
    assert check_uploads([FileStorage(io.BytesIO(b""), filename=""), None]) == []


def test_client_names_lose_their_directories_and_control_characters():
    assert clean_name("C:\\Users\\x\\..\\rapport.pdf") == "rapport.pdf"
    assert clean_name("../../etc/passwd\n") == "passwd"
    assert clean_name("") == "attachment"
    assert clean_name("صورة الطريق.jpg") == "صورة الطريق.jpg"


def test_registration_stores_files_under_random_names_with_their_rows(register, ctx):
    uploads = check_uploads([upload(PDF, "constat.pdf"), upload(JPEG, "photo.jpg", "image/jpeg")])
    case = register("complaint", attachments=uploads).case
    rows = sorted(case.attachments, key=lambda a: a.original_name)
    assert [(a.original_name, a.content_type, a.size) for a in rows] == [
        ("constat.pdf", "application/pdf", len(PDF)), ("photo.jpg", "image/jpeg", len(JPEG))]
    path = ctx.config["ATTACHMENTS_DIR"] / rows[0].stored_name
    assert path.read_bytes() == PDF and (path.stat().st_mode & 0o777) == 0o600
    assert len(rows[0].stored_name) == 36 and "constat" not in rows[0].stored_name
    assert rows[0].sha256 == __import__("hashlib").sha256(PDF).hexdigest()


def test_a_failed_commit_leaves_no_row_and_no_file(register, ctx, monkeypatch):
    before = folder_files(ctx)
    uploads = check_uploads([upload(PDF)])

    def broken_commit():
        raise RuntimeError("database went away")
    monkeypatch.setattr(db.session, "commit", broken_commit)
    with pytest.raises(RuntimeError):
        register("complaint", attachments=uploads)
    monkeypatch.undo()
    assert folder_files(ctx) == before
    assert db.session.execute(db.select(db.func.count(Attachment.id))).scalar_one() == 0
    assert db.session.execute(db.select(db.func.count(Case.id))).scalar_one() == 0


def test_invalid_fields_write_no_file(register, ctx):
    from app.services.intake import IntakeError

    before = folder_files(ctx)
    bad = dict(COMPLAINT, description="")
    with pytest.raises(IntakeError):
        register("complaint", data=bad, attachments=check_uploads([upload(PDF)]))
    assert folder_files(ctx) == before


def test_stored_files_removes_what_it_wrote_when_the_block_fails(ctx):
    case = Case()
    uploads = check_uploads([upload(PDF), upload(PNG, "a.png")])
    with pytest.raises(ValueError):
        with stored_files(case, uploads) as written:
            assert all(p.exists() for p in written) and len(written) == 2
            raise ValueError("rollback")
    assert not any(p.exists() for p in written)
